// RefLister against git: the refs, their tips, upstreams and ahead/behind counts
// (against the upstream and against the default branch) must be what
// `git for-each-ref` and `git rev-list --left-right --count` say.

#include "GitTestHelpers.h"
#include "TestEnvironment.h"
#include "git/AheadBehindCounter.h"
#include "git/RefLister.h"

#include <QTest>

using namespace devdash;
using namespace devdash::git;
using namespace devdash::test;

namespace {

struct GitRef
{
    QString fullName;
    QString shortName;
    QString commit; // peeled
    QString upstream; // short, as git prints it
    QString upstreamFull; // refs/remotes/origin/main
};

// Branches, remote-tracking branches (not symbolic) and tags that peel to commits.
QList<GitRef> gitRefs(TestRepo &git)
{
    QList<GitRef> refs;
    const QStringList lines = git.gitLines({ QStringLiteral("for-each-ref"),
        QStringLiteral("--format=%(refname)%09%(refname:short)%09%(objectname)"
                       "%09%(symref)%09%(upstream:short)%09%(upstream)"),
        QStringLiteral("refs/heads"), QStringLiteral("refs/remotes"), QStringLiteral("refs/tags") });
    QStringList toPeel;
    for (const QString &line : lines) {
        const QStringList f = line.split(QLatin1Char('\t'));
        if (f.size() < 6 || !f[3].isEmpty())
            continue;
        refs.append({ f[0], f[1], f[2], f[4], f[5] });
        toPeel << f[0] + QStringLiteral("^{}");
    }
    if (refs.isEmpty())
        return refs;
    // One cat-file run peels every ref (tags of tags included) and gives the type.
    QByteArray input = toPeel.join(QLatin1Char('\n')).toUtf8() + '\n';
    const QStringList peeled = QString::fromUtf8(
        git.gitBytes(
            { QStringLiteral("cat-file"), QStringLiteral("--batch-check=%(objectname) %(objecttype)") },
            input))
                                   .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QList<GitRef> commits;
    for (int i = 0; i < refs.size() && i < peeled.size(); ++i) {
        if (!peeled[i].endsWith(QLatin1String(" commit")))
            continue; // tags of trees and blobs
        refs[i].commit = peeled[i].section(QLatin1Char(' '), 0, 0);
        commits.append(refs[i]);
    }
    return commits;
}

QPair<int, int> gitAheadBehind(TestRepo &git, const QString &a, const QString &b)
{
    const QString out = git.git({ QStringLiteral("rev-list"), QStringLiteral("--left-right"),
        QStringLiteral("--count"), a + QStringLiteral("...") + b, QStringLiteral("--") });
    const QStringList f = out.split(QLatin1Char('\t'));
    return { f.value(0).toInt(), f.value(1).toInt() };
}

} // namespace

class TestRefLister : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void matchesGit_data();
    void matchesGit();
    void branchThatMergedTheBase();
    void defaultBranch_data();
    void defaultBranch();
    void originHeadLeftOut();
    void detachedHead();
    void unbornHead();
    void moreThan64Tips();
    void staleGraph();
    void counterAgainstGit();

private:
    void compareWithGit(const QString &path, TestRepo &repo);
    ScenarioCache m_scenarios;
};

void TestRefLister::initTestCase()
{
    QVERIFY(TestEnvironment::setUp());
}

void TestRefLister::compareWithGit(const QString &path, TestRepo &repo)
{
    TestRepo git = repo.at(path);
    auto listing = RefLister::list(path);
    QVERIFY2(listing, qPrintable(listing.errorMessage()));
    DEVDASH_VERIFY_REPO(repo);

    const QList<GitRef> expected = gitRefs(git);
    QMap<QString, const RefInfo *> byName;
    for (const RefInfo &info : listing->refs) {
        QVERIFY2(!byName.contains(info.fullName), qPrintable(info.fullName));
        byName.insert(info.fullName, &info);
    }
    QStringList expectedNames;
    for (const GitRef &ref : expected)
        expectedNames << ref.fullName;
    QStringList actualNames = byName.keys();
    expectedNames.sort();
    actualNames.sort();
    QCOMPARE(actualNames, expectedNames);

    // HEAD as git sees it.
    QString headRef;
    const bool unborn = git.tryGit({ QStringLiteral("rev-parse"), QStringLiteral("-q"),
                            QStringLiteral("--verify"), QStringLiteral("HEAD") })
        != 0;
    const bool detached
        = git.tryGit(
              { QStringLiteral("symbolic-ref"), QStringLiteral("-q"), QStringLiteral("HEAD") }, &headRef)
        != 0;
    headRef = headRef.trimmed();
    QCOMPARE(listing->headUnborn, unborn);
    QCOMPARE(listing->headDetached, detached);
    if (!unborn)
        QCOMPARE(hex(listing->head), git.revParse(QStringLiteral("HEAD")));

    const QString base = listing->base.fullName;
    bool baseExists = false;
    for (const GitRef &ref : expected)
        baseExists |= ref.fullName == base;

    for (const GitRef &ref : expected) {
        const RefInfo &info = *byName.value(ref.fullName);
        const QByteArray what = ref.fullName.toUtf8();
        QVERIFY2(hex(info.commit) == ref.commit, what.constData());
        QVERIFY2(info.name == ref.shortName, qPrintable(info.name + QStringLiteral(" vs ") + ref.shortName));
        const RefKind kind = ref.fullName.startsWith(u"refs/heads/") ? RefKind::Local
            : ref.fullName.startsWith(u"refs/remotes/")              ? RefKind::Remote
                                                                     : RefKind::Tag;
        QVERIFY2(info.kind == kind, what.constData());
        QVERIFY2(info.isHead == (!detached && ref.fullName == headRef), what.constData());

        // Upstream and its counts.
        QVERIFY2(info.upstream == ref.upstream,
            qPrintable(
                ref.fullName + QStringLiteral(": ") + info.upstream + QStringLiteral(" vs ") + ref.upstream));
        const bool upstreamExists = !ref.upstream.isEmpty()
            && git.tryGit({ QStringLiteral("rev-parse"), QStringLiteral("-q"), QStringLiteral("--verify"),
                   ref.upstreamFull })
                == 0;
        QVERIFY2(info.ahead.has_value() == upstreamExists, what.constData());
        QVERIFY2(info.behind.has_value() == upstreamExists, what.constData());
        if (upstreamExists) {
            const auto [ahead, behind] = gitAheadBehind(git, ref.fullName, ref.upstreamFull);
            QVERIFY2(*info.ahead == ahead && *info.behind == behind,
                qPrintable(QStringLiteral("%1 vs upstream: %2/%3, git says %4/%5")
                               .arg(ref.fullName)
                               .arg(*info.ahead)
                               .arg(*info.behind)
                               .arg(ahead)
                               .arg(behind)));
        }

        // Against the default branch.
        QCOMPARE(info.baseFullName, base);
        QCOMPARE(info.base, listing->base.shortName);
        QVERIFY2(info.baseAhead.has_value() == baseExists, what.constData());
        if (baseExists) {
            const auto [ahead, behind] = gitAheadBehind(git, ref.fullName, base);
            QVERIFY2(*info.baseAhead == ahead && *info.baseBehind == behind,
                qPrintable(QStringLiteral("%1 vs %2: %3/%4, git says %5/%6")
                               .arg(ref.fullName, base)
                               .arg(*info.baseAhead)
                               .arg(*info.baseBehind)
                               .arg(ahead)
                               .arg(behind)));
            QCOMPARE(info.isMerged(), ahead == 0 && ref.fullName != base);
        }
    }

    // Tip metadata, in one git call.
    if (!expected.isEmpty()) {
        QStringList args { QStringLiteral("show"), QStringLiteral("-s"),
            QStringLiteral("--format=%H%x09%ct%x09%s") };
        for (const GitRef &ref : expected)
            args << ref.commit;
        QHash<QString, QStringList> meta;
        for (const QString &line : git.gitLines(args))
            meta.insert(line.section(QLatin1Char('\t'), 0, 0), line.split(QLatin1Char('\t')));
        for (const GitRef &ref : expected) {
            const RefInfo &info = *byName.value(ref.fullName);
            QCOMPARE(info.committedAt.toSecsSinceEpoch(), meta.value(ref.commit).value(1).toLongLong());
            QCOMPARE(info.summary, meta.value(ref.commit).value(2));
            QCOMPARE(info.author, QStringLiteral("DevDash Test"));
        }
    }
}

void TestRefLister::matchesGit_data()
{
    QTest::addColumn<QString>("scenario");
    for (const QString &name : Scenarios::names())
        QTest::newRow(qPrintable(name)) << name;
}

void TestRefLister::matchesGit()
{
    QFETCH(QString, scenario);
    auto *entry = m_scenarios.get(scenario);
    DEVDASH_VERIFY_REPO(entry->repo);
    if (scenario == u"latin1")
        QSKIP("authors differ on purpose; covered by tst_commitdiff");
    compareWithGit(entry->scenario.path, entry->repo);
}

// A feature branch that merged main into itself: the commits below the merge are
// reachable from main through the merge's second parent, so they are not "ahead".
void TestRefLister::branchThatMergedTheBase()
{
    TestRepo repo;
    repo.init();
    repo.commit(QStringLiteral("root"), { { QStringLiteral("r.txt"), "r\n" } });
    repo.checkoutNew(QStringLiteral("feature"));
    repo.commit(QStringLiteral("feature work"), { { QStringLiteral("f.txt"), "f\n" } });
    repo.checkout(QStringLiteral("main"));
    repo.commit(QStringLiteral("main work"), { { QStringLiteral("m.txt"), "m\n" } });
    repo.checkout(QStringLiteral("feature"));
    repo.merge({ QStringLiteral("main") }, QStringLiteral("Merge main into feature"));
    DEVDASH_VERIFY_REPO(repo);
    compareWithGit(repo.path(), repo);
}

void TestRefLister::defaultBranch_data()
{
    QTest::addColumn<QStringList>("branches");
    QTest::addColumn<QString>("configured");
    QTest::addColumn<QString>("expected");
    QTest::newRow("main") << QStringList { QStringLiteral("main"), QStringLiteral("dev") } << QString()
                          << QStringLiteral("main");
    QTest::newRow("master") << QStringList { QStringLiteral("master"), QStringLiteral("dev") } << QString()
                            << QStringLiteral("master");
    QTest::newRow("main before master") << QStringList { QStringLiteral("master"), QStringLiteral("main") }
                                        << QString() << QStringLiteral("main");
    QTest::newRow("init.defaultBranch") << QStringList { QStringLiteral("main"), QStringLiteral("trunk") }
                                        << QStringLiteral("trunk") << QStringLiteral("trunk");
    QTest::newRow("init.defaultBranch missing")
        << QStringList { QStringLiteral("master") } << QStringLiteral("trunk") << QStringLiteral("master");
    QTest::newRow("none") << QStringList { QStringLiteral("dev"), QStringLiteral("feature") } << QString()
                          << QString();
}

void TestRefLister::defaultBranch()
{
    QFETCH(QStringList, branches);
    QFETCH(QString, configured);
    QFETCH(QString, expected);
    TestRepo repo;
    repo.init({}, branches.first());
    repo.commit(QStringLiteral("first"));
    for (const QString &name : branches.mid(1))
        repo.branch(name);
    if (!configured.isEmpty())
        repo.git({ QStringLiteral("config"), QStringLiteral("init.defaultBranch"), configured });
    DEVDASH_VERIFY_REPO(repo);

    auto opened = Repository::open(repo.path());
    QVERIFY2(opened, qPrintable(opened.errorMessage()));
    const Repository::DefaultBranch base = opened->defaultBranch();
    QCOMPARE(base.shortName, expected);
    QCOMPARE(base.fullName, expected.isEmpty() ? QString() : QStringLiteral("refs/heads/") + expected);

    auto listing = RefLister::list(repo.path());
    QVERIFY2(listing, qPrintable(listing.errorMessage()));
    QCOMPARE(listing->base.shortName, expected);
    for (const RefInfo &info : listing->refs)
        QCOMPARE(info.baseAhead.has_value(), !expected.isEmpty());
    compareWithGit(repo.path(), repo);
}

// A clone's default branch is what origin/HEAD points to, even when a local main
// exists; and origin/HEAD itself is not a branch.
void TestRefLister::originHeadLeftOut()
{
    auto *entry = m_scenarios.get(QStringLiteral("remote"));
    DEVDASH_VERIFY_REPO(entry->repo);
    auto listing = RefLister::list(entry->scenario.path);
    QVERIFY2(listing, qPrintable(listing.errorMessage()));
    QCOMPARE(listing->base.shortName, QStringLiteral("origin/main"));
    QCOMPARE(listing->base.fullName, QStringLiteral("refs/remotes/origin/main"));
    for (const RefInfo &info : listing->refs)
        QVERIFY2(!info.fullName.endsWith(u"/HEAD"), qPrintable(info.fullName));

    // origin/HEAD moved to another branch: the base follows.
    TestRepo clone = entry->repo.sibling(QStringLiteral("clone-develop"));
    clone.git({ QStringLiteral("clone"), QStringLiteral("-q"), entry->scenario.path, clone.path() });
    clone.git({ QStringLiteral("remote"), QStringLiteral("set-head"), QStringLiteral("origin"),
        QStringLiteral("dev") });
    DEVDASH_VERIFY_REPO(clone);
    auto moved = Repository::open(clone.path());
    QVERIFY(moved);
    QCOMPARE(moved->defaultBranch().shortName, QStringLiteral("origin/dev"));
    compareWithGit(clone.path(), clone);
}

void TestRefLister::detachedHead()
{
    auto *entry = m_scenarios.get(QStringLiteral("detached"));
    DEVDASH_VERIFY_REPO(entry->repo);
    auto listing = RefLister::list(entry->scenario.path);
    QVERIFY2(listing, qPrintable(listing.errorMessage()));
    QVERIFY(listing->headDetached);
    QVERIFY(!listing->headUnborn);
    QCOMPARE(hex(listing->head), entry->repo.head());
    for (const RefInfo &info : listing->refs)
        QVERIFY2(!info.isHead, qPrintable(info.name));
}

void TestRefLister::unbornHead()
{
    auto *entry = m_scenarios.get(QStringLiteral("empty"));
    DEVDASH_VERIFY_REPO(entry->repo);
    auto listing = RefLister::list(entry->scenario.path);
    QVERIFY2(listing, qPrintable(listing.errorMessage()));
    QVERIFY(listing->headUnborn);
    QVERIFY(!listing->headDetached);
    QVERIFY(listing->refs.isEmpty());
    QVERIFY(git_oid_is_zero(&listing->head));
    QCOMPARE(listing->repositoryName, QStringLiteral("repo"));
}

// More than 64 distinct tips: the reachability bitmaps span several words.
void TestRefLister::moreThan64Tips()
{
    auto *entry = m_scenarios.get(QStringLiteral("many_refs"));
    DEVDASH_VERIFY_REPO(entry->repo);
    TestRepo git = entry->repo.at(entry->scenario.path);
    QSet<QString> tips;
    for (const GitRef &ref : gitRefs(git))
        tips.insert(ref.commit);
    QVERIFY2(tips.size() > 64, qPrintable(QString::number(tips.size())));
    for (GraphMode mode : { GraphMode::None, GraphMode::Cache, GraphMode::Git }) {
        QVERIFY(setGraphMode(entry->repo, entry->scenario.path, mode).isEmpty());
        compareWithGit(entry->scenario.path, entry->repo);
        if (QTest::currentTestFailed())
            return;
    }
}

// Commits newer than the graph come from the overlay; counts must not change.
void TestRefLister::staleGraph()
{
    TestRepo repo;
    const Scenario sc = Scenarios::build(QStringLiteral("remote"), repo);
    DEVDASH_VERIFY_REPO(repo);
    QVERIFY(setGraphMode(repo, sc.path, GraphMode::Cache).isEmpty());
    repo.commit(QStringLiteral("after the graph 1"));
    repo.checkout(QStringLiteral("dev"));
    repo.merge({ QStringLiteral("origin/dev") }, QStringLiteral("merge upstream"));
    repo.commit(QStringLiteral("after the graph 2"));
    repo.checkout(QStringLiteral("main"));
    DEVDASH_VERIFY_REPO(repo);
    compareWithGit(sc.path, repo);
}

// AheadBehindCounter alone, on every pair of tips of a random history.
void TestRefLister::counterAgainstGit()
{
    auto *entry = m_scenarios.get(QStringLiteral("random_dag"));
    DEVDASH_VERIFY_REPO(entry->repo);
    TestRepo git = entry->repo.at(entry->scenario.path);
    QVERIFY(setGraphMode(entry->repo, entry->scenario.path, GraphMode::Cache).isEmpty());
    auto repo = Repository::open(entry->scenario.path);
    QVERIFY(repo);
    auto dag = CommitDag::fromGraphFiles(CommitGraphCache::layersFor(*repo));
    QVERIFY2(dag, qPrintable(dag.errorMessage()));

    const QList<GitRef> refs = gitRefs(git);
    QVERIFY(refs.size() >= 8);
    std::vector<AheadBehindCounter::Pair> pairs;
    QList<QPair<QString, QString>> names;
    for (int i = 0; i < refs.size(); ++i) {
        for (int j = 0; j < refs.size(); j += 3) {
            auto a = dag->find(oidFromHex(refs[i].commit));
            auto b = dag->find(oidFromHex(refs[(i + j + 1) % refs.size()].commit));
            QVERIFY(a && b);
            pairs.push_back({ *a, *b });
            names.append({ refs[i].commit, refs[(i + j + 1) % refs.size()].commit });
        }
    }
    const auto counts = AheadBehindCounter::count(*dag, pairs);
    QCOMPARE(counts.size(), pairs.size());
    int wrong = 0;
    for (size_t i = 0; i < pairs.size(); ++i) {
        const auto [ahead, behind] = gitAheadBehind(git, names[int(i)].first, names[int(i)].second);
        if (int(counts[i].ahead) != ahead || int(counts[i].behind) != behind) {
            if (++wrong <= 5)
                qWarning("%s...%s: counted %u/%u, git says %d/%d", qPrintable(names[int(i)].first.left(8)),
                    qPrintable(names[int(i)].second.left(8)), counts[i].ahead, counts[i].behind, ahead,
                    behind);
        }
    }
    QCOMPARE(wrong, 0);
}

QTEST_GUILESS_MAIN(TestRefLister)
#include "tst_reflister.moc"

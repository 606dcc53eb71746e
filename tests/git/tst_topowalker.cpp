// HistorySession/TopoWalker against `git log --topo-order`: the rows must come out
// in exactly git's order, for every repository shape, every scope, with and
// without a commit-graph, and when the graph misses the newest commits.

#include "GitTestHelpers.h"
#include "TestEnvironment.h"
#include "git/HistorySession.h"

#include <QTest>

using namespace devdash;
using namespace devdash::git;
using namespace devdash::test;

Q_DECLARE_METATYPE(devdash::test::GraphMode)

namespace {

struct Walk
{
    QStringList ids;
    QStringList parentLines; // "<id> <parent> <parent>", as git's "%H %P"
    QString error;
};

HistoryScope scopeFor(const QString &kind, const QString &ref)
{
    if (kind == u"all")
        return HistoryScope::all();
    if (kind == u"ref")
        return HistoryScope::ofRef(ref);
    return HistoryScope::head();
}

QStringList gitArgsFor(const QString &kind, const QString &ref)
{
    if (kind == u"all")
        return { QStringLiteral("--all") };
    if (kind == u"ref")
        return { ref };
    return {};
}

// Walks the whole session in batches of `batchSize`.
Walk walkSession(HistorySession &session, size_t batchSize)
{
    Walk walk;
    uint32_t expectedFirst = 0;
    for (int guard = 0; guard < 1000000; ++guard) {
        HistoryBatch batch = session.next(batchSize);
        if (batch.firstRow != expectedFirst) {
            walk.error = QStringLiteral("batch starts at row %1, expected %2")
                             .arg(batch.firstRow)
                             .arg(expectedFirst);
            return walk;
        }
        if (batch.size() > batchSize || batch.dagIndex.size() != batch.size()
            || batch.lanes.size() != batch.size() || batch.parentOffsets.size() != batch.size() + 1) {
            walk.error = QStringLiteral("inconsistent batch columns");
            return walk;
        }
        for (size_t i = 0; i < batch.size(); ++i) {
            QString line = hex(batch.oids[i]);
            walk.ids << line;
            if (!(session.dag().oid(batch.dagIndex[i]) == batch.oids[i])) {
                walk.error = QStringLiteral("dagIndex and oid disagree at row %1").arg(batch.firstRow + i);
                return walk;
            }
            for (uint32_t p = batch.parentOffsets[i]; p < batch.parentOffsets[i + 1]; ++p)
                line += QLatin1Char(' ') + hex(session.dag().oid(batch.parents[p]));
            walk.parentLines << line;
        }
        expectedFirst += uint32_t(batch.size());
        if (batch.atEnd) {
            if (!session.atEnd() || !session.next(batchSize).oids.empty())
                walk.error = QStringLiteral("rows after atEnd");
            return walk;
        }
        if (batch.size() == 0) {
            walk.error = QStringLiteral("empty batch before the end");
            return walk;
        }
    }
    walk.error = QStringLiteral("walk does not end");
    return walk;
}

} // namespace

class TestTopoWalker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void walk_data();
    void walk();
    void gitAlgorithmsAgree_data();
    void gitAlgorithmsAgree();
    void staleGraphUsesOverlay_data();
    void staleGraphUsesOverlay();
    void splitGraphChain();
    void batchSizeDoesNotChangeOrder();
    void buildsIndexOnFirstOpen();
    void refsByCommit();
    void metadataDecodesEncodings();
    void unknownRefIsAnError();

private:
    // git log --topo-order "%H %P" for a scope, or the error.
    QStringList gitLog(
        TestRepo &repo, const QString &path, const QStringList &scopeArgs, bool useGraph = true);
    void compareWalk(TestRepo &repo, const QString &path, const QString &kind, const QString &ref,
        const HistorySession::Options &options, size_t batchSize = 7);

    ScenarioCache m_scenarios;
};

void TestTopoWalker::initTestCase()
{
    QVERIFY(TestEnvironment::setUp());
}

QStringList TestTopoWalker::gitLog(
    TestRepo &repo, const QString &path, const QStringList &scopeArgs, bool useGraph)
{
    QStringList args;
    if (!useGraph)
        args << QStringLiteral("-c") << QStringLiteral("core.commitGraph=false");
    args << QStringLiteral("log") << QStringLiteral("--topo-order") << QStringLiteral("--format=%H %P")
         << scopeArgs << QStringLiteral("--");
    TestRepo at = repo.at(path);
    QString out;
    if (at.tryGit(args, &out) != 0)
        return {}; // an unborn HEAD: git has nothing to show
    QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (QString &line : lines)
        line = line.trimmed(); // "%H %P" ends with a space for a root
    return lines;
}

void TestTopoWalker::compareWalk(TestRepo &repo, const QString &path, const QString &kind, const QString &ref,
    const HistorySession::Options &options, size_t batchSize)
{
    const QStringList expected = gitLog(repo, path, gitArgsFor(kind, ref));
    auto session = HistorySession::open(path, scopeFor(kind, ref), {}, options);
    QVERIFY2(session, qPrintable(session.errorMessage()));
    const Walk walk = walkSession(**session, batchSize);
    QVERIFY2(walk.error.isEmpty(), qPrintable(walk.error));

    QStringList expectedIds;
    for (const QString &line : expected)
        expectedIds << line.section(QLatin1Char(' '), 0, 0);
    if (walk.ids != expectedIds) {
        for (qsizetype i = 0; i < std::max(walk.ids.size(), expectedIds.size()); ++i) {
            const QString got = walk.ids.value(i), want = expectedIds.value(i);
            if (got != want) {
                qWarning("first difference at row %lld: got %s, git has %s (rows: %lld vs %lld)",
                    qlonglong(i), qPrintable(got), qPrintable(want), qlonglong(walk.ids.size()),
                    qlonglong(expectedIds.size()));
                break;
            }
        }
    }
    QCOMPARE(walk.ids, expectedIds);
    QCOMPARE(walk.parentLines, expected);
}

void TestTopoWalker::walk_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<GraphMode>("mode");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("ref");

    // Refs are listed here (not read from the built scenario) so that building
    // stays lazy; Scenarios::build returns the same lists.
    for (const QString &name : Scenarios::names()) {
        for (GraphMode mode : { GraphMode::None, GraphMode::Cache, GraphMode::Git }) {
            if (name == u"empty" && mode == GraphMode::Git)
                continue; // git refuses to write a graph without commits
            for (const char *kind : { "head", "all" })
                QTest::addRow("%s/%s/%s", qPrintable(name), graphModeName(mode), kind)
                    << name << mode << QString::fromLatin1(kind) << QString();
            // One row per interesting ref of the shape.
            for (int i = 0; i < 4; ++i)
                QTest::addRow("%s/%s/ref%d", qPrintable(name), graphModeName(mode), i)
                    << name << mode << QStringLiteral("ref") << QString::number(i);
        }
    }
}

void TestTopoWalker::walk()
{
    QFETCH(QString, scenario);
    QFETCH(GraphMode, mode);
    QFETCH(QString, kind);
    QFETCH(QString, ref);

    auto *entry = m_scenarios.get(scenario);
    DEVDASH_VERIFY_REPO(entry->repo);
    if (kind == u"ref") {
        const int i = ref.toInt();
        if (i >= entry->scenario.refs.size())
            QSKIP("the shape has fewer interesting refs");
        ref = entry->scenario.refs[i];
    }
    const QString error = setGraphMode(entry->repo, entry->scenario.path, mode);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    DEVDASH_VERIFY_REPO(entry->repo);

    HistorySession::Options options;
    options.buildIndexIfMissing = false; // keep the mode this row asked for
    compareWalk(entry->repo, entry->scenario.path, kind, ref, options);
}

void TestTopoWalker::gitAlgorithmsAgree_data()
{
    QTest::addColumn<QString>("scenario");
    for (const QString &name : Scenarios::namesWithHistory())
        QTest::newRow(qPrintable(name)) << name;
}

// The oracle itself: git walks differently with a graph (incremental) and without
// (limit_list + sort). Both must agree, or the oracle would depend on the mode.
void TestTopoWalker::gitAlgorithmsAgree()
{
    QFETCH(QString, scenario);
    auto *entry = m_scenarios.get(scenario);
    DEVDASH_VERIFY_REPO(entry->repo);
    QVERIFY(setGraphMode(entry->repo, entry->scenario.path, GraphMode::Git).isEmpty());
    for (const QStringList &scope : { QStringList {}, QStringList { QStringLiteral("--all") } }) {
        const QStringList withGraph = gitLog(entry->repo, entry->scenario.path, scope, true);
        const QStringList withoutGraph = gitLog(entry->repo, entry->scenario.path, scope, false);
        QCOMPARE(withGraph, withoutGraph);
    }
}

void TestTopoWalker::staleGraphUsesOverlay_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<GraphMode>("mode");
    for (const char *name :
        { "linear", "merges", "octopus", "crisscross", "same_time", "skewed_dates", "random_dag" })
        for (GraphMode mode : { GraphMode::Cache, GraphMode::Git })
            QTest::addRow("%s/%s", name, graphModeName(mode)) << QString::fromLatin1(name) << mode;
}

// The graph was written, then history moved on: new commits come from libgit2 and
// join the DAG as an overlay on top of the graph's commits.
void TestTopoWalker::staleGraphUsesOverlay()
{
    QFETCH(QString, scenario);
    QFETCH(GraphMode, mode);
    TestRepo repo;
    const Scenario sc = Scenarios::build(scenario, repo);
    DEVDASH_VERIFY_REPO(repo);
    QVERIFY(setGraphMode(repo, sc.path, mode).isEmpty());

    // New work on top: commits on HEAD, a branch from an old commit merged in, a
    // new root, and a tag on a commit only the tag reaches.
    const QString oldest = repo.gitLines({ QStringLiteral("rev-list"), QStringLiteral("--max-parents=0"),
                                             QStringLiteral("HEAD") })
                               .value(0);
    repo.commit(QStringLiteral("new 1"), { { QStringLiteral("new.txt"), "1\n" } });
    repo.checkoutNew(QStringLiteral("late-branch"), oldest);
    repo.commit(QStringLiteral("late 1"), { { QStringLiteral("late.txt"), "1\n" } });
    repo.commit(QStringLiteral("late 2"), { { QStringLiteral("late.txt"), "2\n" } });
    repo.checkout(QStringLiteral("main"));
    repo.merge({ QStringLiteral("late-branch") }, QStringLiteral("merge late"));
    repo.commit(QStringLiteral("new 2"), { { QStringLiteral("new.txt"), "2\n" } });
    repo.git({ QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("--orphan"),
        QStringLiteral("root2") });
    repo.commit(QStringLiteral("another root"));
    repo.lightweightTag(QStringLiteral("late-tag"));
    repo.checkout(QStringLiteral("main"));
    repo.git({ QStringLiteral("branch"), QStringLiteral("-D"), QStringLiteral("root2") });
    DEVDASH_VERIFY_REPO(repo);

    HistorySession::Options options;
    options.buildIndexIfMissing = false;
    for (const char *kind : { "head", "all" }) {
        auto session = HistorySession::open(sc.path, scopeFor(QString::fromLatin1(kind), {}), {}, options);
        QVERIFY2(session, qPrintable(session.errorMessage()));
        QVERIFY((*session)->dag().graphCommitCount() > 0);
        QVERIFY((*session)->dag().overlayCount() >= 5);
        compareWalk(repo, sc.path, QString::fromLatin1(kind), {}, options, 3);
        if (QTest::currentTestFailed())
            return;
    }
    compareWalk(repo, sc.path, QStringLiteral("ref"), QStringLiteral("late-tag"), options);
}

// git's split graphs: two layers (a commit-graph-chain), then new commits on top.
void TestTopoWalker::splitGraphChain()
{
    TestRepo repo;
    const Scenario sc = Scenarios::build(QStringLiteral("merges"), repo);
    repo.git({ QStringLiteral("commit-graph"), QStringLiteral("write"), QStringLiteral("--reachable"),
        QStringLiteral("--split") });
    repo.commit(QStringLiteral("layer 2, 1"));
    repo.checkoutNew(QStringLiteral("layer2"), QStringLiteral("HEAD~3"));
    repo.commit(QStringLiteral("layer 2, 2"));
    repo.checkout(QStringLiteral("main"));
    repo.merge({ QStringLiteral("layer2") });
    repo.git({ QStringLiteral("commit-graph"), QStringLiteral("write"), QStringLiteral("--reachable"),
        QStringLiteral("--split=no-merge") });
    repo.commit(QStringLiteral("not in any layer"));
    DEVDASH_VERIFY_REPO(repo);

    auto opened = Repository::open(sc.path);
    QVERIFY2(opened, qPrintable(opened.errorMessage()));
    CommitGraphCache::remove(*opened);
    const QStringList layers = CommitGraphCache::layersFor(*opened);
    QCOMPARE(layers.size(), 2);

    HistorySession::Options options;
    options.buildIndexIfMissing = false;
    auto session = HistorySession::open(sc.path, HistoryScope::all(), {}, options);
    QVERIFY2(session, qPrintable(session.errorMessage()));
    QCOMPARE((*session)->dag().overlayCount(), 1u);
    const int total = repo.gitLines({ QStringLiteral("rev-list"), QStringLiteral("--all") }).size();
    QCOMPARE(int((*session)->dag().graphCommitCount()), total - 1);
    compareWalk(repo, sc.path, QStringLiteral("all"), {}, options);
    compareWalk(repo, sc.path, QStringLiteral("head"), {}, options);
}

void TestTopoWalker::batchSizeDoesNotChangeOrder()
{
    auto *entry = m_scenarios.get(QStringLiteral("random_dag"));
    DEVDASH_VERIFY_REPO(entry->repo);
    QVERIFY(setGraphMode(entry->repo, entry->scenario.path, GraphMode::Cache).isEmpty());
    QStringList reference;
    for (size_t batchSize : { size_t(1), size_t(2), size_t(63), size_t(64), size_t(65), size_t(100000) }) {
        auto session = HistorySession::open(entry->scenario.path, HistoryScope::all());
        QVERIFY2(session, qPrintable(session.errorMessage()));
        const Walk walk = walkSession(**session, batchSize);
        QVERIFY2(walk.error.isEmpty(), qPrintable(walk.error));
        QCOMPARE(int((*session)->rowsProduced()), walk.ids.size());
        if (reference.isEmpty())
            reference = walk.ids;
        else
            QCOMPARE(walk.ids, reference);
    }
    QVERIFY(reference.size() >= 300);
}

// Without any graph, the first open writes DevDash's own (never the repository's).
void TestTopoWalker::buildsIndexOnFirstOpen()
{
    TestRepo repo;
    const Scenario sc = Scenarios::build(QStringLiteral("merges"), repo);
    DEVDASH_VERIFY_REPO(repo);
    auto opened = Repository::open(sc.path);
    QVERIFY(opened);
    CommitGraphCache::remove(*opened);
    QVERIFY(CommitGraphCache::layersFor(*opened).isEmpty());

    QStringList stages;
    HistorySession::Options options;
    options.progress = [&](const QString &stage) { stages << stage; };
    auto session = HistorySession::open(sc.path, HistoryScope::head(), {}, options);
    QVERIFY2(session, qPrintable(session.errorMessage()));
    QVERIFY(!stages.isEmpty());
    const QStringList layers = CommitGraphCache::layersFor(*opened);
    QCOMPARE(layers.size(), 1);
    QVERIFY2(layers.first().startsWith(TestEnvironment::cacheDir()), qPrintable(layers.first()));
    QVERIFY(!QFile::exists(opened->commonDir() + QStringLiteral("/objects/info/commit-graph")));
    QCOMPARE((*session)->dag().overlayCount(), 0u);
    QVERIFY(!(*session)->indexIsStale());
}

// refsByCommit: every ref (any scope) by commit, tags peeled, "HEAD" when detached.
void TestTopoWalker::refsByCommit()
{
    for (const char *name : { "tags", "remote", "detached", "unicode_refs", "packed_refs" }) {
        auto *entry = m_scenarios.get(QString::fromLatin1(name));
        DEVDASH_VERIFY_REPO(entry->repo);
        TestRepo git = entry->repo.at(entry->scenario.path);
        QHash<QByteArray, QStringList> expected;
        for (const QString &line : git.gitLines({ QStringLiteral("for-each-ref"),
                 QStringLiteral("--format=%(objectname) %(*objectname) "
                                "%(objecttype) %(*objecttype) %(symref) "
                                "%(refname:short)") })) {
            // Fields may be empty: split keeps the positions.
            const QStringList f = line.split(QLatin1Char(' '));
            QVERIFY(f.size() >= 6);
            if (!f[4].isEmpty())
                continue; // symbolic (origin/HEAD)
            QString commit = f[2] == u"commit" ? f[0] : QString();
            if (f[2] == u"tag") {
                // %(*objectname) peels one level; a tag of a tag needs rev-parse.
                commit = git.revParse(f[0] + QStringLiteral("^{}"));
                if (git.gitLines({ QStringLiteral("cat-file"), QStringLiteral("-t"), commit }).value(0)
                    != u"commit")
                    commit.clear();
            }
            if (commit.isEmpty())
                continue; // tags of trees and blobs
            expected[HistorySession::key(oidFromHex(commit))] << f.mid(5).join(QLatin1Char(' '));
        }
        if (git.git({ QStringLiteral("rev-parse"), QStringLiteral("--abbrev-ref"), QStringLiteral("HEAD") })
            == u"HEAD")
            expected[HistorySession::key(oidFromHex(git.revParse(QStringLiteral("HEAD"))))].prepend(
                QStringLiteral("HEAD"));

        auto session = HistorySession::open(entry->scenario.path, HistoryScope::head());
        QVERIFY2(session, qPrintable(session.errorMessage()));
        QHash<QByteArray, QStringList> actual = (*session)->refsByCommit();
        QCOMPARE(actual.keys().size(), expected.keys().size());
        for (auto it = expected.begin(); it != expected.end(); ++it) {
            QStringList want = it.value(), got = actual.value(it.key());
            QVERIFY2(got.value(0) == u"HEAD" || want.value(0) != u"HEAD", name);
            std::sort(want.begin(), want.end());
            std::sort(got.begin(), got.end());
            QCOMPARE(got, want);
        }
    }
}

void TestTopoWalker::metadataDecodesEncodings()
{
    auto *entry = m_scenarios.get(QStringLiteral("latin1"));
    DEVDASH_VERIFY_REPO(entry->repo);
    auto session = HistorySession::open(entry->scenario.path, HistoryScope::head());
    QVERIFY2(session, qPrintable(session.errorMessage()));
    const HistoryBatch batch = (*session)->next(100);
    QCOMPARE(batch.size(), size_t(4));
    const std::vector<CommitMeta> meta = (*session)->metadata(batch.oids);
    QCOMPARE(meta.size(), size_t(4));
    QCOMPARE(meta[0].summary, QStringLiteral("Naïve résumé"));
    QCOMPARE(meta[0].author, QStringLiteral("René Lévesque"));
    QCOMPARE(meta[0].email, QStringLiteral("rene@devdash.invalid"));
    QCOMPARE(meta[1].summary, QStringLiteral("broken \uFFFD\uFFFD message"));
    QCOMPARE(meta[1].author, QStringLiteral("Bad\uFFFD Bytes"));
    QCOMPARE(meta[2].summary, QStringLiteral("Café crème brûlé"));
    QCOMPARE(meta[3].summary, QStringLiteral("UTF-8: Grüße"));
    QCOMPARE(meta[3].authoredAt.toSecsSinceEpoch(),
        entry->repo
            .git({ QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%at"),
                hex(batch.oids[3]) })
            .toLongLong());
    // An id that is not in the repository leaves an empty entry, in place.
    git_oid missing = oidFromHex(QStringLiteral("0123456789abcdef0123456789abcdef01234567"));
    const auto partial = (*session)->metadata({ missing, batch.oids[0] });
    QCOMPARE(partial.size(), size_t(2));
    QVERIFY(partial[0].summary.isEmpty());
    QCOMPARE(partial[1].summary, QStringLiteral("Naïve résumé"));
}

void TestTopoWalker::unknownRefIsAnError()
{
    auto *entry = m_scenarios.get(QStringLiteral("linear"));
    DEVDASH_VERIFY_REPO(entry->repo);
    auto session
        = HistorySession::open(entry->scenario.path, HistoryScope::ofRef(QStringLiteral("no-such-branch")));
    QVERIFY(!session);
    QVERIFY2(session.errorMessage().contains(QStringLiteral("no-such-branch")),
        qPrintable(session.errorMessage()));
    // A ref naming a tree is not a history.
    auto tree
        = HistorySession::open(entry->scenario.path, HistoryScope::ofRef(QStringLiteral("HEAD^{tree}")));
    QVERIFY(!tree);
}

QTEST_GUILESS_MAIN(TestTopoWalker)
#include "tst_topowalker.moc"

// CommitDiff against git: the changed files of a commit (`git show --numstat -M`,
// `--name-status`), the patch of one file (`git diff`), and comparisons
// (`git merge-base`, `git rev-list --topo-order B..A`, `git diff A...B`).

#include "GitTestHelpers.h"
#include "TestEnvironment.h"
#include "git/CommitDiff.h"

#include <QRegularExpression>
#include <QTest>

using namespace devdash;
using namespace devdash::git;
using namespace devdash::test;

namespace {

const QString EmptyTree = QStringLiteral("4b825dc642cb6eb9a060e54bf8d69288fbee4904");

struct GitChange
{
    QString path, oldPath;
    QChar status;
    QString additions, deletions; // "-" for binary
};

// `git diff --numstat` and `--name-status` (both -z, so no quoting or brace
// abbreviations of renames) merged by path.
QMap<QString, GitChange> gitChanges(TestRepo &git, const QStringList &range)
{
    QMap<QString, GitChange> out;
    const QStringList common { QStringLiteral("-c"), QStringLiteral("diff.renames=true"),
        QStringLiteral("diff"), QStringLiteral("-M"), QStringLiteral("-z"), QStringLiteral("--no-ext-diff") };
    const QList<QByteArray> status
        = git.gitBytes(common + QStringList { QStringLiteral("--name-status") } + range).split('\0');
    for (qsizetype i = 0; i + 1 < status.size();) {
        const QString code = QString::fromUtf8(status[i]);
        if (code.isEmpty())
            break;
        GitChange c;
        c.status = code.at(0);
        if (c.status == u'R' || c.status == u'C') {
            c.oldPath = QString::fromUtf8(status[i + 1]);
            c.path = QString::fromUtf8(status[i + 2]);
            i += 3;
        } else {
            c.path = c.oldPath = QString::fromUtf8(status[i + 1]);
            i += 2;
        }
        out.insert(c.path, c);
    }
    const QList<QByteArray> numstat
        = git.gitBytes(common + QStringList { QStringLiteral("--numstat") } + range).split('\0');
    for (qsizetype i = 0; i < numstat.size();) {
        const QList<QByteArray> f = numstat[i].split('\t');
        if (f.size() < 3) {
            ++i;
            continue;
        }
        QString path;
        if (f[2].isEmpty()) { // rename: "adds\tdels\t\0old\0new\0"
            path = QString::fromUtf8(numstat.value(i + 2));
            i += 3;
        } else {
            path = QString::fromUtf8(f[2]);
            ++i;
        }
        out[path].additions = QString::fromUtf8(f[0]);
        out[path].deletions = QString::fromUtf8(f[1]);
    }
    return out;
}

QChar statusLetter(ChangeStatus s)
{
    switch (s) {
    case ChangeStatus::Added:
        return u'A';
    case ChangeStatus::Modified:
        return u'M';
    case ChangeStatus::Deleted:
        return u'D';
    case ChangeStatus::Renamed:
        return u'R';
    case ChangeStatus::Copied:
        return u'C';
    case ChangeStatus::TypeChanged:
        return u'T';
    }
    return u'?';
}

void compareFiles(const QList<FileChange> &files, const QMap<QString, GitChange> &expected)
{
    QStringList actualPaths, expectedPaths = expected.keys();
    for (const FileChange &f : files)
        actualPaths << f.path;
    actualPaths.sort();
    QCOMPARE(actualPaths, expectedPaths);
    for (const FileChange &f : files) {
        const GitChange &g = expected[f.path];
        const QByteArray what = f.path.toUtf8();
        QVERIFY2(statusLetter(f.status) == g.status,
            qPrintable(f.path + QStringLiteral(": ") + changeStatusName(f.status) + QStringLiteral(" vs ")
                + g.status));
        if (f.status == ChangeStatus::Renamed) {
            QCOMPARE(f.oldPath, g.oldPath);
            QVERIFY(f.similarity >= 50);
        }
        if (f.status == ChangeStatus::Deleted)
            QCOMPARE(f.oldPath, f.path);
        if (f.tooLarge) {
            QVERIFY2(f.binary, what.constData()); // not loaded, so not diffed either
            continue; // git still counts its lines; DevDash does not look
        }
        if (f.status == ChangeStatus::TypeChanged)
            continue; // libgit2 makes no hunks for a type change (git counts the old and new content)
        if (g.additions == u"-") {
            QVERIFY2(f.binary, what.constData());
            QCOMPARE(f.additions, 0);
            QCOMPARE(f.deletions, 0);
        } else {
            QVERIFY2(!f.binary, what.constData());
            QVERIFY2(
                QString::number(f.additions) == g.additions && QString::number(f.deletions) == g.deletions,
                qPrintable(QStringLiteral("%1: +%2 -%3, git says +%4 -%5")
                               .arg(f.path)
                               .arg(f.additions)
                               .arg(f.deletions)
                               .arg(g.additions, g.deletions)));
        }
    }
}

QByteArray lines(int from, int to, const char *prefix = "line")
{
    QByteArray out;
    for (int i = from; i <= to; ++i)
        out += QByteArray(prefix) + ' ' + QByteArray::number(i) + '\n';
    return out;
}

} // namespace

class TestCommitDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void detailsMatchGit_data();
    void detailsMatchGit();
    void detailsMetadata();
    void decodesLegacyEncodings();
    void tooLargeFile();
    void typeChange();
    void filePatchMatchesGitDiff_data();
    void filePatchMatchesGitDiff();
    void filePatchBinaryAndTruncated();
    void compareMatchesGit_data();
    void compareMatchesGit();
    void compareUnrelatedHistories();
    void compareErrors();

private:
    TestRepo m_repo { QStringLiteral("diffs") };
    QMap<QString, QString> m_commits; // label -> id
    ScenarioCache m_scenarios;
    Repository *repository();
    std::optional<Repository> m_opened;
};

Repository *TestCommitDiff::repository()
{
    if (!m_opened) {
        auto r = Repository::open(m_repo.path());
        if (!r)
            return nullptr;
        m_opened.emplace(std::move(r.value()));
    }
    return &*m_opened;
}

void TestCommitDiff::initTestCase()
{
    QVERIFY(TestEnvironment::setUp());
    // One repository with every kind of change; labels name the commits.
    TestRepo &r = m_repo;
    r.init();
    QByteArray binary("\x89PNG\r\n\x1a\n", 8);
    binary += QByteArray(300, '\0') + "binary payload";
    m_commits[QStringLiteral("root")] = r.commit(QStringLiteral("root"),
        { { QStringLiteral("a.txt"), lines(1, 40) }, { QStringLiteral("b.txt"), "to be deleted\n" },
            { QStringLiteral("old/name.txt"), lines(1, 30, "rename me") },
            { QStringLiteral("bin.dat"), binary }, { QStringLiteral("données/名前.txt"), "unicode path\n" },
            { QStringLiteral("noeol.txt"), "first\nlast without newline" },
            { QStringLiteral("script.sh"), "#!/bin/sh\necho hi\n" } });

    QByteArray a2 = lines(1, 40);
    a2.replace("line 5\n", "line five\n");
    a2.replace("line 20\n", "line 20\ninserted 1\ninserted 2\n");
    a2.replace("line 33\nline 34\n", "");
    QByteArray renamed = lines(1, 30, "rename me");
    renamed.replace("rename me 7\n", "renamed and changed 7\n");
    binary[20] = 'X';
    m_commits[QStringLiteral("changes")] = r.commit(QStringLiteral("many changes"),
        { { QStringLiteral("a.txt"), a2 }, { QStringLiteral("b.txt"), QByteArray() },
            { QStringLiteral("old/name.txt"), QByteArray() }, { QStringLiteral("new/name.txt"), renamed },
            { QStringLiteral("bin.dat"), binary },
            { QStringLiteral("données/名前.txt"), "unicode path, changed\n" },
            { QStringLiteral("noeol.txt"), "first\nlast, still without newline" },
            { QStringLiteral("added.txt"), lines(1, 3, "new") }, { QStringLiteral("empty.txt"), "" } });

    // A side branch merged in: a merge commit lists what it brings against its
    // first parent.
    r.checkoutNew(QStringLiteral("side"), m_commits[QStringLiteral("root")]);
    m_commits[QStringLiteral("side1")] = r.commit(QStringLiteral("side 1"),
        { { QStringLiteral("side.txt"), lines(1, 5, "side") },
            { QStringLiteral("a.txt"), lines(1, 40) + "tail\n" } });
    m_commits[QStringLiteral("side2")]
        = r.commit(QStringLiteral("side 2"), { { QStringLiteral("side.txt"), lines(1, 6, "side") } });
    r.checkout(QStringLiteral("main"));
    m_commits[QStringLiteral("main2")]
        = r.commit(QStringLiteral("main 2"), { { QStringLiteral("m.txt"), "m\n" } });
    m_commits[QStringLiteral("merge")] = r.merge({ QStringLiteral("side") }, QStringLiteral("merge side"));
    m_commits[QStringLiteral("noeolFixed")] = r.commit(QStringLiteral("newline at last"),
        { { QStringLiteral("noeol.txt"), "first\nlast, now with newline\n" } });
    DEVDASH_VERIFY_REPO(r);
    QVERIFY(repository());
}

void TestCommitDiff::detailsMatchGit_data()
{
    QTest::addColumn<QString>("label");
    for (const char *label : { "root", "changes", "side1", "side2", "main2", "merge", "noeolFixed" })
        QTest::newRow(label) << QString::fromLatin1(label);
}

void TestCommitDiff::detailsMatchGit()
{
    QFETCH(QString, label);
    const QString id = m_commits.value(label);
    auto details = CommitDiff::details(*repository(), oidFromHex(id));
    QVERIFY2(details, qPrintable(details.errorMessage()));
    const QStringList parents
        = m_repo.git({ QStringLiteral("show"), QStringLiteral("-s"), QStringLiteral("--format=%P"), id })
              .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QStringList actualParents;
    for (const git_oid &p : details->parents)
        actualParents << hex(p);
    QCOMPARE(actualParents, parents);
    // Against the first parent (git show would show a combined diff for merges).
    const QString from = parents.isEmpty() ? EmptyTree : parents.first();
    compareFiles(details->files, gitChanges(m_repo, { from, id }));
    if (label == u"changes") {
        QCOMPARE(details->files.size(), 8);
        // And the same through changes(), between any two commits.
        auto changes = CommitDiff::changes(*repository(), oidFromHex(m_commits[QStringLiteral("root")]),
            oidFromHex(m_commits[QStringLiteral("noeolFixed")]));
        QVERIFY(changes);
        compareFiles(*changes,
            gitChanges(
                m_repo, { m_commits[QStringLiteral("root")], m_commits[QStringLiteral("noeolFixed")] }));
    }
}

void TestCommitDiff::detailsMetadata()
{
    const QString id = m_commits.value(QStringLiteral("merge"));
    auto d = CommitDiff::details(*repository(), oidFromHex(id));
    QVERIFY(d);
    const QStringList f
        = m_repo
              .git({ QStringLiteral("show"), QStringLiteral("-s"),
                  QStringLiteral("--format=%an%x00%ae%x00%at%x00%cn%x00%ce%x00%ct%x00%s%x00%B"), id })
              .split(QChar(0));
    QCOMPARE(hex(d->id), id);
    QCOMPARE(d->authorName, f[0]);
    QCOMPARE(d->authorEmail, f[1]);
    QCOMPARE(d->authoredAt.toSecsSinceEpoch(), f[2].toLongLong());
    QCOMPARE(d->committerName, f[3]);
    QCOMPARE(d->committerEmail, f[4]);
    QCOMPARE(d->committedAt.toSecsSinceEpoch(), f[5].toLongLong());
    QCOMPARE(d->summary, f[6]);
    QCOMPARE(d->message.trimmed(), f[7].trimmed());
    QCOMPARE(d->committedAt.offsetFromUtc(), 0);

    auto missing = CommitDiff::details(
        *repository(), oidFromHex(QStringLiteral("1234567890123456789012345678901234567890")));
    QVERIFY(!missing);
    QVERIFY2(missing.errorMessage().contains(QStringLiteral("1234567890123456789012345678901234567890")),
        qPrintable(missing.errorMessage()));
}

void TestCommitDiff::decodesLegacyEncodings()
{
    auto *entry = m_scenarios.get(QStringLiteral("latin1"));
    DEVDASH_VERIFY_REPO(entry->repo);
    auto repo = Repository::open(entry->scenario.path);
    QVERIFY(repo);
    const QStringList ids = entry->repo.gitLines({ QStringLiteral("rev-list"), QStringLiteral("HEAD") });
    QCOMPARE(ids.size(), 4);
    auto latinAuthor = CommitDiff::details(*repo, oidFromHex(ids[0]));
    QVERIFY(latinAuthor);
    QCOMPARE(latinAuthor->authorName, QStringLiteral("René Lévesque"));
    QCOMPARE(latinAuthor->committerName, QStringLiteral("René Lévesque"));
    QCOMPARE(latinAuthor->summary, QStringLiteral("Naïve résumé"));
    auto broken = CommitDiff::details(*repo, oidFromHex(ids[1]));
    QVERIFY(broken);
    QCOMPARE(broken->summary, QStringLiteral("broken \uFFFD\uFFFD message"));
    auto latin = CommitDiff::details(*repo, oidFromHex(ids[2]));
    QVERIFY(latin);
    QCOMPARE(latin->summary, QStringLiteral("Café crème brûlé"));
    QCOMPARE(latin->message, QStringLiteral("Café crème brûlé\n\nDétails en français.\n"));
    // git agrees (it re-encodes to UTF-8 for display).
    QCOMPARE(entry->repo.git(
                 { QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%s"), ids[2] }),
        latin->summary);
    QCOMPARE(entry->repo.git(
                 { QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%an"), ids[0] }),
        latinAuthor->authorName);
}

// Over DiffLimits::maxFileBytes: flagged, never loaded or counted.
void TestCommitDiff::tooLargeFile()
{
    TestRepo repo;
    repo.init();
    QByteArray big;
    big.reserve(9 * 1024 * 1024 + 100);
    for (int i = 0; big.size() < 9 * 1024 * 1024; ++i)
        big += "a line of a generated text file, number " + QByteArray::number(i) + '\n';
    QVERIFY(big.size() > DiffLimits::maxFileBytes);
    const QString add = repo.commit(QStringLiteral("big"),
        { { QStringLiteral("big.txt"), big }, { QStringLiteral("small.txt"), "s\n" } });
    big.replace(0, 6, "CHANGE");
    const QString change = repo.commit(QStringLiteral("big changed"),
        { { QStringLiteral("big.txt"), big }, { QStringLiteral("small.txt"), "t\n" } });
    DEVDASH_VERIFY_REPO(repo);
    auto opened = Repository::open(repo.path());
    QVERIFY(opened);
    for (const QString &id : { add, change }) {
        auto d = CommitDiff::details(*opened, oidFromHex(id));
        QVERIFY2(d, qPrintable(d.errorMessage()));
        QCOMPARE(d->files.size(), 2);
        compareFiles(d->files, gitChanges(repo, { id == add ? EmptyTree : add, id }));
        for (const FileChange &f : d->files) {
            QCOMPARE(f.tooLarge, f.path == u"big.txt");
            if (f.tooLarge) {
                QCOMPARE(f.additions, 0);
                auto patch = CommitDiff::filePatch(
                    *opened, id == add ? git_oid {} : oidFromHex(add), oidFromHex(id), f);
                QVERIFY(patch);
                QVERIFY(patch->change.tooLarge);
                QVERIFY(patch->hunks.empty());
            }
        }
    }
}

// A file that becomes a symlink: git reports one "T" change.
void TestCommitDiff::typeChange()
{
    TestRepo repo;
    repo.init();
    const QString before = repo.commit(QStringLiteral("file"),
        { { QStringLiteral("link"), "plain file\n" }, { QStringLiteral("target"), "t\n" } });
    QFile::remove(repo.path() + QStringLiteral("/link"));
    QVERIFY(QFile::link(QStringLiteral("target"), repo.path() + QStringLiteral("/link")));
    repo.git({ QStringLiteral("add"), QStringLiteral("-A") });
    const QString after = repo.commit(QStringLiteral("now a symlink"));
    DEVDASH_VERIFY_REPO(repo);
    QCOMPARE(gitChanges(repo, { before, after }).value(QStringLiteral("link")).status, QChar(u'T'));
    auto opened = Repository::open(repo.path());
    QVERIFY(opened);
    auto d = CommitDiff::details(*opened, oidFromHex(after));
    QVERIFY(d);
    compareFiles(d->files, gitChanges(repo, { before, after }));
}

void TestCommitDiff::filePatchMatchesGitDiff_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("path");
    QTest::newRow("modified") << "root"
                              << "changes"
                              << "a.txt";
    QTest::newRow("renamed") << "root"
                             << "changes"
                             << "new/name.txt";
    QTest::newRow("deleted") << "root"
                             << "changes"
                             << "b.txt";
    QTest::newRow("added") << "root"
                           << "changes"
                           << "added.txt";
    QTest::newRow("unicode path") << "root"
                                  << "changes"
                                  << "données/名前.txt";
    QTest::newRow("no newline at end") << "root"
                                       << "changes"
                                       << "noeol.txt";
    QTest::newRow("newline added at end") << "merge"
                                          << "noeolFixed"
                                          << "noeol.txt";
    QTest::newRow("root commit") << ""
                                 << "root"
                                 << "a.txt";
    QTest::newRow("tail appended") << "root"
                                   << "side1"
                                   << "a.txt";
}

void TestCommitDiff::filePatchMatchesGitDiff()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, path);
    const QString fromId = from.isEmpty() ? QString() : m_commits.value(from);
    const QString toId = m_commits.value(to);
    auto files = CommitDiff::changes(
        *repository(), fromId.isEmpty() ? git_oid {} : oidFromHex(fromId), oidFromHex(toId));
    QVERIFY(files);
    const FileChange *change = nullptr;
    for (const FileChange &f : *files)
        if (f.path == path)
            change = &f;
    QVERIFY2(change, qPrintable(path));
    auto patch = CommitDiff::filePatch(
        *repository(), fromId.isEmpty() ? git_oid {} : oidFromHex(fromId), oidFromHex(toId), *change);
    QVERIFY2(patch, qPrintable(patch.errorMessage()));
    QVERIFY(!patch->truncated);
    QCOMPARE(patch->change.path, path);

    QStringList args { QStringLiteral("diff"), QStringLiteral("-M"), QStringLiteral("-U3"),
        QStringLiteral("--no-color"), fromId.isEmpty() ? EmptyTree : fromId, toId, QStringLiteral("--"),
        path };
    if (!change->oldPath.isEmpty() && change->oldPath != path)
        args << change->oldPath;
    const QStringList out = QString::fromUtf8(m_repo.gitBytes(args)).split(QLatin1Char('\n'));

    // Rebuild git's hunks with line numbers from the hunk headers.
    static const QRegularExpression header(QStringLiteral("^@@ -(\\d+)(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@"));
    std::vector<DiffHunk> expected;
    int oldLine = 0, newLine = 0;
    for (const QString &line : out) {
        if (const auto m = header.match(line); m.hasMatch()) {
            expected.push_back({ line, {} });
            oldLine = m.captured(1).toInt();
            newLine = m.captured(2).toInt();
            continue;
        }
        if (expected.empty() || line.isEmpty())
            continue;
        DiffLine dl;
        dl.origin = char(line.at(0).unicode());
        dl.text = line.mid(1);
        if (dl.origin == ' ') {
            dl.oldLine = oldLine++;
            dl.newLine = newLine++;
        } else if (dl.origin == '-') {
            dl.oldLine = oldLine++;
        } else if (dl.origin == '+') {
            dl.newLine = newLine++;
        } else if (dl.origin == '\\') {
            dl.text = QStringLiteral("\\ No newline at end of file");
        }
        expected.back().lines.push_back(dl);
    }
    QVERIFY(!expected.empty());
    QCOMPARE(patch->hunks.size(), expected.size());
    for (size_t h = 0; h < expected.size(); ++h) {
        QCOMPARE(patch->hunks[h].header, expected[h].header);
        QCOMPARE(patch->hunks[h].lines.size(), expected[h].lines.size());
        for (size_t l = 0; l < expected[h].lines.size(); ++l) {
            const DiffLine &got = patch->hunks[h].lines[l];
            const DiffLine &want = expected[h].lines[l];
            const QByteArray where = QByteArray::number(int(h)) + ':' + QByteArray::number(int(l));
            QVERIFY2(got.origin == want.origin, where.constData());
            QVERIFY2(got.text == want.text, qPrintable(got.text + QStringLiteral(" | ") + want.text));
            if (got.origin != '\\') {
                QVERIFY2(got.oldLine == want.oldLine, where.constData());
                QVERIFY2(got.newLine == want.newLine, where.constData());
            }
        }
    }
}

void TestCommitDiff::filePatchBinaryAndTruncated()
{
    auto files = CommitDiff::changes(*repository(), oidFromHex(m_commits[QStringLiteral("root")]),
        oidFromHex(m_commits[QStringLiteral("changes")]));
    QVERIFY(files);
    for (const FileChange &f : *files) {
        if (f.path != u"bin.dat")
            continue;
        QVERIFY(f.binary);
        auto patch = CommitDiff::filePatch(*repository(), oidFromHex(m_commits[QStringLiteral("root")]),
            oidFromHex(m_commits[QStringLiteral("changes")]), f);
        QVERIFY(patch);
        QVERIFY(patch->change.binary);
        QVERIFY(!patch->change.tooLarge);
        QVERIFY(patch->hunks.empty());
    }

    // More lines than a patch shows.
    TestRepo repo;
    repo.init();
    const QString id
        = repo.commit(QStringLiteral("long"), { { QStringLiteral("long.txt"), lines(1, 25000) } });
    DEVDASH_VERIFY_REPO(repo);
    auto opened = Repository::open(repo.path());
    QVERIFY(opened);
    auto d = CommitDiff::details(*opened, oidFromHex(id));
    QVERIFY(d);
    QCOMPARE(d->files.size(), 1);
    QCOMPARE(d->files.first().additions, 25000);
    auto patch = CommitDiff::filePatch(*opened, {}, oidFromHex(id), d->files.first());
    QVERIFY(patch);
    QVERIFY(patch->truncated);
    size_t shown = 0;
    for (const DiffHunk &h : patch->hunks)
        shown += h.lines.size();
    QCOMPARE(shown, size_t(DiffLimits::maxPatchLines));
    QCOMPARE(patch->hunks.back().lines.back().newLine, DiffLimits::maxPatchLines);
}

void TestCommitDiff::compareMatchesGit_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::newRow("merges: feature vs main") << "merges"
                                             << "feature"
                                             << "main";
    QTest::newRow("merges: main vs topic") << "merges"
                                           << "main"
                                           << "topic";
    QTest::newRow("merges: same commit") << "merges"
                                         << "main"
                                         << "main";
    QTest::newRow("merges: ancestor") << "merges"
                                      << "main~3"
                                      << "main";
    QTest::newRow("criss-cross") << "crisscross"
                                 << "a"
                                 << "b";
    QTest::newRow("criss-cross reversed") << "crisscross"
                                          << "b"
                                          << "a";
    QTest::newRow("octopus") << "octopus"
                             << "b1"
                             << "main";
    QTest::newRow("remote: main vs upstream") << "remote"
                                              << "main"
                                              << "origin/main";
    QTest::newRow("tags: annotated tags peel") << "tags"
                                               << "v1.0"
                                               << "v1.1-hotfix";
    QTest::newRow("random: r3 vs r11") << "random_dag"
                                       << "r3"
                                       << "r11";
    QTest::newRow("random: main vs r5") << "random_dag"
                                        << "main"
                                        << "r5";
    QTest::newRow("same time") << "same_time"
                               << "b2"
                               << "main";
}

void TestCommitDiff::compareMatchesGit()
{
    QFETCH(QString, scenario);
    QFETCH(QString, a);
    QFETCH(QString, b);
    auto *entry = m_scenarios.get(scenario);
    DEVDASH_VERIFY_REPO(entry->repo);
    TestRepo git = entry->repo.at(entry->scenario.path);
    // Without generation numbers git's B..A stops on commit dates and, with clock
    // skew (random_dag has some), lists commits A does reach. With its graph it
    // is exact.
    QVERIFY(setGraphMode(entry->repo, entry->scenario.path, GraphMode::Git).isEmpty());
    auto repo = Repository::open(entry->scenario.path);
    QVERIFY(repo);
    auto c = CommitDiff::compare(*repo, a, b);
    QVERIFY2(c, qPrintable(c.errorMessage()));
    QCOMPARE(hex(c->a), git.revParse(a + QStringLiteral("^{commit}")));
    QCOMPARE(hex(c->b), git.revParse(b + QStringLiteral("^{commit}")));

    const QStringList bases = git.gitLines({ QStringLiteral("merge-base"), QStringLiteral("--all"), a, b });
    QVERIFY(c->mergeBase);
    QVERIFY2(bases.contains(hex(*c->mergeBase)), qPrintable(hex(*c->mergeBase)));
    if (bases.size() == 1)
        QCOMPARE(hex(*c->mergeBase), git.git({ QStringLiteral("merge-base"), a, b }));

    auto ids = [](const std::vector<git_oid> &oids) {
        QStringList out;
        for (const git_oid &o : oids)
            out << hex(o);
        return out;
    };
    QCOMPARE(ids(c->onlyInA),
        git.gitLines({ QStringLiteral("rev-list"), QStringLiteral("--topo-order"),
            b + QStringLiteral("..") + a, QStringLiteral("--") }));
    QCOMPARE(ids(c->onlyInB),
        git.gitLines({ QStringLiteral("rev-list"), QStringLiteral("--topo-order"),
            a + QStringLiteral("..") + b, QStringLiteral("--") }));
    // What b brings since the merge base, as `git diff a...b` (with several merge
    // bases git picks one too: diff against the one DevDash chose).
    compareFiles(c->files, gitChanges(git, { hex(*c->mergeBase), b }));
    if (bases.size() == 1)
        compareFiles(c->files, gitChanges(git, { a + QStringLiteral("...") + b }));
    QCOMPARE(c->mode, CompareMode::ThreeDot);
    QCOMPARE(hex(c->from), hex(*c->mergeBase));

    // Two-dot: the tree of a against the tree of b, as `git diff a b`.
    auto two = CommitDiff::compare(*repo, a, b, {}, CompareMode::TwoDot);
    QVERIFY2(two, qPrintable(two.errorMessage()));
    QCOMPARE(two->mode, CompareMode::TwoDot);
    QCOMPARE(hex(two->from), hex(c->a));
    QCOMPARE(ids(two->onlyInB), ids(c->onlyInB));
    compareFiles(two->files, gitChanges(git, { a, b }));
}

void TestCommitDiff::compareUnrelatedHistories()
{
    auto *entry = m_scenarios.get(QStringLiteral("orphan"));
    DEVDASH_VERIFY_REPO(entry->repo);
    TestRepo git = entry->repo.at(entry->scenario.path);
    auto repo = Repository::open(entry->scenario.path);
    QVERIFY(repo);
    auto c = CommitDiff::compare(*repo, QStringLiteral("main"), QStringLiteral("lonely"));
    QVERIFY2(c, qPrintable(c.errorMessage()));
    QVERIFY(!c->mergeBase);
    QCOMPARE(
        int(c->onlyInA.size()), git.gitLines({ QStringLiteral("rev-list"), QStringLiteral("main") }).size());
    QCOMPARE(c->onlyInB.size(), size_t(1));
    // No base: everything in b is new.
    compareFiles(c->files, gitChanges(git, { EmptyTree, QStringLiteral("lonely") }));
    // Two-dot needs no base.
    auto two = CommitDiff::compare(
        *repo, QStringLiteral("main"), QStringLiteral("lonely"), {}, CompareMode::TwoDot);
    QVERIFY2(two, qPrintable(two.errorMessage()));
    compareFiles(two->files, gitChanges(git, { QStringLiteral("main"), QStringLiteral("lonely") }));
}

void TestCommitDiff::compareErrors()
{
    auto c = CommitDiff::compare(*repository(), QStringLiteral("main"), QStringLiteral("no-such-ref"));
    QVERIFY(!c);
    QVERIFY2(c.errorMessage().contains(QStringLiteral("no-such-ref")), qPrintable(c.errorMessage()));
    auto tree = CommitDiff::compare(*repository(), QStringLiteral("main^{tree}"), QStringLiteral("main"));
    QVERIFY(!tree);
}

QTEST_GUILESS_MAIN(TestCommitDiff)
#include "tst_commitdiff.moc"

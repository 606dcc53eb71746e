// The Overview with runs of several sources on one commit: the test card's
// newest run of each source and the commit card's run per source — a local run of
// four passing tests never hides the CI run's failure ("0 failing").

#include "TestEnvironment.h"
#include "TestRepo.h"

#include "overview/CommitOverviewLoader.h"
#include "overview/OverviewLoader.h"
#include "store/Database.h"
#include "testresults/RunImport.h"
#include "testresults/RunSources.h"
#include "testresults/TestRunStore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace devdash;
using namespace devdash::testresults;
using devdash::test::TestRepo;

namespace {
// `tests` cases of suite `suite`, the first `failing` of them failing.
TestReport report(const QString &suite, int tests, int failing, double seconds)
{
    TestReport r;
    r.file = QStringLiteral("junit.xml");
    r.format = QStringLiteral("junit");
    for (int i = 0; i < tests; ++i) {
        TestCase c;
        c.suite = c.className = suite;
        c.name = QStringLiteral("t%1").arg(i);
        c.status = i < failing ? TestStatus::Failed : TestStatus::Passed;
        c.durationS = seconds;
        r.cases.push_back(c);
    }
    return r;
}
} // namespace

class TstOverviewSources : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(test::TestEnvironment::setUp()); }

    // Runs on HEAD, oldest first: "source tests failing".
    void sourcesSideBySide_data()
    {
        QTest::addColumn<QStringList>("runs");
        QTest::addColumn<QStringList>("expected"); // the test card's runs, newest first: "family failing"
        QTest::addColumn<int>("failingOnCommitCard"); // summed over the commit card's runs
        QTest::newRow("local after CI") << QStringList { "github:acme/app#7 30 1", "local 4 0" }
                                        << QStringList { "local 0", "github:acme/app 1" } << 1;
        QTest::newRow("CI re-run after local")
            << QStringList { "github:acme/app#7 30 1", "local 4 0", "github:acme/app#8 30 0" }
            << QStringList { "github:acme/app 0", "local 0" } << 0;
        QTest::newRow("one source") << QStringList { "local 4 2", "local 4 1" } << QStringList { "local 1" }
                                    << 1;
        QTest::newRow("three sources")
            << QStringList { "github:acme/app#7 30 1", "local-pipeline 12 2", "local 4 0" }
            << QStringList { "local 0", "local-pipeline 2", "github:acme/app 1" } << 3;
    }

    void sourcesSideBySide()
    {
        QFETCH(QStringList, runs);
        QFETCH(QStringList, expected);
        QFETCH(int, failingOnCommitCard);
        TestRepo repo;
        repo.init();
        repo.commit(QStringLiteral("first"));
        const QString head = repo.commit(QStringLiteral("second"));
        QTemporaryDir dir;
        auto db
            = store::Database::open(*store::StoreLocation::parse(dir.filePath(QStringLiteral("s.sqlite"))));
        QVERIFY2(db, qPrintable(db.errorMessage()));
        const QString key = *RunImport::repositoryKey(repo.path());
        TestRunStore store(*db);
        for (int i = 0; i < runs.size(); ++i) {
            const QStringList parts = runs.at(i).split(QLatin1Char(' '));
            RunInfo info { key, head, QStringLiteral("main"), parts.at(0),
                QDateTime::fromSecsSinceEpoch(TestRepo::BaseTime + 600 + i * 60) };
            auto imported = store.importRun(info,
                { report(QStringLiteral("S%1").arg(parts.at(1)), parts.at(1).toInt(), parts.at(2).toInt(),
                    0.1 * (i + 1)) });
            QVERIFY2(imported, qPrintable(imported.errorMessage()));
        }

        auto section = overview::OverviewLoader::tests(*db, key);
        QVERIFY2(section, qPrintable(section.errorMessage()));
        QStringList actual;
        for (const RunSummary &run : section->latestBySource)
            actual << QStringLiteral("%1 %2").arg(RunSources::family(run.source)).arg(run.counts.failed);
        QCOMPARE(actual, expected);

        auto commit = overview::CommitOverviewLoader::load(*db, repo.path(), key, head);
        QVERIFY2(commit, qPrintable(commit.errorMessage()));
        QCOMPARE(commit->testRuns.size(), expected.size());
        int failing = 0;
        for (const auto &t : commit->testRuns)
            failing += t.run.counts.failed;
        QCOMPARE(failing, failingOnCommitCard);
    }

    // Each source of the commit against its parent's run of the same source.
    void deltaAgainstTheSameSource()
    {
        TestRepo repo;
        repo.init();
        const QString parent = repo.commit(QStringLiteral("first"));
        const QString head = repo.commit(QStringLiteral("second"));
        QTemporaryDir dir;
        auto db
            = store::Database::open(*store::StoreLocation::parse(dir.filePath(QStringLiteral("s.sqlite"))));
        QVERIFY2(db, qPrintable(db.errorMessage()));
        const QString key = *RunImport::repositoryKey(repo.path());
        TestRunStore store(*db);
        auto import = [&](const QString &commit, const QString &source, int tests, int failing, int minute) {
            RunInfo info { key, commit, QStringLiteral("main"), source,
                QDateTime::fromSecsSinceEpoch(TestRepo::BaseTime + 600 + minute * 60) };
            QVERIFY(store.importRun(info, { report(QStringLiteral("S"), tests, failing, 0.1 * minute) }));
        };
        import(parent, QStringLiteral("github:acme/app#1"), 30, 0, 1);
        import(parent, QStringLiteral("local"), 4, 0, 2);
        import(head, QStringLiteral("github:acme/app#2"), 30, 1, 3);
        import(head, QStringLiteral("local"), 4, 0, 4);
        auto commit = overview::CommitOverviewLoader::load(*db, repo.path(), key, head);
        QVERIFY2(commit, qPrintable(commit.errorMessage()));
        QCOMPARE(commit->testRuns.size(), 2);
        for (const auto &t : commit->testRuns) {
            QVERIFY(t.parentRun && t.delta);
            QCOMPARE(RunSources::family(t.parentRun->source), RunSources::family(t.run.source));
            // CI: t0 newly fails; the local run: nothing new (not "26 tests removed").
            QCOMPARE(t.delta->newFailures.size(), t.run.source == QLatin1String("local") ? 0 : 1);
            QCOMPARE(t.delta->removedTests.size(), 0);
        }
    }
};

QTEST_GUILESS_MAIN(TstOverviewSources)
#include "tst_overviewsources.moc"

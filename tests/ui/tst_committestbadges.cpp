// The History page's test badges: the newest run of each source of each commit,
// read on a worker — a local run never hides the CI run's failure.

#include "TestEnvironment.h"
#include "TestRepo.h"

#include "store/Database.h"
#include "testresults/RunSources.h"
#include "testresults/TestRunStore.h"
#include "tests/CommitTestBadges.h"
#include "tests/TestStoreAccess.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash;
using namespace devdash::test;

class CommitTestBadgesTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(TestEnvironment::setUp()); }

    void newestRunPerCommit()
    {
        TestRepo repo;
        repo.init();
        const QString first = repo.commit(QStringLiteral("one"));
        const QString second = repo.commit(QStringLiteral("two"));
        QTemporaryDir dir;
        auto location = store::StoreLocation::parse(dir.filePath(QStringLiteral("store.sqlite")));
        QVERIFY(location.ok());
        auto db = store::Database::open(location.value());
        QVERIFY2(db.ok(), qPrintable(db.errorMessage()));

        auto report = [](testresults::TestStatus status) {
            testresults::TestReport r;
            r.file = QStringLiteral("junit.xml");
            r.format = QStringLiteral("junit");
            testresults::TestCase c;
            c.suite = QStringLiteral("Suite");
            c.className = QStringLiteral("Suite");
            c.name = QStringLiteral("works");
            c.status = status;
            c.durationS = 0.5;
            r.cases.push_back(c);
            return r;
        };
        testresults::TestRunStore runs(db.value());
        const QString key = ui::TestStoreAccess::repositoryKey(repo.path());
        auto info = [&](const QString &commit, int minutes) {
            return testresults::RunInfo { key, commit, QStringLiteral("main"), QStringLiteral("local"),
                QDateTime::fromSecsSinceEpoch(TestRepo::BaseTime + minutes * 60) };
        };
        QVERIFY(runs.importRun(info(first, 1), { report(testresults::TestStatus::Passed) }).ok());
        QVERIFY(runs.importRun(info(second, 2), { report(testresults::TestStatus::Passed) }).ok());
        // The newer run of `second` failed: that is what its badge says.
        QVERIFY(runs.importRun(info(second, 3), { report(testresults::TestStatus::Failed) }).ok());

        ui::TestStoreAccess::setLocation(location.value());
        ui::CommitTestBadges badges;
        badges.setRepository(repo.path());
        QSignalSpy changed(&badges, &ui::CommitTestBadges::changed);
        badges.request({ first, second, QStringLiteral("0000000000000000000000000000000000000000") });
        QVERIFY(changed.wait(10000));
        QCOMPARE(badges.runsOf(first).size(), 1);
        QVERIFY(!badges.runsOf(first).constFirst().isFailing());
        QCOMPARE(ui::CommitTestBadges::text(badges.runsOf(first)), QStringLiteral("✓ 1"));
        QCOMPARE(badges.runsOf(second).size(), 1);
        QVERIFY(badges.runsOf(second).constFirst().isFailing());
        QCOMPARE(ui::CommitTestBadges::text(badges.runsOf(second)), QStringLiteral("1 failed"));
        QVERIFY(badges.runsOf(QStringLiteral("0000000000000000000000000000000000000000")).isEmpty());
        ui::TestStoreAccess::setLocation(std::nullopt);
    }

    // CI failed on the commit, then a local run of a few tests passed on it: the
    // badge shows both, the failure first.
    void sourcesSideBySide_data()
    {
        QTest::addColumn<QStringList>("sources"); // oldest first; "F" suffix: that run failed
        QTest::addColumn<QString>("badge");
        QTest::addColumn<bool>("failing");
        QTest::newRow("local after CI")
            << QStringList { "github:acme/app#41 F", "local" } << "1 failed · ✓ 4" << true;
        QTest::newRow("CI re-run fixed it")
            << QStringList { "github:acme/app#41 F", "github:acme/app#42", "local" } << "✓ 4 · ✓ 4" << false;
        QTest::newRow("pipeline and local")
            << QStringList { "local-pipeline F", "local F" } << "1 failed · 1 failed" << true;
    }

    void sourcesSideBySide()
    {
        QFETCH(QStringList, sources);
        QFETCH(QString, badge);
        QFETCH(bool, failing);
        TestRepo repo;
        repo.init();
        const QString commit = repo.commit(QStringLiteral("one"));
        QTemporaryDir dir;
        auto location = store::StoreLocation::parse(dir.filePath(QStringLiteral("store.sqlite")));
        QVERIFY(location.ok());
        auto db = store::Database::open(location.value());
        QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
        testresults::TestRunStore runs(db.value());
        const QString key = ui::TestStoreAccess::repositoryKey(repo.path());
        for (int i = 0; i < sources.size(); ++i) {
            const bool fails = sources.at(i).endsWith(QLatin1String(" F"));
            testresults::TestReport r;
            r.file = QStringLiteral("junit-%1.xml").arg(i);
            r.format = QStringLiteral("junit");
            for (int t = 0; t < 4; ++t) {
                testresults::TestCase c;
                c.suite = c.className = QStringLiteral("Suite");
                c.name = QStringLiteral("t%1").arg(t);
                c.status
                    = fails && t == 0 ? testresults::TestStatus::Failed : testresults::TestStatus::Passed;
                c.durationS = 0.01 * (i + 1); // each run its own content (identical imports are one run)
                r.cases.push_back(c);
            }
            const testresults::RunInfo info { key, commit, QStringLiteral("main"),
                sources.at(i).chopped(fails ? 2 : 0),
                QDateTime::fromSecsSinceEpoch(TestRepo::BaseTime + i * 60) };
            QVERIFY(runs.importRun(info, { r }).ok());
        }
        ui::TestStoreAccess::setLocation(location.value());
        ui::CommitTestBadges badges;
        badges.setRepository(repo.path());
        QSignalSpy changed(&badges, &ui::CommitTestBadges::changed);
        badges.request({ commit });
        QVERIFY(changed.wait(10000));
        QCOMPARE(ui::CommitTestBadges::text(badges.runsOf(commit)), badge);
        QCOMPARE(testresults::RunSources::anyFailing(badges.runsOf(commit)), failing);
        ui::TestStoreAccess::setLocation(std::nullopt);
    }
};

QTEST_MAIN(CommitTestBadgesTest)
#include "tst_committestbadges.moc"

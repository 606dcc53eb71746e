// The History page's test badges: the newest run of each commit, read on a worker.

#include "TestEnvironment.h"
#include "TestRepo.h"

#include "store/Database.h"
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
        QVERIFY(badges.runOf(first).has_value());
        QVERIFY(!badges.runOf(first)->isFailing());
        QCOMPARE(ui::CommitTestBadges::text(*badges.runOf(first)), QStringLiteral("✓ 1"));
        QVERIFY(badges.runOf(second)->isFailing());
        QCOMPARE(ui::CommitTestBadges::text(*badges.runOf(second)), QStringLiteral("1 failed"));
        QVERIFY(!badges.runOf(QStringLiteral("0000000000000000000000000000000000000000")));
        ui::TestStoreAccess::setLocation(std::nullopt);
    }
};

QTEST_MAIN(CommitTestBadgesTest)
#include "tst_committestbadges.moc"

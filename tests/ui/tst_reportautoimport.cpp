// Reports listed in .devdash.json are imported while the repository is open.

#include "TestEnvironment.h"
#include "TestRepo.h"

#include "store/Database.h"
#include "testresults/TestRunStore.h"
#include "tests/ReportAutoImport.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash;
using namespace devdash::test;

class ReportAutoImportTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(TestEnvironment::setUp()); }

    void importsNewReports()
    {
        TestRepo repo;
        repo.init();
        repo.writeFile(QStringLiteral(".devdash.json"), R"({"tests": {"reports": ["build/**/junit*.xml"]}})");
        repo.commit(QStringLiteral("configure reports"));
        QTemporaryDir dir;
        auto location = store::StoreLocation::parse(dir.filePath(QStringLiteral("store.sqlite")));
        QVERIFY(location.ok());

        ui::ReportAutoImport autoImport;
        QSignalSpy imported(&autoImport, &ui::ReportAutoImport::imported);
        QSignalSpy failed(&autoImport, &ui::ReportAutoImport::failed);
        autoImport.setRepository(repo.path(), location.value());
        QTRY_COMPARE_WITH_TIMEOUT(
            autoImport.globs(), QStringList { QStringLiteral("build/**/junit*.xml") }, 10000);

        repo.writeFile(QStringLiteral("build/tests/junit-unit.xml"),
            R"(<testsuite name="unit" tests="2"><testcase classname="A" name="ok"/>)"
            R"(<testcase classname="A" name="bad"><failure message="boom"/></testcase></testsuite>)");
        QVERIFY2(imported.wait(20000),
            qPrintable(failed.isEmpty() ? QString() : failed.first().first().toString()));
        const auto run = imported.first().first().value<testresults::RunSummary>();
        QCOMPARE(run.counts.tests, 2);
        QCOMPARE(run.counts.failed, 1);
        QCOMPARE(run.commit, repo.head());

        // What was imported is in the store for the Tests page to read.
        auto db = store::Database::open(location.value());
        QVERIFY(db.ok());
        auto runs = testresults::TestRunStore(db.value()).runs(run.repository);
        QVERIFY(runs.ok());
        QCOMPARE(runs->size(), 1);
    }

    void malformedConfigIsReported()
    {
        TestRepo repo;
        repo.init();
        repo.writeFile(QStringLiteral(".devdash.json"), "{ \"tests\": ");
        repo.commit(QStringLiteral("broken config"));
        QTemporaryDir dir;
        auto location = store::StoreLocation::parse(dir.filePath(QStringLiteral("store.sqlite")));
        ui::ReportAutoImport autoImport;
        QSignalSpy failed(&autoImport, &ui::ReportAutoImport::failed);
        autoImport.setRepository(repo.path(), location.value());
        QVERIFY(failed.wait(10000));
        QVERIFY2(failed.first().first().toString().contains(u".devdash.json"),
            qPrintable(failed.first().first().toString()));
    }
};

QTEST_MAIN(ReportAutoImportTest)
#include "tst_reportautoimport.moc"

// What ReportParser reads from the project's samples of each JUnit dialect
// (tests/data/junit): reruns, nested suites, properties, outputs, times and timestamps,
// file and line. Their counts are checked in tst_reportparser.cpp.

#include "ReportLookup.h"
#include "TestData.h"
#include "testresults/ReportParser.h"

#include <QTest>

#include <cmath>

using namespace devdash;
using namespace devdash::testresults;

using devdash::test::findCase;
using devdash::test::findSuite;
using devdash::test::propertyValue;

namespace {

} // namespace

// A sample that is missing or does not parse fails the test function, naming the file.
#define LOAD_SAMPLE(var, file)                                                                               \
    const QString var##Path = devdash::test::testDataPath(QStringLiteral("junit/" file));                    \
    QVERIFY2(QFileInfo::exists(var##Path), qPrintable(QStringLiteral("missing test data: ") + var##Path));   \
    const Result<TestReport> var##Result = ReportParser::parseFile(var##Path);                               \
    QVERIFY2(var##Result.ok(), qPrintable(var##Result.errorMessage()));                                      \
    const TestReport &var = *var##Result

class TestReportDialects : public QObject
{
    Q_OBJECT

private slots:
    void antAggregate()
    {
        LOAD_SAMPLE(r, "ant-testsuites.xml");
        QCOMPARE(r.suites.size(), 2);
        const TestCase *divides = findCase(r, u"divides");
        QVERIFY(divides);
        QCOMPARE(divides->className, QStringLiteral("org.acme.calc.CalculatorTest"));
        QCOMPARE(divides->message, QStringLiteral("expected:<4> but was:<3>"));
        QVERIFY(divides->details.contains(QStringLiteral("CalculatorTest.java:27")));
        QCOMPARE(findCase(r, u"parsesInput")->type, QStringLiteral("java.lang.NumberFormatException"));
        QCOMPARE(r.suites[0].hostname, QStringLiteral("build-07"));
        QCOMPARE(r.suites[0].systemOut, QStringLiteral("calculator ready\n"));
        QCOMPARE(propertyValue(r.suites[0].properties, u"ant.project.name"), QStringLiteral("calc"));
        QCOMPARE(r.timestamp, QDateTime(QDate(2024, 3, 11), QTime(9, 14, 2))); // the earliest suite's
    }

    void surefireReruns()
    {
        {
            LOAD_SAMPLE(r, "surefire-flaky.xml");
            const TestCase &tc = r.cases.at(0);
            QCOMPARE(tc.status, TestStatus::Passed);
            QVERIFY(tc.flaky);
            QCOMPARE(tc.attempts(), 3);
            QCOMPARE(tc.retries[0].status, TestStatus::Failed);
            QCOMPARE(tc.retries[0].message, QStringLiteral("stock was 0"));
            QCOMPARE(tc.retries[1].message, QStringLiteral("stock was 1"));
            // Older Surefire: the trace as text beside the outputs.
            QVERIFY(tc.retries[0].details.startsWith(QStringLiteral("junit.framework.AssertionFailedError")));
            QCOMPARE(tc.retries[0].systemOut, QStringLiteral("warming cache\n"));
            QCOMPARE(tc.retries[0].systemErr, QStringLiteral("cache cold\n"));
            QCOMPARE(propertyValue(r.suites[0].properties, u"surefire.rerunFailingTestsCount"),
                QStringLiteral("2"));
        }
        {
            LOAD_SAMPLE(r, "surefire-always-fails.xml");
            const TestCase &tc = r.cases.at(0);
            QCOMPARE(tc.status, TestStatus::Failed);
            QVERIFY(!tc.flaky);
            QCOMPARE(tc.attempts(), 4); // the first run and three reruns
            QCOMPARE(tc.retries[0].systemOut, QStringLiteral("charging 10.00 EUR\n"));
            QCOMPARE(tc.retries[0].durationS, 0.003);
            QCOMPARE(tc.retries[1].durationS, 0.002);
            QCOMPARE(tc.message, QStringLiteral("gateway still says no")); // the last attempt's
            QCOMPARE(tc.systemOut, QStringLiteral("charging 10.00 EUR (rerun 3)\n"));
            QVERIFY(tc.details.contains(QStringLiteral("AssertionFailedError")));
        }
    }

    void jestJunit()
    {
        LOAD_SAMPLE(r, "jest-junit.xml");
        const TestCase *voucher = findCase(r, u"applies a voucher");
        QVERIFY(voucher);
        QCOMPARE(voucher->className, QStringLiteral("checkout \u203a discounts"));
        QCOMPARE(voucher->suite, QStringLiteral("checkout"));
        QVERIFY(voucher->message.isEmpty()); // jest-junit writes the trace only
        QVERIFY(voucher->details.contains(QStringLiteral("at Object.toBe")));
        QVERIFY(findCase(r, u"formats yen without decimals")->details.contains(QStringLiteral("¥1,000.00")));
        QCOMPARE(findCase(r, u"ships abroad")->status, TestStatus::Skipped);
    }

    void pytestXunit1()
    {
        LOAD_SAMPLE(r, "pytest-xunit1.xml");
        const TestCase *xfail = findCase(r, u"test_rounding_bug");
        QCOMPARE(xfail->status, TestStatus::Skipped);
        QCOMPARE(xfail->type, QStringLiteral("pytest.xfail"));
        QCOMPARE(findCase(r, u"test_exports_csv")->message, QStringLiteral("needs pandas"));
        const TestCase *setup = findCase(r, u"test_with_database");
        QCOMPARE(setup->status, TestStatus::Errored);
        QVERIFY(setup->message.contains(QStringLiteral("database is down")));
        QCOMPARE(
            propertyValue(findCase(r, u"test_totals")->properties, u"ticket"), QStringLiteral("SHOP-118"));
        QCOMPARE(propertyValue(r.suites[0].properties, u"build_id"), QStringLiteral("2024.03.11-7"));
        QCOMPARE(r.suites[0].hostname, QStringLiteral("ci-runner-3"));
        const TestCase *refund = findCase(r, u"test_refund");
        QCOMPARE(refund->file, QStringLiteral("tests/test_orders.py"));
        QCOMPARE(refund->line, 25);
        QCOMPARE(findCase(r, u"test_price[10-11.9]")->systemOut, QStringLiteral("computing 10 * 1.19\n"));
        QCOMPARE(
            r.timestamp, QDateTime(QDate(2024, 3, 11), QTime(10, 2, 41, 118), Qt::OffsetFromUTC, -5 * 3600));
    }

    void phpunitNested()
    {
        LOAD_SAMPLE(r, "phpunit-nested.xml");
        const TestCase *tc = findCase(r, u"testAllocates");
        QVERIFY(tc);
        QCOMPARE(tc->line, 22);
        QCOMPARE(tc->file, QStringLiteral("/app/tests/MoneyTest.php"));
        QCOMPARE(tc->suite, QStringLiteral("unit / App\\Tests\\MoneyTest"));
        QVERIFY(tc->details.contains(QStringLiteral("Failed asserting that 33 is identical to 34.")));
        QVERIFY(findSuite(r, u"unit / App\\Tests\\MoneyTest")->file.endsWith(u".php"));
        // Data-provider rows are a suite of their own inside the class's.
        QCOMPARE(findCase(r, u"testRounds with data set \"half even\"")->suite,
            QStringLiteral("unit / App\\Tests\\MoneyTest / App\\Tests\\MoneyTest::testRounds"));
        // Cases beside sub-suites belong to the outer suite.
        QCOMPARE(findCase(r, u"money-cli.phpt")->suite, QStringLiteral("unit"));
        QCOMPARE(r.suites.size(), 4);
    }

    void bazelTestLog()
    {
        LOAD_SAMPLE(r, "bazel-test.xml");
        QVERIFY(r.suites[0].systemOut.contains(QStringLiteral("Generated test.log")));
        QVERIFY(r.suites[0].systemOut.contains(QStringLiteral("ImportError"))); // from the CDATA
        QCOMPARE(r.suites[0].systemErr.trimmed(), QStringLiteral("Generated test.err"));
        QCOMPARE(r.cases[0].message, QStringLiteral("exited with error code 1"));
        QCOMPARE(r.cases[0].name, QStringLiteral("//services/billing:invoice_test"));
        QCOMPARE(r.cases[0].durationS, 2.0);
    }

    void scalatestAndSwift()
    {
        {
            LOAD_SAMPLE(r, "scalatest.xml");
            const TestCase *tc = findCase(r, u"A BoundedQueue should be empty after clear()");
            QVERIFY(tc);
            QCOMPARE(tc->message, QStringLiteral("2 was not equal to 0"));
            QCOMPARE(r.suites[0].hostname, QStringLiteral("ci-runner-3"));
            QVERIFY(r.suites[0].systemOut.isEmpty());
        }
        {
            LOAD_SAMPLE(r, "swift-xunit.xml");
            const TestCase *tc = findCase(r, u"testGreetsInFrench");
            QCOMPARE(tc->status, TestStatus::Failed);
            QCOMPARE(tc->message, QStringLiteral("failed"));
            QCOMPARE(tc->className, QStringLiteral("GreeterTests.GreeterTests"));
            QCOMPARE(
                findCase(r, u"testEndsWithBang")->className, QStringLiteral("GreeterTests.PunctuationTests"));
        }
    }

    void minimalAndMultipleResults()
    {
        {
            LOAD_SAMPLE(r, "minimal-attributes.xml");
            QCOMPARE(findCase(r, u"errors")->status, TestStatus::Errored);
            QVERIFY(std::isnan(findCase(r, u"passes")->durationS)); // no time: unknown
            QVERIFY(findCase(r, u"fails")->className.isEmpty());
            QCOMPARE(findCase(r, u"fails")->id(), QStringLiteral("minimal::fails"));
        }
        {
            LOAD_SAMPLE(r, "multiple-results.xml");
            const TestCase *teardown = findCase(r, u"fails then errors in teardown");
            QCOMPARE(teardown->status, TestStatus::Errored);
            QCOMPARE(teardown->message, QStringLiteral("teardown failed"));
            QCOMPARE(findCase(r, u"skipped then fails")->status, TestStatus::Failed);
            QCOMPARE(
                findCase(r, u"fails twice")->message, QStringLiteral("first check")); // a tie keeps the first
            QCOMPARE(findCase(r, u"fails twice")->details, QStringLiteral("first"));
            QCOMPARE(findCase(r, u"skipped twice")->message, QStringLiteral("not on Linux"));
        }
    }

    void properties()
    {
        LOAD_SAMPLE(r, "properties.xml");
        const Properties &suite = r.suites[0].properties;
        QCOMPARE(propertyValue(suite, u"browser"), QStringLiteral("firefox"));
        QCOMPARE(propertyValue(suite, u"environment"), QStringLiteral("staging"));
        QCOMPARE(propertyValue(suite, u"config"), QStringLiteral("retries = 2\ntimeout = 30s"));
        const TestCase *overrides = findCase(r, u"readsOverrides");
        QCOMPARE(overrides->status, TestStatus::Failed);
        QCOMPARE(overrides->message, QStringLiteral("expected: [30s] but was: [10s]"));
        QCOMPARE(overrides->type, QStringLiteral("org.junit.ComparisonFailure"));
        QCOMPARE(propertyValue(overrides->properties, u"description"),
            QStringLiteral("Overrides from the environment win over the file"));
        QCOMPARE(overrides->durationS, 1.0);
        QCOMPARE(propertyValue(findCase(r, u"readsDefaults")->properties, u"owner"),
            QStringLiteral("team-platform"));
    }

    void suiteErrors()
    {
        LOAD_SAMPLE(r, "suite-errors.xml");
        const TestCase *init = findCase(r, u"<init>");
        QVERIFY(init);
        QCOMPARE(init->status, TestStatus::Errored);
        QCOMPARE(init->suite,
            QStringLiteral("integration.Api / integration.Api.Storage / integration.Api.Storage.Migrations"));
        QCOMPARE(init->className, QStringLiteral("integration.Api.Storage.Migrations"));
        QCOMPARE(init->type, QStringLiteral("java.lang.IllegalStateException"));
        QVERIFY(init->details.contains(QStringLiteral("at integration.Api.Storage.Migrations.setUpClass")));
        QCOMPARE(findCase(r, u"writes")->suite, QStringLiteral("integration.Api / integration.Api.Storage"));
        QCOMPARE(r.suites.size(), 3);
    }

    void suiteTimes()
    {
        LOAD_SAMPLE(r, "suite-times.xml");
        QCOMPARE(findSuite(r, u"slow.Filesystem")->durationS, 1802.4);
        QVERIFY(std::isnan(findSuite(r, u"slow.Network")->durationS));
        QCOMPARE(findSuite(r, u"slow.Outer / slow.Inner")->durationS, 9.5);
        QCOMPARE(r.counts().durationS, 80.0); // the cases', not the suites'
    }

    void timestamps()
    {
        LOAD_SAMPLE(r, "timestamps.xml");
        const QDate day(2024, 3, 11);
        QCOMPARE(r.timestamp, QDateTime(day, QTime(8, 0)));
        QCOMPARE(findSuite(r, u"frontend")->timestamp, QDateTime(day, QTime(9, 15, 30)));
        QCOMPARE(findSuite(r, u"frontend / forms")->timestamp, QDateTime(day, QTime(9, 16, 2, 500)));
        QCOMPARE(findSuite(r, u"backend")->timestamp, QDateTime(day, QTime(9, 20, 44), Qt::UTC));
        QCOMPARE(findSuite(r, u"worker")->timestamp, QDateTime(day, QTime(9, 21, 5), Qt::UTC));
        QCOMPARE(findSuite(r, u"nightly")->timestamp, QDateTime(day, QTime(0, 0)));
        QCOMPARE(findSuite(r, u"americas")->timestamp,
            QDateTime(day, QTime(6, 30, 0, 250), Qt::OffsetFromUTC, -3 * 3600));
        QCOMPARE(
            findSuite(r, u"asia")->timestamp, QDateTime(day, QTime(18, 45, 10), Qt::OffsetFromUTC, 9 * 3600));
    }

    void repeatedCaseAndSkips()
    {
        {
            LOAD_SAMPLE(r, "repeated-case.xml");
            const TestCase &tc = r.cases.at(0);
            QCOMPARE(tc.attempts(), 2);
            QVERIFY(!tc.flaky);
            QCOMPARE(tc.durationS, 4.5);
            QVERIFY(std::isnan(tc.retries[0].durationS)); // time="-12": unknown, not negative
            QVERIFY(std::isnan(r.suites[0].durationS));
        }
        {
            LOAD_SAMPLE(r, "skipped.xml");
            QCOMPARE(findCase(r, u"readsRegistry")->message, QStringLiteral("only on Windows"));
            QCOMPARE(findCase(r, u"readsPlist")->details, QStringLiteral("only on macOS"));
            QCOMPARE(findCase(r, u"renders")->status, TestStatus::Skipped);
            QCOMPARE(findCase(r, u"readsProc")->status, TestStatus::Passed);
        }
    }

    void conventions()
    {
        LOAD_SAMPLE(r, "conventions.xml");
        const TestCase &tc = r.cases.at(0);
        QVERIFY(propertyValue(tc.properties, u"html:notes").contains(QStringLiteral("<h2>Notes</h2>")));
        QCOMPARE(propertyValue(tc.properties, u"priority"), QStringLiteral("high"));
        QCOMPARE(tc.properties.size(), 5);
        QVERIFY(tc.systemOut.contains(QStringLiteral("[[ATTACHMENT|screenshots/users.png]]")));
        QCOMPARE(tc.suite, QStringLiteral("Users"));
    }
};

QTEST_GUILESS_MAIN(TestReportDialects)
#include "tst_reportdialects.moc"

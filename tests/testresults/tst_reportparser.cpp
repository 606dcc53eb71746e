// ReportParser against the project's samples of each dialect (tests/data/junit, each
// with its expected figures), and refused and broken documents. The details of the newer
// dialect samples are in tst_reportdialects.cpp, the value rules in tst_reportvalues.cpp.

#include "ReportLookup.h"
#include "TestData.h"
#include "testresults/ReportParser.h"

#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace devdash;
using namespace devdash::testresults;

using devdash::test::findCase;
using devdash::test::findSuite;
using devdash::test::propertyValue;

namespace {

const QString kSamples = devdash::test::testDataPath(QStringLiteral("junit"));

Result<TestReport> parseBytes(
    const QByteArray &xml, const ReportLimits &limits = {}, const CancelToken &cancel = {})
{
    QBuffer buffer;
    buffer.setData(xml);
    buffer.open(QIODevice::ReadOnly);
    return ReportParser::parse(buffer, QStringLiteral("generated.xml"), limits, cancel);
}

struct Expected
{
    int tests, passed, failed, errored, skipped, flaky;
};

} // namespace

Q_DECLARE_METATYPE(Expected)

class TestReportParser : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void samples_data();
    void samples();
    void everySampleIsListed();
    void surefireFlakyAndRerun();
    void retriesByRepetition();
    void gtestRules();
    void nunit3Details();
    void xunit2Details();
    void trxDetails();
    void nestedSuites();
    void weirdTimes();

    void refused_data();
    void refused();
    void emptyAndTrailingGarbage();
    void truncatedPrefixesNeverParse_data();
    void truncatedPrefixesNeverParse();
    void longOutputIsCapped();
    void reportBudget();
    void cancelled();

private:
    void addCountColumns();
    void checkCounts(const TestReport &report);
};

void TestReportParser::addCountColumns()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<Expected>("expected");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("tool");
}

void TestReportParser::checkCounts(const TestReport &report)
{
    QFETCH(Expected, expected);
    QFETCH(QString, format);
    QFETCH(QString, tool);
    const TestCounts c = report.counts();
    QCOMPARE(c.tests, expected.tests);
    QCOMPARE(c.passed, expected.passed);
    QCOMPARE(c.failed, expected.failed);
    QCOMPARE(c.errored, expected.errored);
    QCOMPARE(c.skipped, expected.skipped);
    QCOMPARE(c.flaky, expected.flaky);
    QCOMPARE(c.passed + c.failed + c.errored + c.skipped, c.tests);
    QCOMPARE(report.format, format);
    QCOMPARE(report.tool, tool);
}

// --- the samples of tests/data/junit ------------------------------------------------

// Counts read off the XML by hand (tests/data/junit/README.md says what each exercises):
// one test per distinct class+name, the worst result when a case has several, skipped
// for xfail, a test that passed on a rerun passed and flaky.
struct SampleRow
{
    const char *file;
    Expected expected;
    const char *format;
    const char *tool;
};

static const std::vector<SampleRow> &sampleRows()
{
    static const std::vector<SampleRow> rows = {
        { "surefire-flaky-rerun.xml", { 6, 3, 1, 1, 1, 2 }, "junit", "surefire" },
        { "surefire-always-fails.xml", { 1, 0, 1, 0, 0, 0 }, "junit", "surefire" },
        { "surefire-flaky.xml", { 1, 1, 0, 0, 0, 1 }, "junit", "surefire" },
        { "gradle-retries.xml", { 6, 4, 2, 0, 0, 2 }, "junit", "" },
        { "gtest.xml", { 7, 1, 1, 1, 4, 0 }, "junit", "gtest" },
        { "nunit3.xml", { 9, 4, 1, 2, 2, 0 }, "nunit3", "nunit" },
        { "xunit2.xml", { 7, 3, 1, 2, 1, 0 }, "xunit2", "xunit" },
        { "vstest.trx", { 5, 2, 1, 1, 1, 0 }, "trx", "vstest" },
        { "nested-suites.xml", { 7, 4, 1, 1, 1, 0 }, "junit", "" },
        { "weird-times.xml", { 12, 12, 0, 0, 0, 0 }, "junit", "" },
        { "mocha.xml", { 3, 1, 1, 0, 1, 0 }, "junit", "mocha" },
        { "catch2.xml", { 3, 1, 1, 0, 1, 0 }, "junit", "catch2" },
        { "nextest.xml", { 3, 2, 1, 0, 0, 1 }, "junit", "nextest" },
        { "go-junit-report.xml", { 3, 1, 1, 0, 1, 0 }, "junit", "go-junit-report" },
        { "dotnet-junit-logger.xml", { 2, 1, 1, 0, 0, 0 }, "junit", "dotnet-junit-logger" },
        { "ant-testsuites.xml", { 5, 3, 1, 1, 0, 0 }, "junit", "ant" },
        { "jest-junit.xml", { 6, 2, 3, 0, 1, 0 }, "junit", "jest" },
        { "pytest-xunit1.xml", { 8, 4, 1, 1, 2, 0 }, "junit", "pytest" },
        { "phpunit-nested.xml", { 6, 5, 1, 0, 0, 0 }, "junit", "phpunit" },
        { "bazel-test.xml", { 1, 0, 0, 1, 0, 0 }, "junit", "bazel" },
        { "scalatest.xml", { 4, 3, 1, 0, 0, 0 }, "junit", "scalatest" },
        { "swift-xunit.xml", { 3, 2, 1, 0, 0, 0 }, "junit", "" },
        { "minimal-attributes.xml", { 4, 1, 1, 1, 1, 0 }, "junit", "" },
        { "multiple-results.xml", { 5, 1, 2, 1, 1, 0 }, "junit", "" },
        { "properties.xml", { 2, 1, 1, 0, 0, 0 }, "junit", "" },
        // An <error> straight in a suite is one errored test ("<init>").
        { "suite-errors.xml", { 3, 2, 0, 1, 0, 0 }, "junit", "" },
        { "suite-times.xml", { 5, 5, 0, 0, 0, 0 }, "junit", "" },
        { "timestamps.xml", { 6, 6, 0, 0, 0, 0 }, "junit", "" },
        // The same class+name twice: one test, run twice.
        { "repeated-case.xml", { 1, 1, 0, 0, 0, 0 }, "junit", "" },
        { "skipped.xml", { 4, 1, 0, 0, 3, 0 }, "junit", "" },
        { "conventions.xml", { 1, 1, 0, 0, 0, 0 }, "junit", "" },
    };
    return rows;
}

// The samples ReportParser must refuse (refused_data() says how).
static const QStringList &refusedSamples()
{
    static const QStringList files { "billion-laughs.xml", "dtd-external.xml", "xxe.xml",
        "undeclared-entity.xml", "malformed.xml", "truncated.xml", "not-a-report.xml", "nunit2.xml" };
    return files;
}

void TestReportParser::initTestCase()
{
    QStringList files = refusedSamples();
    for (const SampleRow &row : sampleRows())
        files << QString::fromLatin1(row.file);
    for (QString &file : files)
        file.prepend(QStringLiteral("junit/"));
    DEVDASH_REQUIRE_TEST_DATA(files);
}

void TestReportParser::samples_data()
{
    addCountColumns();
    for (const SampleRow &row : sampleRows()) {
        QTest::newRow(row.file) << QString::fromLatin1(row.file) << row.expected
                                << QString::fromLatin1(row.format) << QString::fromLatin1(row.tool);
    }
}

void TestReportParser::samples()
{
    QFETCH(QString, file);
    const Result<TestReport> report = ReportParser::parseFile(kSamples + u'/' + file);
    QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
    checkCounts(*report);
    QVERIFY(report->warnings.isEmpty());
    QCOMPARE(report->file, kSamples + u'/' + file);
}

// A sample added to tests/data/junit must get its figures here (and a line in its README).
void TestReportParser::everySampleIsListed()
{
    QStringList listed = refusedSamples();
    for (const SampleRow &row : sampleRows())
        listed << QString::fromLatin1(row.file);
    const QStringList present = QDir(kSamples).entryList(QDir::Files);
    for (const QString &file : present) {
        if (file != u"README.md")
            QVERIFY2(
                listed.contains(file), qPrintable(file + QStringLiteral(": a new sample; add its figures")));
    }
    QCOMPARE(present.size(), listed.size() + 1);
    QFile readme(kSamples + QStringLiteral("/README.md"));
    QVERIFY(readme.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(readme.readAll());
    for (const QString &file : listed)
        QVERIFY2(text.contains(u'`' + file + u'`'), qPrintable(file + QStringLiteral(": not in README.md")));
}

// A sample that does not parse fails the test function that loads it.
#define LOAD_SAMPLE(var, file)                                                                               \
    const Result<TestReport> var##Result = ReportParser::parseFile(kSamples + QStringLiteral("/" file));     \
    QVERIFY2(var##Result.ok(), qPrintable(var##Result.errorMessage()));                                      \
    const TestReport &var = *var##Result

void TestReportParser::surefireFlakyAndRerun()
{
    LOAD_SAMPLE(r, "surefire-flaky-rerun.xml");
    const TestCase *once = findCase(r, u"flakyOnce");
    QCOMPARE(once->status, TestStatus::Passed);
    QVERIFY(once->flaky);
    QCOMPARE(once->attempts(), 2);
    QCOMPARE(once->retries[0].message, QStringLiteral("expected: <1> but was: <2>"));
    QCOMPARE(once->retries[0].durationS, 0.19);
    QCOMPARE(once->retries[0].systemOut, QStringLiteral("attempt 1\n"));
    QCOMPARE(once->systemOut, QStringLiteral("attempt 2 ok\n"));

    const TestCase *error = findCase(r, u"flakyError");
    QVERIFY(error->flaky);
    QCOMPARE(error->attempts(), 3);
    QCOMPARE(error->retries[0].status, TestStatus::Errored);
    QVERIFY(
        error->retries[0].details.startsWith(QStringLiteral("java.net.ConnectException"))); // trace as text
    QCOMPARE(error->retries[1].status, TestStatus::Failed);

    const TestCase *fails = findCase(r, u"alwaysFails");
    QCOMPARE(fails->status, TestStatus::Failed);
    QVERIFY(!fails->flaky);
    QCOMPARE(fails->attempts(), 3);
    QCOMPARE(fails->retries[0].systemOut, QStringLiteral("first run\n"));
    QCOMPARE(fails->retries[0].durationS, 0.4);
    QCOMPARE(fails->retries[1].systemOut, QStringLiteral("rerun 1"));
    QCOMPARE(fails->message, QStringLiteral("boom again")); // the last attempt's
    QCOMPARE(fails->systemOut, QStringLiteral("rerun 2"));
    QCOMPARE(fails->durationS, 0.36);

    const TestCase *errors = findCase(r, u"alwaysErrors");
    QCOMPARE(errors->status, TestStatus::Errored);
    QCOMPARE(errors->attempts(), 2);

    QCOMPARE(findCase(r, u"ignored")->message, QStringLiteral("@Disabled: not yet"));
}

void TestReportParser::retriesByRepetition()
{
    LOAD_SAMPLE(r, "gradle-retries.xml");
    const TestCase *second = findCase(r, u"passesSecondTime");
    QVERIFY(second->flaky);
    QCOMPARE(second->status, TestStatus::Passed);
    QCOMPARE(second->retries[0].message, QStringLiteral("first"));
    QCOMPARE(second->durationS, 0.2);
    const TestCase *twice = findCase(r, u"failsTwice");
    QCOMPARE(twice->status, TestStatus::Failed);
    QCOMPARE(twice->message, QStringLiteral("f2"));
    QCOMPARE(twice->retries[0].message, QStringLiteral("f1"));
    QVERIFY(!twice->flaky);
    QVERIFY(findCase(r, u"errorsThenPasses")->flaky);
    const TestCase *late = findCase(r, u"passesThenFails");
    QCOMPARE(late->status, TestStatus::Failed); // the last attempt decides
    QVERIFY(!late->flaky);
    // Same name in another class: another test.
    QVERIFY(findCase(r, u"stable", u"com.acme.RetryTest") != findCase(r, u"stable", u"com.acme.OtherTest"));
    QCOMPARE(findCase(r, u"stable", u"com.acme.OtherTest")->attempts(), 1);
}

void TestReportParser::gtestRules()
{
    LOAD_SAMPLE(r, "gtest.xml");
    QCOMPARE(findCase(r, u"DISABLED_Off")->status, TestStatus::Skipped);
    QCOMPARE(findCase(r, u"DISABLED_Old")->status, TestStatus::Skipped); // by the prefix alone
    QCOMPARE(findCase(r, u"One", u"DISABLED_Whole")->status, TestStatus::Skipped);
    QCOMPARE(findCase(r, u"Skipped")->status, TestStatus::Skipped);
    QCOMPARE(findCase(r, u"Throws")->status, TestStatus::Errored); // an exception, not an assertion
    const TestCase *fails = findCase(r, u"Fails");
    QCOMPARE(fails->status, TestStatus::Failed);
    QCOMPARE(fails->file, QStringLiteral("math_test.cpp"));
    QCOMPARE(fails->line, 4);
    QVERIFY(fails->details.contains(QStringLiteral("Which is: 2")));
    QVERIFY(!findSuite(r, u"DISABLED_Whole")->timestamp.isValid()); // the epoch means never
    QCOMPARE(r.timestamp, QDateTime(QDate(2023, 5, 4), QTime(10, 11, 12, 345)));
}

void TestReportParser::nunit3Details()
{
    LOAD_SAMPLE(r, "nunit3.xml");
    QCOMPARE(r.timestamp, QDateTime(QDate(2023, 5, 4), QTime(10, 11, 12), Qt::UTC));
    const TestCase *divides = findCase(r, u"Divides");
    QCOMPARE(divides->className, QStringLiteral("Calc.CalculatorTests"));
    QCOMPARE(divides->suite, QStringLiteral("Calc.Tests.dll / Calc / CalculatorTests"));
    QVERIFY(divides->message.startsWith(QStringLiteral("Expected: 3")));
    QVERIFY(divides->details.contains(QStringLiteral("CalculatorTests.cs:line 21")));
    QCOMPARE(divides->systemOut, QStringLiteral("dividing 6 by 2\n"));
    QCOMPARE(divides->durationS, 0.034);
    QCOMPARE(findCase(r, u"Throws")->status, TestStatus::Errored);
    QCOMPARE(findCase(r, u"Later")->message, QStringLiteral("not yet"));
    QCOMPARE(findCase(r, u"Maybe")->status, TestStatus::Skipped); // Inconclusive
    QCOMPARE(propertyValue(findCase(r, u"Squares(2,4)")->properties, u"Category"), QStringLiteral("Math"));
    const TestCase *teardown = findCase(r, u"<OneTimeTearDown>");
    QVERIFY(teardown);
    QCOMPARE(teardown->status, TestStatus::Errored);
    QCOMPARE(teardown->className, QStringLiteral("Calc.TeardownTests"));
    QCOMPARE(propertyValue(r.suites[0].properties, u"_PID"), QStringLiteral("4242"));
}

void TestReportParser::xunit2Details()
{
    LOAD_SAMPLE(r, "xunit2.xml");
    QCOMPARE(r.timestamp, QDateTime(QDate(2023, 5, 4), QTime(10, 11, 12)));
    const TestCase *failed = findCase(r, u"Divides(a: 6, b: 2, expected: 4)");
    QVERIFY(failed);
    QCOMPARE(failed->className, QStringLiteral("Calc.Tests.CalculatorTests"));
    QCOMPARE(failed->status, TestStatus::Failed);
    QCOMPARE(failed->type, QStringLiteral("Xunit.Sdk.EqualException"));
    QVERIFY(failed->message.startsWith(QStringLiteral("Assert.Equal() Failure")));
    QCOMPARE(failed->systemOut, QStringLiteral("dividing 6 by 2"));
    QCOMPARE(findCase(r, u"Throws")->status, TestStatus::Errored);
    QCOMPARE(findCase(r, u"Later")->message, QStringLiteral("not yet"));
    QCOMPARE(propertyValue(findCase(r, u"Adds")->properties, u"Category"), QStringLiteral("Unit"));
    QCOMPARE(findCase(r, u"<test-class-cleanup>")->className, QStringLiteral("Calc.Tests.DbFixtureTests"));
    QCOMPARE(r.suites[0].name, QStringLiteral("Calc.Tests.dll"));
}

void TestReportParser::trxDetails()
{
    LOAD_SAMPLE(r, "vstest.trx");
    QCOMPARE(r.timestamp, QDateTime(QDate(2023, 5, 4), QTime(10, 11, 12, 200), Qt::OffsetFromUTC, 7200));
    const TestCase *divides = findCase(r, u"Divides");
    QCOMPARE(divides->className, QStringLiteral("Calc.Tests.CalculatorTests"));
    QCOMPARE(divides->suite, QStringLiteral("calc.tests.dll"));
    QCOMPARE(divides->durationS, 1.234);
    QCOMPARE(divides->message, QStringLiteral("Assert.AreEqual failed. Expected:<4>. Actual:<3>."));
    QVERIFY(divides->details.contains(QStringLiteral("line 21")));
    QCOMPARE(divides->systemOut, QStringLiteral("dividing 6 by 2"));
    QCOMPARE(findCase(r, u"Hangs")->status, TestStatus::Errored); // Timeout
    const TestCase *parses = findCase(r, u"Parses");
    QVERIFY(parses); // "Calc.Tests.ParserTests.Parses" less its class
    QCOMPARE(parses->className, QStringLiteral("Calc.Tests.ParserTests"));
    QCOMPARE(parses->durationS, 86400.5);
}

void TestReportParser::nestedSuites()
{
    LOAD_SAMPLE(r, "nested-suites.xml");
    QCOMPARE(r.suites.size(), 6);
    QCOMPARE(findCase(r, u"deep")->suite, QStringLiteral("A / B / C / D"));
    QCOMPARE(findCase(r, u"beside")->suite, QStringLiteral("A / B / C"));
    QCOMPARE(findCase(r, u"two")->suite, QStringLiteral("A"));
    QCOMPARE(findCase(r, u"loose")->suite, QString());
    QCOMPARE(findSuite(r, u"A / B")->systemOut, QStringLiteral("B out"));
    QCOMPARE(findSuite(r, u"A")->systemErr, QStringLiteral("A err"));
    QCOMPARE(propertyValue(findSuite(r, u"A")->properties, u"level"), QStringLiteral("A"));
    // Without a class, the suite tells the tests apart.
    QCOMPARE(findCase(r, u"noclass")->id(), QStringLiteral("E::noclass"));
    QCOMPARE(r.suites[0].path, QStringLiteral("A")); // outer suites first
}

void TestReportParser::weirdTimes()
{
    LOAD_SAMPLE(r, "weird-times.xml");
    auto time = [&](const char16_t *name) { return findCase(r, name)->durationS; };
    QCOMPARE(time(u"thousands"), 1234.5);
    QCOMPARE(time(u"thousandsOnly"), 12345.0);
    QCOMPARE(time(u"decimalComma"), 0.25);
    QCOMPARE(time(u"scientific"), 0.0015);
    QCOMPARE(time(u"scientificPlus"), 20.0);
    QVERIFY(std::isnan(time(u"negative")));
    QVERIFY(std::isnan(time(u"missing")));
    QVERIFY(std::isnan(time(u"empty")));
    QVERIFY(std::isnan(time(u"garbage")));
    QCOMPARE(time(u"withUnit"), 2.5);
    QCOMPARE(time(u"spaces"), 3.0);
    QVERIFY(std::isnan(time(u"infinite")));
    QCOMPARE(findSuite(r, u"times")->durationS, 1234.5);
    QCOMPARE(r.counts().durationS, 1234.5 + 12345 + 0.25 + 0.0015 + 20 + 2.5 + 3);
    QCOMPARE(findSuite(r, u"stray space")->timestamp, QDateTime(QDate(2023, 5, 4), QTime(10, 11, 12)));
    QCOMPARE(findSuite(r, u"date only")->timestamp, QDateTime(QDate(2023, 5, 4), QTime(0, 0)));
    QCOMPARE(findSuite(r, u"compact offset")->timestamp,
        QDateTime(QDate(2023, 5, 4), QTime(10, 11, 12), Qt::OffsetFromUTC, -5400));
    QVERIFY(!findSuite(r, u"bad")->timestamp.isValid());
}

// --- refused and broken documents -------------------------------------------------

void TestReportParser::refused_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("text");
    const int refused = ReportParser::ErrorCode::Refused;
    const int malformed = ReportParser::ErrorCode::Malformed;
    const int notAReport = ReportParser::ErrorCode::NotAReport;
    QTest::newRow("billion laughs") << "billion-laughs.xml" << refused << 13
                                    << "DTDs and entity declarations are refused";
    QTest::newRow("external DTD") << "dtd-external.xml" << refused << 2 << "document type declaration";
    QTest::newRow("XXE") << "xxe.xml" << refused << 7 << "DTDs and entity declarations are refused";
    QTest::newRow("undeclared entity") << "undeclared-entity.xml" << malformed << 4 << "secret";
    QTest::newRow("tag mismatch") << "malformed.xml" << malformed << 6 << "not well-formed XML";
    QTest::newRow("truncated") << "truncated.xml" << malformed << 6 << "ends too early";
    QTest::newRow("not a report") << "not-a-report.xml" << notAReport << 2 << "the root element is <project>";
    QTest::newRow("NUnit 2") << "nunit2.xml" << notAReport << 2 << "NUnit 2";
}

void TestReportParser::refused()
{
    QFETCH(QString, file);
    QFETCH(int, code);
    QFETCH(int, line);
    QFETCH(QString, text);
    const QString path = kSamples + u'/' + file;
    QElapsedTimer timer;
    timer.start();
    const Result<TestReport> report = ReportParser::parseFile(path);
    QVERIFY(timer.elapsed() < 1000); // fails fast: nothing is expanded
    QVERIFY(!report.ok());
    QCOMPARE(report.error().code, code);
    // "path:line:column: what"
    const QString prefix = path + u':' + QString::number(line) + u':';
    QVERIFY2(report.errorMessage().startsWith(prefix), qPrintable(report.errorMessage()));
    const QString rest = report.errorMessage().mid(prefix.size());
    QVERIFY2(rest.section(u':', 0, 0).toInt() > 0, qPrintable(report.errorMessage()));
    QVERIFY2(report.errorMessage().contains(text), qPrintable(report.errorMessage()));
}

void TestReportParser::emptyAndTrailingGarbage()
{
    Result<TestReport> r = parseBytes(QByteArray());
    QVERIFY(!r.ok());
    QVERIFY2(r.errorMessage().contains(QStringLiteral("empty")), qPrintable(r.errorMessage()));
    r = parseBytes("<?xml version=\"1.0\"?>\n<testsuites/>\n<testsuites/>\n");
    QVERIFY(!r.ok());
    QVERIFY2(r.errorMessage().startsWith(QStringLiteral("generated.xml:3:")), qPrintable(r.errorMessage()));
    r = parseBytes("<?xml version=\"1.0\"?>\n<testsuites/>\n<!-- done -->\n");
    QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
    QCOMPARE(r->counts().tests, 0);
    r = parseBytes("");
    QVERIFY(!r.ok());
}

void TestReportParser::truncatedPrefixesNeverParse_data()
{
    QTest::addColumn<QString>("file");
    for (const char *file :
        { "surefire-flaky-rerun.xml", "nunit3.xml", "xunit2.xml", "vstest.trx", "nested-suites.xml" })
        QTest::newRow(file) << QString::fromLatin1(file);
}

// What a truncated file held is never taken for a complete report, wherever the cut.
void TestReportParser::truncatedPrefixesNeverParse()
{
    QFETCH(QString, file);
    QFile f(kSamples + u'/' + file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray data = f.readAll();
    const qsizetype rootEnd = data.lastIndexOf('>') + 1;
    for (qsizetype cut = 0; cut < rootEnd; cut += 7) {
        const Result<TestReport> r = parseBytes(data.left(cut));
        QVERIFY2(!r.ok(), qPrintable(QStringLiteral("a cut at byte %1 parsed").arg(cut)));
    }
    QVERIFY(parseBytes(data.left(rootEnd)).ok());
}

void TestReportParser::longOutputIsCapped()
{
    const QByteArray out(200 * 1024, 'x');
    const QByteArray xml
        = "<testsuite name=\"s\"><testcase classname=\"c\" name=\"big\"><failure message=\"m\">" + out
        + "</failure><system-out><![CDATA[" + out + "]]></system-out></testcase></testsuite>";
    const Result<TestReport> r = parseBytes(xml);
    QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
    const TestCase &tc = r->cases.at(0);
    const qsizetype cap = ReportLimits().maxFieldChars;
    QVERIFY(tc.systemOut.startsWith(QString(cap, u'x')));
    QVERIFY(tc.systemOut.endsWith(QStringLiteral("… (truncated)")));
    QVERIFY(tc.systemOut.size() < cap + 32);
    QVERIFY(tc.details.endsWith(QStringLiteral("… (truncated)")));
    QCOMPARE(r->warnings.size(), 1);
}

void TestReportParser::reportBudget()
{
    QByteArray xml = "<testsuite name=\"s\">";
    for (int i = 0; i < 5; ++i) {
        xml += "<testcase classname=\"c\" name=\"t" + QByteArray::number(i) + "\"><system-out>"
            + QByteArray(1000, 'a' + i) + "</system-out></testcase>";
    }
    xml += "<testcase classname=\"c\" name=\"late\"><failure message=\"m\">" + QByteArray(1000, 'f')
        + "</failure><system-out>more output</system-out></testcase></testsuite>";
    ReportLimits limits;
    limits.maxFieldChars = 1000;
    limits.maxReportChars = 2500; // outputs may use 1250 of it
    const Result<TestReport> r = parseBytes(xml, limits);
    QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
    QCOMPARE(r->counts().tests, 6); // texts are cut, cases never
    QCOMPARE(r->cases[0].systemOut, QString(1000, u'a'));
    QVERIFY(r->cases[1].systemOut.startsWith(QString(250, u'b') + u'\n'));
    QVERIFY(r->cases[1].systemOut.contains(QStringLiteral("text budget is spent")));
    QVERIFY(r->cases[4].systemOut.startsWith(QStringLiteral("… (left out")));
    // The rest of the budget is kept for failures: the late trace is whole.
    const TestCase &late = r->cases[5];
    QCOMPARE(late.details, QString(1000, u'f'));
    QCOMPARE(late.message, QStringLiteral("m"));
    QVERIFY(late.systemOut.startsWith(QStringLiteral("… (left out")));
    QVERIFY(r->warnings.join(u' ').contains(QStringLiteral("left out")));
}

void TestReportParser::cancelled()
{
    QByteArray xml = "<testsuite name=\"s\">";
    for (int i = 0; i < 5000; ++i)
        xml += "<testcase classname=\"c\" name=\"t" + QByteArray::number(i) + "\"/>";
    xml += "</testsuite>";
    CancelToken token;
    token.cancel();
    const Result<TestReport> r = parseBytes(xml, {}, token);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, int(ReportParser::ErrorCode::Cancelled));
    QVERIFY(parseBytes(xml).ok());
}

QTEST_GUILESS_MAIN(TestReportParser)
#include "tst_reportparser.moc"

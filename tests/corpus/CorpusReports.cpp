// The optional conformance suite's reports and CI answers: every file of the public
// corpus (DEVDASH_CORPUS_DIR) with the figures read off it by hand. JUnit reports from
// public projects' test suites (counts, tool, details, the XXE sample refused), GitHub
// and GitLab API answers, cctray feeds. A file the corpus lacks fails, naming it; a file
// the corpus has and this class does not list fails too, so that none goes unchecked.

#include "ReportLookup.h"
#include "CorpusReports.h"

#include "CorpusDir.h"
#include "ci/CctrayFeed.h"
#include "ci/GitHubJson.h"
#include "ci/GitLabJson.h"
#include "testresults/ReportParser.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <cmath>
#include <vector>

using namespace devdash;
using namespace devdash::ci;
using namespace devdash::testresults;
using devdash::test::corpusDir;
using devdash::test::corpusPath;

using devdash::test::findCase;
using devdash::test::findSuite;
using devdash::test::propertyValue;

namespace {

struct Expected
{
    int tests, passed, failed, errored, skipped, flaky;
};

// Counts read off the XML by hand: one test per distinct class+name, the worst result
// when a case has several, skipped for xfail, Surefire's flaky test passed and flaky.
struct FixtureRow
{
    const char *file;
    Expected expected;
    const char *tool;
};

const std::vector<FixtureRow> &fixtureRows()
{
    static const std::vector<FixtureRow> rows = {
        { "EnricoMi_publish-unit-test-result-action__TEST-uk.co.gresearch.spark.diff.DiffOptionsSuite.xml",
            { 5, 5, 0, 0, 0, 0 }, "scalatest" },
        { "EnricoMi_publish-unit-test-result-action__bazel__suite-logs.xml", { 1, 0, 0, 1, 0, 0 }, "bazel" },
        { "EnricoMi_publish-unit-test-result-action__junit.multiresult.xml", { 4, 1, 1, 1, 1, 0 }, "" },
        { "EnricoMi_publish-unit-test-result-action__minimal-attributes.xml", { 4, 1, 1, 1, 1, 0 }, "" },
        { "EnricoMi_publish-unit-test-result-action__testsuite-in-testsuite.xml", { 5, 5, 0, 0, 0, 0 },
            "phpunit" },
        { "dorny_test-reporter__jest-junit.xml", { 6, 1, 4, 0, 1, 0 }, "jest" },
        { "dorny_test-reporter__junit-with-message.xml", { 1, 0, 1, 0, 0, 0 }, "gtest" },
        { "dorny_test-reporter__phpunit.xml", { 12, 10, 2, 0, 0, 0 }, "phpunit" },
        { "dorny_test-reporter__python-xunit-pytest.xml", { 10, 6, 2, 0, 2, 0 }, "pytest" },
        { "dorny_test-reporter__swift-xunit.xml", { 3, 2, 1, 0, 0, 0 }, "" },
        { "jenkinsci_junit-plugin__TEST-io.olamy.AlwaysFailTest.xml", { 1, 0, 1, 0, 0, 0 }, "surefire" },
        { "jenkinsci_junit-plugin__TEST-io.olamy.FlakyTest.xml", { 1, 1, 0, 0, 0, 1 }, "surefire" },
        { "jenkinsci_junit-plugin__TESTS-TestSuites.xml", { 3, 3, 0, 0, 0, 0 }, "ant" },
        // The same class+name twice: one test, run twice.
        { "jenkinsci_junit-plugin__junit-report-bad-duration.xml", { 1, 1, 0, 0, 0, 0 }, "ant" },
        // An <error> straight in a suite is one errored test ("<init>").
        { "jenkinsci_junit-plugin__junit-report-nested-testsuites.xml", { 3, 2, 0, 1, 0, 0 }, "" },
        { "jenkinsci_junit-plugin__junit-report-testsuite-time-attrs.xml", { 8, 8, 0, 0, 0, 0 }, "" },
        { "jenkinsci_junit-plugin__junit-report-testsuite-various-timestamps.xml", { 12, 12, 0, 0, 0, 0 },
            "" },
        { "jenkinsci_junit-plugin__junit-report-with-properties.xml", { 2, 1, 1, 0, 0, 0 }, "" },
        { "jenkinsci_junit-plugin__skippedTestResult.xml", { 1, 0, 0, 0, 1, 0 }, "" },
        { "testmoapp_junitxml__conventions.xml", { 1, 1, 0, 0, 0, 0 }, "" },
    };
    return rows;
}

const char *const kXxeFixture = "jenkinsci_junit-plugin__testXxe-xxe.xml";

// The CI answers and feeds of the corpus, each checked below.
const QStringList &ciFiles()
{
    static const QStringList files { QStringLiteral("ci-api/github/ccmenu2__GitHubBranchesResponse.json"),
        QStringLiteral("ci-api/github/ccmenu2__GitHubWorkflowRunsResponse.json"),
        QStringLiteral("ci-api/github/ccmenu2__GitHubWorkflowsResponse.json"),
        QStringLiteral("ci-api/gitlab/ccmenu2__GitLabBranchesResponse.json"),
        QStringLiteral("ci-api/gitlab/ccmenu2__GitLabPipelineDetailsResponse.json"),
        QStringLiteral("ci-api/gitlab/ccmenu2__GitLabPipelineRunsResponse.json"),
        QStringLiteral("cctray/nevergreen__cctray.xml"), QStringLiteral("cctray/nevergreen__jenkins.xml") };
    return files;
}

// The bytes of a corpus file; initTestCase has failed already, naming it, when it is missing.
QByteArray corpusFile(const QString &relative)
{
    QFile file(corpusDir() + QLatin1Char('/') + relative);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QDateTime utc(int y, int mo, int d, int h, int mi, int s, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
}

} // namespace

Q_DECLARE_METATYPE(Expected)

void CorpusReports::initTestCase()
{
    QStringList missing;
    QStringList files = ciFiles();
    files << QStringLiteral("junit/") + QLatin1String(kXxeFixture);
    for (const FixtureRow &row : fixtureRows())
        files << QStringLiteral("junit/") + QLatin1String(row.file);
    for (const QString &file : files) {
        QString why;
        if (corpusPath(file, &why).isEmpty())
            missing << why;
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u'\n')));
}

// --- JUnit reports -------------------------------------------------------------

void CorpusReports::junitReports_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<Expected>("expected");
    QTest::addColumn<QString>("tool");
    for (const FixtureRow &row : fixtureRows())
        QTest::newRow(row.file) << QString::fromLatin1(row.file) << row.expected
                                << QString::fromLatin1(row.tool);
}

void CorpusReports::junitReports()
{
    QFETCH(QString, file);
    QFETCH(Expected, expected);
    QFETCH(QString, tool);
    const QString path = corpusDir() + QStringLiteral("/junit/") + file;
    const Result<TestReport> report = ReportParser::parseFile(path);
    QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
    const TestCounts c = report->counts();
    QCOMPARE(c.tests, expected.tests);
    QCOMPARE(c.passed, expected.passed);
    QCOMPARE(c.failed, expected.failed);
    QCOMPARE(c.errored, expected.errored);
    QCOMPARE(c.skipped, expected.skipped);
    QCOMPARE(c.flaky, expected.flaky);
    QCOMPARE(c.passed + c.failed + c.errored + c.skipped, c.tests);
    QCOMPARE(report->format, QStringLiteral("junit"));
    QCOMPARE(report->tool, tool);
    QCOMPARE(report->file, path);
}

// A report added to the corpus must get its counts here.
void CorpusReports::everyJunitReportIsListed()
{
    QStringList listed { QLatin1String(kXxeFixture) };
    for (const FixtureRow &row : fixtureRows())
        listed.append(QLatin1String(row.file));
    const QStringList present
        = QDir(corpusDir() + QStringLiteral("/junit")).entryList({ QStringLiteral("*.xml") }, QDir::Files);
    for (const QString &file : present)
        QVERIFY2(listed.contains(file),
            qPrintable(file + QStringLiteral(": a new corpus report; add its counts")));
    QCOMPARE(present.size(), listed.size());
}

void CorpusReports::xxeRefused()
{
    const QString path = corpusDir() + QStringLiteral("/junit/") + QLatin1String(kXxeFixture);
    const Result<TestReport> report = ReportParser::parseFile(path);
    QVERIFY(!report.ok());
    QCOMPARE(report.error().code, int(ReportParser::ErrorCode::Refused));
    QVERIFY2(
        report.errorMessage().startsWith(path + QStringLiteral(":7:")), qPrintable(report.errorMessage()));
    QVERIFY(report.errorMessage().contains(QStringLiteral("DTDs and entity declarations are refused")));
}

void CorpusReports::junitDetails()
{
    // A file the corpus lacks is a failed parse naming it (initTestCase names them all).
    auto load = [](const char *file) {
        return ReportParser::parseFile(corpusDir() + QStringLiteral("/junit/") + QLatin1String(file));
    };

    {
        const auto r = load("jenkinsci_junit-plugin__junit-report-with-properties.xml");
        QVERIFY(r.ok());
        QCOMPARE(r->suites.size(), 1);
        QCOMPARE(propertyValue(r->suites[0].properties, u"prop1"), QStringLiteral("value1"));
        QVERIFY(
            propertyValue(r->suites[0].properties, u"multiline").contains(QStringLiteral("Config line 2")));
        const TestCase *a = findCase(*r, u"testCaseA");
        QVERIFY(a);
        QCOMPARE(a->status, TestStatus::Failed);
        QCOMPARE(a->message, QStringLiteral("expected: [a] but was: [b]"));
        QCOMPARE(a->type, QStringLiteral("org.junit.ComparisonFailure"));
        QCOMPARE(
            propertyValue(a->properties, u"description"), QStringLiteral("description of test testCaseA"));
        QCOMPARE(a->durationS, 1.0);
    }
    {
        const auto r = load("jenkinsci_junit-plugin__TEST-io.olamy.FlakyTest.xml");
        QVERIFY(r.ok());
        const TestCase &tc = r->cases.at(0);
        QCOMPARE(tc.status, TestStatus::Passed);
        QVERIFY(tc.flaky);
        QCOMPARE(tc.attempts(), 3);
        QCOMPARE(tc.retries[0].status, TestStatus::Failed);
        QCOMPARE(tc.retries[0].message, QStringLiteral("obvious fail"));
        QCOMPARE(tc.retries[1].message, QStringLiteral("try one more time maybe"));
        QVERIFY(tc.retries[0].details.startsWith(QStringLiteral("junit.framework.AssertionFailedError")));
        QCOMPARE(tc.retries[0].systemOut, QStringLiteral("this will fail maybe\n"));
        QCOMPARE(tc.retries[0].systemErr, QStringLiteral("this will maybe fail\n"));
        QCOMPARE(
            propertyValue(r->suites[0].properties, u"surefire.rerunFailingTestsCount"), QStringLiteral("3"));
    }
    {
        const auto r = load("jenkinsci_junit-plugin__TEST-io.olamy.AlwaysFailTest.xml");
        QVERIFY(r.ok());
        const TestCase &tc = r->cases.at(0);
        QCOMPARE(tc.status, TestStatus::Failed);
        QVERIFY(!tc.flaky);
        QCOMPARE(tc.attempts(), 4); // the first run and three reruns
        QCOMPARE(tc.retries[0].systemOut, QStringLiteral("this will fail for real\n"));
        QCOMPARE(tc.retries[0].durationS, 0.001);
        QCOMPARE(tc.message, QStringLiteral("built to fail"));
        QVERIFY(tc.details.contains(QStringLiteral("AssertionFailedError")));
    }
    {
        const auto r = load("jenkinsci_junit-plugin__junit-report-nested-testsuites.xml");
        QVERIFY(r.ok());
        const TestCase *init = findCase(*r, u"<init>");
        QVERIFY(init);
        QCOMPARE(init->status, TestStatus::Errored);
        QCOMPARE(init->suite, QStringLiteral("test.AutomatedTests / test.db.DatabaseTest / test.3rdlevel"));
        QCOMPARE(init->className, QStringLiteral("test.3rdlevel"));
        QCOMPARE(init->type, QStringLiteral("java.lang.IllegalStateException"));
        QVERIFY(init->details.contains(QStringLiteral("at test.Test(Test:35)")));
        QCOMPARE(
            findCase(*r, u"testTable")->suite, QStringLiteral("test.AutomatedTests / test.db.DatabaseTest"));
        QCOMPARE(r->suites.size(), 4);
    }
    {
        const auto r = load("jenkinsci_junit-plugin__junit-report-testsuite-time-attrs.xml");
        QVERIFY(r.ok());
        QCOMPARE(findSuite(*r, u"test.fs.FileSystemTests")->durationS, 2503.1);
        QVERIFY(std::isnan(findSuite(*r, u"test.db.DatabaseTests")->durationS));
        QCOMPARE(findSuite(*r, u"test.lib.Rest / test.RestMethods")->durationS, 40.0);
        QCOMPARE(r->counts().durationS, 101.0);
    }
    {
        const auto r = load("jenkinsci_junit-plugin__junit-report-testsuite-various-timestamps.xml");
        QVERIFY(r.ok());
        QCOMPARE(r->timestamp, QDateTime(QDate(2024, 1, 3), QTime(11, 23)));
        QCOMPARE(findSuite(*r, u"functional tests / test.RestMethods")->timestamp,
            QDateTime(QDate(2024, 1, 3), QTime(12, 40, 13)));
        QCOMPARE(
            findSuite(*r, u"ui tests")->timestamp, QDateTime(QDate(2024, 1, 3), QTime(12, 27, 44), Qt::UTC));
        QCOMPARE(
            findSuite(*r, u"api tests")->timestamp, QDateTime(QDate(2024, 1, 3), QTime(12, 27, 54), Qt::UTC));
        QCOMPARE(findSuite(*r, u"javascript tests")->timestamp, QDateTime(QDate(2024, 1, 3), QTime(0, 0)));
        QCOMPARE(findSuite(*r, u"flexbox tests")->timestamp,
            QDateTime(QDate(2024, 1, 3), QTime(12, 27, 11, 210), Qt::OffsetFromUTC, -3600));
        QCOMPARE(findSuite(*r, u"misc tests")->timestamp,
            QDateTime(QDate(2024, 1, 3), QTime(12, 27, 15), Qt::OffsetFromUTC, 3600));
    }
    {
        const auto r = load("jenkinsci_junit-plugin__junit-report-bad-duration.xml");
        QVERIFY(r.ok());
        const TestCase &tc = r->cases.at(0);
        QCOMPARE(tc.attempts(), 2);
        QVERIFY(!tc.flaky);
        QCOMPARE(tc.durationS, 100.0);
        QVERIFY(std::isnan(tc.retries[0].durationS)); // time="-345345": unknown, not negative
    }
    {
        const auto r = load("EnricoMi_publish-unit-test-result-action__bazel__suite-logs.xml");
        QVERIFY(r.ok());
        QVERIFY(r->suites[0].systemOut.contains(QStringLiteral("Generated test.log")));
        QVERIFY(r->suites[0].systemOut.contains(QStringLiteral("ModuleNotFoundError"))); // from the CDATA
        QCOMPARE(r->suites[0].systemErr.trimmed(), QStringLiteral("Generated test.err"));
        QCOMPARE(r->cases[0].message, QStringLiteral("exited with error code 1"));
    }
    {
        const auto r = load("EnricoMi_publish-unit-test-result-action__junit.multiresult.xml");
        QVERIFY(r.ok());
        QCOMPARE(findCase(*r, u"test that errors")->message, QStringLiteral("test teardown failure"));
        QCOMPARE(findCase(*r, u"test that fails")->details, QStringLiteral("Assertion failed"));
    }
    {
        const auto r = load("dorny_test-reporter__phpunit.xml");
        QVERIFY(r.ok());
        const TestCase *tc = findCase(*r, u"testCollectsDispatchedEventsUntilFlushed");
        QVERIFY(tc);
        QCOMPARE(tc->line, 27);
        QVERIFY(tc->file.endsWith(QStringLiteral("CollectingDispatcherTest.php")));
        QCOMPARE(tc->suite, QStringLiteral("CLI Arguments / PHPUnit\\Event\\CollectingDispatcherTest"));
        QVERIFY(findSuite(*r, u"CLI Arguments / PHPUnit\\Event\\CollectingDispatcherTest")
                    ->file.endsWith(u".php"));
        // Cases beside sub-suites belong to the outer suite.
        QCOMPARE(findCase(*r, u"targeting-traits-with-usesclass-attribute-is-deprecated.phpt")->suite,
            QStringLiteral("CLI Arguments"));
    }
    {
        const auto r = load("dorny_test-reporter__python-xunit-pytest.xml");
        QVERIFY(r.ok());
        const TestCase *xfail = findCase(*r, u"test_expected_failure");
        QCOMPARE(xfail->status, TestStatus::Skipped);
        QCOMPARE(xfail->type, QStringLiteral("pytest.xfail"));
        QCOMPARE(propertyValue(findCase(*r, u"test_with_record_property")->properties, u"example_key"),
            QStringLiteral("1"));
        QCOMPARE(propertyValue(r->suites[0].properties, u"custom_prop"), QStringLiteral("custom_val"));
        QCOMPARE(r->suites[0].hostname, QStringLiteral("Mac.hsd1.va.comcast.net"));
        QCOMPARE(r->timestamp,
            QDateTime(QDate(2025, 11, 15), QTime(11, 51, 49, 548), Qt::OffsetFromUTC, -5 * 3600));
    }
    {
        const auto r = load("testmoapp_junitxml__conventions.xml");
        QVERIFY(r.ok());
        const TestCase &tc = r->cases.at(0);
        QVERIFY(propertyValue(tc.properties, u"html:output").contains(QStringLiteral("<h1>Title</h1>")));
        QCOMPARE(propertyValue(tc.properties, u"priority"), QStringLiteral("high"));
        QVERIFY(tc.properties.size() >= 20);
        QVERIFY(tc.systemOut.contains(QStringLiteral("[[ATTACHMENT|screenshots/users.png]]")));
    }
    {
        const auto r = load("dorny_test-reporter__jest-junit.xml");
        QVERIFY(r.ok());
        const TestCase *tc = findCase(*r, u"Failing test");
        QCOMPARE(tc->className, QStringLiteral("Test 1 \u203a Test 1.1"));
        QVERIFY(tc->details.contains(QStringLiteral("at Object.<anonymous>")));
    }
}

// --- CI answers and feeds ------------------------------------------------------

// A file added to the corpus's ci-api or cctray folders must be checked here.
void CorpusReports::everyCiFileIsListed()
{
    QStringList present;
    for (const QString &folder :
        { QStringLiteral("ci-api/github"), QStringLiteral("ci-api/gitlab"), QStringLiteral("cctray") }) {
        for (const QString &file : QDir(corpusDir() + u'/' + folder).entryList(QDir::Files))
            present << folder + u'/' + file;
    }
    for (const QString &file : present)
        QVERIFY2(ciFiles().contains(file),
            qPrintable(file + QStringLiteral(": a new corpus file; check it here")));
    QCOMPARE(present.size(), ciFiles().size());
}

void CorpusReports::githubWorkflowRuns()
{
    const QUrl source(QStringLiteral("https://api.github.com/repos/erikdoe/ccmenu2/actions/runs"));
    const QByteArray listing
        = corpusFile(QStringLiteral("ci-api/github/ccmenu2__GitHubWorkflowRunsResponse.json"));
    auto runs = GitHubJson::parseRuns(listing, QStringLiteral("erikdoe/ccmenu2"), source);
    QVERIFY2(runs.ok(), qPrintable(runs.errorMessage()));
    QCOMPARE(runs->size(), 1);
    const PipelineRun &run = runs->first();
    QCOMPARE(run.provider, QStringLiteral("github"));
    QCOMPARE(run.id, QStringLiteral("8057059462"));
    QCOMPARE(run.name, QStringLiteral("Build and test"));
    QCOMPARE(run.branch, QStringLiteral("main"));
    QCOMPARE(run.commit, QStringLiteral("b02c51fee6f2d4aee0b2e9931aec41582bcb5bf8"));
    QCOMPARE(run.status, RunStatus::Success);
    QCOMPARE(run.trigger, QStringLiteral("push"));
    QCOMPARE(run.startedAt, utc(2024, 2, 26, 23, 29, 5));
    QCOMPARE(run.finishedAt, utc(2024, 2, 26, 23, 32, 12));
    QCOMPARE(run.durationS(), 187.0);
    QCOMPARE(run.url, QStringLiteral("https://github.com/erikdoe/ccmenu2/actions/runs/8057059462"));

    // The workflows and branches listings are GitHub JSON, but not runs.
    const QUrl other(QStringLiteral("https://api.github.com/x"));
    auto workflows = GitHubJson::parseRuns(
        corpusFile(QStringLiteral("ci-api/github/ccmenu2__GitHubWorkflowsResponse.json")),
        QStringLiteral("o/r"), other);
    QVERIFY(!workflows.ok());
    QVERIFY2(workflows.errorMessage().contains(QLatin1String("workflow_runs")),
        qPrintable(workflows.errorMessage()));
    QVERIFY(!GitHubJson::parseRuns(
        corpusFile(QStringLiteral("ci-api/github/ccmenu2__GitHubBranchesResponse.json")),
        QStringLiteral("o/r"), other)
                 .ok());
    auto truncated = GitHubJson::parseRuns(listing.left(500), QStringLiteral("o/r"), other);
    QVERIFY(!truncated.ok());
    QVERIFY2(truncated.errorMessage().contains(QLatin1String("malformed JSON")),
        qPrintable(truncated.errorMessage()));
}

void CorpusReports::gitlabPipelines()
{
    const QString project = QStringLiteral("erikdoe/quvyn");
    const QUrl source(QStringLiteral("https://gitlab.com/x"));
    auto runs = GitLabJson::parsePipelines(
        corpusFile(QStringLiteral("ci-api/gitlab/ccmenu2__GitLabPipelineRunsResponse.json")), project,
        source);
    QVERIFY2(runs.ok(), qPrintable(runs.errorMessage()));
    QCOMPARE(runs->size(), 3);
    QCOMPARE(runs->at(0).id, QStringLiteral("1920856706"));
    QCOMPARE(runs->at(0).branch, QStringLiteral("main"));
    QCOMPARE(runs->at(0).commit, QStringLiteral("b899694cab8f542f8f2f01cc698f72ad5b4ffd4a"));
    QCOMPARE(runs->at(0).status, RunStatus::Success);
    QCOMPARE(runs->at(0).trigger, QStringLiteral("push"));
    QCOMPARE(runs->at(0).url, QStringLiteral("https://gitlab.com/erikdoe/quvyn/-/pipelines/1920856706"));
    QCOMPARE(runs->at(2).id, QStringLiteral("1621745314"));

    auto run = GitLabJson::parsePipeline(
        corpusFile(QStringLiteral("ci-api/gitlab/ccmenu2__GitLabPipelineDetailsResponse.json")), project,
        source);
    QVERIFY2(run.ok(), qPrintable(run.errorMessage()));
    QCOMPARE(run->startedAt, utc(2025, 7, 11, 11, 6, 13, 334));
    QCOMPARE(run->finishedAt, utc(2025, 7, 11, 11, 10, 42, 695));
    QCOMPARE(run->name, QStringLiteral("pipeline #3"));
    // The branches listing is GitLab JSON, but no pipeline.
    QVERIFY(!GitLabJson::parsePipeline(
        corpusFile(QStringLiteral("ci-api/gitlab/ccmenu2__GitLabBranchesResponse.json")), project, source)
                 .ok());
}

void CorpusReports::cctrayFeeds()
{
    {
        auto projects = CctrayFeed::parse(corpusFile(QStringLiteral("cctray/nevergreen__cctray.xml")));
        QVERIFY2(projects, qPrintable(projects.errorMessage()));
        QCOMPARE(projects->size(), 4); // <random stuff/> is not a project
        QCOMPARE(projects->at(0).name, QStringLiteral("success-sleeping-project"));
        QCOMPARE(projects->at(0).lastBuildTime, utc(2015, 12, 9, 10, 31, 10));
        QCOMPARE(
            projects->at(2).lastBuildLabel, QStringLiteral("4729.016bdd45611fc709a88bc2b7bee99c969a8c1377"));
        const QString feed = QStringLiteral("https://ci.example/cc.xml");
        QList<RunStatus> statuses;
        for (const CctrayProject &p : *projects)
            statuses << CctrayFeed::toRun(p, feed).status;
        QCOMPARE(statuses,
            (QList<RunStatus> {
                RunStatus::Success, RunStatus::Running, RunStatus::Failed, RunStatus::Running }));
        const PipelineRun failed = CctrayFeed::toRun(projects->at(2), feed);
        QCOMPARE(failed.commit, QStringLiteral("016bdd45611fc709a88bc2b7bee99c969a8c1377"));
        QCOMPARE(failed.id, QStringLiteral("failure_sleeping_project"));
        QVERIFY(CctrayFeed::toRun(projects->at(0), feed).commit.isEmpty()); // "648" is not a commit
        QVERIFY(!CctrayFeed::toRun(projects->at(1), feed).startedAt.isValid()); // building: start unknown
    }
    {
        auto projects = CctrayFeed::parse(corpusFile(QStringLiteral("cctray/nevergreen__jenkins.xml")));
        QVERIFY2(projects, qPrintable(projects.errorMessage()));
        QCOMPARE(projects->size(), 3);
        QCOMPARE(projects->at(1).webUrl,
            QStringLiteral("https://host/view/Example-Service-Pipeline/job/example-service-2/"));
        QCOMPARE(projects->at(2).lastBuildTime, utc(2015, 1, 16, 15, 1, 2));
        QCOMPARE(CctrayFeed::status(projects->at(2)), RunStatus::Success);
    }
}

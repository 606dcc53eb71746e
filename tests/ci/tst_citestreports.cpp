// CI test reports into the test history: GitLab's pipeline test_report and
// Jenkins's testReport (as their APIs document them) converted to the
// test-results model, then imported into a real SQLite store under a real git
// repository's key with the run's commit and branch, next to a local JUnit run.

#include "LoopbackHttpServer.h"
#include "TestRepo.h"
#include "ci/CctrayProvider.h"
#include "ci/CiTestReports.h"
#include "ci/HttpClient.h"
#include "ci/JenkinsProvider.h"
#include "store/Database.h"
#include "testresults/ReportParser.h"
#include "testresults/RunImport.h"
#include "testresults/TestRunStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash;
using namespace devdash::ci;
using namespace devdash::testresults;

namespace {

QByteArray toJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject gitLabCase(const char *status, const char *name, const char *cls, const QJsonValue &time,
    const QJsonValue &output, const QJsonValue &trace = QJsonValue())
{
    return QJsonObject { { "status", status }, { "name", name }, { "classname", cls },
        { "file", "spec/cart_spec.rb" }, { "execution_time", time }, { "system_output", output },
        { "stack_trace", trace }, { "recent_failures", QJsonValue() } };
}

// GET /projects/:id/pipelines/:pipeline_id/test_report
QByteArray gitLabReport()
{
    QJsonArray rspec { gitLabCase("success", "adds an item", "cart_spec", 0.05, QJsonValue()),
        gitLabCase("failed", "totals", "cart_spec", 0.2,
            "Failure/Error: expect(total).to eq(3)\n  expected: 3\n       got: 4", "./spec/cart_spec.rb:42"),
        gitLabCase("error", "connects", "db_spec", 1.5, "PG::ConnectionBad: could not connect"),
        gitLabCase("skipped", "legacy export", "cart_spec", 0, QJsonValue()),
        // The same test twice in one suite (a retry): failed, then passed.
        gitLabCase("failed", "flaky checkout", "cart_spec", 0.3, "timeout"),
        gitLabCase("success", "flaky checkout", "cart_spec", 0.25, QJsonValue()) };
    QJsonObject suite { { "name", "rspec" }, { "total_time", 2.55 }, { "total_count", 6 },
        { "success_count", 2 }, { "failed_count", 2 }, { "skipped_count", 1 }, { "error_count", 1 },
        { "suite_error", QJsonValue() }, { "test_cases", rspec } };
    QJsonObject jest { { "name", "jest" }, { "total_time", 0.01 }, { "total_count", 1 },
        { "success_count", 1 }, { "suite_error", QJsonValue() },
        { "test_cases",
            QJsonArray { gitLabCase("success", "renders", "App", QJsonValue(), QJsonValue()) } } };
    return toJson(QJsonObject { { "total_time", 2.56 }, { "total_count", 7 }, { "success_count", 3 },
        { "failed_count", 2 }, { "skipped_count", 1 }, { "error_count", 1 },
        { "test_suites", QJsonArray { suite, jest } } });
}

// GET …/job/app/N/testReport/api/json of a Maven job: one result per module.
QByteArray jenkinsMavenReport()
{
    auto suite = [](const char *name, const char *status) {
        return QJsonObject { { "name", name }, { "duration", 0.5 }, { "timestamp", "2024-03-01T10:01:00" },
            { "cases",
                QJsonArray { QJsonObject { { "className", name }, { "name", "works" }, { "status", status },
                    { "duration", 0.5 },
                    { "errorDetails",
                        QString(status) == "PASSED" ? QJsonValue() : QJsonValue("expected true") },
                    { "errorStackTrace", QJsonValue() }, { "skipped", false } } } } };
    };
    auto child = [&](const char *module, const char *suiteName, const char *status) {
        return QJsonObject {
            { "child",
                QJsonObject { { "url", QStringLiteral("https://j/job/app/3/com.acme$%1/").arg(module) } } },
            { "result", QJsonObject { { "suites", QJsonArray { suite(suiteName, status) } } } }
        };
    };
    return toJson(
        QJsonObject { { "_class", "hudson.maven.reporters.SurefireAggregatedReport" }, { "failCount", 1 },
            { "childReports",
                QJsonArray { child("core", "com.acme.CoreTest", "PASSED"),
                    child("web", "com.acme.WebTest", "FAILED") } } });
}

PipelineRun ciRun(const QString &provider, const QString &commit, const QString &id)
{
    PipelineRun run;
    run.provider = provider;
    run.project = QStringLiteral("team/app");
    run.id = id;
    run.name = QStringLiteral("ci");
    run.branch = QStringLiteral("main");
    run.commit = commit;
    run.status = RunStatus::Failed;
    run.startedAt = QDateTime(QDate(2024, 3, 1), QTime(10, 0), Qt::UTC);
    run.finishedAt = run.startedAt.addSecs(300);
    return run;
}

} // namespace

class CiTestReportsTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void gitLabReportConverts();
    void jenkinsMavenReportConverts();
    void malformed_data();
    void malformed();
    void importsWithTheRunsCommit();
    void refusesARunWithoutCommit();
    void fetchesAndImportsOverHttp();

private:
    QTemporaryDir m_tmp;
};

void CiTestReportsTest::initTestCase()
{
    QVERIFY(m_tmp.isValid());
}

void CiTestReportsTest::gitLabReportConverts()
{
    auto report = CiTestReports::fromGitLab(gitLabReport(), QStringLiteral("pipeline 42"));
    QVERIFY2(report, qPrintable(report.errorMessage()));
    QCOMPARE(report->format, QStringLiteral("gitlab"));
    QCOMPARE(report->suites.size(), 2);
    const TestCounts counts = report->counts();
    QCOMPARE(counts.tests, 6); // the retry is one test
    QCOMPARE(counts.passed, 3);
    QCOMPARE(counts.failed, 1);
    QCOMPARE(counts.errored, 1);
    QCOMPARE(counts.skipped, 1);
    QCOMPARE(counts.flaky, 1);
    const TestCase &totals = report->cases.at(1);
    QCOMPARE(totals.id(), QStringLiteral("cart_spec::totals"));
    QCOMPARE(totals.status, TestStatus::Failed);
    QCOMPARE(totals.message, QStringLiteral("Failure/Error: expect(total).to eq(3)"));
    QVERIFY(totals.details.contains(QStringLiteral("got: 4")));
    QVERIFY(totals.details.contains(QStringLiteral("cart_spec.rb:42")));
    QCOMPARE(totals.file, QStringLiteral("spec/cart_spec.rb"));
    QCOMPARE(totals.durationS, 0.2);
    QCOMPARE(report->cases.at(2).status, TestStatus::Errored);
    QVERIFY(std::isnan(report->cases.back().durationS)); // jest gave no execution_time
}

void CiTestReportsTest::jenkinsMavenReportConverts()
{
    auto report = CiTestReports::fromJenkins(jenkinsMavenReport(), QStringLiteral("app #3"));
    QVERIFY2(report, qPrintable(report.errorMessage()));
    QCOMPARE(report->counts().tests, 2);
    QCOMPARE(report->counts().failed, 1);
    QCOMPARE(report->cases.at(1).message, QStringLiteral("expected true"));
    QCOMPARE(report->suites.first().timestamp, QDateTime(QDate(2024, 3, 1), QTime(10, 1), Qt::UTC));
}

void CiTestReportsTest::malformed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("not JSON") << QByteArray("<html>");
    QTest::newRow("array") << QByteArray("[]");
    QTest::newRow("no suites") << QByteArray("{\"total_count\": 0}");
}

void CiTestReportsTest::malformed()
{
    QFETCH(QByteArray, json);
    auto gitlab = CiTestReports::fromGitLab(json, QStringLiteral("pipeline 7"));
    QVERIFY(!gitlab);
    QVERIFY2(gitlab.errorMessage().contains(QStringLiteral("pipeline 7")), qPrintable(gitlab.errorMessage()));
    QVERIFY(!CiTestReports::fromJenkins(json));
}

void CiTestReportsTest::importsWithTheRunsCommit()
{
    devdash::test::TestRepo repo;
    repo.init();
    const QString first = repo.commit(QStringLiteral("first"), { { QStringLiteral("a.txt"), "a" } });
    const QString second = repo.commit(QStringLiteral("second"), { { QStringLiteral("a.txt"), "b" } });
    QVERIFY2(repo.ok(), qPrintable(repo.errors()));
    auto key = RunImport::repositoryKey(repo.path());
    QVERIFY2(key, qPrintable(key.errorMessage()));

    auto db
        = store::Database::open(*store::StoreLocation::parse(m_tmp.filePath(QStringLiteral("store.sqlite"))));
    QVERIFY2(db, qPrintable(db.errorMessage()));
    TestRunStore store(*db);

    const PipelineRun gitlabRun = ciRun(QStringLiteral("gitlab"), second, QStringLiteral("42"));
    auto gitlab = CiTestReports::import(store, gitlabRun, *key, *CiTestReports::fromGitLab(gitLabReport()));
    QVERIFY2(gitlab, qPrintable(gitlab.errorMessage()));
    QVERIFY(gitlab->created);
    QCOMPARE(gitlab->run.commit, second);
    QCOMPARE(gitlab->run.branch, QStringLiteral("main"));
    QCOMPARE(gitlab->run.source, QStringLiteral("gitlab:team/app#42"));
    QCOMPARE(gitlab->run.importedAt, gitlabRun.finishedAt);
    QCOMPARE(gitlab->run.counts.tests, 6);

    PipelineRun jenkinsRun = ciRun(QStringLiteral("jenkins"), first.toUpper(), QStringLiteral("3"));
    jenkinsRun.finishedAt = {};
    auto jenkins
        = CiTestReports::import(store, jenkinsRun, *key, *CiTestReports::fromJenkins(jenkinsMavenReport()));
    QVERIFY2(jenkins, qPrintable(jenkins.errorMessage()));
    QCOMPARE(jenkins->run.commit, first); // lower case, as the history keys it
    QCOMPARE(jenkins->run.importedAt, jenkinsRun.startedAt);

    // Polled again: the same content is the same run, not a second one.
    auto again = CiTestReports::import(store, gitlabRun, *key, *CiTestReports::fromGitLab(gitLabReport()));
    QVERIFY(again);
    QVERIFY(!again->created);
    QCOMPARE(again->run.id, gitlab->run.id);

    // The history joins them by commit, with whatever else was imported for the repository.
    auto runs = store.runs(*key);
    QVERIFY2(runs, qPrintable(runs.errorMessage()));
    QCOMPARE(runs->size(), 2);
    auto byCommit = store.latestRunsForCommits(*key, { first, second });
    QVERIFY(byCommit);
    QCOMPARE(byCommit->value(second).source, QStringLiteral("gitlab:team/app#42"));
    QCOMPARE(byCommit->value(first).source, QStringLiteral("jenkins:team/app#3"));
    auto history = store.history(*key, QStringLiteral("cart_spec::totals"));
    QVERIFY2(history, qPrintable(history.errorMessage()));
}

void CiTestReportsTest::refusesARunWithoutCommit()
{
    auto db = store::Database::open(
        *store::StoreLocation::parse(m_tmp.filePath(QStringLiteral("store2.sqlite"))));
    QVERIFY(db);
    TestRunStore store(*db);
    PipelineRun run = ciRun(QStringLiteral("cctray"), QString(), QStringLiteral("app"));
    auto imported = CiTestReports::import(
        store, run, QStringLiteral("/some/repo"), *CiTestReports::fromGitLab(gitLabReport()));
    QVERIFY(!imported);
    QVERIFY(imported.errorMessage().contains(QStringLiteral("does not name its commit")));
    auto runs = store.runs(QStringLiteral("/some/repo"));
    QVERIFY(runs);
    QVERIFY(runs->isEmpty());
}

void CiTestReportsTest::fetchesAndImportsOverHttp()
{
    devdash::test::LoopbackHttpServer server;
    QVERIFY(server.start());
    server.setRoute(QStringLiteral("/job/team/job/app/3/testReport/api/json"),
        devdash::test::LoopbackResponse::json(jenkinsMavenReport()));
    HttpClient http(nullptr, m_tmp.filePath(QStringLiteral("http-cache")));
    JenkinsProvider jenkins(&http,
        JenkinsSettings {
            server.url(QStringLiteral("/")).toString(), QStringLiteral("team/app"), {}, {}, {}, 5000 });
    const auto location = *store::StoreLocation::parse(m_tmp.filePath(QStringLiteral("store3.sqlite")));
    const QString commit = QStringLiteral("0123456789abcdef0123456789abcdef01234567");

    using Outcome = Result<std::optional<ImportedRun>>;
    auto fetch = [&](CiProvider &provider, const PipelineRun &run) {
        std::optional<Outcome> outcome;
        CiTestReports::fetchAndImport(provider, run, QStringLiteral("/work/app"), location, CancelToken(),
            [&outcome](Outcome result) { outcome.emplace(std::move(result)); });
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 10000))
            return Outcome(Error { QStringLiteral("no answer") });
        return std::move(*outcome);
    };

    PipelineRun run = ciRun(QStringLiteral("jenkins"), commit, QStringLiteral("3"));
    run.url = server.url(QStringLiteral("/job/team/job/app/3/")).toString();
    auto imported = fetch(jenkins, run);
    QVERIFY2(imported, qPrintable(imported.errorMessage()));
    QVERIFY(imported->has_value());
    QCOMPARE((*imported)->run.commit, commit);
    QCOMPARE((*imported)->run.counts.failed, 1);

    // It is in the store, for anyone who opens it.
    auto db = store::Database::open(location);
    QVERIFY(db);
    TestRunStore store(*db);
    auto runs = store.runs(QStringLiteral("/work/app"));
    QVERIFY(runs);
    QCOMPARE(runs->size(), 1);
    QCOMPARE(runs->first().source, QStringLiteral("jenkins:team/app#3"));

    // A build without a report (404), and a provider that keeps none: nothing, no error.
    PipelineRun other = run;
    other.id = QStringLiteral("4");
    other.url = server.url(QStringLiteral("/job/team/job/app/4/")).toString();
    auto none = fetch(jenkins, other);
    QVERIFY2(none, qPrintable(none.errorMessage()));
    QVERIFY(!none->has_value());
    CctrayProvider cctray(
        &http, CctraySettings { server.url(QStringLiteral("/cc.xml")).toString(), {}, {}, {}, 5000, {} });
    auto feed = fetch(cctray, run);
    QVERIFY(feed);
    QVERIFY(!feed->has_value());
    QCOMPARE(store.runs(QStringLiteral("/work/app"))->size(), 1);
}

QTEST_GUILESS_MAIN(CiTestReportsTest)
#include "tst_citestreports.moc"

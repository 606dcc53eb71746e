// Jenkins: the JSON API as Jenkins documents it (api/json with a tree, a
// multibranch job's branch jobs, the Stage View's wfapi/describe, consoleText,
// testReport), parsed and then fetched over real HTTP from a loopback server:
// basic auth, 304s, 404/500, malformed JSON, a hanging server.

#include "LoopbackHttpServer.h"
#include "ci/HttpClient.h"
#include "ci/HttpResponse.h"
#include "ci/JenkinsJson.h"
#include "ci/JenkinsProvider.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash;
using namespace devdash::ci;
using devdash::test::LoopbackHttpServer;
using devdash::test::LoopbackRequest;
using devdash::test::LoopbackResponse;

namespace {

const QString kShaMain = QStringLiteral("8c2a5fbbd1c0a1f5a3f2c8c6e3f2d1b0a9f8e7d6");
const QString kShaFeature = QStringLiteral("1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c");
const qint64 kT0 = 1709287200000; // 2024-03-01T10:00:00Z
const QByteArray kToken = "11aa22bb33cc44dd55ee66ff77889900aa";

// A build object as api/json?tree=builds[…] returns it.
QJsonObject build(int number, const QString &base, const QJsonValue &result, bool building, qint64 startMs,
    qint64 durationMs, const QString &sha, const QString &branch, const QString &cause)
{
    QJsonArray actions;
    actions.append(QJsonObject { { "_class", "hudson.model.CauseAction" },
        { "causes",
            QJsonArray { QJsonObject { { "_class", cause }, { "shortDescription", "Started" } } } } });
    actions.append(QJsonObject {}); // Jenkins lists empty objects for actions outside the tree
    if (!sha.isEmpty())
        actions.append(QJsonObject { { "_class", "hudson.plugins.git.util.BuildData" },
            { "lastBuiltRevision",
                QJsonObject {
                    { "SHA1", sha }, { "branch", QJsonArray { QJsonObject { { "name", branch } } } } } } });
    return QJsonObject { { "_class", "org.jenkinsci.plugins.workflow.job.WorkflowRun" }, { "number", number },
        { "url", QStringLiteral("%1%2/").arg(base).arg(number) }, { "result", result },
        { "building", building }, { "timestamp", startMs }, { "duration", durationMs },
        { "actions", actions } };
}

QByteArray toJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A plain Pipeline job "team/app" as Jenkins reports it; `root` is Jenkins's
// configured root URL (deliberately not the loopback server's).
QByteArray plainJobJson(const QString &root)
{
    const QString base = root + QStringLiteral("job/team/job/app/");
    QJsonArray builds {
        build(7, base, QJsonValue::Null, true, kT0 + 600000, 0, kShaMain, "refs/remotes/origin/main",
            "hudson.model.Cause$UserIdCause"),
        build(6, base, "SUCCESS", false, kT0 + 500000, 61000, kShaMain, "refs/remotes/origin/main",
            "hudson.triggers.SCMTrigger$SCMTriggerCause"),
        build(5, base, "UNSTABLE", false, kT0 + 400000, 1000, kShaMain, "origin/main",
            "hudson.triggers.TimerTrigger$TimerTriggerCause"),
        build(4, base, "FAILURE", false, kT0 + 300000, 1000, kShaFeature, "origin/feature/x",
            "com.cloudbees.jenkins.GitHubPushCause"),
        build(3, base, "ABORTED", false, kT0 + 200000, 1000, {}, {}, "hudson.model.Cause$UpstreamCause"),
        build(2, base, "NOT_BUILT", false, kT0 + 100000, 0, {}, {}, "hudson.model.Cause$RemoteCause"),
    };
    return toJson(
        QJsonObject { { "_class", "org.jenkinsci.plugins.workflow.job.WorkflowJob" }, { "name", "app" },
            { "url", base }, { "inQueue", false }, { "nextBuildNumber", 8 }, { "builds", builds } });
}

// A multibranch job "team/mb": branches main (queued #3, last #2) and feature/x (#1 running).
QByteArray multibranchJobJson(const QString &root)
{
    const QString base = root + QStringLiteral("job/team/job/mb/");
    const QString mainBase = base + QStringLiteral("job/main/");
    const QString featureBase = base + QStringLiteral("job/feature%252Fx/");
    QJsonObject main { { "_class", "org.jenkinsci.plugins.workflow.job.WorkflowJob" }, { "name", "main" },
        { "url", mainBase }, { "inQueue", true }, { "nextBuildNumber", 3 },
        { "builds",
            QJsonArray { build(2, mainBase, "SUCCESS", false, kT0 + 100000, 5000, kShaMain, "main",
                             "jenkins.branch.BranchEventCause"),
                build(1, mainBase, "FAILURE", false, kT0, 5000, kShaMain, "main",
                    "jenkins.branch.BranchIndexingCause") } } };
    QJsonObject feature { { "_class", "org.jenkinsci.plugins.workflow.job.WorkflowJob" },
        { "name", "feature%2Fx" }, { "url", featureBase }, { "inQueue", false }, { "nextBuildNumber", 2 },
        { "builds",
            QJsonArray { build(1, featureBase, QJsonValue::Null, true, kT0 + 200000, 0, kShaFeature,
                "feature/x", "jenkins.branch.BranchEventCause") } } };
    return toJson(
        QJsonObject { { "_class", "org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject" },
            { "name", "mb" }, { "url", base }, { "jobs", QJsonArray { main, feature } } });
}

QByteArray stageView()
{
    auto stage = [](int id, const char *name, const char *status, qint64 start, qint64 duration) {
        return QJsonObject { { "id", QString::number(id) }, { "name", name }, { "execNode", "" },
            { "status", status }, { "startTimeMillis", start }, { "durationMillis", duration },
            { "pauseDurationMillis", 0 } };
    };
    return toJson(QJsonObject { { "id", "6" }, { "name", "#6" }, { "status", "FAILED" },
        { "startTimeMillis", kT0 }, { "endTimeMillis", kT0 + 61000 }, { "durationMillis", 61000 },
        { "stages",
            QJsonArray { stage(6, "Checkout", "SUCCESS", kT0 + 1000, 2000),
                stage(14, "Build", "SUCCESS", kT0 + 3000, 40000),
                stage(25, "Test", "FAILED", kT0 + 43000, 17000), stage(40, "Deploy", "NOT_EXECUTED", 0, 0),
                stage(41, "Approve", "PAUSED_PENDING_INPUT", kT0 + 60000, 1000) } } });
}

QByteArray testReport()
{
    auto testCase = [](const char *cls, const char *name, const char *status, double duration,
                        const QJsonValue &details, const QJsonValue &trace) {
        return QJsonObject { { "className", cls }, { "name", name }, { "status", status },
            { "duration", duration }, { "errorDetails", details }, { "errorStackTrace", trace },
            { "skipped", QString(status) == "SKIPPED" },
            { "skippedMessage", QString(status) == "SKIPPED" ? QJsonValue("not on CI") : QJsonValue() },
            { "stdout", QJsonValue() }, { "stderr", QJsonValue() }, { "age", 0 }, { "failedSince", 0 } };
    };
    QJsonArray cases { testCase("com.acme.CartTest", "adds", "PASSED", 0.012, {}, {}),
        testCase("com.acme.CartTest", "removes", "FIXED", 0.02, {}, {}),
        testCase("com.acme.CartTest", "totals", "REGRESSION", 0.5, "expected:<3> but was:<4>",
            "java.lang.AssertionError: expected:<3> but was:<4>\n\tat "
            "com.acme.CartTest.totals(CartTest.java:42)"),
        testCase("com.acme.CartTest", "taxes", "FAILED", 0.1, "boom", QJsonValue()),
        testCase("com.acme.CartTest", "legacy", "SKIPPED", 0, {}, {}) };
    QJsonObject suite { { "name", "com.acme.CartTest" }, { "duration", 0.632 },
        { "timestamp", "2024-03-01T10:01:00" }, { "enclosingBlockNames", QJsonArray { "Test" } },
        { "cases", cases }, { "stdout", QJsonValue() } };
    return toJson(QJsonObject { { "_class", "hudson.tasks.junit.TestResult" }, { "duration", 0.632 },
        { "empty", false }, { "failCount", 2 }, { "passCount", 2 }, { "skipCount", 1 },
        { "suites", QJsonArray { suite } } });
}

Result<QList<PipelineRun>> listRuns(CiProvider &provider, const RunQuery &query = {})
{
    return waitForResult<QList<PipelineRun>>([&](CiCallback<QList<PipelineRun>> done) {
        provider.listRuns(query, CancelToken(), std::move(done));
    });
}

} // namespace

class JenkinsProviderTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void jobPaths_data();
    void jobPaths();
    void buildStatuses_data();
    void buildStatuses();
    void plainJob();
    void multibranchJob();
    void stages();
    void malformed_data();
    void malformed();
    void listOverHttp();
    void multibranchOverHttp();
    void runStagesLogAndTestReport();
    void freestyleRunWithoutStageView();
    void errorsNeverShowTheToken();

private:
    JenkinsProvider *provider(
        const QString &job, int timeoutMs = 5000, const QString &user = QStringLiteral("ann"));

    QTemporaryDir m_tmp;
    LoopbackHttpServer m_server;
    std::unique_ptr<HttpClient> m_http;
    std::vector<std::unique_ptr<JenkinsProvider>> m_providers;
};

JenkinsProvider *JenkinsProviderTest::provider(const QString &job, int timeoutMs, const QString &user)
{
    m_providers.push_back(std::make_unique<JenkinsProvider>(m_http.get(),
        JenkinsSettings { m_server.url(QStringLiteral("/jenkins/")).toString(), job, user,
            QString::fromUtf8(kToken), {}, timeoutMs }));
    return m_providers.back().get();
}

void JenkinsProviderTest::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY(m_server.start());
    m_http = std::make_unique<HttpClient>(nullptr, m_tmp.filePath(QStringLiteral("cache")));
}

void JenkinsProviderTest::jobPaths_data()
{
    QTest::addColumn<QString>("project");
    QTest::addColumn<QString>("path");
    QTest::newRow("one job") << "app"
                             << "/job/app";
    QTest::newRow("folder") << "team/app"
                            << "/job/team/job/app";
    QTest::newRow("spaces and unicode") << "my team/äpp"
                                        << "/job/my%20team/job/%C3%A4pp";
    QTest::newRow("stray slashes") << "/team//app/"
                                   << "/job/team/job/app";
}

void JenkinsProviderTest::jobPaths()
{
    QFETCH(QString, project);
    QFETCH(QString, path);
    QCOMPARE(JenkinsJson::jobPath(project), path);
    QCOMPARE(JenkinsJson::branchJobName(QStringLiteral("feature/x%y")), QStringLiteral("feature%2Fx%25y"));
    QCOMPARE(
        JenkinsJson::branchFromJobName(QStringLiteral("feature%2Fx%25y")), QStringLiteral("feature/x%y"));
}

void JenkinsProviderTest::buildStatuses_data()
{
    QTest::addColumn<QJsonValue>("result");
    QTest::addColumn<bool>("building");
    QTest::addColumn<RunStatus>("expected");
    QTest::newRow("SUCCESS") << QJsonValue("SUCCESS") << false << RunStatus::Success;
    QTest::newRow("FAILURE") << QJsonValue("FAILURE") << false << RunStatus::Failed;
    QTest::newRow("UNSTABLE is failed") << QJsonValue("UNSTABLE") << false << RunStatus::Failed;
    QTest::newRow("ABORTED is canceled") << QJsonValue("ABORTED") << false << RunStatus::Canceled;
    QTest::newRow("NOT_BUILT is skipped") << QJsonValue("NOT_BUILT") << false << RunStatus::Skipped;
    QTest::newRow("building") << QJsonValue() << true << RunStatus::Running;
    QTest::newRow("no result yet") << QJsonValue() << false << RunStatus::Running;
}

void JenkinsProviderTest::buildStatuses()
{
    QFETCH(QJsonValue, result);
    QFETCH(bool, building);
    QFETCH(RunStatus, expected);
    QCOMPARE(
        JenkinsJson::buildStatus(QJsonObject { { "result", result }, { "building", building } }), expected);
}

void JenkinsProviderTest::plainJob()
{
    const QString server = QStringLiteral("http://127.0.0.1:1/");
    auto runs = JenkinsJson::parseJob(
        plainJobJson(QStringLiteral("https://jenkins.corp/")), QStringLiteral("team/app"), server);
    QVERIFY2(runs, qPrintable(runs.errorMessage()));
    QCOMPARE(runs->size(), 6);
    const PipelineRun &running = runs->at(0);
    QCOMPARE(running.id, QStringLiteral("7"));
    QCOMPARE(running.status, RunStatus::Running);
    QCOMPARE(running.trigger, QStringLiteral("manual"));
    QVERIFY(!running.finishedAt.isValid());
    // Jenkins's root URL is rebased onto the one DevDash reaches it by.
    QCOMPARE(running.url, QStringLiteral("http://127.0.0.1:1/job/team/job/app/7/"));
    const PipelineRun &success = runs->at(1);
    QCOMPARE(success.provider, QStringLiteral("jenkins"));
    QCOMPARE(success.project, QStringLiteral("team/app"));
    QCOMPARE(success.name, QStringLiteral("app"));
    QCOMPARE(success.branch, QStringLiteral("main"));
    QCOMPARE(success.commit, kShaMain);
    QCOMPARE(success.trigger, QStringLiteral("push"));
    QCOMPARE(success.startedAt, QDateTime::fromMSecsSinceEpoch(kT0 + 500000, Qt::UTC));
    QCOMPARE(success.durationS(), 61.0);
    QCOMPARE(runs->at(2).status, RunStatus::Failed);
    QCOMPARE(runs->at(2).trigger, QStringLiteral("schedule"));
    QCOMPARE(runs->at(3).branch, QStringLiteral("feature/x"));
    QCOMPARE(runs->at(3).commit, kShaFeature);
    QCOMPARE(runs->at(4).status, RunStatus::Canceled);
    QCOMPARE(runs->at(4).trigger, QStringLiteral("upstream"));
    QVERIFY(runs->at(4).commit.isEmpty());
    QCOMPARE(runs->at(5).status, RunStatus::Skipped);
    QCOMPARE(runs->at(5).trigger, QStringLiteral("api"));
}

void JenkinsProviderTest::multibranchJob()
{
    auto runs = JenkinsJson::parseJob(
        multibranchJobJson(QStringLiteral("https://jenkins.corp/")), QStringLiteral("team/mb"));
    QVERIFY2(runs, qPrintable(runs.errorMessage()));
    QCOMPARE(runs->size(), 4);
    // Queued first (not started), then newest first.
    QCOMPARE(runs->at(0).id, QStringLiteral("main#3"));
    QCOMPARE(runs->at(0).status, RunStatus::Queued);
    QCOMPARE(runs->at(0).branch, QStringLiteral("main"));
    QCOMPARE(runs->at(1).id, QStringLiteral("feature/x#1"));
    QCOMPARE(runs->at(1).branch, QStringLiteral("feature/x"));
    QCOMPARE(runs->at(1).status, RunStatus::Running);
    QCOMPARE(runs->at(1).url, QStringLiteral("https://jenkins.corp/job/team/job/mb/job/feature%252Fx/1/"));
    QCOMPARE(runs->at(2).id, QStringLiteral("main#2"));
    QCOMPARE(runs->at(2).status, RunStatus::Success);
    QCOMPARE(runs->at(3).status, RunStatus::Failed);
    QCOMPARE(runs->at(3).trigger, QStringLiteral("push"));
    QCOMPARE(runs->at(3).name, QStringLiteral("mb"));
}

void JenkinsProviderTest::stages()
{
    auto stages = JenkinsJson::parseStages(stageView(), QStringLiteral("https://j/job/app/6/"));
    QVERIFY2(stages, qPrintable(stages.errorMessage()));
    QCOMPARE(stages->size(), 5);
    QList<RunStatus> statuses;
    for (const PipelineStage &stage : *stages)
        statuses << stage.status;
    QCOMPARE(statuses,
        (QList<RunStatus> { RunStatus::Success, RunStatus::Success, RunStatus::Failed, RunStatus::Skipped,
            RunStatus::Manual }));
    const PipelineJob &build = stages->at(1).jobs.first();
    QCOMPARE(build.name, QStringLiteral("Build"));
    QCOMPARE(build.id, QStringLiteral("14"));
    QCOMPARE(build.durationS(), 40.0);
    QCOMPARE(build.startedAt, QDateTime::fromMSecsSinceEpoch(kT0 + 3000, Qt::UTC));
    QVERIFY(!stages->at(3).jobs.first().startedAt.isValid()); // not executed
    QVERIFY(!stages->at(4).jobs.first().finishedAt.isValid()); // waiting for input
}

void JenkinsProviderTest::malformed_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("HTML") << QByteArray("<html><body>Jenkins</body></html>");
    QTest::newRow("truncated") << QByteArray("{\"builds\": [{\"number\": 1,");
    QTest::newRow("array") << QByteArray("[]");
    QTest::newRow("a folder") << QByteArray("{\"_class\":\"com.cloudbees.hudson.plugins.folder.Folder\"}");
}

void JenkinsProviderTest::malformed()
{
    QFETCH(QByteArray, body);
    auto runs = JenkinsJson::parseJob(body, QStringLiteral("team/app"));
    QVERIFY(!runs);
    QVERIFY(runs.errorMessage().contains(QStringLiteral("team/app")));
    QVERIFY(!JenkinsJson::parseStages(body.left(5)));
}

void JenkinsProviderTest::listOverHttp()
{
    LoopbackResponse job = LoopbackResponse::json(plainJobJson(QStringLiteral("https://jenkins.corp/")));
    job.etag = "W/\"job-v1\"";
    m_server.setRoute(QStringLiteral("/jenkins/job/team/job/app/api/json"), job);
    m_server.clearRequests();
    JenkinsProvider *jenkins = provider(QStringLiteral("team/app"));
    QCOMPARE(jenkins->name(), QStringLiteral("jenkins"));
    QCOMPARE(jenkins->project(), QStringLiteral("team/app"));

    auto runs = listRuns(*jenkins);
    QVERIFY2(runs, qPrintable(runs.errorMessage()));
    QCOMPARE(runs->size(), 6);
    QCOMPARE(runs->first().url, m_server.url(QStringLiteral("/jenkins/job/team/job/app/7/")).toString());
    const LoopbackRequest request
        = m_server.requests(QStringLiteral("/jenkins/job/team/job/app/api/json")).last();
    QCOMPARE(request.header("Authorization"), "Basic " + QByteArray("ann:" + kToken).toBase64());
    QVERIFY(request.query.queryItemValue(QStringLiteral("tree"))
                .startsWith(QStringLiteral("_class,name,url,inQueue")));

    auto again = listRuns(*jenkins, RunQuery { QStringLiteral("main"), {}, 2 });
    QVERIFY(again);
    QCOMPARE(again->size(), 2);
    QCOMPARE(again->at(0).id, QStringLiteral("7"));
    QCOMPARE(again->at(1).id, QStringLiteral("6"));
    auto byCommit = listRuns(*jenkins, RunQuery { {}, kShaFeature.toUpper(), 0 });
    QVERIFY(byCommit);
    QCOMPARE(byCommit->size(), 1);
    QCOMPARE(byCommit->first().id, QStringLiteral("4"));

    auto statuses
        = waitForResult<QHash<QString, CommitStatus>>([&](CiCallback<QHash<QString, CommitStatus>> done) {
              jenkins->commitStatuses({ kShaMain, kShaFeature }, CancelToken(), std::move(done));
          });
    QVERIFY(statuses);
    QCOMPARE(statuses->value(kShaMain).status,
        RunStatus::Failed); // #5 UNSTABLE outranks #7 running and #6 success
    QCOMPARE(statuses->value(kShaMain).checks, 3);
    QCOMPARE(statuses->value(kShaFeature).status, RunStatus::Failed);
}

void JenkinsProviderTest::multibranchOverHttp()
{
    m_server.setRoute(QStringLiteral("/jenkins/job/team/job/mb/api/json"),
        LoopbackResponse::json(multibranchJobJson(QStringLiteral("https://jenkins.corp/"))));
    JenkinsProvider *jenkins = provider(QStringLiteral("team/mb"));
    auto runs = listRuns(*jenkins, RunQuery { QStringLiteral("feature/x"), {}, 0 });
    QVERIFY2(runs, qPrintable(runs.errorMessage()));
    QCOMPARE(runs->size(), 1);
    QCOMPARE(runs->first().url,
        m_server.url(QStringLiteral("/jenkins/job/team/job/mb/job/feature%252Fx/1/")).toString());
    QCOMPARE(jenkins->buildUrl(QStringLiteral("feature/x#1")), runs->first().url);

    // fetchRun finds the branch job by its encoded name.
    const QJsonObject one
        = build(1, QStringLiteral("https://jenkins.corp/job/team/job/mb/job/feature%252Fx/"), "SUCCESS",
            false, kT0, 3000, kShaFeature, "feature/x", "jenkins.branch.BranchEventCause");
    m_server.setHandler(QStringLiteral("/jenkins/job/team/job/mb/job/feature%2Fx/1/api/json"),
        [one](const LoopbackRequest &) { return LoopbackResponse::json(toJson(one)); });
    m_server.setRoute(QStringLiteral("/jenkins/job/team/job/mb/job/feature%2Fx/1/wfapi/describe"),
        LoopbackResponse::json(stageView()));
    auto run = waitForResult<PipelineRun>([&](CiCallback<PipelineRun> done) {
        jenkins->fetchRun(QStringLiteral("feature/x#1"), CancelToken(), std::move(done));
    });
    QVERIFY2(run, qPrintable(run.errorMessage()));
    QCOMPARE(run->id, QStringLiteral("feature/x#1"));
    QCOMPARE(run->branch, QStringLiteral("feature/x"));
    QCOMPARE(run->status, RunStatus::Success);
    QCOMPARE(run->stages.size(), 5);
    const auto sent
        = m_server.requests(QStringLiteral("/jenkins/job/team/job/mb/job/feature%2Fx/1/api/json"));
    QCOMPARE(sent.size(), 1);
    QVERIFY2(sent.first().target.startsWith("/jenkins/job/team/job/mb/job/feature%252Fx/1/api/json"),
        sent.first().target);
}

void JenkinsProviderTest::runStagesLogAndTestReport()
{
    const QString base = QStringLiteral("https://jenkins.corp/job/team/job/app/");
    m_server.setRoute(QStringLiteral("/jenkins/job/team/job/app/6/api/json"),
        LoopbackResponse::json(toJson(build(6, base, "FAILURE", false, kT0, 61000, kShaMain, "origin/main",
            "hudson.triggers.SCMTrigger$SCMTriggerCause"))));
    m_server.setRoute(
        QStringLiteral("/jenkins/job/team/job/app/6/wfapi/describe"), LoopbackResponse::json(stageView()));
    m_server.setRoute(QStringLiteral("/jenkins/job/team/job/app/6/consoleText"),
        LoopbackResponse::text(
            "Started by an SCM change\n\x1b[31mERROR\x1b[0m: tests failed\nFinished: FAILURE\n"));
    m_server.setRoute(QStringLiteral("/jenkins/job/team/job/app/6/testReport/api/json"),
        LoopbackResponse::json(testReport()));
    JenkinsProvider *jenkins = provider(QStringLiteral("team/app"));

    auto run = waitForResult<PipelineRun>([&](CiCallback<PipelineRun> done) {
        jenkins->fetchRun(QStringLiteral("6"), CancelToken(), std::move(done));
    });
    QVERIFY2(run, qPrintable(run.errorMessage()));
    QCOMPARE(run->status, RunStatus::Failed);
    QCOMPARE(run->commit, kShaMain);
    QCOMPARE(run->stages.size(), 5);
    QCOMPARE(run->stages.at(2).name, QStringLiteral("Test"));
    QCOMPARE(run->stages.at(2).jobs.first().status, RunStatus::Failed);

    auto log = waitForResult<QString>([&](CiCallback<QString> done) {
        jenkins->fetchJobLog(*run, QStringLiteral("25"), CancelToken(), std::move(done));
    });
    QVERIFY2(log, qPrintable(log.errorMessage()));
    QVERIFY(log->contains(QStringLiteral("\x1b[31mERROR\x1b[0m")));

    QVERIFY(jenkins->providesTestReports());
    auto report = waitForResult<std::optional<testresults::TestReport>>(
        [&](CiCallback<std::optional<testresults::TestReport>> done) {
            jenkins->fetchTestReport(*run, CancelToken(), std::move(done));
        });
    QVERIFY2(report, qPrintable(report.errorMessage()));
    QVERIFY(report->has_value());
    const auto counts = (*report)->counts();
    QCOMPARE(counts.tests, 5);
    QCOMPARE(counts.passed, 2);
    QCOMPARE(counts.failed, 2);
    QCOMPARE(counts.skipped, 1);

    // A build without archived results has no testReport (404): no report, no error.
    PipelineRun other = *run;
    other.url = m_server.url(QStringLiteral("/jenkins/job/team/job/app/5/")).toString();
    auto none = waitForResult<std::optional<testresults::TestReport>>(
        [&](CiCallback<std::optional<testresults::TestReport>> done) {
            jenkins->fetchTestReport(other, CancelToken(), std::move(done));
        });
    QVERIFY2(none, qPrintable(none.errorMessage()));
    QVERIFY(!none->has_value());
}

void JenkinsProviderTest::freestyleRunWithoutStageView()
{
    m_server.setRoute(QStringLiteral("/jenkins/job/free/9/api/json"),
        LoopbackResponse::json(toJson(build(9, QStringLiteral("https://jenkins.corp/job/free/"), "SUCCESS",
            false, kT0, 2000, kShaMain, "origin/main", "hudson.model.Cause$UserIdCause"))));
    JenkinsProvider *jenkins = provider(QStringLiteral("free"));
    auto run = waitForResult<PipelineRun>([&](CiCallback<PipelineRun> done) {
        jenkins->fetchRun(QStringLiteral("9"), CancelToken(), std::move(done));
    });
    QVERIFY2(run, qPrintable(run.errorMessage()));
    QCOMPARE(run->stages.size(), 1);
    QCOMPARE(run->stages.first().name, QStringLiteral("free"));
    QCOMPARE(run->stages.first().jobs.first().status, RunStatus::Success);
    QCOMPARE(run->stages.first().jobs.first().durationS(), 2.0);
}

void JenkinsProviderTest::errorsNeverShowTheToken()
{
    LoopbackResponse unauthorized
        = LoopbackResponse::json("{\"message\":\"Invalid password/token for user: ann\"}", 401);
    m_server.setRoute(QStringLiteral("/jenkins/job/denied/api/json"), unauthorized);
    LoopbackResponse error
        = LoopbackResponse::text("<html>java.lang.NullPointerException</html>", "text/html");
    error.status = 500;
    m_server.setRoute(QStringLiteral("/jenkins/job/broken/api/json"), error);
    m_server.setRoute(
        QStringLiteral("/jenkins/job/garbled/api/json"), LoopbackResponse::json("{\"builds\": [1,"));
    LoopbackResponse hang;
    hang.hang = true;
    m_server.setRoute(QStringLiteral("/jenkins/job/stuck/api/json"), hang);

    const QString encoded = QString::fromLatin1(QByteArray("ann:" + kToken).toBase64());
    auto check = [&](const Result<QList<PipelineRun>> &result, int code) {
        QVERIFY(!result);
        QCOMPARE(result.error().code, code);
        QVERIFY2(
            !result.errorMessage().contains(QString::fromUtf8(kToken)), qPrintable(result.errorMessage()));
        QVERIFY(!result.errorMessage().contains(encoded));
    };
    auto denied = listRuns(*provider(QStringLiteral("denied")));
    check(denied, 401);
    QVERIFY2(
        denied.errorMessage().contains(QStringLiteral("JENKINS_TOKEN")), qPrintable(denied.errorMessage()));
    check(listRuns(*provider(QStringLiteral("broken"))), 500);
    check(listRuns(*provider(QStringLiteral("garbled"))), HttpMalformed);
    check(listRuns(*provider(QStringLiteral("missing"))), 404);
    QElapsedTimer timer;
    timer.start();
    check(listRuns(*provider(QStringLiteral("stuck"), 400)), HttpTimedOut);
    QVERIFY(timer.elapsed() < 10000);
}

QTEST_GUILESS_MAIN(JenkinsProviderTest)
#include "tst_jenkinsprovider.moc"

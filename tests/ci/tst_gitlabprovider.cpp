// GitLabProvider and GitLabJson: GitLab REST responses written from GitLab's API
// documentation (tests/data/ci-api/gitlab) parsed by the pure functions, and served by a
// loopback server to the provider.

#include "LoopbackHttpServer.h"
#include "TestData.h"
#include "ci/CiProviderRegistry.h"
#include "ci/GitLabJson.h"
#include "ci/GitLabProvider.h"
#include "ci/HttpClient.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash;
using namespace devdash::ci;
using devdash::test::LoopbackHttpServer;
using devdash::test::LoopbackResponse;

namespace {

const QString Token = QStringLiteral("glpat-providerSECRET0123456789");
const QString Project = QStringLiteral("acme/lander");
const QString ProjectRoot = QStringLiteral("/api/v4/projects/acme/lander"); // decoded path on the server
const QString Sha = QStringLiteral("13dda7e5cb7aa7fc1883e607aaceea964cf27d06");

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        QTest::qFail(qPrintable(QStringLiteral("missing test data: ") + path), __FILE__, __LINE__);
    return f.isOpen() ? f.readAll() : QByteArray();
}
// A response of tests/data/ci-api/gitlab; a missing one fails the test, naming it.
QByteArray fixture(const QString &name)
{
    return devdash::test::readTestData(QStringLiteral("ci-api/gitlab/") + name);
}
QByteArray data(const QString &name)
{
    return readFile(QStringLiteral(DEVDASH_CI_TEST_DATA "/") + name);
}

} // namespace

class TestGitLabProvider : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        DEVDASH_REQUIRE_TEST_DATA(QStringLiteral("ci-api/gitlab/pipelines.json"),
            QStringLiteral("ci-api/gitlab/pipeline.json"), QStringLiteral("ci-api/gitlab/branches.json"));
    }
    void init()
    {
        m_server = std::make_unique<LoopbackHttpServer>();
        QVERIFY(m_server->start());
        m_http = std::make_unique<HttpClient>(nullptr, m_cache.path() + QStringLiteral("/http"));
        CiSource source;
        source.provider = QStringLiteral("gitlab");
        source.project = Project;
        source.apiUrl = m_server->url(QStringLiteral("/api/v4")).toString(); // self-hosted
        source.timeoutMs = 5000;
        auto provider = CiProviderRegistry::create(m_http.get(), source, CiCredential { {}, Token, {} });
        QVERIFY2(provider.ok(), qPrintable(provider.errorMessage()));
        m_provider.reset(*provider);
    }
    void cleanup()
    {
        m_provider.reset();
        m_http.reset();
        m_server.reset();
    }

    void statusMapping_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("expected");
        for (const char *queued : { "created", "pending", "waiting_for_resource", "preparing", "scheduled" })
            QTest::newRow(queued) << queued << "queued";
        QTest::newRow("running") << "running"
                                 << "running";
        QTest::newRow("success") << "success"
                                 << "success";
        QTest::newRow("failed") << "failed"
                                << "failed";
        QTest::newRow("canceled") << "canceled"
                                  << "canceled";
        QTest::newRow("canceling") << "canceling"
                                   << "canceled";
        QTest::newRow("skipped") << "skipped"
                                 << "skipped";
        QTest::newRow("manual") << "manual"
                                << "manual";
    }
    void statusMapping()
    {
        QFETCH(QString, status);
        QFETCH(QString, expected);
        QCOMPARE(runStatusName(GitLabJson::runStatus(status)), expected);
    }

    void parsesPipelines()
    {
        auto runs = GitLabJson::parsePipelines(
            fixture(QStringLiteral("pipelines.json")), Project, QUrl(QStringLiteral("https://gitlab.com/x")));
        QVERIFY2(runs.ok(), qPrintable(runs.errorMessage()));
        QCOMPARE(runs->size(), 3);
        QCOMPARE(runs->at(0).id, QStringLiteral("4400000003"));
        QCOMPARE(runs->at(0).branch, QStringLiteral("main"));
        QCOMPARE(runs->at(0).commit, Sha);
        QCOMPARE(runs->at(0).status, RunStatus::Success);
        QCOMPARE(runs->at(0).trigger, QStringLiteral("push"));
        QCOMPARE(runs->at(0).url, QStringLiteral("https://gitlab.com/acme/lander/-/pipelines/4400000003"));
        QCOMPARE(runs->at(2).id, QStringLiteral("4400000001"));
    }

    void parsesPipelineDetails()
    {
        auto run = GitLabJson::parsePipeline(
            fixture(QStringLiteral("pipeline.json")), Project, QUrl(QStringLiteral("https://gitlab.com/x")));
        QVERIFY2(run.ok(), qPrintable(run.errorMessage()));
        QCOMPARE(run->startedAt, QDateTime(QDate(2025, 7, 11), QTime(11, 6, 13, 500), Qt::UTC));
        QCOMPARE(run->finishedAt, QDateTime(QDate(2025, 7, 11), QTime(11, 10, 42, 250), Qt::UTC));
        QCOMPARE(run->name, QStringLiteral("pipeline #3"));
        // The branches listing is GitLab JSON, but no pipeline.
        auto wrong = GitLabJson::parsePipeline(
            fixture(QStringLiteral("branches.json")), Project, QUrl(QStringLiteral("https://gitlab.com/x")));
        QVERIFY(!wrong.ok());
    }

    void listsAllPagesByNextPageHeader()
    {
        m_server->setPages(ProjectRoot + QStringLiteral("/pipelines"),
            { fixture(QStringLiteral("pipelines.json")), fixture(QStringLiteral("pipelines.json")) }, true);
        auto runs = waitForResult<QList<PipelineRun>>([&](CiCallback<QList<PipelineRun>> done) {
            m_provider->listRuns(RunQuery { QStringLiteral("main"), Sha, 0 }, {}, std::move(done));
        });
        QVERIFY2(runs.ok(), qPrintable(runs.errorMessage()));
        QCOMPARE(runs->size(), 6);
        const auto requests = m_server->requests();
        QCOMPARE(requests.size(), 2);
        // The project path is one URL-encoded path segment.
        QVERIFY2(requests[0].target.startsWith("/api/v4/projects/acme%2Flander/pipelines?"),
            requests[0].target.constData());
        QCOMPARE(requests[0].query.queryItemValue(QStringLiteral("ref")), QStringLiteral("main"));
        QCOMPARE(requests[0].query.queryItemValue(QStringLiteral("sha")), Sha);
        QCOMPARE(requests[0].header("PRIVATE-TOKEN"), Token.toUtf8());
        QVERIFY(requests[0].header("Authorization").isEmpty());
        QCOMPARE(requests[1].query.queryItemValue(QStringLiteral("page")), QStringLiteral("2"));
        QCOMPARE(requests[1].query.queryItemValue(QStringLiteral("ref")), QStringLiteral("main"));
    }

    void numericProjectId()
    {
        CiSource source;
        source.provider = QStringLiteral("gitlab");
        source.project = QStringLiteral("31415926");
        source.apiUrl = m_server->url(QStringLiteral("/api/v4")).toString();
        GitLabProvider byId(m_http.get(), source, {});
        QCOMPARE(byId.projectPath(), QStringLiteral("/projects/31415926"));
        m_server->setRoute(QStringLiteral("/api/v4/projects/31415926/pipelines"),
            LoopbackResponse::json(fixture(QStringLiteral("pipelines.json"))));
        auto runs = waitForResult<QList<PipelineRun>>([&](CiCallback<QList<PipelineRun>> done) {
            byId.listRuns(RunQuery { {}, {}, 2 }, {}, std::move(done));
        });
        QVERIFY2(runs.ok(), qPrintable(runs.errorMessage()));
        QCOMPARE(runs->size(), 2);
        QVERIFY(m_server->requests().at(0).header("PRIVATE-TOKEN").isEmpty()); // anonymous
    }

    void fetchesRunWithStagesInOrder()
    {
        m_server->setRoute(ProjectRoot + QStringLiteral("/pipelines/4400000003"),
            LoopbackResponse::json(fixture(QStringLiteral("pipeline.json"))));
        m_server->setPages(ProjectRoot + QStringLiteral("/pipelines/4400000003/jobs"),
            { data(QStringLiteral("gitlab-jobs-page1.json")),
                data(QStringLiteral("gitlab-jobs-page2.json")) },
            true);
        auto run = waitForResult<PipelineRun>([&](CiCallback<PipelineRun> done) {
            m_provider->fetchRun(QStringLiteral("4400000003"), {}, std::move(done));
        });
        QVERIFY2(run.ok(), qPrintable(run.errorMessage()));
        QCOMPARE(run->status, RunStatus::Success);
        QCOMPARE(run->durationS(), 268.75);
        QCOMPARE(run->stages.size(), 3);
        QCOMPARE(run->stages[0].name, QStringLiteral("build"));
        QCOMPARE(run->stages[1].name, QStringLiteral("test"));
        QCOMPARE(run->stages[2].name, QStringLiteral("deploy"));
        QCOMPARE(run->stages[0].jobs.size(), 1);
        QCOMPARE(run->stages[0].jobs[0].durationS(), 45.666);
        // The retried "unit" job shows its latest attempt only.
        QCOMPARE(run->stages[1].jobs.size(), 2);
        QCOMPARE(run->stages[1].jobs[0].name, QStringLiteral("unit"));
        QCOMPARE(run->stages[1].jobs[0].id, QStringLiteral("10000006"));
        QCOMPARE(run->stages[1].jobs[0].status, RunStatus::Success);
        QCOMPARE(run->stages[1].status, RunStatus::Success);
        QCOMPARE(run->stages[2].status, RunStatus::Manual);
    }

    void jobTrace()
    {
        m_server->setRoute(ProjectRoot + QStringLiteral("/jobs/10000006/trace"),
            LoopbackResponse::text(
                "\x1b[0KRunning with gitlab-runner 17.0\n\x1b[32;1mJob succeeded\x1b[0;m\n"));
        auto log = waitForResult<QString>([&](CiCallback<QString> done) {
            m_provider->fetchJobLog(PipelineRun {}, QStringLiteral("10000006"), {}, std::move(done));
        });
        QVERIFY2(log.ok(), qPrintable(log.errorMessage()));
        QVERIFY(log->contains(QLatin1String("Job succeeded")));
    }

    void testReport()
    {
        m_server->setRoute(ProjectRoot + QStringLiteral("/pipelines/4400000003/test_report"),
            LoopbackResponse::json(data(QStringLiteral("gitlab-test-report.json"))));
        QVERIFY(m_provider->providesTestReports());
        PipelineRun run;
        run.id = QStringLiteral("4400000003");
        auto report = waitForResult<std::optional<testresults::TestReport>>(
            [&](CiCallback<std::optional<testresults::TestReport>> done) {
                m_provider->fetchTestReport(run, {}, std::move(done));
            });
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        QVERIFY(report->has_value());
        const testresults::TestReport &r = **report;
        QCOMPARE(r.cases.size(), size_t(3));
        const auto counts = r.counts();
        QCOMPARE(counts.passed, 1);
        QCOMPARE(counts.failed, 1);
        QCOMPARE(counts.skipped, 1);
        QCOMPARE(r.cases[1].message, QStringLiteral("Expected 3 vulnerabilities, got 2"));
        QCOMPARE(r.cases[1].file, QStringLiteral("./spec/test_spec.rb"));
        QCOMPARE(r.cases[1].id(),
            QStringLiteral("vulnerability_management_spec::Security Reports can detect vulnerabilities"));
        // A pipeline without reports.
        auto none = GitLabJson::parseTestReport(
            R"({"total_time":0,"total_count":0,"success_count":0,"failed_count":0,"skipped_count":0,"error_count":0,"test_suites":[]})",
            QUrl(QStringLiteral("https://gitlab.com/x")));
        QVERIFY(none.ok());
        QVERIFY(!none->has_value());
    }

    void commitStatusesFromPipelinesBySha()
    {
        const QString other = QStringLiteral("4444444444444444444444444444444444444444");
        m_server->setRoute(ProjectRoot + QStringLiteral("/pipelines"),
            QStringLiteral("sha=%1&per_page=1").arg(Sha),
            LoopbackResponse::json(fixture(QStringLiteral("pipelines.json"))));
        m_server->setRoute(ProjectRoot + QStringLiteral("/pipelines"),
            QStringLiteral("sha=%1&per_page=1").arg(other), LoopbackResponse::json("[]"));
        auto statuses
            = waitForResult<QHash<QString, CommitStatus>>([&](CiCallback<QHash<QString, CommitStatus>> done) {
                  m_provider->commitStatuses({ Sha, other }, {}, std::move(done));
              });
        QVERIFY2(statuses.ok(), qPrintable(statuses.errorMessage()));
        QCOMPARE(statuses->size(), 1);
        QCOMPARE(statuses->value(Sha).status, RunStatus::Success);
        QCOMPARE(statuses->value(Sha).url,
            QStringLiteral("https://gitlab.com/acme/lander/-/pipelines/4400000003"));
    }

    void errorsNameTheProblemNotTheToken_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("expected");
        QTest::newRow("401") << 401 << "check the token for gitlab in the keychain or GITLAB_TOKEN";
        QTest::newRow("403") << 403 << "denied access";
        QTest::newRow("404") << 404 << "project was not found";
        QTest::newRow("500") << 500 << "server error";
    }
    void errorsNameTheProblemNotTheToken()
    {
        QFETCH(int, status);
        QFETCH(QString, expected);
        m_server->setRoute(ProjectRoot + QStringLiteral("/pipelines"),
            LoopbackResponse::json(R"({"message":"401 Unauthorized"})", status));
        auto runs = waitForResult<QList<PipelineRun>>(
            [&](CiCallback<QList<PipelineRun>> done) { m_provider->listRuns({}, {}, std::move(done)); });
        QVERIFY(!runs.ok());
        QVERIFY2(runs.errorMessage().contains(expected), qPrintable(runs.errorMessage()));
        QVERIFY(!runs.errorMessage().contains(Token));
    }

    void malformedAndRateLimited()
    {
        m_server->setRoute(
            ProjectRoot + QStringLiteral("/pipelines"), LoopbackResponse::json("[{\"id\": 1,"));
        auto runs = waitForResult<QList<PipelineRun>>(
            [&](CiCallback<QList<PipelineRun>> done) { m_provider->listRuns({}, {}, std::move(done)); });
        QCOMPARE(runs.error().code, HttpMalformed);
        const QDateTime reset = QDateTime::currentDateTimeUtc().addSecs(7200);
        m_server->setRoute(ProjectRoot + QStringLiteral("/pipelines"),
            LoopbackResponse::json(R"({"message":"Retry later"})", 429)
                .withHeader("RateLimit-Remaining", "0")
                .withHeader("RateLimit-Reset", QByteArray::number(reset.toSecsSinceEpoch())));
        runs = waitForResult<QList<PipelineRun>>(
            [&](CiCallback<QList<PipelineRun>> done) { m_provider->listRuns({}, {}, std::move(done)); });
        QCOMPARE(runs.error().code, HttpRateLimited);
        QVERIFY(m_http->rateLimitText().startsWith(QLatin1String("rate limited until ")));
    }

private:
    QTemporaryDir m_cache;
    std::unique_ptr<LoopbackHttpServer> m_server;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<CiProvider> m_provider;
};

QTEST_GUILESS_MAIN(TestGitLabProvider)
#include "tst_gitlabprovider.moc"

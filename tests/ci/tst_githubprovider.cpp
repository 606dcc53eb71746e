// GitHubProvider and GitHubJson: GitHub REST responses written from GitHub's API
// documentation (tests/data/ci-api/github) parsed by the pure functions, and served by a
// loopback server to the provider.

#include "LoopbackHttpServer.h"
#include "TestData.h"
#include "ci/CiProviderRegistry.h"
#include "ci/GitHubJson.h"
#include "ci/GitHubProvider.h"
#include "ci/HttpClient.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash;
using namespace devdash::ci;
using devdash::test::LoopbackHttpServer;
using devdash::test::LoopbackResponse;

namespace {

const QString Token = QStringLiteral("ghp_providerSECRET0123456789");
const QString Sha = QStringLiteral("1df83a15207dd6f668f5be89d42786ad42df498b");

// A response of tests/data/ci-api/github; a missing one fails the test, naming it.
QByteArray fixture(const QString &name)
{
    return devdash::test::readTestData(QStringLiteral("ci-api/github/") + name);
}

// The listing with its run renumbered: a second page of the same shape.
QByteArray renumberedRuns(qint64 id, const QString &sha)
{
    QJsonObject page = QJsonDocument::fromJson(fixture(QStringLiteral("workflow-runs.json"))).object();
    QJsonArray runs = page.value(QStringLiteral("workflow_runs")).toArray();
    QJsonObject run = runs.at(0).toObject();
    run.insert(QStringLiteral("id"), id);
    run.insert(QStringLiteral("head_sha"), sha);
    run.insert(QStringLiteral("status"), QStringLiteral("in_progress"));
    run.insert(QStringLiteral("conclusion"), QJsonValue::Null);
    runs.replace(0, run);
    page.insert(QStringLiteral("workflow_runs"), runs);
    return QJsonDocument(page).toJson();
}

QByteArray singleRun()
{
    const QJsonObject page = QJsonDocument::fromJson(fixture(QStringLiteral("workflow-runs.json"))).object();
    return QJsonDocument(page.value(QStringLiteral("workflow_runs")).toArray().at(0).toObject()).toJson();
}

QByteArray data(const QString &name)
{
    QFile f(QStringLiteral(DEVDASH_CI_TEST_DATA "/") + name);
    if (!f.open(QIODevice::ReadOnly))
        QTest::qFail(qPrintable(QStringLiteral("missing test data: ") + f.fileName()), __FILE__, __LINE__);
    return f.isOpen() ? f.readAll() : QByteArray();
}

} // namespace

class TestGitHubProvider : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        DEVDASH_REQUIRE_TEST_DATA(QStringLiteral("ci-api/github/workflow-runs.json"),
            QStringLiteral("ci-api/github/workflow-runs-mixed.json"),
            QStringLiteral("ci-api/github/workflows.json"), QStringLiteral("ci-api/github/branches.json"));
    }
    void init()
    {
        m_server = std::make_unique<LoopbackHttpServer>();
        QVERIFY(m_server->start());
        m_http = std::make_unique<HttpClient>(nullptr, m_cache.path() + QStringLiteral("/http"));
        CiSource source;
        source.provider = QStringLiteral("github");
        source.project = QStringLiteral("acme/rocket");
        source.apiUrl = m_server->url(QStringLiteral("/api/v3")).toString(); // GitHub Enterprise style
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
        QTest::addColumn<QString>("conclusion");
        QTest::addColumn<QString>("expected");
        QTest::newRow("queued") << "queued"
                                << ""
                                << "queued";
        QTest::newRow("requested") << "requested"
                                   << ""
                                   << "queued";
        QTest::newRow("pending") << "pending"
                                 << ""
                                 << "queued";
        QTest::newRow("in_progress") << "in_progress"
                                     << ""
                                     << "running";
        QTest::newRow("waiting") << "waiting"
                                 << ""
                                 << "manual";
        QTest::newRow("success") << "completed"
                                 << "success"
                                 << "success";
        QTest::newRow("failure") << "completed"
                                 << "failure"
                                 << "failed";
        QTest::newRow("timed_out") << "completed"
                                   << "timed_out"
                                   << "failed";
        QTest::newRow("startup_failure") << "completed"
                                         << "startup_failure"
                                         << "failed";
        QTest::newRow("cancelled") << "completed"
                                   << "cancelled"
                                   << "canceled";
        QTest::newRow("neutral") << "completed"
                                 << "neutral"
                                 << "skipped";
        QTest::newRow("skipped") << "completed"
                                 << "skipped"
                                 << "skipped";
        QTest::newRow("action_required") << "completed"
                                         << "action_required"
                                         << "manual";
    }
    void statusMapping()
    {
        QFETCH(QString, status);
        QFETCH(QString, conclusion);
        QFETCH(QString, expected);
        QCOMPARE(runStatusName(GitHubJson::runStatus(status, conclusion)), expected);
    }

    void parsesWorkflowRuns()
    {
        const QUrl source(QStringLiteral("https://api.github.com/repos/acme/rocket/actions/runs"));
        auto runs = GitHubJson::parseRuns(
            fixture(QStringLiteral("workflow-runs.json")), QStringLiteral("acme/rocket"), source);
        QVERIFY2(runs.ok(), qPrintable(runs.errorMessage()));
        QCOMPARE(runs->size(), 1);
        const PipelineRun &run = runs->first();
        QCOMPARE(run.provider, QStringLiteral("github"));
        QCOMPARE(run.id, QStringLiteral("7301000042"));
        QCOMPARE(run.name, QStringLiteral("Build and test"));
        QCOMPARE(run.branch, QStringLiteral("main"));
        QCOMPARE(run.commit, Sha);
        QCOMPARE(run.status, RunStatus::Success);
        QCOMPARE(run.trigger, QStringLiteral("push"));
        QCOMPARE(run.startedAt, QDateTime(QDate(2024, 2, 26), QTime(23, 29, 10), Qt::UTC));
        QCOMPARE(run.finishedAt, QDateTime(QDate(2024, 2, 26), QTime(23, 32, 17), Qt::UTC));
        QCOMPARE(run.durationS(), 187.0);
        QCOMPARE(run.url, QStringLiteral("https://github.com/acme/rocket/actions/runs/7301000042"));
    }

    // Every status a listing holds, other events, branches and a second attempt.
    void parsesMixedWorkflowRuns()
    {
        const QUrl source(QStringLiteral("https://api.github.com/repos/acme/rocket/actions/runs"));
        auto runs = GitHubJson::parseRuns(
            fixture(QStringLiteral("workflow-runs-mixed.json")), QStringLiteral("acme/rocket"), source);
        QVERIFY2(runs.ok(), qPrintable(runs.errorMessage()));
        QCOMPARE(runs->size(), 6);
        QList<RunStatus> statuses;
        for (const PipelineRun &run : *runs)
            statuses << run.status;
        QCOMPARE(statuses,
            (QList<RunStatus> { RunStatus::Running, RunStatus::Queued, RunStatus::Failed, RunStatus::Canceled,
                RunStatus::Failed, RunStatus::Success }));
        QCOMPARE(runs->at(0).id, QStringLiteral("7301000047"));
        QVERIFY(!runs->at(0).finishedAt.isValid());
        QCOMPARE(runs->at(1).name, QStringLiteral("Nightly"));
        QCOMPARE(runs->at(1).trigger, QStringLiteral("schedule"));
        QCOMPARE(runs->at(2).trigger, QStringLiteral("pull_request"));
        QCOMPARE(runs->at(2).branch, QStringLiteral("feature/countdown"));
        QCOMPARE(runs->at(2).commit, QStringLiteral("5b0c6d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c"));
        QCOMPARE(runs->at(2).durationS(), 250.0);
        QCOMPARE(runs->at(4).branch, QStringLiteral("release/1.2"));
        QCOMPARE(runs->at(4).trigger, QStringLiteral("workflow_dispatch"));
        QCOMPARE(runs->at(5).commit, Sha);
    }

    void rejectsOtherJson()
    {
        const QUrl source(QStringLiteral("https://api.github.com/x"));
        // The workflows and branches listings are GitHub JSON, but not runs.
        auto runs
            = GitHubJson::parseRuns(fixture(QStringLiteral("workflows.json")), QStringLiteral("o/r"), source);
        QVERIFY(!runs.ok());
        QVERIFY2(
            runs.errorMessage().contains(QLatin1String("workflow_runs")), qPrintable(runs.errorMessage()));
        QVERIFY(
            !GitHubJson::parseRuns(fixture(QStringLiteral("branches.json")), QStringLiteral("o/r"), source)
                 .ok());
        auto truncated = GitHubJson::parseRuns(
            fixture(QStringLiteral("workflow-runs.json")).left(500), QStringLiteral("o/r"), source);
        QVERIFY(!truncated.ok());
        QVERIFY2(truncated.errorMessage().contains(QLatin1String("malformed JSON")),
            qPrintable(truncated.errorMessage()));
        QVERIFY(truncated.errorMessage().contains(QLatin1String("offset")));
    }

    void listsAllPagesWithFilters()
    {
        const QString runsPath = QStringLiteral("/api/v3/repos/acme/rocket/actions/runs");
        m_server->setPages(runsPath,
            { fixture(QStringLiteral("workflow-runs.json")),
                renumberedRuns(7301000043, QStringLiteral("1111111111111111111111111111111111111111")) });
        auto runs = waitForResult<QList<PipelineRun>>([&](CiCallback<QList<PipelineRun>> done) {
            m_provider->listRuns(RunQuery { QStringLiteral("main"), {}, 0 }, {}, std::move(done));
        });
        QVERIFY2(runs.ok(), qPrintable(runs.errorMessage()));
        QCOMPARE(runs->size(), 2);
        QCOMPARE(runs->at(1).id, QStringLiteral("7301000043"));
        QCOMPARE(runs->at(1).status, RunStatus::Running);
        QVERIFY(!runs->at(1).finishedAt.isValid());
        const auto requests = m_server->requests(runsPath);
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests[0].query.queryItemValue(QStringLiteral("branch")), QStringLiteral("main"));
        QCOMPARE(requests[0].query.queryItemValue(QStringLiteral("per_page")), QStringLiteral("100"));
        QVERIFY(!requests[0].query.hasQueryItem(QStringLiteral("head_sha")));
        QCOMPARE(requests[0].header("Authorization"), ("Bearer " + Token).toUtf8());
        QCOMPARE(requests[0].header("X-GitHub-Api-Version"), QByteArray("2022-11-28"));
        QCOMPARE(requests[1].query.queryItemValue(QStringLiteral("page")), QStringLiteral("2"));
    }

    void limitStopsPaging()
    {
        const QString runsPath = QStringLiteral("/api/v3/repos/acme/rocket/actions/runs");
        m_server->setPages(runsPath,
            { fixture(QStringLiteral("workflow-runs.json")),
                renumberedRuns(2, QStringLiteral("2222222222222222222222222222222222222222")) });
        auto runs = waitForResult<QList<PipelineRun>>([&](CiCallback<QList<PipelineRun>> done) {
            m_provider->listRuns(RunQuery { {}, Sha, 1 }, {}, std::move(done));
        });
        QVERIFY(runs.ok());
        QCOMPARE(runs->size(), 1);
        QCOMPARE(m_server->requestCount(runsPath), 1);
        QCOMPARE(m_server->requests(runsPath).at(0).query.queryItemValue(QStringLiteral("head_sha")), Sha);
        QCOMPARE(m_server->requests(runsPath).at(0).query.queryItemValue(QStringLiteral("per_page")),
            QStringLiteral("1"));
    }

    void fetchesRunWithJobsInOneStage()
    {
        m_server->setRoute(QStringLiteral("/api/v3/repos/acme/rocket/actions/runs/7301000042"),
            LoopbackResponse::json(singleRun()));
        m_server->setPages(QStringLiteral("/api/v3/repos/acme/rocket/actions/runs/7301000042/jobs"),
            { data(QStringLiteral("github-jobs.json")) });
        auto run = waitForResult<PipelineRun>([&](CiCallback<PipelineRun> done) {
            m_provider->fetchRun(QStringLiteral("7301000042"), {}, std::move(done));
        });
        QVERIFY2(run.ok(), qPrintable(run.errorMessage()));
        QCOMPARE(run->stages.size(), 1);
        const PipelineStage &stage = run->stages.first();
        QCOMPARE(stage.name, QStringLiteral("Build and test"));
        QCOMPARE(stage.jobs.size(), 2);
        QCOMPARE(stage.jobs[0].id, QStringLiteral("22080000001"));
        QCOMPARE(stage.jobs[0].name, QStringLiteral("build"));
        QCOMPARE(stage.jobs[0].durationS(), 110.0);
        QCOMPARE(stage.jobs[0].steps.size(), 2);
        QCOMPARE(stage.jobs[0].steps[1].status, RunStatus::Failed);
        QCOMPARE(stage.jobs[1].status, RunStatus::Running);
        QCOMPARE(stage.jobs[1].durationS(), -1.0);
    }

    void jobLogFollowsRedirectWithoutToken()
    {
        LoopbackHttpServer blobs;
        QVERIFY(blobs.start());
        blobs.setRoute(QStringLiteral("/logs/22080000001.txt"),
            LoopbackResponse::text("2024-02-26T23:29:14Z \x1b[32mok\x1b[0m tests passed\n"));
        LoopbackResponse redirect;
        redirect.status = 302;
        redirect.headers.append(
            { QByteArray("Location"), blobs.url(QStringLiteral("/logs/22080000001.txt")).toEncoded() });
        m_server->setRoute(
            QStringLiteral("/api/v3/repos/acme/rocket/actions/jobs/22080000001/logs"), redirect);
        auto log = waitForResult<QString>([&](CiCallback<QString> done) {
            m_provider->fetchJobLog(PipelineRun {}, QStringLiteral("22080000001"), {}, std::move(done));
        });
        QVERIFY2(log.ok(), qPrintable(log.errorMessage()));
        QVERIFY(log->contains(QLatin1String("\x1b[32mok")));
        QVERIFY(blobs.requests().at(0).header("Authorization").isEmpty());
    }

    void commitStatusesCombineChecksAndStatuses()
    {
        const QString other = QStringLiteral("3333333333333333333333333333333333333333");
        m_server->setRoute(QStringLiteral("/api/v3/repos/acme/rocket/commits/%1/check-runs").arg(Sha),
            LoopbackResponse::json(data(QStringLiteral("github-check-runs.json"))));
        m_server->setRoute(QStringLiteral("/api/v3/repos/acme/rocket/commits/%1/status").arg(Sha),
            LoopbackResponse::json(data(QStringLiteral("github-status.json"))));
        m_server->setRoute(QStringLiteral("/api/v3/repos/acme/rocket/commits/%1/check-runs").arg(other),
            LoopbackResponse::json(R"({"message":"No commit found for SHA"})", 422));
        auto statuses
            = waitForResult<QHash<QString, CommitStatus>>([&](CiCallback<QHash<QString, CommitStatus>> done) {
                  m_provider->commitStatuses({ Sha, other }, {}, std::move(done));
              });
        QVERIFY2(statuses.ok(), qPrintable(statuses.errorMessage()));
        QCOMPARE(statuses->size(), 1);
        QCOMPARE(statuses->value(Sha).status, RunStatus::Failed);
        QCOMPARE(statuses->value(Sha).checks, 3);
        QCOMPARE(statuses->value(Sha).url, QStringLiteral("https://github.com/x/runs/1"));
    }

    void errorsNameTheProblemNotTheToken_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("expected");
        QTest::newRow("401") << 401 << "check the token for github in the keychain or GITHUB_TOKEN";
        QTest::newRow("404") << 404 << "project was not found or the token has no access";
        QTest::newRow("500") << 500 << "server error";
    }
    void errorsNameTheProblemNotTheToken()
    {
        QFETCH(int, status);
        QFETCH(QString, expected);
        m_server->setRoute(QStringLiteral("/api/v3/repos/acme/rocket/actions/runs"),
            LoopbackResponse::json(
                "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\"}",
                status));
        auto runs = waitForResult<QList<PipelineRun>>(
            [&](CiCallback<QList<PipelineRun>> done) { m_provider->listRuns({}, {}, std::move(done)); });
        QVERIFY(!runs.ok());
        QVERIFY2(runs.errorMessage().contains(expected), qPrintable(runs.errorMessage()));
        QVERIFY(runs.errorMessage().contains(QLatin1String("/api/v3/repos/acme/rocket/actions/runs")));
        QVERIFY(!runs.errorMessage().contains(Token));
    }

    void malformedListing()
    {
        m_server->setRoute(QStringLiteral("/api/v3/repos/acme/rocket/actions/runs"),
            LoopbackResponse::json(R"({"total_count": 1, "workflow_runs": [ {"id": )"));
        auto runs = waitForResult<QList<PipelineRun>>(
            [&](CiCallback<QList<PipelineRun>> done) { m_provider->listRuns({}, {}, std::move(done)); });
        QVERIFY(!runs.ok());
        QCOMPARE(runs.error().code, HttpMalformed);
        QVERIFY2(
            runs.errorMessage().contains(QLatin1String("malformed JSON")), qPrintable(runs.errorMessage()));
    }

    void unchangedListingIsServedFromCache()
    {
        LoopbackResponse page = LoopbackResponse::json(fixture(QStringLiteral("workflow-runs.json")));
        page.etag = "W/\"runs-v1\"";
        m_server->setRoute(QStringLiteral("/api/v3/repos/acme/rocket/actions/runs"), page);
        for (int i = 0; i < 3; ++i) {
            auto runs = waitForResult<QList<PipelineRun>>(
                [&](CiCallback<QList<PipelineRun>> done) { m_provider->listRuns({}, {}, std::move(done)); });
            QVERIFY(runs.ok());
            QCOMPARE(runs->size(), 1);
        }
        QCOMPARE(m_http->stats().ok, 1);
        QCOMPARE(m_http->stats().notModified, 2);
    }

private:
    QTemporaryDir m_cache;
    std::unique_ptr<LoopbackHttpServer> m_server;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<CiProvider> m_provider;
};

QTEST_GUILESS_MAIN(TestGitHubProvider)
#include "tst_githubprovider.moc"

// Deployments from the CI providers (GitHub deployments + statuses, GitLab
// deployments + environments, Jenkins deploy jobs) into a real SQLite store,
// against the loopback HTTP server with responses shaped as the providers
// document them: pages, status mapping, a re-poll answered by 304s only, an
// in_progress → success update in place, clear errors without the token, and
// `devdash deployments --fetch` + `devdash dora` end to end.

#include "CliProcess.h"
#include "LoopbackHttpServer.h"
#include "TestEnvironment.h"
#include "TestRepo.h"
#include "ci/HttpClient.h"
#include "ci/JenkinsDeployments.h"
#include "deploy/CiDeploymentImport.h"
#include "deploy/DeploymentStore.h"
#include "store/Database.h"
#include "store/StoreLocation.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash;
using namespace devdash::test;

namespace {

const QByteArray Token = "ghp_deploySECRET0123456789abcdef";
const qint64 T0 = 1767603600; // 2026-01-05T09:00:00Z

QString iso(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate);
}

QByteArray compact(const QJsonValue &v)
{
    return v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                       : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
}

// Shaped as GitHub's "List deployments" example.
QJsonObject ghDeployment(int id, const QString &env, const QString &sha, qint64 created)
{
    const QString api = QStringLiteral("https://api.github.com/repos/octocat/example/deployments/%1").arg(id);
    return QJsonObject { { "url", api }, { "id", id }, { "node_id", "MDEwOkRlcGxveW1lbnQx" }, { "sha", sha },
        { "ref", "topic-branch" }, { "task", "deploy" }, { "payload", QJsonObject {} },
        { "original_environment", env }, { "environment", env },
        { "description", "Deploy request from hubot" },
        { "creator", QJsonObject { { "login", "octocat" }, { "id", 1 }, { "type", "User" } } },
        { "created_at", iso(created) }, { "updated_at", iso(created) },
        { "statuses_url", QString(api + "/statuses") },
        { "repository_url", "https://api.github.com/repos/octocat/example" },
        { "transient_environment", false }, { "production_environment", env == "production" } };
}

// Shaped as GitHub's "List deployment statuses" example.
QJsonObject ghStatus(int id, const QString &state, qint64 created)
{
    return QJsonObject { { "url", QStringLiteral("https://api.github.com/statuses/%1").arg(id) },
        { "id", id }, { "node_id", "MDE2OkRlcGxveW1lbnRTdGF0dXMx" }, { "state", state },
        { "creator", QJsonObject { { "login", "octocat" } } }, { "description", "Deployment finished." },
        { "environment", "production" },
        { "target_url", QStringLiteral("https://example.com/deployment/%1/output").arg(id) },
        { "created_at", iso(created) }, { "updated_at", iso(created) },
        { "environment_url", "https://test-branch.lab.acme.com" },
        { "log_url", QStringLiteral("https://example.com/deployment/%1/log").arg(id) } };
}

// Shaped as GitLab's "List project deployments" example.
QJsonObject glDeployment(
    int id, const QString &env, const QString &sha, const QString &status, qint64 updated, bool finished)
{
    const QString web = QStringLiteral("https://gitlab.example.com/group/app/-/jobs/%1").arg(1000 + id);
    return QJsonObject { { "id", id }, { "iid", id }, { "ref", "main" }, { "sha", sha },
        { "created_at", iso(updated - 120) }, { "updated_at", iso(updated) },
        { "finished_at", finished ? QJsonValue(iso(updated)) : QJsonValue(QJsonValue::Null) },
        { "status", status },
        { "user", QJsonObject { { "id", 1 }, { "name", "Administrator" }, { "username", "root" } } },
        { "environment",
            QJsonObject { { "id", 9 }, { "name", env }, { "external_url", "https://about.gitlab.com" } } },
        { "deployable",
            QJsonObject { { "id", 1000 + id }, { "status", status }, { "stage", "deploy" },
                { "name", "deploy" }, { "ref", "main" }, { "tag", false }, { "web_url", web },
                { "commit", QJsonObject { { "id", sha }, { "short_id", sha.left(8) } } } } } };
}

QByteArray etagOf(const QByteArray &body)
{
    return "\"" + QCryptographicHash::hash(body, QCryptographicHash::Sha1).toHex().left(16) + "\"";
}

} // namespace

class TstCiDeployments : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    LoopbackHttpServer m_server;
    std::unique_ptr<TestRepo> m_repo;
    std::unique_ptr<ci::HttpClient> m_http;
    std::optional<store::Database> m_db;
    QStringList m_c; // commits, oldest first
    QString m_key;

    // Pages with ETags (and GitHub Link or GitLab X-Next-Page headers).
    void servePages(const QString &path, const QList<QByteArray> &pages, bool gitlab)
    {
        const quint16 port = m_server.port();
        m_server.setHandler(path, [pages, gitlab, port](const LoopbackRequest &request) {
            const int page = std::max(1, request.query.queryItemValue(QStringLiteral("page")).toInt());
            LoopbackResponse r
                = LoopbackResponse::json(page > pages.size() ? QByteArray("[]") : pages.at(page - 1));
            r.etag = etagOf(r.body);
            if (page < pages.size()) {
                if (gitlab) {
                    r.withHeader("X-Next-Page", QByteArray::number(page + 1));
                } else {
                    QUrlQuery next = request.query;
                    next.removeAllQueryItems(QStringLiteral("page"));
                    next.addQueryItem(QStringLiteral("page"), QString::number(page + 1));
                    QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(port));
                    url.setPath(request.path);
                    url.setQuery(next);
                    r.withHeader("Link", "<" + url.toEncoded() + ">; rel=\"next\"");
                }
            }
            return r;
        });
    }
    void serveJson(const QString &path, const QByteArray &body)
    {
        LoopbackResponse r = LoopbackResponse::json(body);
        r.etag = etagOf(body);
        m_server.setRoute(path, r);
    }
    void writeConfig(const QByteArray &json) { m_repo->writeFile(QStringLiteral(".devdash.json"), json); }
    QString api(const QString &path) const { return m_server.url(path).toString(); }

    Result<deploy::CiDeploymentSummary> fetch(
        const ci::CiOverrides &overrides = {}, const QHash<QString, QList<ci::PipelineRun>> &held = {})
    {
        auto config = ci::CiConfig::load(m_repo->path());
        if (!config)
            return config.error();
        auto configured = config->withOverrides(overrides);
        if (!configured)
            return configured.error();
        return deploy::CiDeploymentImport::fetchAndStore(
            *m_db, m_repo->path(), *configured, *m_http, QString(), CancelToken(), held);
    }
    QList<deploy::Deployment> stored(const QString &source)
    {
        QList<deploy::Deployment> result;
        const auto all = deploy::DeploymentStore(*m_db).list(m_key);
        if (all)
            for (const deploy::Deployment &d : *all)
                if (d.source == source)
                    result << d;
        return result;
    }
    static const deploy::Deployment *byId(const QList<deploy::Deployment> &list, const QString &id)
    {
        for (const deploy::Deployment &d : list)
            if (d.externalId == id)
                return &d;
        return nullptr;
    }

    void serveGitHub(const QString &d3State)
    {
        const QString root = QStringLiteral("/api/v3/repos/octocat/example");
        servePages(root + "/deployments",
            { compact(QJsonArray { ghDeployment(3, "production", m_c[2], T0 + 7200),
                  ghDeployment(2, "staging", m_c[2], T0 + 3600) }),
                compact(QJsonArray { ghDeployment(1, "production", m_c[1], T0) }) },
            false);
        serveJson(root + "/deployments/1/statuses",
            compact(QJsonArray { ghStatus(12, "error", T0 + 300), ghStatus(11, "in_progress", T0 + 60) }));
        serveJson(root + "/deployments/2/statuses",
            compact(QJsonArray { ghStatus(22, "inactive", T0 + 9000), ghStatus(21, "success", T0 + 3700) }));
        QJsonArray d3 { ghStatus(31, "in_progress", T0 + 7260) };
        if (d3State == QLatin1String("success"))
            d3.prepend(ghStatus(32, "success", T0 + 7500));
        serveJson(root + "/deployments/3/statuses", compact(d3));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(TestEnvironment::setUp());
        QVERIFY(m_server.start());
        qputenv("GITHUB_TOKEN", Token);
        qunsetenv("GH_TOKEN");
        qunsetenv("GITLAB_TOKEN");
        qunsetenv("JENKINS_USER");
        qunsetenv("JENKINS_TOKEN");
        m_repo = std::make_unique<TestRepo>(QStringLiteral("app"));
        m_repo->init();
        m_c << m_repo->commit(QStringLiteral("c1"), {}, T0 - 86400 * 3);
        m_c << m_repo->commit(QStringLiteral("c2"), {}, T0 - 86400 * 2);
        m_c << m_repo->commit(QStringLiteral("c3"), {}, T0 - 86400);
        QVERIFY2(m_repo->ok(), qPrintable(m_repo->errors()));
        auto key = deploy::DeploymentStore::repositoryKey(m_repo->path());
        QVERIFY(key);
        m_key = *key;
        auto location = store::StoreLocation::parse(m_tmp.filePath(QStringLiteral("store.sqlite")));
        QVERIFY(location);
        auto db = store::Database::open(*location);
        QVERIFY2(db, qPrintable(db.errorMessage()));
        m_db.emplace(std::move(db.value()));
        m_http = std::make_unique<ci::HttpClient>(nullptr, m_tmp.filePath(QStringLiteral("http")));
    }

    void githubPagesAndStatuses()
    {
        serveGitHub(QStringLiteral("in_progress"));
        writeConfig(QStringLiteral("{\"ci\": [{\"provider\": \"github\", \"project\": \"octocat/example\", "
                                   "\"api_url\": \"%1\"}]}")
                        .arg(api("/api/v3"))
                        .toUtf8());
        m_server.clearRequests();
        auto summary = fetch();
        QVERIFY2(summary, qPrintable(summary.errorMessage()));
        QCOMPARE(summary->added, 3);
        QCOMPARE(summary->environments, (QStringList { "production", "staging" }));
        QCOMPARE(m_server.requestCount("/api/v3/repos/octocat/example/deployments"), 2); // both pages
        QCOMPARE(m_server.requests().at(0).header("Authorization"), "Bearer " + Token);
        const auto list = stored(QStringLiteral("github"));
        QCOMPARE(list.size(), 3);
        const deploy::Deployment *d1 = byId(list, "1");
        const deploy::Deployment *d2 = byId(list, "2");
        const deploy::Deployment *d3 = byId(list, "3");
        QVERIFY(d1 && d2 && d3);
        QCOMPARE(d1->status, deploy::DeploymentStatus::Failure); // error
        QCOMPARE(d1->commit, m_c[1]);
        QCOMPARE(d1->at, QDateTime::fromSecsSinceEpoch(T0 + 300, Qt::UTC));
        QCOMPARE(d1->url, QStringLiteral("https://example.com/deployment/12/log"));
        QCOMPARE(d1->by, QStringLiteral("octocat"));
        QCOMPARE(d2->status, deploy::DeploymentStatus::Success); // inactive: superseded, it did ship
        QCOMPARE(d2->environment, QStringLiteral("staging"));
        QCOMPARE(d2->at, QDateTime::fromSecsSinceEpoch(T0 + 3700, Qt::UTC)); // when it succeeded
        QCOMPARE(d3->status, deploy::DeploymentStatus::InProgress);
        QCOMPARE(d3->environment, QStringLiteral("production"));
    }

    void githubRepollCostsOnly304s()
    {
        m_server.clearRequests();
        const int before200 = m_server.responsesWithStatus(200);
        auto summary = fetch();
        QVERIFY2(summary, qPrintable(summary.errorMessage()));
        QCOMPARE(summary->added, 0);
        QCOMPARE(summary->updated, 0);
        QCOMPARE(summary->known, 2);
        QCOMPARE(m_server.responsesWithStatus(200), before200);
        // Final deployments get no status request; the one in progress is asked again (a 304).
        QCOMPARE(m_server.requestCount("/api/v3/repos/octocat/example/deployments/1/statuses"), 0);
        QCOMPARE(m_server.requestCount("/api/v3/repos/octocat/example/deployments/2/statuses"), 0);
        QCOMPARE(m_server.requestCount("/api/v3/repos/octocat/example/deployments/3/statuses"), 1);
        QCOMPARE(m_server.requests().size(), 3);
    }

    void githubInProgressBecomesSuccessInPlace()
    {
        const qint64 storeId = byId(stored(QStringLiteral("github")), "3")->id;
        serveGitHub(QStringLiteral("success"));
        auto summary = fetch();
        QVERIFY2(summary, qPrintable(summary.errorMessage()));
        QCOMPARE(summary->added, 0);
        QCOMPARE(summary->updated, 1);
        const auto list = stored(QStringLiteral("github"));
        QCOMPARE(list.size(), 3);
        const deploy::Deployment *d3 = byId(list, "3");
        QCOMPARE(d3->id, storeId);
        QCOMPARE(d3->status, deploy::DeploymentStatus::Success);
        QCOMPARE(d3->at, QDateTime::fromSecsSinceEpoch(T0 + 7500, Qt::UTC));
    }

    void errorsAreClearAndCarryNoToken_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("says");
        QTest::newRow("401") << 401 << QStringLiteral("401");
        QTest::newRow("404") << 404 << QStringLiteral("404");
    }
    void errorsAreClearAndCarryNoToken()
    {
        QFETCH(int, status);
        QFETCH(QString, says);
        m_server.setRoute(QStringLiteral("/api/v3/repos/octocat/private/deployments"),
            LoopbackResponse::json(status == 401
                    ? R"({"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"})"
                    : R"({"message": "Not Found", "documentation_url": "https://docs.github.com/rest"})",
                status));
        auto summary = fetch(ci::CiOverrides {
            QStringLiteral("github"), QStringLiteral("octocat/private"), api(QStringLiteral("/api/v3")) });
        QVERIFY(!summary);
        const QString message = summary.errorMessage();
        QVERIFY2(message.contains(says), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("octocat/private")), qPrintable(message));
        QVERIFY2(!message.contains(QString::fromLatin1(Token)), qPrintable(message));
        if (status == 401)
            QVERIFY2(message.contains(QStringLiteral("GITHUB_TOKEN")), qPrintable(message));
    }

    void gitlabDeploymentsAndEnvironments()
    {
        const QString root = QStringLiteral("/gl/api/v4/projects/group%2Fapp");
        servePages(QStringLiteral("/gl/api/v4/projects/group/app/deployments"),
            { compact(QJsonArray { glDeployment(45, "production", m_c[2], "running", T0 + 9000, false),
                  glDeployment(44, "staging", m_c[2], "success", T0 + 8000, true),
                  glDeployment(43, "production", m_c[1], "canceled", T0 + 7000, true) }),
                compact(QJsonArray { glDeployment(42, "production", m_c[1], "failed", T0 + 6000, true),
                    glDeployment(41, "production", m_c[0], "success", T0 + 5000, true),
                    glDeployment(40, "review/x", m_c[0], "skipped", T0 + 4000, true) }) },
            true);
        serveJson(QStringLiteral("/gl/api/v4/projects/group/app/environments"),
            compact(
                QJsonArray { QJsonObject { { "id", 1 }, { "name", "production" }, { "state", "available" } },
                    QJsonObject { { "id", 2 }, { "name", "staging" }, { "state", "available" } },
                    QJsonObject { { "id", 3 }, { "name", "review/x" }, { "state", "stopped" } } }));
        Q_UNUSED(root);
        m_server.clearRequests();
        const ci::CiOverrides gitlab { QStringLiteral("gitlab"), QStringLiteral("group/app"),
            api(QStringLiteral("/gl/api/v4")) };
        auto summary = fetch(gitlab);
        QVERIFY2(summary, qPrintable(summary.errorMessage()));
        QCOMPARE(summary->added, 5); // "skipped" never ran
        QCOMPARE(summary->environments, (QStringList { "production", "review/x", "staging" }));
        const auto first = m_server.requests(QStringLiteral("/gl/api/v4/projects/group/app/deployments"));
        QCOMPARE(first.size(), 2);
        QCOMPARE(first.at(0).query.queryItemValue("order_by"), QStringLiteral("updated_at"));
        QCOMPARE(first.at(0).query.queryItemValue("sort"), QStringLiteral("desc"));
        QVERIFY(!first.at(0).query.hasQueryItem("updated_after"));
        const auto list = stored(QStringLiteral("gitlab"));
        QCOMPARE(list.size(), 5);
        QCOMPARE(byId(list, "45")->status, deploy::DeploymentStatus::InProgress);
        QCOMPARE(byId(list, "44")->status, deploy::DeploymentStatus::Success);
        QCOMPARE(byId(list, "44")->by, QStringLiteral("root"));
        QCOMPARE(byId(list, "44")->url, QStringLiteral("https://gitlab.example.com/group/app/-/jobs/1044"));
        QCOMPARE(byId(list, "43")->status, deploy::DeploymentStatus::Failure);
        QCOMPARE(byId(list, "42")->status, deploy::DeploymentStatus::Failure);
        QCOMPARE(byId(list, "41")->at, QDateTime::fromSecsSinceEpoch(T0 + 5000, Qt::UTC));

        // Again: asked for what changed since the oldest unfinished one, and the same
        // question twice is a 304 — nothing stored anew.
        m_server.clearRequests();
        auto again = fetch(gitlab);
        QVERIFY2(again, qPrintable(again.errorMessage()));
        const auto second = m_server.requests(QStringLiteral("/gl/api/v4/projects/group/app/deployments"));
        QVERIFY(!second.isEmpty());
        QCOMPARE(second.at(0).query.queryItemValue("updated_after"), iso(T0 + 9000 - 1));
        QCOMPARE(again->added + again->updated, 0);
        QCOMPARE(again->known, 4);
        const int before200 = m_server.responsesWithStatus(200);
        auto third = fetch(gitlab);
        QVERIFY2(third, qPrintable(third.errorMessage()));
        QCOMPARE(third->added + third->updated, 0);
        QCOMPARE(m_server.responsesWithStatus(200), before200);
    }

    void jenkinsDeployJobs()
    {
        const QString base = api(QStringLiteral("/jenkins/"));
        auto job = [&](const QString &name, const QJsonArray &builds) {
            return compact(QJsonObject { { "_class", "hudson.model.FreeStyleProject" }, { "name", name },
                { "url", QString(base + "job/deploy/job/" + name + "/") }, { "inQueue", false },
                { "nextBuildNumber", 9 }, { "builds", builds } });
        };
        auto build = [&](const QString &jobName, int number, const QJsonValue &result, qint64 start,
                         const QString &sha) {
            QJsonArray actions { QJsonObject { { "_class", "hudson.model.CauseAction" },
                { "causes",
                    QJsonArray { QJsonObject { { "_class", "hudson.model.Cause$UserIdCause" } } } } } };
            if (!sha.isEmpty())
                actions.append(QJsonObject { { "_class", "hudson.plugins.git.util.BuildData" },
                    { "lastBuiltRevision",
                        QJsonObject { { "SHA1", sha },
                            { "branch", QJsonArray { QJsonObject { { "name", "origin/main" } } } } } } });
            return QJsonObject { { "_class", "hudson.model.FreeStyleBuild" }, { "number", number },
                { "url", QStringLiteral("%1job/deploy/job/%2/%3/").arg(base, jobName).arg(number) },
                { "result", result }, { "building", result.isNull() }, { "timestamp", (start)*1000 },
                { "duration", result.isNull() ? 0 : 60000 }, { "actions", actions } };
        };
        serveJson(QStringLiteral("/jenkins/job/deploy/api/json"),
            compact(QJsonObject { { "jobs",
                QJsonArray { QJsonObject { { "name", "prod-eu" } }, QJsonObject { { "name", "prod-us" } },
                    QJsonObject { { "name", "staging" } } } } }));
        serveJson(QStringLiteral("/jenkins/job/deploy/job/prod-eu/api/json"),
            job("prod-eu",
                QJsonArray { build("prod-eu", 8, QJsonValue::Null, T0 + 20000, m_c[2]),
                    build("prod-eu", 7, "UNSTABLE", T0 + 19000, m_c[2]),
                    build("prod-eu", 6, "SUCCESS", T0 + 18000, m_c[1]),
                    build("prod-eu", 5, "FAILURE", T0 + 17000, m_c[1]),
                    build("prod-eu", 4, "SUCCESS", T0 + 16000, QString()) }));
        writeConfig(QStringLiteral(
            "{\"ci\": [{\"provider\": \"jenkins\", \"project\": \"app\", \"api_url\": \"%1\"}],"
            " \"environments\": [{\"name\": \"production\", \"jenkins_job\": \"deploy/prod-*\"}]}")
                        .arg(api(QStringLiteral("/jenkins")))
                        .toUtf8());
        // prod-us is held by the poller already: mapped, not fetched.
        ci::PipelineRun held;
        held.provider = QStringLiteral("jenkins");
        held.project = QStringLiteral("deploy/prod-us");
        held.id = QStringLiteral("3");
        held.commit = m_c[2];
        held.status = ci::RunStatus::Success;
        held.startedAt = QDateTime::fromSecsSinceEpoch(T0 + 21000, Qt::UTC);
        held.finishedAt = QDateTime::fromSecsSinceEpoch(T0 + 21060, Qt::UTC);
        held.url = base + QStringLiteral("job/deploy/job/prod-us/3/");
        m_server.clearRequests();
        auto summary = fetch({}, { { QStringLiteral("deploy/prod-us"), { held } } });
        QVERIFY2(summary, qPrintable(summary.errorMessage()));
        QCOMPARE(m_server.requestCount(QStringLiteral("/jenkins/job/deploy/job/prod-us/api/json")), 0);
        QCOMPARE(m_server.requestCount(QStringLiteral("/jenkins/job/deploy/job/staging/api/json")), 0);
        QCOMPARE(summary->withoutCommit, 1);
        QCOMPARE(summary->added, 5);
        const auto list = stored(QStringLiteral("jenkins"));
        QCOMPARE(list.size(), 5);
        const QString eu = base + QStringLiteral("job/deploy/job/prod-eu/");
        QCOMPARE(byId(list, eu + "8/")->status, deploy::DeploymentStatus::InProgress);
        QCOMPARE(byId(list, eu + "7/")->status, deploy::DeploymentStatus::Failure);
        QCOMPARE(byId(list, eu + "6/")->status, deploy::DeploymentStatus::Success);
        QCOMPARE(byId(list, eu + "6/")->at, QDateTime::fromSecsSinceEpoch(T0 + 18060, Qt::UTC));
        QCOMPARE(byId(list, eu + "5/")->status, deploy::DeploymentStatus::Failure);
        QCOMPARE(byId(list, held.url)->environment, QStringLiteral("production"));

        // The same job listing as JenkinsProvider::listRuns: a re-poll is a 304.
        m_server.clearRequests();
        const int before200 = m_server.responsesWithStatus(200);
        auto again = fetch({}, { { QStringLiteral("deploy/prod-us"), { held } } });
        QVERIFY2(again, qPrintable(again.errorMessage()));
        QCOMPARE(again->added + again->updated, 0);
        QCOMPARE(m_server.responsesWithStatus(200), before200);
    }

    void jenkinsRunsMapWithoutServer()
    {
        ci::PipelineRun skipped;
        skipped.commit = m_c[0];
        skipped.status = ci::RunStatus::Skipped;
        skipped.url = QStringLiteral("https://jenkins.example.com/job/deploy/1/");
        skipped.startedAt = QDateTime::fromSecsSinceEpoch(T0, Qt::UTC);
        ci::PipelineRun aborted = skipped;
        aborted.status = ci::RunStatus::Canceled;
        aborted.url = QStringLiteral("https://jenkins.example.com/job/deploy/2/");
        const auto listing = ci::JenkinsDeployments::fromRuns({ skipped, aborted }, QStringLiteral("qa"),
            { QStringLiteral("https://jenkins.example.com/job/deploy/2/") });
        QCOMPARE(listing.deployments.size(), 0);
        QCOMPARE(listing.known, 1);
    }

    void cliFetchThenDora()
    {
        const QString storeFile = m_tmp.filePath(QStringLiteral("cli.sqlite"));
        serveGitHub(QStringLiteral("success"));
        writeConfig("{}");
        const QStringList fetchArgs { QStringLiteral("deployments"), m_repo->path(),
            QStringLiteral("--fetch"), QStringLiteral("--provider"), QStringLiteral("github"),
            QStringLiteral("--project"), QStringLiteral("octocat/example"), QStringLiteral("--api-url"),
            api(QStringLiteral("/api/v3")), QStringLiteral("--store"), storeFile, QStringLiteral("--json") };
        CliRun run = runCli(QStringLiteral(DEVDASH_BINARY), fetchArgs);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(!run.out.contains(Token) && !run.err.contains(Token));
        const QJsonArray rows = run.array();
        QCOMPARE(rows.size(), 3);
        for (const QJsonValue &row : rows)
            QCOMPARE(row.toObject().value("source").toString(), QStringLiteral("github"));
        QCOMPARE(rows.at(0).toObject().value("external_id").toString(), QStringLiteral("1"));
        QCOMPARE(rows.at(0).toObject().value("status").toString(), QStringLiteral("failure"));
        // Again: nothing new (the summary on stderr says so), the same listing.
        run = runCli(QStringLiteral(DEVDASH_BINARY), fetchArgs);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.contains("0 new, 0 updated"), run.err.constData());
        QCOMPARE(run.array().size(), 3);

        run = runCli(QStringLiteral(DEVDASH_BINARY),
            { QStringLiteral("dora"), m_repo->path(), QStringLiteral("--env"), QStringLiteral("production"),
                QStringLiteral("--from"), QStringLiteral("2026-01-05"), QStringLiteral("--to"),
                QStringLiteral("2026-01-05"), QStringLiteral("--store"), storeFile,
                QStringLiteral("--json") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject dora = run.object();
        // production: #1 failed (T0+300), #3 succeeded (T0+7500) → 1 of 2 failed, restored in 2 h.
        QCOMPARE(dora.value("deployment_frequency").toObject().value("deployments").toInt(), 1);
        QCOMPARE(dora.value("change_failure_rate").toObject().value("failed").toInt(), 1);
        QCOMPARE(dora.value("change_failure_rate").toObject().value("deployments").toInt(), 2);
        QCOMPARE(dora.value("time_to_restore").toObject().value("median_hours").toDouble(), 2.0);
        QCOMPARE(dora.value("time_to_restore").toObject().value("incidents").toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TstCiDeployments)
#include "tst_cideployments.moc"

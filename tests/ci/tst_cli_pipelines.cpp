// `devdash pipelines REPO … --json`: the real binary against a loopback GitHub /
// GitLab API, its JSON shape, filters, pages, errors, and the disk cache that makes
// a second call (a new process) cost only 304s.

#include "CliProcess.h"
#include "LoopbackHttpServer.h"
#include "TestData.h"
#include "TestRepo.h"
#include "config/TrustStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash::test;

namespace {

const QByteArray Token = "ghp_cliSECRETtoken0123456789";

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        QTest::qFail(qPrintable(QStringLiteral("missing test data: ") + path), __FILE__, __LINE__);
    return f.isOpen() ? f.readAll() : QByteArray();
}

QStringList sortedKeys(const QJsonObject &o)
{
    QStringList keys = o.keys();
    keys.sort();
    return keys;
}

} // namespace

class TestCliPipelines : public QObject
{
    Q_OBJECT

    CliRun devdash(const QStringList &args)
    {
        return runCli(QStringLiteral(DEVDASH_BINARY), args, {}, 60000);
    }

    void writeConfig(const QByteArray &json)
    {
        QFile f(m_repo.filePath(QStringLiteral(".devdash.json")));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(json);
        // The loopback hosts are the test's own: it trusts what it wrote (tests/config plays the stranger).
        QVERIFY(devdash::config::TrustStore().decide(
            m_repo.path(), QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex(), true));
    }

    void serveGitHub()
    {
        const QString root = QStringLiteral("/api/v3/repos/acme/rocket");
        LoopbackResponse runs = LoopbackResponse::json(
            readFile(devdash::test::testDataPath(QStringLiteral("ci-api/github/workflow-runs.json"))));
        runs.etag = "\"runs-1\"";
        m_server.setRoute(root + QStringLiteral("/actions/runs"), runs);
        const QJsonObject listing = QJsonDocument::fromJson(runs.body).object();
        LoopbackResponse run = LoopbackResponse::json(
            QJsonDocument(listing.value(QStringLiteral("workflow_runs")).toArray().at(0).toObject())
                .toJson());
        run.etag = "\"run-1\"";
        m_server.setRoute(root + QStringLiteral("/actions/runs/7301000042"), run);
        LoopbackResponse jobs
            = LoopbackResponse::json(readFile(QStringLiteral(DEVDASH_CI_TEST_DATA "/github-jobs.json")));
        jobs.etag = "\"jobs-1\"";
        m_server.setRoute(root + QStringLiteral("/actions/runs/7301000042/jobs"), jobs);
    }

private slots:
    void initTestCase()
    {
        DEVDASH_REQUIRE_TEST_DATA(QStringLiteral("ci-api/github/workflow-runs.json"),
            QStringLiteral("ci-api/gitlab/pipelines.json"), QStringLiteral("ci-api/gitlab/pipeline.json"));
        QVERIFY(m_server.start());
        qputenv("GITHUB_TOKEN", Token);
        qunsetenv("GH_TOKEN");
        qunsetenv("GITLAB_TOKEN");
    }
    void init() { m_server.clearRequests(); }

    void jsonHasTheDocumentedShape()
    {
        serveGitHub();
        writeConfig(QStringLiteral(
            "{\"ci\": [{\"provider\": \"github\", \"project\": \"acme/rocket\", \"api_url\": \"%1\"}]}")
                        .arg(m_server.url(QStringLiteral("/api/v3")).toString())
                        .toUtf8());
        const CliRun run = devdash({ QStringLiteral("pipelines"), m_repo.path(), QStringLiteral("--json") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray runs = run.array();
        QCOMPARE(runs.size(), 1);
        const QJsonObject r = runs.at(0).toObject();
        QCOMPARE(sortedKeys(r),
            (QStringList { "branch", "commit", "duration_s", "finished_at", "id", "name", "provider",
                "stages", "started_at", "status", "url" }));
        QCOMPARE(r.value("provider").toString(), QStringLiteral("github"));
        QCOMPARE(r.value("id").toString(), QStringLiteral("7301000042"));
        QCOMPARE(r.value("name").toString(), QStringLiteral("Build and test"));
        QCOMPARE(r.value("branch").toString(), QStringLiteral("main"));
        QCOMPARE(r.value("commit").toString(), QStringLiteral("1df83a15207dd6f668f5be89d42786ad42df498b"));
        QCOMPARE(r.value("status").toString(), QStringLiteral("success"));
        QCOMPARE(r.value("started_at").toString(), QStringLiteral("2024-02-26T23:29:10+00:00"));
        QCOMPARE(r.value("finished_at").toString(), QStringLiteral("2024-02-26T23:32:17+00:00"));
        QCOMPARE(r.value("duration_s").toDouble(), 187.0);
        QCOMPARE(r.value("url").toString(),
            QStringLiteral("https://github.com/acme/rocket/actions/runs/7301000042"));
        const QJsonArray stages = r.value("stages").toArray();
        QCOMPARE(stages.size(), 1);
        const QJsonObject stage = stages.at(0).toObject();
        QCOMPARE(sortedKeys(stage), (QStringList { "jobs", "name", "status" }));
        QCOMPARE(stage.value("name").toString(), QStringLiteral("Build and test"));
        const QJsonArray jobs = stage.value("jobs").toArray();
        QCOMPARE(jobs.size(), 2);
        QCOMPARE(sortedKeys(jobs.at(0).toObject()),
            (QStringList { "duration_s", "finished_at", "name", "started_at", "status", "url" }));
        QCOMPARE(jobs.at(0).toObject().value("duration_s").toDouble(), 110.0);
        QVERIFY(jobs.at(1).toObject().value("finished_at").isNull());
        QCOMPARE(jobs.at(1).toObject().value("status").toString(), QStringLiteral("running"));
        // The token went to the server, and nowhere else.
        QCOMPARE(m_server.requests().at(0).header("Authorization"), "Bearer " + Token);
        QVERIFY(!run.out.contains(Token) && !run.err.contains(Token));
    }

    void secondCallIsAnsweredFromTheCache()
    {
        serveGitHub();
        writeConfig(QStringLiteral(
            "{\"ci\": [{\"provider\": \"github\", \"project\": \"acme/rocket\", \"api_url\": \"%1\"}]}")
                        .arg(m_server.url(QStringLiteral("/api/v3")).toString())
                        .toUtf8());
        const CliRun first
            = devdash({ QStringLiteral("pipelines"), m_repo.path(), QStringLiteral("--json") });
        QCOMPARE(first.exitCode, 0);
        m_server.clearRequests();
        const CliRun second
            = devdash({ QStringLiteral("pipelines"), m_repo.path(), QStringLiteral("--json") });
        QCOMPARE(second.exitCode, 0);
        QCOMPARE(second.array(), first.array());
        QCOMPARE(m_server.responsesWithStatus(200), 0);
        QCOMPARE(m_server.responsesWithStatus(304), 3);
    }

    void filtersAndOverridesReachTheServer()
    {
        // No ci in the file: everything on the command line, a self-hosted GitLab.
        writeConfig("{}");
        const QString root = QStringLiteral("/gl/api/v4/projects/group/app");
        m_server.setPages(root + QStringLiteral("/pipelines"),
            { readFile(devdash::test::testDataPath(QStringLiteral("ci-api/gitlab/pipelines.json"))) }, true);
        for (const QString &id : { QStringLiteral("4400000003"), QStringLiteral("4400000002") }) {
            QJsonObject details = QJsonDocument::fromJson(
                readFile(devdash::test::testDataPath(QStringLiteral("ci-api/gitlab/pipeline.json"))))
                                      .object();
            details.insert(QStringLiteral("id"), id.toLongLong());
            m_server.setRoute(root + QStringLiteral("/pipelines/") + id,
                LoopbackResponse::json(QJsonDocument(details).toJson()));
            m_server.setPages(root + QStringLiteral("/pipelines/%1/jobs").arg(id),
                { readFile(QStringLiteral(DEVDASH_CI_TEST_DATA "/gitlab-jobs-page1.json")),
                    readFile(QStringLiteral(DEVDASH_CI_TEST_DATA "/gitlab-jobs-page2.json")) },
                true);
        }
        qputenv("GITLAB_TOKEN", "glpat-cliSECRET");
        const CliRun run = devdash({ QStringLiteral("pipelines"), m_repo.path(), QStringLiteral("--provider"),
            QStringLiteral("gitlab"), QStringLiteral("--project"), QStringLiteral("group/app"),
            QStringLiteral("--api-url"), m_server.url(QStringLiteral("/gl/api/v4")).toString(),
            QStringLiteral("--branch"), QStringLiteral("main"), QStringLiteral("--limit"),
            QStringLiteral("2"), QStringLiteral("--json") });
        qunsetenv("GITLAB_TOKEN");
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray runs = run.array();
        QCOMPARE(runs.size(), 2);
        const QJsonObject first = runs.at(0).toObject();
        QCOMPARE(first.value("provider").toString(), QStringLiteral("gitlab"));
        const QJsonArray stages = first.value("stages").toArray();
        QCOMPARE(stages.size(), 3);
        QCOMPARE(stages.at(0).toObject().value("name").toString(), QStringLiteral("build"));
        QCOMPARE(stages.at(2).toObject().value("status").toString(), QStringLiteral("manual"));
        const auto listing = m_server.requests(root + QStringLiteral("/pipelines"));
        QCOMPARE(listing.size(), 1);
        QCOMPARE(listing.at(0).query.queryItemValue(QStringLiteral("ref")), QStringLiteral("main"));
        QCOMPARE(listing.at(0).query.queryItemValue(QStringLiteral("per_page")), QStringLiteral("2"));
        QCOMPARE(listing.at(0).header("PRIVATE-TOKEN"), QByteArray("glpat-cliSECRET"));
    }

    // --import-tests: the finished runs' test reports land in the store given, once.
    void importTestsPutsReportsInTheStore()
    {
        TestRepo repo;
        repo.init();
        repo.commit(QStringLiteral("one"));
        const QString root = QStringLiteral("/gt/api/v4/projects/group/tested");
        m_server.setPages(root + QStringLiteral("/pipelines"),
            { readFile(devdash::test::testDataPath(QStringLiteral("ci-api/gitlab/pipelines.json"))) }, true);
        const QString id = QStringLiteral("4400000003");
        m_server.setRoute(root + QStringLiteral("/pipelines/") + id,
            LoopbackResponse::json(
                readFile(devdash::test::testDataPath(QStringLiteral("ci-api/gitlab/pipeline.json")))));
        m_server.setPages(root + QStringLiteral("/pipelines/%1/jobs").arg(id),
            { readFile(QStringLiteral(DEVDASH_CI_TEST_DATA "/gitlab-jobs-page1.json")) }, true);
        m_server.setRoute(root + QStringLiteral("/pipelines/%1/test_report").arg(id),
            LoopbackResponse::json(
                readFile(QStringLiteral(DEVDASH_CI_TEST_DATA "/gitlab-test-report.json"))));
        qputenv("GITLAB_TOKEN", "glpat-cliSECRET");
        const auto unset = qScopeGuard([] { qunsetenv("GITLAB_TOKEN"); });
        const QString store = m_repo.filePath(QStringLiteral("tests-store.sqlite"));
        const QStringList args { QStringLiteral("pipelines"), repo.path(), QStringLiteral("--provider"),
            QStringLiteral("gitlab"), QStringLiteral("--project"), QStringLiteral("group/tested"),
            QStringLiteral("--api-url"), m_server.url(QStringLiteral("/gt/api/v4")).toString(),
            QStringLiteral("--limit"), QStringLiteral("1"), QStringLiteral("--import-tests"),
            QStringLiteral("--store"), store, QStringLiteral("--json") };
        for (const bool created : { true, false }) {
            const CliRun run = devdash(args);
            QVERIFY2(run.exitCode == 0, run.err.constData());
            const QJsonObject first = run.array().at(0).toObject();
            QCOMPARE(first.value("id").toString(), id);
            const QJsonObject tests = first.value("tests").toObject();
            QVERIFY2(!tests.isEmpty(), QJsonDocument(first).toJson().constData());
            QCOMPARE(tests.value("tests").toInt(), 3);
            QCOMPARE(tests.value("failed").toInt(), 1);
            QCOMPARE(tests.value("created").toBool(), created);
            QVERIFY(tests.value("test_run_id").toInteger() > 0);
        }
        // Without --import-tests there is no "tests" key and nothing is asked.
        const int asked = m_server.requestCount(root + QStringLiteral("/pipelines/%1/test_report").arg(id));
        const CliRun plain = devdash(args.mid(0, args.indexOf(QStringLiteral("--import-tests")))
            + QStringList { QStringLiteral("--json") });
        QVERIFY2(plain.exitCode == 0, plain.err.constData());
        QVERIFY(!plain.array().at(0).toObject().contains(QStringLiteral("tests")));
        QCOMPARE(m_server.requestCount(root + QStringLiteral("/pipelines/%1/test_report").arg(id)), asked);
    }

    void tableWithoutJson()
    {
        serveGitHub();
        writeConfig(QStringLiteral(
            "{\"ci\": [{\"provider\": \"github\", \"project\": \"acme/rocket\", \"api_url\": \"%1\"}]}")
                        .arg(m_server.url(QStringLiteral("/api/v3")).toString())
                        .toUtf8());
        const CliRun run = devdash({ QStringLiteral("pipelines"), m_repo.path() });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("success   github 7301000042  main  1df83a1520"), run.out.constData());
        QVERIFY(run.out.contains("3m07s"));
        QVERIFY(run.out.contains("Build and test: success"));
    }

    void errorsExitNonZeroWithoutTheToken_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("expected");
        QTest::newRow("401") << 401 << "GITHUB_TOKEN";
        QTest::newRow("404") << 404 << "not found";
        QTest::newRow("500") << 500 << "server error";
    }
    void errorsExitNonZeroWithoutTheToken()
    {
        QFETCH(int, status);
        QFETCH(QString, expected);
        m_server.setRoute(QStringLiteral("/err/repos/o/r/actions/runs"),
            LoopbackResponse::json("{\"message\": \"Bad credentials\"}", status));
        writeConfig(QStringLiteral(
            "{\"ci\": [{\"provider\": \"github\", \"project\": \"o/r\", \"api_url\": \"%1\"}]}")
                        .arg(m_server.url(QStringLiteral("/err")).toString())
                        .toUtf8());
        const CliRun run = devdash({ QStringLiteral("pipelines"), m_repo.path(), QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(expected.toUtf8()), run.err.constData());
        QVERIFY(!run.err.contains(Token));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no ci") << QStringList {} << "no CI configured";
        QTest::newRow("unknown provider")
            << QStringList { "--provider", "travis", "--project", "a/b" } << "unknown CI provider \"travis\"";
        QTest::newRow("short commit") << QStringList { "--provider", "github", "--project", "a/b", "--commit",
            "abc" } << "full 40-character commit id";
        QTest::newRow("bad limit") << QStringList { "--limit", "x" } << "--limit";
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        writeConfig("{}");
        const CliRun run = devdash(QStringList { QStringLiteral("pipelines"), m_repo.path() } + args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(expected.toUtf8()), run.err.constData());
    }

private:
    LoopbackHttpServer m_server;
    QTemporaryDir m_repo;
};

QTEST_GUILESS_MAIN(TestCliPipelines)
#include "tst_cli_pipelines.moc"

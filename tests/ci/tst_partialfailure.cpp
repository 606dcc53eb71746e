// Partial failure is partial: one CI run answering 404 between the listing and its
// detail, one deployment whose statuses are gone — the rest is shown, the failed
// item is marked (an "error" key, a stderr line) and the exit code is 3. And a
// public feed or project read without credentials says nothing about keychains:
// only a server that refuses gets the keychain's reason added to its error.

#include "CliProcess.h"
#include "LoopbackHttpServer.h"
#include "TestRepo.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash::test;

namespace {

QByteArray githubRun(int id, const QString &sha)
{
    return QString::fromUtf8(
        "{\"id\": %1, \"name\": \"CI\", \"head_branch\": \"main\", \"head_sha\": \"%2\", \"status\": "
        "\"completed\", \"conclusion\": \"success\", \"event\": \"push\", \"run_started_at\": "
        "\"2024-03-0%3T10:00:00Z\", \"created_at\": \"2024-03-0%3T10:00:00Z\", \"updated_at\": "
        "\"2024-03-0%3T10:05:00Z\", \"html_url\": \"https://github.com/o/r/actions/runs/%1\"}")
        .arg(id)
        .arg(sha)
        .arg(id - 100)
        .toUtf8();
}

QByteArray githubJobs(int id)
{
    return QString::fromUtf8(
        "{\"total_count\": 1, \"jobs\": [{\"id\": %1, \"name\": \"build\", \"status\": \"completed\", "
        "\"conclusion\": \"success\", \"started_at\": \"2024-03-01T10:00:10Z\", \"completed_at\": "
        "\"2024-03-01T10:04:00Z\", \"html_url\": \"https://github.com/o/r/actions/runs/%1/job/9\", "
        "\"steps\": []}]}")
        .arg(id * 10)
        .toUtf8();
}

} // namespace

class TstPartialFailure : public QObject
{
    Q_OBJECT

    LoopbackHttpServer m_server;
    TestRepo m_repo;
    QString m_sha;
    QTemporaryDir m_dir;

    CliRun devdash(const QStringList &args)
    {
        return runCli(QStringLiteral(DEVDASH_BINARY), args, {}, 60000);
    }

    void writeConfig(const QString &json)
    {
        QFile f(QDir(m_repo.path()).filePath(QStringLiteral(".devdash.json")));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(json.toUtf8());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        QVERIFY(m_dir.isValid());
        m_repo.init();
        m_sha = m_repo.commit(QStringLiteral("Initial"), { { QStringLiteral("a.txt"), "a\n" } });
        QVERIFY2(m_repo.ok(), qPrintable(m_repo.errors()));
        // No credential anywhere, and no keychain service (as on a headless machine).
        for (const char *name : { "GITHUB_TOKEN", "GH_TOKEN", "GITLAB_TOKEN", "JENKINS_USER", "JENKINS_TOKEN",
                 "DEVDASH_CCTRAY_USER", "DEVDASH_CCTRAY_PASSWORD", "GH_HOST", "GITLAB_HOST" })
            qunsetenv(name);
        qputenv("DBUS_SESSION_BUS_ADDRESS",
            QFile::encodeName(QStringLiteral("unix:path=") + m_dir.filePath(QStringLiteral("no-such-bus"))));

        // Three GitHub runs; the second answers 404 when its detail is asked for.
        const QString root = QStringLiteral("/gh/repos/o/r");
        m_server.setRoute(root + QStringLiteral("/actions/runs"),
            LoopbackResponse::json("{\"total_count\": 3, \"workflow_runs\": [" + githubRun(103, m_sha) + ","
                + githubRun(102, m_sha) + "," + githubRun(101, m_sha) + "]}"));
        for (int id : { 101, 103 }) {
            m_server.setRoute(root + QStringLiteral("/actions/runs/%1").arg(id),
                LoopbackResponse::json(githubRun(id, m_sha)));
            m_server.setRoute(root + QStringLiteral("/actions/runs/%1/jobs").arg(id),
                LoopbackResponse::json(githubJobs(id)));
        }
        m_server.setRoute(root + QStringLiteral("/actions/runs/102"),
            LoopbackResponse::json("{\"message\": \"Not Found\"}", 404));
    }

    void oneRunFailingLeavesTheOthers()
    {
        writeConfig(QString::fromUtf8(
            "{\"ci\": [{\"provider\": \"github\", \"project\": \"o/r\", \"api_url\": \"%1\"}]}")
                        .arg(m_server.url(QStringLiteral("/gh")).toString()));
        const CliRun run = devdash({ QStringLiteral("pipelines"), m_repo.path(), QStringLiteral("--json") });
        QVERIFY2(run.exitCode == 3, run.err.constData());
        const QJsonArray runs = run.array();
        QCOMPARE(runs.size(), 3);
        for (const QJsonValue &v : runs) {
            const QJsonObject r = v.toObject();
            if (r.value("id").toString() == QLatin1String("102")) {
                QVERIFY2(
                    r.value("error").toString().contains(QLatin1String("not found"), Qt::CaseInsensitive),
                    qPrintable(r.value("error").toString()));
                QVERIFY(r.value("stages").toArray().isEmpty());
                QCOMPARE(r.value("status").toString(), QStringLiteral("success")); // as listed
            } else {
                QVERIFY(!r.contains("error"));
                QCOMPARE(r.value("stages").toArray().size(), 1);
            }
        }
        QVERIFY2(run.err.contains("github run 102: details not loaded"), run.err.constData());
        // The listing needed no credential: no word about the missing keychain.
        QVERIFY2(!run.err.contains("no system keychain"), run.err.constData());

        const CliRun table = devdash({ QStringLiteral("pipelines"), m_repo.path() });
        QCOMPARE(table.exitCode, 3);
        QVERIFY2(table.out.contains("details not loaded"), table.out.constData());
        QVERIFY(table.out.contains("github 101") && table.out.contains("github 103"));
    }

    void oneSourceFailingLeavesTheOthers()
    {
        m_server.setRoute(QStringLiteral("/down/repos/o/r/actions/runs"), LoopbackResponse::json("{}", 503));
        writeConfig(QString::fromUtf8(
            "{\"ci\": [{\"provider\": \"github\", \"project\": \"o/r\", \"api_url\": \"%1\"}, {\"provider\": "
            "\"github\", \"project\": \"o/r\", \"api_url\": \"%2\"}]}")
                        .arg(m_server.url(QStringLiteral("/gh")).toString(),
                            m_server.url(QStringLiteral("/down")).toString()));
        const CliRun run = devdash({ QStringLiteral("pipelines"), m_repo.path(), QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 3);
        QCOMPARE(run.array().size(), 3);
        QVERIFY2(run.err.contains("/down"), run.err.constData());
    }

    void publicFeedSaysNothingAboutKeychains()
    {
        m_server.setRoute(QStringLiteral("/cc.xml"),
            LoopbackResponse::text(
                "<Projects><Project name=\"app\" activity=\"Sleeping\" lastBuildStatus=\"Success\" "
                "lastBuildLabel=\"7\" lastBuildTime=\"2024-03-01T10:00:00Z\" "
                "webUrl=\"https://ci.example.com/app\"/></Projects>",
                "application/xml"));
        writeConfig(QString::fromUtf8("{\"ci\": [{\"provider\": \"cctray\", \"api_url\": \"%1\"}]}")
                        .arg(m_server.url(QStringLiteral("/cc.xml")).toString()));
        const CliRun run = devdash({ QStringLiteral("pipelines"), m_repo.path() });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("app"), run.out.constData());
        QVERIFY2(!run.err.contains("keychain"), run.err.constData());
        QVERIFY2(run.err.trimmed().isEmpty(), run.err.constData());

        // A public GitHub project read anonymously: the same silence.
        writeConfig(QString::fromUtf8(
            "{\"ci\": [{\"provider\": \"github\", \"project\": \"o/r\", \"api_url\": \"%1\"}]}")
                        .arg(m_server.url(QStringLiteral("/gh")).toString()));
        const CliRun github = devdash({ QStringLiteral("pipelines"), m_repo.path(), QStringLiteral("--limit"),
            QStringLiteral("1"), QStringLiteral("--json") });
        QVERIFY2(github.exitCode == 0, github.err.constData());
        QVERIFY2(github.err.trimmed().isEmpty(), github.err.constData());
    }

    void refusingServerGetsTheKeychainsReason()
    {
        LoopbackResponse refused = LoopbackResponse::text("Unauthorized");
        refused.status = 401;
        m_server.setRoute(QStringLiteral("/private.xml"), refused);
        writeConfig(QString::fromUtf8("{\"ci\": [{\"provider\": \"cctray\", \"api_url\": \"%1\"}]}")
                        .arg(m_server.url(QStringLiteral("/private.xml")).toString()));
        // The user trusts this repository's settings: its host may have the credentials, so the
        // keychain is asked — and its absence is the reason given when the server refuses.
        const CliRun trusted = devdash({ QStringLiteral("trust"), m_repo.path() });
        QVERIFY2(trusted.exitCode == 0, trusted.err.constData());
        const CliRun run = devdash({ QStringLiteral("pipelines"), m_repo.path() });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("no system keychain"), run.err.constData());
        QVERIFY2(run.err.count('\n') == 1, run.err.constData()); // one line
    }

    void oneDeploymentFailingLeavesTheOthers()
    {
        const QString root = QStringLiteral("/dep/repos/o/r");
        QByteArray list = "[";
        for (int id : { 1, 2, 3 })
            list += QString::fromUtf8("%1{\"id\": %2, \"environment\": \"production\", \"sha\": \"%3\", "
                                      "\"ref\": \"main\", \"creator\": {\"login\": \"ann\"}, \"created_at\": "
                                      "\"2024-03-0%2T09:00:00Z\", \"updated_at\": \"2024-03-0%2T09:00:00Z\"}")
                        .arg(id == 1 ? QString() : QStringLiteral(","))
                        .arg(id)
                        .arg(m_sha)
                        .toUtf8();
        list += "]";
        m_server.setRoute(root + QStringLiteral("/deployments"), LoopbackResponse::json(list));
        for (int id : { 1, 3 })
            m_server.setRoute(root + QStringLiteral("/deployments/%1/statuses").arg(id),
                LoopbackResponse::json(QString::fromUtf8(
                    "[{\"id\": %1, \"state\": \"success\", \"created_at\": \"2024-03-0%1T09:10:00Z\", "
                    "\"log_url\": \"https://github.com/o/r/deployments/%1\"}]")
                                           .arg(id)
                                           .toUtf8()));
        m_server.setRoute(root + QStringLiteral("/deployments/2/statuses"),
            LoopbackResponse::json("{\"message\": \"Not Found\"}", 404));
        writeConfig(QString::fromUtf8(
            "{\"ci\": [{\"provider\": \"github\", \"project\": \"o/r\", \"api_url\": \"%1\"}]}")
                        .arg(m_server.url(QStringLiteral("/dep")).toString()));
        const QString store = m_dir.filePath(QStringLiteral("store.sqlite"));
        const CliRun run = devdash({ QStringLiteral("deployments"), m_repo.path(), QStringLiteral("--fetch"),
            QStringLiteral("--store"), store, QStringLiteral("--json") });
        QVERIFY2(run.exitCode == 3, run.err.constData());
        QCOMPARE(run.array().size(), 2);
        QVERIFY2(run.err.contains("deployment 2 (production)"), run.err.constData());
    }
};

QTEST_GUILESS_MAIN(TstPartialFailure)
#include "tst_partialfailure.moc"

// The credential trap through the CLI: a cloned repository whose `.devdash.json`
// names loopback servers as its CI hosts and production database, with the user's
// GITHUB_TOKEN, GITLAB_TOKEN, JENKINS_USER/JENKINS_TOKEN and
// DEVDASH_DB_PASSWORD_PRODUCTION set. Before `devdash trust REPO`: 0 credentials
// arrive, nothing is connected or run, the commands that need trust exit 2. After:
// they flow. After an edit of the file: 0 again.

#include "CredentialTrap.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash;
using namespace devdash::test;

namespace {

struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestCredentialTrapCli : public QObject
{
    Q_OBJECT

    CredentialTrap m_trap;
    QTemporaryDir m_dir;

    Run devdash(const QStringList &args)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        CredentialTrap::setEnvironment(env);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(DEVDASH_BINARY), args);
        if (!p.waitForFinished(120000))
            p.kill();
        return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError() };
    }

    QString store() const { return m_dir.filePath(QStringLiteral("store.sqlite")); }

    // Every command of the scene, once; returns their exit codes by name.
    QHash<QString, Run> askEverything()
    {
        const QString repo = m_trap.repository();
        QHash<QString, Run> runs;
        runs.insert(QStringLiteral("pipelines"),
            devdash({ QStringLiteral("pipelines"), repo, QStringLiteral("--json") }));
        runs.insert(QStringLiteral("deployments"),
            devdash({ QStringLiteral("deployments"), repo, QStringLiteral("--fetch"),
                QStringLiteral("--store"), store() }));
        runs.insert(QStringLiteral("matrix"),
            devdash({ QStringLiteral("migrations"), QStringLiteral("matrix"), repo }));
        runs.insert(QStringLiteral("run"),
            devdash({ QStringLiteral("pipelines"), QStringLiteral("run"), repo, QStringLiteral("--store"),
                store() }));
        return runs;
    }

    static QByteArray report(const QHash<QString, Run> &runs)
    {
        QByteArray text;
        for (auto it = runs.cbegin(); it != runs.cend(); ++it)
            text += it.key().toUtf8() + " exit " + QByteArray::number(it->code) + ": " + it->err.trimmed()
                + '\n';
        return text;
    }

    void expectNothingLeaked(const QHash<QString, Run> &runs)
    {
        const QByteArray what = report(runs);
        QVERIFY2(m_trap.httpRequests() > 0, what.constData()); // public CI status: asked anonymously
        QVERIFY2(
            m_trap.secretHeaders() == 0, qPrintable(m_trap.secretHeaderKinds().join(u',') + '\n' + what));
        QVERIFY2(m_trap.databaseConnections() == 0, what.constData());
        QCOMPARE(m_trap.passwords().size(), 0);
        QVERIFY2(!QFile::exists(m_trap.mark()), what.constData());
        // What needs trust says so in one line and exits 2; the anonymous part is done and noted.
        QCOMPARE(runs.value(QStringLiteral("matrix")).code, 2);
        QVERIFY2(runs.value(QStringLiteral("matrix")).err.contains("is not trusted")
                && runs.value(QStringLiteral("matrix")).err.contains("devdash trust"),
            what.constData());
        QCOMPARE(runs.value(QStringLiteral("matrix")).err.trimmed().count('\n'), 0);
        QCOMPARE(runs.value(QStringLiteral("run")).code, 2);
        QVERIFY2(runs.value(QStringLiteral("run")).err.contains("devdash trust"), what.constData());
        QVERIFY2(runs.value(QStringLiteral("pipelines")).code == 0, what.constData());
        QVERIFY2(runs.value(QStringLiteral("pipelines")).err.contains("not sending GITHUB_TOKEN"),
            what.constData());
        QVERIFY2(runs.value(QStringLiteral("deployments")).code == 0, what.constData());
        QVERIFY2(runs.value(QStringLiteral("deployments")).err.contains("not sending"), what.constData());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString why;
        QVERIFY2(m_trap.start(&why), qPrintable(why));
    }

    void untrustedSendsNothing()
    {
        m_trap.clear();
        expectNothingLeaked(askEverything());
    }

    void trustedFlows()
    {
        const Run trusted
            = devdash({ QStringLiteral("trust"), m_trap.repository(), QStringLiteral("--json") });
        QCOMPARE(trusted.code, 0);
        const QJsonObject answer = QJsonDocument::fromJson(trusted.out).object();
        QCOMPARE(answer.value(QStringLiteral("trusted")).toBool(), true);
        QStringList kinds;
        for (const QJsonValue &r : answer.value(QStringLiteral("requests")).toArray())
            kinds << r.toObject().value(QStringLiteral("kind")).toString();
        QCOMPARE(kinds,
            QStringList({ QStringLiteral("host"), QStringLiteral("host"), QStringLiteral("host"),
                QStringLiteral("database"), QStringLiteral("command") }));

        m_trap.clear();
        const auto runs = askEverything();
        const QByteArray what = report(runs);
        QVERIFY2(m_trap.secretHeaderKinds()
                == QStringList(
                    { QStringLiteral("github"), QStringLiteral("gitlab"), QStringLiteral("jenkins") }),
            qPrintable(m_trap.secretHeaderKinds().join(u',') + '\n' + what));
        QVERIFY2(m_trap.passwords().contains(CredentialTrap::DbPassword), what.constData());
        QVERIFY2(QFile::exists(m_trap.mark()), what.constData());

        const Run list = devdash({ QStringLiteral("trust"), QStringLiteral("--list") });
        QCOMPARE(list.code, 0);
        QVERIFY2(list.out.contains("trusted") && list.out.contains(m_trap.repository().toUtf8()),
            list.out.constData());
    }

    void editedIsUntrustedAgain()
    {
        m_trap.writeConfig("\n");
        m_trap.clear();
        expectNothingLeaked(askEverything());
        const Run list
            = devdash({ QStringLiteral("trust"), QStringLiteral("--list"), QStringLiteral("--json") });
        const QJsonArray repos
            = QJsonDocument::fromJson(list.out).object().value(QStringLiteral("repositories")).toArray();
        QCOMPARE(repos.size(), 1);
        QCOMPARE(repos.at(0).toObject().value(QStringLiteral("trusted")).toBool(), false);
        QCOMPARE(repos.at(0).toObject().value(QStringLiteral("file_changed")).toBool(), true);
    }

    void revokedIsUntrusted()
    {
        QCOMPARE(devdash({ QStringLiteral("trust"), m_trap.repository() }).code, 0);
        const Run revoked
            = devdash({ QStringLiteral("trust"), m_trap.repository(), QStringLiteral("--revoke") });
        QCOMPARE(revoked.code, 0);
        QVERIFY2(revoked.out.startsWith("not trusted"), revoked.out.constData());
        m_trap.clear();
        expectNothingLeaked(askEverything());
    }

    // The user's own URL needs no trust: --api-url is the user's intent.
    void typedUrlNeedsNoTrust()
    {
        m_trap.clear();
        const Run r
            = devdash({ QStringLiteral("pipelines"), m_trap.repository(), QStringLiteral("--provider"),
                QStringLiteral("gitlab"), QStringLiteral("--project"), QStringLiteral("group/app"),
                QStringLiteral("--api-url"), m_trap.httpBase() + QStringLiteral("/gl/api/v4") });
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(m_trap.secretHeaderKinds(), QStringList { QStringLiteral("gitlab") });
    }
};

QTEST_GUILESS_MAIN(TestCredentialTrapCli)
#include "tst_credentialtrap_cli.moc"

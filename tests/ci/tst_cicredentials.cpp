// CiCredentials: environment variables per provider, the system keychain through
// qtkeychain (a real gnome-keyring in its own D-Bus session when the wrapper script
// could start one: DEVDASH_TEST_KEYRING=1), the plain message when no keychain
// exists, and secrets that never reach a log line or a file of DevDash.

#include "ci/CiCredentials.h"

#include <QDirIterator>
#include <QMutex>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace devdash;
using namespace devdash::ci;

namespace {

QStringList g_messages;
QMutex g_mutex;
void capture(QtMsgType, const QMessageLogContext &, const QString &message)
{
    QMutexLocker lock(&g_mutex);
    g_messages << message;
}

bool keyringRunning()
{
    return qEnvironmentVariableIntValue("DEVDASH_TEST_KEYRING") == 1;
}

void clearCredentialEnvironment()
{
    for (const char *name : { "GITHUB_TOKEN", "GH_TOKEN", "GITLAB_TOKEN", "JENKINS_USER", "JENKINS_TOKEN",
             "DEVDASH_CCTRAY_USER", "DEVDASH_CCTRAY_PASSWORD" })
        qunsetenv(name);
}

Result<CiCredential> lookup(CiCredentials &credentials, const QString &provider, const QString &host)
{
    std::optional<Result<CiCredential>> result;
    credentials.lookup(provider, host, [&](Result<CiCredential> r) { result.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000))
        return Error { QStringLiteral("the keychain did not answer within 30 s") };
    return std::move(*result);
}

Result<void> store(
    CiCredentials &credentials, const QString &provider, const QString &host, const CiCredential &c)
{
    std::optional<Result<void>> result;
    credentials.store(provider, host, c, [&](Result<void> r) { result.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000))
        return Error { QStringLiteral("the keychain did not answer within 30 s") };
    return *result;
}

Result<void> remove(CiCredentials &credentials, const QString &provider, const QString &host)
{
    std::optional<Result<void>> result;
    credentials.remove(provider, host, [&](Result<void> r) { result.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000))
        return Error { QStringLiteral("the keychain did not answer within 30 s") };
    return *result;
}

bool anyFileContains(const QString &folder, const QByteArray &needle)
{
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
            return true;
    }
    return false;
}

} // namespace

class TestCiCredentials : public QObject
{
    Q_OBJECT

private slots:
    void init() { clearCredentialEnvironment(); }
    void cleanupTestCase() { clearCredentialEnvironment(); }

    void environmentPerProvider_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QStringList>("environment"); // NAME=value
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("origin");
        QTest::newRow("github") << "github" << QStringList { "GITHUB_TOKEN=ghp_a" } << ""
                                << "ghp_a"
                                << "GITHUB_TOKEN";
        QTest::newRow("gh fallback") << "github" << QStringList { "GH_TOKEN=ghp_b" } << ""
                                     << "ghp_b"
                                     << "GH_TOKEN";
        QTest::newRow("github wins") << "github" << QStringList { "GH_TOKEN=ghp_b", "GITHUB_TOKEN=ghp_a" }
                                     << ""
                                     << "ghp_a"
                                     << "GITHUB_TOKEN";
        QTest::newRow("gitlab") << "gitlab" << QStringList { "GITLAB_TOKEN=glpat-x" } << ""
                                << "glpat-x"
                                << "GITLAB_TOKEN";
        QTest::newRow("jenkins") << "jenkins" << QStringList { "JENKINS_USER=ci", "JENKINS_TOKEN=11abc" }
                                 << "ci"
                                 << "11abc"
                                 << "JENKINS_USER + JENKINS_TOKEN";
        QTest::newRow("cctray") << "cctray"
                                << QStringList { "DEVDASH_CCTRAY_USER=me", "DEVDASH_CCTRAY_PASSWORD=pw" }
                                << "me"
                                << "pw"
                                << "DEVDASH_CCTRAY_USER + DEVDASH_CCTRAY_PASSWORD";
    }
    void environmentPerProvider()
    {
        QFETCH(QString, provider);
        QFETCH(QStringList, environment);
        QFETCH(QString, user);
        QFETCH(QString, secret);
        QFETCH(QString, origin);
        QVERIFY(!CiCredentials::fromEnvironment(provider).has_value());
        for (const QString &assignment : environment)
            qputenv(
                assignment.section('=', 0, 0).toLatin1().constData(), assignment.section('=', 1).toUtf8());
        const auto credential = CiCredentials::fromEnvironment(provider);
        QVERIFY(credential.has_value());
        QCOMPARE(credential->user, user);
        QCOMPARE(credential->secret, secret);
        QCOMPARE(credential->origin, origin);
        // The environment wins over the keychain, without asking it.
        CiCredentials credentials;
        auto looked = lookup(credentials, provider, QStringLiteral("ci.example.com"));
        QVERIFY2(looked.ok(), qPrintable(looked.errorMessage()));
        QCOMPARE(looked->secret, secret);
    }

    void hintsNameTheVariables()
    {
        QCOMPARE(CiCredentials::hint(QStringLiteral("github")),
            QStringLiteral("the token for github in the keychain or GITHUB_TOKEN (or GH_TOKEN)"));
        QCOMPARE(CiCredentials::hint(QStringLiteral("jenkins")),
            QStringLiteral(
                "the user and token for jenkins in the keychain or JENKINS_USER and JENKINS_TOKEN"));
        QCOMPARE(
            CiCredentials::keychainKey(QStringLiteral("gitlab"), QStringLiteral("gitlab.example.com:8443")),
            QStringLiteral("gitlab@gitlab.example.com:8443"));
    }

    void keychainRoundTrip_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("secret");
        QTest::newRow("github token") << "github"
                                      << ""
                                      << "ghp_KEYCHAINsecret42";
        QTest::newRow("jenkins user+token") << "jenkins"
                                            << "builder"
                                            << "11KEYCHAINjenkins";
    }
    void keychainRoundTrip()
    {
        if (!keyringRunning())
            QSKIP("no gnome-keyring / dbus-run-session here: noKeychainFallsBackToEnvironment covers this "
                  "machine");
        QFETCH(QString, provider);
        QFETCH(QString, user);
        QFETCH(QString, secret);
        const QString host = QStringLiteral("ci.example.com");
        g_messages.clear();
        auto previous = qInstallMessageHandler(capture);
        CiCredentials credentials;
        auto stored = store(credentials, provider, host, CiCredential { user, secret, {} });
        QVERIFY2(stored.ok(), qPrintable(stored.errorMessage()));
        auto read = lookup(credentials, provider, host);
        QVERIFY2(read.ok(), qPrintable(read.errorMessage()));
        QCOMPARE(read->secret, secret);
        QCOMPARE(read->user, user);
        QCOMPARE(read->origin, QStringLiteral("keychain"));
        QVERIFY(credentials.notice().isEmpty());
        // Another host has its own entry.
        auto otherHost = lookup(credentials, provider, QStringLiteral("other.example.com"));
        QVERIFY(otherHost.ok());
        QVERIFY(otherHost->isEmpty());
        QVERIFY(remove(credentials, provider, host).ok());
        auto gone = lookup(credentials, provider, host);
        QVERIFY(gone.ok());
        QVERIFY(gone->isEmpty());
        qInstallMessageHandler(previous);
        QVERIFY(!g_messages.join('\n').contains(secret));
        for (auto location : { QStandardPaths::GenericCacheLocation, QStandardPaths::GenericConfigLocation })
            QVERIFY(!anyFileContains(QStandardPaths::writableLocation(location), secret.toUtf8()));
    }

    void noKeychainFallsBackToEnvironment()
    {
        if (keyringRunning())
            QSKIP("a keychain runs here: keychainRoundTrip covers this machine");
        CiCredentials credentials;
        QSignalSpy notices(&credentials, &CiCredentials::noticeChanged);
        auto anonymous = lookup(credentials, QStringLiteral("github"), QStringLiteral("api.github.com"));
        QVERIFY2(anonymous.ok(), qPrintable(anonymous.errorMessage()));
        QVERIFY(anonymous->isEmpty());
        QVERIFY2(credentials.notice().startsWith(QLatin1String("no system keychain is available")),
            qPrintable(credentials.notice()));
        QVERIFY(credentials.notice().contains(QLatin1String("set GITHUB_TOKEN")));
        QCOMPARE(notices.count(), 1);
        // Saving says the same and where to put the token instead.
        auto stored = store(credentials, QStringLiteral("github"), QStringLiteral("api.github.com"),
            CiCredential { {}, QStringLiteral("ghp_NOKEYCHAINsecret"), {} });
        QVERIFY(!stored.ok());
        QVERIFY2(stored.errorMessage().contains(QLatin1String("no system keychain is available")),
            qPrintable(stored.errorMessage()));
        QVERIFY(!stored.errorMessage().contains(QLatin1String("ghp_NOKEYCHAINsecret")));
        // The environment then is the way.
        qputenv("GITHUB_TOKEN", "ghp_FROMenv");
        auto fromEnv = lookup(credentials, QStringLiteral("github"), QStringLiteral("api.github.com"));
        QVERIFY(fromEnv.ok());
        QCOMPARE(fromEnv->secret, QStringLiteral("ghp_FROMenv"));
    }
};

QTEST_GUILESS_MAIN(TestCiCredentials)
#include "tst_cicredentials.moc"

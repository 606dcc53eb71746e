// Database TLS as DevDash asks for it: PostgreSQL uses sslmode=prefer at least (a
// repository's URL cannot switch it off; the user's own URL, and verify-full, are
// honoured), checked on a real server that TLS was turned on in; MySQL/MariaDB
// refuse a session in clear text when the URL requires TLS; connect options a URL
// could smuggle in are refused.

#include "MariaDbServer.h"
#include "PostgresServer.h"
#include "TestEnvironment.h"

#include "schema/DatabaseUrl.h"
#include "schema/ReadOnlyConnection.h"

#include <QFile>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <grp.h>
#include <unistd.h>

using namespace devdash;
using namespace devdash::schema;
using devdash::test::MariaDbServer;
using devdash::test::PostgresServer;

class TestDatabaseTls : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    PostgresServer m_postgres;
    MariaDbServer m_mariadb;

    // A self-signed certificate by openssl, for the server to read (as root the server
    // runs as `postgres`: the key is then root's, readable by the postgres group, as
    // PostgreSQL accepts), then TLS switched on by a reload.
    QString enablePostgresTls()
    {
        const QString key = m_dir.filePath(QStringLiteral("key"));
        const QString crt = m_dir.filePath(QStringLiteral("crt"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
            { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-keyout"), key, QStringLiteral("-out"), crt });
        if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0)
            return QStringLiteral("openssl failed: ") + QString::fromLocal8Bit(openssl.readAllStandardError());
        const auto readable = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
            | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther;
        QFile::setPermissions(m_dir.path(), readable);
        QFile::setPermissions(crt, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
        if (test::TestEnvironment::runningAsRoot()) {
            const group *postgres = getgrnam("postgres");
            if (!postgres || ::chown(QFile::encodeName(key).constData(), 0, postgres->gr_gid) != 0)
                return QStringLiteral("cannot give the key to the postgres group");
            QFile::setPermissions(key, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup);
        } else {
            QFile::setPermissions(key, QFile::ReadOwner | QFile::WriteOwner);
        }
        QSqlDatabase db = m_postgres.superuserConnection(QStringLiteral("postgres"), QStringLiteral("tls-admin"));
        QSqlQuery query(db);
        for (const QString &sql : { QStringLiteral("ALTER SYSTEM SET ssl_cert_file = '%1'").arg(crt),
                 QStringLiteral("ALTER SYSTEM SET ssl_key_file = '%1'").arg(key),
                 QStringLiteral("ALTER SYSTEM SET ssl = on"), QStringLiteral("SELECT pg_reload_conf()") })
            if (!query.exec(sql))
                return query.lastError().text();
        QThread::msleep(500);
        return {};
    }

    // Whether the session of `url` (from `origin`) is encrypted; nullopt when it did not connect.
    static std::optional<bool> encrypted(const QString &url, DatabaseUrl::Origin origin, QString *error = nullptr)
    {
        auto parsed = DatabaseUrl::parse(url, origin);
        if (!parsed) {
            if (error)
                *error = parsed.errorMessage();
            return std::nullopt;
        }
        auto connection = ReadOnlyConnection::open(*parsed);
        if (!connection) {
            if (error)
                *error = connection.errorMessage();
            return std::nullopt;
        }
        auto query = (*connection)->run(
            QStringLiteral("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"), QStringLiteral("ssl"));
        if (!query || !query->next()) {
            if (error)
                *error = query.errorMessage();
            return std::nullopt;
        }
        return query->value(0).toBool();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(test::TestEnvironment::setUp()); // HOME without ~/.postgresql/root.crt
        QVERIFY(m_dir.isValid());
        qputenv("DEVDASH_NO_KEYCHAIN", "1");
        qunsetenv("PGSSLMODE");
    }

    void postgresPrefersTls()
    {
        DEVDASH_REQUIRE_POSTGRES(m_postgres);
        const QString error = enablePostgresTls();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QString url = m_postgres.url(QStringLiteral("postgres"));
        // No sslmode: prefer, made explicit.
        QString why;
        const auto preferred = encrypted(url, DatabaseUrl::Origin::Repository, &why);
        QVERIFY2(preferred.has_value(), qPrintable(why));
        QVERIFY2(*preferred, qPrintable(m_postgres.serverLog().right(1500)));
        // A repository cannot switch it off…
        QCOMPARE(encrypted(url + QStringLiteral("?sslmode=disable"), DatabaseUrl::Origin::Repository),
            std::optional<bool>(true));
        // …the user can.
        QCOMPARE(encrypted(url + QStringLiteral("?sslmode=disable"), DatabaseUrl::Origin::UserTyped),
            std::optional<bool>(false));
        QCOMPARE(encrypted(url + QStringLiteral("?sslmode=require"), DatabaseUrl::Origin::Repository),
            std::optional<bool>(true));
        // verify-full is honoured: without a root certificate to verify against, no connection.
        QString refused;
        QVERIFY(!encrypted(url + QStringLiteral("?sslmode=verify-full"), DatabaseUrl::Origin::Repository, &refused));
        QVERIFY2(refused.contains(QLatin1String("root certificate"), Qt::CaseInsensitive), qPrintable(refused));
        // The certificate the server shows verifies with sslrootcert (the name is 127.0.0.1).
        QCOMPARE(encrypted(url + QStringLiteral("?sslmode=verify-full&sslrootcert=")
                             + m_dir.filePath(QStringLiteral("crt")),
                     DatabaseUrl::Origin::Repository, &refused),
            std::optional<bool>(true));
    }

    void mysqlRefusesClearTextWhenTlsIsRequired()
    {
        DEVDASH_REQUIRE_MARIADB(m_mariadb);
        qputenv("MYSQL_PWD", m_mariadb.password().toUtf8());
        // The test server has no TLS: a URL that requires it is refused after connecting.
        auto url = DatabaseUrl::parse(m_mariadb.url(QStringLiteral("mysql")) + QStringLiteral("?ssl_mode=REQUIRED"));
        QVERIFY2(url, qPrintable(url.errorMessage()));
        auto connection = ReadOnlyConnection::open(*url);
        QVERIFY(!connection);
        QVERIFY2(connection.errorMessage().contains(QLatin1String("without TLS")), qPrintable(connection.errorMessage()));
        // Without that requirement, the same server is read.
        auto plain = DatabaseUrl::parse(m_mariadb.url(QStringLiteral("mysql")));
        QVERIFY(ReadOnlyConnection::open(*plain).ok());
    }

    void smuggledOptionsAreRefused()
    {
        // QMYSQL's options are one string split at ';'.
        for (const auto origin : { DatabaseUrl::Origin::Repository, DatabaseUrl::Origin::UserTyped })
            QVERIFY(!DatabaseUrl::parse(
                QStringLiteral("mariadb://u@h/db?socket=/run/x.sock%3BMYSQL_OPT_RECONNECT%3D1"), origin));
        // libpq loads an OpenSSL engine named in sslkey=ENGINE:KEY.
        const QString engine = QStringLiteral("postgresql://u@h/db?sslkey=evil:key");
        QVERIFY(!DatabaseUrl::parse(engine));
        QVERIFY(DatabaseUrl::parse(engine, DatabaseUrl::Origin::UserTyped));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseTls)
#include "tst_databasetls.moc"

// Database URLs as users write them, where passwords come from, and that a
// password never reaches a message or a key.

#include "schema/ConnectionError.h"
#include "schema/DatabasePassword.h"
#include "schema/DatabaseUrl.h"
#include "schema/ReadOnlyConnection.h"

#include <QtTest>

using namespace devdash::schema;

class TestDatabaseUrl : public QObject
{
    Q_OBJECT

private slots:
    void parses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("driver");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("display");
        QTest::newRow("sqlite absolute") << "sqlite:///srv/data/app.db"
                                         << "QSQLITE"
                                         << ""
                                         << "" << -1 << "/srv/data/app.db"
                                         << "sqlite:///srv/data/app.db";
        QTest::newRow("sqlite relative") << "sqlite://app.db"
                                         << "QSQLITE"
                                         << ""
                                         << "" << -1 << "app.db"
                                         << "sqlite://app.db";
        QTest::newRow("postgresql") << "postgresql://app@db-staging:6543/shop"
                                    << "QPSQL"
                                    << "app"
                                    << "db-staging" << 6543 << "shop"
                                    << "postgresql://app@db-staging:6543/shop";
        QTest::newRow("postgres alias + params")
            << "postgres://app@db/shop?sslmode=require&connect_timeout=3"
            << "QPSQL"
            << "app"
            << "db" << -1 << "shop"
            << "postgres://app@db/shop?connect_timeout=3&sslmode=require";
        QTest::newRow("postgres password hidden") << "postgresql://app:s3cr%40t@db:5432/shop"
                                                  << "QPSQL"
                                                  << "app"
                                                  << "db" << 5432 << "shop"
                                                  << "postgresql://app@db:5432/shop";
        QTest::newRow("mysql") << "mysql://root@127.0.0.1:3307/sakila"
                               << "QMYSQL"
                               << "root"
                               << "127.0.0.1" << 3307 << "sakila"
                               << "mysql://root@127.0.0.1:3307/sakila";
        QTest::newRow("mariadb") << "mariadb://u:pw@maria/app"
                                 << "QMARIADB"
                                 << "u"
                                 << "maria" << -1 << "app"
                                 << "mariadb://u@maria/app";
        QTest::newRow("odbc") << "odbc://WarehouseDSN"
                              << "QODBC"
                              << ""
                              << "" << -1 << "WarehouseDSN"
                              << "odbc://WarehouseDSN";
    }
    void parses()
    {
        QFETCH(QString, text);
        QFETCH(QString, driver);
        QFETCH(QString, user);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, database);
        QFETCH(QString, display);
        auto url = DatabaseUrl::parse(text);
        QVERIFY2(url.ok(), qPrintable(url.errorMessage()));
        QCOMPARE(url->driverName(), driver);
        QCOMPARE(url->user(), user);
        QCOMPARE(url->host(), host);
        QCOMPARE(url->port(), port);
        QCOMPARE(url->database(), database);
        QCOMPARE(url->displayUrl(), display);
    }

    // Add Connection's fields build a URL that parses back into the same fields.
    void composeRoundTrips_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("expected");
        QTest::newRow("postgres") << "postgresql"
                                  << "app"
                                  << "db.local" << 5433 << "shop"
                                  << "postgresql://app@db.local:5433/shop";
        QTest::newRow("no port, no user") << "mysql"
                                          << ""
                                          << "127.0.0.1" << -1 << "sakila"
                                          << "mysql://127.0.0.1/sakila";
        QTest::newRow("odd characters") << "mariadb"
                                        << "a@b:c"
                                        << "maria" << 3306 << "my db/1?"
                                        << "mariadb://a%40b%3Ac@maria:3306/my%20db%2F1%3F";
        QTest::newRow("ipv6") << "postgresql"
                              << "u"
                              << "::1" << 5432 << "x"
                              << "postgresql://u@[::1]:5432/x";
    }
    void composeRoundTrips()
    {
        QFETCH(QString, scheme);
        QFETCH(QString, user);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, database);
        QFETCH(QString, expected);
        const QString text = DatabaseUrl::compose(scheme, user, host, port, database);
        QCOMPARE(text, expected);
        auto url = DatabaseUrl::parse(text, DatabaseUrl::Origin::UserTyped);
        QVERIFY2(url, qPrintable(url.errorMessage()));
        QVERIFY(url->isServer());
        QCOMPARE(url->scheme(), scheme);
        QCOMPARE(url->user(), user);
        QCOMPARE(url->host(), host);
        QCOMPARE(url->port(), port);
        QCOMPARE(url->database(), database);
    }

    void inlinePasswordIsKeptButNeverShown()
    {
        auto url = DatabaseUrl::parse(QStringLiteral("postgresql://app:s3cr%40t@db/shop"));
        QVERIFY(url.ok());
        QCOMPARE(url->inlinePassword(), QStringLiteral("s3cr@t"));
        QVERIFY(!url->displayUrl().contains(QLatin1String("s3cr")));
        QCOMPARE(
            DatabasePassword::fromUrlOrEnvironment(*url, {}).value_or(QString()), QStringLiteral("s3cr@t"));
        // A bad URL's message does not repeat the password either.
        auto bad = DatabaseUrl::parse(QStringLiteral("oracle://scott:tiger@db/orcl"));
        QVERIFY(!bad.ok());
        QVERIFY(!bad.errorMessage().contains(QLatin1String("tiger")));
        QVERIFY(bad.errorMessage().contains(QLatin1String("oracle")));
        QCOMPARE(ConnectionError::scrub(QStringLiteral("failed for s3cr@t"), QStringLiteral("s3cr@t")),
            QStringLiteral("failed for ***"));
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("no scheme") << "/srv/app.db";
        QTest::newRow("unknown scheme") << "oracle://db/x";
        QTest::newRow("no database") << "postgresql://app@db";
        QTest::newRow("empty sqlite") << "sqlite://";
    }
    void rejects()
    {
        QFETCH(QString, text);
        auto url = DatabaseUrl::parse(text);
        QVERIFY(!url.ok());
        QVERIFY(url.errorMessage().contains(QLatin1String("sqlite:///path/app.db"))); // says what to write
    }

    void passwordFromEnvironment()
    {
        auto url = DatabaseUrl::parse(QStringLiteral("postgresql://app@db/shop"));
        QCOMPARE(DatabasePassword::environmentVariable(QStringLiteral("staging-eu")),
            QStringLiteral("DEVDASH_DB_PASSWORD_STAGING_EU"));
        qunsetenv("PGPASSWORD");
        qunsetenv("DEVDASH_DB_PASSWORD_STAGING_EU");
        QVERIFY(!DatabasePassword::fromUrlOrEnvironment(*url, QStringLiteral("staging-eu")));
        qputenv("PGPASSWORD", "from-pg");
        QCOMPARE(*DatabasePassword::fromUrlOrEnvironment(*url, QStringLiteral("staging-eu")),
            QStringLiteral("from-pg"));
        qputenv("DEVDASH_DB_PASSWORD_STAGING_EU", "from-env");
        QCOMPARE(*DatabasePassword::fromUrlOrEnvironment(*url, QStringLiteral("staging-eu")),
            QStringLiteral("from-env"));
        auto maria = DatabaseUrl::parse(QStringLiteral("mariadb://u@h/app"));
        qputenv("MYSQL_PWD", "from-mysql");
        QCOMPARE(*DatabasePassword::fromUrlOrEnvironment(*maria, {}), QStringLiteral("from-mysql"));
        qunsetenv("PGPASSWORD");
        qunsetenv("MYSQL_PWD");
        qunsetenv("DEVDASH_DB_PASSWORD_STAGING_EU");
        // The hint names every way, and the keychain entry without the password.
        const QString hint = DatabasePassword::howToProvide(*url, QStringLiteral("staging-eu"));
        QVERIFY(hint.contains(QLatin1String("DEVDASH_DB_PASSWORD_STAGING_EU")));
        QVERIFY(hint.contains(QLatin1String("PGPASSWORD")));
        QVERIFY(hint.contains(QLatin1String("devdash-db")));
        QVERIFY(hint.contains(QLatin1String("postgresql://app@db/shop")));
    }

    void unknownDriverListsTheInstalledOnes()
    {
        if (QSqlDatabase::isDriverAvailable(QStringLiteral("QODBC")))
            QSKIP("QODBC is installed here: no driver of ours is missing");
        auto url = DatabaseUrl::parse(QStringLiteral("odbc://SomeDsn"));
        auto connection = ReadOnlyConnection::open(*url);
        QVERIFY(!connection.ok());
        QVERIFY2(connection.errorMessage().contains(QLatin1String("QODBC")),
            qPrintable(connection.errorMessage()));
        QVERIFY(connection.errorMessage().contains(QLatin1String("QSQLITE"))); // the installed list
        QVERIFY(connection.errorMessage().contains(QLatin1String("libqt6sql6-odbc")));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "tst_databaseurl.moc"

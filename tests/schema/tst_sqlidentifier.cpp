// DevDash's own identifier quoting (SqlIdentifier) and its one-statement guard
// (ReadOnlySql): the quoted text of hostile names for each dialect, and the same
// names round-tripped through real engines: a table created under the quoted name
// is found in the catalog under exactly that name, and read back through the quoted
// reference on a read-only connection, while a victim table stays untouched.

#include "HostileNames.h"
#include "MariaDbServer.h"
#include "PostgresServer.h"

#include "common/SqlIdentifier.h"
#include "schema/DatabaseUrl.h"
#include "schema/ReadOnlyConnection.h"
#include "schema/ReadOnlySql.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace devdash;
using namespace devdash::schema;
using devdash::test::HostileNames;
using devdash::test::MariaDbServer;
using devdash::test::PostgresServer;
using Dialect = SqlIdentifier::Dialect;

Q_DECLARE_METATYPE(SqlIdentifier::Dialect)

class TestSqlIdentifier : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    PostgresServer m_postgres;
    MariaDbServer m_mariadb;

    // Runs a statement on a writable test connection; the error text, empty when it ran.
    static QString exec(QSqlDatabase db, const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery query(db);
        bool ok = values.isEmpty() ? query.exec(sql) : query.prepare(sql);
        if (!values.isEmpty()) {
            for (const QVariant &value : values)
                query.addBindValue(value);
            ok = ok && query.exec();
        }
        return ok ? QString() : query.lastError().text() + QStringLiteral(" — ") + sql;
    }

    static int count(QSqlDatabase db, const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery query(db);
        query.prepare(sql);
        for (const QVariant &value : values)
            query.addBindValue(value);
        if (!query.exec() || !query.next()) {
            qWarning() << query.lastError().text() << sql;
            return -1;
        }
        return query.value(0).toInt();
    }

    static void addHostileRows()
    {
        QTest::addColumn<QString>("name");
        for (const auto &hostile : HostileNames::all())
            QTest::newRow(hostile.label) << hostile.name;
    }

    // The row of `SELECT v FROM <quoted>` on a read-only connection to `url`.
    static QVariant readBack(const QString &url, const QString &schema, const QString &name)
    {
        auto parsed = DatabaseUrl::parse(url);
        if (!parsed) {
            qWarning() << parsed.errorMessage();
            return {};
        }
        auto connection = ReadOnlyConnection::open(*parsed);
        if (!connection) {
            qWarning() << connection.errorMessage();
            return {};
        }
        auto query = (*connection)->run(
            QStringLiteral("SELECT v FROM %1").arg((*connection)->quoted(schema, name)), QStringLiteral("v"));
        if (!query || !query->next()) {
            qWarning() << query.errorMessage();
            return {};
        }
        return query->value(0);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("DEVDASH_NO_KEYCHAIN", "1");
    }

    void quotes_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<Dialect>("dialect");
        QTest::addColumn<QString>("quoted");
        const QString payload = HostileNames::postgresPayload();
        QTest::newRow("plain pg") << "users" << Dialect::Postgres << "\"users\"";
        QTest::newRow("plain mysql") << "users" << Dialect::MySql << "`users`";
        QTest::newRow("plain sql server") << "users" << Dialect::SqlServer << "[users]";
        QTest::newRow("plain ansi") << "users" << Dialect::Ansi << "\"users\"";
        // escapeIdentifier returned these unchanged: they start or end with the quote.
        QTest::newRow("payload pg") << payload << Dialect::Postgres
                                    << "\"\"\"x\"\";end;begin read write;drop table p;end;--\"";
        QTest::newRow("payload sqlite") << payload << Dialect::Sqlite
                                        << "\"\"\"x\"\";end;begin read write;drop table p;end;--\"";
        QTest::newRow("payload mysql") << payload << Dialect::MySql
                                       << "`\"x\";end;begin read write;drop table p;end;--`";
        QTest::newRow("quotes both ends") << "\"q\"" << Dialect::Postgres << "\"\"\"q\"\"\"";
        // QMYSQL never doubled a backtick.
        QTest::newRow("backticks mysql") << HostileNames::backtickPayload() << Dialect::MySql
                                         << "```x``;drop table p;--`";
        QTest::newRow("backticks pg") << "a`b" << Dialect::Postgres << "\"a`b\"";
        QTest::newRow("brackets sql server") << HostileNames::bracketPayload() << Dialect::SqlServer
                                             << "[[x]]]];drop table p;--]";
        QTest::newRow("brackets pg") << "[x]" << Dialect::Postgres << "\"[x]\"";
        // A dot is part of the name, never a separator (QPSQL split "a.b" into two).
        QTest::newRow("dot") << "a.b" << Dialect::Postgres << "\"a.b\"";
        QTest::newRow("dot mysql") << "a.b" << Dialect::MySql << "`a.b`";
        QTest::newRow("newline") << "a\nb" << Dialect::Postgres << "\"a\nb\"";
        QTest::newRow("single quote") << "o'b" << Dialect::MySql << "`o'b`";
        QTest::newRow("unicode") << QStringLiteral("Grüße 表") << Dialect::Postgres
                                 << QStringLiteral("\"Grüße 表\"");
        QTest::newRow("empty") << "" << Dialect::Postgres << "\"\"";
    }
    void quotes()
    {
        QFETCH(QString, name);
        QFETCH(Dialect, dialect);
        QFETCH(QString, quoted);
        QCOMPARE(SqlIdentifier::quote(name, dialect), quoted);
    }

    void qualifiedQuotesEachPart()
    {
        QCOMPARE(SqlIdentifier::qualified(QStringLiteral("s.x"), QStringLiteral("t\"u"), Dialect::Postgres),
            QStringLiteral("\"s.x\".\"t\"\"u\""));
        QCOMPARE(SqlIdentifier::qualified(QStringLiteral("d`b"), QStringLiteral("t"), Dialect::MySql),
            QStringLiteral("`d``b`.`t`"));
        QCOMPARE(SqlIdentifier::qualified(QString(), QStringLiteral("t"), Dialect::Sqlite),
            QStringLiteral("\"t\""));
    }

    void odbcQuoteCharacter()
    {
        QCOMPARE(SqlIdentifier::fromQuoteCharacter(QStringLiteral("`")), Dialect::MySql);
        QCOMPARE(SqlIdentifier::fromQuoteCharacter(QStringLiteral("[")), Dialect::SqlServer);
        QCOMPARE(SqlIdentifier::fromQuoteCharacter(QStringLiteral("\"")), Dialect::Ansi);
        QCOMPARE(SqlIdentifier::fromQuoteCharacter(QStringLiteral(" ")), Dialect::Ansi);
    }

    void statementGuard_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<Dialect>("dialect");
        QTest::addColumn<bool>("single");
        QTest::newRow("select") << "SELECT 1" << Dialect::Postgres << true;
        QTest::newRow("two statements") << "SELECT 1; DROP TABLE p" << Dialect::Postgres << false;
        QTest::newRow("trailing semicolon") << "SELECT 1;" << Dialect::Postgres << false;
        QTest::newRow("semicolon in string") << "SELECT ';'" << Dialect::Postgres << true;
        QTest::newRow("semicolon in identifier") << "SELECT * FROM \"a;b\"" << Dialect::Postgres << true;
        QTest::newRow("doubled quote") << "SELECT * FROM \"a\"\";b\"" << Dialect::Postgres << true;
        // What escapeIdentifier made of the payload: the semicolons are outside quotes.
        QTest::newRow("escapeIdentifier's payload")
            << QStringLiteral("SELECT * FROM %1.flyway_schema_history").arg(HostileNames::postgresPayload())
            << Dialect::Postgres << false;
        QTest::newRow("unterminated") << "SELECT \"a" << Dialect::Postgres << false;
        QTest::newRow("line comment") << "SELECT 1 -- x" << Dialect::Postgres << false;
        QTest::newRow("block comment") << "SELECT /* x */ 1" << Dialect::Postgres << false;
        QTest::newRow("mysql hash comment") << "SELECT 1 # x" << Dialect::MySql << false;
        QTest::newRow("dollar quote") << "SELECT $$;$$" << Dialect::Postgres << false;
        QTest::newRow("placeholder") << "SELECT $1" << Dialect::Postgres << true;
        QTest::newRow("E string backslash") << "SELECT E'\\';drop'" << Dialect::Postgres << false;
        QTest::newRow("mysql backslash") << "SELECT '\\';drop'" << Dialect::MySql << false;
        QTest::newRow("sqlite backslash") << "SELECT 'a\\_%' ESCAPE '\\'" << Dialect::Sqlite << true;
        QTest::newRow("mysql backtick") << "SELECT * FROM `a;``b`" << Dialect::MySql << true;
        QTest::newRow("mysql double quote is a string") << "SELECT \"a\\\";drop\"" << Dialect::MySql << false;
        QTest::newRow("sql server bracket") << "SELECT * FROM [a;]]b]" << Dialect::SqlServer << true;
        QTest::newRow("pg brackets are no quotes") << "SELECT a[1]; DROP TABLE p" << Dialect::Postgres << false;
        QTest::newRow("nul") << QStringLiteral("SELECT 1") + QChar(0) << Dialect::Postgres << false;
    }
    void statementGuard()
    {
        QFETCH(QString, sql);
        QFETCH(Dialect, dialect);
        QFETCH(bool, single);
        const auto refusal = ReadOnlySql::refusal(sql, dialect);
        QVERIFY2(refusal.has_value() != single, qPrintable(refusal.value_or(QStringLiteral("accepted"))));
    }

    // Every hostile name, quoted, leaves a statement of one piece in every dialect.
    void hostileNamesStayOneStatement_data() { addHostileRows(); }
    void hostileNamesStayOneStatement()
    {
        QFETCH(QString, name);
        for (const Dialect dialect :
            { Dialect::Ansi, Dialect::Postgres, Dialect::Sqlite, Dialect::MySql, Dialect::SqlServer }) {
            const QString sql = QStringLiteral("SELECT * FROM %1 WHERE 1 = 0")
                                    .arg(SqlIdentifier::qualified(name, name, dialect));
            const auto refusal = ReadOnlySql::refusal(sql, dialect);
            QVERIFY2(!refusal, qPrintable(sql + QStringLiteral(": ") + refusal.value_or(QString())));
        }
    }

    void roundTripSqlite_data() { addHostileRows(); }
    void roundTripSqlite()
    {
        QFETCH(QString, name);
        const QString file = m_dir.filePath(QStringLiteral("rt-%1.db").arg(QTest::currentDataTag()).replace(
            QLatin1Char(' '), QLatin1Char('_')));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("rt-sqlite"));
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QCOMPARE(exec(db, QStringLiteral("CREATE TABLE p (v int)")), QString());
            QCOMPARE(exec(db, QStringLiteral("INSERT INTO p VALUES (1)")), QString());
            const QString quoted = SqlIdentifier::quote(name, Dialect::Sqlite);
            QCOMPARE(exec(db, QStringLiteral("CREATE TABLE %1 (v int)").arg(quoted)), QString());
            QCOMPARE(exec(db, QStringLiteral("INSERT INTO %1 VALUES (7)").arg(quoted)), QString());
            QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = ?"), { name }), 1);
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("rt-sqlite"));
        QCOMPARE(readBack(QStringLiteral("sqlite://") + file, QString(), name).toInt(), 7);
    }

    void roundTripPostgres_data() { addHostileRows(); }
    void roundTripPostgres()
    {
        DEVDASH_REQUIRE_POSTGRES(m_postgres);
        QFETCH(QString, name);
        const QString database = QStringLiteral("rt_%1").arg(QTest::currentDataTag())
                                     .replace(QLatin1Char(' '), QLatin1Char('_'));
        const QString url = m_postgres.createDatabase(database);
        QVERIFY2(!url.isEmpty(), qPrintable(m_postgres.errorString()));
        QSqlDatabase db = m_postgres.superuserConnection(database, QStringLiteral("rt-pg-") + database);
        QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
        QCOMPARE(exec(db, QStringLiteral("CREATE TABLE p (v int)")), QString());
        QCOMPARE(exec(db, QStringLiteral("INSERT INTO p VALUES (1)")), QString());
        const QString quoted = SqlIdentifier::qualified(name, name, Dialect::Postgres);
        QCOMPARE(exec(db, QStringLiteral("CREATE SCHEMA %1").arg(SqlIdentifier::quote(name, Dialect::Postgres))),
            QString());
        QCOMPARE(exec(db, QStringLiteral("CREATE TABLE %1 (v int)").arg(quoted)), QString());
        QCOMPARE(exec(db, QStringLiteral("INSERT INTO %1 VALUES (7)").arg(quoted)), QString());
        // The catalog has exactly the name (63 bytes: not truncated).
        QCOMPARE(count(db,
                     QStringLiteral("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                    "WHERE n.nspname = ? AND c.relname = ?"),
                     { name, name }),
            1);
        QCOMPARE(readBack(url, name, name).toInt(), 7);
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM p")), 1);
    }

    // Past 63 bytes PostgreSQL cuts the name: the catalog's (cut) name is what is quoted.
    void postgresTruncatesAt63Bytes()
    {
        DEVDASH_REQUIRE_POSTGRES(m_postgres);
        const QString url = m_postgres.createDatabase(QStringLiteral("rt_long"));
        QVERIFY(!url.isEmpty());
        QSqlDatabase db = m_postgres.superuserConnection(QStringLiteral("rt_long"), QStringLiteral("rt-pg-long"));
        const QString name = QString(22, QChar(0x8868)); // 66 bytes: cut to 21 characters
        QCOMPARE(exec(db, QStringLiteral("CREATE TABLE %1 (v int)").arg(SqlIdentifier::quote(name, Dialect::Postgres))),
            QString());
        QCOMPARE(exec(db, QStringLiteral("INSERT INTO %1 VALUES (7)").arg(SqlIdentifier::quote(name, Dialect::Postgres))),
            QString());
        const QString cut = name.left(21);
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM pg_class WHERE relname = ?"), { cut }), 1);
        QCOMPARE(readBack(url, QStringLiteral("public"), cut).toInt(), 7);
    }

    void roundTripMariaDb_data() { addHostileRows(); }
    void roundTripMariaDb()
    {
        DEVDASH_REQUIRE_MARIADB(m_mariadb);
        QFETCH(QString, name);
        const QString database = QStringLiteral("rt_%1").arg(QTest::currentDataTag())
                                     .replace(QLatin1Char(' '), QLatin1Char('_'));
        QVERIFY2(m_mariadb.createDatabase(database), qPrintable(m_mariadb.errorString()));
        const QString connectionName = QStringLiteral("rt-maria-") + database;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QMARIADB"), connectionName);
            db.setHostName(m_mariadb.host());
            db.setPort(m_mariadb.port());
            db.setUserName(m_mariadb.user());
            db.setPassword(m_mariadb.password());
            db.setDatabaseName(database);
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QCOMPARE(exec(db, QStringLiteral("CREATE TABLE p (v int)")), QString());
            QCOMPARE(exec(db, QStringLiteral("INSERT INTO p VALUES (1)")), QString());
            const QString quoted = SqlIdentifier::quote(name, Dialect::MySql);
            QCOMPARE(exec(db, QStringLiteral("CREATE TABLE %1 (v int)").arg(quoted)), QString());
            QCOMPARE(exec(db, QStringLiteral("INSERT INTO %1 VALUES (7)").arg(quoted)), QString());
            QCOMPARE(count(db,
                         QStringLiteral("SELECT count(*) FROM information_schema.tables "
                                        "WHERE table_schema = DATABASE() AND BINARY table_name = ?"),
                         { name }),
                1);
            qputenv("MYSQL_PWD", m_mariadb.password().toUtf8());
            QCOMPARE(readBack(m_mariadb.url(database), database, name).toInt(), 7);
            QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM p")), 1);
            db.close();
        }
        QSqlDatabase::removeDatabase(connectionName);
    }
};

QTEST_GUILESS_MAIN(TestSqlIdentifier)
#include "tst_sqlidentifier.moc"

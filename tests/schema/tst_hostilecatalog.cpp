// Catalogs whose names are SQL: schemas, tables, columns, indexes, triggers and a
// flyway_schema_history table named like `"x";end;begin read write;drop table p;end;--`
// (and the backtick and bracket equivalents) on real PostgreSQL and MariaDB servers
// and SQLite files. Everything that reads a database — the inspector, the migration
// history reader, `devdash schema URL --json`, `devdash migrations URL --repo R
// --json`, the Overview's migrations and the data preview — runs over them; the
// victim table p keeps its rows, and the names come back exactly as the catalog
// has them.

#include "CliProcess.h"
#include "HostileNames.h"
#include "MariaDbServer.h"
#include "PostgresServer.h"
#include "TestEnvironment.h"
#include "TestRepo.h"

#include "common/SqlIdentifier.h"
#include "overview/OverviewLoader.h"
#include "schema/DatabaseUrl.h"
#include "schema/ReadOnlyConnection.h"
#include "schema/SchemaInspector.h"
#include "schema/migrations/MigrationHistoryReader.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>

using namespace devdash;
using namespace devdash::schema;
using devdash::test::HostileNames;
using devdash::test::MariaDbServer;
using devdash::test::PostgresServer;
using devdash::test::TestRepo;
using Dialect = SqlIdentifier::Dialect;

namespace {

const QString Binary = QStringLiteral(DEVDASH_BINARY);

// The schemas (databases on MariaDB) each engine gets, and the objects inside them.
QStringList postgresSchemas()
{
    return { HostileNames::postgresPayload(), QStringLiteral("\"quoted\""), QStringLiteral("schema.table"),
        QStringLiteral("line\nbreak;drop table p") };
}
QString hostileColumn()
{
    return QStringLiteral("\"c\";drop table p;--");
}

// The fixtures are built with quoting of their own, not with the SqlIdentifier under test.
QString fixtureQuote(QString name, Dialect dialect)
{
    const QString quote = dialect == Dialect::MySql ? QStringLiteral("`") : QStringLiteral("\"");
    return quote + name.replace(quote, quote + quote) + quote;
}
QString fixtureQualified(const QString &schema, const QString &name, Dialect dialect)
{
    return schema.isEmpty() ? fixtureQuote(name, dialect)
                            : fixtureQuote(schema, dialect) + QLatin1Char('.') + fixtureQuote(name, dialect);
}

} // namespace

class TestHostileCatalog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestRepo m_repo;
    PostgresServer m_postgres;
    MariaDbServer m_mariadb;
    QString m_postgresUrl;
    QString m_mariadbUrl;
    QString m_mariadbDatabase = HostileNames::backtickPayload();
    QString m_sqliteFile;
    bool m_postgresReady = false;
    bool m_mariadbReady = false;

    static QString exec(QSqlDatabase db, const QString &sql)
    {
        QSqlQuery query(db);
        return query.exec(sql) ? QString() : query.lastError().text() + QStringLiteral(" — ") + sql;
    }

    static int victimRows(QSqlDatabase db)
    {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT count(*) FROM p")) || !query.next())
            return -1;
        return query.value(0).toInt();
    }

    // Victim p (3 rows) and x, then per schema: a table, a column, an index, a trigger, a view and
    // a Flyway history table, all named to break out of quoting.
    static QString buildCatalog(QSqlDatabase db, Dialect dialect, const QStringList &schemas)
    {
        auto q = [&](const QString &name) { return fixtureQuote(name, dialect); };
        // x: what the payload's first statement reads, so that the ones after it would run.
        QStringList statements { QStringLiteral("CREATE TABLE p (v int)"),
            QStringLiteral("INSERT INTO p VALUES (1), (2), (3)"), QStringLiteral("CREATE TABLE x (v int)") };
        if (dialect == Dialect::Postgres)
            statements << QStringLiteral("CREATE FUNCTION public.noop() RETURNS trigger LANGUAGE plpgsql AS "
                                         "'BEGIN RETURN NEW; END'");
        for (const QString &schema : schemas) {
            auto in = [&](const QString &name) { return fixtureQualified(schema, name, dialect); };
            const QString table = in(HostileNames::postgresPayload());
            if (dialect == Dialect::Postgres)
                statements << QStringLiteral("CREATE SCHEMA %1").arg(q(schema));
            statements << QStringLiteral("CREATE TABLE %1 (%2 int, v int)").arg(table, q(hostileColumn()))
                       << QStringLiteral("INSERT INTO %1 VALUES (41, 42)").arg(table)
                       << QStringLiteral("CREATE INDEX %1 ON %2 (%3)")
                              .arg(q(HostileNames::postgresPayload() + QStringLiteral("_i")), table,
                                  q(hostileColumn()))
                       << QStringLiteral("CREATE VIEW %1 AS SELECT v FROM %2")
                              .arg(in(HostileNames::bracketPayload()), table);
            if (dialect == Dialect::Postgres)
                statements << QStringLiteral(
                    "CREATE TRIGGER %1 BEFORE INSERT ON %2 FOR EACH ROW EXECUTE FUNCTION public.noop()")
                                  .arg(q(HostileNames::postgresPayload()), table);
            else if (dialect == Dialect::MySql)
                statements << QStringLiteral("CREATE TRIGGER %1 BEFORE INSERT ON %2 FOR EACH ROW SET NEW.v = 0")
                                  .arg(q(HostileNames::postgresPayload()), table);
            else
                statements << QStringLiteral("CREATE TRIGGER %1 BEFORE INSERT ON %2 BEGIN SELECT 1; END")
                                  .arg(q(HostileNames::postgresPayload()), table);
            const QString history = in(QStringLiteral("flyway_schema_history"));
            statements << QStringLiteral(
                "CREATE TABLE %1 (installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50), "
                "description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, "
                "checksum INTEGER, installed_by VARCHAR(100) NOT NULL, installed_on TIMESTAMP NOT NULL "
                "DEFAULT CURRENT_TIMESTAMP, execution_time INTEGER NOT NULL, success BOOLEAN NOT NULL)")
                              .arg(history)
                       << QStringLiteral("INSERT INTO %1 (installed_rank, version, description, type, script, "
                                         "checksum, installed_by, execution_time, success) VALUES (1, '1', "
                                         "'init', 'SQL', 'V1__init.sql', NULL, 'me', 3, TRUE)")
                              .arg(history);
        }
        for (const QString &sql : statements)
            if (const QString error = exec(db, sql); !error.isEmpty())
                return error;
        return {};
    }

    // Every read path over `url`: its catalog must list the hostile objects of `schemas`
    // exactly, its history tables must be found and read, its rows previewed.
    void readEverything(const QString &url, const QStringList &schemas)
    {
        auto parsed = DatabaseUrl::parse(url);
        QVERIFY2(parsed, qPrintable(parsed.errorMessage()));
        auto connection = ReadOnlyConnection::open(*parsed);
        QVERIFY2(connection, qPrintable(connection.errorMessage()));
        auto catalog = SchemaInspector::inspect(**connection);
        QVERIFY2(catalog, qPrintable(catalog.errorMessage()));
        for (const QString &schema : schemas) {
            const QString &schemaName = schema;
            const Table *table = catalog->table(schemaName, HostileNames::postgresPayload());
            QVERIFY2(table, qPrintable(QStringLiteral("no table in schema ") + schemaName));
            QCOMPARE(table->columns.value(0).name, hostileColumn());
            QStringList indexes;
            for (const Index &index : table->indexes)
                indexes << index.name;
            QVERIFY2(indexes.contains(HostileNames::postgresPayload() + QStringLiteral("_i")),
                qPrintable(indexes.join(QLatin1Char('|'))));
            QCOMPARE(table->triggers.value(0).name, HostileNames::postgresPayload());
            QVERIFY(catalog->table(schemaName, HostileNames::bracketPayload()));
            QVERIFY(catalog->table(schemaName, QStringLiteral("flyway_schema_history")));
            // The data preview: the rows of the hostile table, through the quoted reference.
            auto preview = SchemaInspector::previewRows(**connection, *table, 5);
            QVERIFY2(preview, qPrintable(preview.errorMessage()));
            QCOMPARE(preview->columns.value(0), hostileColumn());
            QCOMPARE(preview->rows.value(0).value(0).toInt(), 41);
        }
        // The migration history reader finds each Flyway table in its schema and reads it.
        auto found = migrations::MigrationHistoryReader::detect((*connection)->database());
        QVERIFY2(found, qPrintable(found.errorMessage()));
        QCOMPARE(found->size(), schemas.size());
        for (const migrations::HistoryTable &history : *found) {
            QCOMPARE(history.framework, migrations::Framework::Flyway);
            QCOMPARE(history.name, QStringLiteral("flyway_schema_history"));
            // SQLite and MySQL: the connection's own (empty); PostgreSQL: the schema, exactly.
            if (!history.schema.isEmpty())
                QVERIFY2(schemas.contains(history.schema), qPrintable(history.schema));
            auto read = migrations::MigrationHistoryReader::read((*connection)->database(), history);
            QVERIFY2(read, qPrintable(read.errorMessage()));
            QCOMPARE(read->applied.size(), 1);
            QCOMPARE(read->applied.first().version, QStringLiteral("1"));
        }
    }

    // `devdash schema URL --json` lists the hostile names exactly; `devdash migrations URL
    // --repo R --json` reads a history table.
    void runCli(const QString &url, const QStringList &schemas)
    {
        const auto schema = test::runCli(Binary, { "schema", url, "--json" });
        QVERIFY2(schema.exitCode == 0, schema.err.constData());
        QSet<QPair<QString, QString>> listed;
        for (const QJsonValue &t : schema.object().value("tables").toArray())
            listed.insert({ t.toObject().value("schema").toString(), t.toObject().value("name").toString() });
        const QJsonArray listedSchemas = schema.object().value("schemas").toArray();
        for (const QString &s : schemas) {
            QVERIFY2(listed.contains({ s, HostileNames::postgresPayload() }), qPrintable(s));
            QVERIFY(listed.contains({ s, HostileNames::bracketPayload() }));
            QVERIFY2(listedSchemas.contains(s), qPrintable(s));
        }
        const auto migrations = test::runCli(Binary, { "migrations", url, "--repo", m_repo.path(), "--json" });
        QVERIFY2(migrations.exitCode == 0, migrations.err.constData());
        QCOMPARE(migrations.object().value("framework").toString(), QStringLiteral("flyway"));
        QCOMPARE(migrations.object().value("counts").toObject().value("applied").toInt(), 1);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(test::TestEnvironment::setUp());
        QVERIFY(m_dir.isValid());
        qputenv("DEVDASH_NO_KEYCHAIN", "1");
        m_repo.init();
        m_repo.commit(QStringLiteral("init"), { { QStringLiteral("db/migration/V1__init.sql"), "SELECT 1;" } });
        QVERIFY2(m_repo.ok(), qPrintable(m_repo.errors()));

        // SQLite: no schemas; the objects of one "schema" in the file.
        m_sqliteFile = m_dir.filePath(QStringLiteral("hostile.db"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("build-sqlite"));
            db.setDatabaseName(m_sqliteFile);
            QVERIFY(db.open());
            const QString error = buildCatalog(db, Dialect::Sqlite, { QString() });
            QVERIFY2(error.isEmpty(), qPrintable(error));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("build-sqlite"));

        if (PostgresServer::unavailableReason().isEmpty() && m_postgres.start()) {
            m_postgresUrl = m_postgres.createDatabase(QStringLiteral("hostile"));
            QVERIFY2(!m_postgresUrl.isEmpty(), qPrintable(m_postgres.errorString()));
            const QString error = buildCatalog(
                m_postgres.superuserConnection(QStringLiteral("hostile"), QStringLiteral("build-pg")),
                Dialect::Postgres, postgresSchemas());
            QVERIFY2(error.isEmpty(), qPrintable(error));
            m_postgresReady = true;
        }
        if (MariaDbServer::unavailableReason().isEmpty() && m_mariadb.start()) {
            qputenv("MYSQL_PWD", m_mariadb.password().toUtf8());
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QMARIADB"), QStringLiteral("build-maria"));
            db.setHostName(m_mariadb.host());
            db.setPort(m_mariadb.port());
            db.setUserName(m_mariadb.user());
            db.setPassword(m_mariadb.password());
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            // The database itself is named like the payload: it is the "schema" of MySQL.
            QCOMPARE(exec(db, QStringLiteral("CREATE DATABASE %1").arg(fixtureQuote(m_mariadbDatabase, Dialect::MySql))),
                QString());
            QCOMPARE(exec(db, QStringLiteral("USE %1").arg(fixtureQuote(m_mariadbDatabase, Dialect::MySql))),
                QString());
            const QString error = buildCatalog(db, Dialect::MySql, { QString() });
            QVERIFY2(error.isEmpty(), qPrintable(error));
            m_mariadbUrl = QStringLiteral("mariadb://%1@%2:%3/%4")
                               .arg(m_mariadb.user(), m_mariadb.host())
                               .arg(m_mariadb.port())
                               .arg(QString::fromUtf8(QUrl::toPercentEncoding(m_mariadbDatabase)));
            m_mariadbReady = true;
        }
        // The Overview reads every database the repository's settings name.
        QStringList databases { QStringLiteral("{\"name\": \"sqlite\", \"url\": \"sqlite://%1\"}").arg(m_sqliteFile) };
        if (m_postgresReady)
            databases << QStringLiteral("{\"name\": \"postgres\", \"url\": \"%1\"}").arg(m_postgresUrl);
        if (m_mariadbReady)
            databases << QStringLiteral("{\"name\": \"mariadb\", \"url\": \"%1\"}").arg(m_mariadbUrl);
        m_repo.commit(QStringLiteral("databases"),
            { { QStringLiteral(".devdash.json"),
                QStringLiteral("{\"databases\": [%1]}").arg(databases.join(QStringLiteral(", "))).toUtf8() } });
        QVERIFY2(m_repo.ok(), qPrintable(m_repo.errors()));
    }

    void sqlite()
    {
        readEverything(QStringLiteral("sqlite://") + m_sqliteFile, { QStringLiteral("main") });
        runCli(QStringLiteral("sqlite://") + m_sqliteFile, { QStringLiteral("main") });
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check-sqlite"));
        db.setDatabaseName(m_sqliteFile);
        QVERIFY(db.open());
        QCOMPARE(victimRows(db), 3);
    }

    void postgres()
    {
        if (!m_postgresReady)
            QSKIP("No PostgreSQL test server.");
        readEverything(m_postgresUrl, postgresSchemas());
        runCli(m_postgresUrl, postgresSchemas());
        QCOMPARE(victimRows(m_postgres.superuserConnection(QStringLiteral("hostile"), QStringLiteral("build-pg"))), 3);
    }

    void mariadb()
    {
        if (!m_mariadbReady)
            QSKIP("No MariaDB test server.");
        readEverything(m_mariadbUrl, { m_mariadbDatabase });
        runCli(m_mariadbUrl, { m_mariadbDatabase });
        QCOMPARE(victimRows(QSqlDatabase::database(QStringLiteral("build-maria"))), 3);
    }

    // The Overview's migrations card opens every configured database on its own.
    void overview()
    {
        auto environments = overview::OverviewLoader::migrations(m_repo.path(), CancelToken());
        QVERIFY2(environments, qPrintable(environments.errorMessage()));
        QCOMPARE(environments->size(), 1 + int(m_postgresReady) + int(m_mariadbReady));
        for (const auto &environment : *environments) {
            QVERIFY2(environment.error.isEmpty(), qPrintable(environment.environment + QStringLiteral(": ") + environment.error));
            QCOMPARE(environment.framework, QStringLiteral("flyway"));
        }
        if (m_postgresReady)
            QCOMPARE(victimRows(m_postgres.superuserConnection(QStringLiteral("hostile"), QStringLiteral("build-pg"))), 3);
        if (m_mariadbReady)
            QCOMPARE(victimRows(QSqlDatabase::database(QStringLiteral("build-maria"))), 3);
    }
};

QTEST_GUILESS_MAIN(TestHostileCatalog)
#include "tst_hostilecatalog.moc"

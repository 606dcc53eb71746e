// odbc://DSN inspected through real ODBC drivers from Debian: the SQLite ODBC
// driver (libsqliteodbc) on a SQLite file built from the shop sample schema, psqlODBC
// (odbc-postgresql) on the PostgreSQL server the test starts, MariaDB
// Connector/ODBC (odbc-mariadb) on the MariaDB server the test starts (the library
// sample in both; tests/data/schemas). The
// DSNs live in a private odbc.ini / odbcinst.ini (ODBCINI, ODBCSYSINI), never
// the machine's. Each catalog read through ODBC is checked against the one the
// native Qt driver reads; writes are refused; a missing DSN or driver is
// reported clearly.

#include "MariaDbServer.h"
#include "PostgresServer.h"
#include "SchemaFixtures.h"

#include "schema/DatabaseUrl.h"
#include "schema/OdbcInspector.h"
#include "schema/ReadOnlyConnection.h"
#include "schema/SchemaInspector.h"
#include "schema/SchemaJson.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace devdash;
using namespace devdash::schema;
using devdash::test::MariaDbServer;
using devdash::test::PostgresServer;
using devdash::test::SchemaFixtures;

namespace {

// Where Debian puts the ODBC drivers; the file each package installs.
const QString kDriverDir = QStringLiteral("/usr/lib/x86_64-linux-gnu/odbc");
const QString kSqliteDriver = QStringLiteral("libsqlite3odbc.so");
const QString kPostgresDriver = QStringLiteral("psqlodbcw.so");
const QString kMariaDbDriver = QStringLiteral("libmaodbc.so");

QString driverPath(const QString &file)
{
    for (const QString &dir :
        { kDriverDir, QStringLiteral("/usr/lib/aarch64-linux-gnu/odbc"), QStringLiteral("/usr/lib/odbc") }) {
        if (QFile::exists(dir + QLatin1Char('/') + file))
            return dir + QLatin1Char('/') + file;
    }
    return {};
}

QStringList names(const SchemaCatalog &catalog)
{
    QStringList out;
    for (const Table &table : catalog.tables)
        out << table.qualifiedName() + QLatin1Char(':') + tableKindName(table.kind);
    out.sort();
    return out;
}

QStringList columnNames(const Table &table)
{
    QStringList out;
    for (const Column &column : table.columns)
        out << column.name;
    return out;
}

} // namespace

class TestOdbcInspector : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_sqliteFile;
    PostgresServer m_postgres;
    MariaDbServer m_mariadb;
    QTcpServer m_silent; // accepts connections (the kernel's backlog) and never answers
    bool m_postgresReady = false;
    bool m_mariadbReady = false;
    QStringList m_dataSources; // "[NAME]\nkey=value…" sections of odbc.ini

    void addDataSource(const QString &name, const QStringList &lines)
    {
        m_dataSources << QStringLiteral("[%1]\n%2\n").arg(name, lines.join(QLatin1Char('\n')));
    }

    bool writeIniFiles()
    {
        QFile instini(m_dir.filePath(QStringLiteral("odbcinst.ini")));
        QFile ini(m_dir.filePath(QStringLiteral("odbc.ini")));
        if (!instini.open(QIODevice::WriteOnly) || !ini.open(QIODevice::WriteOnly))
            return false;
        instini.write(
            QStringLiteral("[DevDash SQLite3]\nDriver=%1\n\n[DevDash PostgreSQL]\nDriver=%2\n\n"
                           "[DevDash MariaDB]\nDriver=%3\n")
                .arg(driverPath(kSqliteDriver), driverPath(kPostgresDriver), driverPath(kMariaDbDriver))
                .toUtf8());
        ini.write(m_dataSources.join(QLatin1Char('\n')).toUtf8());
        return true;
    }

    std::unique_ptr<ReadOnlyConnection> open(const QString &url, const QString &environment = {})
    {
        ConnectionOptions options;
        options.environmentName = environment;
        options.useKeychain = false;
        auto connection = ReadOnlyConnection::open(*DatabaseUrl::parse(url), options);
        if (!connection)
            qWarning() << connection.errorMessage();
        return connection ? std::move(connection.value()) : nullptr;
    }

    // The catalog through ODBC matches the native driver's: same relations, same
    // columns in order with the same types, nullability and defaults, same keys.
    static void compareEngineCatalogs(const SchemaCatalog &odbc, const SchemaCatalog &native)
    {
        QCOMPARE(odbc.driver, QStringLiteral("QODBC"));
        QCOMPARE(odbc.database, native.database);
        QCOMPARE(names(odbc), names(native));
        for (const Table &expected : native.tables) {
            const Table *table = odbc.table(expected.schema, expected.name);
            QVERIFY(table);
            QCOMPARE(columnNames(*table), columnNames(expected));
            for (int i = 0; i < expected.columns.size(); ++i) {
                const Column &column = table->columns.at(i);
                const Column &want = expected.columns.at(i);
                QCOMPARE(column.type, want.type);
                QCOMPARE(column.nullable, want.nullable);
                QCOMPARE(column.defaultValue, want.defaultValue);
                QCOMPARE(column.generated, want.generated);
                QCOMPARE(column.comment, want.comment);
            }
            QCOMPARE(table->primaryKey, expected.primaryKey);
            QCOMPARE(table->foreignKeys.size(), expected.foreignKeys.size());
            for (int i = 0; i < expected.foreignKeys.size(); ++i) {
                QCOMPARE(table->foreignKeys.at(i).name, expected.foreignKeys.at(i).name);
                QCOMPARE(table->foreignKeys.at(i).refColumns, expected.foreignKeys.at(i).refColumns);
                QCOMPARE(table->foreignKeys.at(i).onDelete, expected.foreignKeys.at(i).onDelete);
            }
            QCOMPARE(table->indexes.size(), expected.indexes.size());
            QCOMPARE(table->checks.size(), expected.checks.size());
            QCOMPARE(table->triggers.size(), expected.triggers.size());
            QCOMPARE(table->definition, expected.definition);
        }
        QCOMPARE(odbc.sequences.size(), native.sequences.size());
        QCOMPARE(odbc.types.size(), native.types.size());
    }

    static void verifyWriteRefused(ReadOnlyConnection &connection, const QString &sql)
    {
        auto written = connection.run(sql, QStringLiteral("a write"));
        QVERIFY2(!written.ok(), qPrintable(sql + QStringLiteral(" was accepted")));
    }

private slots:
    void initTestCase()
    {
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QODBC")))
            QSKIP("The Qt ODBC driver is not installed (Debian: libqt6sql6-odbc unixodbc).");
        if (driverPath(kSqliteDriver).isEmpty() || driverPath(kPostgresDriver).isEmpty())
            QSKIP("The ODBC drivers are not installed (Debian: libsqliteodbc odbc-postgresql odbc-mariadb).");
        QVERIFY(m_dir.isValid());
        // unixODBC reads its DSNs and drivers from these files only: the machine's stay untouched.
        qputenv("ODBCSYSINI", m_dir.path().toUtf8());
        qputenv("ODBCINI", m_dir.filePath(QStringLiteral("odbc.ini")).toUtf8());
        qputenv("DEVDASH_NO_KEYCHAIN", "1");

        QString error;
        m_sqliteFile = m_dir.filePath(QStringLiteral("shop.db"));
        QVERIFY2(SchemaFixtures::loadSqliteFile(
                     m_sqliteFile, SchemaFixtures::path(QStringLiteral("shop.sqlite.sql")), &error),
            qPrintable(error));
        QVERIFY2(SchemaFixtures::execSqlite(m_sqliteFile,
                     QStringLiteral("CREATE VIEW product_names AS SELECT name FROM product"), &error),
            qPrintable(error));
        addDataSource(QStringLiteral("ShopSqlite"),
            { QStringLiteral("Driver=DevDash SQLite3"), QStringLiteral("Database=") + m_sqliteFile });
        addDataSource(QStringLiteral("BrokenDriver"),
            { QStringLiteral("Driver=") + m_dir.filePath(QStringLiteral("no-such-driver.so")) });

        if (PostgresServer::unavailableReason().isEmpty() && m_postgres.start()) {
            QVERIFY(!m_postgres.createDatabase(QStringLiteral("library")).isEmpty());
            QVERIFY2(SchemaFixtures::loadPostgresFile(m_postgres, QStringLiteral("library"),
                         SchemaFixtures::path(QStringLiteral("library.postgresql.sql")), &error),
                qPrintable(error));
            addDataSource(QStringLiteral("LibraryPg"),
                { QStringLiteral("Driver=DevDash PostgreSQL"), QStringLiteral("Servername=127.0.0.1"),
                    QStringLiteral("Port=%1").arg(m_postgres.port()), QStringLiteral("Database=library"),
                    QStringLiteral("Username=postgres"), QStringLiteral("SSLmode=disable") });
            // The psqlODBC options that change how results come back: cursors fetched a few
            // rows at a time, text as VARCHAR of a small size, booleans as bits.
            addDataSource(QStringLiteral("LibraryPgTuned"),
                { QStringLiteral("Driver=DevDash PostgreSQL"), QStringLiteral("Servername=127.0.0.1"),
                    QStringLiteral("Port=%1").arg(m_postgres.port()), QStringLiteral("Database=library"),
                    QStringLiteral("Username=postgres"), QStringLiteral("SSLmode=disable"),
                    QStringLiteral("UseDeclareFetch=1"), QStringLiteral("Fetch=7"),
                    QStringLiteral("TextAsLongVarchar=0"), QStringLiteral("MaxVarcharSize=20"),
                    QStringLiteral("UnknownsAsLongVarchar=0"), QStringLiteral("BoolsAsChar=0") });
            QVERIFY(m_silent.listen(QHostAddress::LocalHost));
            addDataSource(QStringLiteral("PgSilent"),
                { QStringLiteral("Driver=DevDash PostgreSQL"), QStringLiteral("Servername=127.0.0.1"),
                    QStringLiteral("Port=%1").arg(m_silent.serverPort()), QStringLiteral("Database=library"),
                    QStringLiteral("Username=postgres"), QStringLiteral("SSLmode=disable") });
            addDataSource(QStringLiteral("PgDown"),
                { QStringLiteral("Driver=DevDash PostgreSQL"), QStringLiteral("Servername=127.0.0.1"),
                    QStringLiteral("Port=1"), QStringLiteral("Database=library"),
                    QStringLiteral("Username=postgres"), QStringLiteral("SSLmode=disable") });
            m_postgresReady = true;
        }
        if (!driverPath(kMariaDbDriver).isEmpty() && MariaDbServer::unavailableReason().isEmpty()
            && m_mariadb.start()) {
            const QString library = SchemaFixtures::path(QStringLiteral("library.mysql.sql"));
            QVERIFY2(
                SchemaFixtures::missing(library).isEmpty(), qPrintable(SchemaFixtures::missing(library)));
            QVERIFY2(m_mariadb.loadFile(library, {}), qPrintable(m_mariadb.errorString()));
            addDataSource(QStringLiteral("LibraryMaria"),
                { QStringLiteral("Driver=DevDash MariaDB"), QStringLiteral("Server=127.0.0.1"),
                    QStringLiteral("Port=%1").arg(m_mariadb.port()), QStringLiteral("Database=library") });
            // The password reaches DevDash the way a user gives it: an environment variable.
            qputenv("DEVDASH_DB_PASSWORD_ODBC_MARIA", m_mariadb.password().toUtf8());
            m_mariadbReady = true;
        }
        QVERIFY(writeIniFiles());
    }

    void urlsNameTheDsn_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("dsn");
        QTest::addColumn<QString>("display");
        QTest::newRow("dsn") << "odbc://ShopSqlite"
                             << ""
                             << "ShopSqlite"
                             << "odbc://ShopSqlite";
        QTest::newRow("user") << "odbc://devdash@LibraryMaria"
                              << "devdash"
                              << "LibraryMaria"
                              << "odbc://devdash@LibraryMaria";
        QTest::newRow("password never shown") << "odbc://devdash:s3cret@LibraryMaria"
                                              << "devdash"
                                              << "LibraryMaria"
                                              << "odbc://devdash@LibraryMaria";
        QTest::newRow("slashes and spaces") << "odbc:///Sales%20Warehouse/"
                                            << ""
                                            << "Sales Warehouse"
                                            << "odbc://Sales Warehouse";
    }
    void urlsNameTheDsn()
    {
        QFETCH(QString, text);
        QFETCH(QString, user);
        QFETCH(QString, dsn);
        QFETCH(QString, display);
        auto url = DatabaseUrl::parse(text);
        QVERIFY2(url.ok(), qPrintable(url.errorMessage()));
        QCOMPARE(url->engine(), DatabaseUrl::Engine::Odbc);
        QCOMPARE(url->driverName(), QStringLiteral("QODBC"));
        QCOMPARE(url->user(), user);
        QCOMPARE(url->database(), dsn);
        QCOMPARE(url->displayUrl(), display);
    }

    void sqliteThroughItsOwnInspector()
    {
        auto connection = open(QStringLiteral("odbc://ShopSqlite"));
        QVERIFY(connection);
        QCOMPARE(connection->backend(), DatabaseUrl::Engine::Sqlite);
        QCOMPARE(connection->odbcDbms().name, QStringLiteral("SQLite"));
        auto catalog = SchemaInspector::inspect(*connection);
        QVERIFY2(catalog.ok(), qPrintable(catalog.errorMessage()));
        QCOMPARE(catalog->driver, QStringLiteral("QODBC"));
        QCOMPARE(catalog->database, QStringLiteral("ShopSqlite"));
        QCOMPARE(catalog->schemas, QStringList { QStringLiteral("main") });

        // The same catalog as the file opened natively: tables, columns with their
        // declared types, keys, foreign keys, indexes, triggers, estimates.
        auto native = open(QStringLiteral("sqlite://") + m_sqliteFile);
        QVERIFY(native);
        auto expected = SchemaInspector::inspect(*native);
        QVERIFY2(expected.ok(), qPrintable(expected.errorMessage()));
        QCOMPARE(catalog->serverVersion, expected->serverVersion);
        QCOMPARE(names(*catalog), names(*expected));
        QVERIFY(catalog->table(QStringLiteral("main"), QStringLiteral("product_names")));
        for (const Table &want : expected->tables) {
            const Table *table = catalog->table(want.schema, want.name);
            QVERIFY(table);
            QCOMPARE(SchemaJson::tableToJson(*table), SchemaJson::tableToJson(want));
        }
        QVERIFY(catalog->warnings.isEmpty());
        const Table *product = catalog->table(QStringLiteral("main"), QStringLiteral("product"));
        QVERIFY(product);
        QCOMPARE(product->columns.at(1).type, QStringLiteral("NVARCHAR(160)"));
        QCOMPARE(product->foreignKeys.size(), 1);
        QCOMPARE(product->foreignKeys.first().refTable, QStringLiteral("category"));

        auto preview = SchemaInspector::previewRows(*connection, *product, 5);
        QVERIFY2(preview.ok(), qPrintable(preview.errorMessage()));
        QCOMPARE(preview->columns, columnNames(*product));
    }

    void genericInspectorOnSqlite()
    {
        auto connection = open(QStringLiteral("odbc://ShopSqlite"));
        QVERIFY(connection);
        QCOMPARE(connection->backend(), DatabaseUrl::Engine::Sqlite);
        QCOMPARE(connection->odbcDbms().name, QStringLiteral("SQLite"));
        // ODBC's catalog calls, as for a DBMS DevDash has no inspector for.
        auto catalog = OdbcInspector(*connection, {}).inspect();
        QVERIFY2(catalog.ok(), qPrintable(catalog.errorMessage()));
        QCOMPARE(catalog->database, QStringLiteral("ShopSqlite"));
        QVERIFY(catalog->serverVersion.startsWith(QLatin1String("SQLite 3.")));
        QCOMPARE(catalog->schemas, QStringList { QStringLiteral("main") });

        auto native = open(QStringLiteral("sqlite://") + m_sqliteFile);
        QVERIFY(native);
        auto expected = SchemaInspector::inspect(*native);
        QVERIFY2(expected.ok(), qPrintable(expected.errorMessage()));
        QCOMPARE(names(*catalog), names(*expected));
        QVERIFY(catalog->table(QStringLiteral("main"), QStringLiteral("product_names")));
        for (const Table &want : expected->tables) {
            const Table *table = catalog->table(want.schema, want.name);
            QVERIFY(table);
            QCOMPARE(columnNames(*table), columnNames(want));
            QCOMPARE(table->primaryKey, want.primaryKey);
            for (int i = 0; i < want.columns.size(); ++i)
                QVERIFY2(table->columns.at(i).nullable == want.columns.at(i).nullable
                        || !want.primaryKey.contains(want.columns.at(i).name), // SQLite's PK columns
                    qPrintable(want.qualifiedName() + QLatin1Char('.') + want.columns.at(i).name));
        }
        // The shop's columns as ODBC types: product.name is NVARCHAR(160) NOT NULL.
        const Table *product = catalog->table(QStringLiteral("main"), QStringLiteral("product"));
        QVERIFY(product);
        QCOMPARE(product->columns.at(1).name, QStringLiteral("name"));
        QVERIFY2(product->columns.at(1).type.endsWith(QLatin1String("char(160)")),
            qPrintable(product->columns.at(1).type));
        QVERIFY(!product->columns.at(1).nullable);
        QCOMPARE(product->columns.at(0).type, QStringLiteral("integer"));
        // What a generic source cannot show is said.
        const QString warnings = catalog->warnings.join(QLatin1Char('\n'));
        QVERIFY2(warnings.contains(QLatin1String("foreign keys"))
                && warnings.contains(QLatin1String("indexes"))
                && warnings.contains(QLatin1String("ShopSqlite")),
            qPrintable(warnings));
        QVERIFY(product->foreignKeys.isEmpty());

        auto preview = SchemaInspector::previewRows(*connection, *product, 5);
        QVERIFY2(preview.ok(), qPrintable(preview.errorMessage()));
        QCOMPARE(preview->columns, columnNames(*product));
    }

    void sqliteRefusesWrites()
    {
        auto connection = open(QStringLiteral("odbc://ShopSqlite"));
        QVERIFY(connection);
        verifyWriteRefused(*connection, QStringLiteral("CREATE TABLE intruder (a int)"));
        verifyWriteRefused(
            *connection, QStringLiteral("INSERT INTO category (category_id, name) VALUES (99, 'x')"));
        auto native = open(QStringLiteral("sqlite://") + m_sqliteFile);
        QVERIFY(native);
        auto left = native->run(QStringLiteral("SELECT (SELECT count(*) FROM sqlite_master WHERE name = "
                                               "'intruder'), (SELECT count(*) FROM category)"),
            QStringLiteral("the check"));
        QVERIFY(left && left->next());
        QCOMPARE(left->value(0).toInt(), 0);
        QCOMPARE(left->value(1).toInt(), 0);
    }

    void postgresThroughItsOwnInspector_data()
    {
        QTest::addColumn<QString>("dsn");
        QTest::newRow("default options") << QStringLiteral("LibraryPg");
        QTest::newRow("declare-fetch, short varchar, bools as bits") << QStringLiteral("LibraryPgTuned");
    }
    void postgresThroughItsOwnInspector()
    {
        QFETCH(QString, dsn);
        if (!m_postgresReady)
            QSKIP(qPrintable(QStringLiteral("No PostgreSQL test server: ")
                + PostgresServer::unavailableReason() + m_postgres.errorString()));
        auto connection = open(QStringLiteral("odbc://") + dsn);
        QVERIFY(connection);
        QCOMPARE(connection->backend(), DatabaseUrl::Engine::Postgres);
        auto catalog = SchemaInspector::inspect(*connection);
        QVERIFY2(catalog.ok(), qPrintable(catalog->warnings.join(u'\n') + catalog.errorMessage()));
        auto native = open(m_postgres.url(QStringLiteral("library")));
        QVERIFY(native);
        auto expected = SchemaInspector::inspect(*native);
        QVERIFY2(expected.ok(), qPrintable(expected.errorMessage()));
        QCOMPARE(expected->tables.size(), 19);
        compareEngineCatalogs(*catalog, *expected);
        if (QTest::currentTestFailed())
            return;
        // PostgreSQL's own read-only session, not only the driver's mode.
        verifyWriteRefused(*connection, QStringLiteral("CREATE TABLE intruder (a int)"));
        auto readOnly = connection->run(QStringLiteral("SHOW default_transaction_read_only"), {});
        QVERIFY(readOnly && readOnly->next());
        QCOMPARE(readOnly->value(0).toString(), QStringLiteral("on"));
    }

    void postgresThroughInformationSchema()
    {
        if (!m_postgresReady)
            QSKIP("No PostgreSQL test server.");
        // The generic inspector's information_schema path, on a DBMS that has one.
        auto connection = open(QStringLiteral("odbc://LibraryPg"));
        QVERIFY(connection);
        auto catalog = OdbcInspector(*connection, {}).inspect();
        QVERIFY2(catalog.ok(), qPrintable(catalog.errorMessage()));
        auto native = open(m_postgres.url(QStringLiteral("library")));
        QVERIFY(native);
        auto expected = SchemaInspector::inspect(*native);
        QVERIFY(expected.ok());
        // information_schema.tables lists no materialized view: the library's one is left out.
        QStringList expectedNames = names(*expected);
        expectedNames.removeAll(QStringLiteral("reporting.books_per_format:materialized_view"));
        QCOMPARE(expectedNames.size(), 18);
        QCOMPARE(names(*catalog), expectedNames);
        int typesCompared = 0;
        for (const Table &want : expected->tables) {
            if (want.kind == TableKind::MaterializedView)
                continue;
            const Table *table = catalog->table(want.schema, want.name);
            QVERIFY(table);
            QCOMPARE(columnNames(*table), columnNames(want));
            QCOMPARE(table->primaryKey, want.primaryKey);
            for (int i = 0; i < want.columns.size(); ++i) {
                QCOMPARE(table->columns.at(i).nullable, want.columns.at(i).nullable);
                if (!want.columns.at(i).generated.isEmpty())
                    continue;
                QCOMPARE(table->columns.at(i).defaultValue, want.columns.at(i).defaultValue);
                const QString type = want.columns.at(i).type;
                if (type == QLatin1String("integer") || type == QLatin1String("smallint")
                    || type == QLatin1String("text") || type == QLatin1String("boolean")
                    || type.startsWith(QLatin1String("character varying("))
                    || type.startsWith(QLatin1String("numeric("))) {
                    QCOMPARE(table->columns.at(i).type, type);
                    ++typesCompared;
                }
            }
            QCOMPARE(table->foreignKeys.size(), want.foreignKeys.size());
            for (const ForeignKey &fk : want.foreignKeys) {
                auto it = std::find_if(table->foreignKeys.cbegin(), table->foreignKeys.cend(),
                    [&](const ForeignKey &k) { return k.name == fk.name; });
                QVERIFY2(it != table->foreignKeys.cend(), qPrintable(fk.name));
                QCOMPARE(it->columns, fk.columns);
                QCOMPARE(it->refTable, fk.refTable);
                QCOMPARE(it->refColumns, fk.refColumns);
                QCOMPARE(it->onUpdate, fk.onUpdate);
                QCOMPARE(it->onDelete, fk.onDelete);
            }
            QCOMPARE(table->uniques.size(), want.uniques.size());
        }
        QVERIFY(typesCompared > 50);
        QVERIFY(catalog->warnings.join(u'\n').contains(QLatin1String("information_schema")));
    }

    void mariadbThroughItsOwnInspector()
    {
        if (!m_mariadbReady)
            QSKIP(qPrintable(QStringLiteral("No MariaDB test server or odbc-mariadb: ")
                + MariaDbServer::unavailableReason() + m_mariadb.errorString()));
        auto connection = open(
            QStringLiteral("odbc://%1@LibraryMaria").arg(m_mariadb.user()), QStringLiteral("odbc maria"));
        QVERIFY(connection);
        QCOMPARE(connection->backend(), DatabaseUrl::Engine::MariaDb);
        auto catalog = SchemaInspector::inspect(*connection);
        QVERIFY2(catalog.ok(), qPrintable(catalog.errorMessage()));
        qputenv("MYSQL_PWD", m_mariadb.password().toUtf8());
        auto native = open(m_mariadb.url(QStringLiteral("library")));
        qunsetenv("MYSQL_PWD");
        QVERIFY(native);
        auto expected = SchemaInspector::inspect(*native);
        QVERIFY2(expected.ok(), qPrintable(expected.errorMessage()));
        QCOMPARE(expected->tables.size(), 13);
        compareEngineCatalogs(*catalog, *expected);
        if (QTest::currentTestFailed())
            return;
        verifyWriteRefused(*connection, QStringLiteral("CREATE TABLE intruder (a int)"));
        verifyWriteRefused(*connection, QStringLiteral("INSERT INTO publisher (name) VALUES ('Klingon')"));
    }

    void mariadbWrongPasswordSaysHowToGiveIt()
    {
        if (!m_mariadbReady)
            QSKIP("No MariaDB test server or odbc-mariadb.");
        const QByteArray wrong = "not-the-devdash-password";
        qputenv("DEVDASH_DB_PASSWORD_ODBC_WRONG", wrong);
        ConnectionOptions options;
        options.environmentName = QStringLiteral("odbc wrong");
        options.useKeychain = false;
        auto connection = ReadOnlyConnection::open(
            *DatabaseUrl::parse(QStringLiteral("odbc://%1@LibraryMaria").arg(m_mariadb.user())), options);
        qunsetenv("DEVDASH_DB_PASSWORD_ODBC_WRONG");
        QVERIFY(!connection);
        const QString message = connection.errorMessage();
        QVERIFY2(
            message.contains(QLatin1String("refused the login of user \"devdash\"")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("DEVDASH_DB_PASSWORD_ODBC_WRONG")), qPrintable(message));
        QVERIFY(!message.contains(QString::fromUtf8(wrong)));
    }

    void commandLinePrintsTheCatalog()
    {
        // The child inherits ODBCINI/ODBCSYSINI: the same private DSNs.
        QProcess devdash;
        devdash.start(QStringLiteral(DEVDASH_BINARY),
            { QStringLiteral("schema"), QStringLiteral("odbc://ShopSqlite"), QStringLiteral("--json") });
        QVERIFY(devdash.waitForFinished(60000));
        QCOMPARE(devdash.exitCode(), 0);
        QJsonParseError parseError;
        const QJsonObject json
            = QJsonDocument::fromJson(devdash.readAllStandardOutput(), &parseError).object();
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        QCOMPARE(json.value(QStringLiteral("driver")).toString(), QStringLiteral("QODBC"));
        QCOMPARE(json.value(QStringLiteral("database")).toString(), QStringLiteral("ShopSqlite"));
        const QJsonArray tables = json.value(QStringLiteral("tables")).toArray();
        QCOMPARE(tables.size(), 11); // the shop's 9 tables, its view and product_names
        QCOMPARE(
            tables.first().toObject().value(QStringLiteral("name")).toString(), QStringLiteral("address"));
        QCOMPARE(tables.first().toObject().value(QStringLiteral("primary_key")).toArray().first().toString(),
            QStringLiteral("address_id"));
        QCOMPARE(tables.first().toObject().value(QStringLiteral("foreign_keys")).toArray().size(), 1);

        devdash.start(QStringLiteral(DEVDASH_BINARY),
            { QStringLiteral("schema"), QStringLiteral("odbc://NoSuchDsn"), QStringLiteral("--json") });
        QVERIFY(devdash.waitForFinished(60000));
        QCOMPARE(devdash.exitCode(), 1);
        const QString error = QString::fromUtf8(devdash.readAllStandardError());
        QVERIFY2(error.contains(QLatin1String("no ODBC data source named \"NoSuchDsn\"")), qPrintable(error));
    }

    void unknownDataSourceIsNamed()
    {
        auto url = DatabaseUrl::parse(QStringLiteral("odbc://NoSuchDsn"));
        QVERIFY(url);
        auto connection = ReadOnlyConnection::open(*url);
        QVERIFY(!connection);
        const QString message = connection.errorMessage();
        QVERIFY2(
            message.contains(QLatin1String("no ODBC data source named \"NoSuchDsn\"")), qPrintable(message));
        // The DSNs that do exist (this test's odbc.ini), and where they are defined.
        QVERIFY2(message.contains(QLatin1String("ShopSqlite")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("odbc.ini")), qPrintable(message));
    }

    void unreachableServerIsNamed()
    {
        if (!m_postgresReady)
            QSKIP("No PostgreSQL test server.");
        auto connection = ReadOnlyConnection::open(*DatabaseUrl::parse(QStringLiteral("odbc://PgDown")));
        QVERIFY(!connection);
        const QString message = connection.errorMessage();
        QVERIFY2(
            message.contains(QLatin1String("the server that data source \"PgDown\" names cannot be reached")),
            qPrintable(message));
    }

    void silentServerFailsInBoundedTime()
    {
        if (!m_postgresReady)
            QSKIP("No PostgreSQL test server.");
        ConnectionOptions options;
        options.connectTimeoutSeconds = 2;
        options.useKeychain = false;
        QElapsedTimer timer;
        timer.start();
        auto connection
            = ReadOnlyConnection::open(*DatabaseUrl::parse(QStringLiteral("odbc://PgSilent")), options);
        QVERIFY(!connection);
        QVERIFY2(timer.elapsed() < 15000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY2(connection.errorMessage().contains(QLatin1String("PgSilent")),
            qPrintable(connection.errorMessage()));
    }

    void unloadableDriverIsNamed()
    {
        auto connection
            = ReadOnlyConnection::open(*DatabaseUrl::parse(QStringLiteral("odbc://BrokenDriver")));
        QVERIFY(!connection);
        const QString message = connection.errorMessage();
        QVERIFY2(
            message.contains(QLatin1String("ODBC driver of data source \"BrokenDriver\" cannot be loaded")),
            qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestOdbcInspector)
#include "tst_odbcinspector.moc"

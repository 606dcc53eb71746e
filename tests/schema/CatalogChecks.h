#pragma once

// An inspector's catalog of a whole database compared, table by table, with what the
// engine itself says (SQLite's pragmas, PostgreSQL's pg_catalog and information_schema,
// MariaDB's SHOW statements). Shared by the suites on the project's samples and the
// conformance suite on the public corpus. Failures are reported through QTest: call
// from a test function, which returns when QTest::currentTestFailed().

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

namespace devdash::schema {
class ReadOnlyConnection;
}

namespace devdash::test {

// An independent connection to a SQLite file for the oracle queries.
class SqliteOracle
{
public:
    explicit SqliteOracle(const QString &file);
    ~SqliteOracle();
    SqliteOracle(const SqliteOracle &) = delete;
    SqliteOracle &operator=(const SqliteOracle &) = delete;
    QList<QVariantList> rows(const QString &sql);

private:
    QString m_name;
    QSqlDatabase m_db;
};

// The SQLite file as SchemaInspector reads it: every table and view, columns (generated
// ones included), keys, foreign keys with their rules, indexes, triggers; the JSON round
// trip. At least `minTables` relations and `minForeignKeys` foreign keys.
void checkSqliteCatalog(const QString &file, int minTables, int minForeignKeys);

// Every relation of the user's schemas with columns typed by format_type, NOT NULL,
// defaults and generated expressions; foreign keys and their rules; indexes, their
// method, uniqueness and predicate.
void checkPostgresCatalog(
    schema::ReadOnlyConnection &connection, const QString &database, int minTables, int minForeignKeys);

// SHOW FULL TABLES, SHOW COLUMNS, SHOW INDEX and the referential rules of every table.
void checkMysqlCatalog(
    schema::ReadOnlyConnection &connection, const QString &database, int minTables, int minForeignKeys);

} // namespace devdash::test

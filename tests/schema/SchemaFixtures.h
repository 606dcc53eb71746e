#pragma once

// The project's sample schemas (tests/data/schemas: library and shop for SQLite,
// PostgreSQL and MySQL/MariaDB; see its README.md) loaded into SQLite files and the
// test servers, by the engines' own tools where they exist. A sample that is not
// there fails the load with a message naming the file.

#include <QList>
#include <QString>
#include <QVariantList>

namespace devdash::schema {
class ReadOnlyConnection;
}

namespace devdash::test {

class PostgresServer;

class SchemaFixtures
{
public:
    // tests/data/schemas/<fileName>.
    static QString path(const QString &fileName);
    // "missing test data file <path>" when it is not a readable file; empty when it is.
    static QString missing(const QString &sqlFile);
    // Runs a whole .sql file (or SQL text) on a new or existing SQLite file through
    // sqlite3_exec. SQLite refuses a script that creates sqlite_sequence itself
    // (some public dumps do): that statement is dropped, SQLite makes the table.
    static bool loadSqliteFile(const QString &databaseFile, const QString &sqlFile, QString *error);
    static bool execSqlite(const QString &databaseFile, const QString &sql, QString *error);
    // Runs `psql -f` as the superuser on `database` (the file may \c elsewhere).
    static bool loadPostgresFile(
        const PostgresServer &server, const QString &database, const QString &sqlFile, QString *error);
    static bool execPostgres(
        const PostgresServer &server, const QString &database, const QString &sql, QString *error);
    // The rows of a query asked of the engine itself (what an inspector's result is
    // checked against); empty, with a warning, when it fails.
    static QList<QVariantList> oracle(
        schema::ReadOnlyConnection &connection, const QString &sql, const QVariantList &values = {});
};

} // namespace devdash::test

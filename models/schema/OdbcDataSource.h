#pragma once

// What stands behind an `odbc://DSN` URL: the DBMS that answers on an open
// QODBC connection (SQLGetInfo's SQL_DBMS_NAME, read through the driver
// manager Qt's QODBC plugin already loaded, else SQL probes), the data sources
// configured on this machine (`odbcinst -q -s`), and what to tell a user whose
// DSN cannot be opened.

#include "schema/DatabaseUrl.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QStringList>

#include <optional>

namespace devdash::schema {

class OdbcDataSource
{
public:
    struct Dbms
    {
        QString name; // "PostgreSQL", "MariaDB", "SQLite"… as the ODBC driver says it
        QString version; // the DBMS's version
        QString driver; // the ODBC driver's file ("psqlodbcw.so")
        // The engine whose inspector and read-only setting apply: Postgres, MySql,
        // MariaDb or Sqlite; Engine::Odbc for any other DBMS.
        DatabaseUrl::Engine engine = DatabaseUrl::Engine::Odbc;

        QString description() const; // "PostgreSQL 15.4 via psqlodbcw.so"
    };

    // Asks the open QODBC connection `db` which DBMS answers.
    static Dbms identify(const QSqlDatabase &db);
    // The character the DBMS quotes identifiers with (SQLGetInfo's
    // SQL_IDENTIFIER_QUOTE_CHAR): "\"", "`", " " when it has none; empty when unknown.
    static QString identifierQuote(const QSqlDatabase &db);

    // The DSNs unixODBC knows (user and system), from `odbcinst -q -s`; nullopt
    // when odbcinst cannot be run.
    static std::optional<QStringList> configuredDataSources();

    // Whether the DBMS behind the DSN refused the login (each driver words it its own
    // way): the keychain is then asked, as for the other engines.
    static bool isLoginRefused(const QSqlError &error);

    // A clear message for the ODBC failures a driver words poorly (unknown DSN, a
    // driver library that cannot be loaded, a server that cannot be reached, a
    // refused login); nullopt for the others. `passwordHint`: how to give a
    // password (DatabasePassword::howToProvide).
    static std::optional<QString> describeConnectError(
        const DatabaseUrl &url, const QSqlError &error, const QString &passwordHint);
};

} // namespace devdash::schema

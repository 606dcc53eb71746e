#pragma once

// DevDash's own quoting of SQL identifiers, one rule per dialect: the name goes
// between the dialect's quotes and every closing quote inside it is doubled,
// always. QSqlDriver::escapeIdentifier is not used anywhere: it returns a name
// that starts or ends with a quote unchanged (a schema named `"x";drop table p;--`
// reached the server as SQL), and QMYSQL never doubles a backtick.
//
// A qualified name quotes the schema and the name separately, from the catalog's
// own columns: a dot inside either stays part of that name.

#include <QString>

namespace devdash {

class SqlIdentifier
{
public:
    enum class Dialect {
        Ansi, // "name", " doubled (SQL standard; an ODBC DBMS without a known quote)
        Postgres, // "name"
        Sqlite, // "name"
        MySql, // `name`, ` doubled (MySQL and MariaDB, whatever ANSI_QUOTES says)
        SqlServer, // [name], ] doubled
    };

    // `name` quoted for `dialect`. A name holding U+0000 can be no identifier of
    // these engines: the quoted text then holds it too, and the statement guard
    // (ReadOnlySql) refuses any SQL with a NUL.
    static QString quote(const QString &name, Dialect dialect);
    // schema.name, each part quoted; an empty schema gives the quoted name alone.
    static QString qualified(const QString &schema, const QString &name, Dialect dialect);
    // The dialect whose quotes are `quoteCharacter`, as ODBC's SQLGetInfo
    // (SQL_IDENTIFIER_QUOTE_CHAR) gives it: "`" MySql, "[" SqlServer, anything
    // else (a double quote, or " " for a DBMS that has none) Ansi.
    static Dialect fromQuoteCharacter(const QString &quoteCharacter);
};

} // namespace devdash

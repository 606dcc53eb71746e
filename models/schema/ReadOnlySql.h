#pragma once

// How every statement of an inspection reaches a database: one statement per
// call, checked before it is sent; SELECTs prepared with their values bound,
// never written into the text; on PostgreSQL inside the explicit read-only
// transaction (BEGIN READ ONLY) of DevDash's own connections, opened again after
// an error or a commit ended it.
//
// The check is needed because the drivers do not stop a second statement: QPSQL
// sends a query (and even QSqlQuery::prepare's "PREPARE … AS <query>") through
// PQexec, which runs every statement of the text, and QMYSQL connects with
// CLIENT_MULTI_STATEMENTS. A statement DevDash builds holds names only quoted by
// SqlIdentifier; the check is what stops a bug in that quoting from becoming a
// second statement. It is deliberately stricter than the engines: a semicolon,
// a comment, a PostgreSQL dollar quote, a NUL or an unterminated quote outside
// quotes, or a backslash inside a string where the server may read it as an
// escape, refuse the statement.

#include "common/Result.h"
#include "common/SqlIdentifier.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>

#include <optional>

namespace devdash::schema {

class ReadOnlySql
{
public:
    using Dialect = SqlIdentifier::Dialect;

    // The dialect of an open connection: by its Qt driver; behind QODBC by the
    // quote the ODBC driver names (SQL_IDENTIFIER_QUOTE_CHAR) and the DBMS Qt saw.
    static Dialect dialectOf(const QSqlDatabase &db);

    // Why `sql` is not exactly one statement DevDash may send, or nullopt.
    static std::optional<QString> refusal(const QString &sql, Dialect dialect);

    // Runs `sql` (checked against `dialect`) on `db`: prepared and bound when it
    // is a SELECT/WITH or has values, as text otherwise (SET, SHOW: no values).
    // The error's message is the database's own text. `forwardOnly` false reads
    // the whole result at once (QPSQL: one PGresult instead of one per row).
    static Result<QSqlQuery> exec(QSqlDatabase db, const QString &sql, Dialect dialect,
        const QVariantList &values = {}, bool forwardOnly = true);

    // PostgreSQL connections of DevDash (ReadOnlyConnection): starts the read-only
    // transaction when none is open, first rolling back one an error aborted.
    // Other connections and engines: nothing. False when it could not.
    static bool ensureReadOnlyTransaction(QSqlDatabase db);

    // The connection names ReadOnlyConnection gives (and only it).
    static QString connectionNamePrefix() { return QStringLiteral("devdash-schema-"); }
};

} // namespace devdash::schema

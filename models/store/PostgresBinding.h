#pragma once

// libpq behind Qt's QPSQL connection, for the hot paths where Qt's per-value
// handling dominates: QPSQL formats every bound value into an EXECUTE statement
// and wraps every cell read in a QVariant. Bulk inserts go through COPY and
// integer queries through PQexecParams instead; values stay parameters (or COPY
// data), never SQL text.
//
// Use the handle only while no QSqlQuery of the connection has unread results:
// QPSQL reads forward-only queries row by row, and libpq serves one command at a time.

#include "common/Result.h"

#include <QByteArray>
#include <QString>
#include <QVariantList>

#include <functional>

struct pg_conn;
typedef struct pg_conn PGconn;

namespace devdash::store {

class Database;

// The PGconn* of a QPSQL connection, or nullptr (another driver).
PGconn *postgresHandle(const Database &db);

// Whether libpq can take a command now: false while a Qt query still has unread rows.
bool postgresReady(PGconn *conn);

// Whether the connection is inside a transaction block (BEGIN … COMMIT).
bool postgresInTransaction(PGconn *conn);

// Appends `value` as one field of COPY's text format (NULL as \N; tab, newline,
// carriage return and backslash escaped), without the separator.
void appendCopyField(QByteArray &out, const QVariant &value);

// Runs `COPY table (columns) FROM STDIN` and sends `data` (rows in COPY's text
// format), in the connection's current transaction.
Result<void> copyIn(const Database &db, PGconn *conn, const QString &table, const QStringList &columns,
    const QByteArray &data);

// Runs `sql` ("?" placeholders, as for QSqlQuery) with `values` as text parameters
// and calls `row` with each result row's cells (nullptr for NULL). `what` names
// the operation in errors.
Result<void> forEachPostgresRow(const Database &db, PGconn *conn, const QString &what, const QString &sql,
    const QVariantList &values, const std::function<void(int columns, const char *const *cells)> &row);

// Runs a statement that returns no rows (or whose rows are not needed).
Result<void> execPostgres(const Database &db, PGconn *conn, const QString &what, const QString &sql);

} // namespace devdash::store

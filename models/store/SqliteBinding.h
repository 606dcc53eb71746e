#pragma once

// SQLite's own API behind Qt's QSQLITE connection, for the hot paths (bulk
// inserts, reading many integer rows) where Qt's per-value overhead dominates.

#include <QVariant>

struct sqlite3;
struct sqlite3_stmt;

namespace devdash::store {

class Database;

// The sqlite3* of a QSQLITE connection, or nullptr (another driver).
sqlite3 *sqliteHandle(const Database &db);
// Binds `value` to parameter `index` (1-based); strings are bound without a copy, so
// `value` must outlive the statement's next step. Returns SQLite's result code.
int bindSqliteValue(sqlite3_stmt *statement, int index, const QVariant &value);

} // namespace devdash::store

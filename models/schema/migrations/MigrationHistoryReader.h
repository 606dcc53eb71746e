#pragma once

// Finds which migration frameworks keep a history table in a database, and reads
// those tables. Table-driven: each framework is a table name, the columns that tell
// it apart from a namesake, and a mapping of its rows to AppliedMigration.
//
// The connection belongs to the calling thread (opened read-only by the caller); the
// reader only runs SELECTs, one statement per call (ReadOnlySql), with the schema
// and the table name read from the catalog as two values and quoted apart by
// SqlIdentifier: a schema named `"x";drop table p;--` is a name, never SQL.

#include "Migration.h"
#include "common/Result.h"

#include <QSqlDatabase>

namespace devdash::migrations {

struct HistoryTable
{
    Framework framework = Framework::Unknown;
    QString table; // for people: schema-qualified outside the default schema ("sp.flyway_schema_history")
    QString schema; // as the catalog has it; empty: the connection's default
    QString name; // the table's own name, as the catalog has it
};

class MigrationHistoryReader
{
public:
    // Every history table in the database, most specific first (several frameworks may share
    // a database). An empty list when there is none.
    static Result<QList<HistoryTable>> detect(QSqlDatabase db);
    static Result<MigrationHistory> read(QSqlDatabase db, const HistoryTable &table);
    // detect() then read() of the table of `preferred`, else of the first one found. The error
    // says which tables were looked for when none exists.
    static Result<MigrationHistory> readDetected(QSqlDatabase db, Framework preferred = Framework::Unknown);
    // The table name each framework uses by default (for messages and documentation).
    static QString defaultTableName(Framework framework);
};

} // namespace devdash::migrations

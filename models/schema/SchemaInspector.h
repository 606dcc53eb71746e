#pragma once

// The entry point of inspection: picks the inspector for the connection's
// engine (SqliteInspector, PostgresInspector, MysqlInspector). Each reads the
// catalog with one query per kind of object for the whole database, never one
// per table. Runs on the thread that owns the connection (never the GUI
// thread); cancellation through the connection's CancelToken.

#include "common/Result.h"
#include "schema/ReadOnlyConnection.h"
#include "schema/SchemaCatalog.h"

#include <QStringList>
#include <QVariantList>

namespace devdash::schema {

struct InspectOptions
{
    // The schemas to read; empty: every user schema (PostgreSQL: all but
    // pg_catalog, information_schema, pg_toast; MySQL: the URL's database).
    QStringList schemas;
};

// The first rows of a table, for the Database page's preview.
struct RowPreview
{
    QStringList columns;
    QList<QVariantList> rows;
};

class SchemaInspector
{
public:
    static Result<SchemaCatalog> inspect(ReadOnlyConnection &connection, const InspectOptions &options = {});

    // Reads at most `limit` rows of schema.table, schema and name quoted apart by
    // SqlIdentifier, on the read-only connection (one prepared statement).
    static Result<RowPreview> previewRows(
        ReadOnlyConnection &connection, const Table &table, int limit = 100);
};

} // namespace devdash::schema

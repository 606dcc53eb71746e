#pragma once

// Reads a MySQL or MariaDB catalog from information_schema: TABLES, COLUMNS,
// STATISTICS, KEY_COLUMN_USAGE + REFERENTIAL_CONSTRAINTS, CHECK_CONSTRAINTS,
// TRIGGERS and VIEWS, each read once for the inspected database(s). MariaDB's
// quirks are smoothed out so both engines give the same catalog: its
// COLUMN_DEFAULT quotes string literals and says 'NULL' (text) for "no
// default", MySQL gives bare literals and a DEFAULT_GENERATED flag.

#include "common/Result.h"
#include "schema/ReadOnlyConnection.h"
#include "schema/SchemaCatalog.h"

#include <QHash>

namespace devdash::schema {

class MysqlInspector
{
public:
    MysqlInspector(ReadOnlyConnection &connection, const QStringList &schemas);
    Result<SchemaCatalog> inspect();

private:
    Result<QSqlQuery> select(const QString &columns, const QString &from, const QString &schemaColumn,
        const QString &what, const QString &orderBy);
    Result<void> readTables();
    Result<void> readColumns();
    Result<void> readIndexes();
    Result<void> readForeignKeys();
    Result<void> readChecks();
    Result<void> readTriggers();
    Result<void> readViews();
    Table *tableFor(const QString &schema, const QString &name);

    ReadOnlyConnection &m_connection;
    QStringList m_schemas;
    bool m_mariaDb = false;
    SchemaCatalog m_catalog;
    QHash<QString, int> m_tableByName; // "schema\x1ftable" → index
};

} // namespace devdash::schema

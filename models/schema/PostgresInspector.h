#pragma once

// Reads a PostgreSQL catalog from pg_catalog only (information_schema's views
// take tens of seconds on a few thousand tables): one query per kind of
// object — relations, columns, constraints, indexes, triggers, sequences,
// types — for all user schemas at once.

#include "common/Result.h"
#include "schema/ReadOnlyConnection.h"
#include "schema/SchemaCatalog.h"

#include <QHash>

namespace devdash::schema {

class PostgresInspector
{
public:
    PostgresInspector(ReadOnlyConnection &connection, const QStringList &schemas);
    Result<SchemaCatalog> inspect();

private:
    Result<void> readRelations();
    Result<void> readColumns();
    Result<void> readConstraints();
    Result<void> readIndexes();
    Result<void> readTriggers();
    Result<void> readSequences();
    Result<void> readTypes();
    bool wanted(const QString &schema) const;
    Table *tableFor(qint64 oid);
    QStringList columnNames(qint64 relation, const QString &attnums) const;

    ReadOnlyConnection &m_connection;
    QStringList m_schemas;
    SchemaCatalog m_catalog;
    QHash<qint64, int> m_tableByOid; // pg_class oid → index in m_catalog.tables
    // (relation oid, attnum) → column name, for the keys of constraints.
    QHash<QPair<qint64, int>, QString> m_columnNames;
    qint64 m_blockSize = 8192;
};

} // namespace devdash::schema

#pragma once

// Reads a PostgreSQL catalog from pg_catalog only (information_schema's views
// take tens of seconds on a few thousand tables): one query per kind of
// object — relations, columns, constraints, indexes, triggers, sequences,
// types — for all user schemas at once; the columns on a second connection
// at the same time when one can be opened without asking the keychain.

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
    // The columns of every relation, read on any connection (no member touched).
    struct ColumnsRead
    {
        QHash<QPair<qint64, int>, QString> names; // (relation oid, attnum) → column name
        QHash<qint64, QList<Column>> byRelation; // in column order
    };
    static Result<QSqlQuery> fetchAll(
        const ReadOnlyConnection &connection, const QString &sql, const QString &what);
    static Result<ColumnsRead> readColumns(const ReadOnlyConnection &connection);
    static Result<void> readTypeNames(
        const ReadOnlyConnection &connection, QHash<QPair<qint64, int>, QString> &names);
    void applyColumns(ColumnsRead &&read);
    Result<void> readRelations();
    Result<QSqlQuery> queryConstraints() const;
    Result<void> readConstraints(Result<QSqlQuery> &query);
    Result<QSqlQuery> queryIndexes() const;
    Result<void> readIndexes(Result<QSqlQuery> &query);
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

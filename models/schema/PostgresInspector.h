#pragma once

// Reads a PostgreSQL catalog from pg_catalog only (information_schema's views
// take tens of seconds on a few thousand tables): one query per kind of
// object — relations, columns, constraints, indexes, triggers, sequences,
// types — for all user schemas at once; the columns on a second connection
// at the same time when one can be opened without asking the keychain, the
// defaults on the first (deparsed once per distinct expression).

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
    using ColumnKey = QPair<qint64, int>; // (relation oid, attnum)
    struct ColumnSlot
    {
        QString name;
        qsizetype index = 0; // in its relation's column list
    };
    struct ColumnsRead
    {
        QHash<ColumnKey, ColumnSlot> columns;
        QHash<qint64, QList<Column>> byRelation; // in column order
        QList<ColumnKey> generated; // stored generated columns: their expression is read per column
    };
    static Result<QSqlQuery> fetchAll(
        const ReadOnlyConnection &connection, const QString &sql, const QString &what);
    static Result<ColumnsRead> readColumns(const ReadOnlyConnection &connection);
    static Result<void> readTypeNames(
        const ReadOnlyConnection &connection, QHash<QPair<qint64, int>, QString> &names);
    void applyColumns(ColumnsRead &&read);
    Result<QSqlQuery> queryDefaults() const;
    Result<void> readDefaults(Result<QSqlQuery> &query);
    Result<void> readGeneratedExpressions(const QList<ColumnKey> &columns);
    Column *columnFor(qint64 relation, int attnum);
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
    QString columnName(qint64 relation, int attnum, const QString &number) const;
    QStringList columnNames(qint64 relation, const QString &attnums) const;

    ReadOnlyConnection &m_connection;
    QStringList m_schemas;
    SchemaCatalog m_catalog;
    QHash<qint64, int> m_tableByOid; // pg_class oid → index in m_catalog.tables
    // (relation oid, attnum) → column name, for the keys of constraints.
    QHash<ColumnKey, ColumnSlot> m_columns;
    qint64 m_blockSize = 8192;
};

} // namespace devdash::schema

#pragma once

// Reads a PostgreSQL catalog from pg_catalog only (information_schema's views
// take tens of seconds on a few thousand tables): one query per kind of
// object — relations, columns, constraints, indexes, triggers, sequences,
// types — for all user schemas at once; the columns on a second connection
// at the same time when one can be opened without asking the keychain, the
// defaults on the first (deparsed once per distinct expression).

#include "common/Result.h"
#include "schema/PostgresColumnReader.h"
#include "schema/ReadOnlyConnection.h"
#include "schema/SchemaCatalog.h"

#include <QHash>

#include <vector>

namespace devdash::schema {

class PostgresInspector
{
public:
    PostgresInspector(ReadOnlyConnection &connection, const QStringList &schemas);
    Result<SchemaCatalog> inspect();

private:
    void applyColumns(PostgresColumnReader::Columns &&read);
    Result<QSqlQuery> queryDefaults() const;
    Result<void> readDefaults(Result<QSqlQuery> &query);
    Result<void> readGeneratedExpressions(const QList<PostgresColumnReader::Key> &columns);
    Column *columnFor(qint64 relation, int attnum);
    Result<void> readRelations();
    Result<QSqlQuery> queryConstraints() const;
    // Read before the columns arrive; their key columns are named after (nameKeyColumns).
    Result<void> readConstraints(Result<QSqlQuery> &query);
    Result<QSqlQuery> queryIndexes() const;
    Result<void> readIndexes(Result<QSqlQuery> &query);
    Result<void> readTriggers();
    Result<void> readSequences();
    Result<void> readTypes();
    bool wanted(const QString &schema) const;
    Table *tableFor(qint64 oid);
    void nameKeyColumns();
    QString columnName(qint64 relation, int attnum, const QString &number) const;
    QStringList columnNames(qint64 relation, const QString &attnums) const;

    ReadOnlyConnection &m_connection;
    QStringList m_schemas;
    SchemaCatalog m_catalog;
    QHash<qint64, int> m_tableByOid; // pg_class oid → index in m_catalog.tables
    // (relation oid, attnum) → column name, for the keys of constraints.
    QHash<PostgresColumnReader::Key, PostgresColumnReader::Slot> m_columns;
    // Key columns of constraints and indexes as the catalog numbers them, to be named
    // once the columns are read: which list of which table, from which relation's columns.
    struct KeyColumns
    {
        enum Kind : char { PrimaryKey, Unique, ForeignKey, ReferencedKey, IndexKey };
        int table;
        Kind kind;
        int item; // in the table's uniques, foreignKeys or indexes
        qint64 relation;
        QString attnums; // "{3,1}", or for an index indkey's "3 0 1"
        QStringList expressions; // an index's, per key position (attnum 0)
        int keyCount = 0; // an index's key columns (the rest are INCLUDE columns)
    };
    std::vector<KeyColumns> m_keyColumns;
    qint64 m_blockSize = 8192;
};

} // namespace devdash::schema

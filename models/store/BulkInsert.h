#pragma once

#include "Database.h"
#include "common/Result.h"

#include <QSqlQuery>
#include <QStringList>
#include <QVariantList>

#include <functional>
#include <optional>

namespace devdash::store {

// Inserts many rows, values always bound. On PostgreSQL: COPY through libpq, the
// rows buffered and sent when flushed (or when the buffer is large), because QPSQL
// formats each bound value into statement text; with a suffix (ON CONFLICT,
// RETURNING) the rows are copied into a temporary table and moved with one
// INSERT … SELECT. Without libpq's handle: multi-row INSERT statements. On SQLite:
// one prepared statement stepped per row through SQLite's own API, because Qt's
// per-value binding costs more than SQLite's insert itself.
//
// Rows may reach the table only at flush(): call it before reading them back, and
// before the transaction ends.
class BulkInsert
{
public:
    // `suffix` follows the VALUES list, e.g. "ON CONFLICT DO NOTHING RETURNING id".
    BulkInsert(const Database &db, const QString &table, const QStringList &columns,
        const QString &suffix = {}, int rowsPerStatement = 0);

    ~BulkInsert();
    BulkInsert(const BulkInsert &) = delete;
    BulkInsert &operator=(const BulkInsert &) = delete;

    // Called for each row a RETURNING suffix yields.
    void setResultHandler(std::function<void(const QVariantList &)> handler)
    {
        m_handler = std::move(handler);
    }

    // `values` has one value per column; a null QVariant of the column's type binds NULL.
    Result<void> addRow(const QVariantList &values);
    Result<void> flush();
    qint64 rowCount() const { return m_rows; }

private:
    QString statement(int rows) const;
    Result<void> run(QSqlQuery &query, int rows);
    Result<void> stepSqlite(const QVariantList &values);
    Result<void> flushPostgres();

    const Database &m_db;
    QString m_table;
    QStringList m_columns;
    QString m_suffix;
    int m_rowsPerStatement = 0;
    std::optional<QSqlQuery> m_fullQuery;
    QVariantList m_pending;
    std::function<void(const QVariantList &)> m_handler;
    void *m_sqlite = nullptr; // sqlite3*, when the fast path is used
    void *m_statement = nullptr; // sqlite3_stmt*
    void *m_postgres = nullptr; // PGconn*, when COPY is used
    QByteArray m_copyData; // rows in COPY's text format, not yet sent
    qint64 m_copyRows = 0;
    QString m_stageTable; // the temporary table of a suffixed insert, once created
    qint64 m_rows = 0;
};

} // namespace devdash::store

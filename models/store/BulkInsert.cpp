#include "BulkInsert.h"

#include "PostgresBinding.h"
#include "SqliteBinding.h"

#include "common/SqlIdentifier.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlRecord>

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <utility>

namespace devdash::store {

namespace {
// Well under SQLite's 32766 and PostgreSQL's 65535 bound parameters per statement.
constexpr int MaxParameters = 4000;
constexpr int DefaultRows = 250;
// COPY data sent once this much is buffered: bounded memory for huge imports.
constexpr qsizetype MaxCopyBytes = 8 << 20;
std::atomic_int s_stageCounter { 0 };
} // namespace

BulkInsert::BulkInsert(const Database &db, const QString &table, const QStringList &columns,
    const QString &suffix, int rowsPerStatement)
    : m_db(db)
    , m_table(table)
    , m_columns(columns)
    , m_suffix(suffix)
{
    const int maxRows = std::max(1, MaxParameters / int(std::max<qsizetype>(1, columns.size())));
    m_rowsPerStatement = std::clamp(rowsPerStatement > 0 ? rowsPerStatement : DefaultRows, 1, maxRows);
    m_pending.reserve(m_rowsPerStatement * columns.size());
    m_sqlite = sqliteHandle(db);
    m_postgres = postgresHandle(db);
    // A suffixed insert stages its rows in a table dropped at commit: that needs a transaction.
    if (!m_suffix.isEmpty() && !postgresInTransaction(static_cast<PGconn *>(m_postgres)))
        m_postgres = nullptr;
}

BulkInsert::~BulkInsert()
{
    if (m_statement)
        sqlite3_finalize(static_cast<sqlite3_stmt *>(m_statement));
}

Result<void> BulkInsert::stepSqlite(const QVariantList &values)
{
    auto *db = static_cast<sqlite3 *>(m_sqlite);
    auto fail = [&](const char *what) -> Result<void> {
        return m_db.error(QStringLiteral("insert into %1").arg(m_table),
            QSqlError(QString(),
                QStringLiteral("%1: %2").arg(QLatin1String(what), QString::fromUtf8(sqlite3_errmsg(db))),
                QSqlError::StatementError));
    };
    if (!m_statement) {
        const QByteArray sql = statement(1).toUtf8();
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v3(
                db, sql.constData(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &statement, nullptr)
            != SQLITE_OK)
            return fail("prepare");
        m_statement = statement;
    }
    auto *stmt = static_cast<sqlite3_stmt *>(m_statement);
    for (int i = 0; i < int(values.size()); ++i) {
        const int rc = bindSqliteValue(stmt, i + 1, values.at(i));
        if (rc != SQLITE_OK) {
            sqlite3_reset(stmt);
            return fail("bind");
        }
    }
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (!m_handler)
            continue;
        QVariantList row;
        for (int c = 0, n = sqlite3_column_count(stmt); c < n; ++c) {
            switch (sqlite3_column_type(stmt, c)) {
            case SQLITE_INTEGER:
                row.append(qint64(sqlite3_column_int64(stmt, c)));
                break;
            case SQLITE_FLOAT:
                row.append(sqlite3_column_double(stmt, c));
                break;
            case SQLITE_NULL:
                row.append(QVariant());
                break;
            default:
                row.append(QString(reinterpret_cast<const QChar *>(sqlite3_column_text16(stmt, c)),
                    sqlite3_column_bytes16(stmt, c) / 2));
            }
        }
        m_handler(row);
    }
    if (rc != SQLITE_DONE) {
        Result<void> error = fail("step");
        sqlite3_reset(stmt);
        return error;
    }
    sqlite3_reset(stmt);
    ++m_rows;
    return {};
}

QString BulkInsert::statement(int rows) const
{
    QString row = QStringLiteral("(?");
    for (qsizetype i = 1; i < m_columns.size(); ++i)
        row += QStringLiteral(",?");
    row += QLatin1Char(')');
    QString sql = QStringLiteral("INSERT INTO ") + m_table + QStringLiteral(" (")
        + m_columns.join(QLatin1Char(',')) + QStringLiteral(") VALUES ");
    sql.reserve(sql.size() + rows * (row.size() + 1) + m_suffix.size() + 1);
    for (int i = 0; i < rows; ++i) {
        if (i)
            sql += QLatin1Char(',');
        sql += row;
    }
    if (!m_suffix.isEmpty())
        sql += QLatin1Char(' ') + m_suffix;
    return sql;
}

Result<void> BulkInsert::addRow(const QVariantList &values)
{
    Q_ASSERT(values.size() == m_columns.size());
    if (m_sqlite)
        return stepSqlite(values);
    if (m_postgres) {
        for (qsizetype i = 0; i < values.size(); ++i) {
            if (i)
                m_copyData += '\t';
            appendCopyField(m_copyData, values.at(i));
        }
        m_copyData += '\n';
        ++m_copyRows;
        return m_copyData.size() < MaxCopyBytes ? Result<void> {} : flushPostgres();
    }
    m_pending.append(values);
    if (m_pending.size() < m_rowsPerStatement * m_columns.size())
        return {};
    if (!m_fullQuery) {
        auto query = m_db.prepare(statement(m_rowsPerStatement));
        if (!query)
            return query.error();
        m_fullQuery = std::move(*query);
    }
    return run(*m_fullQuery, m_rowsPerStatement);
}

Result<void> BulkInsert::flush()
{
    if (m_postgres)
        return flushPostgres();
    if (m_pending.isEmpty())
        return {};
    const int rows = int(m_pending.size() / m_columns.size());
    auto query = m_db.prepare(statement(rows));
    if (!query)
        return query.error();
    return run(*query, rows);
}

Result<void> BulkInsert::flushPostgres()
{
    if (m_copyRows == 0)
        return {};
    auto *conn = static_cast<PGconn *>(m_postgres);
    const QByteArray data = std::exchange(m_copyData, {});
    const qint64 rows = std::exchange(m_copyRows, 0);
    if (m_suffix.isEmpty() && !m_handler) {
        if (auto ok = copyIn(m_db, conn, m_table, m_columns, data); !ok)
            return ok;
        m_rows += rows;
        return {};
    }
    // COPY knows no ON CONFLICT or RETURNING: copy into a temporary table of the
    // same columns, then move its rows with one INSERT … SELECT that has the suffix.
    // The table lives until the transaction ends (the import's), so a unique name.
    QStringList quoted;
    for (const QString &column : m_columns)
        quoted.append(SqlIdentifier::quote(column, SqlIdentifier::Dialect::Postgres));
    const QString columns = quoted.join(QLatin1Char(','));
    const QString table = SqlIdentifier::quote(m_table, SqlIdentifier::Dialect::Postgres);
    if (m_stageTable.isEmpty()) {
        const QString stage = QStringLiteral("devdash_stage_%1").arg(s_stageCounter.fetch_add(1));
        const QString create
            = QStringLiteral("CREATE TEMPORARY TABLE %1 ON COMMIT DROP AS SELECT %2 FROM %3 "
                             "WITH NO DATA")
                  .arg(SqlIdentifier::quote(stage, SqlIdentifier::Dialect::Postgres), columns, table);
        if (auto ok = execPostgres(m_db, conn, QStringLiteral("stage rows for %1").arg(m_table), create); !ok)
            return ok;
        m_stageTable = stage;
    }
    if (auto ok = copyIn(m_db, conn, m_stageTable, m_columns, data); !ok)
        return ok;
    const QString move
        = QStringLiteral("WITH staged AS (DELETE FROM %1 RETURNING %2) INSERT INTO %3 (%2) "
                         "SELECT %2 FROM staged %4")
              .arg(SqlIdentifier::quote(m_stageTable, SqlIdentifier::Dialect::Postgres), columns, table, m_suffix);
    QVariantList row;
    auto ok = forEachPostgresRow(m_db, conn, QStringLiteral("insert into %1").arg(m_table), move, {},
        [&](int count, const char *const *cells) {
            if (!m_handler)
                return;
            // Text values: the handlers read them with toLongLong() and toString().
            row.clear();
            for (int c = 0; c < count; ++c)
                row.append(cells[c] ? QVariant(QString::fromUtf8(cells[c])) : QVariant());
            m_handler(row);
        });
    if (!ok)
        return ok;
    m_rows += rows;
    return {};
}

Result<void> BulkInsert::run(QSqlQuery &query, int rows)
{
    for (qsizetype i = 0; i < m_pending.size(); ++i)
        query.bindValue(int(i), m_pending.at(i));
    if (!query.exec())
        return m_db.error(QStringLiteral("insert into %1").arg(m_table), query);
    if (m_handler) {
        while (query.next()) {
            QVariantList row;
            for (int c = 0, n = query.record().count(); c < n; ++c)
                row.append(query.value(c));
            m_handler(row);
        }
    }
    query.finish();
    m_rows += rows;
    m_pending.clear();
    return {};
}

} // namespace devdash::store

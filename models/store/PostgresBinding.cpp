#include "PostgresBinding.h"

#include "Database.h"

#include "common/SqlIdentifier.h"

#include <QLocale>
#include <QSqlDriver>
#include <QSqlError>

#include <libpq-fe.h>

#include <algorithm>
#include <memory>
#include <vector>

namespace devdash::store {

namespace {

struct ResultDeleter
{
    void operator()(PGresult *result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

Error pgError(const Database &db, PGconn *conn, const QString &what, const PGresult *result = nullptr)
{
    const char *text = result ? PQresultErrorMessage(result) : nullptr;
    if (!text || !*text)
        text = PQerrorMessage(conn);
    return db.error(what, QSqlError(QString(), QString::fromUtf8(text).trimmed(), QSqlError::StatementError));
}

Error busyError(const Database &db, const QString &what)
{
    return db.error(what,
        QSqlError(QString(), QStringLiteral("a query of the connection still has unread rows"),
            QSqlError::StatementError));
}

// "?" placeholders (Qt's portable form) become libpq's $1, $2, …; quoted text is left alone.
QByteArray numberedPlaceholders(const QString &sql)
{
    const QByteArray utf8 = sql.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + utf8.size() / 2);
    char quote = 0;
    int n = 0;
    for (const char c : utf8) {
        if (quote) {
            quote = c == quote ? 0 : quote;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '?') {
            out += '$';
            out += QByteArray::number(++n);
            continue;
        }
        out += c;
    }
    return out;
}

// A parameter in PostgreSQL's text input form; null for SQL NULL.
QByteArray textParameter(const QVariant &value)
{
    if (value.isNull())
        return {};
    switch (value.metaType().id()) {
    case QMetaType::Bool:
        return value.toBool() ? QByteArrayLiteral("1") : QByteArrayLiteral("0");
    case QMetaType::Double:
    case QMetaType::Float:
        return QByteArray::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    default: {
        QByteArray text = value.toString().toUtf8();
        // PostgreSQL text cannot hold NUL; QPSQL's escaping also stops there.
        if (text.contains('\0'))
            text = text.left(text.indexOf('\0'));
        return text.isNull() ? QByteArray("") : text;
    }
    }
}

} // namespace

PGconn *postgresHandle(const Database &db)
{
    if (!db.isPostgres())
        return nullptr;
    // QPSQL's handle() is QVariant::fromValue(PGconn *); Qt 6.4 names the type after
    // libpq's struct ("pg_conn*"), older Qt after the typedef ("PGconn*").
    const QVariant handle = db.connection().driver()->handle();
    if (!handle.isValid()
        || (qstrcmp(handle.typeName(), "pg_conn*") != 0 && qstrcmp(handle.typeName(), "PGconn*") != 0))
        return nullptr;
    return *static_cast<PGconn *const *>(handle.data());
}

void appendCopyField(QByteArray &out, const QVariant &value)
{
    if (value.isNull()) {
        out += "\\N";
        return;
    }
    switch (value.metaType().id()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::Short:
    case QMetaType::UShort:
        out += QByteArray::number(value.toLongLong());
        return;
    case QMetaType::Bool:
        out += value.toBool() ? '1' : '0';
        return;
    case QMetaType::Double:
    case QMetaType::Float:
        out += QByteArray::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
        return;
    default:
        break;
    }
    const QByteArray text = value.metaType().id() == QMetaType::QString
        ? static_cast<const QString *>(value.constData())->toUtf8()
        : value.toString().toUtf8();
    for (const char c : text) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\0':
            break; // PostgreSQL text cannot hold NUL
        default:
            out += c;
        }
    }
}

bool postgresReady(PGconn *conn)
{
    return conn && PQtransactionStatus(conn) != PQTRANS_ACTIVE;
}

bool postgresInTransaction(PGconn *conn)
{
    const PGTransactionStatusType status = conn ? PQtransactionStatus(conn) : PQTRANS_UNKNOWN;
    return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
}

Result<void> copyIn(const Database &db, PGconn *conn, const QString &table, const QStringList &columns,
    const QByteArray &data)
{
    const QString what = QStringLiteral("copy rows into %1").arg(table);
    if (!postgresReady(conn))
        return busyError(db, what);
    QStringList quoted;
    for (const QString &column : columns)
        quoted.append(SqlIdentifier::quote(column, SqlIdentifier::Dialect::Postgres));
    const QByteArray sql = (QStringLiteral("COPY ") + SqlIdentifier::quote(table, SqlIdentifier::Dialect::Postgres)
        + QStringLiteral(" (") + quoted.join(QLatin1Char(',')) + QStringLiteral(") FROM STDIN"))
                               .toUtf8();
    ResultPtr start(PQexec(conn, sql.constData()));
    if (PQresultStatus(start.get()) != PGRES_COPY_IN)
        return pgError(db, conn, what, start.get());
    // libpq buffers and sends in chunks itself; a blocking connection accepts it all.
    constexpr qsizetype Chunk = 1 << 20;
    for (qsizetype at = 0; at < data.size(); at += Chunk) {
        const int size = int(std::min(Chunk, data.size() - at));
        if (PQputCopyData(conn, data.constData() + at, size) != 1) {
            PQputCopyEnd(conn, "client error");
            while (PGresult *rest = PQgetResult(conn))
                PQclear(rest);
            return pgError(db, conn, what);
        }
    }
    if (PQputCopyEnd(conn, nullptr) != 1)
        return pgError(db, conn, what);
    Result<void> outcome;
    while (PGresult *raw = PQgetResult(conn)) {
        ResultPtr result(raw);
        if (PQresultStatus(raw) != PGRES_COMMAND_OK && outcome)
            outcome = pgError(db, conn, what, raw);
    }
    return outcome;
}

Result<void> forEachPostgresRow(const Database &db, PGconn *conn, const QString &what, const QString &sql,
    const QVariantList &values, const std::function<void(int columns, const char *const *cells)> &row)
{
    if (!postgresReady(conn))
        return busyError(db, what);
    const QByteArray statement = numberedPlaceholders(sql);
    std::vector<QByteArray> texts;
    texts.reserve(values.size());
    std::vector<const char *> parameters;
    parameters.reserve(values.size());
    for (const QVariant &value : values) {
        texts.push_back(textParameter(value));
        parameters.push_back(texts.back().isNull() ? nullptr : texts.back().constData());
    }
    // Text results: the cells are short integers and strings, which strtoll and
    // fromUtf8 read faster than Qt's QVariant round trip.
    ResultPtr result(PQexecParams(conn, statement.constData(), int(parameters.size()), nullptr,
        parameters.data(), nullptr, nullptr, 0));
    const ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        return pgError(db, conn, what, result.get());
    const int columns = PQnfields(result.get());
    std::vector<const char *> cells(std::max(1, columns));
    for (int r = 0, rows = PQntuples(result.get()); r < rows; ++r) {
        for (int c = 0; c < columns; ++c)
            cells[c] = PQgetisnull(result.get(), r, c) ? nullptr : PQgetvalue(result.get(), r, c);
        row(columns, cells.data());
    }
    return {};
}

Result<void> execPostgres(const Database &db, PGconn *conn, const QString &what, const QString &sql)
{
    return forEachPostgresRow(db, conn, what, sql, {}, [](int, const char *const *) {});
}

} // namespace devdash::store

#include "schema/ReadOnlySql.h"

#include "schema/OdbcDataSource.h"

#include <QSqlDriver>
#include <QSqlError>

#include <libpq-fe.h>

namespace devdash::schema {

namespace {

PGconn *postgresHandle(const QSqlDatabase &db)
{
    if (db.driverName() != QLatin1String("QPSQL") || !db.driver())
        return nullptr;
    const QVariant handle = db.driver()->handle();
    // Qt registers the type as "pg_conn*" (the struct's tag), older builds as "PGconn*".
    if (!handle.isValid()
        || (qstrcmp(handle.typeName(), "pg_conn*") != 0 && qstrcmp(handle.typeName(), "PGconn*") != 0))
        return nullptr;
    return *static_cast<PGconn *const *>(handle.constData());
}

bool isIdentifierCharacter(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$');
}

// SELECT and WITH go through QSqlQuery::prepare (PostgreSQL prepares nothing else).
bool isQuery(const QString &sql)
{
    qsizetype i = 0;
    while (i < sql.size() && (sql.at(i).isSpace() || sql.at(i) == QLatin1Char('(')))
        ++i;
    const QStringView rest = QStringView(sql).mid(i);
    return rest.startsWith(QLatin1String("SELECT"), Qt::CaseInsensitive)
        || rest.startsWith(QLatin1String("WITH"), Qt::CaseInsensitive);
}

} // namespace

ReadOnlySql::Dialect ReadOnlySql::dialectOf(const QSqlDatabase &db)
{
    const QString driver = db.driverName();
    if (driver == QLatin1String("QPSQL"))
        return Dialect::Postgres;
    if (driver == QLatin1String("QMYSQL") || driver == QLatin1String("QMARIADB"))
        return Dialect::MySql;
    if (driver == QLatin1String("QSQLITE"))
        return Dialect::Sqlite;
    if (driver == QLatin1String("QODBC")) {
        const QString quote = OdbcDataSource::identifierQuote(db);
        if (!quote.trimmed().isEmpty())
            return SqlIdentifier::fromQuoteCharacter(quote);
        switch (db.driver() ? db.driver()->dbmsType() : QSqlDriver::UnknownDbms) {
        case QSqlDriver::MySqlServer:
            return Dialect::MySql;
        case QSqlDriver::MSSqlServer:
            return Dialect::SqlServer;
        case QSqlDriver::PostgreSQL:
            return Dialect::Postgres;
        default:
            break;
        }
    }
    return Dialect::Ansi;
}

std::optional<QString> ReadOnlySql::refusal(const QString &sql, Dialect dialect)
{
    const bool mysql = dialect == Dialect::MySql;
    const bool backticks = mysql || dialect == Dialect::Sqlite;
    const bool brackets = dialect == Dialect::SqlServer || dialect == Dialect::Sqlite;
    // Whether a backslash escapes depends on server settings (standard_conforming_strings,
    // E'' strings, NO_BACKSLASH_ESCAPES): inside a string it is refused. SQLite and SQL
    // Server never read it as an escape.
    const bool backslashUnsafe = dialect != Dialect::Sqlite && dialect != Dialect::SqlServer;
    const qsizetype n = sql.size();
    auto next = [&](qsizetype i) { return i + 1 < n ? sql.at(i + 1) : QChar(); };
    for (qsizetype i = 0; i < n;) {
        const QChar c = sql.at(i);
        if (c.isNull())
            return QStringLiteral("it holds a NUL character");
        QChar close;
        if (c == QLatin1Char('\'') || c == QLatin1Char('"'))
            close = c;
        else if (c == QLatin1Char('`') && backticks)
            close = c;
        else if (c == QLatin1Char('[') && brackets)
            close = QLatin1Char(']');
        if (!close.isNull()) {
            // A string literal: ' anywhere, " on MySQL (without ANSI_QUOTES).
            const bool string = close == QLatin1Char('\'') || (mysql && close == QLatin1Char('"'));
            bool closed = false;
            for (++i; i < n; ++i) {
                const QChar q = sql.at(i);
                if (q.isNull())
                    return QStringLiteral("it holds a NUL character");
                if (q == QLatin1Char('\\') && string && backslashUnsafe)
                    return QStringLiteral("a string in it holds a backslash, which the server may read as an escape");
                if (q == close) {
                    // Doubled: still inside (SQLite's [name] has no escape).
                    if (next(i) == close && !(close == QLatin1Char(']') && dialect == Dialect::Sqlite)) {
                        ++i;
                        continue;
                    }
                    closed = true;
                    ++i;
                    break;
                }
            }
            if (!closed)
                return QStringLiteral("a quote in it is not closed");
            continue;
        }
        if (c == QLatin1Char(';'))
            return QStringLiteral("it holds a semicolon outside quotes (more than one statement)");
        if ((c == QLatin1Char('-') && next(i) == QLatin1Char('-'))
            || (c == QLatin1Char('/') && next(i) == QLatin1Char('*')) || (c == QLatin1Char('#') && mysql))
            return QStringLiteral("it holds a comment");
        if (c == QLatin1Char('$') && dialect == Dialect::Postgres
            && (next(i) == QLatin1Char('$') || next(i).isLetter() || next(i) == QLatin1Char('_'))
            && (i == 0 || !isIdentifierCharacter(sql.at(i - 1))))
            return QStringLiteral("it holds a dollar quote");
        ++i;
    }
    return std::nullopt;
}

bool ReadOnlySql::ensureReadOnlyTransaction(QSqlDatabase db)
{
    PGconn *connection = postgresHandle(db);
    if (!connection || !db.connectionName().startsWith(connectionNamePrefix()))
        return true;
    const PGTransactionStatusType status = PQtransactionStatus(connection);
    if (status == PQTRANS_INTRANS || status == PQTRANS_ACTIVE)
        return true; // inside it already (or a result is still being read)
    QSqlQuery query(db);
    if (status == PQTRANS_INERROR && !query.exec(QStringLiteral("ROLLBACK")))
        return false;
    return query.exec(QStringLiteral("BEGIN READ ONLY"));
}

Result<QSqlQuery> ReadOnlySql::exec(
    QSqlDatabase db, const QString &sql, Dialect dialect, const QVariantList &values, bool forwardOnly)
{
    if (const auto why = refusal(sql, dialect))
        return Error { QStringLiteral("DevDash refused to send the statement: %1.").arg(*why) };
    if (!ensureReadOnlyTransaction(db))
        return Error { QStringLiteral("the read-only transaction could not be started: %1")
                           .arg(db.lastError().text()) };
    QSqlQuery query(db);
    query.setForwardOnly(forwardOnly);
    bool ok = false;
    if (values.isEmpty() && !isQuery(sql)) {
        ok = query.exec(sql);
    } else {
        ok = query.prepare(sql);
        for (const QVariant &value : values)
            query.addBindValue(value);
        ok = ok && query.exec();
    }
    if (ok)
        return query;
    const QSqlError error = query.lastError();
    return Error { error.databaseText().isEmpty() ? error.text() : error.databaseText() };
}

} // namespace devdash::schema

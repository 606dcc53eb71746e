#include "schema/ConnectionCheck.h"

namespace devdash::schema {

namespace {

Result<QString> firstValue(const ReadOnlyConnection &connection, const QString &sql)
{
    auto query = connection.run(sql, QStringLiteral("the server version"));
    if (!query)
        return query.error();
    if (!query->next())
        return Error { QStringLiteral("the server did not say its version") };
    return query->value(0).toString().trimmed();
}

} // namespace

Result<QString> ConnectionCheck::serverVersion(const DatabaseUrl &url, const ConnectionOptions &options)
{
    auto opened = ReadOnlyConnection::open(url, options);
    if (!opened)
        return opened.error();
    const ReadOnlyConnection &connection = **opened;
    if (url.engine() == DatabaseUrl::Engine::Odbc) {
        const QString dbms = connection.odbcDbms().description();
        return dbms.isEmpty() ? QStringLiteral("ODBC data source") : dbms;
    }
    switch (connection.backend()) {
    case DatabaseUrl::Engine::Sqlite: {
        auto version = firstValue(connection, QStringLiteral("SELECT sqlite_version()"));
        if (!version)
            return version.error();
        return QStringLiteral("SQLite %1").arg(*version);
    }
    case DatabaseUrl::Engine::Postgres: {
        auto version = firstValue(connection, QStringLiteral("SELECT current_setting('server_version')"));
        if (!version)
            return version.error();
        return QStringLiteral("PostgreSQL %1").arg(*version);
    }
    case DatabaseUrl::Engine::MySql:
    case DatabaseUrl::Engine::MariaDb: {
        // "10.11.6-MariaDB-0+deb12u1" or "8.0.36": the server says which it is.
        auto version = firstValue(connection, QStringLiteral("SELECT VERSION()"));
        if (!version)
            return version.error();
        const QString text = *version;
        const qsizetype dash = text.indexOf(QLatin1Char('-'));
        if (text.contains(QLatin1String("MariaDB"), Qt::CaseInsensitive))
            return QStringLiteral("MariaDB %1").arg(text.left(dash < 0 ? text.size() : dash));
        return QStringLiteral("MySQL %1").arg(text);
    }
    case DatabaseUrl::Engine::Odbc:
        break;
    }
    return QStringLiteral("connected");
}

} // namespace devdash::schema

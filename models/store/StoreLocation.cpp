#include "StoreLocation.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

namespace devdash::store {

namespace {

QString envValue(const char *name)
{
    return qEnvironmentVariable(name);
}

Result<StoreLocation> parsePostgresUrl(const QString &spec)
{
    const QUrl url(spec, QUrl::StrictMode);
    if (!url.isValid())
        return Error { QStringLiteral("The store URL \"%1\" is not valid (%2). Expected "
                                      "postgresql://user@host:port/database.")
                           .arg(QUrl(spec).toDisplayString(QUrl::RemovePassword), url.errorString()) };
    StoreLocation location;
    location.kind = StoreLocation::Kind::Postgres;
    location.host = url.host();
    location.port = url.port(5432);
    location.user = url.userName();
    location.database = url.path().mid(1);
    // libpq keywords pass through; "host" lets a URL name a socket folder.
    QStringList options;
    const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        if (key == QLatin1String("host"))
            location.host = value;
        else if (key == QLatin1String("port"))
            location.port = value.toInt();
        else if (key == QLatin1String("user"))
            location.user = value;
        else if (key == QLatin1String("password"))
            location.password = value;
        else if (!value.contains(QLatin1Char(';')))
            options << key + QLatin1Char('=') + value;
    }
    location.connectOptions = options.join(QLatin1Char(';'));
    if (location.password.isEmpty())
        location.password = url.password(QUrl::FullyDecoded);
    if (location.password.isEmpty())
        location.password = envValue("DEVDASH_STORE_PASSWORD");
    if (location.password.isEmpty())
        location.password = envValue("PGPASSWORD");
    if (location.user.isEmpty())
        location.user = envValue("PGUSER");
    if (location.host.isEmpty())
        location.host = QStringLiteral("localhost");
    if (location.database.isEmpty() || location.database.contains(QLatin1Char('/')))
        return Error { QStringLiteral("The store URL \"%1\" names no database: add it after the host, as in "
                                      "postgresql://user@host:5432/devdash.")
                           .arg(location.displayName()) };
    if (location.port <= 0 || location.port > 65535)
        return Error {
            QStringLiteral("The store URL \"%1\" has an invalid port.").arg(location.displayName())
        };
    return location;
}

} // namespace

Result<StoreLocation> StoreLocation::parse(const QString &spec)
{
    const QString trimmed = spec.trimmed();
    if (trimmed.isEmpty())
        return defaultLocation();
    if (trimmed.startsWith(QLatin1String("postgresql://"))
        || trimmed.startsWith(QLatin1String("postgres://")))
        return parsePostgresUrl(trimmed);
    StoreLocation location;
    if (trimmed.startsWith(QLatin1String("sqlite://"))) {
        location.path = QUrl(trimmed).path();
    } else if (trimmed.contains(QLatin1String("://"))) {
        return Error { QStringLiteral("Unsupported store \"%1\": use a SQLite file path or "
                                      "postgresql://user@host:port/database.")
                           .arg(QUrl(trimmed).toDisplayString(QUrl::RemovePassword)) };
    } else {
        location.path = trimmed;
    }
    if (location.path.isEmpty())
        return Error { QStringLiteral("The store \"%1\" names no file.").arg(trimmed) };
    location.path = QFileInfo(location.path).absoluteFilePath();
    return location;
}

Result<StoreLocation> StoreLocation::defaultLocation()
{
    const QString fromEnv = envValue("DEVDASH_STORE");
    if (!fromEnv.isEmpty())
        return parse(fromEnv);
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    if (dir.isEmpty())
        return Error { QStringLiteral(
            "No folder for DevDash's data was found (is HOME set?). Set DEVDASH_STORE "
            "to a file path or a postgresql:// URL.") };
    StoreLocation location;
    location.path = QDir(dir).filePath(QStringLiteral("devdash.sqlite"));
    return location;
}

QString StoreLocation::displayName() const
{
    if (kind == Kind::Sqlite)
        return path;
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(user);
    if (host.startsWith(QLatin1Char('/'))) {
        url.setHost(QString());
        url.setQuery(QStringLiteral("host=") + host);
    } else {
        url.setHost(host);
    }
    url.setPort(port);
    url.setPath(QLatin1Char('/') + database);
    return url.toString();
}

} // namespace devdash::store

#include "schema/ConnectionError.h"

namespace devdash::schema {

namespace {

QString endpoint(const DatabaseUrl &url)
{
    const int port = url.port() > 0                     ? url.port()
        : url.engine() == DatabaseUrl::Engine::Postgres ? 5432
                                                        : 3306;
    return url.host() + QLatin1Char(':') + QString::number(port);
}

} // namespace

ConnectionError::Kind ConnectionError::classify(const DatabaseUrl &url, const QSqlError &error)
{
    const QString text = (error.databaseText() + QLatin1Char(' ') + error.driverText()).toLower();
    const QString code = error.nativeErrorCode();
    const bool mysql
        = url.engine() == DatabaseUrl::Engine::MySql || url.engine() == DatabaseUrl::Engine::MariaDb;
    if (mysql) {
        if (code == QLatin1String("1045"))
            return Kind::WrongPassword;
        if (code == QLatin1String("1049"))
            return Kind::DatabaseMissing;
        if (code == QLatin1String("1044") || code == QLatin1String("1142"))
            return Kind::MissingPrivileges;
        if (code == QLatin1String("2005") || text.contains(QLatin1String("unknown server host")))
            return Kind::UnknownHost;
        if (text.contains(QLatin1String("(110)")) || text.contains(QLatin1String("timed out"))
            || text.contains(QLatin1String("timeout")) || code == QLatin1String("2013"))
            return Kind::HostUnreachable;
        if (code == QLatin1String("2002") || code == QLatin1String("2003"))
            return Kind::ServerDown;
        return Kind::Other;
    }
    if (text.contains(QLatin1String("password authentication failed"))
        || text.contains(QLatin1String("no password supplied"))
        || text.contains(QLatin1String("authentication failed")))
        return Kind::WrongPassword;
    if (text.contains(QLatin1String("does not exist")) && text.contains(QLatin1String("database")))
        return Kind::DatabaseMissing;
    if (text.contains(QLatin1String("permission denied")))
        return Kind::MissingPrivileges;
    if (text.contains(QLatin1String("could not translate host name")))
        return Kind::UnknownHost;
    if (text.contains(QLatin1String("timeout expired")) || text.contains(QLatin1String("timed out")))
        return Kind::HostUnreachable;
    if (text.contains(QLatin1String("connection refused"))
        || text.contains(QLatin1String("no such file or directory")))
        return Kind::ServerDown;
    return Kind::Other;
}

QString ConnectionError::describe(
    const DatabaseUrl &url, const QSqlError &error, int connectTimeoutSeconds, const QString &passwordHint)
{
    const QString where = url.displayUrl();
    QString driverText = error.databaseText().trimmed();
    if (driverText.isEmpty())
        driverText = error.driverText().trimmed();
    driverText = scrub(driverText, url.inlinePassword());
    QString what;
    switch (classify(url, error)) {
    case Kind::WrongPassword:
        what = QStringLiteral(
            "the server refused the login of user \"%1\" (wrong or missing password). To give the "
            "password: %2")
                   .arg(url.user(), passwordHint);
        break;
    case Kind::ServerDown:
        what = QStringLiteral("nothing accepts connections on %1: is the server running, and on that port?")
                   .arg(endpoint(url));
        break;
    case Kind::HostUnreachable:
        what = QStringLiteral(
            "%1 did not answer within %2 s: check the host name, the network or VPN, and the "
            "firewall")
                   .arg(endpoint(url))
                   .arg(connectTimeoutSeconds);
        break;
    case Kind::UnknownHost:
        what = QStringLiteral("the host name \"%1\" is unknown: check its spelling or your DNS")
                   .arg(url.host());
        break;
    case Kind::DatabaseMissing:
        what = QStringLiteral("the server has no database \"%1\": check the name at the end of the URL")
                   .arg(url.database());
        break;
    case Kind::MissingPrivileges:
        what = QStringLiteral(
            "user \"%1\" may not use database \"%2\": ask its owner for CONNECT/USAGE rights")
                   .arg(url.user(), url.database());
        break;
    case Kind::Other:
        what = QStringLiteral("the driver said so (see below)");
        break;
    }
    return QStringLiteral("Cannot connect to %1: %2. (%3)").arg(where, what, driverText);
}

QString ConnectionError::scrub(QString text, const QString &secret)
{
    if (secret.size() >= 1)
        text.replace(secret, QStringLiteral("***"));
    return text;
}

} // namespace devdash::schema

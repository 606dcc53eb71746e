#include "schema/OdbcDataSource.h"

#include "schema/ConnectionError.h"

#include <QProcess>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QVariant>

#include <dlfcn.h>

namespace devdash::schema {

namespace {

// From the ODBC headers (sql.h), which the build does not need: the driver
// manager is reached at run time, in the copy the QODBC plugin loaded.
using SqlGetInfo = short (*)(
    void *connection, unsigned short infoType, void *value, short bufferLength, short *stringLength);
constexpr unsigned short kSqlDriverName = 6;
constexpr unsigned short kSqlDbmsName = 17;
constexpr unsigned short kSqlDbmsVersion = 18;
constexpr unsigned short kSqlIdentifierQuoteChar = 29;

SqlGetInfo driverManagerGetInfo()
{
    // RTLD_NOLOAD: only a driver manager already in the process (the one QODBC uses).
    for (const char *library : { "libodbc.so.2", "libodbc.so.1", "libiodbc.so.2", "libodbc.so" }) {
        if (void *handle = dlopen(library, RTLD_LAZY | RTLD_NOLOAD)) {
            auto function = reinterpret_cast<SqlGetInfo>(dlsym(handle, "SQLGetInfo"));
            dlclose(handle); // the plugin keeps it loaded
            if (function)
                return function;
        }
    }
    return nullptr;
}

QString getInfo(SqlGetInfo function, void *connection, unsigned short infoType, bool trimmed = true)
{
    char buffer[512] = {};
    short length = 0;
    const short rc = function(connection, infoType, buffer, short(sizeof buffer - 1), &length);
    if (rc != 0 && rc != 1) // SQL_SUCCESS, SQL_SUCCESS_WITH_INFO
        return {};
    const QString text = QString::fromUtf8(buffer);
    return trimmed ? text.trimmed() : text;
}

// The SQLHDBC of an open QODBC connection, or null.
void *odbcConnection(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid()
        || (qstrcmp(handle.typeName(), "void*") != 0 && qstrcmp(handle.typeName(), "SQLHANDLE") != 0))
        return nullptr;
    return *static_cast<void *const *>(handle.constData());
}

QString firstValue(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (query.exec(sql) && query.next())
        return query.value(0).toString().trimmed();
    return {};
}

DatabaseUrl::Engine engineNamed(const QString &text)
{
    if (text.contains(QLatin1String("PostgreSQL"), Qt::CaseInsensitive)
        && !text.contains(QLatin1String("Redshift"), Qt::CaseInsensitive))
        return DatabaseUrl::Engine::Postgres;
    if (text.contains(QLatin1String("MariaDB"), Qt::CaseInsensitive))
        return DatabaseUrl::Engine::MariaDb;
    if (text.contains(QLatin1String("MySQL"), Qt::CaseInsensitive))
        return DatabaseUrl::Engine::MySql;
    if (text.contains(QLatin1String("SQLite"), Qt::CaseInsensitive))
        return DatabaseUrl::Engine::Sqlite;
    return DatabaseUrl::Engine::Odbc;
}

} // namespace

QString OdbcDataSource::Dbms::description() const
{
    QString text = name.isEmpty() ? QStringLiteral("an unknown DBMS") : name;
    if (!version.isEmpty())
        text += QLatin1Char(' ') + version;
    if (!driver.isEmpty())
        text += QStringLiteral(" via %1").arg(driver);
    return text;
}

OdbcDataSource::Dbms OdbcDataSource::identify(const QSqlDatabase &db)
{
    Dbms dbms;
    if (SqlGetInfo function = driverManagerGetInfo()) {
        if (void *connection = odbcConnection(db)) {
            dbms.name = getInfo(function, connection, kSqlDbmsName);
            dbms.version = getInfo(function, connection, kSqlDbmsVersion);
            dbms.driver = getInfo(function, connection, kSqlDriverName);
        }
    }
    dbms.engine = engineNamed(dbms.name);
    if (dbms.engine == DatabaseUrl::Engine::MySql || dbms.engine == DatabaseUrl::Engine::Odbc) {
        // MariaDB's own driver may call itself MySQL; a DBMS the driver manager could not
        // name is asked in SQL (each probe fails harmlessly where it does not apply).
        const QString version = firstValue(db, QStringLiteral("SELECT version()"));
        if (dbms.engine == DatabaseUrl::Engine::Odbc && dbms.name.isEmpty()) {
            if (db.driver()->dbmsType() == QSqlDriver::PostgreSQL)
                dbms.engine = DatabaseUrl::Engine::Postgres;
            else if (db.driver()->dbmsType() == QSqlDriver::MySqlServer)
                dbms.engine = DatabaseUrl::Engine::MySql;
            else if (!version.isEmpty())
                dbms.engine = engineNamed(version);
        }
        if (version.contains(QLatin1String("MariaDB"), Qt::CaseInsensitive)
            && dbms.engine == DatabaseUrl::Engine::MySql)
            dbms.engine = DatabaseUrl::Engine::MariaDb;
        if (dbms.engine == DatabaseUrl::Engine::Odbc && dbms.name.isEmpty()) {
            const QString sqlite = firstValue(db, QStringLiteral("SELECT sqlite_version()"));
            if (!sqlite.isEmpty()) {
                dbms.engine = DatabaseUrl::Engine::Sqlite;
                dbms.name = QStringLiteral("SQLite");
                dbms.version = sqlite;
            }
        }
        if (dbms.name.isEmpty() && !version.isEmpty())
            dbms.name = version;
    }
    return dbms;
}

QString OdbcDataSource::identifierQuote(const QSqlDatabase &db)
{
    SqlGetInfo function = driverManagerGetInfo();
    void *connection = function ? odbcConnection(db) : nullptr;
    return connection ? getInfo(function, connection, kSqlIdentifierQuoteChar, false) : QString();
}

std::optional<QStringList> OdbcDataSource::configuredDataSources()
{
    QProcess odbcinst;
    odbcinst.start(QStringLiteral("odbcinst"), { QStringLiteral("-q"), QStringLiteral("-s") });
    if (!odbcinst.waitForStarted(3000))
        return std::nullopt;
    if (!odbcinst.waitForFinished(5000)) {
        odbcinst.kill();
        odbcinst.waitForFinished(1000);
        return std::nullopt;
    }
    // One "[NAME]" per line.
    QStringList names;
    for (const QByteArray &line : odbcinst.readAllStandardOutput().split('\n')) {
        const QString text = QString::fromUtf8(line).trimmed();
        if (text.startsWith(QLatin1Char('[')) && text.endsWith(QLatin1Char(']')))
            names << text.mid(1, text.size() - 2);
    }
    return names;
}

bool OdbcDataSource::isLoginRefused(const QSqlError &error)
{
    const QString text = error.databaseText() + QLatin1Char(' ') + error.driverText();
    for (const char *phrase : { "password authentication failed", "no password supplied",
             "Access denied for user", "Login failed for user", "authentication failed" }) {
        if (text.contains(QLatin1String(phrase), Qt::CaseInsensitive))
            return true;
    }
    return text.contains(QLatin1String("28000")) || text.contains(QLatin1String("28P01"));
}

std::optional<QString> OdbcDataSource::describeConnectError(
    const DatabaseUrl &url, const QSqlError &error, const QString &passwordHint)
{
    const QString text = error.databaseText() + QLatin1Char(' ') + error.driverText();
    const QString where = url.displayUrl();
    if (text.contains(QLatin1String("Data source name not found"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("IM002"))) {
        QString known;
        if (const auto names = configuredDataSources(); !names)
            known = QStringLiteral("list the defined ones with `odbcinst -q -s`");
        else if (names->isEmpty())
            known = QStringLiteral("none is defined on this machine");
        else
            known = QStringLiteral("the defined ones are: %1").arg(names->join(QStringLiteral(", ")));
        return QStringLiteral(
            "Cannot connect to %1: there is no ODBC data source named \"%2\" (%3). Define it in "
            "~/.odbc.ini or /etc/odbc.ini (or the files $ODBCINI and $ODBCSYSINI name), or fix the "
            "name after odbc://.")
            .arg(where, url.database(), known);
    }
    if (text.contains(QLatin1String("Can't open lib"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("IM003"))) {
        return QStringLiteral(
            "Cannot connect to %1: the ODBC driver of data source \"%2\" cannot be loaded. Install "
            "it (Debian: odbc-postgresql, odbc-mariadb, libsqliteodbc…) or fix the Driver= line of "
            "the DSN or of /etc/odbcinst.ini. (%3)")
            .arg(where, url.database(), error.databaseText().trimmed());
    }
    if (isLoginRefused(error)) {
        const QString who = url.user().isEmpty() ? QStringLiteral("the DSN's user")
                                                 : QStringLiteral("user \"%1\"").arg(url.user());
        return QStringLiteral(
            "Cannot connect to %1: the server refused the login of %2 (wrong or missing password). "
            "To give the password: %3. (%4)")
            .arg(where, who, passwordHint, error.databaseText().trimmed());
    }
    // The server behind the DSN: its host and port are in the DSN, not in the URL.
    switch (ConnectionError::classify(url, error)) {
    case ConnectionError::Kind::ServerDown:
    case ConnectionError::Kind::HostUnreachable:
    case ConnectionError::Kind::UnknownHost:
        return QStringLiteral(
            "Cannot connect to %1: the server that data source \"%2\" names cannot be reached. "
            "Check that it runs, and the host and port of the DSN (odbcinst -q -s -n %2). (%3)")
            .arg(where, url.database(), error.databaseText().trimmed());
    default:
        return std::nullopt;
    }
}

} // namespace devdash::schema

#include "schema/ReadOnlyConnection.h"

#include "schema/ConnectionError.h"
#include "schema/DatabasePassword.h"
#include "schema/ReadOnlySql.h"

#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QThread>
#include <QUrl>

#include <libpq-fe.h>
#include <sqlite3.h>

#include <atomic>

namespace devdash::schema {

namespace {

std::atomic_int s_connectionCounter { 0 };

// libpq conninfo parameters a URL may carry through its query string.
bool isLibpqParameter(const QString &key)
{
    static const QStringList known = {
        QStringLiteral("sslmode"),
        QStringLiteral("sslrootcert"),
        QStringLiteral("sslcert"),
        QStringLiteral("sslkey"),
        QStringLiteral("sslcrl"),
        QStringLiteral("sslcompression"),
        QStringLiteral("gssencmode"),
        QStringLiteral("krbsrvname"),
        QStringLiteral("target_session_attrs"),
        QStringLiteral("application_name"),
        QStringLiteral("connect_timeout"),
        QStringLiteral("keepalives"),
        QStringLiteral("channel_binding"),
        QStringLiteral("requiressl"),
        QStringLiteral("service"),
    };
    return known.contains(key);
}

QString libpqQuote(QString value)
{
    value.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    value.replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + value + QLatin1Char('\'');
}

// The sslmode a connection uses: the URL's, else PGSSLMODE's, else prefer; a
// repository's URL never below prefer (libpq's own default, made explicit).
QString postgresSslMode(const DatabaseUrl &url)
{
    QString mode = url.parameters().value(QStringLiteral("sslmode"));
    if (mode.isEmpty())
        mode = qEnvironmentVariable("PGSSLMODE");
    if (mode.isEmpty()
        || (url.origin() == DatabaseUrl::Origin::Repository
            && (mode == QLatin1String("disable") || mode == QLatin1String("allow"))))
        mode = QStringLiteral("prefer");
    return mode;
}

QString postgresOptions(const DatabaseUrl &url, const ConnectionOptions &options)
{
    QStringList parts;
    const auto params = url.parameters();
    if (!params.contains(QStringLiteral("connect_timeout")))
        parts << QStringLiteral("connect_timeout=%1").arg(std::max(2, options.connectTimeoutSeconds));
    // In the startup packet: the very first statement is already read-only.
    parts << QStringLiteral("options=%1")
                 .arg(libpqQuote(QStringLiteral("-c default_transaction_read_only=on -c statement_timeout=%1")
                                     .arg(options.statementTimeoutSeconds * 1000)));
    if (!params.contains(QStringLiteral("application_name")))
        parts << QStringLiteral("application_name=devdash");
    parts << QStringLiteral("sslmode=") + libpqQuote(postgresSslMode(url));
    for (auto it = params.cbegin(); it != params.cend(); ++it)
        if (isLibpqParameter(it.key()) && it.key() != QLatin1String("sslmode"))
            parts << it.key() + QLatin1Char('=') + libpqQuote(it.value());
    return parts.join(QLatin1Char(';'));
}

QString mysqlOptions(const DatabaseUrl &url, const ConnectionOptions &options)
{
    QStringList parts;
    parts << QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=%1").arg(options.connectTimeoutSeconds)
          << QStringLiteral("MYSQL_OPT_READ_TIMEOUT=%1").arg(options.statementTimeoutSeconds)
          << QStringLiteral("MYSQL_OPT_WRITE_TIMEOUT=%1").arg(options.statementTimeoutSeconds);
    const auto params = url.parameters();
    const QString socket
        = params.value(QStringLiteral("socket"), params.value(QStringLiteral("unix_socket")));
    if (!socket.isEmpty())
        parts << QStringLiteral("UNIX_SOCKET=") + socket;
    // TLS, as far as QMYSQL exposes it (DatabaseUrl refused a ';' in any value).
    for (const char *key : { "ssl_key", "ssl_cert", "ssl_ca", "ssl_capath", "ssl_cipher" }) {
        const QString value = params.value(QLatin1String(key));
        if (!value.isEmpty())
            parts << QLatin1String(key).toString().toUpper() + QLatin1Char('=') + value;
    }
    return parts.join(QLatin1Char(';'));
}

// ssl_mode=REQUIRED, VERIFY_CA or VERIFY_IDENTITY (also sslmode=require, verify-full):
// the session must be encrypted.
bool mysqlRequiresTls(const DatabaseUrl &url)
{
    const auto params = url.parameters();
    const QString mode = params.value(QStringLiteral("ssl_mode"), params.value(QStringLiteral("sslmode")))
                             .toLower()
                             .replace(QLatin1Char('-'), QLatin1Char('_'));
    return mode == QLatin1String("required") || mode == QLatin1String("require")
        || mode.startsWith(QLatin1String("verify"));
}

// A password goes into an ODBC connection string as ";PWD=…" (QODBC): a ';' or a
// brace in it needs the braces of ODBC's syntax to stay one value.
QString odbcPassword(const QString &password)
{
    if (!password.contains(QLatin1Char(';')) && !password.contains(QLatin1Char('{'))
        && !password.contains(QLatin1Char('}')))
        return password;
    return QLatin1Char('{') + QString(password).replace(QLatin1Char('}'), QLatin1String("}}")) + QLatin1Char('}');
}

} // namespace

ReadOnlyConnection::ReadOnlyConnection(const DatabaseUrl &url, const QString &name, const CancelToken &cancel)
    : m_url(url)
    , m_name(name)
    , m_cancel(cancel)
{
}

ReadOnlyConnection::~ReadOnlyConnection()
{
    if (m_cancelHandle)
        PQfreeCancel(static_cast<PGcancel *>(m_cancelHandle));
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        if (db.isValid())
            db.close();
    }
    if (!m_name.isEmpty())
        QSqlDatabase::removeDatabase(m_name);
}

QString ReadOnlyConnection::installedDrivers()
{
    return QSqlDatabase::drivers().join(QStringLiteral(", "));
}

Result<std::unique_ptr<ReadOnlyConnection>> ReadOnlyConnection::open(
    const DatabaseUrl &url, const ConnectionOptions &options)
{
    const QString driver = url.driverName();
    if (!QSqlDatabase::isDriverAvailable(driver))
        return Error { QStringLiteral(
            "Cannot connect to %1: the Qt SQL driver %2 is not installed (installed: %3). On "
            "Debian install libqt6sql6-%4.")
                           .arg(url.displayUrl(), driver, installedDrivers(),
                               driver == QLatin1String("QODBC")         ? QStringLiteral("odbc")
                                   : driver == QLatin1String("QPSQL")   ? QStringLiteral("psql")
                                   : driver == QLatin1String("QSQLITE") ? QStringLiteral("sqlite")
                                                                        : QStringLiteral("mysql")) };
    if (options.cancel.isCancelled())
        return Error { QStringLiteral("Connecting to %1 was cancelled.").arg(url.displayUrl()) };
    // DatabaseUrl refuses these already; checked again where the driver manager is reached.
    if (url.engine() == DatabaseUrl::Engine::Odbc && url.origin() == DatabaseUrl::Origin::Repository
        && (!DatabaseUrl::isPlainDsn(url.database()) || url.user().contains(QLatin1Char(';'))
            || url.user().contains(QLatin1Char('=')) || url.inlinePassword().contains(QLatin1Char(';'))))
        return Error { QStringLiteral(
            "Cannot connect to %1: a repository's settings may only name an ODBC data source, never a "
            "connection string or a driver library.")
                           .arg(url.displayUrl()) };

    if (url.engine() == DatabaseUrl::Engine::Sqlite) {
        const QFileInfo file(url.database());
        if (!file.exists())
            return Error { QStringLiteral(
                "Cannot open %1: the SQLite file %2 does not exist. Check the path in the URL.")
                               .arg(url.displayUrl(), file.absoluteFilePath()) };
        if (!file.isReadable())
            return Error { QStringLiteral("Cannot open %1: the SQLite file %2 is not readable by this user.")
                               .arg(url.displayUrl(), file.absoluteFilePath()) };
    }

    const QString name = ReadOnlySql::connectionNamePrefix() + QStringLiteral("%1-%2")
                             .arg(s_connectionCounter.fetch_add(1))
                             .arg(reinterpret_cast<quintptr>(QThread::currentThreadId()), 0, 16);
    std::unique_ptr<ReadOnlyConnection> connection(new ReadOnlyConnection(url, name, options.cancel));
    std::optional<QString> password = DatabasePassword::fromUrlOrEnvironment(url, options.environmentName);
    bool keychainTried = false;

    for (;;) {
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(driver, name);
            switch (url.engine()) {
            case DatabaseUrl::Engine::Sqlite: {
                const QString uri = QUrl::fromLocalFile(QFileInfo(url.database()).absoluteFilePath())
                                        .toString(QUrl::FullyEncoded)
                    + QStringLiteral("?mode=ro");
                db.setDatabaseName(uri);
                db.setConnectOptions(
                    QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI;QSQLITE_BUSY_TIMEOUT=%1")
                        .arg(options.statementTimeoutSeconds * 1000));
                break;
            }
            case DatabaseUrl::Engine::Postgres:
                db.setHostName(url.parameters().value(QStringLiteral("host"), url.host()));
                db.setPort(url.port());
                db.setDatabaseName(url.database());
                db.setUserName(url.user());
                db.setConnectOptions(postgresOptions(url, options));
                break;
            case DatabaseUrl::Engine::MySql:
            case DatabaseUrl::Engine::MariaDb:
                db.setHostName(url.host());
                db.setPort(url.port());
                db.setDatabaseName(url.database());
                db.setUserName(url.user());
                db.setConnectOptions(mysqlOptions(url, options));
                break;
            case DatabaseUrl::Engine::Odbc:
                db.setDatabaseName(url.database());
                db.setUserName(url.user());
                // The connection timeout bounds the driver's catalog calls (SQLTables,
                // SQLColumns…), which can take long on a big catalog: the statement timeout.
                db.setConnectOptions(
                    QStringLiteral("SQL_ATTR_ACCESS_MODE=SQL_MODE_READ_ONLY;SQL_ATTR_LOGIN_TIMEOUT=%1;"
                                   "SQL_ATTR_CONNECTION_TIMEOUT=%2")
                        .arg(options.connectTimeoutSeconds)
                        .arg(options.statementTimeoutSeconds));
                break;
            }
            if (password)
                db.setPassword(url.engine() == DatabaseUrl::Engine::Odbc ? odbcPassword(*password) : *password);
            if (db.open())
                break;
            const QSqlError error = db.lastError();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            auto kind = ConnectionError::classify(url, error);
            if (url.engine() == DatabaseUrl::Engine::Odbc && OdbcDataSource::isLoginRefused(error))
                kind = ConnectionError::Kind::WrongPassword;
            // The keychain is asked only when the server wants a password that nothing else gave.
            if (kind == ConnectionError::Kind::WrongPassword && !password && options.useKeychain
                && !keychainTried && qEnvironmentVariableIsEmpty("DEVDASH_NO_KEYCHAIN")) {
                keychainTried = true;
                password = DatabasePassword::fromKeychain(url);
                if (password && !options.cancel.isCancelled())
                    continue;
            }
            connection->m_name.clear(); // nothing left to remove
            QString message = ConnectionError::describe(url, error, options.connectTimeoutSeconds,
                DatabasePassword::howToProvide(url, options.environmentName));
            if (url.engine() == DatabaseUrl::Engine::Odbc)
                message = OdbcDataSource::describeConnectError(
                    url, error, DatabasePassword::howToProvide(url, options.environmentName))
                              .value_or(message);
            if (password)
                message = ConnectionError::scrub(message, *password);
            return Error { message };
        }
    }

    if (auto applied = connection->applyReadOnlySession(options); !applied)
        return applied.error();
    if (url.engine() == DatabaseUrl::Engine::Odbc && connection->backend() == DatabaseUrl::Engine::Odbc
        && !options.allowUnverifiedReadOnly)
        return Error { QStringLiteral(
            "%1 is %2, reached through ODBC. DevDash knows no way to make that DBMS read-only: it "
            "only asks the ODBC driver for a read-only connection (SQL_MODE_READ_ONLY), which the "
            "driver may ignore, so nothing guarantees that reading it cannot change it. Read it "
            "only if you trust its contents (devdash: add --allow-unverified-readonly).")
                           .arg(url.displayUrl(), connection->odbcDbms().description()),
            UnverifiedReadOnly };
    return connection;
}

Result<void> ReadOnlyConnection::applyReadOnlySession(const ConnectionOptions &options)
{
    QSqlDatabase db = database();
    // Behind an ODBC DSN: the DBMS's own read-only setting where DevDash knows it
    // (backend() is then that engine), on top of the driver's SQL_MODE_READ_ONLY.
    if (m_url.engine() == DatabaseUrl::Engine::Odbc)
        m_odbcDbms = OdbcDataSource::identify(db);
    switch (backend()) {
    case DatabaseUrl::Engine::Sqlite:
        m_dialect = SqlIdentifier::Dialect::Sqlite;
        break;
    case DatabaseUrl::Engine::Postgres:
        m_dialect = SqlIdentifier::Dialect::Postgres;
        break;
    case DatabaseUrl::Engine::MySql:
    case DatabaseUrl::Engine::MariaDb:
        m_dialect = SqlIdentifier::Dialect::MySql;
        break;
    case DatabaseUrl::Engine::Odbc:
        m_dialect = ReadOnlySql::dialectOf(db);
        break;
    }
    // Behind ODBC the driver runs in autocommit mode: the DBMS's session setting only.
    const bool native = m_url.engine() != DatabaseUrl::Engine::Odbc;
    QSqlQuery query(db);
    auto must = [&](const QString &sql) -> Result<void> {
        if (query.exec(sql))
            return {};
        return Error { QStringLiteral(
            "Connected to %1, but could not make the session read-only (%2): %3. DevDash "
            "does not inspect a database it could write to.")
                           .arg(m_url.displayUrl(), sql, query.lastError().text()) };
    };
    switch (backend()) {
    case DatabaseUrl::Engine::Sqlite: {
        const QVariant handle = db.driver()->handle();
        if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
            m_sqliteHandle = *static_cast<sqlite3 *const *>(handle.constData());
        return must(QStringLiteral("PRAGMA query_only = ON"));
    }
    case DatabaseUrl::Engine::Postgres: {
        if (auto ok = must(QStringLiteral("SET default_transaction_read_only = on")); !ok)
            return ok;
        (void)query.exec(
            QStringLiteral("SET statement_timeout = %1").arg(options.statementTimeoutSeconds * 1000));
        const QVariant handle = db.driver()->handle();
        // Qt registers the type as "pg_conn*" (the struct's tag), older builds as "PGconn*".
        if (handle.isValid()
            && (qstrcmp(handle.typeName(), "pg_conn*") == 0 || qstrcmp(handle.typeName(), "PGconn*") == 0))
            if (auto *pg = *static_cast<PGconn *const *>(handle.constData()))
                m_cancelHandle = PQgetCancel(pg);
        // Last: every statement from here on runs inside it (ReadOnlySql opens it
        // again after an error or a COMMIT ended it).
        return native ? must(QStringLiteral("BEGIN READ ONLY")) : Result<void> {};
    }
    case DatabaseUrl::Engine::MySql:
    case DatabaseUrl::Engine::MariaDb:
        if (auto ok = must(QStringLiteral("SET SESSION TRANSACTION READ ONLY")); !ok)
            return ok;
        // MariaDB counts seconds, MySQL milliseconds; each ignores the other's variable.
        (void)query.exec(
            QStringLiteral("SET SESSION max_statement_time = %1").arg(options.statementTimeoutSeconds));
        (void)query.exec(QStringLiteral("SET SESSION max_execution_time = %1")
                             .arg(options.statementTimeoutSeconds * 1000));
        if (native && mysqlRequiresTls(m_url)) {
            // QMYSQL cannot ask the client library to require TLS: the session is checked.
            const bool encrypted = query.exec(QStringLiteral("SHOW SESSION STATUS LIKE 'Ssl_cipher'"))
                && query.next() && !query.value(1).toString().isEmpty();
            if (!encrypted)
                return Error { QStringLiteral(
                    "Connected to %1 without TLS although the URL requires it (ssl_mode): DevDash "
                    "closed the connection. Enable TLS on the server, or give ssl_ca=… so that the "
                    "client asks for it.")
                                   .arg(m_url.displayUrl()) };
        }
        return native ? must(QStringLiteral("START TRANSACTION READ ONLY")) : Result<void> {};
    case DatabaseUrl::Engine::Odbc:
        // Another DBMS: only the driver's read-only mode (OdbcInspector says so).
        return {};
    }
    return {};
}

Result<QSqlQuery> ReadOnlyConnection::runBuffered(
    const QString &sql, const QString &what, const QVariantList &values) const
{
    if (m_cancel.isCancelled())
        return Error { QStringLiteral("Reading %1 from %2 was cancelled.").arg(what, m_url.displayUrl()) };
    auto query = ReadOnlySql::exec(database(), sql, m_dialect, values, false);
    if (!query)
        return failed(query.errorMessage(), what);
    return query;
}

Result<QSqlQuery> ReadOnlyConnection::run(
    const QString &sql, const QString &what, const QVariantList &values) const
{
    if (m_cancel.isCancelled())
        return Error { QStringLiteral("Reading %1 from %2 was cancelled.").arg(what, m_url.displayUrl()) };
    // Qt 6.4's QODBC counts a bound string's terminating NUL in its length;
    // PostgreSQL and SQLite stop at it, MySQL/MariaDB keep it ("sakila\0" matches
    // no schema). Their bytes, bound as such, compare as the string would.
    const bool odbcMysql = m_url.engine() == DatabaseUrl::Engine::Odbc
        && (backend() == DatabaseUrl::Engine::MySql || backend() == DatabaseUrl::Engine::MariaDb);
    QVariantList bound;
    bound.reserve(values.size());
    for (const QVariant &value : values)
        bound << (odbcMysql && value.typeId() == QMetaType::QString ? QVariant(value.toString().toUtf8()) : value);
    auto query = ReadOnlySql::exec(database(), sql, m_dialect, bound, true);
    if (!query)
        return failed(query.errorMessage(), what);
    return query;
}

Result<QSqlQuery> ReadOnlyConnection::failed(const QString &message, const QString &what) const
{
    const QString text = message.trimmed();
    if (m_cancel.isCancelled())
        return Error { QStringLiteral("Reading %1 from %2 was cancelled.").arg(what, m_url.displayUrl()) };
    if (text.contains(QLatin1String("permission denied"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("command denied"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("access denied"), Qt::CaseInsensitive))
        return Error { QStringLiteral("Reading %1 from %2 was refused (missing privileges): %3")
                           .arg(what, m_url.displayUrl(), text),
            1 };
    if (text.contains(QLatin1String("statement timeout"), Qt::CaseInsensitive)
        || text.contains(QLatin1String("max_statement_time"), Qt::CaseInsensitive))
        return Error { QStringLiteral("Reading %1 from %2 took longer than the statement timeout: %3")
                           .arg(what, m_url.displayUrl(), text) };
    return Error { QStringLiteral("Reading %1 from %2 failed: %3").arg(what, m_url.displayUrl(), text) };
}

void ReadOnlyConnection::interrupt()
{
    m_cancel.cancel();
    if (m_cancelHandle) {
        char message[256];
        PQcancel(static_cast<PGcancel *>(m_cancelHandle), message, sizeof message);
        return;
    }
    // sqlite3_interrupt is safe from any thread while the connection is open.
    if (m_sqliteHandle)
        sqlite3_interrupt(static_cast<sqlite3 *>(m_sqliteHandle));
}

} // namespace devdash::schema

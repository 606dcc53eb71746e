#pragma once

// A read-only connection to a database being inspected, owned by the thread
// that opened it (Qt SQL connections must not cross threads). Each one has a
// unique connection name and is removed when the object goes.
//
// Read-only, per engine: SQLite opened with QSQLITE_OPEN_READONLY through a
// `file:…?mode=ro` URI and PRAGMA query_only; PostgreSQL with
// default_transaction_read_only set in the startup options and again by SET, and
// every statement inside an explicit BEGIN READ ONLY transaction (a session
// setting alone is undone by one statement; a read-only transaction cannot be
// made read-write); MySQL/MariaDB with SET SESSION TRANSACTION READ ONLY and
// START TRANSACTION READ ONLY; ODBC with SQL_MODE_READ_ONLY and, when the DBMS
// behind the DSN is one of those three, that engine's own setting too. Another
// DBMS behind ODBC has nothing that enforces read-only: it is opened only when
// the caller says the user agreed (allowUnverifiedReadOnly). Statements go
// through ReadOnlySql: one per call, names quoted by SqlIdentifier, values bound.
//
// TLS: PostgreSQL asks for sslmode=prefer at least (a URL's or PGSSLMODE's
// stronger mode, require or verify-full, is kept; a repository's URL cannot ask
// for less). MySQL/MariaDB: QMYSQL (Qt 6.4) exposes only SSL_KEY, SSL_CERT,
// SSL_CA, SSL_CAPATH and SSL_CIPHER (the URL's ssl_key, ssl_cert, ssl_ca,
// ssl_capath, ssl_cipher), not MYSQL_OPT_SSL_MODE nor server certificate
// verification; a URL with ssl_mode=REQUIRED (or VERIFY_CA, VERIFY_IDENTITY) is
// checked after connecting (Ssl_cipher must be set) and refused in clear text.
// Connecting waits at most connectTimeoutSeconds (an unreachable host fails in
// bounded time), and each statement at most statementTimeoutSeconds.

#include "common/CancelToken.h"
#include "common/Result.h"
#include "common/SqlIdentifier.h"
#include "schema/DatabaseUrl.h"
#include "schema/OdbcDataSource.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <memory>

namespace devdash::schema {

struct ConnectionOptions
{
    QString environmentName; // "staging": DEVDASH_DB_PASSWORD_STAGING
    int connectTimeoutSeconds = 10;
    int statementTimeoutSeconds = 120;
    bool useKeychain = true; // asked only when the server wants a password none else gave
    // A DBMS behind ODBC that DevDash cannot make read-only (not SQLite, PostgreSQL,
    // MySQL or MariaDB) is opened only when this is set: the user agreed to read it
    // anyway (the window's question, the CLI's --allow-unverified-readonly).
    bool allowUnverifiedReadOnly = false;
    CancelToken cancel;
};

class ReadOnlyConnection
{
public:
    ~ReadOnlyConnection();
    ReadOnlyConnection(const ReadOnlyConnection &) = delete;
    ReadOnlyConnection &operator=(const ReadOnlyConnection &) = delete;

    // The error code of open() for a DBMS behind ODBC that nothing makes read-only
    // (allowUnverifiedReadOnly was not set): ask the user, then open again.
    static constexpr int UnverifiedReadOnly = 3;

    static Result<std::unique_ptr<ReadOnlyConnection>> open(
        const DatabaseUrl &url, const ConnectionOptions &options = {});

    QSqlDatabase database() const { return QSqlDatabase::database(m_name, false); }
    const DatabaseUrl &url() const { return m_url; }
    // The engine whose SQL the connection speaks: the URL's; for odbc:// the DBMS
    // behind the DSN (Postgres, MySql, MariaDb, Sqlite), Engine::Odbc for any other.
    DatabaseUrl::Engine backend() const
    {
        return m_url.engine() == DatabaseUrl::Engine::Odbc ? m_odbcDbms.engine : m_url.engine();
    }
    // odbc:// only: the DBMS found behind the DSN on connecting.
    const OdbcDataSource::Dbms &odbcDbms() const { return m_odbcDbms; }
    QString connectionName() const { return m_name; }
    // The dialect the connection's SQL is written and quoted in (the backend's).
    SqlIdentifier::Dialect dialect() const { return m_dialect; }
    // schema.name quoted for this connection (SqlIdentifier).
    QString quoted(const QString &schema, const QString &name) const
    {
        return SqlIdentifier::qualified(schema, name, m_dialect);
    }
    const CancelToken &cancelToken() const { return m_cancel; }

    // Runs one read query (forward only); the error names the database and
    // what was asked. Fails at once when cancelled.
    Result<QSqlQuery> run(const QString &sql, const QString &what, const QVariantList &values = {}) const;
    // The same, with the whole result read at once (a scrollable query): QPSQL then
    // reads it in one PGresult where run() gets one per row (libpq's single-row
    // mode), which cost more than the server's work on 50,000 catalog rows.
    Result<QSqlQuery> runBuffered(
        const QString &sql, const QString &what, const QVariantList &values = {}) const;

    // Interrupts the statement running now, from any thread (PostgreSQL:
    // PQcancel, SQLite: sqlite3_interrupt; MySQL and ODBC wait for the statement
    // timeout). The connection stays usable.
    void interrupt();

    // The Qt SQL drivers installed, for the "unknown driver" message.
    static QString installedDrivers();

private:
    ReadOnlyConnection(const DatabaseUrl &url, const QString &name, const CancelToken &cancel);
    Result<void> applyReadOnlySession(const ConnectionOptions &options);
    Result<QSqlQuery> failed(const QString &message, const QString &what) const;

    DatabaseUrl m_url;
    QString m_name;
    CancelToken m_cancel;
    void *m_cancelHandle = nullptr; // PGcancel*, created once after connecting
    void *m_sqliteHandle = nullptr; // sqlite3*, read once after connecting
    OdbcDataSource::Dbms m_odbcDbms;
    SqlIdentifier::Dialect m_dialect = SqlIdentifier::Dialect::Ansi;
};

} // namespace devdash::schema

#pragma once

// A database to inspect, as the user writes it: `sqlite:///path/app.db`,
// `postgresql://user@host:port/db?sslmode=require` (also `postgres://`),
// `mysql://user@host:port/db`, `mariadb://…`, `odbc://DSN`. A password inside
// the URL is accepted (the CLI) but never shown: displayUrl() and storeKey()
// leave it out, and passwords otherwise come from the environment or the
// keychain (DatabasePassword).
//
// Where the text came from decides what it may ask for (Origin). A URL from a
// repository's `.devdash.json` is strict: `odbc://` names a DSN the user
// configured and nothing else (a connection string could name a driver library,
// DRIVER=/path/libx.so, that the driver manager loads and runs as the user, or a
// FILEDSN), and PostgreSQL parameters that load code (an OpenSSL engine in
// sslkey) are refused. A URL the user typed (the command line, Add Connection)
// may be a full ODBC connection string: `odbc://DRIVER={…};SERVER=…`.

#include "common/Result.h"

#include <QMap>
#include <QString>

namespace devdash::schema {

class DatabaseUrl
{
public:
    enum class Engine { Sqlite, Postgres, MySql, MariaDb, Odbc };
    // Repository: named by a repository's settings (the default: strict).
    // UserTyped: typed by the user on the command line or in the window.
    enum class Origin { Repository, UserTyped };

    static Result<DatabaseUrl> parse(const QString &text, Origin origin = Origin::Repository);
    // Whether `dsn` is the plain name of a data source: no `=`, `;`, `{`, `}`, no path
    // separator, no `.dsn` (QODBC turns any name holding it into FILEDSN=), no
    // control character.
    static bool isPlainDsn(const QString &dsn);
    // A relative SQLite path in `.devdash.json` means the repository's folder, not the
    // current directory: `url` with such a path made absolute against `root`; any other
    // URL unchanged.
    static QString resolvedAgainst(const QString &url, const QString &root);
    // A server URL from its parts, as Add Connection's fields build it:
    // scheme://user@host:port/database?parameters (port -1: left out; user and
    // database percent-encoded, so parse() gives the same parts back).
    static QString compose(const QString &scheme, const QString &user, const QString &host, int port,
        const QString &database, const QMap<QString, QString> &parameters = {});
    // Whether the engine is a server reached by host and port (PostgreSQL, MySQL, MariaDB).
    bool isServer() const
    {
        return m_engine == Engine::Postgres || m_engine == Engine::MySql || m_engine == Engine::MariaDb;
    }

    Engine engine() const { return m_engine; }
    Origin origin() const { return m_origin; }
    // The Qt SQL driver this URL opens with: QSQLITE, QPSQL, QMYSQL, QMARIADB, QODBC.
    QString driverName() const;
    QString scheme() const { return m_scheme; }
    QString user() const { return m_user; }
    QString host() const { return m_host; }
    int port() const { return m_port; } // -1: the engine's default
    // Database name; SQLite: the file path; ODBC: the DSN.
    QString database() const { return m_database; }
    QMap<QString, QString> parameters() const { return m_parameters; }
    // The password written in the URL itself (CLI only); empty otherwise.
    QString inlinePassword() const { return m_password; }
    bool hasInlinePassword() const { return !m_password.isEmpty(); }

    // The URL without its password: what messages, the keychain key and the
    // store's database key use.
    QString displayUrl() const;

private:
    Engine m_engine = Engine::Sqlite;
    Origin m_origin = Origin::Repository;
    QString m_scheme;
    QString m_user;
    QString m_password;
    QString m_host;
    int m_port = -1;
    QString m_database;
    QMap<QString, QString> m_parameters;
};

} // namespace devdash::schema

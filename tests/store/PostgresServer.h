#pragma once

#include <QProcess>
#include <QSqlDatabase>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace devdash::test {

// A private PostgreSQL server for one test process: initdb into a temporary
// folder, the server on a free port of 127.0.0.1 (its socket in that folder),
// stopped and removed when the object goes. As root, it runs as the `postgres`
// user. The server is a child of the test that dies with it, so a crashing
// test leaves no server behind.
class PostgresServer
{
public:
    PostgresServer();
    ~PostgresServer();
    PostgresServer(const PostgresServer &) = delete;
    PostgresServer &operator=(const PostgresServer &) = delete;

    // The folder holding initdb and postgres: $DEVDASH_PG_BINDIR, else the newest
    // /usr/lib/postgresql/<version>/bin, else PATH. Empty when not installed.
    static QString binDir();
    // Why PostgreSQL tests cannot run here (no server binaries, no QPSQL driver,
    // root without a postgres user); empty when they can.
    static QString unavailableReason();

    // Keeps the server's files in `path` (created when missing) instead of a
    // temporary folder, and reuses them on the next start: lets a benchmark
    // keep a database that takes minutes to build. Call before start().
    void setPersistentDir(const QString &path) { m_persistentDir = path; }

    bool start();
    void stop();
    bool isRunning() const;
    QString errorString() const { return m_error; }

    QString host() const { return QStringLiteral("127.0.0.1"); }
    int port() const { return m_port; }
    QString user() const { return QStringLiteral("postgres"); }
    QString socketDir() const;
    // postgresql://postgres@127.0.0.1:PORT/DATABASE
    QString url(const QString &database) const;
    // Creates an empty database (a fresh name when `name` is empty) and returns
    // its URL, or an empty string (see errorString()).
    QString createDatabase(const QString &name = {});
    bool dropDatabase(const QString &name);
    // Runs one statement on the `postgres` database as the superuser.
    bool execAdmin(const QString &sql);
    // A writable superuser connection to `database` named `connectionName` (made once,
    // then reused; open unless the server refused: see its lastError()).
    QSqlDatabase superuserConnection(const QString &database, const QString &connectionName) const;
    QString serverLog() const;

private:
    bool initDataDir();
    bool startOnPort(int port);
    void configureChild(QProcess &process) const;

    QString filePath(const QString &name) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_persistentDir;
    QString m_path; // m_dir's path or m_persistentDir
    std::unique_ptr<QProcess> m_server;
    QString m_binDir;
    QString m_error;
    int m_port = 0;
    int m_databaseCounter = 0;
    bool m_asPostgresUser = false;
    uint m_uid = 0;
    uint m_gid = 0;
};

} // namespace devdash::test

// Skips the current test function (or, in initTestCase, the whole class) with a
// clear message when the PostgreSQL server cannot be started here.
#define DEVDASH_REQUIRE_POSTGRES(server)                                                                     \
    do {                                                                                                     \
        const QString devdashPgReason = devdash::test::PostgresServer::unavailableReason();                  \
        if (!devdashPgReason.isEmpty())                                                                      \
            QSKIP(qPrintable(devdashPgReason));                                                              \
        if (!(server).isRunning() && !(server).start())                                                      \
            QFAIL(qPrintable(                                                                                \
                QStringLiteral("PostgreSQL test server did not start: ") + (server).errorString()));         \
    } while (false)

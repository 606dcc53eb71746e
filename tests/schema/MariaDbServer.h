#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace devdash::test {

// A private MariaDB server for one test process (CONTRIBUTING.md, "Real parts, not mocks"):
// mariadb-install-db into a temporary folder, mariadbd on a free port of
// 127.0.0.1 with its socket in that folder, stopped and removed when the
// object goes. root authenticates by the unix socket only (admin work goes
// through the `mariadb` client on that socket); the tests connect over TCP as
// user() with password().
class MariaDbServer
{
public:
    MariaDbServer();
    ~MariaDbServer();
    MariaDbServer(const MariaDbServer &) = delete;
    MariaDbServer &operator=(const MariaDbServer &) = delete;

    // Why MariaDB tests cannot run here (no mariadbd, no QMYSQL driver, no
    // mysql user when root); empty when they can.
    static QString unavailableReason();

    // Keeps the server's files in `path` and reuses them on the next start (the
    // benchmark's large database). Call before start().
    void setPersistentDir(const QString &path) { m_persistentDir = path; }

    bool start();
    void stop();
    bool isRunning() const;
    QString errorString() const { return m_error; }

    QString host() const { return QStringLiteral("127.0.0.1"); }
    int port() const { return m_port; }
    QString user() const { return QStringLiteral("devdash"); }
    QString password() const { return QStringLiteral("devdash-test-pw"); }
    QString socketPath() const;
    // mariadb://devdash@127.0.0.1:PORT/DATABASE (the password is not in it).
    QString url(const QString &database) const;

    // Runs SQL as root over the socket; false with errorString() on failure.
    bool execRoot(const QString &sql, const QString &database = {});
    // Feeds a .sql file to the `mariadb` client as root.
    bool loadFile(const QString &path, const QString &database);
    bool createDatabase(const QString &name);

private:
    bool initDataDir();
    bool startOnPort(int port);
    bool runClient(const QStringList &arguments, const QByteArray &input);
    QString filePath(const QString &name) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_persistentDir;
    QString m_path;
    std::unique_ptr<QProcess> m_server;
    QString m_error;
    int m_port = 0;
};

} // namespace devdash::test

#define DEVDASH_REQUIRE_MARIADB(server)                                                                      \
    do {                                                                                                     \
        const QString devdashMariaReason = devdash::test::MariaDbServer::unavailableReason();                \
        if (!devdashMariaReason.isEmpty())                                                                   \
            QSKIP(qPrintable(devdashMariaReason));                                                           \
        if (!(server).isRunning() && !(server).start())                                                      \
            QFAIL(                                                                                           \
                qPrintable(QStringLiteral("MariaDB test server did not start: ") + (server).errorString())); \
    } while (false)

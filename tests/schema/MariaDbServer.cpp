#include "MariaDbServer.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QStandardPaths>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

namespace devdash::test {

namespace {

int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0)
        port = ntohs(address.sin_port);
    ::close(fd);
    return port;
}

QString findTool(const QString &name)
{
    QString path = QStandardPaths::findExecutable(name);
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(
            name, { QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin") });
    return path;
}

} // namespace

MariaDbServer::MariaDbServer() = default;

MariaDbServer::~MariaDbServer()
{
    stop();
}

QString MariaDbServer::unavailableReason()
{
    if (findTool(QStringLiteral("mariadbd")).isEmpty()
        || findTool(QStringLiteral("mariadb-install-db")).isEmpty()
        || findTool(QStringLiteral("mariadb")).isEmpty())
        return QStringLiteral(
            "MariaDB tests skipped: mariadbd, mariadb-install-db or mariadb not found. Install "
            "them with 'apt-get install mariadb-server mariadb-client' (installer/devdash.sh).");
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QMYSQL")))
        return QStringLiteral("MariaDB tests skipped: Qt's QMYSQL driver is missing (apt-get install "
                              "libqt6sql6-mysql).");
    if (::geteuid() == 0 && !::getpwnam("mysql"))
        return QStringLiteral(
            "MariaDB tests skipped: running as root without a 'mysql' user to run the server as.");
    return {};
}

QString MariaDbServer::filePath(const QString &name) const
{
    return QDir(m_path).filePath(name);
}

QString MariaDbServer::socketPath() const
{
    return filePath(QStringLiteral("run/mysql.sock"));
}

QString MariaDbServer::url(const QString &database) const
{
    return QStringLiteral("mariadb://%1@%2:%3/%4").arg(user(), host()).arg(m_port).arg(database);
}

bool MariaDbServer::isRunning() const
{
    return m_server && m_server->state() == QProcess::Running;
}

bool MariaDbServer::initDataDir()
{
    if (!m_persistentDir.isEmpty()) {
        QDir().mkpath(m_persistentDir);
        m_path = QDir(m_persistentDir).absolutePath();
    } else {
        m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/devdash-mariadb-XXXXXX"));
        if (!m_dir->isValid()) {
            m_error = QStringLiteral("cannot create a temporary folder");
            return false;
        }
        m_path = m_dir->path();
    }
    QDir().mkpath(filePath(QStringLiteral("run")));
    if (::geteuid() == 0) {
        const passwd *pw = ::getpwnam("mysql");
        for (const QString &path : { m_path, filePath(QStringLiteral("run")) })
            if (::chown(QFile::encodeName(path).constData(), pw->pw_uid, pw->pw_gid) != 0) {
                m_error = QStringLiteral("cannot give %1 to the mysql user").arg(path);
                return false;
            }
    }
    if (QFile::exists(filePath(QStringLiteral("data/mysql"))))
        return true;
    QProcess install;
    install.setProcessChannelMode(QProcess::MergedChannels);
    install.start(findTool(QStringLiteral("mariadb-install-db")),
        { QStringLiteral("--no-defaults"), QStringLiteral("--datadir=") + filePath(QStringLiteral("data")),
            QStringLiteral("--user=mysql"), QStringLiteral("--auth-root-authentication-method=socket"),
            QStringLiteral("--skip-test-db") });
    if (!install.waitForFinished(180000) || install.exitCode() != 0) {
        m_error = QStringLiteral("mariadb-install-db failed: ")
            + QString::fromLocal8Bit(install.readAll()).right(2000);
        return false;
    }
    return true;
}

bool MariaDbServer::start()
{
    if (isRunning())
        return true;
    if (const QString reason = unavailableReason(); !reason.isEmpty()) {
        m_error = reason;
        return false;
    }
    if (!initDataDir())
        return false;
    for (int attempt = 0; attempt < 5; ++attempt)
        if (startOnPort(freePort()))
            return execRoot(QStringLiteral("CREATE USER IF NOT EXISTS '%1'@'127.0.0.1' IDENTIFIED BY '%2'; "
                                           "ALTER USER '%1'@'127.0.0.1' IDENTIFIED BY '%2'; "
                                           "GRANT ALL ON *.* TO '%1'@'127.0.0.1'; FLUSH PRIVILEGES;")
                                .arg(user(), password()));
    return false;
}

bool MariaDbServer::startOnPort(int port)
{
    m_port = port;
    m_server = std::make_unique<QProcess>();
    m_server->setProcessChannelMode(QProcess::MergedChannels);
    // Its output must go somewhere that is never full, or the server blocks.
    m_server->setStandardOutputFile(QProcess::nullDevice());
    m_server->start(findTool(QStringLiteral("mariadbd")),
        { QStringLiteral("--no-defaults"), QStringLiteral("--user=mysql"),
            QStringLiteral("--datadir=") + filePath(QStringLiteral("data")),
            QStringLiteral("--socket=") + socketPath(), QStringLiteral("--port=%1").arg(port),
            QStringLiteral("--bind-address=127.0.0.1"),
            QStringLiteral("--pid-file=") + filePath(QStringLiteral("run/mariadb.pid")),
            QStringLiteral("--log-error=") + filePath(QStringLiteral("run/mariadb.err")),
            QStringLiteral("--innodb-flush-log-at-trx-commit=0"), QStringLiteral("--skip-name-resolve"),
            QStringLiteral("--innodb-buffer-pool-size=256M") });
    if (!m_server->waitForStarted(10000)) {
        m_error = QStringLiteral("cannot run mariadbd: ") + m_server->errorString();
        return false;
    }
    QDeadlineTimer deadline(60000);
    while (!deadline.hasExpired() && m_server->state() == QProcess::Running) {
        QProcess ping;
        ping.start(findTool(QStringLiteral("mariadb-admin")),
            { QStringLiteral("--no-defaults"), QStringLiteral("--socket=") + socketPath(),
                QStringLiteral("ping") });
        if (ping.waitForFinished(5000) && ping.exitCode() == 0)
            return true;
        m_server->waitForFinished(100);
    }
    QFile log(filePath(QStringLiteral("run/mariadb.err")));
    m_error = QStringLiteral("mariadbd did not start on port %1: %2")
                  .arg(port)
                  .arg(log.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(log.readAll()).right(2000)
                                                     : QString());
    stop();
    return false;
}

void MariaDbServer::stop()
{
    if (!m_server)
        return;
    if (m_server->state() != QProcess::NotRunning) {
        ::kill(pid_t(m_server->processId()), SIGTERM);
        if (!m_server->waitForFinished(30000)) {
            ::kill(pid_t(m_server->processId()), SIGKILL);
            m_server->waitForFinished(5000);
        }
    }
    m_server.reset();
}

bool MariaDbServer::runClient(const QStringList &arguments, const QByteArray &input)
{
    QProcess client;
    client.setProcessChannelMode(QProcess::MergedChannels);
    client.start(findTool(QStringLiteral("mariadb")),
        QStringList { QStringLiteral("--no-defaults"), QStringLiteral("--socket=") + socketPath(),
            QStringLiteral("-u"), QStringLiteral("root") }
            + arguments);
    if (!client.waitForStarted(10000)) {
        m_error = QStringLiteral("cannot run mariadb: ") + client.errorString();
        return false;
    }
    client.write(input);
    client.closeWriteChannel();
    if (!client.waitForFinished(600000) || client.exitCode() != 0) {
        m_error = QStringLiteral("mariadb failed: ") + QString::fromLocal8Bit(client.readAll()).right(2000);
        return false;
    }
    return true;
}

bool MariaDbServer::execRoot(const QString &sql, const QString &database)
{
    QStringList arguments;
    if (!database.isEmpty())
        arguments << database;
    return runClient(arguments, sql.toUtf8());
}

bool MariaDbServer::loadFile(const QString &path, const QString &database)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("cannot read ") + path;
        return false;
    }
    QStringList arguments;
    if (!database.isEmpty())
        arguments << database;
    return runClient(arguments, file.readAll());
}

bool MariaDbServer::createDatabase(const QString &name)
{
    return execRoot(QStringLiteral("CREATE DATABASE IF NOT EXISTS `%1`").arg(name));
}

} // namespace devdash::test

#include "PostgresServer.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVersionNumber>

#include <arpa/inet.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace devdash::test {

namespace {

bool hasServerBinaries(const QString &dir)
{
    return !dir.isEmpty() && QFile::exists(dir + QStringLiteral("/initdb"))
        && QFile::exists(dir + QStringLiteral("/postgres"));
}

// A port nobody listens on right now (the kernel picks it). Another process may
// take it before the server binds, so start() retries on a new one.
int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof(address);
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0)
        port = ntohs(address.sin_port);
    ::close(fd);
    return port;
}

} // namespace

PostgresServer::PostgresServer() = default;

PostgresServer::~PostgresServer()
{
    stop();
}

QString PostgresServer::binDir()
{
    const QString fromEnv = qEnvironmentVariable("DEVDASH_PG_BINDIR");
    if (!fromEnv.isEmpty())
        return hasServerBinaries(fromEnv) ? fromEnv : QString();
    QDir root(QStringLiteral("/usr/lib/postgresql"));
    QVersionNumber best;
    QString bestDir;
    for (const QString &entry : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString dir = root.filePath(entry) + QStringLiteral("/bin");
        const QVersionNumber version = QVersionNumber::fromString(entry);
        if (hasServerBinaries(dir) && version > best) {
            best = version;
            bestDir = dir;
        }
    }
    if (!bestDir.isEmpty())
        return bestDir;
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("postgres"));
    const QString dir = QFileInfo(onPath).absolutePath();
    return hasServerBinaries(dir) ? dir : QString();
}

QString PostgresServer::unavailableReason()
{
    if (binDir().isEmpty())
        return QStringLiteral(
            "PostgreSQL tests skipped: the server binaries (initdb, postgres) were not found in "
            "/usr/lib/postgresql/*/bin, DEVDASH_PG_BINDIR or PATH. Install them with "
            "'apt-get install postgresql' (installer/devdash.sh test does).");
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return QStringLiteral("PostgreSQL tests skipped: Qt's QPSQL driver is missing (apt-get install "
                              "libqt6sql6-psql).");
    if (::geteuid() == 0 && !::getpwnam("postgres"))
        return QStringLiteral(
            "PostgreSQL tests skipped: running as root, and there is no 'postgres' user to run "
            "the server as (PostgreSQL refuses to run as root).");
    return {};
}

QString PostgresServer::filePath(const QString &name) const
{
    return m_path.isEmpty() ? QString() : QDir(m_path).filePath(name);
}

QString PostgresServer::socketDir() const
{
    return filePath(QStringLiteral("run"));
}

QString PostgresServer::url(const QString &database) const
{
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user(), host()).arg(m_port).arg(database);
}

bool PostgresServer::isRunning() const
{
    return m_server && m_server->state() == QProcess::Running;
}

void PostgresServer::configureChild(QProcess &process) const
{
    if (!m_asPostgresUser)
        return;
    const uid_t uid = m_uid;
    const gid_t gid = m_gid;
    // Runs in the child between fork and exec: only async-signal-safe calls.
    process.setChildProcessModifier([uid, gid]() {
        if (::setgroups(1, &gid) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0)
            ::_exit(126);
        // After setuid (which clears it): the server dies with the test process.
        ::prctl(PR_SET_PDEATHSIG, SIGQUIT);
    });
}

bool PostgresServer::initDataDir()
{
    if (!m_persistentDir.isEmpty()) {
        if (!QDir().mkpath(m_persistentDir)) {
            m_error = QStringLiteral("cannot create ") + m_persistentDir;
            return false;
        }
        m_path = QDir(m_persistentDir).absolutePath();
    } else {
        m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/devdash-pg-XXXXXX"));
        if (!m_dir->isValid()) {
            m_error = QStringLiteral("cannot create a temporary folder: ") + m_dir->errorString();
            return false;
        }
        m_path = m_dir->path();
    }
    QDir().mkpath(socketDir());
    if (::geteuid() == 0) {
        const passwd *pw = ::getpwnam("postgres");
        if (!pw) {
            m_error = QStringLiteral("no 'postgres' user");
            return false;
        }
        m_asPostgresUser = true;
        m_uid = pw->pw_uid;
        m_gid = pw->pw_gid;
        for (const QString &path : { m_path, socketDir() }) {
            if (::chown(QFile::encodeName(path).constData(), m_uid, m_gid) != 0) {
                m_error = QStringLiteral("cannot give %1 to the postgres user").arg(path);
                return false;
            }
        }
    }
    // A persistent folder initialised by an earlier start is reused as it is.
    if (QFile::exists(filePath(QStringLiteral("data/PG_VERSION"))))
        return true;
    QProcess initdb;
    configureChild(initdb);
    initdb.setWorkingDirectory(m_path);
    initdb.setProcessChannelMode(QProcess::MergedChannels);
    initdb.start(m_binDir + QStringLiteral("/initdb"),
        { QStringLiteral("-D"), filePath(QStringLiteral("data")), QStringLiteral("-U"), user(),
            QStringLiteral("-A"), QStringLiteral("trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
            QStringLiteral("--locale=C"), QStringLiteral("--no-sync") });
    if (!initdb.waitForFinished(120000) || initdb.exitStatus() != QProcess::NormalExit
        || initdb.exitCode() != 0) {
        m_error = QStringLiteral("initdb failed: ") + QString::fromLocal8Bit(initdb.readAll()).right(2000);
        return false;
    }
    return true;
}

bool PostgresServer::start()
{
    if (isRunning())
        return true;
    const QString reason = unavailableReason();
    if (!reason.isEmpty()) {
        m_error = reason;
        return false;
    }
    m_binDir = binDir();
    if (!initDataDir())
        return false;
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (startOnPort(freePort()))
            return true;
    }
    return false;
}

bool PostgresServer::startOnPort(int port)
{
    m_port = port;
    m_server = std::make_unique<QProcess>();
    configureChild(*m_server);
    m_server->setWorkingDirectory(m_path);
    m_server->setProcessChannelMode(QProcess::MergedChannels);
    m_server->setStandardOutputFile(filePath(QStringLiteral("server.log")), QIODevice::Append);
    // Durability is not tested here; speed is welcome.
    m_server->start(m_binDir + QStringLiteral("/postgres"),
        { QStringLiteral("-D"), filePath(QStringLiteral("data")), QStringLiteral("-p"), QString::number(port),
            QStringLiteral("-k"), socketDir(), QStringLiteral("-c"),
            QStringLiteral("listen_addresses=127.0.0.1"), QStringLiteral("-c"), QStringLiteral("fsync=off"),
            QStringLiteral("-c"), QStringLiteral("synchronous_commit=off"), QStringLiteral("-c"),
            QStringLiteral("full_page_writes=off"), QStringLiteral("-c"),
            QStringLiteral("max_connections=60") });
    if (!m_server->waitForStarted(10000)) {
        m_error = QStringLiteral("cannot run postgres: ") + m_server->errorString();
        return false;
    }
    // Ready when it accepts a connection; gone early means the port was taken.
    const QString probe = QStringLiteral("devdash-pg-probe-%1").arg(port);
    QDeadlineTimer deadline(60000);
    bool ready = false;
    while (!ready && !deadline.hasExpired() && m_server->state() == QProcess::Running) {
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), probe);
            db.setHostName(host());
            db.setPort(port);
            db.setUserName(user());
            db.setDatabaseName(QStringLiteral("postgres"));
            db.setConnectOptions(QStringLiteral("connect_timeout=2"));
            ready = db.open();
            db.close();
        }
        QSqlDatabase::removeDatabase(probe);
        if (!ready)
            m_server->waitForFinished(100);
    }
    if (!ready) {
        m_error = QStringLiteral("postgres did not accept connections on port %1; its log:\n%2")
                      .arg(port)
                      .arg(serverLog().right(2000));
        stop();
        return false;
    }
    return true;
}

void PostgresServer::stop()
{
    if (!m_server)
        return;
    if (m_server->state() != QProcess::NotRunning) {
        ::kill(pid_t(m_server->processId()), SIGINT); // fast shutdown: disconnects clients
        if (!m_server->waitForFinished(20000)) {
            ::kill(pid_t(m_server->processId()), SIGQUIT);
            m_server->waitForFinished(5000);
        }
    }
    m_server.reset();
}

bool PostgresServer::execAdmin(const QString &sql)
{
    const QString name = QStringLiteral("devdash-pg-admin");
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(host());
        db.setPort(m_port);
        db.setUserName(user());
        db.setDatabaseName(QStringLiteral("postgres"));
        if (!db.open()) {
            m_error = db.lastError().text();
        } else {
            QSqlQuery query(db);
            ok = query.exec(sql);
            if (!ok)
                m_error = query.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

QSqlDatabase PostgresServer::superuserConnection(const QString &database, const QString &connectionName) const
{
    QSqlDatabase db = QSqlDatabase::contains(connectionName)
        ? QSqlDatabase::database(connectionName, false)
        : QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
    db.setHostName(host());
    db.setPort(m_port);
    db.setUserName(user());
    db.setDatabaseName(database);
    if (!db.isOpen())
        db.open();
    return db;
}

QString PostgresServer::createDatabase(const QString &name)
{
    // Names are ours (letters, digits, '_'), so they need no quoting.
    const QString database = name.isEmpty() ? QStringLiteral("devdash_t%1").arg(++m_databaseCounter) : name;
    if (!execAdmin(QStringLiteral("CREATE DATABASE %1").arg(database)))
        return {};
    return url(database);
}

bool PostgresServer::dropDatabase(const QString &name)
{
    return execAdmin(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name));
}

QString PostgresServer::serverLog() const
{
    if (m_path.isEmpty())
        return {};
    QFile file(filePath(QStringLiteral("server.log")));
    return file.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(file.readAll()) : QString();
}

} // namespace devdash::test

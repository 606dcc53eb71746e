#include "Database.h"

#include "PostgresBinding.h"
#include "SqliteBinding.h"
#include "StoreMigrations.h"

#include "common/PrivateFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlRecord>
#include <QStandardPaths>

#include <sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <vector>

namespace devdash::store {

namespace {

std::atomic_int s_connectionCounter { 0 };

// A busy SQLite store (another DevDash importing) makes writers wait this long.
constexpr int SqliteBusyTimeoutMs = 15000;

} // namespace

Result<Database> Database::open(const StoreLocation &location)
{
    return open(location, StoreMigrations::standard());
}

Result<Database> Database::open(const StoreLocation &location, const StoreMigrations &migrations)
{
    auto db = connect(location, migrations.latestVersion());
    if (!db)
        return db;
    const auto migrated = migrations.migrate(*db);
    if (!migrated)
        return migrated.error();
    return db;
}

Result<Database> Database::connect(const StoreLocation &location)
{
    return connect(location, StoreMigrations::standard().latestVersion());
}

Result<Database> Database::connect(const StoreLocation &location, int knownVersion)
{
    Database db;
    db.m_location = location;
    db.m_name = QStringLiteral("devdash-store-%1").arg(++s_connectionCounter);
    db.m_dialect = location.isPostgres() ? Dialect::Postgres : Dialect::Sqlite;
    const QString driver = location.isPostgres() ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE");
    if (!QSqlDatabase::isDriverAvailable(driver))
        return Error { QStringLiteral("Cannot open the store %1: Qt's %2 driver is not installed (Debian: "
                                      "apt-get install %3).")
                           .arg(location.displayName(), driver,
                               location.isPostgres() ? QStringLiteral("libqt6sql6-psql")
                                                     : QStringLiteral("libqt6sql6-sqlite")) };
    db.m_db = QSqlDatabase::addDatabase(driver, db.m_name);
    if (location.isPostgres()) {
        db.m_db.setHostName(location.host);
        db.m_db.setPort(location.port);
        db.m_db.setUserName(location.user);
        db.m_db.setPassword(location.password);
        db.m_db.setDatabaseName(location.database);
        QString options = QStringLiteral("application_name=devdash");
        if (!location.connectOptions.isEmpty())
            options += QLatin1Char(';') + location.connectOptions;
        db.m_db.setConnectOptions(options);
    } else {
        const QFileInfo file(location.path);
        // The store is the user's alone: folders created for it are 0700, the file
        // 0600 (SQLite gives its -wal and -shm files the database file's mode).
        // DevDash's own data folder is tightened when it exists already; a folder
        // the user chose for a store file of theirs is left as it is.
        const bool ownFolder
            = file.absolutePath() == QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
        if (auto made = PrivateFiles::makeFolder(file.absolutePath(), ownFolder); !made)
            return Error { QStringLiteral(
                "Cannot create the folder %1 for the store (%2): check its permissions, or "
                "set DEVDASH_STORE to another path.")
                               .arg(file.absolutePath(), made.errorMessage()) };
        if (auto created = PrivateFiles::makeFile(location.path, ownFolder); !created)
            return Error { QStringLiteral(
                "Cannot create the store %1 (%2): check its folder's permissions, or "
                "set DEVDASH_STORE to another path.")
                               .arg(location.path, created.errorMessage()) };
        db.m_db.setDatabaseName(location.path);
        db.m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(SqliteBusyTimeoutMs));
    }
    if (!db.m_db.open())
        return db.error(QStringLiteral("connect"), db.m_db.lastError());

    const QStringList setup = location.isPostgres()
        ? QStringList { QStringLiteral("SET client_min_messages = warning") }
        : QStringList { QStringLiteral("PRAGMA journal_mode = WAL"),
              QStringLiteral("PRAGMA foreign_keys = ON"),
              // WAL + NORMAL: a crash may lose the last transaction, never corrupts.
              QStringLiteral("PRAGMA synchronous = NORMAL"),
              // 32 MB of page cache: an import touches a page per test in the history index.
              QStringLiteral("PRAGMA cache_size = -32768") };
    for (const QString &sql : setup) {
        if (auto ok = db.exec(sql); !ok)
            return ok.error();
    }
    const auto version = StoreMigrations::currentVersion(db);
    if (!version)
        return version.error();
    if (*version > knownVersion)
        return StoreMigrations::tooNewError(db, *version, knownVersion);
    return db;
}

Result<Database> Database::cloneForThread() const
{
    return connect(m_location);
}

Database::Database(Database &&other) noexcept
    : m_db(std::move(other.m_db))
    , m_name(std::move(other.m_name))
    , m_location(std::move(other.m_location))
    , m_dialect(other.m_dialect)
{
    other.m_db = QSqlDatabase();
    other.m_name.clear();
}

Database &Database::operator=(Database &&other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::move(other.m_db);
        m_name = std::move(other.m_name);
        m_location = std::move(other.m_location);
        m_dialect = other.m_dialect;
        other.m_db = QSqlDatabase();
        other.m_name.clear();
    }
    return *this;
}

Database::~Database()
{
    close();
}

void Database::close()
{
    if (m_name.isEmpty())
        return;
    if (m_db.isOpen() && m_dialect == Dialect::Sqlite)
        (void)exec(QStringLiteral("PRAGMA optimize")); // keeps the planner's statistics fresh, cheaply
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
    m_name.clear();
}

Result<QSqlQuery> Database::prepare(const QString &sql) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return error(QStringLiteral("prepare a statement"), query);
    return query;
}

Result<void> Database::forEachIntegerRow(
    const QString &sql, const QVariantList &values, const std::function<void(const qint64 *row)> &row) const
{
    if (sqlite3 *handle = sqliteHandle(*this)) {
        auto fail = [&](sqlite3_stmt *statement) -> Result<void> {
            const QString text = QString::fromUtf8(sqlite3_errmsg(handle));
            sqlite3_finalize(statement);
            return error(
                QStringLiteral("run a query"), QSqlError(QString(), text, QSqlError::StatementError));
        };
        const QByteArray utf8 = sql.toUtf8();
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v2(handle, utf8.constData(), int(utf8.size()), &statement, nullptr) != SQLITE_OK)
            return fail(statement);
        for (int i = 0; i < int(values.size()); ++i) {
            if (bindSqliteValue(statement, i + 1, values.at(i)) != SQLITE_OK)
                return fail(statement);
        }
        const int columns = sqlite3_column_count(statement);
        std::vector<qint64> buffer(std::max(1, columns));
        int rc;
        while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
            for (int c = 0; c < columns; ++c)
                buffer[c] = sqlite3_column_int64(statement, c);
            row(buffer.data());
        }
        if (rc != SQLITE_DONE)
            return fail(statement);
        sqlite3_finalize(statement);
        return {};
    }
    if (PGconn *handle = postgresHandle(*this); postgresReady(handle)) {
        // libpq's text cells parsed in place: QPSQL would build a QVariant per cell.
        std::vector<qint64> buffer;
        return forEachPostgresRow(*this, handle, QStringLiteral("run a query"), sql, values,
            [&](int columns, const char *const *cells) {
                buffer.resize(std::max(1, columns));
                for (int c = 0; c < columns; ++c)
                    buffer[c] = cells[c] ? std::strtoll(cells[c], nullptr, 10) : 0;
                row(buffer.data());
            });
    }
    auto query = prepare(sql);
    if (!query)
        return query.error();
    for (const QVariant &v : values)
        query->addBindValue(v);
    if (!query->exec())
        return error(QStringLiteral("run a query"), *query);
    std::vector<qint64> buffer;
    while (query->next()) {
        const int columns = query->record().count();
        buffer.resize(std::max(1, columns));
        for (int c = 0; c < columns; ++c)
            buffer[c] = query->value(c).toLongLong();
        row(buffer.data());
    }
    return {};
}

Result<void> Database::exec(const QString &sql) const
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return error(QStringLiteral("run \"%1\"").arg(sql.simplified().left(80)), query);
    return {};
}

Result<void> Database::beginWrite() const
{
    if (m_dialect == Dialect::Sqlite)
        return exec(QStringLiteral("BEGIN IMMEDIATE"));
    if (!m_db.driver()->beginTransaction())
        return error(QStringLiteral("start a transaction"), m_db.driver()->lastError());
    return {};
}

Result<void> Database::commit() const
{
    if (m_dialect == Dialect::Sqlite)
        return exec(QStringLiteral("COMMIT"));
    if (!m_db.driver()->commitTransaction())
        return error(QStringLiteral("commit"), m_db.driver()->lastError());
    return {};
}

void Database::rollback() const
{
    if (m_dialect == Dialect::Sqlite) {
        // Nothing to do when SQLite already rolled back (some errors end the transaction).
        if (m_db.isOpen())
            QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
        return;
    }
    m_db.driver()->rollbackTransaction();
}

Error Database::error(const QString &what, const QSqlError &sqlError) const
{
    QString text = sqlError.databaseText().trimmed();
    if (text.isEmpty())
        text = sqlError.text().trimmed();
    if (!sqlError.driverText().isEmpty() && !text.contains(sqlError.driverText()))
        text = sqlError.driverText() + QStringLiteral(" (") + text + QLatin1Char(')');
    return Error { QStringLiteral("Store %1: could not %2: %3").arg(m_location.displayName(), what, text) };
}

Error Database::error(const QString &what, const QSqlQuery &query) const
{
    return error(what, query.lastError());
}

} // namespace devdash::store

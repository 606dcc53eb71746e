#pragma once

#include "StoreLocation.h"
#include "common/Result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <functional>

namespace devdash::store {

class StoreMigrations;

// One connection to DevDash's own store, usable on the thread that opened it
// only (Qt SQL connections are per thread). A worker opens its own with
// cloneForThread(); the connection closes when the Database is destroyed.
class Database
{
public:
    enum class Dialect { Sqlite, Postgres };

    // Opens a connection for the calling thread and brings the schema up to date
    // (one transaction). A schema newer than `migrations` knows is an error and
    // is left untouched.
    static Result<Database> open(const StoreLocation &location);
    static Result<Database> open(const StoreLocation &location, const StoreMigrations &migrations);
    // Opens a connection without migrating (the schema must not be newer than known).
    static Result<Database> connect(const StoreLocation &location);
    static Result<Database> connect(const StoreLocation &location, int knownVersion);
    // Another connection with the same parameters, for the calling thread (call it
    // on the worker, not on the thread that owns this one).
    Result<Database> cloneForThread() const;

    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;
    ~Database();

    QSqlDatabase connection() const { return m_db; }
    Dialect dialect() const { return m_dialect; }
    bool isPostgres() const { return m_dialect == Dialect::Postgres; }
    const StoreLocation &location() const { return m_location; }
    QString connectionName() const { return m_name; }

    // A statement prepared on this connection; values are bound by the caller.
    Result<QSqlQuery> prepare(const QString &sql) const;
    // Runs a query whose columns are all integers (ids, statuses, counts; NULL reads
    // as 0) and calls `row` for each result row. On SQLite it reads through SQLite's
    // API: the flaky and trend queries read hundreds of thousands of such rows.
    Result<void> forEachIntegerRow(const QString &sql, const QVariantList &values,
        const std::function<void(const qint64 *row)> &row) const;
    // Runs a statement that takes no values (DDL, pragmas).
    Result<void> exec(const QString &sql) const;
    // Starts a write transaction. On SQLite it takes the write lock at once
    // (BEGIN IMMEDIATE), so that a second writer waits for the busy timeout
    // instead of failing when it upgrades a read lock.
    Result<void> beginWrite() const;
    Result<void> commit() const;
    void rollback() const;

    // "Store <where>: could not <what>: <driver text>".
    Error error(const QString &what, const QSqlError &sqlError) const;
    Error error(const QString &what, const QSqlQuery &query) const;

private:
    Database() = default;
    void close();

    QSqlDatabase m_db;
    QString m_name;
    StoreLocation m_location;
    Dialect m_dialect = Dialect::Sqlite;
};

} // namespace devdash::store

#pragma once

#include "common/Result.h"

#include <QString>

namespace devdash::store {

// Where DevDash keeps its own data: a SQLite file (the default, per user) or a
// PostgreSQL database that a team shares. Parsed from what the user types
// (`--store`, settings); the password never goes back into settings.
struct StoreLocation
{
    enum class Kind { Sqlite, Postgres };

    Kind kind = Kind::Sqlite;
    QString path; // SQLite file
    QString host; // PostgreSQL: host name, address, or a socket folder (starts with '/')
    int port = 5432;
    QString user;
    QString password; // from the URL, else PGPASSWORD / DEVDASH_STORE_PASSWORD
    QString database;
    QString connectOptions; // libpq keywords from the URL query, "sslmode=require;connect_timeout=5"

    bool isPostgres() const { return kind == Kind::Postgres; }

    // "postgresql://user[:password]@host[:port]/db[?sslmode=...]" (also "postgres://"),
    // "sqlite:///abs/path" or a plain file path. Empty: defaultLocation().
    static Result<StoreLocation> parse(const QString &spec);
    // $DEVDASH_STORE when set, else AppLocalDataLocation/devdash.sqlite.
    static Result<StoreLocation> defaultLocation();

    // For messages and settings: never contains the password.
    QString displayName() const;
};

} // namespace devdash::store

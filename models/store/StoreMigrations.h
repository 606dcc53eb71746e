#pragma once

#include "Database.h"
#include "common/Result.h"

#include <QList>
#include <QString>

namespace devdash::store {

// One statement of a migration. SQL is shared by both dialects, with a few
// tokens that differ (see StoreMigrations::translate); a statement only one
// dialect needs says so.
struct MigrationStep
{
    enum class Only { Both, Sqlite, Postgres };
    QString sql;
    Only only = Only::Both;
};

struct Migration
{
    int version = 0;
    QString description;
    QList<MigrationStep> steps;
};

// The store's schema history: versions 1..latest, each an ordered list of
// statements. Applied versions are recorded in `schema_version`. Capabilities
// append versions; a released version is never edited.
class StoreMigrations
{
public:
    explicit StoreMigrations(QList<Migration> migrations);
    static const StoreMigrations &standard();

    int latestVersion() const;
    const QList<Migration> &migrations() const { return m_migrations; }

    // 0 for an empty database.
    static Result<int> currentVersion(const Database &db);
    // Applies the versions after the current one up to `targetVersion` (-1: the
    // latest) in one transaction; returns the version reached. Concurrent openers
    // are serialised (SQLite write lock, PostgreSQL advisory lock).
    Result<int> migrate(const Database &db, int targetVersion = -1) const;

    // Dialect tokens: {{pk}} an auto-increment 64-bit primary key, {{real}} a
    // double, {{without_rowid}} the SQLite clustered-table suffix.
    static QString translate(const QString &sql, Database::Dialect dialect);
    static Error tooNewError(const Database &db, int version, int knownVersion);

private:
    QList<Migration> m_migrations;
};

} // namespace devdash::store

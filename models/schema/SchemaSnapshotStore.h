#pragma once

// Schema history in DevDash's store (table schema_snapshots, store version 5):
// an inspection saved as a snapshot, the snapshots of one database in time
// order, and what changed between consecutive ones ("what changed when").
// Saving an unchanged schema adds no row: the content hash covers the
// structure only, not row estimates, sizes or the inspection time.

#include "common/Result.h"
#include "schema/DatabaseUrl.h"
#include "schema/SchemaCatalog.h"
#include "schema/SchemaDiff.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

class QSqlQuery;

namespace devdash::store {
class Database;
}

namespace devdash::schema {

struct SchemaSnapshotInfo
{
    qint64 id = 0;
    QString databaseKey;
    std::optional<qint64> repositoryId;
    QString environment; // empty when the database has no environment name
    QString driver;
    QDateTime takenAt; // UTC
    QString contentHash;
    int tableCount = 0;
};

struct SavedSnapshot
{
    SchemaSnapshotInfo snapshot;
    bool added = false; // false: the latest snapshot already had this schema
};

// One point of the timeline: a snapshot and what changed since the one before.
struct SchemaTimelineEntry
{
    SchemaSnapshotInfo snapshot;
    std::optional<SchemaDifferences> changes; // nullopt for the first snapshot
};

class SchemaSnapshotStore
{
public:
    explicit SchemaSnapshotStore(const store::Database &db);

    // The environment's name when there is one, else the URL without its password.
    static QString databaseKey(const DatabaseUrl &url, const QString &environment = {});
    // SHA-256 of the catalog's JSON without the estimates and times.
    static QString contentHash(const SchemaCatalog &catalog);

    // `repository`: a repository key of the store (added when missing); empty: none.
    // An environment's snapshots are its repository's: "staging" of two
    // repositories are two databases, each with its own timeline.
    Result<SavedSnapshot> save(const SchemaCatalog &catalog, const QString &databaseKey,
        const QString &repository = {}, const QString &environment = {},
        const QDateTime &takenAt = QDateTime::currentDateTimeUtc());
    // Oldest first. `repository` (a repository key) keeps only that repository's
    // snapshots; empty: all of the key's.
    Result<QList<SchemaSnapshotInfo>> list(const QString &databaseKey, const QString &repository = {}) const;
    Result<QStringList> databaseKeys() const;
    // The repositories (keys) whose snapshots are filed under `databaseKey`.
    Result<QStringList> repositoriesOf(const QString &databaseKey) const;
    Result<SchemaSnapshotInfo> info(qint64 id) const;
    Result<SchemaCatalog> load(qint64 id) const;
    // Each snapshot with the diff from its predecessor; oldest first.
    Result<QList<SchemaTimelineEntry>> timeline(
        const QString &databaseKey, const DiffFilter &filter = {}, const QString &repository = {}) const;

private:
    Result<std::optional<qint64>> repositoryId(const QString &repository) const;
    // The snapshots of a key (and of a repository when one is given), newest first when `newestFirst`.
    Result<QSqlQuery> select(
        const QString &databaseKey, const QString &repository, bool newestFirst, int limit = -1) const;

    const store::Database &m_db;
};

} // namespace devdash::schema

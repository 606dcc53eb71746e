#pragma once

// The demo's databases: a small shop (categories, products, customers, orders,
// order_items, reviews; a view, a trigger, checks, a generated column, FKs with
// cascade, a partial and an expression index) built by Flyway-style migrations
// committed to the demo repository under db/migration, applied to two SQLite
// files in its work tree — staging up to V5, production up to V3 — each with a
// flyway_schema_history whose checksums are Flyway's own. A branch
// feature/shipments adds V6, applied nowhere yet. The repository's .devdash.json
// gains the two `databases` (other keys there are kept). Takes well under 0.5 s.

#include "common/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace devdash::schema {

class DemoDatabases
{
public:
    struct Migration
    {
        QString version; // "1"
        QString description; // "create catalog"
        QString script; // "V1__create_catalog.sql"
        QByteArray sql;
    };

    struct Created
    {
        QString staging; // absolute paths of the SQLite files
        QString production;
        QString branch; // the branch that adds a migration
        QDateTime head; // the time of the commit the databases were built from (UTC)
    };

    // `workTree`: the demo repository, HEAD on a branch (main).
    static Result<Created> create(const QString &workTree);

    // A database with the first `applied` migrations, the last applied at `lastApplied`,
    // the ones before `spacingDays` apart (as create() builds each environment's).
    static Result<void> build(
        const QString &path, int applied, const QDateTime &lastApplied, int spacingDays);

    // Every migration of the story in order; main carries the first `onMain`.
    static QList<Migration> migrations();
    static constexpr int OnMain = 5;
    static constexpr int AppliedOnStaging = 5;
    static constexpr int AppliedOnProduction = 3;
    // When each environment's last migration ran, before the demo's HEAD, and the days between migrations.
    static constexpr int StagingDaysBeforeHead = 2, StagingSpacingDays = 9;
    static constexpr int ProductionDaysBeforeHead = 16, ProductionSpacingDays = 14;
};

} // namespace devdash::schema

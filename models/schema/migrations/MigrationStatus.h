#pragma once

// Puts a database's migration history and the repository's migration files together,
// one state per migration in the manner of `flyway info`: applied, pending, failed,
// missing, checksum mismatch, out of order, future, baseline, ignored, outdated.

#include "Migration.h"

namespace devdash::migrations {

class MigrationStatus
{
public:
    // In the framework's order: by version for numbered frameworks (Flyway repeatables last),
    // by the files' order for Alembic, sqitch and Liquibase, with migrations only the database
    // knows at their applied position.
    static QList<MigrationEntry> combine(const MigrationHistory &history, const MigrationFileSet &files);

    struct Counts
    {
        int applied = 0; // applied or baseline
        int pending = 0;
        int problems = 0; // failed, missing, checksum mismatch, out of order, future, outdated
    };
    static Counts count(const QList<MigrationEntry> &entries);
};

} // namespace devdash::migrations

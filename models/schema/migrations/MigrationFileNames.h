#pragma once

// Recognises a migration file by its path, the way each framework names its files:
// Flyway V<ver>__<desc>.sql / R__ / B / U, Rails <ts>_name.rb, golang-migrate
// <ver>_<name>.up.sql, goose <ver>_<name>.sql|.go, Prisma <ts>_<name>/migration.sql, ...
// Only the name: contents (checksums, Alembic revisions) are read by MigrationFileScanner.

#include "Migration.h"

#include <optional>

namespace devdash::migrations {

class MigrationFileNames
{
public:
    // The migration `path` is for `framework`, with key, version, description and kind filled,
    // or nullopt when the path is not one of its migrations. Alembic, sqitch and Liquibase files
    // only get their path here (their identity is in the contents).
    static std::optional<MigrationFile> parse(Framework framework, const QString &path);
    // The folder that holds a migration "unit" (a Prisma/Diesel migration is a folder of its own:
    // the folder of that folder), used to group candidates by folder.
    static QString migrationFolder(Framework framework, const QString &path);
    // Whether a folder the framework is known to use by default holds `path` (db/migration,
    // db/migrate, prisma/migrations, ...): ranks candidate folders when no path is configured.
    static bool isConventionalFolder(Framework framework, const QString &folder);
};

} // namespace devdash::migrations

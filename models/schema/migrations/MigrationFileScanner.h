#pragma once

// Reads one framework's migration files from a repository at a commit (GitTreeSnapshot,
// no checkout): from the configured folder, or from the folder the framework's convention
// points to (the conventional folder with the most migrations when several exist). Gives
// each file its key, version, description, order and the framework's own checksum.

#include "GitTreeSnapshot.h"
#include "Migration.h"

namespace devdash::migrations {

class MigrationFileScanner
{
public:
    // `folder`: relative to the repository root; empty = find it by convention.
    static Result<MigrationFileSet> scan(
        const GitTreeSnapshot &snapshot, Framework framework, const QString &folder = {});

    // Alembic's order of `files` (revisions by down_revision): parents before children,
    // among equals by revision. Linear and iterative; a cycle is an error naming it
    // (`folder` says where the revisions are).
    static Result<void> orderAlembic(QList<MigrationFile> &files, const QString &folder);
};

} // namespace devdash::migrations

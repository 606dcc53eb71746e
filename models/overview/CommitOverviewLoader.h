#pragma once

// Everything DevDash knows about one commit, joined by its id: its pipelines, its
// test delta against its first parent, the migration files it adds and the
// environments it has reached. Runs on the worker that owns `db`.

#include "OverviewData.h"

#include "common/CancelToken.h"
#include "common/Result.h"

namespace devdash::store {
class Database;
}

namespace devdash::overview {

class CommitOverviewLoader
{
public:
    static Result<CommitOverview> load(const store::Database &db, const QString &repoPath,
        const QString &repoKey, const QString &revision, const CancelToken &cancel = {});

    // Whether `path` is a migration file of any framework DevDash knows, or lies in one
    // of `configuredFolders` (the `databases[].migrations.path` of `.devdash.json`).
    static bool isMigrationFile(const QString &path, const QStringList &configuredFolders);
};

} // namespace devdash::overview

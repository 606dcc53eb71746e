#pragma once

// One database against one ref of the repository: reads the history table, the files at
// the ref (no checkout) and puts them together. Runs on a worker thread that owns `db`
// (it opens its own git_repository there).

#include "Migration.h"
#include "common/CancelToken.h"
#include "common/Result.h"

#include <QSqlDatabase>

namespace devdash::migrations {

struct MigrationReport
{
    MigrationHistory history;
    MigrationFileSet files;
    QList<MigrationEntry> entries;
};

class MigrationInspector
{
public:
    struct Request
    {
        QString repoPath;
        QString ref; // empty: HEAD
        QString folder; // empty: by convention
        Framework framework = Framework::Unknown; // Unknown: from the history table
        CancelToken cancel;
    };
    static Result<MigrationReport> inspect(QSqlDatabase db, const Request &request);
    // The files only (no database): for a ref column of the matrix.
    static Result<MigrationFileSet> files(const Request &request);
};

} // namespace devdash::migrations

#pragma once

// What a local pipeline run is recorded under, read from the repository just
// before it starts: the work tree it runs in, the repository's store key, the
// commit HEAD points to, the current branch, and whether the work tree has
// changes that commit does not contain (the run is then "dirty": its result
// says little about the commit itself).

#include "common/Result.h"

#include <QString>

namespace devdash::ci {

struct LocalPipelineSource
{
    QString root; // the work tree's canonical path: steps run here
    QString repositoryKey; // the store's key (testresults::RunImport::repositoryKey)
    QString commit; // HEAD's full id
    QString branch; // empty on a detached HEAD
    bool dirty = false; // staged, unstaged or untracked changes (ignored files do not count)

    // Reads git (libgit2 status over the work tree: call it off the GUI thread).
    static Result<LocalPipelineSource> inspect(const QString &repository);
};

} // namespace devdash::ci

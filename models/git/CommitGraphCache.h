#pragma once

// Where the commit-graph a history walk runs on comes from. libgit2 1.5 ignores the
// generation-v2 graphs git 2.39 writes, and we do not write into the user's
// repository, so DevDash keeps its own graph (written by libgit2's writer) in its
// cache folder, keyed by the repository's path. The repository's own graph is used
// when it is newer.

#include "Repository.h"
#include "common/CancelToken.h"

#include <QStringList>

namespace devdash::git {

class CommitGraphCache
{
public:
    // $DEVDASH_CACHE_DIR, else the platform cache folder (~/.cache/devdash).
    static QString cacheRoot();
    // The objects/info folder DevDash keeps for this repository.
    static QString cacheDirFor(const Repository &repo);
    // The graph layers to map (oldest first), or empty when there is none.
    static QStringList layersFor(const Repository &repo);
    // (Re)writes DevDash's graph from every ref and HEAD. Atomic: readers see the
    // old or the new file.
    static Result<void> write(const Repository &repo, const CancelToken &cancel = {});
    static void remove(const Repository &repo);
};

} // namespace devdash::git

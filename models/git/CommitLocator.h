#pragma once

// Where a commit that a link names sits among the histories the History page shows:
// its full id, whether the scope's tips reach it, else whether any ref does. A link
// lands on the commit in the scope the user is in when it is there, in "All refs"
// when only another ref reaches it.

#include "HistorySession.h"

#include "common/CancelToken.h"

namespace devdash::git {

struct CommitPlacement
{
    QString commit; // 40 hex
    bool inScope = false; // an ancestor of (or equal to) one of the scope's tips
    bool inAnyRef = false; // the same for every ref, HEAD and the other worktrees' HEADs
};

// The tips a scope starts from, in the order git's revision machinery sees them.
Result<std::vector<git_oid>> scopeTips(const Repository &repo, const HistoryScope &scope);

// `revision`: a full or abbreviated id, or any revision git understands.
Result<CommitPlacement> locateCommit(const QString &repoPath, const HistoryScope &scope,
    const QString &revision, const CancelToken &cancel = {});

} // namespace devdash::git

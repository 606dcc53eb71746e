#pragma once

// What is not committed yet: the work tree and the index against HEAD (staged and
// unstaged together, untracked files as added), as `git diff HEAD` plus
// `git ls-files --others --exclude-standard`. History shows it as a row above the
// commits; a clean or bare repository has none.

#include "CommitDiff.h"

namespace devdash::git {

struct WorkingTreeState
{
    std::optional<git_oid> head; // none: no commit yet (everything is added)
    QList<FileChange> files;
    bool isClean() const { return files.isEmpty(); }
};

class WorkingTreeChanges
{
public:
    static Result<WorkingTreeState> read(Repository &repo, const CancelToken &cancel = {});
    // The patch of one file of read()'s list.
    static Result<FilePatch> filePatch(Repository &repo, const FileChange &change);
};

} // namespace devdash::git

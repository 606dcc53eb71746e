#include "WorkingTreeChanges.h"

namespace devdash::git {

namespace {

git_diff_options workTreeOptions()
{
    git_diff_options opts = CommitDiff::options();
    // New files are uncommitted changes too; list each file, with its content.
    opts.flags
        |= GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS | GIT_DIFF_SHOW_UNTRACKED_CONTENT;
    return opts;
}

// HEAD's tree, or none on an unborn branch (then everything is added).
Result<TreePtr> headTree(Repository &repo, std::optional<git_oid> *headId)
{
    git_oid id;
    const int rc = git_reference_name_to_id(&id, repo.raw(), "HEAD");
    if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) {
        git_error_clear();
        return TreePtr();
    }
    if (rc < 0)
        return lastError(QStringLiteral("cannot read HEAD"), rc);
    git_commit *rawCommit = nullptr;
    if (int r = git_commit_lookup(&rawCommit, repo.raw(), &id); r < 0)
        return lastError(QStringLiteral("cannot read the HEAD commit"), r);
    CommitPtr commit(rawCommit);
    git_tree *tree = nullptr;
    if (int r = git_commit_tree(&tree, rawCommit); r < 0)
        return lastError(QStringLiteral("cannot read the tree of HEAD"), r);
    if (headId)
        *headId = id;
    return TreePtr(tree);
}

Result<DiffPtr> workTreeDiff(Repository &repo, git_diff_options &opts, std::optional<git_oid> *headId)
{
    auto tree = headTree(repo, headId);
    if (!tree)
        return tree.error();
    git_diff *raw = nullptr;
    if (int rc = git_diff_tree_to_workdir_with_index(&raw, repo.raw(), tree->get(), &opts); rc < 0)
        return lastError(QStringLiteral("cannot compare the work tree with HEAD"), rc);
    return DiffPtr(raw);
}

} // namespace

Result<WorkingTreeState> WorkingTreeChanges::read(Repository &repo, const CancelToken &cancel)
{
    WorkingTreeState state;
    if (git_repository_is_bare(repo.raw()))
        return state; // no work tree, nothing uncommitted
    git_diff_options opts = workTreeOptions();
    auto diff = workTreeDiff(repo, opts, &state.head);
    if (!diff)
        return diff.error();
    auto files = CommitDiff::changesOf(diff->get(), cancel);
    if (!files)
        return files.error();
    state.files = std::move(files.value());
    return state;
}

Result<FilePatch> WorkingTreeChanges::filePatch(Repository &repo, const FileChange &change)
{
    git_diff_options opts = workTreeOptions();
    QByteArray path = change.path.toUtf8();
    char *pathPtr = path.data();
    opts.pathspec.strings = &pathPtr;
    opts.pathspec.count = 1;
    opts.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
    auto diff = workTreeDiff(repo, opts, nullptr);
    if (!diff)
        return diff.error();
    return CommitDiff::patchOf(diff->get(), change);
}

} // namespace devdash::git

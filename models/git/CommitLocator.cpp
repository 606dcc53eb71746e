#include "CommitLocator.h"

namespace devdash::git {

namespace {
bool reaches(const Repository &repo, const git_oid &commit, const std::vector<git_oid> &tips)
{
    for (const git_oid &tip : tips)
        if (git_oid_equal(&tip, &commit))
            return true;
    if (tips.empty())
        return false;
    const int rc = git_graph_reachable_from_any(repo.raw(), &commit, tips.data(), tips.size());
    if (rc < 0)
        git_error_clear(); // a missing parent somewhere: not reachable as far as we can tell
    return rc == 1;
}
} // namespace

Result<std::vector<git_oid>> scopeTips(const Repository &repo, const HistoryScope &scope)
{
    std::vector<git_oid> tips;
    git_oid head;
    const bool haveHead = git_reference_name_to_id(&head, repo.raw(), "HEAD") == 0;
    if (!haveHead)
        git_error_clear();
    switch (scope.kind) {
    case HistoryScope::Kind::Head:
        if (haveHead)
            tips.push_back(head);
        break;
    case HistoryScope::Kind::Ref: {
        auto oid = repo.resolveCommit(scope.ref);
        if (!oid)
            return oid.error();
        tips.push_back(oid.value());
        break;
    }
    case HistoryScope::Kind::All:
        for (const RefTip &tip : listRefTips(repo))
            tips.push_back(tip.commit);
        if (haveHead)
            tips.push_back(head);
        // git log --all also starts from the HEADs of the other worktrees.
        for (const git_oid &oid : otherWorktreeHeads(repo))
            tips.push_back(oid);
        break;
    }
    return tips;
}

Result<CommitPlacement> locateCommit(
    const QString &repoPath, const HistoryScope &scope, const QString &revision, const CancelToken &cancel)
{
    auto repo = Repository::open(repoPath);
    if (!repo)
        return repo.error();
    auto commit = repo->resolveCommit(revision.trimmed());
    if (!commit)
        return commit.error();
    CommitPlacement placement;
    placement.commit = toHex(commit.value());
    auto tips = scopeTips(repo.value(), scope);
    if (!tips)
        return tips.error();
    placement.inScope = reaches(repo.value(), commit.value(), tips.value());
    if (cancel.isCancelled())
        return Error { QStringLiteral("cancelled") };
    if (placement.inScope || scope.kind == HistoryScope::Kind::All) {
        placement.inAnyRef = placement.inScope;
        return placement;
    }
    auto all = scopeTips(repo.value(), HistoryScope::all());
    if (!all)
        return all.error();
    placement.inAnyRef = reaches(repo.value(), commit.value(), all.value());
    return placement;
}

} // namespace devdash::git

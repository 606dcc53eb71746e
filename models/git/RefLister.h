#pragma once

#include "RefInfo.h"
#include "Repository.h"
#include "common/CancelToken.h"

#include <QList>

namespace devdash::git {

struct RefListing
{
    QList<RefInfo> refs; // refs/heads, refs/remotes (not symbolic), refs/tags peeling to commits
    Repository::DefaultBranch base;
    bool headDetached = false;
    bool headUnborn = false;
    git_oid head {};
    QString repositoryName;
};

// Lists every branch and tag with its tip commit, its upstream and ahead/behind
// counts against the upstream and the default branch (all in one DAG walk).
class RefLister
{
public:
    static Result<RefListing> list(const QString &repoPath, const CancelToken &cancel = {});
    static Result<RefListing> list(Repository &repo, const CancelToken &cancel = {});
};

} // namespace devdash::git

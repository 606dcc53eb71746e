#pragma once

#include "LibGit2.h"

#include <QString>

namespace devdash::git {

// One open repository, owned by one thread (libgit2 handles must not be shared).
class Repository
{
public:
    // Opens `path` or the repository any parent folder belongs to: work trees, bare
    // repositories, linked worktrees and submodules. The error names the path and
    // says what is wrong with it.
    static Result<Repository> open(const QString &path);

    git_repository *raw() const { return m_repo.get(); }
    QString gitDir() const; // the repository's own git dir (per worktree)
    QString commonDir() const; // shared objects and refs
    QString workDir() const; // empty for a bare repository
    QString displayName() const;
    bool isBare() const;
    bool isEmpty() const; // unborn HEAD and no refs
    bool isHeadDetached() const;
    bool isHeadUnborn() const;
    // Short name of the current branch ("main"), or empty when detached/unborn.
    QString currentBranch() const;

    struct DefaultBranch
    {
        QString shortName; // "origin/main" or "main"
        QString fullName; // "refs/remotes/origin/main"
    };
    // The target of refs/remotes/origin/HEAD, else init.defaultBranch, else main or master.
    DefaultBranch defaultBranch() const;

    Result<git_oid> resolveCommit(const QString &revision) const;
    // The first line of a commit's message; empty when it cannot be read.
    QString commitSummary(const git_oid &commit) const;

private:
    RepositoryPtr m_repo;
};

} // namespace devdash::git

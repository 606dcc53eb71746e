#pragma once

// The files of a repository at one commit, read from git's objects without a checkout
// (a branch that is not checked out, an old commit). Owns its own git_repository, so it
// belongs to the thread that opened it.

#include "common/Result.h"
#include "git/Repository.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace devdash::migrations {

class GitTreeSnapshot
{
public:
    struct Entry
    {
        QString path; // relative to the repository root, '/'-separated
        git_oid blob;
    };

    // Opens the repository at `repoPath` and resolves `ref` (branch, tag, commit, "HEAD").
    static Result<GitTreeSnapshot> open(const QString &repoPath, const QString &ref);

    QString ref() const { return m_ref; }
    QString commit() const; // full id
    QString repositoryName() const { return m_repo.displayName(); }

    // The blobs under `folder` ("" = the whole tree), recursively, in path order. An empty
    // list when the folder does not exist at this commit.
    Result<QList<Entry>> files(const QString &folder = {}) const;
    Result<QByteArray> read(const Entry &entry) const;
    // A file by path; an error naming the path and the commit when it does not exist.
    Result<QByteArray> read(const QString &path) const;
    bool exists(const QString &path) const;

private:
    GitTreeSnapshot(git::Repository repo, git_oid commit, const QString &ref);

    git::Repository m_repo;
    git_oid m_commit;
    QString m_ref;
};

} // namespace devdash::migrations

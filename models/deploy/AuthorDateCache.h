#pragma once

// Author dates by commit id, kept in DevDash's cache folder next to its commit-graph
// index (the graph has committer dates only). Lead time needs the author date of
// every commit that reached an environment — 100,000 for five years of history — and
// reading that many commits through libgit2 costs seconds; read from this file it
// costs milliseconds. Commits are immutable, so an entry never goes stale.

#include "common/Result.h"

#include <git2/oid.h>

#include <QByteArray>
#include <QString>

#include <vector>

namespace devdash::git {
class Repository;
}

namespace devdash::deploy {

class AuthorDateCache
{
public:
    // Loads the cache of `repository` (an empty one when there is none or it is unreadable).
    explicit AuthorDateCache(const git::Repository &repository);

    // Seconds since the epoch; reads the commit when the cache does not have it.
    Result<qint64> authorTime(const git_oid &commit);
    // Writes what was added since loading (atomically); a failure only costs speed.
    void save();

    QString path() const { return m_path; }

private:
    struct Entry
    {
        git_oid oid;
        qint64 time;
    };
    const git::Repository &m_repository;
    QString m_path;
    std::vector<Entry> m_sorted; // from the file, sorted by oid
    std::vector<Entry> m_added;
};

} // namespace devdash::deploy

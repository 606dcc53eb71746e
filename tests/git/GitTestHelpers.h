#pragma once

// Small helpers shared by the models/git suites (header-only: they need libgit2
// types, which the test support library does not link).

#include "Scenarios.h"
#include "TestRepo.h"
#include "git/CommitGraphCache.h"
#include "git/LibGit2.h"
#include "git/Repository.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <map>
#include <memory>

namespace devdash::test {

inline git_oid oidFromHex(const QString &hex)
{
    git_oid oid {};
    const QByteArray latin = hex.toLatin1();
    if (git_oid_fromstrn(&oid, latin.constData(), size_t(latin.size())) < 0)
        git_error_clear();
    return oid;
}

inline QString hex(const git_oid &oid)
{
    return devdash::git::toHex(oid);
}

// The commit-graph a walk may use, switched per test row.
enum class GraphMode {
    None, // no graph anywhere: every commit goes through the overlay
    Cache, // DevDash's own v1 graph (libgit2 writer) in $DEVDASH_CACHE_DIR
    Git // git's v2 graph in objects/info (libgit2 ignores it, DevDash reads it)
};

inline const char *graphModeName(GraphMode mode)
{
    switch (mode) {
    case GraphMode::None:
        return "nograph";
    case GraphMode::Cache:
        return "cachegraph";
    case GraphMode::Git:
        return "gitgraph";
    }
    return "";
}

inline void removeGitGraphs(const devdash::git::Repository &repo)
{
    const QString info = repo.commonDir() + QStringLiteral("/objects/info");
    QFile::remove(info + QStringLiteral("/commit-graph"));
    QDir(info + QStringLiteral("/commit-graphs")).removeRecursively();
}

// Puts the repository at `path` in `mode`. Returns an error text, empty on success.
inline QString setGraphMode(TestRepo &git, const QString &path, GraphMode mode)
{
    auto repo = devdash::git::Repository::open(path);
    if (!repo)
        return repo.errorMessage();
    devdash::git::CommitGraphCache::remove(*repo);
    removeGitGraphs(*repo);
    switch (mode) {
    case GraphMode::None:
        break;
    case GraphMode::Cache:
        if (auto written = devdash::git::CommitGraphCache::write(*repo); !written)
            return written.errorMessage();
        break;
    case GraphMode::Git:
        git.at(path).git(
            { QStringLiteral("commit-graph"), QStringLiteral("write"), QStringLiteral("--reachable") });
        break;
    }
    return {};
}

// Scenario repositories built once per test process and shared by its rows.
class ScenarioCache
{
public:
    struct Entry
    {
        TestRepo repo;
        Scenario scenario;
    };
    Entry *get(const QString &name)
    {
        auto it = m_entries.find(name);
        if (it == m_entries.end()) {
            auto entry = std::make_unique<Entry>();
            entry->scenario = Scenarios::build(name, entry->repo);
            it = m_entries.emplace(name, std::move(entry)).first;
        }
        return it->second.get();
    }

private:
    std::map<QString, std::unique_ptr<Entry>> m_entries;
};

} // namespace devdash::test

#define DEVDASH_VERIFY_REPO(repo) QVERIFY2((repo).ok(), qPrintable((repo).errors()))

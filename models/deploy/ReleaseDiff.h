#pragma once

// What is in one environment and not yet in another (staging vs production): the
// commits (topological order, newest first), the branches merged by them (from the
// merge commits' messages), the issue keys in their messages, and the database
// migrations they add (files added under the migration folders between the two
// commits, read from git trees — no checkout).

#include "DeployConfig.h"
#include "common/Result.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

namespace devdash::git {
class Repository;
}

namespace devdash::deploy {

struct ReleaseCommit
{
    QString commit; // full id
    QString summary;
    QString author;
    QDateTime authoredAt;
    QStringList issueKeys;
    QString mergedBranch; // for a merge commit whose message names the branch
};

struct ReleaseDiffResult
{
    QString base; // full id of what runs in the environment behind (production)
    QString head; // full id of what runs in the one ahead (staging)
    QList<ReleaseCommit> commits;
    QStringList mergedBranches;
    QStringList issueKeys;
    QStringList migrations; // paths added, sorted
    // True when the base is not an ancestor of the head (e.g. production runs a hotfix
    // staging does not have): the commits are still those in head and not in base.
    bool diverged = false;
};

class ReleaseDiff
{
public:
    // `base`/`head`: full commit ids (empty base: everything in head).
    static Result<ReleaseDiffResult> compute(const git::Repository &repository, const DeployConfig &config,
        const QString &base, const QString &head);
    // "Merge branch 'feature/x'", "Merge branch 'x' into 'main'", "Merge pull request #12 from
    // owner/feature-x", "Merge remote-tracking branch 'origin/x'": the branch, or empty.
    static QString mergedBranchName(const QString &message);
    // A path under the configured migration folder, else a conventional one
    // (db/migration*, db/migrate, migrations/, … as the migration frameworks name them).
    static bool isMigrationPath(const QString &path, const QString &configuredFolder);
};

} // namespace devdash::deploy

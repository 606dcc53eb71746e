#pragma once

// Loads the Overview's sections from the stores, the repository and the configured
// databases. Each function runs on the worker that owns `db` (a connection per
// thread) and opens what else it needs there; each is independent, so the page
// starts them side by side and draws each card as it arrives.

#include "OverviewData.h"

#include "common/CancelToken.h"
#include "common/Result.h"

namespace devdash::store {
class Database;
}

namespace devdash::overview {

class OverviewLoader
{
public:
    static Result<BranchSection> branch(const QString &repoPath);
    // The newest pipeline per branch; watched branches (`ci[].watch`, else the
    // current and default branches) first. At most `limit` branches.
    static Result<PipelinesSection> pipelines(const store::Database &db, const QString &repoPath,
        const QString &repoKey, const QStringList &fallbackWatched, int limit = 8);
    // The last runs' counts (for the sparkline) and the flaky tests, worst first.
    static Result<TestsSection> tests(const store::Database &db, const QString &repoKey, int lastRuns = 30);
    // Each database of `.devdash.json` against the migration files at HEAD. A database
    // that cannot be read gets its error, the others still count.
    static Result<QList<EnvironmentMigrations>> migrations(const QString &repoPath, const CancelToken &cancel);
    // What runs in each environment, and how far behind `baseRef` it is.
    static Result<DeploymentsSection> deployments(const store::Database &db, const QString &repoPath,
        const QString &repoKey, const QString &baseRef, const CancelToken &cancel);
};

} // namespace devdash::overview

#include "OverviewLoader.h"

#include "ci/CiConfig.h"
#include "ci/PipelineRunStore.h"
#include "deploy/DeploymentHistory.h"
#include "deploy/DeploymentStore.h"
#include "git/LibGit2.h"
#include "schema/migrations/MigrationDatabaseConfig.h"
#include "schema/migrations/MigrationInspector.h"
#include "schema/DatabaseUrl.h"
#include "schema/ReadOnlyConnection.h"
#include "testresults/FlakyQuery.h"
#include "testresults/TestRunStore.h"
#include "testresults/TrendQuery.h"

#include "git/Repository.h"

#include <git2/branch.h>
#include <git2/commit.h>
#include <git2/graph.h>
#include <git2/refs.h>

#include <algorithm>

namespace devdash::overview {

Result<BranchSection> OverviewLoader::branch(const QString &repoPath)
{
    auto repository = git::Repository::open(repoPath);
    if (!repository)
        return repository.error();
    BranchSection section;
    if (repository->isHeadUnborn())
        return section;
    section.currentBranch = repository->currentBranch();
    auto head = repository->resolveCommit(QStringLiteral("HEAD"));
    if (!head)
        return head.error();
    section.headCommit = git::toHex(*head);
    git_commit *rawCommit = nullptr;
    if (git_commit_lookup(&rawCommit, repository->raw(), &*head) == 0) {
        git::CommitPtr commit(rawCommit);
        section.headSummary = QString::fromUtf8(git_commit_summary(commit.get()));
    }
    git_repository *repo = repository->raw();
    if (!section.currentBranch.isEmpty()) {
        git_reference *rawLocal = nullptr;
        if (git_branch_lookup(&rawLocal, repo, section.currentBranch.toUtf8().constData(), GIT_BRANCH_LOCAL)
            == 0) {
            git::ReferencePtr local(rawLocal);
            git_reference *rawUpstream = nullptr;
            if (git_branch_upstream(&rawUpstream, local.get()) == 0) {
                git::ReferencePtr upstream(rawUpstream);
                section.upstream = QString::fromUtf8(git_reference_shorthand(upstream.get()));
                size_t ahead = 0, behind = 0;
                if (const git_oid *target = git_reference_target(upstream.get());
                    target && git_graph_ahead_behind(&ahead, &behind, repo, &*head, target) == 0) {
                    section.aheadUpstream = int(ahead);
                    section.behindUpstream = int(behind);
                }
            }
        }
    }
    section.defaultBranch = repository->defaultBranch().shortName;
    if (!section.defaultBranch.isEmpty() && section.defaultBranch != section.currentBranch) {
        if (auto base = repository->resolveCommit(section.defaultBranch)) {
            size_t ahead = 0, behind = 0;
            if (git_graph_ahead_behind(&ahead, &behind, repo, &*head, &*base) == 0) {
                section.aheadDefault = int(ahead);
                section.behindDefault = int(behind);
            }
        }
    }
    return section;
}

Result<PipelinesSection> OverviewLoader::pipelines(const store::Database &db, const QString &repoPath,
    const QString &repoKey, const QStringList &fallbackWatched, int limit)
{
    QStringList watched;
    // A broken ci config is the Pipelines page's to report; here it only means no watch list.
    if (auto config = ci::CiConfig::load(repoPath)) {
        for (const ci::CiSource &source : config->sources())
            for (const QString &branch : source.watch)
                if (!watched.contains(branch))
                    watched << branch;
    }
    if (watched.isEmpty()) {
        for (const QString &branch : fallbackWatched)
            if (!branch.isEmpty() && !watched.contains(branch))
                watched << branch;
    }

    auto latest = ci::PipelineRunStore(db).latestPerBranch(repoKey);
    if (!latest)
        return latest.error();

    PipelinesSection section;
    section.branchesWithRuns = int(latest->size());
    QList<BranchPipeline> others;
    for (auto it = latest->cbegin(); it != latest->cend(); ++it) {
        BranchPipeline item { it.key(), watched.contains(it.key()), it.value() };
        (item.watched ? section.branches : others).append(item);
    }
    // Watched in the order the team listed them; the rest by recency.
    std::sort(section.branches.begin(), section.branches.end(),
        [&](const BranchPipeline &a, const BranchPipeline &b) {
            return watched.indexOf(a.branch) < watched.indexOf(b.branch);
        });
    std::sort(others.begin(), others.end(), [](const BranchPipeline &a, const BranchPipeline &b) {
        return a.run.startedAt > b.run.startedAt;
    });
    section.branches += others;
    if (section.branches.size() > limit)
        section.branches.resize(limit);
    return section;
}

Result<TestsSection> OverviewLoader::tests(const store::Database &db, const QString &repoKey, int lastRuns)
{
    TestsSection section;
    auto repositoryId = testresults::TestRunStore(db).repositoryId(repoKey);
    if (!repositoryId)
        return repositoryId.error();
    if (*repositoryId <= 0)
        return section; // nothing imported yet

    testresults::TrendOptions trendOptions;
    trendOptions.lastRuns = lastRuns;
    trendOptions.top = 0;
    auto trends = testresults::TrendQuery(db).run(*repositoryId, trendOptions);
    if (!trends)
        return trends.error();
    section.points = trends->points;

    testresults::RunFilter recent;
    recent.limit = lastRuns;
    auto runs = testresults::TestRunStore(db).runs(repoKey, recent);
    if (!runs)
        return runs.error();
    section.latestBySource = testresults::RunSources::newestPerSource(*runs);

    auto flaky = testresults::FlakyQuery(db).run(*repositoryId, testresults::FlakyOptions {});
    if (!flaky)
        return flaky.error();
    QList<testresults::FlakyFinding> findings = *flaky;
    std::sort(findings.begin(), findings.end(),
        [](const testresults::FlakyFinding &a, const testresults::FlakyFinding &b) {
            return a.rate != b.rate ? a.rate > b.rate : a.occurrences > b.occurrences;
        });
    // One line per test: a test flaky by several definitions shows once.
    QSet<qint64> seen;
    for (const auto &finding : std::as_const(findings)) {
        if (seen.contains(finding.testId))
            continue;
        seen.insert(finding.testId);
        section.flaky.append(finding);
    }
    section.flakyTotal = int(section.flaky.size());
    if (section.flaky.size() > 5)
        section.flaky.resize(5);
    return section;
}

Result<QList<EnvironmentMigrations>> OverviewLoader::migrations(
    const QString &repoPath, const CancelToken &cancel)
{
    auto databases = migrations::MigrationDatabaseConfig::load(repoPath);
    if (!databases)
        return databases.error();

    QList<EnvironmentMigrations> result;
    for (const migrations::ConfiguredDatabase &configured : std::as_const(*databases)) {
        if (cancel.isCancelled())
            break;
        EnvironmentMigrations env;
        env.environment = configured.name;
        auto url = schema::DatabaseUrl::parse(schema::DatabaseUrl::resolvedAgainst(configured.url, repoPath));
        if (!url) {
            env.error = url.errorMessage();
            result.append(env);
            continue;
        }
        schema::ConnectionOptions options;
        options.environmentName = configured.name;
        options.connectTimeoutSeconds = 5; // the Overview must not wait long for one card
        options.cancel = cancel;
        auto connection = schema::ReadOnlyConnection::open(*url, options);
        if (!connection) {
            env.error = connection.errorMessage();
            result.append(env);
            continue;
        }
        migrations::MigrationInspector::Request request;
        request.repoPath = repoPath;
        request.folder = configured.path;
        request.framework = configured.framework;
        request.cancel = cancel;
        auto report = migrations::MigrationInspector::inspect((*connection)->database(), request);
        if (!report) {
            env.error = report.errorMessage();
            result.append(env);
            continue;
        }
        env.framework = migrations::frameworkName(report->history.framework);
        using migrations::MigrationState;
        for (const migrations::MigrationEntry &entry : std::as_const(report->entries)) {
            switch (entry.state) {
            case MigrationState::Applied:
            case MigrationState::Baseline: ++env.applied; break;
            case MigrationState::Pending: ++env.pending; break;
            case MigrationState::Failed: ++env.failed; break;
            case MigrationState::Missing:
            case MigrationState::Future: ++env.missing; break;
            case MigrationState::ChecksumMismatch: ++env.checksumMismatch; break;
            case MigrationState::OutOfOrder:
                ++env.outOfOrder;
                ++env.applied;
                break;
            case MigrationState::Ignored:
            case MigrationState::Outdated: break;
            }
        }
        result.append(env);
    }
    return result;
}

Result<DeploymentsSection> OverviewLoader::deployments(const store::Database &db, const QString &repoPath,
    const QString &repoKey, const QString &baseRef, const CancelToken &cancel)
{
    DeploymentsSection section;
    section.baseRef = baseRef;
    auto list = deploy::DeploymentStore(db).list(repoKey);
    if (!list)
        return list.error();
    if (list->isEmpty())
        return section;
    auto history = deploy::DeploymentHistory::load(repoPath, *list, cancel);
    if (!history)
        return history.error();

    git_repository *repo = history->repository().raw();
    std::optional<git_oid> base;
    if (!baseRef.isEmpty()) {
        if (auto resolved = history->repository().resolveCommit(baseRef))
            base = *resolved;
    }

    for (const QString &environment : history->environments()) {
        EnvironmentDeployment env;
        env.environment = environment;
        env.current = history->current(environment);
        const QList<deploy::DeploymentRow> rows = history->rows(environment);
        if (!rows.isEmpty())
            env.latest = rows.constLast().deployment;
        if (env.current) {
            for (const deploy::DeploymentRow &row : rows)
                if (row.deployment.id == env.current->id)
                    env.currentIsRollback = row.rollback;
            git_oid deployed;
            if (base && git_oid_fromstr(&deployed, env.current->commit.toLatin1().constData()) == 0) {
                size_t ahead = 0, behind = 0;
                // ahead: on the base and not deployed — the commits waiting for this environment.
                if (git_graph_ahead_behind(&ahead, &behind, repo, &*base, &deployed) == 0)
                    env.commitsBehind = int(ahead);
            }
        }
        section.environments.append(env);
    }
    return section;
}

} // namespace devdash::overview

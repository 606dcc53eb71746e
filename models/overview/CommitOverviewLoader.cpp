#include "CommitOverviewLoader.h"

#include "ci/PipelineRunStore.h"
#include "config/ProjectConfig.h"
#include "deploy/DeploymentHistory.h"
#include "deploy/DeploymentStore.h"
#include "git/LibGit2.h"
#include "git/Repository.h"
#include "schema/migrations/MigrationDatabaseConfig.h"
#include "schema/migrations/MigrationFileNames.h"
#include "testresults/TestRunStore.h"

#include <git2/commit.h>
#include <git2/diff.h>
#include <git2/graph.h>

namespace devdash::overview {

using namespace devdash::git;

bool CommitOverviewLoader::isMigrationFile(const QString &path, const QStringList &configuredFolders)
{
    for (const QString &folder : configuredFolders) {
        const QString prefix = folder.endsWith(QLatin1Char('/')) ? folder : folder + QLatin1Char('/');
        if (!folder.isEmpty() && path.startsWith(prefix))
            return true;
    }
    // Names alone: frameworks whose identity is in the contents (Alembic, sqitch,
    // Liquibase) only count inside a conventional folder.
    for (migrations::Framework framework : migrations::allFrameworks()) {
        auto file = migrations::MigrationFileNames::parse(framework, path);
        if (!file)
            continue;
        if (!file->version.isEmpty())
            return true;
        const QString folder = migrations::MigrationFileNames::migrationFolder(framework, path);
        if (migrations::MigrationFileNames::isConventionalFolder(framework, folder))
            return true;
    }
    return false;
}

namespace {

QString lastError(const QString &what)
{
    const git_error *error = git_error_last();
    return what + QStringLiteral(": ")
        + (error ? QString::fromUtf8(error->message) : QStringLiteral("unknown libgit2 error"));
}

// Paths the commit adds relative to its first parent (all of its tree for a root commit).
Result<QStringList> addedPaths(git_repository *repo, git_commit *commit)
{
    git_tree *rawTree = nullptr;
    if (git_commit_tree(&rawTree, commit) != 0)
        return Error { lastError(QStringLiteral("read the commit's tree")) };
    TreePtr tree(rawTree);
    TreePtr parentTree;
    if (git_commit_parentcount(commit) > 0) {
        git_commit *rawParent = nullptr;
        if (git_commit_parent(&rawParent, commit, 0) != 0)
            return Error { lastError(QStringLiteral("read the commit's parent")) };
        CommitPtr parent(rawParent);
        git_tree *rawParentTree = nullptr;
        if (git_commit_tree(&rawParentTree, parent.get()) != 0)
            return Error { lastError(QStringLiteral("read the parent's tree")) };
        parentTree.reset(rawParentTree);
    }
    git_diff *rawDiff = nullptr;
    git_diff_options options = GIT_DIFF_OPTIONS_INIT;
    if (git_diff_tree_to_tree(&rawDiff, repo, parentTree.get(), tree.get(), &options) != 0)
        return Error { lastError(QStringLiteral("compare the commit with its parent")) };
    DiffPtr diff(rawDiff);
    QStringList paths;
    const size_t count = git_diff_num_deltas(diff.get());
    for (size_t i = 0; i < count; ++i) {
        const git_diff_delta *delta = git_diff_get_delta(diff.get(), i);
        if (delta->status == GIT_DELTA_ADDED)
            paths << QString::fromUtf8(delta->new_file.path);
    }
    return paths;
}

} // namespace

Result<CommitOverview> CommitOverviewLoader::load(const store::Database &db, const QString &repoPath,
    const QString &repoKey, const QString &revision, const CancelToken &cancel)
{
    auto repository = Repository::open(repoPath);
    if (!repository)
        return repository.error();
    auto oid = repository->resolveCommit(revision);
    if (!oid)
        return oid.error();
    git_commit *rawCommit = nullptr;
    if (git_commit_lookup(&rawCommit, repository->raw(), &*oid) != 0)
        return Error { lastError(QStringLiteral("read commit %1").arg(revision)) };
    CommitPtr commit(rawCommit);

    CommitOverview overview;
    overview.commit = toHex(*oid);
    overview.summary = QString::fromUtf8(git_commit_summary(commit.get()));
    const git_signature *author = git_commit_author(commit.get());
    overview.author = QString::fromUtf8(author->name);
    overview.authoredAt = QDateTime::fromSecsSinceEpoch(author->when.time, Qt::UTC);

    // Pipelines of the commit.
    auto runs = ci::PipelineRunStore(db).runsForCommits(repoKey, { overview.commit });
    if (!runs)
        return runs.error();
    overview.pipelines = runs->value(overview.commit);

    // Tests: the commit's newest run of each source against its first parent's of the same source.
    QString parentId;
    if (git_commit_parentcount(commit.get()) > 0)
        parentId = toHex(*git_commit_parent_id(commit.get(), 0));
    testresults::TestRunStore testRuns(db);
    QStringList commits { overview.commit };
    if (!parentId.isEmpty())
        commits << parentId;
    auto perSource = testRuns.runsPerSourceForCommits(repoKey, commits);
    if (!perSource)
        return perSource.error();
    const QList<testresults::RunSummary> parentRuns = perSource->value(parentId);
    for (const testresults::RunSummary &run : perSource->value(overview.commit)) {
        CommitOverview::TestRunOfSource item { run, std::nullopt, std::nullopt };
        const QString family = testresults::RunSources::family(run.source);
        for (const testresults::RunSummary &parent : parentRuns)
            if (testresults::RunSources::family(parent.source) == family)
                item.parentRun = parent;
        if (item.parentRun) {
            auto delta = testRuns.compare(item.parentRun->id, run.id);
            if (!delta)
                return delta.error();
            item.delta = *delta;
        }
        overview.testRuns.append(item);
    }
    if (cancel.isCancelled())
        return Error { QStringLiteral("cancelled") };

    // Migration files the commit adds.
    QStringList folders;
    // Only the folders' names are used (paths in the commit's tree): no trust needed, nothing is connected.
    auto project = config::ProjectConfig::load(repository->workDir());
    if (auto databases = project ? migrations::MigrationDatabaseConfig::fromProjectConfig(*project)
                                 : Result<QList<migrations::ConfiguredDatabase>>(project.error())) {
        for (const auto &database : std::as_const(*databases))
            if (!database.path.isEmpty())
                folders << database.path;
    }
    auto added = addedPaths(repository->raw(), commit.get());
    if (!added)
        return added.error();
    for (const QString &path : std::as_const(*added))
        if (isMigrationFile(path, folders))
            overview.migrationsAdded << path;

    // Environments: the first successful deployment whose commit contains this one.
    auto deployments = deploy::DeploymentStore(db).list(repoKey);
    if (!deployments)
        return deployments.error();
    QStringList environments;
    for (const deploy::Deployment &d : std::as_const(*deployments))
        if (!environments.contains(d.environment))
            environments << d.environment;
    for (const QString &environment : std::as_const(environments)) {
        bool reached = false;
        for (const deploy::Deployment &d : std::as_const(*deployments)) { // oldest first
            if (d.environment != environment || !d.isSuccess())
                continue;
            git_oid deployed;
            if (git_oid_fromstr(&deployed, d.commit.toLatin1().constData()) != 0)
                continue;
            if (git_oid_equal(&deployed, &*oid)
                || git_graph_descendant_of(repository->raw(), &deployed, &*oid) == 1) {
                overview.reached.append({ environment, d });
                reached = true;
                break;
            }
            if (cancel.isCancelled())
                return Error { QStringLiteral("cancelled") };
        }
        if (!reached)
            overview.notReached << environment;
    }
    return overview;
}

} // namespace devdash::overview

#pragma once

// What the Overview page shows, section by section. Each section is loaded on its
// own worker (a slow database must not hold back the pipelines), so each is a plain
// value that travels to the GUI thread.

#include "ci/PipelineRun.h"
#include "deploy/Deployment.h"
#include "testresults/FlakyDetector.h"
#include "testresults/RunComparison.h"
#include "testresults/TestRun.h"
#include "testresults/TrendQuery.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace devdash::overview {

// Where the work tree stands: its branch against its upstream and the default branch.
struct BranchSection
{
    QString currentBranch; // empty when detached
    QString headCommit; // full id; empty in an empty repository
    QString headSummary;
    QString upstream; // "origin/main"; empty when none
    int aheadUpstream = -1, behindUpstream = -1;
    QString defaultBranch;
    int aheadDefault = -1, behindDefault = -1;
};

// The newest pipeline of one branch; `watched`: named in `ci[].watch`, or the
// current / default branch when nothing is.
struct BranchPipeline
{
    QString branch;
    bool watched = false;
    ci::PipelineRun run;
};

struct PipelinesSection
{
    QList<BranchPipeline> branches; // watched first, then newest first
    int branchesWithRuns = 0;
};

struct TestsSection
{
    QList<testresults::TrendPoint> points; // oldest first, the last runs
    // The newest run of each source among the last runs, newest first: a local run
    // of four tests never hides the CI run's failures.
    QList<testresults::RunSummary> latestBySource;
    QList<testresults::FlakyFinding> flaky; // the worst first (at most a handful)
    int flakyTotal = 0;
};

// Migration drift of one configured database: how far it is from the files at HEAD.
struct EnvironmentMigrations
{
    QString environment;
    QString framework; // as recognised from its history table
    int applied = 0;
    int pending = 0;
    int failed = 0;
    int missing = 0; // applied, no file (incl. future)
    int checksumMismatch = 0;
    int outOfOrder = 0;
    QString error; // why it could not be read (the card says so)

    bool inSync() const
    {
        return error.isEmpty() && pending == 0 && failed == 0 && missing == 0 && checksumMismatch == 0;
    }
};

struct EnvironmentDeployment
{
    QString environment;
    std::optional<deploy::Deployment> current; // the last successful deployment
    std::optional<deploy::Deployment> latest; // the last attempt (may have failed)
    bool currentIsRollback = false;
    int commitsBehind = -1; // of the default branch's tip; -1: unknown
};

struct DeploymentsSection
{
    QString baseRef; // what "behind" is counted against
    QList<EnvironmentDeployment> environments;
};

// Everything about one commit (History → "Overview of this commit").
struct CommitOverview
{
    QString commit; // full id
    QString summary;
    QString author;
    QDateTime authoredAt;
    QList<ci::PipelineRun> pipelines; // newest first
    // The commit's newest run of each source (newest first), each against its first
    // parent's newest run of the same source.
    struct TestRunOfSource
    {
        testresults::RunSummary run;
        std::optional<testresults::RunSummary> parentRun;
        std::optional<testresults::RunComparison> delta; // parent → commit
    };
    QList<TestRunOfSource> testRuns;
    QStringList migrationsAdded; // paths of migration files the commit adds
    struct Reached
    {
        QString environment;
        deploy::Deployment deployment; // the first successful one that contained it
    };
    QList<Reached> reached;
    QStringList notReached; // environments with deployments that it has not reached yet
};

} // namespace devdash::overview

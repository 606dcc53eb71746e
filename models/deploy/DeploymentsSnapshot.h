#pragma once

// Everything the Deployments page shows, computed on a worker in one go: what runs
// in each environment, the timeline, the release diff between two environments, the
// DORA metrics of a chosen environment and period, and the same metrics per sprint
// for the chart. Plain values: safe to hand to the GUI thread.

#include "DeploymentLoader.h"
#include "ReleaseDiff.h"
#include "SprintSummaries.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace devdash::store {
class Database;
}

namespace devdash::deploy {

struct SnapshotRequest
{
    QString environment; // for DORA; empty: production if there is one, else the first
    int sprint = 0; // DORA of this sprint; 0: the current sprint if it has deployments, else the last that has
    QString diffEnvironment; // ahead (staging); empty: the environment before `diffBase`
    QString diffBase; // behind (production)
};

struct SprintMetrics
{
    Sprint sprint;
    DoraReport dora; // of the request's environment
};

struct DeploymentsSnapshot
{
    QString repositoryKey;
    QStringList environments;
    QList<DeploymentRow> timeline; // oldest first
    QList<Deployment> current; // per environment (same order as `environments`), when any
    QList<Sprint> sprints; // oldest first
    bool sprintsConfigured = false; // false: two-week sprints from the first deployment's week
    QString environment; // the one DORA is about
    SprintSummary sprintSummary; // the chosen sprint
    DoraReport dora; // the chosen sprint
    QList<SprintMetrics> perSprint; // for the chart
    QString diffEnvironment, diffBase;
    std::optional<ReleaseDiffResult> diff;
    QString diffMessage; // why there is no diff
    DeployConfig config;

    static Result<DeploymentsSnapshot> build(const store::Database &db, const QString &repositoryPath,
        const SnapshotRequest &request, const CancelToken &cancel = {});
    // The sprint a page opens on: the latest with deployments (the current one when it has any).
    static int defaultSprintIndex(const QList<SprintMetrics> &perSprint);
};

} // namespace devdash::deploy

#pragma once

// Per sprint: the deployments of each environment, the failed ones and the
// rollbacks, the commits shipped (those that reached the environment in the sprint)
// and the issue keys found in their messages.

#include "DeployConfig.h"
#include "DeploymentHistory.h"
#include "Sprints.h"

#include <QList>
#include <QStringList>

namespace devdash::deploy {

struct EnvironmentSprint
{
    QString environment;
    int deployments = 0; // successful + failed
    int successful = 0;
    int failed = 0;
    int rollbacks = 0;
    QList<ShippedCommit> shipped;
    QStringList issueKeys; // in order of first appearance
};

struct SprintSummary
{
    Sprint sprint;
    QList<EnvironmentSprint> environments;
};

class SprintSummaries
{
public:
    // Every sprint from the one of the first deployment to the one of the last (or
    // today's, if later); empty when no sprints are configured.
    static Result<QList<SprintSummary>> compute(DeploymentHistory &history, const DeployConfig &config,
        const QStringList &environments, const QDate &today);
    static Result<SprintSummary> summarize(DeploymentHistory &history, const DeployConfig &config,
        const QStringList &environments, const Sprint &sprint);
};

} // namespace devdash::deploy

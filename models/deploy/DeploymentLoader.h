#pragma once

// What the CLI and the Deployments page both start from: a repository's
// `.devdash.json`, its tag deployments imported into the store (idempotent), and
// every stored deployment joined with the commit graph.

#include "DeployConfig.h"
#include "DeploymentHistory.h"
#include "common/CancelToken.h"
#include "common/Result.h"

namespace devdash::store {
class Database;
}

namespace devdash::deploy {

struct LoadedDeployments
{
    QString repositoryKey;
    QString repositoryPath;
    DeployConfig config;
    int tagsAdded = 0; // tag deployments new to the store
    int tagsUpdated = 0; // moved tags
    DeploymentHistory history;
    // Configured environments first (in their order), then the others seen in the store.
    QStringList environments;
};

class DeploymentLoader
{
public:
    static Result<LoadedDeployments> load(
        const store::Database &db, const QString &repositoryPath, const CancelToken &cancel = {});
};

} // namespace devdash::deploy

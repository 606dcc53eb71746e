#include "DeploymentLoader.h"

#include "DeploymentStore.h"
#include "TagDeployments.h"
#include "git/Repository.h"

namespace devdash::deploy {

Result<LoadedDeployments> DeploymentLoader::load(
    const store::Database &db, const QString &repositoryPath, const CancelToken &cancel)
{
    auto repo = git::Repository::open(repositoryPath);
    if (!repo)
        return repo.error();
    const QString key = DeploymentStore::repositoryKey(*repo);
    auto config = DeployConfig::load(repo->isBare() ? repo->gitDir() : repo->workDir());
    if (!config)
        return config.error();

    DeploymentStore store(db);
    auto tags = TagDeployments::read(*repo, config->environments);
    if (!tags)
        return tags.error();
    int added = 0, updated = 0;
    if (!tags->isEmpty()) {
        auto result = store.add(key, *tags);
        if (!result)
            return result.error();
        added = result->added;
        updated = result->updated;
    }
    auto deployments = store.list(key);
    if (!deployments)
        return deployments.error();
    auto history = DeploymentHistory::load(repositoryPath, *deployments, cancel);
    if (!history)
        return history.error();

    LoadedDeployments loaded { key, repositoryPath, std::move(config.value()), added, updated,
        std::move(history.value()), {} };
    for (const EnvironmentConfig &env : loaded.config.environments)
        if (!loaded.environments.contains(env.name))
            loaded.environments << env.name;
    for (const QString &env : loaded.history.environments())
        if (!loaded.environments.contains(env))
            loaded.environments << env;
    return loaded;
}

} // namespace devdash::deploy

#pragma once

// Deployments read from git tags that follow an environment's configured patterns
// (`deploy/production/*`, `v*`): one deployment per matching tag, successful, at the
// tagger date of an annotated tag, else at the commit's date. Its external id is
// "<environment>:<full ref name>", so importing again changes nothing and a moved
// tag updates its deployment.

#include "DeployConfig.h"
#include "Deployment.h"
#include "common/Result.h"

#include <QList>

namespace devdash::git {
class Repository;
}

namespace devdash::deploy {

class TagDeployments
{
public:
    static Result<QList<Deployment>> read(
        const git::Repository &repository, const QList<EnvironmentConfig> &environments);
    // A glob over a tag's short name: `*` any characters (slashes too), `?` one.
    static bool matches(const QString &pattern, const QString &tagName);
};

} // namespace devdash::deploy

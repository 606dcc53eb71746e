#pragma once

// The demo's deployments: staging and production over several sprints on the demo
// repository's real commits (main line), with a failed deployment followed by a fix
// and a rollback, plus the environments, sprints and issue links in .devdash.json
// (keeping what the other parts of the demo put there).

#include "common/Result.h"

#include <QString>

namespace devdash::store {
class Database;
}

namespace devdash::deploy {

class DemoDeployments
{
public:
    // Returns how many deployments were stored.
    static Result<int> create(const QString &repositoryPath, const store::Database &db);
};

} // namespace devdash::deploy

#include "DemoWorkspace.h"

#include "ci/DemoPipelineRuns.h"
#include "config/TrustStore.h"
#include "deploy/DemoDeployments.h"
#include "git/DemoRepository.h"
#include "schema/DemoDatabases.h"
#include "schema/DemoSchemaHistory.h"
#include "store/Database.h"
#include "testresults/DemoTestRuns.h"

namespace devdash::demo {

Result<DemoWorkspace> DemoWorkspace::create(const QString &folder)
{
    auto repository = git::DemoRepository::create(folder);
    if (!repository)
        return repository.error();
    // Databases of two environments and their migrations, committed before the test runs are made.
    auto databases = schema::DemoDatabases::create(repository.value());
    if (!databases)
        return Error { QStringLiteral("cannot create the demo's databases: ") + databases.errorMessage() };
    auto location = store::StoreLocation::parse(folder + QStringLiteral("/devdash-demo.sqlite"));
    if (!location)
        return location.error();
    auto db = store::Database::open(location.value());
    if (!db)
        return Error { QStringLiteral("cannot create the demo's store: ") + db.errorMessage() };
    // What staging and production looked like after each migration (schema history).
    if (auto history = schema::DemoSchemaHistory::create(repository.value(), *databases, db.value());
        !history)
        return Error { QStringLiteral("cannot create the demo's schema history: ") + history.errorMessage() };
    if (auto runs = testresults::DemoTestRuns::create(repository.value(), db.value()); !runs)
        return Error { QStringLiteral("cannot create the demo's test runs: ") + runs.errorMessage() };
    // CI history (GitHub, GitLab shaped) and a real local pipeline run (ci-local).
    if (auto pipelines = ci::DemoPipelineRuns::create(repository.value(), db.value()); !pipelines)
        return Error { QStringLiteral("cannot create the demo's pipeline runs: ")
            + pipelines.errorMessage() };
    // Staging and production over several sprints, a failure and a rollback (deploy).
    if (auto deployments = deploy::DemoDeployments::create(repository.value(), db.value()); !deployments)
        return Error { QStringLiteral("cannot create the demo's deployments: ")
            + deployments.errorMessage() };
    // DevDash wrote this `.devdash.json` itself: its databases and pipeline are the demo's own.
    if (auto trusted = config::TrustStore().trustCurrentFile(repository.value()); !trusted)
        return Error { QStringLiteral("cannot trust the demo repository: ") + trusted.errorMessage() };
    return DemoWorkspace { repository.value(), location.value() };
}

} // namespace devdash::demo

#include "DemoWorkspace.h"

#include "git/DemoRepository.h"
#include "store/Database.h"
#include "testresults/DemoTestRuns.h"

namespace devdash::demo {

Result<DemoWorkspace> DemoWorkspace::create(const QString &folder)
{
    auto repository = git::DemoRepository::create(folder);
    if (!repository)
        return repository.error();
    auto location = store::StoreLocation::parse(folder + QStringLiteral("/devdash-demo.sqlite"));
    if (!location)
        return location.error();
    auto db = store::Database::open(location.value());
    if (!db)
        return Error { QStringLiteral("cannot create the demo's store: ") + db.errorMessage() };
    if (auto runs = testresults::DemoTestRuns::create(repository.value(), db.value()); !runs)
        return Error { QStringLiteral("cannot create the demo's test runs: ") + runs.errorMessage() };
    return DemoWorkspace { repository.value(), location.value() };
}

} // namespace devdash::demo

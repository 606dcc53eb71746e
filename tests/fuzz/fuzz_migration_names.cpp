// libFuzzer target for MigrationFileNames: a path of a cloned repository's tree, for each
// framework (the first byte chooses it). Never a crash, a hang or a leak.

#include "FuzzCheck.h"
#include "schema/migrations/MigrationFileNames.h"

using namespace devdash;
using namespace devdash::migrations;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const auto framework = Framework(data[0] % (int(Framework::Sqitch) + 1));
    const QString path = QString::fromUtf8(fuzz::bytes(data + 1, size - 1));
    if (const auto file = MigrationFileNames::parse(framework, path))
        fuzz::check(file->path == path);
    (void)MigrationFileNames::migrationFolder(framework, path);
    (void)MigrationFileNames::isConventionalFolder(framework, path);
    return 0;
}

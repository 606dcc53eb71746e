// libFuzzer target for CctrayFeed (a CI server's XML): any bytes give projects or an error
// naming the feed, never a crash, a hang or a leak.

#include "FuzzCheck.h"
#include "ci/CctrayFeed.h"

using namespace devdash;
using namespace devdash::ci;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString url = QStringLiteral("http://ci.invalid/cc.xml");
    const auto projects = CctrayFeed::parse(fuzz::bytes(data, size), url);
    if (!projects.ok()) {
        fuzz::check(!projects.errorMessage().isEmpty());
        return 0;
    }
    for (const CctrayProject &project : *projects) {
        fuzz::check(!project.name.isEmpty());
        const PipelineRun run = CctrayFeed::toRun(project, url);
        fuzz::check(run.commit.isEmpty() || run.commit.size() == 40);
    }
    return 0;
}

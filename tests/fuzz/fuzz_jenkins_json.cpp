// libFuzzer target for JenkinsJson: a job's tree of builds and a run's stage view from the
// same bytes. Any answer gives a result or an error; never a crash, a hang or a leak.

#include "FuzzCheck.h"
#include "ci/JenkinsJson.h"

using namespace devdash;
using namespace devdash::ci;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json = fuzz::bytes(data, size);
    const QString server = QStringLiteral("https://jenkins.invalid/");
    if (const auto runs = JenkinsJson::parseJob(json, QStringLiteral("folder/job"), server); runs.ok()) {
        for (const PipelineRun &run : *runs)
            fuzz::check(run.provider == QLatin1String("jenkins"));
    }
    (void)JenkinsJson::parseStages(json, server + QStringLiteral("job/x/1/"));
    return 0;
}

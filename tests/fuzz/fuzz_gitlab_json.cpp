// libFuzzer target for GitLabJson: pipelines, a pipeline, its jobs and its test report from
// the same bytes. Any answer gives a result or an error; never a crash, a hang or a leak.

#include "FuzzCheck.h"
#include "ci/GitLabJson.h"

using namespace devdash;
using namespace devdash::ci;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json = fuzz::bytes(data, size);
    const QUrl source(QStringLiteral("https://gitlab.invalid/api/v4/projects/1/pipelines"));
    const QString project = QStringLiteral("g/p");
    (void)GitLabJson::parsePipelines(json, project, source);
    (void)GitLabJson::parsePipeline(json, project, source);
    (void)GitLabJson::parseJobs({ json, json }, source);
    if (const auto report = GitLabJson::parseTestReport(json, source); report.ok() && report->has_value()) {
        const auto counts = (*report)->counts();
        fuzz::check(counts.tests == int((*report)->cases.size()));
    }
    return 0;
}

// libFuzzer target for GitHubJson: every parser of GitHub's REST answers on the same bytes.
// Any answer gives runs, jobs or statuses, or an error; never a crash, a hang or a leak.

#include "FuzzCheck.h"
#include "ci/GitHubJson.h"

using namespace devdash;
using namespace devdash::ci;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json = fuzz::bytes(data, size);
    const QUrl source(QStringLiteral("https://api.github.invalid/repos/o/r/actions/runs"));
    const QString project = QStringLiteral("o/r");
    if (const auto runs = GitHubJson::parseRuns(json, project, source); runs.ok()) {
        for (const PipelineRun &run : *runs)
            fuzz::check(run.provider == QLatin1String("github"));
    }
    (void)GitHubJson::parseRun(json, project, source);
    (void)GitHubJson::parseJobs(json, source);
    QString url;
    (void)GitHubJson::parseCheckRuns(json, source, &url);
    (void)GitHubJson::parseCombinedStatus(json, source, &url);
    return 0;
}

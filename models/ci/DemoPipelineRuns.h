#pragma once

// The demo workspace's pipelines: CI-shaped history over the demo repository's
// real commits and branches — GitHub Actions runs (one stage named after the
// workflow, jobs with steps) on main and the feature branches, GitLab pipelines
// (build → test → deploy, a manual production job) on main and the release
// branches — with a failure and its fix, a run still going, a push canceled by
// the next one, skipped jobs after a failure; plus a REAL local run: the demo's
// own pipeline (written to its .devdash.json) executed by LocalPipelineRunner,
// its log kept and the JUnit report it writes imported into the test history.
// Runs in well under a second (a handful of `sh` processes).

#include "ci/LocalPipelineConfig.h"
#include "common/Result.h"

#include <QString>

namespace devdash::store {
class Database;
}

namespace devdash::ci {

class DemoPipelineRuns
{
public:
    static constexpr const char *Project = "harbor-team/harbor";

    // `repoPath`: the work tree git::DemoRepository::create() returned. Call on the
    // thread that owns `db`; it runs a local event loop while the local run goes.
    static Result<void> create(const QString &repoPath, const store::Database &db);

    // The demo's local pipeline: configure, compile, unit tests writing a JUnit report.
    static LocalPipelineConfig localPipeline();
};

} // namespace devdash::ci

#pragma once

// `devdash pipelines REPO [--branch B] [--commit SHA] [--limit N]
//  [--provider P --project X --api-url URL] [--json]`: the CI runs of a repository
// from the servers its `.devdash.json` "ci" names (or the command line), newest
// first, with stages and jobs (docs/cli.md, "pipelines"). `pipelines run` is the
// local pipeline (PipelineRunCommand.h).

#include "ci/PipelineRun.h"

#include <QJsonObject>
#include <QStringList>

namespace devdash::cli {

// arguments[0] is the program, [1] "pipelines". Exit code: 0, 1 when a server or the
// configuration failed, 2 for a usage error, 3 partial (a run without its details, one
// source of several, a report not imported: marked, the rest printed).
int runPipelines(const QStringList &arguments);

// The documented JSON of one run: provider, id, name, branch, commit, status,
// started_at, finished_at, duration_s, url, stages[name, status, jobs[name, status,
// started_at, finished_at, duration_s, url]].
QJsonObject pipelineJson(const ci::PipelineRun &run);

} // namespace devdash::cli

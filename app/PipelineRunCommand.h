#pragma once

// `devdash pipelines run REPO [--json] [--store URL_OR_FILE]`: runs the repository's
// local pipeline (`.devdash.json` "pipeline") headless on its work tree, streams
// the output, records the run in the store, imports the test reports it wrote and
// prints the run (docs/cli.md, "pipelines run").

#include <QStringList>

namespace devdash::cli {

// arguments[0] is the program, [1] "pipelines", [2] "run". Exit code: 0 when every
// step passed, 1 when one failed (or the run could not be recorded), 2 for a
// usage error or a bad or missing pipeline definition, 130 when interrupted.
int pipelineRunCommand(const QStringList &arguments);

} // namespace devdash::cli

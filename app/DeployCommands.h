#pragma once

// `devdash deploy record|import-tags`, `devdash deployments`, `devdash dora`,
// `devdash sprints`, `devdash release-diff`: the deployments capability, headless.
// Same models as the Deployments page; JSON shapes in docs/cli.md.

#include <QStringList>

namespace devdash::cli {

// arguments[0] is the program, [1] the command. Returns the exit code.
int runDeploy(const QStringList &arguments); // deploy record|import-tags
int runDeployments(const QStringList &arguments);
int runDora(const QStringList &arguments);
int runSprints(const QStringList &arguments);
int runReleaseDiff(const QStringList &arguments);

} // namespace devdash::cli

#pragma once

// `devdash migrations URL --repo REPO …` and `devdash migrations matrix REPO …`: the
// migration capability, headless. Same code as the Database page; JSON in docs/cli.md.

#include <QStringList>

namespace devdash::cli {

// arguments[0] is the program, [1] "migrations". Returns the exit code.
int runMigrations(const QStringList &arguments);

} // namespace devdash::cli

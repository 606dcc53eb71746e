#pragma once

// `devdash tests import|runs|show|compare|flaky|history|demo …`: the test-results
// capability, headless. Same models as the Tests page; JSON shapes in docs/cli.md.

#include <QStringList>

namespace devdash::cli {

// arguments[0] is the program, [1] "tests", [2] the subcommand. Returns the exit code.
int runTests(const QStringList &arguments);

} // namespace devdash::cli

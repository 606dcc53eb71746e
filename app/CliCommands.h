#pragma once

// The headless commands: `devdash branches|log|show|compare …`. They call the same
// models the window uses and print stable JSON (--json) or a readable table. Which
// commands exist, and their options, is the command table's (CommandSpec.h).

#include <QStringList>

namespace devdash::cli {

// True when `name` is a command run without a window.
bool isHeadlessCommand(const QString &name);
// Runs `arguments` (arguments[0] is the program, [1] the command); returns the exit code.
int run(const QStringList &arguments);

// The git commands, for the command table.
int runBranches(const QStringList &arguments);
int runLog(const QStringList &arguments);
int runShow(const QStringList &arguments);
int runCompare(const QStringList &arguments);

} // namespace devdash::cli

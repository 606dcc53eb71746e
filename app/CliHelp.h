#pragma once

// What the command line says about itself, all written from the command table
// (CommandSpec.h): `devdash --help`, `devdash help COMMAND` (= `devdash COMMAND --help`),
// the devdash(1) man page, and the "unknown command … (did you mean …)" error.

#include "CommandSpec.h"

namespace devdash::cli {

// `devdash --help`: the window's usage and every command with its summary.
QString overviewHelp();
// One command's (or subcommand's) usage, arguments, options and subcommands.
QString commandHelp(const CommandSpec &spec);
// devdash(1) in roff, for `man`.
QString manPage(const QString &version);

// True when the words after the command (arguments[2…]) hold -h or --help before "--".
bool asksForHelp(const QStringList &arguments);
// `devdash help [COMMAND [SUBCOMMAND]] [--man]`; prints and returns the exit code.
int runHelp(const QStringList &arguments, const QString &version);

// The candidate closest to `word` (a typo, or the start of one name), empty when none is close.
QString closest(const QString &word, const QStringList &candidates);
// Prints "devdash: unknown command 'x' (did you mean 'y'?)" and where help is; returns 2.
// `parent` names the command for an unknown subcommand ("tests").
int unknownCommand(const QString &word, const QString &parent = {});
// The top-level command names a user may type (the visible ones), in table order.
QStringList visibleCommandNames();

} // namespace devdash::cli

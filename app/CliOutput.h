#pragma once

// How every headless command speaks: results on stdout, one line per failure on
// stderr ("devdash: what failed, on what"), and the exit code.

#include <QString>

namespace devdash::cli {

// Prints `message` on one line to stderr and returns `code` (the exit code).
int fail(const QString &message, int code = 1);
// Writes `text` to stdout as UTF-8, flushed (scripts read it as it comes).
void out(const QString &text);

} // namespace devdash::cli

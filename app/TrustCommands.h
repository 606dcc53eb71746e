#pragma once

// `devdash trust REPO [--revoke] [--json]` and `devdash trust --list [--json]`: the
// user's decision about a repository's `.devdash.json` (config::TrustStore), the same
// one the window's "Review…" dialog records. docs/cli.md, "trust".

#include <QStringList>

namespace devdash::cli {

// arguments[0] is the program, [1] "trust". Returns the exit code.
int runTrust(const QStringList &arguments);

} // namespace devdash::cli

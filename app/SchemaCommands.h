#pragma once

// `devdash schema URL | diff A B | snapshot URL | history URL`: database schemas,
// headless. Same models as the Database page; JSON shapes in docs/cli.md
// ("Database schemas").

#include <QStringList>

namespace devdash::cli {

// arguments[0] is the program, [1] "schema". Returns the exit code.
int runSchema(const QStringList &arguments);

} // namespace devdash::cli

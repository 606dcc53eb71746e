#pragma once

// Everything `devdash --demo` shows, built on the fly in one folder: the demo
// repository (models/git) and a store of its own with test runs over its history
// (models/testresults). Later capabilities add their part here. The demo never
// writes into the user's own store.

#include "common/Result.h"
#include "store/StoreLocation.h"

#include <QString>

namespace devdash::demo {

struct DemoWorkspace
{
    QString repository; // the work tree to open
    store::StoreLocation store; // the demo's own store (SQLite file in the folder)

    static Result<DemoWorkspace> create(const QString &folder);
};

} // namespace devdash::demo

#pragma once

// Where the Tests page, the History badges and File → Import find the test-run
// store, and the key a repository's runs are filed under. Every query opens its
// own connection on the worker that runs it (Qt SQL connections are per thread),
// so nothing here is shared between threads but the location's value.

#include "common/Result.h"
#include "store/Database.h"
#include "store/StoreLocation.h"

#include <QString>

#include <optional>

namespace devdash::ui {

struct RepositoryInfo;

class TestStoreAccess
{
public:
    // The location set with setLocation(), else StoreLocation::defaultLocation()
    // ($DEVDASH_STORE, else the user's data folder).
    static Result<store::StoreLocation> location();
    // For tests, the demo and a --store option; std::nullopt: back to the default.
    static void setLocation(std::optional<store::StoreLocation> location);

    // Opens a connection for the calling thread (a worker), migrating the schema if
    // needed. Call on the worker.
    static Result<store::Database> open(const store::StoreLocation &location);

    // The stable key runs are filed under: the canonical path of the work tree (of
    // the git dir for a bare repository), as the CLI computes it.
    static QString repositoryKey(const RepositoryInfo &info);
    static QString repositoryKey(const QString &path);
};

} // namespace devdash::ui

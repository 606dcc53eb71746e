#pragma once

// The demo's schema history: what staging and production looked like after each
// of their migrations, as snapshots in the demo's store, taken when each
// migration ran. Each is a real inspection of the demo database rebuilt up to
// that migration, so the History tab and a diff against a snapshot show the
// story the migrations tell.

#include "common/Result.h"
#include "schema/DemoDatabases.h"

#include <QString>

namespace devdash::store {
class Database;
}

namespace devdash::schema {

class DemoSchemaHistory
{
public:
    // `workTree`: the demo repository; `databases`: what DemoDatabases::create made in it.
    static Result<void> create(
        const QString &workTree, const DemoDatabases::Created &databases, const store::Database &db);
};

} // namespace devdash::schema

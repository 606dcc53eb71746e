#pragma once

// The demo workspace's test history: CI runs over the demo repository's main
// line and a few on feature branches, telling a story the Tests page can show —
// a regression that starts at a commit and is fixed later, a flaky test (fails
// and passes on one commit; passes on retry in another run), a test failing at
// the head for a few runs, skipped integration tests, tests that appear with new
// source files and disappear with removed ones. Reports are GoogleTest XML
// generated here and read by ReportParser, as real reports would be.
// Deterministic: the same repository gives the same runs, so calling create()
// again adds nothing (the store dedupes on content).

#include "common/Result.h"

#include <QString>

namespace devdash::store {
class Database;
}

namespace devdash::testresults {

class DemoTestRuns
{
public:
    // `repoPath`: the work tree git::DemoRepository::create() returned. Call on
    // the thread that owns `db` (or give it a clone made for a worker thread).
    static Result<void> create(const QString &repoPath, const store::Database &db);
};

} // namespace devdash::testresults

#pragma once

// Files a finished local run in the store: the run (under its commit, marked
// dirty when the work tree had changes) with its jobs' output, then the test
// reports the run wrote — the files matching the pipeline's report globs that
// were modified after the run started (older reports are other runs' results) —
// imported as one test run with the run's commit and branch. Disk and database
// work: call it off the GUI thread.

#include "ci/LocalPipelineRunner.h"
#include "common/Result.h"
#include "testresults/RunImport.h"

#include <QDateTime>
#include <QStringList>

#include <optional>

namespace devdash::store {
class Database;
}

namespace devdash::ci {

struct LocalPipelineRecord
{
    QStringList reportFiles; // the reports the run wrote, sorted
    std::optional<testresults::ImportOutcome> tests; // their import; nullopt when none were written
    QString reportError; // why they could not be imported (the run itself is recorded)
};

class LocalPipelineRecorder
{
public:
    // The test-run source of reports imported after a local run.
    static constexpr const char *TestSource = "local-pipeline";

    static Result<LocalPipelineRecord> record(const store::Database &db, const LocalPipelineResult &result);

    static constexpr qint64 CoarseClockSlackMs = 20;

    // Files matching `globs` under `root` modified at or after `since` (less the
    // slack of the kernel's coarse file clock).
    static QStringList reportsWrittenSince(
        const QStringList &globs, const QString &root, const QDateTime &since);
};

} // namespace devdash::ci

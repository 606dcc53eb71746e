#include "MigrationInspector.h"

#include "GitTreeSnapshot.h"
#include "MigrationFileScanner.h"
#include "MigrationHistoryReader.h"
#include "MigrationStatus.h"

namespace devdash::migrations {

namespace {

Error cancelled()
{
    return Error { QStringLiteral("reading migrations was cancelled") };
}

} // namespace

Result<MigrationFileSet> MigrationInspector::files(const Request &request)
{
    auto snapshot = GitTreeSnapshot::open(request.repoPath, request.ref);
    if (!snapshot)
        return snapshot.error();
    if (request.cancel.isCancelled())
        return cancelled();
    return MigrationFileScanner::scan(*snapshot, request.framework, request.folder);
}

Result<MigrationReport> MigrationInspector::inspect(QSqlDatabase db, const Request &request)
{
    MigrationReport report;
    auto history = MigrationHistoryReader::readDetected(db, request.framework);
    if (!history)
        return history.error();
    report.history = std::move(history.value());
    if (request.cancel.isCancelled())
        return cancelled();
    if (!request.repoPath.isEmpty()) {
        Request filesRequest = request;
        filesRequest.framework = report.history.framework;
        auto files = MigrationInspector::files(filesRequest);
        if (!files)
            return files.error();
        report.files = std::move(files.value());
    }
    report.files.framework = report.history.framework;
    report.entries = MigrationStatus::combine(report.history, report.files);
    return report;
}

} // namespace devdash::migrations

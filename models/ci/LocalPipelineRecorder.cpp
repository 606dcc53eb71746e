#include "LocalPipelineRecorder.h"

#include "ci/PipelineRunStore.h"
#include "testresults/ReportGlob.h"
#include "testresults/TestRunStore.h"

#include <QFileInfo>

namespace devdash::ci {

QStringList LocalPipelineRecorder::reportsWrittenSince(
    const QStringList &globs, const QString &root, const QDateTime &since)
{
    // File times come from the kernel's coarse clock, which may lag the time the
    // run read by a tick (up to 10 ms): allow for it.
    const qint64 from = since.toMSecsSinceEpoch() - CoarseClockSlackMs;
    QStringList written;
    for (const QString &file : testresults::ReportGlob::expandAll(globs, root)) {
        const QFileInfo info(file);
        if (info.isFile() && info.lastModified().toMSecsSinceEpoch() >= from)
            written << file;
    }
    return written;
}

Result<LocalPipelineRecord> LocalPipelineRecorder::record(
    const store::Database &db, const LocalPipelineResult &result)
{
    PipelineRunStore runs(db);
    if (auto saved
        = runs.saveWithLogs(result.source.repositoryKey, result.run, result.logs, result.logTruncated);
        !saved)
        return saved.error();

    LocalPipelineRecord record;
    if (result.reportGlobs.isEmpty() || !result.run.startedAt.isValid())
        return record;
    record.reportFiles = reportsWrittenSince(result.reportGlobs, result.source.root, result.run.startedAt);
    if (record.reportFiles.isEmpty())
        return record;

    testresults::TestRunStore tests(db);
    testresults::ImportRequest request;
    request.paths = record.reportFiles;
    request.baseDir = result.source.root;
    request.repository = result.source.root;
    request.commit = result.run.commit;
    request.branch = result.run.branch;
    request.source = QLatin1String(TestSource);
    request.importedAt
        = result.run.finishedAt.isValid() ? result.run.finishedAt : QDateTime::currentDateTimeUtc();
    auto imported = testresults::RunImport::run(tests, request);
    if (!imported)
        record.reportError = imported.errorMessage();
    else
        record.tests = std::move(imported).value();
    return record;
}

} // namespace devdash::ci

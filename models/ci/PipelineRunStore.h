#pragma once

// Pipeline runs kept in DevDash's store, per repository: the local runs with their
// logs, and CI runs the poller fetched (a cache, so that the Pipelines, Branches
// and History pages show the last known state at once, also offline). A run is
// identified by provider + project + id within its repository: saving it again
// updates it (a running CI run becomes finished). Works on SQLite and PostgreSQL,
// on the thread that opened the Database (a worker makes its own connection).

#include "ci/CiProvider.h"
#include "ci/PipelineRun.h"
#include "common/Result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace devdash::store {
class Database;
}

namespace devdash::ci {

struct PipelineRunFilter
{
    QString branch; // empty: every branch
    QString commit; // full id; empty: every commit
    QString provider; // empty: every provider
    int limit = 50; // 0: all
};

struct PipelineJobLog
{
    QByteArray text; // as the job wrote it (ANSI colours kept)
    qint64 size = 0; // bytes kept
    bool truncated = false; // the run's output passed the cap; the text says so at its end
};

class PipelineRunStore
{
public:
    explicit PipelineRunStore(const store::Database &db)
        : m_db(db)
    {
    }

    // Inserts or updates the run (by provider + project + id) for the repository
    // with this key (RunImport::repositoryKey), created when new.
    Result<void> save(const QString &repository, const PipelineRun &run);
    // Many at once in one transaction: what one poll brought.
    Result<void> saveAll(const QString &repository, const QList<PipelineRun> &runs);
    // A job's output (compressed in the store), replacing what was kept before.
    Result<void> saveJobLog(const QString &repository, const PipelineRun &run, const QString &jobId,
        const QByteArray &text, bool truncated);
    // A local run and its jobs' output (job id → text) in one transaction.
    Result<void> saveWithLogs(const QString &repository, const PipelineRun &run,
        const QHash<QString, QByteArray> &logs, bool truncated);

    // Newest first (by start; a queued run by when it was first saved).
    Result<QList<PipelineRun>> runs(const QString &repository, const PipelineRunFilter &filter = {}) const;
    Result<std::optional<PipelineRun>> run(
        const QString &repository, const QString &provider, const QString &project, const QString &id) const;
    // The newest run of each branch that has runs (Branches page).
    Result<QHash<QString, PipelineRun>> latestPerBranch(const QString &repository) const;
    // Every run of these commits, newest first per commit (History page).
    Result<QHash<QString, QList<PipelineRun>>> runsForCommits(
        const QString &repository, const QStringList &commits) const;
    // The combined status per commit: the newest run of each pipeline (provider,
    // project, name) of the commit, the worst of them winning.
    Result<QHash<QString, CommitStatus>> commitStatuses(
        const QString &repository, const QStringList &commits) const;
    // nullopt when the job has no stored log (CI jobs: fetch it from the server).
    Result<std::optional<PipelineJobLog>> jobLog(const QString &repository, const QString &provider,
        const QString &project, const QString &runId, const QString &jobId) const;

    // The one that matters more to a glance (ci/StatusRollup.h): failed, running,
    // queued, manual, canceled, success, skipped.
    static RunStatus worst(RunStatus a, RunStatus b);
    // The stages → jobs → steps column, and back (times as ms since the epoch, UTC).
    static QByteArray stagesToJson(const QList<PipelineStage> &stages);
    static QList<PipelineStage> stagesFromJson(const QByteArray &json);

private:
    Result<void> saveOne(qint64 repositoryId, const PipelineRun &run);
    Result<void> saveLogRow(qint64 repositoryId, const PipelineRun &run, const QString &jobId,
        const QByteArray &text, bool truncated);
    Result<QList<PipelineRun>> select(const QString &where, const QVariantList &values, int limit) const;

    const store::Database &m_db;
};

} // namespace devdash::ci

#pragma once

#include "FlakyDetector.h"
#include "RunComparison.h"
#include "RunSources.h"
#include "TestHistory.h"
#include "TestRun.h"
#include "TrendQuery.h"
#include "common/CancelToken.h"
#include "common/Result.h"

#include <QHash>
#include <QList>

#include <optional>

namespace devdash::store {
class Database;
}

namespace devdash::testresults {

// The history of test runs per repository, kept in DevDash's store. Works on
// one Database connection, so on the thread that opened it: a worker makes its
// own with Database::cloneForThread() and its own TestRunStore.
//
// Repositories are identified by a stable key (the canonical path); a key the
// store has never seen has no runs (not an error).
class TestRunStore
{
public:
    explicit TestRunStore(const store::Database &db)
        : m_db(db)
    {
    }

    // All files of one import form one run. The same content imported again
    // returns the run it made the first time (created == false).
    Result<ImportedRun> importRun(
        const RunInfo &info, const QList<TestReport> &reports, const CancelToken &cancel = {});

    // Newest first.
    Result<QList<RunSummary>> runs(const QString &repository, const RunFilter &filter = {}) const;
    Result<RunSummary> runSummary(qint64 runId) const;
    // The run with its suites and cases (messages, traces and output of those that did not pass).
    Result<RunDetails> run(qint64 runId) const;
    // The newest run of a branch, whatever its source.
    Result<std::optional<RunSummary>> latestRun(const QString &repository, const QString &branch) const;
    // What "compare with the base branch" compares run `headRunId` with: the
    // branch's newest run of the same source and suite set (RunSources::chooseBase).
    Result<std::optional<RunSources::BaseChoice>> baseRunFor(
        const QString &repository, qint64 headRunId, const QString &branch) const;
    // The newest run per commit, for the commits that have runs, whatever its source.
    Result<QHash<QString, RunSummary>> latestRunsForCommits(
        const QString &repository, const QStringList &commits) const;
    // The newest run of each source per commit, newest first (History's badges, the
    // Overview): a local run never hides the CI run of the same commit.
    Result<QHash<QString, QList<RunSummary>>> runsPerSourceForCommits(
        const QString &repository, const QStringList &commits) const;
    Result<QStringList> repositories() const;
    Result<void> deleteRun(qint64 runId);

    // What changed from `baseRunId` to `headRunId` (GitLab's merge request test report).
    Result<RunComparison> compare(qint64 baseRunId, qint64 headRunId) const;
    // One test (by TestCase::id(), "Class::name") across runs, with its failing streak.
    Result<TestHistory> history(
        const QString &repository, const QString &testKey, const HistoryOptions &options = {}) const;
    Result<QList<FlakyFinding>> flaky(const QString &repository, const FlakyOptions &options = {}) const;
    Result<Trends> trends(const QString &repository, const TrendOptions &options = {}) const;

    // 0 when the store has no such repository.
    Result<qint64> repositoryId(const QString &repository) const;

private:
    const store::Database &m_db;
};

} // namespace devdash::testresults

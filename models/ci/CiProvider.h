#pragma once

// The one interface every CI server is reached through (GitHub Actions, GitLab CI,
// Jenkins, cctray feeds). All calls are asynchronous: the callback runs later on
// the thread that owns the provider (the GUI thread; it never waits for the
// network), exactly once, with a Result — an Error with code HttpCanceled when the
// CancelToken was set. Providers are created by CiProviderRegistry from a CiSource.

#include "ci/CiDeployment.h"
#include "ci/PipelineRun.h"
#include "common/CancelToken.h"
#include "common/Result.h"
#include "testresults/TestReport.h"

#include <QEventLoop>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace devdash::ci {

template<typename T> using CiCallback = std::function<void(Result<T>)>;

// Filters of a run listing; every page is followed until `limit` runs are found.
struct RunQuery
{
    QString branch; // empty: all branches
    QString commit; // full commit id; empty: all commits
    int limit = 0; // 0: all runs the server keeps
};

// The combined CI state of one commit, for the status dots of the History page:
// runs, GitHub check runs and commit statuses, GitLab pipelines by sha.
struct CommitStatus
{
    QString commit;
    RunStatus status = RunStatus::Queued; // the worst over its checks (failed > running > … > success)
    int checks = 0; // how many runs/checks/statuses were combined
    QString url; // a page showing them
};

class CiProvider : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~CiProvider() override = default;

    // "github", "gitlab", "jenkins", "cctray": PipelineRun::provider of its runs.
    virtual QString name() const = 0;
    // Project path, id, job path or feed URL: PipelineRun::project of its runs.
    virtual QString project() const = 0;

    // Runs newest first, stages/jobs left empty when the listing does not carry them.
    virtual void listRuns(
        const RunQuery &query, const CancelToken &cancel, CiCallback<QList<PipelineRun>> done)
        = 0;
    // One run with its stages → jobs → steps.
    virtual void fetchRun(const QString &runId, const CancelToken &cancel, CiCallback<PipelineRun> done) = 0;
    // A job's log as the server gives it (ANSI colours kept).
    virtual void fetchJobLog(
        const PipelineRun &run, const QString &jobId, const CancelToken &cancel, CiCallback<QString> done)
        = 0;
    // The combined status of each commit that has any; commits without CI are absent.
    virtual void commitStatuses(
        const QStringList &commits, const CancelToken &cancel, CiCallback<QHash<QString, CommitStatus>> done)
        = 0;

    // Whether fetchTestReport can ever return a report (GitLab test_report, Jenkins testReport).
    virtual bool providesTestReports() const { return false; }
    // The run's test report in the test-history form; nullopt when the run has none.
    virtual void fetchTestReport(const PipelineRun &run, const CancelToken &cancel,
        CiCallback<std::optional<testresults::TestReport>> done)
    {
        Q_UNUSED(run);
        Q_UNUSED(cancel);
        done(std::optional<testresults::TestReport>());
    }

    // Whether fetchDeployments can return deployments (GitHub, GitLab, Jenkins deploy jobs).
    virtual bool providesDeployments() const { return false; }
    // The deployments the server knows, per CiDeploymentQuery (new or unfinished ones only).
    virtual void fetchDeployments(
        const CiDeploymentQuery &query, const CancelToken &cancel, CiCallback<CiDeploymentListing> done)
    {
        Q_UNUSED(query);
        Q_UNUSED(cancel);
        done(Error { QStringLiteral("%1 does not report deployments").arg(name()) });
    }
};

// For the CLI and tests only (never the GUI thread): runs the event loop until an
// asynchronous call answers. `start` receives the callback to pass on.
template<typename T> Result<T> waitForResult(const std::function<void(CiCallback<T>)> &start)
{
    std::optional<Result<T>> result;
    QEventLoop loop;
    start([&](Result<T> r) {
        result.emplace(std::move(r));
        loop.quit();
    });
    if (!result)
        loop.exec();
    return std::move(*result);
}

} // namespace devdash::ci

#pragma once

// The one run model every CI provider maps onto (GitHub Actions, GitLab CI,
// Jenkins, cctray feeds) and that local pipeline runs produce. Views, the store,
// the CLI JSON (`devdash pipelines --json`, docs/cli.md) and notifications read
// only this. A run has stages, a stage has jobs, a job may have steps; providers
// without stages (GitHub) put all jobs in one stage named after the workflow.

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace devdash::ci {

enum class RunStatus {
    Queued,
    Running,
    Success,
    Failed,
    Canceled,
    Skipped,
    Manual,
};

// The CLI/JSON spelling: "queued", "running", "success", "failed", "canceled",
// "skipped", "manual".
inline QString runStatusName(RunStatus status)
{
    switch (status) {
    case RunStatus::Queued: return QStringLiteral("queued");
    case RunStatus::Running: return QStringLiteral("running");
    case RunStatus::Success: return QStringLiteral("success");
    case RunStatus::Failed: return QStringLiteral("failed");
    case RunStatus::Canceled: return QStringLiteral("canceled");
    case RunStatus::Skipped: return QStringLiteral("skipped");
    case RunStatus::Manual: return QStringLiteral("manual");
    }
    return {};
}

inline std::optional<RunStatus> runStatusFromName(QStringView name)
{
    for (RunStatus s : { RunStatus::Queued, RunStatus::Running, RunStatus::Success, RunStatus::Failed,
             RunStatus::Canceled, RunStatus::Skipped, RunStatus::Manual })
        if (name == runStatusName(s))
            return s;
    return std::nullopt;
}

// Still going: polled fast, drawn with a spinner, its log followed.
inline bool isActive(RunStatus status)
{
    return status == RunStatus::Queued || status == RunStatus::Running;
}

// Seconds between two times; -1 when either is unknown.
inline double durationSeconds(const QDateTime &started, const QDateTime &finished)
{
    if (!started.isValid() || !finished.isValid())
        return -1;
    return started.msecsTo(finished) / 1000.0;
}

struct PipelineStep
{
    QString name;
    RunStatus status = RunStatus::Queued;
    QDateTime startedAt; // UTC; invalid when unknown
    QDateTime finishedAt;
};

struct PipelineJob
{
    QString id; // the provider's id (for the log request)
    QString name;
    RunStatus status = RunStatus::Queued;
    QDateTime startedAt;
    QDateTime finishedAt;
    QString url; // the job's page on the server; empty for local runs
    QList<PipelineStep> steps;

    double durationS() const { return durationSeconds(startedAt, finishedAt); }
};

struct PipelineStage
{
    QString name;
    RunStatus status = RunStatus::Queued;
    QList<PipelineJob> jobs;
};

struct PipelineRun
{
    QString provider; // "github", "gitlab", "jenkins", "cctray", "local"
    QString project; // "owner/repo", GitLab path or id, Jenkins job path, feed URL
    QString id; // the provider's run id (unique within provider + project)
    QString name; // workflow / pipeline / job name
    QString branch; // short name: "main", "feature/x"; empty when unknown (tags, feeds)
    QString commit; // full 40-hex id; empty when the provider does not say
    RunStatus status = RunStatus::Queued;
    QString trigger; // "push", "pull_request", "schedule", "manual", "local"…
    QDateTime startedAt; // UTC; invalid when not started
    QDateTime finishedAt; // invalid while active
    QString url; // the run's page on the server; empty for local runs
    bool dirty = false; // local runs: the work tree had uncommitted changes
    QList<PipelineStage> stages;
    // Why its details (stages, jobs) could not be loaded: the run is shown as the
    // listing gave it, marked. Empty when nothing failed. Never stored.
    QString loadError;

    double durationS() const { return durationSeconds(startedAt, finishedAt); }
    // Identity across polls: provider + project + id.
    QString key() const { return provider + QLatin1Char('\x1f') + project + QLatin1Char('\x1f') + id; }
};

} // namespace devdash::ci

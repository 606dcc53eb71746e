#pragma once

// Runs a repository's local pipeline (LocalPipelineConfig) on its work tree: the
// stages in order, each step a `/bin/sh -c` process in its working folder with
// its environment, stdout and stderr merged. Output arrives in chunks through
// output(), tagged with the job it belongs to; the first failing step ends the
// run (the steps after it are skipped); cancel() terminates the running step's
// process group, then kills it after a grace period.
//
// The run is a PipelineRun like any CI run: provider and trigger "local", one job
// per step (a stage's jobs are its steps; job ids "1.1", "1.2", "2.1"…), with
// statuses and times. The output is kept per job, capped for the whole run (20 MB
// by default); a cut log says so in its last line.
//
// No git, disk or database work happens here (LocalPipelineSource reads git
// before, LocalPipelineRecorder writes the store after), so the GUI thread may
// own a runner: it only starts processes and reacts to their signals.

#include "ci/LocalPipelineConfig.h"
#include "ci/LocalPipelineSource.h"
#include "ci/PipelineRun.h"
#include "common/Result.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QTimer>

#include <optional>

namespace devdash::ci {

// A finished run with what recording it needs: a copy, safe to hand to a worker.
struct LocalPipelineResult
{
    PipelineRun run;
    LocalPipelineSource source;
    QStringList reportGlobs;
    QHash<QString, QByteArray> logs; // job id → output
    bool logTruncated = false;
};

class LocalPipelineRunner : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 DefaultLogLimit = 20 * 1024 * 1024;
    static constexpr int DefaultKillGraceMs = 5000;
    static constexpr const char *Provider = "local";

    explicit LocalPipelineRunner(QObject *parent = nullptr);
    // Kills what still runs (and waits for it): no step outlives its runner.
    ~LocalPipelineRunner() override;

    void setLogLimit(qint64 bytes) { m_logLimit = bytes; }
    void setKillGrace(int milliseconds) { m_killGraceMs = milliseconds; }

    // Starts the run; an error when one is going already or there is nothing to run.
    Result<void> start(const LocalPipelineSource &source, const LocalPipelineConfig &config);
    // Terminates the running step (SIGTERM to its process group, SIGKILL after the
    // grace period); the run ends as canceled. Nothing when no run is going.
    void cancel();
    bool isRunning() const { return m_running; }
    bool wasCanceled() const { return m_canceled; }
    // Runs a local event loop until the run ends: for the CLI, the demo and tests,
    // never the GUI thread.
    void waitForFinished();

    // The run as it stands (live while running).
    const PipelineRun &run() const { return m_run; }
    const LocalPipelineSource &source() const { return m_source; }
    const LocalPipelineConfig &config() const { return m_config; }
    // The job ids in run order.
    QStringList jobIds() const { return m_jobOrder; }
    QByteArray jobLog(const QString &jobId) const { return m_logs.value(jobId); }
    // Every job's output in run order, each after a "==> stage / step" line.
    QByteArray log() const;
    bool isLogTruncated() const { return m_truncated; }
    LocalPipelineResult result() const;
    // The exit code of a finished step; nullopt when it did not run, did not start
    // or was killed by a signal.
    std::optional<int> exitCode(const QString &jobId) const;

    static QString jobIdOf(int stageIndex, int stepIndex);
    // The id local runs get: UTC time of the start plus a random suffix, sortable.
    static QString newRunId(const QDateTime &startedUtc);

Q_SIGNALS:
    void runStarted(const devdash::ci::PipelineRun &run);
    void stepStarted(const QString &jobId);
    // A piece of the step's merged stdout/stderr (also DevDash's own lines: the
    // command, a failure), in order.
    void output(const QString &jobId, const QByteArray &chunk);
    void stepFinished(const QString &jobId, devdash::ci::RunStatus status, double durationS);
    // Statuses or times changed (for views that redraw the graph).
    void runChanged(const devdash::ci::PipelineRun &run);
    void finished(const devdash::ci::PipelineRun &run);

private:
    struct Position
    {
        int stage = 0;
        int step = 0;
    };

    void startStep(Position position);
    void onProcessFinished(int exitCode, QProcess::ExitStatus exitStatus);
    void onProcessError(QProcess::ProcessError error);
    void finishStep(RunStatus status, std::optional<int> exitCode, const QString &note);
    void finishRun(RunStatus status);
    void appendLog(const QString &jobId, const QByteArray &bytes);
    void signalProcessGroup(int signal);
    void killLeftovers();
    PipelineJob &job(Position position) { return m_run.stages[position.stage].jobs[position.step]; }
    void updateStageStatus(int stage);
    std::optional<Position> next(Position position) const;

    LocalPipelineSource m_source;
    LocalPipelineConfig m_config;
    PipelineRun m_run;
    Position m_current;
    QPointer<QProcess> m_process;
    qint64 m_processGroup = 0;
    QList<qint64> m_processGroups; // of every step, for the clean-up at the end
    QTimer m_killTimer;
    QHash<QString, QByteArray> m_logs;
    QHash<QString, int> m_exitCodes;
    QStringList m_jobOrder;
    qint64 m_logBytes = 0;
    qint64 m_logLimit = DefaultLogLimit;
    int m_killGraceMs = DefaultKillGraceMs;
    bool m_running = false;
    bool m_canceled = false;
    bool m_truncated = false;
    bool m_stepDone = false; // guards against a second finish of one step (error + finished)
};

} // namespace devdash::ci

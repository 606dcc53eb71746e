#pragma once

// The local pipeline run of the Pipelines page: prepares it on a worker (the work
// tree's commit and dirtiness, the `.devdash.json` pipeline), runs it with a
// LocalPipelineRunner, hands the page the live run and the decoded output of the
// job the log follows, and records the finished run (and its test reports) in
// DevDash's store. The page decides what to select and show.

#include "ci/PipelineRun.h"

#include <QObject>
#include <QStringDecoder>

#include <optional>

namespace devdash::ci {
class LocalPipelineRunner;
} // namespace devdash::ci

namespace devdash::ui {

class Workspace;

class LocalRunController final : public QObject
{
    Q_OBJECT
public:
    explicit LocalRunController(Workspace *workspace, QObject *parent = nullptr);

    ci::LocalPipelineRunner *runner() const { return m_runner; }
    bool isRunning() const;
    // The run started last (running or finished), until forget().
    const std::optional<ci::PipelineRun> &liveRun() const { return m_liveRun; }
    // True while this run is the one running now.
    bool isRunningNow(const QString &runKey) const;

    // Prepares and starts the pipeline of the repository at `path` on its work tree.
    void start(const QString &path);
    void cancel();
    // The page shows another repository (or reloads): drops the live run; a run goes on.
    void forget();
    // What the job wrote so far, decoded; its further output comes as followedOutput()
    // until another job is followed.
    QString follow(const QString &jobId);

Q_SIGNALS:
    // `first`: the run just appeared (started).
    void runChanged(const devdash::ci::PipelineRun &run, bool first);
    void started(bool dirty);
    void stepStarted(const QString &jobId);
    void followedOutput(const QString &jobId, const QString &text);
    void finished(const devdash::ci::PipelineRun &run); // before it is recorded
    // In the store (or not: `error`); `reportError` when its test reports were not imported.
    void recorded(const devdash::ci::PipelineRun &run, const QString &error, const QString &reportError);
    void failed(const QString &message); // could not start

private:
    void onRunChanged(const ci::PipelineRun &run);
    void onOutput(const QString &jobId, const QByteArray &chunk);
    void onFinished(const ci::PipelineRun &run);

    Workspace *m_workspace;
    ci::LocalPipelineRunner *m_runner;
    std::optional<ci::PipelineRun> m_liveRun;
    QString m_followedJob;
    QStringDecoder m_decoder;
    quint64 m_generation = 0;
};

} // namespace devdash::ui

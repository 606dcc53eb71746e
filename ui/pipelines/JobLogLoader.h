#pragma once

// Which job's log the Pipelines page shows, and where it comes from: a local step
// running now (what it wrote so far, then its output as it comes), DevDash's store
// (on a worker), else the job's CI server. A log that arrives after another job
// was chosen is dropped.

#include "ci/PipelineRun.h"

#include <QObject>
#include <QString>

namespace devdash::ui {

class LocalRunController;
class LogPanel;
class PipelineCiFeed;
class Workspace;

class JobLogLoader final : public QObject
{
    Q_OBJECT
public:
    JobLogLoader(Workspace *workspace, LogPanel *panel, LocalRunController *localRun, PipelineCiFeed *feed,
        QObject *parent = nullptr);

    // `repositoryKey`: the store's key of the repository the run belongs to.
    void show(const ci::PipelineRun &run, const ci::PipelineJob &job, const QString &repositoryKey);
    // No job: the panel says to choose one, under `title`.
    void showNothing(const QString &title = {});

    bool isPending() const { return m_pending; } // a log is being read (screenshots wait for it)
    bool shows(const QString &runKey) const { return m_runKey == runKey; }
    bool showsAJob() const { return !m_jobId.isEmpty(); }

Q_SIGNALS:
    void loaded();

private:
    bool fetchFromServer(const ci::PipelineRun &run, const QString &jobId);

    Workspace *m_workspace;
    LogPanel *m_panel;
    LocalRunController *m_localRun;
    PipelineCiFeed *m_feed;
    QString m_runKey; // what the log shows: run key + job id
    QString m_jobId;
    bool m_pending = false;
};

} // namespace devdash::ui

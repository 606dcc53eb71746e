#include "JobLogLoader.h"

#include "LocalRunController.h"
#include "LogPanel.h"
#include "LogView.h"
#include "PipelineCiFeed.h"
#include "common/BackgroundJob.h"
#include "common/Workspace.h"
#include "tests/TestStoreAccess.h"

#include "ci/CiProvider.h"
#include "ci/PipelineRunStore.h"

#include <QPointer>

namespace devdash::ui {

using ci::PipelineRun;

JobLogLoader::JobLogLoader(Workspace *workspace, LogPanel *panel, LocalRunController *localRun,
    PipelineCiFeed *feed, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_panel(panel)
    , m_localRun(localRun)
    , m_feed(feed)
{
    connect(m_localRun, &LocalRunController::followedOutput, this,
        [this](const QString &jobId, const QString &text) {
            const auto &live = m_localRun->liveRun();
            if (live && m_runKey == live->key() && m_jobId == jobId)
                m_panel->view()->appendText(text);
        });
}

void JobLogLoader::showNothing(const QString &title)
{
    m_runKey.clear();
    m_jobId.clear();
    m_pending = false;
    m_panel->setTitle(title);
    m_panel->view()->clear(tr("Select a job to see its log"));
}

void JobLogLoader::show(const PipelineRun &run, const ci::PipelineJob &job, const QString &repositoryKey)
{
    if (m_runKey == run.key() && m_jobId == job.id)
        return;
    m_runKey = run.key();
    m_jobId = job.id;
    m_pending = false;
    m_panel->setTitle(tr("%1 / %2").arg(run.name, job.name));
    LogView *view = m_panel->view();
    if (m_localRun->isRunningNow(run.key())) {
        // What the step wrote so far, then its output as it comes (followedOutput).
        view->setLog(m_localRun->follow(job.id));
        view->setFollow(ci::isActive(job.status));
        return;
    }
    view->setFollow(false);
    view->clear(tr("Loading log…"));
    auto location = TestStoreAccess::location();
    if (!location) {
        view->clear(location.errorMessage());
        return;
    }
    const QString runKey = run.key();
    const QString jobId = job.id;
    m_pending = true;
    runJob(
        m_workspace ? m_workspace->jobs() : nullptr, tr("Loading a job log"), this,
        [location = location.value(), repositoryKey, run, jobId](
            const JobContext &) -> Result<std::optional<ci::PipelineJobLog>> {
            auto db = TestStoreAccess::open(location);
            if (!db)
                return db.error();
            return ci::PipelineRunStore(db.value())
                .jobLog(repositoryKey, run.provider, run.project, run.id, jobId);
        },
        [this, run, runKey, jobId](Result<std::optional<ci::PipelineJobLog>> log) {
            if (m_runKey != runKey || m_jobId != jobId)
                return; // another job was chosen meanwhile
            m_pending = false;
            LogView *view = m_panel->view();
            const bool local = run.provider == QLatin1String("local");
            if (!log) {
                view->clear(tr("Cannot read this job's log: %1").arg(log.errorMessage()));
            } else if (!log.value()) {
                // A CI job's log comes from its server when the store has none.
                if (!local && fetchFromServer(run, jobId))
                    return;
                view->clear(local ? tr("This step wrote no output")
                                  : tr("No log of this job is kept yet: it is fetched from %1 when the CI "
                                       "settings name the server")
                                        .arg(run.provider));
            } else if (log.value()->text.isEmpty()) {
                view->clear(tr("This step wrote no output"));
            } else {
                view->setLog(QString::fromUtf8(log.value()->text));
            }
            Q_EMIT loaded();
        });
}

bool JobLogLoader::fetchFromServer(const PipelineRun &run, const QString &jobId)
{
    ci::CiProvider *provider = m_feed->providerFor(run.provider, run.project);
    if (!provider)
        return false;
    m_panel->view()->clear(tr("Fetching the log from %1…").arg(run.provider));
    QPointer<JobLogLoader> guard(this);
    provider->fetchJobLog(
        run, jobId, CancelToken(), [guard, runKey = run.key(), jobId](Result<QString> text) {
            if (!guard || guard->m_runKey != runKey || guard->m_jobId != jobId)
                return;
            if (text)
                guard->m_panel->view()->setLog(text.value());
            else
                guard->m_panel->view()->clear(tr("Cannot fetch this job's log: %1").arg(text.errorMessage()));
        });
    return true;
}

} // namespace devdash::ui

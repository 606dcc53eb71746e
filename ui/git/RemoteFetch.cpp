#include "RemoteFetch.h"

#include "common/BackgroundJob.h"
#include "common/Workspace.h"

#include "git/RemoteFetcher.h"

namespace devdash::ui {

RemoteFetch::RemoteFetch(Workspace *workspace, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
{
}

void RemoteFetch::start()
{
    if (m_running || !m_workspace || !m_workspace->isOpen())
        return;
    m_running = true;
    const QString path = m_workspace->path();
    runJob(
        m_workspace->jobs(), tr("Fetching all remotes"), this,
        [path](const JobContext &job) -> Result<git::FetchReport> {
            auto repo = git::Repository::open(path);
            if (!repo)
                return repo.error();
            return git::RemoteFetcher::fetchAll(*repo, job.token, [&job](const git::FetchProgress &p) {
                // Objects of this remote; before the pack's size is known, the remote's turn.
                if (p.totalObjects > 0)
                    job.progress(p.receivedObjects, p.totalObjects);
                else
                    job.progress(p.remoteIndex, qMax(1, p.remoteCount));
            });
        },
        [this](Result<git::FetchReport> result) {
            m_running = false;
            if (!result) {
                m_lastSummary = tr("Cannot fetch: %1").arg(result.errorMessage());
                Q_EMIT finished(false, false, m_lastSummary);
                return;
            }
            m_lastSummary = result->summary();
            Q_EMIT finished(result->ok(), !result->needAuthentication.isEmpty(), m_lastSummary);
        });
}

} // namespace devdash::ui

#include "JobTracker.h"

#include <algorithm>

namespace devdash {

JobTracker::JobTracker(QObject *parent)
    : QObject(parent)
{
}

int JobTracker::start(const QString &title, CancelToken token)
{
    const int id = m_nextId++;
    m_jobs.insert(id, Job { id, title, 0, 0, token });
    Q_EMIT jobsChanged();
    return id;
}

void JobTracker::setProgress(int id, qint64 done, qint64 total)
{
    auto it = m_jobs.find(id);
    if (it == m_jobs.end())
        return;
    it->done = done;
    it->total = total;
    Q_EMIT jobsChanged();
}

void JobTracker::finish(int id)
{
    if (!m_jobs.remove(id))
        return;
    Q_EMIT jobsChanged();
    if (m_jobs.isEmpty())
        Q_EMIT idle();
}

void JobTracker::cancel(int id)
{
    auto it = m_jobs.find(id);
    if (it != m_jobs.end())
        it->token.cancel();
}

void JobTracker::cancelAll()
{
    for (const Job &job : std::as_const(m_jobs))
        job.token.cancel();
}

QList<JobTracker::Job> JobTracker::jobs() const
{
    QList<Job> list = m_jobs.values();
    std::sort(list.begin(), list.end(), [](const Job &a, const Job &b) { return a.id < b.id; });
    return list;
}

} // namespace devdash

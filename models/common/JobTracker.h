#pragma once

#include "CancelToken.h"

#include <QHash>
#include <QObject>
#include <QString>

namespace devdash {

// The running background work of the window: what the status bar shows and what
// "Cancel" stops. Lives on the GUI thread; workers report through queued calls.
class JobTracker final : public QObject
{
    Q_OBJECT
public:
    struct Job
    {
        int id = 0;
        QString title;
        qint64 done = 0;
        qint64 total = 0; // 0: unknown (busy indicator)
        CancelToken token;
    };

    explicit JobTracker(QObject *parent = nullptr);

    int start(const QString &title, CancelToken token = {});
    void setProgress(int id, qint64 done, qint64 total);
    void finish(int id);
    void cancel(int id);
    void cancelAll();

    bool isRunning(int id) const { return m_jobs.contains(id); }
    bool isIdle() const { return m_jobs.isEmpty(); }
    QList<Job> jobs() const;

Q_SIGNALS:
    void jobsChanged();
    void idle();

private:
    QHash<int, Job> m_jobs;
    int m_nextId = 1;
};

} // namespace devdash

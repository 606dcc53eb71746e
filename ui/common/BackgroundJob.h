#pragma once

// Runs git (or disk) work on a QtConcurrent worker, registered in the JobTracker so the
// status bar shows it and Esc cancels it; the result comes back on the GUI thread, and
// only if the receiver still exists. Workers open their own Repository: a
// git_repository is never shared across threads.

#include "common/Background.h"
#include "common/JobTracker.h"

#include <QFuture>
#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <type_traits>
#include <utility>

namespace devdash::ui {

// What a worker gets: its cancel token and a thread-safe progress reporter.
struct JobContext
{
    CancelToken token;
    JobTracker *tracker = nullptr; // outlives the workers (MainWindow waits for them)
    int id = 0;

    bool isCancelled() const { return token.isCancelled(); }
    void progress(qint64 done, qint64 total) const
    {
        if (!tracker)
            return;
        QMetaObject::invokeMethod(
            tracker, [t = tracker, id = id, done, total] { t->setProgress(id, done, total); },
            Qt::QueuedConnection);
    }
};

template<typename Work, typename Done>
void runJob(JobTracker *tracker, const QString &title, QObject *receiver, Work work, Done done)
{
    using ResultType = std::invoke_result_t<Work &, const JobContext &>;
    JobContext job;
    job.tracker = tracker;
    job.id = tracker ? tracker->start(title, job.token) : 0;
    QPointer<QObject> receiverGuard(receiver);
    QPointer<JobTracker> trackerGuard(tracker);
    // The tracker is the context when there is one: the job must be finished even
    // when the receiver is gone. The result always arrives through the event queue.
    QObject *context = tracker ? static_cast<QObject *>(tracker) : receiver;
    runInBackground(
        context, [job, work = std::move(work)]() mutable -> ResultType { return work(job); },
        [receiverGuard, trackerGuard, id = job.id, done = std::move(done)](ResultType result) mutable {
            if (trackerGuard)
                trackerGuard->finish(id);
            if (receiverGuard)
                done(std::move(result));
        });
}

} // namespace devdash::ui

#pragma once

// Keeps the CI state of a set of watches — (repository, provider, query) — up to
// date without wasting the servers' rate limits:
// - adaptive: a watch with a queued or running run is polled every `fastMs`, an
//   idle one every `slowMs`; a failing one backs off (doubling up to
//   `maxBackoffMs`); nothing is polled while the HttpClient is rate limited, nor
//   while the system says it is offline (QNetworkInformation, when a backend
//   exists) — everything is polled at once when it comes back;
// - the last known state of each watch stays with its time ("updated 5 min ago")
//   and its last error;
// - changes come out per run (added, status changed, finished), and per watched
//   pipeline (provider, project, name, branch) the transitions a CCMenu-style
//   notifier shows: fixed (failed → success), broken (success → failed), still
//   broken (failed → failed).
//
// Time comes from an injectable clock and polls can be driven by hand (tick())
// so that tests and the benchmark simulate an hour in seconds; the GUI calls
// start() and a timer follows the schedule.

#include "ci/CiProvider.h"
#include "ci/PipelineRun.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>
#include <map>
#include <memory>

class QTimer;

namespace devdash::ci {

class HttpClient;

enum class BranchTransition { Fixed, Broken, StillBroken };
QString branchTransitionName(BranchTransition transition); // "fixed", "broken", "still_broken"

struct CiWatchState
{
    QString repository;
    QString provider;
    QString project;
    QList<PipelineRun> runs; // the last known runs, newest first
    QDateTime updatedAt; // the last successful poll; invalid before the first
    QDateTime dueAt; // the next poll
    QString error; // the last poll's error; empty when it succeeded
    int failures = 0; // consecutive failed polls
    bool polling = false;
};

class CiPoller : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<QDateTime()>;
    struct Intervals
    {
        int fastMs = 10 * 1000;
        int slowMs = 120 * 1000;
        int maxBackoffMs = 15 * 60 * 1000;
    };

    explicit CiPoller(QObject *parent = nullptr);
    ~CiPoller() override;

    void setClock(Clock clock) { m_clock = std::move(clock); }
    QDateTime now() const { return m_clock(); }
    void setIntervals(const Intervals &intervals) { m_intervals = intervals; }
    const Intervals &intervals() const { return m_intervals; }
    // Its rate-limit state delays every poll until the limit is over.
    void setHttpClient(HttpClient *http);
    // Follows QNetworkInformation's reachability (the GUI does; tests drive setOffline()).
    bool followSystemNetwork();
    void setOffline(bool offline);
    bool isOffline() const { return m_offline; }

    // Returns the watch's id. The poller shares the provider; its runs are polled
    // at the next tick().
    int addWatch(const QString &repository, std::shared_ptr<CiProvider> provider, const RunQuery &query = {});
    void removeWatch(int id);
    QList<int> watchIds() const;
    CiWatchState state(int id) const;

    // Polls every watch now, then follows the schedule with a timer.
    void start();
    void stop();
    bool isRunning() const { return m_running; }
    // Polls the watches that are due at now(); roundFinished() when all answered.
    // Returns how many polls were started (0: nothing due, offline or rate limited).
    int tick();
    // Polls every watch regardless of schedule (a "refresh" button).
    int pollAll();
    // The earliest time a watch is due; invalid when there is no watch.
    QDateTime nextDueAt() const;
    bool isPolling() const;

    // "updated just now", "updated 5 min ago", "updated 2 h ago", "never updated".
    static QString ageText(const QDateTime &updatedAt, const QDateTime &now);

signals:
    void runsUpdated(int watch, const QList<PipelineRun> &runs);
    void runAdded(int watch, const PipelineRun &run);
    void runStatusChanged(int watch, const PipelineRun &run, devdash::ci::RunStatus previous);
    void runFinished(int watch, const PipelineRun &run);
    void branchTransition(int watch, const PipelineRun &run, devdash::ci::BranchTransition transition);
    void watchFailed(int watch, const QString &message);
    void roundFinished();
    void offlineChanged(bool offline);

private:
    struct Watch;
    // What a notifier knows about one pipeline of one branch.
    struct PipelineMemory
    {
        QString lastKey; // the latest finished run seen
        RunStatus lastStatus = RunStatus::Success;
        bool sawActive = false; // a build ran since lastKey was recorded
    };

    int poll(int id);
    void answered(int id, quint64 generation, Result<QList<PipelineRun>> runs);
    void detectChanges(int id, Watch &watch, const QList<PipelineRun> &runs);
    void detectTransitions(int id, Watch &watch, const QList<PipelineRun> &runs);
    int intervalFor(const Watch &watch) const;
    qint64 rateLimitWaitMs() const;
    void schedule();

    Clock m_clock;
    Intervals m_intervals;
    QPointer<HttpClient> m_http;
    std::map<int, std::unique_ptr<Watch>> m_watches;
    int m_nextId = 1;
    int m_inFlight = 0;
    bool m_running = false;
    bool m_ticking = false; // inside tick(): answers given at once do not end the round
    bool m_offline = false;
    QTimer *m_timer = nullptr;
};

} // namespace devdash::ci

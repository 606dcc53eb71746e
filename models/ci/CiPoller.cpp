#include "CiPoller.h"

#include "ci/HttpClient.h"

#include <QNetworkInformation>
#include <QSet>
#include <QTimer>

#include <algorithm>
#include <climits>

namespace devdash::ci {

QString branchTransitionName(BranchTransition transition)
{
    switch (transition) {
    case BranchTransition::Fixed:
        return QStringLiteral("fixed");
    case BranchTransition::Broken:
        return QStringLiteral("broken");
    case BranchTransition::StillBroken:
        return QStringLiteral("still_broken");
    }
    return {};
}

struct CiPoller::Watch
{
    CiWatchState state;
    std::shared_ptr<CiProvider> provider;
    RunQuery query;
    CancelToken cancel;
    quint64 generation = 0; // answers of an older poll (before removal/stop) are dropped
    bool seenOnce = false; // runs of the first poll are the starting point, not "added"
    QHash<QString, RunStatus> known; // run key → status at the previous poll
    QHash<QString, PipelineMemory> pipelines; // provider/project/name/branch → what was notified
};

namespace {

QString pipelineKey(const PipelineRun &run)
{
    return run.provider + QLatin1Char('\x1f') + run.project + QLatin1Char('\x1f') + run.name
        + QLatin1Char('\x1f') + run.branch;
}

// Only success and failure make a CCMenu transition; canceled or skipped builds say nothing.
bool countsForTransitions(RunStatus status)
{
    return status == RunStatus::Success || status == RunStatus::Failed;
}

} // namespace

CiPoller::CiPoller(QObject *parent)
    : QObject(parent)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
    , m_timer(new QTimer(this))
{
    // Queued connections (a notifier on another thread) copy these through QVariant.
    qRegisterMetaType<PipelineRun>();
    qRegisterMetaType<QList<PipelineRun>>();
    qRegisterMetaType<RunStatus>();
    qRegisterMetaType<BranchTransition>();
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (tick() == 0 && m_inFlight == 0)
            schedule();
    });
}

CiPoller::~CiPoller()
{
    for (auto &[id, watch] : m_watches)
        watch->cancel.cancel();
}

void CiPoller::setHttpClient(HttpClient *http)
{
    m_http = http;
    if (http)
        connect(http, &HttpClient::rateLimitChanged, this, [this] { schedule(); });
}

bool CiPoller::followSystemNetwork()
{
    if (!QNetworkInformation::instance() && !QNetworkInformation::loadDefaultBackend())
        return false; // no backend: network errors make watches back off instead
    auto *info = QNetworkInformation::instance();
    connect(
        info, &QNetworkInformation::reachabilityChanged, this, [this](QNetworkInformation::Reachability r) {
            setOffline(r == QNetworkInformation::Reachability::Disconnected);
        });
    setOffline(info->reachability() == QNetworkInformation::Reachability::Disconnected);
    return true;
}

void CiPoller::setOffline(bool offline)
{
    if (m_offline == offline)
        return;
    m_offline = offline;
    emit offlineChanged(offline);
    if (offline) {
        m_timer->stop();
        return;
    }
    // Back online: what was shown may be stale, so everything is due now.
    const QDateTime now = m_clock();
    for (auto &[id, watch] : m_watches) {
        watch->state.dueAt = now;
        watch->state.failures = 0;
    }
    if (m_running)
        tick();
}

int CiPoller::addWatch(const QString &repository, std::shared_ptr<CiProvider> provider, const RunQuery &query)
{
    auto watch = std::make_unique<Watch>();
    watch->state.repository = repository;
    watch->state.provider = provider->name();
    watch->state.project = provider->project();
    watch->provider = std::move(provider);
    watch->query = query;
    const int id = m_nextId++;
    m_watches.emplace(id, std::move(watch));
    schedule();
    return id;
}

void CiPoller::removeWatch(int id)
{
    auto it = m_watches.find(id);
    if (it == m_watches.end())
        return;
    it->second->cancel.cancel();
    const bool wasPolling = it->second->state.polling;
    m_watches.erase(it);
    if (wasPolling && --m_inFlight == 0 && !m_ticking) {
        emit roundFinished();
        schedule();
    }
}

QList<int> CiPoller::watchIds() const
{
    QList<int> ids;
    for (const auto &[id, watch] : m_watches)
        ids.append(id);
    return ids;
}

CiWatchState CiPoller::state(int id) const
{
    auto it = m_watches.find(id);
    return it == m_watches.end() ? CiWatchState {} : it->second->state;
}

void CiPoller::start()
{
    m_running = true;
    pollAll();
}

void CiPoller::stop()
{
    m_running = false;
    m_timer->stop();
    for (auto &[id, watch] : m_watches) {
        watch->cancel.cancel();
        watch->cancel = CancelToken();
        ++watch->generation;
        watch->state.polling = false;
    }
    m_inFlight = 0;
}

bool CiPoller::isPolling() const
{
    return m_inFlight > 0;
}

QDateTime CiPoller::nextDueAt() const
{
    QDateTime next;
    for (const auto &[id, watch] : m_watches) {
        if (watch->state.polling)
            continue;
        const QDateTime due = watch->state.dueAt.isValid() ? watch->state.dueAt : m_clock();
        if (!next.isValid() || due < next)
            next = due;
    }
    return next;
}

int CiPoller::pollAll()
{
    const QDateTime now = m_clock();
    for (auto &[id, watch] : m_watches)
        watch->state.dueAt = now;
    return tick();
}

int CiPoller::tick()
{
    if (m_offline)
        return 0;
    const QDateTime now = m_clock();
    if (const qint64 wait = rateLimitWaitMs(); wait > 0) {
        for (auto &[id, watch] : m_watches)
            watch->state.dueAt = std::max(watch->state.dueAt, now.addMSecs(wait));
        return 0;
    }
    QList<int> due;
    for (const auto &[id, watch] : m_watches)
        if (!watch->state.polling && (!watch->state.dueAt.isValid() || watch->state.dueAt <= now))
            due.append(id);
    // A provider may answer at once (an error before any request): the round ends
    // only after every due watch was asked.
    int started = 0;
    m_ticking = true;
    for (int id : due)
        started += poll(id);
    m_ticking = false;
    if (started > 0 && m_inFlight == 0) {
        emit roundFinished();
        schedule();
    }
    return started;
}

int CiPoller::poll(int id)
{
    auto it = m_watches.find(id);
    if (it == m_watches.end())
        return 0;
    Watch &watch = *it->second;
    watch.state.polling = true;
    const quint64 generation = watch.generation;
    ++m_inFlight;
    QPointer<CiPoller> self(this);
    // The callback keeps the provider alive: a watch removed meanwhile must not
    // destroy a provider whose request is still out.
    std::shared_ptr<CiProvider> provider = watch.provider;
    provider->listRuns(
        watch.query, watch.cancel, [self, id, generation, provider](Result<QList<PipelineRun>> runs) {
            if (self)
                self->answered(id, generation, std::move(runs));
        });
    return 1;
}

void CiPoller::answered(int id, quint64 generation, Result<QList<PipelineRun>> runs)
{
    auto it = m_watches.find(id);
    if (it == m_watches.end() || it->second->generation != generation)
        return; // removed or stopped meanwhile: removeWatch()/stop() already counted it out
    Watch &watch = *it->second;
    watch.state.polling = false;
    --m_inFlight;
    const QDateTime now = m_clock();
    if (runs) {
        watch.state.runs = *runs;
        watch.state.updatedAt = now;
        watch.state.error.clear();
        watch.state.failures = 0;
        detectChanges(id, watch, *runs);
        detectTransitions(id, watch, *runs);
        watch.seenOnce = true;
        emit runsUpdated(id, *runs);
    } else if (runs.error().code != HttpCanceled) {
        // The last known runs stay, with their time; the error says why they are not newer.
        watch.state.error = runs.error().message;
        ++watch.state.failures;
        emit watchFailed(id, watch.state.error);
    }
    watch.state.dueAt = now.addMSecs(intervalFor(watch));
    if (const qint64 wait = rateLimitWaitMs(); wait > 0)
        watch.state.dueAt = std::max(watch.state.dueAt, now.addMSecs(wait));
    if (m_inFlight == 0 && !m_ticking) {
        emit roundFinished();
        schedule();
    }
}

qint64 CiPoller::rateLimitWaitMs() const
{
    // The client keeps wall-clock times; the poller's clock may be simulated, so
    // only the remaining wait is carried over.
    if (!m_http)
        return 0;
    const QDateTime until = m_http->rateLimitedUntil();
    return until.isValid() ? std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(until)) : 0;
}

int CiPoller::intervalFor(const Watch &watch) const
{
    if (watch.state.failures > 0) {
        // fast × 2^failures, capped: a server that is down is asked less and less often.
        const qint64 backoff = qint64(m_intervals.fastMs) << std::min(watch.state.failures, 20);
        return int(std::min<qint64>(backoff, m_intervals.maxBackoffMs));
    }
    const bool active = std::any_of(watch.state.runs.begin(), watch.state.runs.end(),
        [](const PipelineRun &run) { return isActive(run.status); });
    return active ? m_intervals.fastMs : m_intervals.slowMs;
}

void CiPoller::schedule()
{
    if (!m_running || m_offline || m_inFlight > 0)
        return;
    const QDateTime next = nextDueAt();
    if (!next.isValid()) {
        m_timer->stop();
        return;
    }
    const qint64 ms = std::clamp<qint64>(m_clock().msecsTo(next), 0, INT_MAX);
    m_timer->start(int(ms));
}

void CiPoller::detectChanges(int id, Watch &watch, const QList<PipelineRun> &runs)
{
    QHash<QString, RunStatus> current;
    current.reserve(runs.size());
    for (const PipelineRun &run : runs) {
        const QString key = run.key();
        current.insert(key, run.status);
        if (!watch.seenOnce)
            continue;
        auto previous = watch.known.constFind(key);
        if (previous == watch.known.cend()) {
            emit runAdded(id, run);
            continue;
        }
        if (*previous == run.status)
            continue;
        emit runStatusChanged(id, run, *previous);
        if (isActive(*previous) && !isActive(run.status))
            emit runFinished(id, run);
    }
    watch.known = std::move(current);
}

void CiPoller::detectTransitions(int id, Watch &watch, const QList<PipelineRun> &runs)
{
    // Per pipeline (newest first): whether one is active, and the latest finished run that counts.
    QHash<QString, const PipelineRun *> latestFinished;
    QSet<QString> activeNow;
    for (const PipelineRun &run : runs) {
        const QString key = pipelineKey(run);
        if (isActive(run.status))
            activeNow.insert(key);
        else if (countsForTransitions(run.status) && !latestFinished.contains(key))
            latestFinished.insert(key, &run);
    }
    for (const QString &key : activeNow)
        watch.pipelines[key].sawActive = true;
    for (auto it = latestFinished.cbegin(); it != latestFinished.cend(); ++it) {
        const PipelineRun &run = **it;
        auto memory = watch.pipelines.find(it.key());
        if (memory == watch.pipelines.end() || memory->lastKey.isEmpty()) {
            // First sight: the starting point, nothing to notify.
            PipelineMemory &m = watch.pipelines[it.key()];
            m.lastKey = run.key();
            m.lastStatus = run.status;
            m.sawActive = activeNow.contains(it.key());
            continue;
        }
        // A newer build finished, or the same one (cctray: one run per project)
        // finished again after building.
        const bool newer = memory->lastKey != run.key() || memory->lastStatus != run.status;
        const bool rebuilt = memory->sawActive && !activeNow.contains(it.key());
        if (!newer && !rebuilt)
            continue;
        const RunStatus before = memory->lastStatus;
        memory->lastKey = run.key();
        memory->lastStatus = run.status;
        memory->sawActive = activeNow.contains(it.key());
        if (before == RunStatus::Failed && run.status == RunStatus::Success)
            emit branchTransition(id, run, BranchTransition::Fixed);
        else if (before == RunStatus::Success && run.status == RunStatus::Failed)
            emit branchTransition(id, run, BranchTransition::Broken);
        else if (before == RunStatus::Failed && run.status == RunStatus::Failed)
            emit branchTransition(id, run, BranchTransition::StillBroken);
    }
}

QString CiPoller::ageText(const QDateTime &updatedAt, const QDateTime &now)
{
    if (!updatedAt.isValid())
        return tr("never updated");
    const qint64 seconds = std::max<qint64>(0, updatedAt.secsTo(now));
    if (seconds < 60)
        return tr("updated just now");
    if (seconds < 3600)
        return tr("updated %1 min ago").arg(seconds / 60);
    if (seconds < 86400)
        return tr("updated %1 h ago").arg(seconds / 3600);
    return tr("updated %1 d ago").arg(seconds / 86400);
}

} // namespace devdash::ci

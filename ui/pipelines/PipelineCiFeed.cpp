#include "PipelineCiFeed.h"

#include "CiTestImporter.h"

#include <QScopeGuard>

#include "ci/PipelineRunStore.h"

#include "CiSettingsDialog.h"

#include "ci/CiConfig.h"
#include "ci/CiCredentials.h"
#include "ci/CiPoller.h"
#include "ci/CiProviderRegistry.h"
#include "ci/HttpClient.h"
#include "common/Background.h"

#include <QPointer>

namespace devdash::ui {

PipelineCiFeed::PipelineCiFeed(QObject *parent)
    : QObject(parent)
    , m_http(new ci::HttpClient(this))
    , m_credentials(new ci::CiCredentials(this))
    , m_poller(new ci::CiPoller(this))
    , m_tests(new CiTestImporter(this))
{
    m_poller->setHttpClient(m_http);
    m_poller->followSystemNetwork();
    connect(
        m_poller, &ci::CiPoller::runsUpdated, this, [this](int watch, const QList<ci::PipelineRun> &runs) {
            m_errors.remove(watch);
            const auto provider = m_providers.value(watch);
            if (provider) {
                Q_EMIT runsUpdated(provider->name(), provider->project(), withDetails(runs));
                m_tests->runsListed(*provider, runs);
            }
            updateProblem();
        });
    connect(m_poller, &ci::CiPoller::watchFailed, this, [this](int watch, const QString &message) {
        m_errors.insert(watch, message);
        updateProblem();
    });
    connect(m_poller, &ci::CiPoller::offlineChanged, this, &PipelineCiFeed::updateProblem);
    connect(m_http, &ci::HttpClient::rateLimitChanged, this, &PipelineCiFeed::updateProblem);
}

PipelineCiFeed::~PipelineCiFeed()
{
    m_poller->stop();
}

void PipelineCiFeed::setRepository(const QString &repoRoot, const QString &repositoryKey)
{
    m_poller->stop();
    for (int id : m_poller->watchIds())
        m_poller->removeWatch(id);
    m_providers.clear();
    m_errors.clear();
    m_details.clear();
    m_fetching.clear();
    m_configError.clear();
    m_watch.clear();
    m_repoRoot = repoRoot;
    m_repoKey = repositoryKey;
    m_tests->setRepository(repositoryKey);
    const quint64 generation = ++m_generation;
    updateProblem();
    m_sourcesPending = 0; // an older repository's set-up no longer counts
    answerWaitingLookups(); // with no providers: nothing for the previous repository
    if (repoRoot.isEmpty())
        return;
    m_sourcesPending = 1; // the configuration itself
    runInBackground(
        this, [repoRoot] { return ci::CiConfig::load(repoRoot); },
        [this, generation](Result<ci::CiConfig> config) {
            if (generation != m_generation)
                return;
            --m_sourcesPending;
            if (!config) {
                m_configError = config.errorMessage();
                updateProblem();
                answerWaitingLookups();
                return;
            }
            for (const ci::CiSource &fileSource : config->sources()) {
                auto complete = ci::CiProviderRegistry::complete(
                    CiSettingsDialog::withUserOverrides(m_repoRoot, fileSource));
                if (!complete) {
                    m_configError = complete.errorMessage();
                    continue;
                }
                const ci::CiSource source = complete.value();
                m_watch << source.watch;
                ++m_sourcesPending;
                m_credentials->lookup(
                    source, [this, generation, source](Result<ci::CiCredential> credential) {
                        if (generation != m_generation)
                            return;
                        --m_sourcesPending;
                        // Lookups asked before every provider was ready get their answer now.
                        const auto answerWaiting = qScopeGuard([this] { answerWaitingLookups(); });
                        auto provider = ci::CiProviderRegistry::create(
                            m_http, source, credential ? credential.value() : ci::CiCredential(), nullptr);
                        if (!provider) {
                            m_configError = provider.errorMessage();
                            updateProblem();
                            return;
                        }
                        std::shared_ptr<ci::CiProvider> shared(provider.value());
                        const int id = m_poller->addWatch(m_repoKey, shared, ci::RunQuery { {}, {}, 50 });
                        m_providers.insert(id, shared);
                        if (!m_poller->isRunning())
                            m_poller->start();
                        else
                            m_poller->pollAll();
                    });
            }
            updateProblem();
            answerWaitingLookups();
        });
}

void PipelineCiFeed::answerWaitingLookups()
{
    if (m_sourcesPending > 0)
        return;
    const auto waiting = std::exchange(m_waitingLookups, {});
    for (const auto &[commits, done] : waiting)
        commitStatuses(commits, done);
}

void PipelineCiFeed::refresh()
{
    if (!m_providers.isEmpty())
        m_poller->pollAll();
}

void PipelineCiFeed::fetchDetails(const ci::PipelineRun &run)
{
    const QString key = run.key();
    ci::CiProvider *provider = providerFor(run.provider, run.project);
    if (!provider || !run.stages.isEmpty() || m_fetching.contains(key))
        return;
    m_fetching.insert(key);
    const quint64 generation = m_generation;
    QPointer<PipelineCiFeed> self(this);
    provider->fetchRun(run.id, CancelToken(), [self, generation, key, run](Result<ci::PipelineRun> detailed) {
        if (!self || generation != self->m_generation)
            return;
        self->m_fetching.remove(key);
        // Without details the run still shows, marked, with an empty graph; the next poll asks again.
        if (!detailed && detailed.error().code != ci::HttpCanceled) {
            ci::PipelineRun marked = run;
            marked.loadError = detailed.errorMessage();
            Q_EMIT self->runDetailed(marked);
            return;
        }
        if (!detailed || detailed->stages.isEmpty())
            return;
        self->m_details.insert(key, detailed.value());
        Q_EMIT self->runDetailed(detailed.value());
    });
}

void PipelineCiFeed::commitStatuses(
    const QStringList &commits, std::function<void(QHash<QString, ci::CommitStatus>)> done)
{
    if (!commits.isEmpty() && m_sourcesPending > 0) {
        m_waitingLookups.append({ commits, std::move(done) }); // providers still being set up
        return;
    }
    if (commits.isEmpty() || m_providers.isEmpty()) {
        done({});
        return;
    }
    struct Gather
    {
        int waiting = 0;
        QHash<QString, ci::CommitStatus> statuses;
        std::function<void(QHash<QString, ci::CommitStatus>)> done;
    };
    auto gather = std::make_shared<Gather>();
    gather->waiting = int(m_providers.size());
    gather->done = std::move(done);
    const quint64 generation = m_generation;
    QPointer<PipelineCiFeed> self(this);
    for (const auto &provider : std::as_const(m_providers)) {
        provider->commitStatuses(commits, CancelToken(),
            [self, generation, gather](Result<QHash<QString, ci::CommitStatus>> result) {
                if (result) {
                    for (auto it = result->cbegin(); it != result->cend(); ++it) {
                        auto known = gather->statuses.find(it.key());
                        if (known == gather->statuses.end()) {
                            gather->statuses.insert(it.key(), it.value());
                        } else {
                            known->checks += it->checks;
                            known->status = ci::PipelineRunStore::worst(known->status, it->status);
                        }
                    }
                }
                if (--gather->waiting == 0 && self && generation == self->m_generation)
                    gather->done(gather->statuses);
            });
    }
}

QList<ci::PipelineRun> PipelineCiFeed::withDetails(QList<ci::PipelineRun> runs)
{
    for (ci::PipelineRun &run : runs) {
        if (!run.stages.isEmpty())
            continue;
        const auto it = m_details.constFind(run.key());
        if (it == m_details.cend())
            continue;
        if (it->status == run.status)
            run.stages = it->stages;
        else
            m_details.erase(it); // the run moved on: its jobs did too
    }
    return runs;
}

ci::CiProvider *PipelineCiFeed::providerFor(const QString &provider, const QString &project) const
{
    for (const auto &p : m_providers)
        if (p->name() == provider && p->project() == project)
            return p.get();
    return nullptr;
}

void PipelineCiFeed::updateProblem()
{
    QString problem;
    bool settings = false;
    if (!m_configError.isEmpty()) {
        problem = m_configError;
        settings = true;
    } else if (!m_http->rateLimitText().isEmpty()) {
        problem = m_http->rateLimitText();
    } else if (m_poller->isOffline()) {
        QDateTime oldest;
        for (int id : m_poller->watchIds()) {
            const QDateTime updated = m_poller->state(id).updatedAt;
            if (updated.isValid() && (!oldest.isValid() || updated < oldest))
                oldest = updated;
        }
        problem = tr("Offline — showing %1").arg(ci::CiPoller::ageText(oldest, m_poller->now()));
    } else if (!m_errors.isEmpty()) {
        problem = m_errors.constBegin().value();
        // A refused or missing token is fixed in the settings.
        settings = problem.contains(QLatin1String("401")) || problem.contains(QLatin1String("403"))
            || problem.contains(QLatin1String("token"), Qt::CaseInsensitive);
    }
    if (problem == m_problem && settings == m_needsSettings)
        return;
    m_problem = problem;
    m_needsSettings = settings;
    Q_EMIT problemChanged();
}

} // namespace devdash::ui

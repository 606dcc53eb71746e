#pragma once

// The CI servers of the repository the Pipelines page shows: reads the "ci"
// sources of `.devdash.json` (with the user's overrides), finds each one's
// credential (environment or keychain), creates its provider and polls it with a
// CiPoller (adaptive, conditional requests, rate limits honoured). The page gets
// the runs per provider + project, a status line for its banner ("rate limited
// until 14:05", "offline — showing state from 12 min ago", a refused token), and
// the provider of a run for its job logs.

#include "ci/CiProvider.h"
#include "ci/PipelineRun.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>

#include <memory>

namespace devdash::ci {
class CiCredentials;
class CiPoller;
class CiProvider;
class HttpClient;
} // namespace devdash::ci

namespace devdash::ui {

class CiTestImporter;

class PipelineCiFeed final : public QObject
{
    Q_OBJECT
public:
    explicit PipelineCiFeed(QObject *parent = nullptr);
    ~PipelineCiFeed() override;

    // Stops polling the previous repository and starts with this one's sources.
    void setRepository(const QString &repoRoot, const QString &repositoryKey);
    void refresh();
    ci::CiPoller *poller() const { return m_poller; }
    ci::HttpClient *http() const { return m_http; }
    // Brings the finished runs' test reports into the test history.
    CiTestImporter *testImporter() const { return m_tests; }
    // The provider of a run's provider + project; nullptr when not configured.
    ci::CiProvider *providerFor(const QString &provider, const QString &project) const;
    // The problem to show, if any; the second value says the CI settings would help.
    QString problem() const { return m_problem; }
    bool problemNeedsSettings() const { return m_needsSettings; }
    // The configured sources' watched branches (`watch` of each source).
    QStringList watchedBranches() const { return m_watch; }
    // A listing carries no stages and jobs (GitHub, GitLab): fetches them once per
    // run and status; runDetailed() brings them, and later listings keep them. When
    // they fail to load, runDetailed() brings the run with its loadError set.
    void fetchDetails(const ci::PipelineRun &run);
    // The combined status of each commit from every configured provider (GitHub check
    // runs and commit statuses, GitLab pipelines by sha, Jenkins builds): History's dots
    // for commits no stored run covers. `done` gets the worst per commit, once every
    // provider answered; a provider that fails adds nothing.
    void commitStatuses(
        const QStringList &commits, std::function<void(QHash<QString, ci::CommitStatus>)> done);

Q_SIGNALS:
    void runsUpdated(
        const QString &provider, const QString &project, const QList<devdash::ci::PipelineRun> &runs);
    void problemChanged();
    void runDetailed(const devdash::ci::PipelineRun &run);

private:
    void updateProblem();
    QList<ci::PipelineRun> withDetails(QList<ci::PipelineRun> runs);
    void answerWaitingLookups();

    ci::HttpClient *m_http;
    ci::CiCredentials *m_credentials;
    ci::CiPoller *m_poller;
    CiTestImporter *m_tests;
    QHash<int, std::shared_ptr<ci::CiProvider>> m_providers; // by watch id
    QHash<int, QString> m_errors;
    QHash<QString, ci::PipelineRun> m_details; // by run key: the fetched stages and jobs
    QSet<QString> m_fetching; // run keys whose details are on their way
    QString m_repoRoot;
    QString m_repoKey;
    quint64 m_generation = 0;
    QString m_problem;
    QString m_configError;
    bool m_needsSettings = false;
    QStringList m_watch;
    int m_sourcesPending = 0; // the configuration and credential lookups not back yet
    QList<std::pair<QStringList, std::function<void(QHash<QString, ci::CommitStatus>)>>> m_waitingLookups;
};

} // namespace devdash::ui

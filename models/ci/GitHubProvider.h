#pragma once

// GitHub Actions (github.com or GitHub Enterprise through `api_url`, e.g.
// https://ghe.example.com/api/v3): workflow runs of a repository, their jobs and
// steps (in one stage named after the workflow), job logs, check runs plus
// combined commit statuses for the status dots, and test reports from the run's
// artifacts. Parsing is in GitHubJson.

#include "ci/CiProvider.h"
#include "ci/CiSource.h"
#include "ci/HttpRequest.h"

#include <QPointer>

namespace devdash::ci {

class HttpClient;
struct GitHubStatusWalk;

class GitHubProvider : public CiProvider
{
    Q_OBJECT

public:
    // `source` is complete (CiProviderRegistry::complete); `token` may be empty (public repositories).
    GitHubProvider(HttpClient *http, const CiSource &source, const QString &token, QObject *parent = nullptr);

    QString name() const override { return QStringLiteral("github"); }
    QString project() const override { return m_source.project; }

    void listRuns(
        const RunQuery &query, const CancelToken &cancel, CiCallback<QList<PipelineRun>> done) override;
    void fetchRun(const QString &runId, const CancelToken &cancel, CiCallback<PipelineRun> done) override;
    void fetchJobLog(const PipelineRun &run, const QString &jobId, const CancelToken &cancel,
        CiCallback<QString> done) override;
    void commitStatuses(const QStringList &commits, const CancelToken &cancel,
        CiCallback<QHash<QString, CommitStatus>> done) override;

    // The JUnit (and other) reports in the run's artifacts (GitHubArtifacts).
    bool providesTestReports() const override { return true; }
    void fetchTestReport(const PipelineRun &run, const CancelToken &cancel,
        CiCallback<std::optional<testresults::TestReport>> done) override;

    // Deployments and their latest statuses (GitHubDeployments).
    bool providesDeployments() const override { return true; }
    void fetchDeployments(const CiDeploymentQuery &query, const CancelToken &cancel,
        CiCallback<CiDeploymentListing> done) override;

private:
    HttpRequest request(const QString &path, const QList<QPair<QString, QString>> &query = {}) const;
    void nextCommitStatus(std::shared_ptr<GitHubStatusWalk> walk);

    QPointer<HttpClient> m_http;
    CiSource m_source;
    QString m_token;
};

} // namespace devdash::ci

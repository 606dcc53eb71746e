#pragma once

// GitLab CI (gitlab.com or self-hosted through `api_url`): pipelines of a project
// given by numeric id or path ("group/sub/app", URL-encoded in requests), their
// jobs grouped by stage in pipeline order, job traces, pipelines by sha for the
// status dots, and the pipeline's test_report. Token in the PRIVATE-TOKEN header.
// Parsing is in GitLabJson.

#include "ci/CiProvider.h"
#include "ci/CiSource.h"
#include "ci/HttpRequest.h"

#include <QPointer>

namespace devdash::ci {

class HttpClient;
struct GitLabStatusWalk;

class GitLabProvider : public CiProvider
{
    Q_OBJECT

public:
    GitLabProvider(HttpClient *http, const CiSource &source, const QString &token, QObject *parent = nullptr);

    QString name() const override { return QStringLiteral("gitlab"); }
    QString project() const override { return m_source.project; }

    void listRuns(
        const RunQuery &query, const CancelToken &cancel, CiCallback<QList<PipelineRun>> done) override;
    void fetchRun(const QString &runId, const CancelToken &cancel, CiCallback<PipelineRun> done) override;
    void fetchJobLog(const PipelineRun &run, const QString &jobId, const CancelToken &cancel,
        CiCallback<QString> done) override;
    void commitStatuses(const QStringList &commits, const CancelToken &cancel,
        CiCallback<QHash<QString, CommitStatus>> done) override;

    bool providesTestReports() const override { return true; }
    void fetchTestReport(const PipelineRun &run, const CancelToken &cancel,
        CiCallback<std::optional<testresults::TestReport>> done) override;

    // Deployments and their latest statuses (GitLabDeployments, with the environments).
    bool providesDeployments() const override { return true; }
    void fetchDeployments(const CiDeploymentQuery &query, const CancelToken &cancel,
        CiCallback<CiDeploymentListing> done) override;

    // "/projects/group%2Fapp" for a path, "/projects/42" for an id.
    QString projectPath() const;

private:
    HttpRequest request(const QString &path, const QList<QPair<QString, QString>> &query = {}) const;
    void nextCommitStatus(std::shared_ptr<GitLabStatusWalk> walk);

    QPointer<HttpClient> m_http;
    CiSource m_source;
    QString m_token;
};

} // namespace devdash::ci

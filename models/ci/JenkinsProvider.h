#pragma once

// Jenkins through its JSON API: a job ("folder/app") or a multibranch job (one
// child job per branch) listed in one request, stages from the Pipeline Stage
// View (`wfapi/describe`), the log from `consoleText`, the test report from
// `testReport/api/json`. Basic auth with JENKINS_USER + JENKINS_TOKEN (an API
// token), sent only to the server, never logged. Parsing is in JenkinsJson.

#include "ci/CiProvider.h"
#include "ci/HttpRequest.h"

#include <QPointer>

namespace devdash::ci {

class HttpClient;

struct JenkinsSettings
{
    QString serverUrl; // "https://jenkins.example.com" (with a context path if any: ".../jenkins")
    QString jobPath; // "folder/app"; a multibranch job lists its branches
    QString user; // JENKINS_USER; empty: anonymous
    QString token; // JENKINS_TOKEN (API token or password)
    QString caBundle; // PEM file for a self-hosted server's CA
    int timeoutMs = 30000;
};

class JenkinsProvider : public CiProvider
{
    Q_OBJECT

public:
    JenkinsProvider(HttpClient *http, JenkinsSettings settings, QObject *parent = nullptr);

    QString name() const override { return QStringLiteral("jenkins"); }
    QString project() const override { return m_settings.jobPath; }

    void listRuns(
        const RunQuery &query, const CancelToken &cancel, CiCallback<QList<PipelineRun>> done) override;
    // runId is "N" for a job, "branch#N" for a multibranch job's branch.
    void fetchRun(const QString &runId, const CancelToken &cancel, CiCallback<PipelineRun> done) override;
    // The whole build's consoleText (Jenkins keeps one log per build).
    void fetchJobLog(const PipelineRun &run, const QString &jobId, const CancelToken &cancel,
        CiCallback<QString> done) override;
    void commitStatuses(const QStringList &commits, const CancelToken &cancel,
        CiCallback<QHash<QString, CommitStatus>> done) override;

    bool providesTestReports() const override { return true; }
    void fetchTestReport(const PipelineRun &run, const CancelToken &cancel,
        CiCallback<std::optional<testresults::TestReport>> done) override;

    // Builds of the deploy jobs of CiDeploymentQuery::jenkinsJobs (JenkinsDeployments).
    bool providesDeployments() const override { return true; }
    void fetchDeployments(const CiDeploymentQuery &query, const CancelToken &cancel,
        CiCallback<CiDeploymentListing> done) override;

    // The page of a build of this job: ".../job/folder/job/app[/job/branch]/N/".
    QString buildUrl(const QString &runId) const;

private:
    HttpRequest request(const QUrl &url) const;
    QString serverUrl() const;

    QPointer<HttpClient> m_http;
    JenkinsSettings m_settings;
};

} // namespace devdash::ci

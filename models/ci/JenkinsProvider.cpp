#include "JenkinsProvider.h"

#include "ci/StatusRollup.h"

#include "ci/CiTestReports.h"
#include "ci/HttpClient.h"
#include "ci/HttpErrorText.h"
#include "ci/HttpResponse.h"
#include "ci/JenkinsDeployments.h"
#include "ci/JenkinsJson.h"

#include <QSet>
#include <QUrlQuery>

#include <memory>

namespace devdash::ci {

namespace {

// Jenkins keeps 100 builds in `builds` (`allBuilds` would be every one): "all" means those.
constexpr int kAllBuilds = 100;


} // namespace

JenkinsProvider::JenkinsProvider(HttpClient *http, JenkinsSettings settings, QObject *parent)
    : CiProvider(parent)
    , m_http(http)
    , m_settings(std::move(settings))
{
}

QString JenkinsProvider::serverUrl() const
{
    QString url = m_settings.serverUrl;
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    return url;
}

HttpRequest JenkinsProvider::request(const QUrl &url) const
{
    HttpRequest request;
    request.url = url;
    request.service = QStringLiteral("Jenkins");
    request.credentialHint = QStringLiteral("JENKINS_USER and JENKINS_TOKEN (an API token from your Jenkins "
                                            "user's Security page), or the Jenkins token in the keychain");
    request.timeoutMs = m_settings.timeoutMs;
    request.caBundle = m_settings.caBundle;
    request.setHeader("Accept", "application/json");
    if (!m_settings.user.isEmpty() || !m_settings.token.isEmpty())
        request.setSecretHeader("Authorization",
            "Basic " + (m_settings.user + QLatin1Char(':') + m_settings.token).toUtf8().toBase64());
    // Build URLs come from the server's JSON: the credentials stay with the configured server.
    request.credentialOrigin = QUrl(serverUrl());
    return request;
}

QString JenkinsProvider::buildUrl(const QString &runId) const
{
    QString base = serverUrl() + JenkinsJson::jobPath(m_settings.jobPath);
    QString number = runId;
    const qsizetype hash = runId.lastIndexOf(QLatin1Char('#'));
    if (hash >= 0) {
        base += QStringLiteral("/job/")
            + QString::fromLatin1(QUrl::toPercentEncoding(JenkinsJson::branchJobName(runId.left(hash))));
        number = runId.mid(hash + 1);
    }
    return base + QLatin1Char('/') + number + QLatin1Char('/');
}

void JenkinsProvider::listRuns(
    const RunQuery &query, const CancelToken &cancel, CiCallback<QList<PipelineRun>> done)
{
    if (!m_http) {
        done(Error { QStringLiteral("Jenkins: no HTTP client (DevDash is shutting down).") });
        return;
    }
    QUrl url(serverUrl() + JenkinsJson::jobPath(m_settings.jobPath) + QStringLiteral("/api/json"));
    QUrlQuery params;
    // With a branch or commit filter, more builds are read so that `limit` matches remain.
    const bool filtered = !query.branch.isEmpty() || !query.commit.isEmpty();
    params.addQueryItem(QStringLiteral("tree"),
        JenkinsJson::jobTree(query.limit > 0 && !filtered ? query.limit : kAllBuilds));
    url.setQuery(params);
    const QString project = m_settings.jobPath;
    const QString server = serverUrl();
    m_http->get(request(url), cancel, [done, query, project, server](Result<HttpResponse> response) {
        if (!response) {
            done(response.error());
            return;
        }
        auto runs = JenkinsJson::parseJob(response->body, project, server);
        if (!runs) {
            done(Error { runs.error().message, HttpMalformed });
            return;
        }
        QList<PipelineRun> kept;
        for (const PipelineRun &run : *runs) {
            if (!query.branch.isEmpty() && run.branch != query.branch)
                continue;
            if (!query.commit.isEmpty() && run.commit.compare(query.commit, Qt::CaseInsensitive) != 0)
                continue;
            kept.append(run);
            if (query.limit > 0 && kept.size() >= query.limit)
                break;
        }
        done(kept);
    });
}

void JenkinsProvider::fetchRun(const QString &runId, const CancelToken &cancel, CiCallback<PipelineRun> done)
{
    if (!m_http) {
        done(Error { QStringLiteral("Jenkins: no HTTP client (DevDash is shutting down).") });
        return;
    }
    const QString runUrl = buildUrl(runId);
    const qsizetype hash = runId.lastIndexOf(QLatin1Char('#'));
    const QString branch = hash >= 0 ? runId.left(hash) : QString();
    QUrl url(runUrl + QStringLiteral("api/json"));
    QUrlQuery params;
    params.addQueryItem(QStringLiteral("tree"),
        QStringLiteral("number,url,result,building,timestamp,duration,actions[_class,lastBuiltRevision[SHA1,"
                       "branch[name]],revision[hash],causes[_class,shortDescription]]"));
    url.setQuery(params);
    QPointer<JenkinsProvider> self(this);
    const QString project = m_settings.jobPath;
    const QString server = serverUrl();
    m_http->get(request(url), cancel, [=](Result<HttpResponse> response) {
        if (!response) {
            done(response.error());
            return;
        }
        auto json = HttpErrorText::parseJson(response->body, response->url);
        if (!json) {
            done(Error { json.error().message, HttpMalformed });
            return;
        }
        auto run = std::make_shared<PipelineRun>(JenkinsJson::parseBuild(
            json->object(), project, project.section(QLatin1Char('/'), -1), branch, server));
        if (run->url.isEmpty())
            run->url = runUrl;
        if (!self || !self->m_http) {
            done(*run);
            return;
        }
        // Stages from the Stage View; a freestyle job (404 there) is one stage of one job.
        self->m_http->get(self->request(QUrl(runUrl + QStringLiteral("wfapi/describe"))), cancel,
            [run, done, runUrl](Result<HttpResponse> stagesResponse) {
                if (stagesResponse) {
                    auto stages = JenkinsJson::parseStages(stagesResponse->body, runUrl);
                    if (!stages) {
                        done(Error { stages.error().message, HttpMalformed });
                        return;
                    }
                    run->stages = *stages;
                } else if (stagesResponse.error().code == HttpCanceled) {
                    done(stagesResponse.error());
                    return;
                } else if (stagesResponse.error().code != 404) {
                    done(stagesResponse.error());
                    return;
                }
                if (run->stages.isEmpty()) {
                    PipelineJob job;
                    job.id = run->id;
                    job.name = run->name;
                    job.status = run->status;
                    job.startedAt = run->startedAt;
                    job.finishedAt = run->finishedAt;
                    job.url = run->url;
                    run->stages.append(PipelineStage { run->name, run->status, { job } });
                }
                done(*run);
            });
    });
}

void JenkinsProvider::fetchJobLog(
    const PipelineRun &run, const QString &jobId, const CancelToken &cancel, CiCallback<QString> done)
{
    Q_UNUSED(jobId);
    if (!m_http) {
        done(Error { QStringLiteral("Jenkins: no HTTP client (DevDash is shutting down).") });
        return;
    }
    const QString runUrl = run.url.isEmpty() ? buildUrl(run.id) : run.url;
    HttpRequest logRequest = request(QUrl(runUrl + QStringLiteral("consoleText")));
    logRequest.headers.clear();
    logRequest.setHeader("Accept", "text/plain");
    // A running build's log grows without a new ETag on some servers: never cached.
    logRequest.useCache = !isActive(run.status);
    m_http->get(logRequest, cancel, [done](Result<HttpResponse> response) {
        if (!response) {
            done(response.error());
            return;
        }
        done(QString::fromUtf8(response->body));
    });
}

void JenkinsProvider::commitStatuses(
    const QStringList &commits, const CancelToken &cancel, CiCallback<QHash<QString, CommitStatus>> done)
{
    QSet<QString> wanted;
    for (const QString &commit : commits)
        wanted.insert(commit.toLower());
    listRuns(RunQuery {}, cancel, [done, wanted](Result<QList<PipelineRun>> runs) {
        if (!runs) {
            done(runs.error());
            return;
        }
        QHash<QString, CommitStatus> statuses;
        for (const PipelineRun &run : *runs) {
            if (!wanted.contains(run.commit))
                continue;
            auto it = statuses.find(run.commit);
            if (it == statuses.end()) {
                statuses.insert(run.commit, CommitStatus { run.commit, run.status, 1, run.url });
                continue;
            }
            ++it->checks;
            if (rollupWeight(run.status) > rollupWeight(it->status)) {
                it->status = run.status;
                it->url = run.url;
            }
        }
        done(statuses);
    });
}

void JenkinsProvider::fetchTestReport(const PipelineRun &run, const CancelToken &cancel,
    CiCallback<std::optional<testresults::TestReport>> done)
{
    if (!m_http) {
        done(Error { QStringLiteral("Jenkins: no HTTP client (DevDash is shutting down).") });
        return;
    }
    const QString runUrl = run.url.isEmpty() ? buildUrl(run.id) : run.url;
    const QString origin = runUrl + QStringLiteral("testReport");
    m_http->get(request(QUrl(runUrl + QStringLiteral("testReport/api/json"))), cancel,
        [done, origin](Result<HttpResponse> response) {
            if (!response) {
                // A build that archived no JUnit results has no testReport page.
                if (response.error().code == 404)
                    done(std::optional<testresults::TestReport>());
                else
                    done(response.error());
                return;
            }
            auto report = CiTestReports::fromJenkins(response->body, origin);
            if (!report) {
                done(Error { report.error().message, HttpMalformed });
                return;
            }
            done(std::optional<testresults::TestReport>(std::move(report).value()));
        });
}

void JenkinsProvider::fetchDeployments(
    const CiDeploymentQuery &query, const CancelToken &cancel, CiCallback<CiDeploymentListing> done)
{
    JenkinsDeployments::fetch(m_http, m_settings, query, cancel, std::move(done));
}

} // namespace devdash::ci

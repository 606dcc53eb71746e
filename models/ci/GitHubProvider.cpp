#include "ci/GitHubProvider.h"

#include "ci/CiCredentials.h"
#include "ci/GitHubArtifacts.h"
#include "ci/GitHubDeployments.h"
#include "ci/GitHubJson.h"
#include "ci/HttpClient.h"
#include "ci/HttpErrorText.h"
#include "ci/StatusRollup.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace devdash::ci {

struct GitHubStatusWalk
{
    QStringList commits;
    int next = 0;
    CancelToken cancel;
    CiCallback<QHash<QString, CommitStatus>> done;
    QHash<QString, CommitStatus> result;
};

namespace {

int countArray(const QByteArray &body, const QString &key)
{
    return int(QJsonDocument::fromJson(body).object().value(key).toArray().size());
}

template<typename T> bool failIfGone(const QPointer<HttpClient> &http, const CiCallback<T> &done)
{
    if (http)
        return false;
    done(Error { QStringLiteral("the HTTP client is gone"), HttpCanceled });
    return true;
}

} // namespace

GitHubProvider::GitHubProvider(
    HttpClient *http, const CiSource &source, const QString &token, QObject *parent)
    : CiProvider(parent)
    , m_http(http)
    , m_source(source)
    , m_token(token)
{
}

HttpRequest GitHubProvider::request(const QString &path, const QList<QPair<QString, QString>> &query) const
{
    HttpRequest r;
    QUrl url(m_source.apiUrl + QStringLiteral("/repos/") + m_source.project + path);
    QUrlQuery q;
    for (const auto &item : query)
        if (!item.second.isEmpty())
            q.addQueryItem(item.first, item.second);
    url.setQuery(q);
    r.url = url;
    r.service = QStringLiteral("github");
    r.credentialHint = CiCredentials::hint(QStringLiteral("github"));
    r.setHeader("Accept", "application/vnd.github+json");
    r.setHeader("X-GitHub-Api-Version", "2022-11-28");
    if (!m_token.isEmpty())
        r.setSecretHeader("Authorization", "Bearer " + m_token.toUtf8());
    r.credentialOrigin = QUrl(m_source.apiUrl);
    r.caBundle = m_source.caBundle;
    r.timeoutMs = m_source.timeoutMs;
    return r;
}

void GitHubProvider::listRuns(
    const RunQuery &query, const CancelToken &cancel, CiCallback<QList<PipelineRun>> done)
{
    if (failIfGone(m_http, done))
        return;
    const int perPage = query.limit > 0 ? std::min(query.limit, 100) : 100;
    PageOptions pages;
    pages.pageParam = QStringLiteral("page");
    pages.perPage = perPage;
    pages.maxItems = query.limit;
    pages.countItems
        = [](const QByteArray &body) { return countArray(body, QStringLiteral("workflow_runs")); };
    const HttpRequest r = request(QStringLiteral("/actions/runs"),
        { { QStringLiteral("branch"), query.branch }, { QStringLiteral("head_sha"), query.commit },
            { QStringLiteral("per_page"), QString::number(perPage) } });
    m_http->getAllPages(r, pages, cancel,
        [project = m_source.project, limit = query.limit, done](Result<QList<HttpResponse>> responses) {
            if (!responses)
                return done(responses.error());
            QList<PipelineRun> runs;
            for (const HttpResponse &page : *responses) {
                auto parsed = GitHubJson::parseRuns(page.body, project, page.url);
                if (!parsed)
                    return done(parsed.error());
                runs.append(*parsed);
            }
            if (limit > 0 && runs.size() > limit)
                runs.resize(limit);
            done(runs);
        });
}

void GitHubProvider::fetchRun(const QString &runId, const CancelToken &cancel, CiCallback<PipelineRun> done)
{
    if (failIfGone(m_http, done))
        return;
    const HttpRequest runRequest = request(QStringLiteral("/actions/runs/") + runId);
    m_http->get(runRequest, cancel, [this, runId, cancel, done](Result<HttpResponse> response) {
        if (!response)
            return done(response.error());
        auto run = GitHubJson::parseRun(response->body, m_source.project, response->url);
        if (!run)
            return done(run.error());
        if (failIfGone(m_http, done))
            return;
        PageOptions pages;
        pages.pageParam = QStringLiteral("page");
        pages.perPage = 100;
        pages.countItems = [](const QByteArray &body) { return countArray(body, QStringLiteral("jobs")); };
        const HttpRequest jobsRequest = request(QStringLiteral("/actions/runs/%1/jobs").arg(runId),
            { { QStringLiteral("per_page"), QStringLiteral("100") } });
        m_http->getAllPages(
            jobsRequest, pages, cancel, [run = *run, done](Result<QList<HttpResponse>> responses) mutable {
                if (!responses)
                    return done(responses.error());
                // GitHub jobs have no stage: they go in one stage named after the workflow.
                PipelineStage stage;
                stage.name = run.name;
                stage.status = run.status;
                for (const HttpResponse &page : *responses) {
                    auto jobs = GitHubJson::parseJobs(page.body, page.url);
                    if (!jobs)
                        return done(jobs.error());
                    stage.jobs.append(*jobs);
                }
                run.stages = { stage };
                done(run);
            });
    });
}

void GitHubProvider::fetchJobLog(
    const PipelineRun &run, const QString &jobId, const CancelToken &cancel, CiCallback<QString> done)
{
    Q_UNUSED(run);
    if (failIfGone(m_http, done))
        return;
    HttpRequest r = request(QStringLiteral("/actions/jobs/%1/logs").arg(jobId));
    r.useCache = false; // large, and a running job's log changes anyway
    m_http->get(r, cancel, [done](Result<HttpResponse> response) {
        if (!response)
            return done(response.error());
        done(QString::fromUtf8(response->body));
    });
}

void GitHubProvider::commitStatuses(
    const QStringList &commits, const CancelToken &cancel, CiCallback<QHash<QString, CommitStatus>> done)
{
    auto walk = std::make_shared<GitHubStatusWalk>();
    walk->commits = commits;
    walk->cancel = cancel;
    walk->done = std::move(done);
    nextCommitStatus(walk);
}

// One commit at a time: check runs, then commit statuses. A commit GitHub does not
// know (not pushed: 404/422) simply has no status.
void GitHubProvider::nextCommitStatus(std::shared_ptr<GitHubStatusWalk> walk)
{
    if (walk->next >= walk->commits.size())
        return walk->done(walk->result);
    if (failIfGone(m_http, walk->done))
        return;
    const QString sha = walk->commits.at(walk->next++);
    const HttpRequest checks = request(QStringLiteral("/commits/%1/check-runs").arg(sha),
        { { QStringLiteral("per_page"), QStringLiteral("100") } });
    m_http->get(checks, walk->cancel, [this, walk, sha](Result<HttpResponse> checkResponse) {
        const bool unknown
            = !checkResponse && (checkResponse.error().code == 404 || checkResponse.error().code == 422);
        if (!checkResponse && !unknown)
            return walk->done(checkResponse.error());
        if (unknown)
            return nextCommitStatus(walk);
        QString url;
        auto checkStates = GitHubJson::parseCheckRuns(checkResponse->body, checkResponse->url, &url);
        if (!checkStates)
            return walk->done(checkStates.error());
        if (failIfGone(m_http, walk->done))
            return;
        m_http->get(request(QStringLiteral("/commits/%1/status").arg(sha)), walk->cancel,
            [this, walk, sha, url, states = *checkStates](Result<HttpResponse> statusResponse) mutable {
                if (!statusResponse && statusResponse.error().code != 404
                    && statusResponse.error().code != 422)
                    return walk->done(statusResponse.error());
                if (statusResponse) {
                    auto more
                        = GitHubJson::parseCombinedStatus(statusResponse->body, statusResponse->url, &url);
                    if (!more)
                        return walk->done(more.error());
                    states.append(*more);
                }
                if (!states.isEmpty())
                    walk->result.insert(sha, CommitStatus { sha, rollUp(states), int(states.size()), url });
                nextCommitStatus(walk);
            });
    });
}

void GitHubProvider::fetchTestReport(const PipelineRun &run, const CancelToken &cancel,
    CiCallback<std::optional<testresults::TestReport>> done)
{
    GitHubArtifacts::fetchReport(
        this, m_http,
        [this](const QString &path, const QList<QPair<QString, QString>> &q) { return request(path, q); },
        m_source, run, cancel, std::move(done));
}

void GitHubProvider::fetchDeployments(
    const CiDeploymentQuery &query, const CancelToken &cancel, CiCallback<CiDeploymentListing> done)
{
    GitHubDeployments::fetch(
        m_http,
        [this](const QString &path, const QList<QPair<QString, QString>> &q) { return request(path, q); },
        m_source.project, query, cancel, std::move(done));
}

} // namespace devdash::ci

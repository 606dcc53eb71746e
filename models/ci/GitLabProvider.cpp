#include "ci/GitLabProvider.h"

#include "ci/CiCredentials.h"
#include "ci/GitLabDeployments.h"
#include "ci/GitLabJson.h"
#include "ci/HttpClient.h"
#include "ci/HttpErrorText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace devdash::ci {

struct GitLabStatusWalk
{
    QStringList commits;
    int next = 0;
    CancelToken cancel;
    CiCallback<QHash<QString, CommitStatus>> done;
    QHash<QString, CommitStatus> result;
};

namespace {

int countArray(const QByteArray &body)
{
    return int(QJsonDocument::fromJson(body).array().size());
}

template<typename T> bool failIfGone(const QPointer<HttpClient> &http, const CiCallback<T> &done)
{
    if (http)
        return false;
    done(Error { QStringLiteral("the HTTP client is gone"), HttpCanceled });
    return true;
}

} // namespace

GitLabProvider::GitLabProvider(
    HttpClient *http, const CiSource &source, const QString &token, QObject *parent)
    : CiProvider(parent)
    , m_http(http)
    , m_source(source)
    , m_token(token)
{
}

QString GitLabProvider::projectPath() const
{
    // A path's slashes are part of one path segment: "group%2Fsub%2Fapp".
    return QStringLiteral("/projects/") + QString::fromLatin1(QUrl::toPercentEncoding(m_source.project));
}

HttpRequest GitLabProvider::request(const QString &path, const QList<QPair<QString, QString>> &query) const
{
    HttpRequest r;
    QUrl url = QUrl::fromEncoded((m_source.apiUrl + projectPath() + path).toUtf8());
    QUrlQuery q;
    for (const auto &item : query)
        if (!item.second.isEmpty())
            q.addQueryItem(item.first, item.second);
    url.setQuery(q);
    r.url = url;
    r.service = QStringLiteral("gitlab");
    r.credentialHint = CiCredentials::hint(QStringLiteral("gitlab"));
    r.setHeader("Accept", "application/json");
    if (!m_token.isEmpty())
        r.setSecretHeader("PRIVATE-TOKEN", m_token.toUtf8());
    r.credentialOrigin = QUrl(m_source.apiUrl);
    r.caBundle = m_source.caBundle;
    r.timeoutMs = m_source.timeoutMs;
    return r;
}

void GitLabProvider::listRuns(
    const RunQuery &query, const CancelToken &cancel, CiCallback<QList<PipelineRun>> done)
{
    if (failIfGone(m_http, done))
        return;
    const int perPage = query.limit > 0 ? std::min(query.limit, 100) : 100;
    PageOptions pages;
    pages.pageParam = QStringLiteral("page");
    pages.perPage = perPage;
    pages.maxItems = query.limit;
    pages.countItems = countArray;
    const HttpRequest r = request(QStringLiteral("/pipelines"),
        { { QStringLiteral("ref"), query.branch }, { QStringLiteral("sha"), query.commit },
            { QStringLiteral("per_page"), QString::number(perPage) } });
    m_http->getAllPages(r, pages, cancel,
        [project = m_source.project, limit = query.limit, done](Result<QList<HttpResponse>> responses) {
            if (!responses)
                return done(responses.error());
            QList<PipelineRun> runs;
            for (const HttpResponse &page : *responses) {
                auto parsed = GitLabJson::parsePipelines(page.body, project, page.url);
                if (!parsed)
                    return done(parsed.error());
                runs.append(*parsed);
            }
            if (limit > 0 && runs.size() > limit)
                runs.resize(limit);
            done(runs);
        });
}

void GitLabProvider::fetchRun(const QString &runId, const CancelToken &cancel, CiCallback<PipelineRun> done)
{
    if (failIfGone(m_http, done))
        return;
    m_http->get(request(QStringLiteral("/pipelines/") + runId), cancel,
        [this, runId, cancel, done](Result<HttpResponse> response) {
            if (!response)
                return done(response.error());
            auto run = GitLabJson::parsePipeline(response->body, m_source.project, response->url);
            if (!run)
                return done(run.error());
            if (failIfGone(m_http, done))
                return;
            PageOptions pages;
            pages.pageParam = QStringLiteral("page");
            pages.perPage = 100;
            pages.countItems = countArray;
            const HttpRequest jobs = request(QStringLiteral("/pipelines/%1/jobs").arg(runId),
                { { QStringLiteral("per_page"), QStringLiteral("100") } });
            m_http->getAllPages(
                jobs, pages, cancel, [run = *run, done](Result<QList<HttpResponse>> responses) mutable {
                    if (!responses)
                        return done(responses.error());
                    QList<QByteArray> bodies;
                    for (const HttpResponse &page : *responses)
                        bodies.append(page.body);
                    auto stages = GitLabJson::parseJobs(
                        bodies, responses->isEmpty() ? QUrl() : responses->first().url);
                    if (!stages)
                        return done(stages.error());
                    run.stages = *stages;
                    done(run);
                });
        });
}

void GitLabProvider::fetchJobLog(
    const PipelineRun &run, const QString &jobId, const CancelToken &cancel, CiCallback<QString> done)
{
    Q_UNUSED(run);
    if (failIfGone(m_http, done))
        return;
    HttpRequest r = request(QStringLiteral("/jobs/%1/trace").arg(jobId));
    r.useCache = false;
    m_http->get(r, cancel, [done](Result<HttpResponse> response) {
        if (!response)
            return done(response.error());
        done(QString::fromUtf8(response->body));
    });
}

void GitLabProvider::commitStatuses(
    const QStringList &commits, const CancelToken &cancel, CiCallback<QHash<QString, CommitStatus>> done)
{
    auto walk = std::make_shared<GitLabStatusWalk>();
    walk->commits = commits;
    walk->cancel = cancel;
    walk->done = std::move(done);
    nextCommitStatus(walk);
}

// The latest pipeline of each commit is its status.
void GitLabProvider::nextCommitStatus(std::shared_ptr<GitLabStatusWalk> walk)
{
    if (walk->next >= walk->commits.size())
        return walk->done(walk->result);
    if (failIfGone(m_http, walk->done))
        return;
    const QString sha = walk->commits.at(walk->next++);
    const HttpRequest r = request(QStringLiteral("/pipelines"),
        { { QStringLiteral("sha"), sha }, { QStringLiteral("per_page"), QStringLiteral("1") } });
    m_http->get(r, walk->cancel, [this, walk, sha](Result<HttpResponse> response) {
        if (!response)
            return walk->done(response.error());
        auto runs = GitLabJson::parsePipelines(response->body, m_source.project, response->url);
        if (!runs)
            return walk->done(runs.error());
        if (!runs->isEmpty())
            walk->result.insert(sha, CommitStatus { sha, runs->first().status, 1, runs->first().url });
        nextCommitStatus(walk);
    });
}

void GitLabProvider::fetchTestReport(const PipelineRun &run, const CancelToken &cancel,
    CiCallback<std::optional<testresults::TestReport>> done)
{
    if (failIfGone(m_http, done))
        return;
    m_http->get(request(QStringLiteral("/pipelines/%1/test_report").arg(run.id)), cancel,
        [done](Result<HttpResponse> response) {
            if (!response)
                return done(response.error());
            done(GitLabJson::parseTestReport(response->body, response->url));
        });
}

void GitLabProvider::fetchDeployments(
    const CiDeploymentQuery &query, const CancelToken &cancel, CiCallback<CiDeploymentListing> done)
{
    GitLabDeployments::fetch(
        m_http,
        [this](const QString &path, const QList<QPair<QString, QString>> &q) { return request(path, q); },
        m_source.project, query, cancel, std::move(done));
}

} // namespace devdash::ci

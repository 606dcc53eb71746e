#include "ci/JenkinsDeployments.h"

#include "ci/HttpClient.h"
#include "ci/HttpErrorText.h"
#include "ci/HttpResponse.h"
#include "ci/JenkinsJson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrlQuery>

#include <memory>

namespace devdash::ci {

namespace {

bool hasWildcard(const QString &text)
{
    return text.contains(QLatin1Char('*')) || text.contains(QLatin1Char('?'));
}

// One walk over the configured (environment, pattern) pairs, then over the jobs they name.
struct JobWalk
{
    QPointer<HttpClient> http;
    JenkinsSettings settings;
    CiDeploymentQuery query;
    CancelToken cancel;
    CiCallback<CiDeploymentListing> done;
    QList<QPair<QString, QString>> jobs; // (environment, job path) once patterns are resolved
    int nextPattern = 0;
    int nextJob = 0;
    CiDeploymentListing listing;
};

void add(CiDeploymentListing &into, const CiDeploymentListing &more)
{
    into.deployments.append(more.deployments);
    into.known += more.known;
    into.withoutCommit += more.withoutCommit;
}

void nextJob(const std::shared_ptr<JobWalk> &walk)
{
    if (walk->nextJob >= walk->jobs.size()) {
        walk->listing.environments.sort();
        return walk->done(walk->listing);
    }
    const auto [environment, jobPath] = walk->jobs.at(walk->nextJob++);
    if (!walk->listing.environments.contains(environment))
        walk->listing.environments << environment;
    const auto held = walk->query.heldRuns.constFind(jobPath);
    if (held != walk->query.heldRuns.constEnd()) {
        add(walk->listing, JenkinsDeployments::fromRuns(*held, environment, walk->query.finalIds));
        return nextJob(walk);
    }
    if (!walk->http)
        return walk->done(Error { QStringLiteral("the HTTP client is gone"), HttpCanceled });
    JenkinsSettings settings = walk->settings;
    settings.jobPath = jobPath;
    // The provider of that job reads its builds: the request CiPoller would make.
    auto provider = std::make_shared<JenkinsProvider>(walk->http.data(), settings);
    provider->listRuns(
        RunQuery {}, walk->cancel, [walk, provider, environment, jobPath](Result<QList<PipelineRun>> runs) {
            if (!runs && runs.error().code == HttpCanceled)
                return walk->done(runs.error());
            if (!runs) { // one deploy job failing: the other jobs' deployments still count
                walk->listing.failures
                    << QStringLiteral("job %1 (%2): %3").arg(jobPath, environment, runs.errorMessage());
                return nextJob(walk);
            }
            add(walk->listing, JenkinsDeployments::fromRuns(*runs, environment, walk->query.finalIds));
            nextJob(walk);
        });
}

void nextPattern(const std::shared_ptr<JobWalk> &walk)
{
    if (walk->nextPattern >= walk->query.jenkinsJobs.size())
        return nextJob(walk);
    const auto [environment, pattern] = walk->query.jenkinsJobs.at(walk->nextPattern++);
    if (!walk->query.environment.isEmpty() && environment != walk->query.environment)
        return nextPattern(walk);
    if (!hasWildcard(pattern)) {
        walk->jobs.append({ environment, pattern });
        return nextPattern(walk);
    }
    const qsizetype slash = pattern.lastIndexOf(QLatin1Char('/'));
    const QString folder = slash >= 0 ? pattern.left(slash) : QString();
    if (hasWildcard(folder))
        return walk->done(Error { QStringLiteral(
            "the Jenkins deploy job \"%1\" has a wildcard outside its last segment; only the job name may "
            "hold * or ? (e.g. \"deploy/prod*\")")
                                      .arg(pattern) });
    if (!walk->http)
        return walk->done(Error { QStringLiteral("the HTTP client is gone"), HttpCanceled });
    QString server = walk->settings.serverUrl;
    while (server.endsWith(QLatin1Char('/')))
        server.chop(1);
    QUrl url(
        server + (folder.isEmpty() ? QString() : JenkinsJson::jobPath(folder)) + QStringLiteral("/api/json"));
    QUrlQuery params;
    params.addQueryItem(QStringLiteral("tree"), QStringLiteral("jobs[name]"));
    url.setQuery(params);
    // The folder listing carries the same credentials and limits as any Jenkins request.
    JenkinsSettings settings = walk->settings;
    settings.jobPath = folder;
    HttpRequest request;
    request.url = url;
    request.service = QStringLiteral("Jenkins");
    request.credentialHint = QStringLiteral("JENKINS_USER and JENKINS_TOKEN (an API token from your Jenkins "
                                            "user's Security page), or the Jenkins token in the keychain");
    request.timeoutMs = settings.timeoutMs;
    request.caBundle = settings.caBundle;
    request.setHeader("Accept", "application/json");
    if (!settings.user.isEmpty() || !settings.token.isEmpty())
        request.setSecretHeader("Authorization",
            "Basic " + (settings.user + QLatin1Char(':') + settings.token).toUtf8().toBase64());
    request.credentialOrigin = QUrl(settings.serverUrl);
    walk->http->get(
        request, walk->cancel, [walk, environment, pattern, folder](Result<HttpResponse> response) {
            if (!response)
                return walk->done(response.error());
            auto names = JenkinsDeployments::matchJobs(
                response->body, pattern.mid(folder.isEmpty() ? 0 : folder.size() + 1), response->url);
            if (!names)
                return walk->done(names.error());
            for (const QString &name : std::as_const(*names))
                walk->jobs.append(
                    { environment, folder.isEmpty() ? name : folder + QLatin1Char('/') + name });
            nextPattern(walk);
        });
}

} // namespace

std::optional<CiDeploymentStatus> JenkinsDeployments::statusOf(RunStatus status)
{
    switch (status) {
    case RunStatus::Success:
        return CiDeploymentStatus::Success;
    case RunStatus::Failed:
    case RunStatus::Canceled:
        return CiDeploymentStatus::Failure;
    case RunStatus::Queued:
    case RunStatus::Running:
    case RunStatus::Manual:
        return CiDeploymentStatus::InProgress;
    case RunStatus::Skipped:
        return std::nullopt;
    }
    return std::nullopt;
}

CiDeploymentListing JenkinsDeployments::fromRuns(
    const QList<PipelineRun> &runs, const QString &environment, const QSet<QString> &finalIds)
{
    static const QRegularExpression fullId(QStringLiteral("^[0-9a-f]{40}$"));
    CiDeploymentListing listing;
    listing.environments << environment;
    for (const PipelineRun &run : runs) {
        const auto status = statusOf(run.status);
        // A build waiting in the queue has not started deploying anything yet.
        if (!status || run.status == RunStatus::Queued)
            continue;
        if (!fullId.match(run.commit).hasMatch()) {
            ++listing.withoutCommit;
            continue;
        }
        CiDeployment d;
        d.provider = QStringLiteral("jenkins");
        d.project = run.project;
        d.id = run.url; // a build's URL names it on its server for good
        d.environment = environment;
        d.commit = run.commit;
        d.status = *status;
        d.at = run.finishedAt.isValid() ? run.finishedAt : run.startedAt;
        d.url = run.url;
        d.ref = run.branch;
        if (d.id.isEmpty() || !d.at.isValid())
            continue;
        if (d.isFinal() && finalIds.contains(d.id)) {
            ++listing.known;
            continue;
        }
        listing.deployments.append(d);
    }
    return listing;
}

Result<QStringList> JenkinsDeployments::matchJobs(
    const QByteArray &json, const QString &pattern, const QUrl &origin)
{
    auto doc = HttpErrorText::parseJson(json, origin);
    if (!doc)
        return Error { doc.error().message, HttpMalformed };
    const QRegularExpression re(QRegularExpression::wildcardToRegularExpression(
        pattern, QRegularExpression::UnanchoredWildcardConversion));
    const QRegularExpression anchored(QRegularExpression::anchoredPattern(re.pattern()));
    QStringList names;
    for (const QJsonValue &job : doc->object().value(QLatin1String("jobs")).toArray()) {
        const QString name = job.toObject().value(QLatin1String("name")).toString();
        if (!name.isEmpty() && anchored.match(name).hasMatch())
            names << name;
    }
    names.sort();
    return names;
}

void JenkinsDeployments::fetch(QPointer<HttpClient> http, const JenkinsSettings &settings,
    const CiDeploymentQuery &query, const CancelToken &cancel, CiCallback<CiDeploymentListing> done)
{
    auto walk = std::make_shared<JobWalk>();
    walk->http = http;
    walk->settings = settings;
    walk->query = query;
    walk->cancel = cancel;
    walk->done = std::move(done);
    nextPattern(walk);
}

} // namespace devdash::ci

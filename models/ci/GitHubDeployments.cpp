#include "ci/GitHubDeployments.h"

#include "common/InputLimits.h"

#include "ci/HttpClient.h"
#include "ci/HttpErrorText.h"
#include "ci/HttpResponse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

namespace devdash::ci {

namespace {

QDateTime utc(const QJsonValue &value)
{
    QDateTime t = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : QDateTime();
}

// Deployments are numbers in GitHub's JSON; ids are kept as text.
QString idText(const QJsonValue &value)
{
    return value.isDouble() ? QString::number(InputLimits::jsonInteger(value.toDouble())) : value.toString();
}

// The state of one walk over the listed deployments' statuses.
struct StatusWalk
{
    QPointer<HttpClient> http;
    GitHubDeployments::RequestFactory request;
    CancelToken cancel;
    CiCallback<CiDeploymentListing> done;
    CiDeploymentListing listing;
    QList<CiDeployment> pending; // waiting for their statuses
    int next = 0;
};

void nextStatus(const std::shared_ptr<StatusWalk> &walk)
{
    if (walk->next >= walk->pending.size())
        return walk->done(walk->listing);
    if (!walk->http)
        return walk->done(Error { QStringLiteral("the HTTP client is gone"), HttpCanceled });
    const int index = walk->next++;
    const HttpRequest r
        = walk->request(QStringLiteral("/deployments/%1/statuses").arg(walk->pending.at(index).id),
            { { QStringLiteral("per_page"), QStringLiteral("100") } });
    walk->http->get(r, walk->cancel, [walk, index](Result<HttpResponse> response) {
        if (!response && response.error().code == HttpCanceled)
            return walk->done(response.error());
        CiDeployment deployment = walk->pending.at(index);
        // One deployment whose statuses fail (gone between the listing and now, a
        // malformed answer) is reported as such; the others still count.
        const auto failed = [&](const QString &why) {
            walk->listing.failures
                << QStringLiteral("deployment %1 (%2): %3").arg(deployment.id, deployment.environment, why);
            nextStatus(walk);
        };
        if (!response)
            return failed(response.errorMessage());
        if (auto applied = GitHubDeployments::applyStatuses(deployment, response->body, response->url);
            !applied)
            return failed(applied.errorMessage());
        walk->listing.deployments.append(deployment);
        nextStatus(walk);
    });
}

} // namespace

std::optional<CiDeploymentStatus> GitHubDeployments::statusFromState(const QString &state)
{
    if (state == QLatin1String("success") || state == QLatin1String("inactive"))
        return CiDeploymentStatus::Success;
    if (state == QLatin1String("failure") || state == QLatin1String("error"))
        return CiDeploymentStatus::Failure;
    if (state == QLatin1String("in_progress") || state == QLatin1String("queued")
        || state == QLatin1String("pending"))
        return CiDeploymentStatus::InProgress;
    return std::nullopt;
}

Result<QList<CiDeployment>> GitHubDeployments::parseDeployments(
    const QByteArray &json, const QString &project, const QUrl &origin)
{
    auto doc = HttpErrorText::parseJson(json, origin);
    if (!doc)
        return Error { doc.error().message, HttpMalformed };
    if (!doc->isArray())
        return Error { QStringLiteral("GitHub answered %1 with something other than a list of deployments")
                           .arg(HttpErrorText::displayUrl(origin)),
            HttpMalformed };
    QList<CiDeployment> deployments;
    for (const QJsonValue &v : doc->array()) {
        const QJsonObject o = v.toObject();
        CiDeployment d;
        d.provider = QStringLiteral("github");
        d.project = project;
        d.id = idText(o.value(QLatin1String("id")));
        d.environment = o.value(QLatin1String("environment")).toString();
        d.commit = o.value(QLatin1String("sha")).toString().toLower();
        d.ref = o.value(QLatin1String("ref")).toString();
        d.by = o.value(QLatin1String("creator")).toObject().value(QLatin1String("login")).toString();
        d.at = utc(o.value(QLatin1String("updated_at")));
        if (!d.at.isValid())
            d.at = utc(o.value(QLatin1String("created_at")));
        d.status = CiDeploymentStatus::InProgress;
        if (d.id.isEmpty() || d.environment.isEmpty())
            return Error { QStringLiteral("GitHub listed a deployment without id or environment at %1")
                               .arg(HttpErrorText::displayUrl(origin)),
                HttpMalformed };
        deployments.append(d);
    }
    return deployments;
}

Result<void> GitHubDeployments::applyStatuses(
    CiDeployment &deployment, const QByteArray &json, const QUrl &origin)
{
    auto doc = HttpErrorText::parseJson(json, origin);
    if (!doc)
        return Error { doc.error().message, HttpMalformed };
    if (!doc->isArray())
        return Error { QStringLiteral("GitHub answered %1 with something other than a list of statuses")
                           .arg(HttpErrorText::displayUrl(origin)),
            HttpMalformed };
    // The latest status by time (GitHub lists newest first; ties: the larger id).
    // "inactive" only says a later deployment superseded this one: the status
    // before it tells how and when this one finished.
    const QJsonArray all = doc->array();
    bool onlyInactive = true;
    for (const QJsonValue &v : all)
        onlyInactive = onlyInactive
            && v.toObject().value(QLatin1String("state")).toString() == QLatin1String("inactive");
    QJsonObject latest;
    QDateTime latestAt;
    qint64 latestId = -1;
    for (const QJsonValue &v : all) {
        const QJsonObject o = v.toObject();
        if (!onlyInactive && o.value(QLatin1String("state")).toString() == QLatin1String("inactive"))
            continue;
        const QDateTime at = utc(o.value(QLatin1String("created_at")));
        const qint64 id = InputLimits::jsonInteger(o.value(QLatin1String("id")).toDouble());
        if (latest.isEmpty() || at > latestAt || (at == latestAt && id > latestId)) {
            latest = o;
            latestAt = at;
            latestId = id;
        }
    }
    if (latest.isEmpty())
        return {}; // no status yet: still in progress (pending)
    const QString state = latest.value(QLatin1String("state")).toString();
    const auto status = statusFromState(state);
    if (!status)
        return Error { QStringLiteral("GitHub reported an unknown deployment state \"%1\" at %2")
                           .arg(state, HttpErrorText::displayUrl(origin)),
            HttpMalformed };
    deployment.status = *status;
    if (latestAt.isValid())
        deployment.at = latestAt;
    for (const char *key : { "log_url", "target_url", "environment_url" }) {
        const QString url = latest.value(QLatin1String(key)).toString();
        if (!url.isEmpty()) {
            deployment.url = url;
            break;
        }
    }
    return {};
}

void GitHubDeployments::fetch(QPointer<HttpClient> http, RequestFactory request, const QString &project,
    const CiDeploymentQuery &query, const CancelToken &cancel, CiCallback<CiDeploymentListing> done)
{
    if (!http)
        return done(Error { QStringLiteral("the HTTP client is gone"), HttpCanceled });
    PageOptions pages;
    pages.pageParam = QStringLiteral("page");
    pages.perPage = 100;
    pages.countItems
        = [](const QByteArray &body) { return int(QJsonDocument::fromJson(body).array().size()); };
    const HttpRequest r = request(QStringLiteral("/deployments"),
        { { QStringLiteral("environment"), query.environment },
            { QStringLiteral("per_page"), QStringLiteral("100") } });
    http->getAllPages(r, pages, cancel,
        [http, request, project, query, cancel, done](Result<QList<HttpResponse>> responses) {
            if (!responses)
                return done(responses.error());
            auto walk = std::make_shared<StatusWalk>();
            walk->http = http;
            walk->request = request;
            walk->cancel = cancel;
            walk->done = done;
            for (const HttpResponse &page : *responses) {
                auto parsed = parseDeployments(page.body, project, page.url);
                if (!parsed)
                    return done(parsed.error());
                for (const CiDeployment &d : std::as_const(*parsed)) {
                    if (query.finalIds.contains(d.id))
                        ++walk->listing.known;
                    else
                        walk->pending.append(d);
                }
            }
            QStringList environments;
            for (const CiDeployment &d : std::as_const(walk->pending))
                if (!environments.contains(d.environment))
                    environments << d.environment;
            environments.sort();
            walk->listing.environments = environments;
            nextStatus(walk);
        });
}

} // namespace devdash::ci

#include "ci/GitLabDeployments.h"

#include "common/InputLimits.h"

#include "ci/HttpClient.h"
#include "ci/HttpErrorText.h"
#include "ci/HttpResponse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace devdash::ci {

namespace {

QDateTime utc(const QJsonValue &value)
{
    QDateTime t = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : QDateTime();
}

Result<QJsonArray> array(const QByteArray &json, const QUrl &origin, const QString &what)
{
    auto doc = HttpErrorText::parseJson(json, origin);
    if (!doc)
        return Error { doc.error().message, HttpMalformed };
    if (!doc->isArray())
        return Error { QStringLiteral("GitLab answered %1 with something other than a list of %2")
                           .arg(HttpErrorText::displayUrl(origin), what),
            HttpMalformed };
    return doc->array();
}

PageOptions allPages()
{
    PageOptions pages;
    pages.pageParam = QStringLiteral("page");
    pages.perPage = 100;
    pages.countItems
        = [](const QByteArray &body) { return int(QJsonDocument::fromJson(body).array().size()); };
    return pages;
}

} // namespace

std::optional<CiDeploymentStatus> GitLabDeployments::statusFromName(const QString &status)
{
    if (status == QLatin1String("success"))
        return CiDeploymentStatus::Success;
    if (status == QLatin1String("failed") || status == QLatin1String("canceled"))
        return CiDeploymentStatus::Failure;
    if (status == QLatin1String("created") || status == QLatin1String("running")
        || status == QLatin1String("blocked"))
        return CiDeploymentStatus::InProgress;
    return std::nullopt;
}

Result<QList<CiDeployment>> GitLabDeployments::parseDeployments(
    const QByteArray &json, const QString &project, const QUrl &origin)
{
    auto items = array(json, origin, QStringLiteral("deployments"));
    if (!items)
        return items.error();
    QList<CiDeployment> deployments;
    for (const QJsonValue &v : std::as_const(*items)) {
        const QJsonObject o = v.toObject();
        const auto status = statusFromName(o.value(QLatin1String("status")).toString());
        if (!status)
            continue;
        CiDeployment d;
        d.provider = QStringLiteral("gitlab");
        d.project = project;
        const QJsonValue id = o.value(QLatin1String("id"));
        d.id = id.isDouble() ? QString::number(InputLimits::jsonInteger(id.toDouble())) : id.toString();
        d.environment
            = o.value(QLatin1String("environment")).toObject().value(QLatin1String("name")).toString();
        d.commit = o.value(QLatin1String("sha")).toString().toLower();
        d.ref = o.value(QLatin1String("ref")).toString();
        d.by = o.value(QLatin1String("user")).toObject().value(QLatin1String("username")).toString();
        d.status = *status;
        d.at = utc(o.value(QLatin1String("finished_at")));
        if (!d.at.isValid() || !d.isFinal())
            d.at = utc(o.value(QLatin1String("updated_at")));
        if (!d.at.isValid())
            d.at = utc(o.value(QLatin1String("created_at")));
        d.url = o.value(QLatin1String("deployable")).toObject().value(QLatin1String("web_url")).toString();
        if (d.id.isEmpty() || d.environment.isEmpty())
            return Error { QStringLiteral("GitLab listed a deployment without id or environment at %1")
                               .arg(HttpErrorText::displayUrl(origin)),
                HttpMalformed };
        deployments.append(d);
    }
    return deployments;
}

Result<QStringList> GitLabDeployments::parseEnvironments(const QByteArray &json, const QUrl &origin)
{
    auto items = array(json, origin, QStringLiteral("environments"));
    if (!items)
        return items.error();
    QStringList names;
    for (const QJsonValue &v : std::as_const(*items)) {
        const QString name = v.toObject().value(QLatin1String("name")).toString();
        if (!name.isEmpty() && !names.contains(name))
            names << name;
    }
    return names;
}

void GitLabDeployments::fetch(QPointer<HttpClient> http, RequestFactory request, const QString &project,
    const CiDeploymentQuery &query, const CancelToken &cancel, CiCallback<CiDeploymentListing> done)
{
    if (!http)
        return done(Error { QStringLiteral("the HTTP client is gone"), HttpCanceled });
    const HttpRequest r = request(QStringLiteral("/deployments"),
        { { QStringLiteral("order_by"), QStringLiteral("updated_at") },
            { QStringLiteral("sort"), QStringLiteral("desc") },
            { QStringLiteral("updated_after"),
                query.updatedAfter.isValid() ? query.updatedAfter.toUTC().toString(Qt::ISODate) : QString() },
            { QStringLiteral("environment"), query.environment },
            { QStringLiteral("per_page"), QStringLiteral("100") } });
    http->getAllPages(r, allPages(), cancel,
        [http, request, project, query, cancel, done](Result<QList<HttpResponse>> responses) {
            if (!responses)
                return done(responses.error());
            CiDeploymentListing listing;
            for (const HttpResponse &page : *responses) {
                auto parsed = parseDeployments(page.body, project, page.url);
                if (!parsed)
                    return done(parsed.error());
                for (const CiDeployment &d : std::as_const(*parsed)) {
                    if (query.finalIds.contains(d.id) && d.isFinal())
                        ++listing.known;
                    else
                        listing.deployments.append(d);
                }
            }
            if (!http)
                return done(Error { QStringLiteral("the HTTP client is gone"), HttpCanceled });
            http->getAllPages(request(QStringLiteral("/environments"),
                                  { { QStringLiteral("per_page"), QStringLiteral("100") } }),
                allPages(), cancel, [listing, done](Result<QList<HttpResponse>> environments) mutable {
                    if (!environments)
                        return done(environments.error());
                    for (const HttpResponse &page : *environments) {
                        auto names = parseEnvironments(page.body, page.url);
                        if (!names)
                            return done(names.error());
                        for (const QString &name : std::as_const(*names))
                            if (!listing.environments.contains(name))
                                listing.environments << name;
                    }
                    listing.environments.sort();
                    done(listing);
                });
        });
}

} // namespace devdash::ci

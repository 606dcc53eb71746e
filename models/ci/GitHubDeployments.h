#pragma once

// GitHub deployments and deployment statuses for GitHubProvider::fetchDeployments:
// `GET /repos/{o}/{r}/deployments?environment=&per_page=100` (every page), then,
// one at a time, `GET …/deployments/{id}/statuses` for each deployment that is new
// or not final yet. Everything goes through the HttpClient, so an unchanged
// listing is a 304 and a re-poll of finished deployments asks for no status.
//
// The latest status decides: success and inactive (superseded by a later
// deployment) → success; failure and error → failure; in_progress, queued,
// pending, or no status yet → in_progress.

#include "ci/CiDeployment.h"
#include "ci/CiProvider.h"
#include "ci/HttpRequest.h"
#include "common/Result.h"

#include <QPointer>

#include <functional>
#include <optional>

namespace devdash::ci {

class HttpClient;

class GitHubDeployments
{
public:
    // Builds a request for a path under /repos/{o}/{r} (GitHubProvider::request).
    using RequestFactory
        = std::function<HttpRequest(const QString &path, const QList<QPair<QString, QString>> &query)>;

    static void fetch(QPointer<HttpClient> http, RequestFactory request, const QString &project,
        const CiDeploymentQuery &query, const CancelToken &cancel, CiCallback<CiDeploymentListing> done);

    // One page of the deployments listing; each comes back in progress, timed by
    // its creation, until its statuses say more.
    static Result<QList<CiDeployment>> parseDeployments(
        const QByteArray &json, const QString &project, const QUrl &origin);
    // Applies the latest of a deployment's statuses (a listing page) to it.
    static Result<void> applyStatuses(CiDeployment &deployment, const QByteArray &json, const QUrl &origin);
    // nullopt for a state GitHub does not document.
    static std::optional<CiDeploymentStatus> statusFromState(const QString &state);
};

} // namespace devdash::ci

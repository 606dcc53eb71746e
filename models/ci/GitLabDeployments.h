#pragma once

// GitLab deployments and environments for GitLabProvider::fetchDeployments:
// `GET /projects/:id/deployments?order_by=updated_at&sort=desc&updated_after=…`
// (every page; the status is part of the listing, so nothing else is asked per
// deployment) and `GET /projects/:id/environments`. Through the HttpClient: an
// unchanged project answers 304s.
//
// status success → success; failed and canceled (the environment was left in an
// unknown state) → failure; created, running, blocked (waiting for approval) →
// in_progress. Skipped deployments never ran and are left out.

#include "ci/CiDeployment.h"
#include "ci/CiProvider.h"
#include "ci/HttpRequest.h"
#include "common/Result.h"

#include <QPointer>

#include <functional>
#include <optional>

namespace devdash::ci {

class HttpClient;

class GitLabDeployments
{
public:
    // Builds a request for a path under /projects/:id (GitLabProvider::request).
    using RequestFactory
        = std::function<HttpRequest(const QString &path, const QList<QPair<QString, QString>> &query)>;

    static void fetch(QPointer<HttpClient> http, RequestFactory request, const QString &project,
        const CiDeploymentQuery &query, const CancelToken &cancel, CiCallback<CiDeploymentListing> done);

    static Result<QList<CiDeployment>> parseDeployments(
        const QByteArray &json, const QString &project, const QUrl &origin);
    static Result<QStringList> parseEnvironments(const QByteArray &json, const QUrl &origin);
    // nullopt: not a delivery (skipped) or a status GitLab does not document.
    static std::optional<CiDeploymentStatus> statusFromName(const QString &status);
};

} // namespace devdash::ci

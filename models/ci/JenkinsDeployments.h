#pragma once

// Deployments from Jenkins: the builds of deploy jobs, named per environment by a
// job path whose last segment may hold wildcards (`.devdash.json` environments'
// "jenkins_job", e.g. "deploy/prod*"). A wildcard is resolved by one listing of
// the folder (`/job/deploy/api/json?tree=jobs[name]`); the builds of each job are
// read exactly as JenkinsProvider::listRuns reads them — the same request, so the
// same cache entry (a 304 when nothing changed) — or taken from runs already held
// (CiPoller) without any request.
//
// success → success; failed (FAILURE, UNSTABLE) and canceled (ABORTED) → failure;
// queued or running → in_progress; skipped (NOT_BUILT) is left out. A build whose
// commit Jenkins does not report (no git checkout) cannot be placed in the history
// and is counted in `withoutCommit`.

#include "ci/CiDeployment.h"
#include "ci/CiProvider.h"
#include "ci/JenkinsProvider.h"

#include <QPointer>

#include <optional>

namespace devdash::ci {

class HttpClient;

class JenkinsDeployments
{
public:
    static void fetch(QPointer<HttpClient> http, const JenkinsSettings &settings,
        const CiDeploymentQuery &query, const CancelToken &cancel, CiCallback<CiDeploymentListing> done);

    // The deployments of one environment among a deploy job's runs (e.g. the runs
    // CiPoller holds); `known` counts the final ones in `finalIds`.
    static CiDeploymentListing fromRuns(
        const QList<PipelineRun> &runs, const QString &environment, const QSet<QString> &finalIds = {});
    static std::optional<CiDeploymentStatus> statusOf(RunStatus status);
    // The names in a folder listing (`api/json?tree=jobs[name]`) matching `pattern`.
    static Result<QStringList> matchJobs(const QByteArray &json, const QString &pattern, const QUrl &origin);
};

} // namespace devdash::ci

#pragma once

// Deployments from the CI providers into DevDash's store: every `ci` source of a
// repository that reports deployments (GitHub, GitLab, Jenkins deploy jobs) is
// asked through the provider layer of models/ci — the same HttpClient, so the
// same ETag cache — and what it reports is stored with DeploymentStore::add
// (source "github"/"gitlab"/"jenkins", external id = the provider's deployment id
// or the build's URL: a later status updates the stored deployment in place).
//
// Nothing is fetched twice: deployments already stored with a final status get no
// status request (GitHub), GitLab is asked only for what was updated since the
// latest stored deployment (a stable `updated_after`, so a re-poll is a 304), and
// Jenkins runs already held (CiPoller) are mapped without a request.
//
// Jenkins deploy jobs are named per environment in `.devdash.json`:
//   { "environments": [ { "name": "production", "jenkins_job": "deploy/prod*" },
//                       { "name": "staging", "jenkins_job": ["deploy/staging", "deploy/qa-*"] } ] }

#include "Deployment.h"
#include "DeploymentStore.h"
#include "ci/CiConfig.h"
#include "ci/CiDeployment.h"
#include "common/CancelToken.h"
#include "common/Result.h"

#include <QJsonObject>
#include <QObject>
#include <QPair>

#include <functional>

namespace devdash::ci {
class CiPoller;
class HttpClient;
} // namespace devdash::ci
namespace devdash::store {
struct StoreLocation;
}

namespace devdash::deploy {

struct CiDeploymentSummary
{
    int sources = 0; // CI sources asked
    int fetched = 0; // deployments reported new, changed or unfinished
    int added = 0;
    int updated = 0;
    int unchanged = 0;
    int known = 0; // already stored as final: not asked again
    int withoutCommit = 0; // reported without a full commit id: not stored
    QStringList environments; // environments the providers know, sorted
    // What failed to load while the rest was stored: a source ("github o/r: why")
    // or one deployment of it. Empty when everything loaded.
    QStringList failures;
    QStringList notices; // e.g. credentials withheld from a host of an untrusted repository
};

class CiDeploymentImport
{
public:
    static Deployment toDeployment(const ci::CiDeployment &deployment);
    // `environments[].jenkins_job` of `.devdash.json`: (environment, job path pattern).
    static Result<QList<QPair<QString, QString>>> jenkinsDeployJobs(
        const QJsonObject &root, const QString &fileName);
    // What to ask a provider, given what is stored already.
    static ci::CiDeploymentQuery queryFor(const QString &provider, const QList<Deployment> &stored);

    // Asks every source of `config` and stores what they report. Blocks while
    // running the event loop: for the CLI and worker threads only (never the GUI
    // thread). `heldRuns`: Jenkins job path → runs already fetched.
    static Result<CiDeploymentSummary> fetchAndStore(const store::Database &db, const QString &repoPath,
        const ci::CiConfig &config, ci::HttpClient &http, const QString &environment = {},
        const CancelToken &cancel = {}, const QHash<QString, QList<ci::PipelineRun>> &heldRuns = {});
    // The same for `.devdash.json`'s sources with command-line overrides.
    static Result<CiDeploymentSummary> fetchAndStore(const store::Database &db, const QString &repoPath,
        const ci::CiOverrides &overrides, ci::HttpClient &http, const QString &environment = {},
        const CancelToken &cancel = {});

    // The window's hook (Deployments page, poller): the same on a worker thread,
    // with its own store connection and HTTP client (the user's disk cache);
    // `done` runs on the thread of `context`, unless `context` is gone.
    static void importInBackground(QObject *context, const store::StoreLocation &location,
        const QString &repoPath, const CancelToken &cancel,
        std::function<void(Result<CiDeploymentSummary>)> done,
        const QHash<QString, QList<ci::PipelineRun>> &heldRuns = {});
    // The runs the poller holds for its Jenkins watches, by job path: pass them as
    // `heldRuns` so that a deploy job it watches costs no request.
    static QHash<QString, QList<ci::PipelineRun>> heldJenkinsRuns(const ci::CiPoller &poller);
};

} // namespace devdash::deploy

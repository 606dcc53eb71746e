#include "CiDeploymentImport.h"

#include "ci/CiCredentials.h"
#include "ci/CiPoller.h"
#include "ci/CiProviderRegistry.h"
#include "ci/HttpClient.h"
#include "common/Background.h"
#include "config/ProjectConfig.h"
#include "git/Repository.h"
#include "store/Database.h"
#include "store/StoreLocation.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>
#include <memory>

namespace devdash::deploy {

namespace {

DeploymentStatus statusOf(ci::CiDeploymentStatus status)
{
    switch (status) {
    case ci::CiDeploymentStatus::Success:
        return DeploymentStatus::Success;
    case ci::CiDeploymentStatus::Failure:
        return DeploymentStatus::Failure;
    case ci::CiDeploymentStatus::InProgress:
        return DeploymentStatus::InProgress;
    }
    return DeploymentStatus::InProgress;
}

Result<QString> workTree(const QString &repoPath)
{
    auto repository = git::Repository::open(repoPath);
    if (!repository)
        return repository.error();
    return repository->isBare() ? repository->gitDir() : repository->workDir();
}

} // namespace

Deployment CiDeploymentImport::toDeployment(const ci::CiDeployment &d)
{
    Deployment deployment;
    deployment.environment = d.environment;
    deployment.commit = d.commit;
    deployment.status = statusOf(d.status);
    deployment.at = d.at.toUTC();
    deployment.url = d.url;
    deployment.by = d.by;
    deployment.source = d.provider;
    deployment.externalId = d.id;
    // A tag deployed is a version; a branch name is not.
    if (d.ref.startsWith(QLatin1String("refs/tags/")))
        deployment.version = d.ref.mid(10);
    return deployment;
}

Result<QList<QPair<QString, QString>>> CiDeploymentImport::jenkinsDeployJobs(
    const QJsonObject &root, const QString &fileName)
{
    QList<QPair<QString, QString>> jobs;
    const QJsonValue environments = root.value(QLatin1String("environments"));
    if (!environments.isArray())
        return jobs;
    for (const QJsonValue &v : environments.toArray()) {
        const QJsonObject o = v.toObject();
        const QString name = o.value(QLatin1String("name")).toString().trimmed();
        const QJsonValue job = o.value(QLatin1String("jenkins_job"));
        QStringList patterns;
        if (job.isString())
            patterns << job.toString().trimmed();
        else if (job.isArray())
            for (const QJsonValue &p : job.toArray())
                patterns << p.toString().trimmed();
        else if (!job.isUndefined() && !job.isNull())
            return Error { QStringLiteral(
                "%1: \"jenkins_job\" of environment \"%2\" should be a job path or a "
                "list of job paths, e.g. \"deploy/prod*\".")
                               .arg(fileName, name) };
        patterns.removeAll(QString());
        if (!patterns.isEmpty() && name.isEmpty())
            return Error {
                QStringLiteral("%1: an environment with \"jenkins_job\" needs a \"name\".").arg(fileName)
            };
        for (const QString &pattern : std::as_const(patterns))
            jobs.append({ name, pattern });
    }
    return jobs;
}

ci::CiDeploymentQuery CiDeploymentImport::queryFor(const QString &provider, const QList<Deployment> &stored)
{
    ci::CiDeploymentQuery query;
    QDateTime latest;
    QDateTime oldestUnfinished;
    for (const Deployment &d : stored) {
        if (d.source != provider || d.externalId.isEmpty())
            continue;
        if (d.status == DeploymentStatus::InProgress) {
            if (!oldestUnfinished.isValid() || d.at < oldestUnfinished)
                oldestUnfinished = d.at;
        } else {
            query.finalIds.insert(d.externalId);
        }
        if (!latest.isValid() || d.at > latest)
            latest = d.at;
    }
    // GitLab: what changed since the latest stored deployment, or since the oldest
    // one still running — the same value while nothing changes, so a 304.
    query.updatedAfter = oldestUnfinished.isValid() && oldestUnfinished < latest ? oldestUnfinished : latest;
    if (query.updatedAfter.isValid())
        query.updatedAfter = query.updatedAfter.addSecs(-1);
    return query;
}

Result<CiDeploymentSummary> CiDeploymentImport::fetchAndStore(const store::Database &db,
    const QString &repoPath, const ci::CiConfig &config, ci::HttpClient &http, const QString &environment,
    const CancelToken &cancel, const QHash<QString, QList<ci::PipelineRun>> &heldRuns)
{
    static const QRegularExpression fullId(QStringLiteral("^[0-9a-f]{40}$"));
    auto root = workTree(repoPath);
    if (!root)
        return root.error();
    auto project = config::ProjectConfig::load(*root);
    if (!project)
        return project.error();
    auto jenkinsJobs = jenkinsDeployJobs(project->root(), project->file());
    if (!jenkinsJobs)
        return jenkinsJobs.error();
    auto key = DeploymentStore::repositoryKey(repoPath);
    if (!key)
        return key.error();
    DeploymentStore store(db);
    CiDeploymentSummary summary;
    int lastError = 0;
    for (const ci::CiSource &source : config.sources()) {
        if (source.provider == QLatin1String("jenkins") && jenkinsJobs->isEmpty())
            continue; // no deploy job configured: its builds are pipelines only
        auto stored = store.list(*key);
        if (!stored)
            return stored.error();
        ci::CiCredentials credentials;
        auto credential = ci::waitForResult<ci::CiCredential>(
            [&](ci::CiCallback<ci::CiCredential> done) { credentials.lookup(source, std::move(done)); });
        if (credential && credential->withheld)
            summary.notices << credentials.notice();
        // A keychain that cannot be read: anonymous (a public project needs no more);
        // the reason is told only when the server refuses.
        const QString keychainNote = credentials.keychainNote(credential);
        auto created
            = ci::CiProviderRegistry::create(&http, source, credential ? *credential : ci::CiCredential());
        if (!created)
            return created.error();
        std::unique_ptr<ci::CiProvider> provider(*created);
        if (!provider->providesDeployments())
            continue;
        ci::CiDeploymentQuery query = queryFor(source.provider, *stored);
        query.environment = environment;
        query.jenkinsJobs = *jenkinsJobs;
        query.heldRuns = heldRuns;
        auto listing
            = ci::waitForResult<ci::CiDeploymentListing>([&](ci::CiCallback<ci::CiDeploymentListing> done) {
                  provider->fetchDeployments(query, cancel, std::move(done));
              });
        if (!listing) {
            if (listing.error().code == ci::HttpCanceled)
                return listing.error();
            // One source failing does not hide the others' deployments.
            summary.failures << QStringLiteral("Could not fetch the deployments of %1 %2: %3")
                                    .arg(source.provider, source.project,
                                        ci::CiCredentials::withKeychainNote(listing.error(), keychainNote));
            lastError = listing.error().code;
            continue;
        }
        ++summary.sources;
        for (const QString &failure : std::as_const(listing->failures))
            summary.failures << QStringLiteral("%1 %2: %3").arg(source.provider, source.project, failure);
        summary.known += listing->known;
        summary.withoutCommit += listing->withoutCommit;
        for (const QString &name : std::as_const(listing->environments))
            if (!summary.environments.contains(name))
                summary.environments << name;
        QList<Deployment> deployments;
        for (const ci::CiDeployment &d : std::as_const(listing->deployments)) {
            if (!fullId.match(d.commit).hasMatch() || !d.at.isValid()) {
                ++summary.withoutCommit;
                continue;
            }
            deployments.append(toDeployment(d));
        }
        summary.fetched += int(deployments.size());
        if (deployments.isEmpty())
            continue;
        auto added = store.add(*key, deployments);
        if (!added)
            return added.error();
        summary.added += added->added;
        summary.updated += added->updated;
        summary.unchanged += added->unchanged;
    }
    summary.environments.sort();
    if (summary.sources == 0 && !summary.failures.isEmpty()) // nothing answered: a failure, not a part
        return Error { summary.failures.join(QStringLiteral("; ")), lastError };
    return summary;
}

Result<CiDeploymentSummary> CiDeploymentImport::fetchAndStore(const store::Database &db,
    const QString &repoPath, const ci::CiOverrides &overrides, ci::HttpClient &http,
    const QString &environment, const CancelToken &cancel)
{
    auto root = workTree(repoPath);
    if (!root)
        return root.error();
    auto config = ci::CiConfig::load(*root);
    if (!config)
        return config.error();
    auto configured = config->withOverrides(overrides);
    if (!configured)
        return configured.error();
    if (configured->sources().isEmpty())
        return Error { QStringLiteral(
            "No CI configured for %1: add {\"ci\": [{\"provider\": \"github\", "
            "\"project\": \"owner/repo\"}]} to %2, or pass --provider and --project.")
                           .arg(*root, configured->file()) };
    return fetchAndStore(db, repoPath, *configured, http, environment, cancel);
}

void CiDeploymentImport::importInBackground(QObject *context, const store::StoreLocation &location,
    const QString &repoPath, const CancelToken &cancel, std::function<void(Result<CiDeploymentSummary>)> done,
    const QHash<QString, QList<ci::PipelineRun>> &heldRuns)
{
    runInBackground(
        context,
        [location, repoPath, cancel, heldRuns]() -> Result<CiDeploymentSummary> {
            auto db = store::Database::open(location);
            if (!db)
                return db.error();
            ci::HttpClient http; // on this thread, with the user's disk cache
            auto root = workTree(repoPath);
            if (!root)
                return root.error();
            auto config = ci::CiConfig::load(*root);
            if (!config)
                return config.error();
            return fetchAndStore(*db, repoPath, *config, http, QString(), cancel, heldRuns);
        },
        std::move(done));
}

QHash<QString, QList<ci::PipelineRun>> CiDeploymentImport::heldJenkinsRuns(const ci::CiPoller &poller)
{
    QHash<QString, QList<ci::PipelineRun>> held;
    for (int id : poller.watchIds()) {
        const ci::CiWatchState state = poller.state(id);
        if (state.provider == QLatin1String("jenkins") && state.updatedAt.isValid())
            held.insert(state.project, state.runs);
    }
    return held;
}

} // namespace devdash::deploy

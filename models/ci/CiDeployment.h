#pragma once

// Deployments as the CI providers report them (GitHub deployments and their
// statuses, GitLab deployments, builds of Jenkins deploy jobs), in one neutral
// shape. models/deploy maps them onto deploy::Deployment and stores them; this
// folder never depends on models/deploy.

#include "ci/PipelineRun.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QPair>
#include <QSet>
#include <QString>
#include <QStringList>

namespace devdash::ci {

enum class CiDeploymentStatus { Success, Failure, InProgress };

// "success", "failure", "in_progress" (the deployments' own spelling).
inline QString ciDeploymentStatusName(CiDeploymentStatus status)
{
    switch (status) {
    case CiDeploymentStatus::Success: return QStringLiteral("success");
    case CiDeploymentStatus::Failure: return QStringLiteral("failure");
    case CiDeploymentStatus::InProgress: return QStringLiteral("in_progress");
    }
    return {};
}

struct CiDeployment
{
    QString provider; // "github", "gitlab", "jenkins"
    QString project; // the CI source's project (Jenkins: the deploy job's path)
    QString id; // the provider's deployment id; a Jenkins build's URL
    QString environment;
    QString commit; // full 40-hex id
    CiDeploymentStatus status = CiDeploymentStatus::InProgress;
    QDateTime at; // when it finished (UTC); while in progress, its latest update
    QString url; // its log or the environment's page
    QString by; // who started it
    QString ref; // the deployed ref (branch or tag), when the provider says

    bool isFinal() const { return status != CiDeploymentStatus::InProgress; }
};

// What to fetch, and what is known already so that nothing is fetched twice.
struct CiDeploymentQuery
{
    QString environment; // only this environment; empty: every one
    QDateTime updatedAfter; // GitLab `updated_after`; invalid: from the start
    // Provider ids already stored with a final status: GitHub fetches no statuses
    // for them, and they are not returned again.
    QSet<QString> finalIds;
    // Jenkins: (environment, job path) where the job path's last segment may hold
    // `*` and `?` wildcards ("deploy/prod*").
    QList<QPair<QString, QString>> jenkinsJobs;
    // Jenkins: runs of a job path already fetched (e.g. held by CiPoller): mapped
    // instead of fetched again.
    QHash<QString, QList<PipelineRun>> heldRuns;
};

struct CiDeploymentListing
{
    QList<CiDeployment> deployments; // new, changed or still in progress
    QStringList environments; // environments the provider knows (GitLab), sorted
    int known = 0; // skipped: already stored with a final status
    int withoutCommit = 0; // skipped: the provider does not say which commit
    // Deployments listed whose details (GitHub: statuses) failed to load: not stored
    // this time (asked again next time), the rest is. "deployment 12 (production): why".
    QStringList failures;
};

} // namespace devdash::ci

#pragma once

// One deployment of a commit to an environment, wherever it came from: recorded by
// a script (`devdash deploy record`), read from a git tag, or delivered by a CI
// provider (GitHub, GitLab, Jenkins). Times are UTC.

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace devdash::deploy {

enum class DeploymentStatus { Success = 0, Failure = 1, InProgress = 2 };

QString statusName(DeploymentStatus status); // "success", "failure", "in_progress"
std::optional<DeploymentStatus> statusFromName(const QString &name);

struct Deployment
{
    qint64 id = 0; // the store's id; 0 before it is stored
    QString environment; // "production"
    QString commit; // full 40-hex id
    DeploymentStatus status = DeploymentStatus::Success;
    QDateTime at; // when it finished (UTC)
    QString url;
    QString by; // who or what deployed it
    QString source; // "record", "tag", "github", "gitlab", "jenkins"
    QString version; // tag or release name, may be empty
    // The source's own id (a tag's full ref name, a provider's deployment id): the
    // same external id from the same source is one deployment, updated in place.
    // Empty: environment + commit + time identify the deployment.
    QString externalId;

    bool isSuccess() const { return status == DeploymentStatus::Success; }
    bool isFailure() const { return status == DeploymentStatus::Failure; }
    // What makes two deliveries of a deployment the same one (see DeploymentStore).
    QString dedupeKey() const;
};

// A deployment as the Deployments page and `devdash deployments` show it.
struct DeploymentRow
{
    Deployment deployment;
    // A deployment of a commit older than the one running before it (its commit is a
    // strict ancestor of the previous successful deployment's commit).
    bool rollback = false;
    // False when the commit is not in the repository (e.g. not fetched yet).
    bool commitKnown = true;
};

} // namespace devdash::deploy

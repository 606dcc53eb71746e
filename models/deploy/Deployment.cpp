#include "Deployment.h"

namespace devdash::deploy {

QString statusName(DeploymentStatus status)
{
    switch (status) {
    case DeploymentStatus::Success:
        return QStringLiteral("success");
    case DeploymentStatus::Failure:
        return QStringLiteral("failure");
    case DeploymentStatus::InProgress:
        return QStringLiteral("in_progress");
    }
    return {};
}

std::optional<DeploymentStatus> statusFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("success"))
        return DeploymentStatus::Success;
    if (n == QLatin1String("failure"))
        return DeploymentStatus::Failure;
    if (n == QLatin1String("in_progress"))
        return DeploymentStatus::InProgress;
    return std::nullopt;
}

QString Deployment::dedupeKey() const
{
    if (!externalId.isEmpty())
        return QStringLiteral("id:") + externalId;
    return QStringLiteral("at:%1|%2|%3").arg(environment, commit).arg(at.toMSecsSinceEpoch());
}

} // namespace devdash::deploy

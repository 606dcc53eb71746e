#include "DeployJson.h"

#include "common/JsonWriter.h"

#include <cmath>

namespace devdash::cli {

using namespace devdash::deploy;

namespace {

QJsonValue number(const std::optional<double> &v, int decimals = 4)
{
    if (!v)
        return QJsonValue(QJsonValue::Null);
    const double scale = std::pow(10.0, decimals);
    return std::round(*v * scale) / scale;
}

QJsonValue level(const std::optional<PerformanceLevel> &l)
{
    return l ? QJsonValue(levelName(*l)) : QJsonValue(QJsonValue::Null);
}

} // namespace

QString DeployJson::time(const QDateTime &t)
{
    return json::isoDateTime(t.toUTC());
}

QJsonObject DeployJson::deployment(const DeploymentRow &row)
{
    const Deployment &d = row.deployment;
    return QJsonObject {
        { QStringLiteral("id"), d.id },
        { QStringLiteral("environment"), d.environment },
        { QStringLiteral("commit"), d.commit },
        { QStringLiteral("status"), statusName(d.status) },
        { QStringLiteral("deployed_at"), time(d.at) },
        { QStringLiteral("url"), json::nullable(d.url.isEmpty() ? QString() : d.url) },
        { QStringLiteral("deployed_by"), json::nullable(d.by.isEmpty() ? QString() : d.by) },
        { QStringLiteral("source"), d.source },
        { QStringLiteral("version"), json::nullable(d.version.isEmpty() ? QString() : d.version) },
        { QStringLiteral("external_id"), json::nullable(d.externalId.isEmpty() ? QString() : d.externalId) },
        { QStringLiteral("rollback"), row.rollback },
        { QStringLiteral("commit_known"), row.commitKnown },
    };
}

QJsonObject DeployJson::dora(const DoraReport &r)
{
    QJsonObject frequency {
        { QStringLiteral("deployment_days_per_week"), number(r.frequency.deploymentDaysPerWeek) },
        { QStringLiteral("deployments"), r.frequency.deployments },
        { QStringLiteral("level"), levelName(r.frequency.level) },
    };
    QJsonObject lead {
        { QStringLiteral("median_hours"), number(r.leadTime.medianHours) },
        { QStringLiteral("changes"), r.leadTime.changes },
        { QStringLiteral("level"), level(r.leadTime.level) },
    };
    if (!r.leadTime.medianHours)
        lead.insert(QStringLiteral("note"),
            QStringLiteral("no commit reached %1 in the period: no sample").arg(r.environment));
    QJsonObject cfr {
        { QStringLiteral("rate"), number(r.failureRate.rate) },
        { QStringLiteral("failed"), r.failureRate.failed },
        { QStringLiteral("deployments"), r.failureRate.deployments },
        { QStringLiteral("level"), level(r.failureRate.level) },
    };
    if (!r.failureRate.rate)
        cfr.insert(QStringLiteral("note"),
            QStringLiteral("no deployment to %1 in the period: no sample").arg(r.environment));
    QJsonObject ttr {
        { QStringLiteral("median_hours"), number(r.timeToRestore.medianHours) },
        { QStringLiteral("incidents"), r.timeToRestore.incidents },
        { QStringLiteral("level"), level(r.timeToRestore.level) },
    };
    if (!r.timeToRestore.medianHours)
        ttr.insert(QStringLiteral("note"),
            r.timeToRestore.unrestored ? QStringLiteral(
                "%1 failed deployment(s) in the period not yet followed by a success: no sample")
                                             .arg(r.timeToRestore.unrestored)
                                       : QStringLiteral("no failed deployment in the period: no sample"));
    return QJsonObject {
        { QStringLiteral("environment"), r.environment },
        { QStringLiteral("from"), time(r.from) },
        { QStringLiteral("to"), time(r.to) },
        { QStringLiteral("deployment_frequency"), frequency },
        { QStringLiteral("lead_time_for_changes"), lead },
        { QStringLiteral("change_failure_rate"), cfr },
        { QStringLiteral("time_to_restore"), ttr },
    };
}

} // namespace devdash::cli

#include "SprintSummaries.h"

namespace devdash::deploy {

Result<SprintSummary> SprintSummaries::summarize(DeploymentHistory &history, const DeployConfig &config,
    const QStringList &environments, const Sprint &sprint)
{
    SprintSummary summary;
    summary.sprint = sprint;
    const qint64 from = sprint.from().toMSecsSinceEpoch(), to = sprint.to().toMSecsSinceEpoch();
    for (const QString &env : environments) {
        EnvironmentSprint es;
        es.environment = env;
        for (const DeploymentRow &row : history.rows(env)) {
            const qint64 t = row.deployment.at.toMSecsSinceEpoch();
            if (t < from || t >= to || row.deployment.status == DeploymentStatus::InProgress)
                continue;
            ++es.deployments;
            es.successful += row.deployment.isSuccess() ? 1 : 0;
            es.failed += row.deployment.isFailure() ? 1 : 0;
            es.rollbacks += row.rollback ? 1 : 0;
        }
        auto shipped = history.shipped(env, sprint.from(), sprint.to());
        if (!shipped)
            return shipped.error();
        es.shipped = *shipped;
        for (const ShippedCommit &c : es.shipped)
            for (const QString &key : config.issueKeys(c.message))
                if (!es.issueKeys.contains(key))
                    es.issueKeys << key;
        summary.environments.append(es);
    }
    return summary;
}

Result<QList<SprintSummary>> SprintSummaries::compute(DeploymentHistory &history, const DeployConfig &config,
    const QStringList &environments, const QDate &today)
{
    QList<SprintSummary> out;
    if (config.sprints.isEmpty())
        return out;
    QDate first, last;
    for (const DeploymentRow &row : history.rows()) {
        const QDate day = row.deployment.at.toUTC().date();
        if (!first.isValid() || day < first)
            first = day;
        if (!last.isValid() || day > last)
            last = day;
    }
    if (!first.isValid())
        return out;
    if (today.isValid() && today > last)
        last = today;
    for (const Sprint &sprint : config.sprints.sprintsBetween(first, last.addDays(1))) {
        auto summary = summarize(history, config, environments, sprint);
        if (!summary)
            return summary.error();
        out.append(*summary);
    }
    return out;
}

} // namespace devdash::deploy

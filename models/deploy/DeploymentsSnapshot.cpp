#include "DeploymentsSnapshot.h"

namespace devdash::deploy {

int DeploymentsSnapshot::defaultSprintIndex(const QList<SprintMetrics> &perSprint)
{
    // The current (latest) sprint when it has deployments, else the last one that has:
    // an empty current sprint reads "0 days/week — low" and says nothing.
    for (qsizetype i = perSprint.size(); i-- > 0;) {
        const DoraReport &dora = perSprint.at(i).dora;
        if (dora.failureRate.deployments > 0 || dora.frequency.deployments > 0)
            return int(i);
    }
    return int(perSprint.size()) - 1;
}

Result<DeploymentsSnapshot> DeploymentsSnapshot::build(const store::Database &db,
    const QString &repositoryPath, const SnapshotRequest &request, const CancelToken &cancel)
{
    auto loaded = DeploymentLoader::load(db, repositoryPath, cancel);
    if (!loaded)
        return loaded.error();
    DeploymentsSnapshot s;
    s.repositoryKey = loaded->repositoryKey;
    s.environments = loaded->environments;
    s.config = loaded->config;
    DeploymentHistory &history = loaded->history;
    s.timeline = history.rows();
    for (const QString &env : s.environments)
        if (const auto d = history.current(env))
            s.current.append(*d);

    // Sprints: the configured ones, else two weeks from the Monday of the first deployment.
    SprintCalendar calendar = s.config.sprints;
    s.sprintsConfigured = !calendar.isEmpty();
    const QDate today = QDateTime::currentDateTimeUtc().date();
    if (!s.timeline.isEmpty()) {
        const QDate first = s.timeline.first().deployment.at.toUTC().date();
        if (calendar.isEmpty())
            calendar = SprintCalendar::cadence(first.addDays(1 - first.dayOfWeek()), 14);
        const QDate last = std::max(today, s.timeline.last().deployment.at.toUTC().date());
        s.sprints = calendar.sprintsBetween(first, last.addDays(1));
    }

    s.environment = request.environment;
    if (s.environment.isEmpty() || !s.environments.contains(s.environment))
        s.environment = s.environments.contains(QStringLiteral("production")) ? QStringLiteral("production")
                                                                              : s.environments.value(0);
    if (!s.sprints.isEmpty() && !s.environment.isEmpty()) {
        for (const Sprint &sprint : std::as_const(s.sprints)) {
            auto dora = history.dora(s.environment, sprint.from(), sprint.to());
            if (!dora)
                return dora.error();
            s.perSprint.append({ sprint, *dora });
            if (cancel.isCancelled())
                return Error { QStringLiteral("cancelled") };
        }
        int index = defaultSprintIndex(s.perSprint);
        for (int i = 0; i < s.sprints.size(); ++i)
            if (s.sprints.at(i).number == request.sprint)
                index = i;
        s.dora = s.perSprint.at(index).dora;
        auto summary = SprintSummaries::summarize(history, s.config, s.environments, s.sprints.at(index));
        if (!summary)
            return summary.error();
        s.sprintSummary = *summary;
    }

    // Release diff: by default the environment listed before production (staging).
    s.diffBase = request.diffBase.isEmpty() ? s.environment : request.diffBase;
    s.diffEnvironment = request.diffEnvironment;
    if (s.diffEnvironment.isEmpty() || s.diffEnvironment == s.diffBase)
        for (const QString &env : std::as_const(s.environments))
            if (env != s.diffBase) {
                s.diffEnvironment = env;
                break;
            }
    const auto head = history.current(s.diffEnvironment);
    const auto base = history.current(s.diffBase);
    if (s.diffEnvironment.isEmpty() || s.diffEnvironment == s.diffBase) {
        s.diffMessage = QStringLiteral("A release diff needs two environments.");
    } else if (!head) {
        s.diffMessage = QStringLiteral("Nothing was deployed successfully to %1 yet.").arg(s.diffEnvironment);
    } else {
        auto diff = ReleaseDiff::compute(
            history.repository(), s.config, base ? base->commit : QString(), head->commit);
        if (diff)
            s.diff = *diff;
        else
            s.diffMessage = diff.errorMessage();
    }
    return s;
}

} // namespace devdash::deploy

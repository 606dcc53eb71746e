#include "DoraMetrics.h"

#include <algorithm>
#include <set>

namespace devdash::deploy {

QString levelName(PerformanceLevel level)
{
    switch (level) {
    case PerformanceLevel::Elite:
        return QStringLiteral("elite");
    case PerformanceLevel::High:
        return QStringLiteral("high");
    case PerformanceLevel::Medium:
        return QStringLiteral("medium");
    case PerformanceLevel::Low:
        return QStringLiteral("low");
    }
    return {};
}

std::optional<double> DoraMetrics::median(std::vector<double> values)
{
    if (values.empty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

PerformanceLevel DoraMetrics::frequencyLevel(double daysPerWeek, double daysPerMonth)
{
    if (daysPerWeek >= 3)
        return PerformanceLevel::Elite;
    if (daysPerWeek >= 1)
        return PerformanceLevel::High;
    if (daysPerMonth >= 1)
        return PerformanceLevel::Medium;
    return PerformanceLevel::Low;
}

PerformanceLevel DoraMetrics::leadTimeLevel(double hours)
{
    if (hours < 1)
        return PerformanceLevel::Elite;
    if (hours < 7 * 24)
        return PerformanceLevel::High;
    if (hours < 180 * 24)
        return PerformanceLevel::Medium;
    return PerformanceLevel::Low;
}

PerformanceLevel DoraMetrics::failureRateLevel(double rate)
{
    if (rate <= 0.05)
        return PerformanceLevel::Elite;
    if (rate <= 0.10)
        return PerformanceLevel::High;
    if (rate <= 0.15)
        return PerformanceLevel::Medium;
    return PerformanceLevel::Low;
}

PerformanceLevel DoraMetrics::restoreLevel(double hours)
{
    if (hours < 1)
        return PerformanceLevel::Elite;
    if (hours < 24)
        return PerformanceLevel::High;
    if (hours < 7 * 24)
        return PerformanceLevel::Medium;
    return PerformanceLevel::Low;
}

QString DoraMetrics::definition(const QString &metric)
{
    if (metric == QLatin1String("deployment_frequency"))
        return QStringLiteral(
            "Median, over the period's ISO weeks, of the number of distinct days (UTC) with at "
            "least one successful deployment; weeks without one count 0.");
    if (metric == QLatin1String("lead_time_for_changes"))
        return QStringLiteral(
            "Median, over every commit that reached the environment in the period, of the time "
            "from its author date to the first successful deployment containing it.");
    if (metric == QLatin1String("change_failure_rate"))
        return QStringLiteral("Failed deployments divided by all deployments (successful and failed) in the "
                              "period.");
    if (metric == QLatin1String("time_to_restore"))
        return QStringLiteral(
            "Median, over the failed deployments in the period, of the time from the failure to "
            "the next successful deployment of the same environment.");
    return {};
}

DoraReport DoraMetrics::compute(const Input &input, const QDateTime &from, const QDateTime &to)
{
    DoraReport report;
    report.environment = input.environment;
    report.from = from.toUTC();
    report.to = to.toUTC();
    const qint64 fromMs = from.toMSecsSinceEpoch();
    const qint64 toMs = to.toMSecsSinceEpoch();
    auto inPeriod = [&](const Deployment &d) {
        const qint64 t = d.at.toMSecsSinceEpoch();
        return t >= fromMs && t < toMs;
    };

    std::set<QDate> deploymentDays;
    std::vector<double> leadHours;
    std::vector<double> restoreHours;
    const auto &deployments = input.deployments;
    for (qsizetype i = 0; i < deployments.size(); ++i) {
        const Deployment &d = deployments.at(i);
        if (!inPeriod(d) || d.status == DeploymentStatus::InProgress)
            continue;
        ++report.failureRate.deployments;
        if (d.isSuccess()) {
            ++report.frequency.deployments;
            deploymentDays.insert(d.at.toUTC().date());
            if (size_t(i) < input.reachedAuthorTimes.size()) {
                const qint64 deployedS = d.at.toMSecsSinceEpoch();
                for (const qint64 authored : input.reachedAuthorTimes[size_t(i)])
                    leadHours.push_back(double(deployedS - authored * 1000) / 3600000.0);
            }
            continue;
        }
        ++report.failureRate.failed;
        // The next success of the environment, in the same order (ties: stored later).
        bool restored = false;
        for (qsizetype j = i + 1; j < deployments.size(); ++j) {
            if (deployments.at(j).isSuccess()) {
                restoreHours.push_back(
                    double(deployments.at(j).at.toMSecsSinceEpoch() - d.at.toMSecsSinceEpoch()) / 3600000.0);
                restored = true;
                break;
            }
        }
        if (!restored)
            ++report.timeToRestore.unrestored;
    }

    // Deployment days per ISO week and per calendar month overlapping [from, to).
    if (toMs > fromMs) {
        const QDate firstDay = report.from.date();
        const QDate lastDay = report.to.addMSecs(-1).date();
        std::vector<double> perWeek;
        for (QDate week = firstDay.addDays(1 - firstDay.dayOfWeek()); week <= lastDay;
             week = week.addDays(7)) {
            perWeek.push_back(double(std::distance(
                deploymentDays.lower_bound(week), deploymentDays.lower_bound(week.addDays(7)))));
        }
        std::vector<double> perMonth;
        for (QDate month(firstDay.year(), firstDay.month(), 1); month <= lastDay;
             month = month.addMonths(1)) {
            perMonth.push_back(double(std::distance(
                deploymentDays.lower_bound(month), deploymentDays.lower_bound(month.addMonths(1)))));
        }
        report.frequency.weeks = int(perWeek.size());
        report.frequency.deploymentDaysPerWeek = median(perWeek).value_or(0);
        report.frequency.deploymentDaysPerMonth = median(perMonth).value_or(0);
    }
    report.frequency.level
        = frequencyLevel(report.frequency.deploymentDaysPerWeek, report.frequency.deploymentDaysPerMonth);

    report.leadTime.changes = int(leadHours.size());
    report.leadTime.medianHours = median(std::move(leadHours));
    if (report.leadTime.medianHours)
        report.leadTime.level = leadTimeLevel(*report.leadTime.medianHours);

    if (report.failureRate.deployments > 0) {
        report.failureRate.rate = double(report.failureRate.failed) / report.failureRate.deployments;
        report.failureRate.level = failureRateLevel(*report.failureRate.rate);
    }

    report.timeToRestore.incidents = int(restoreHours.size());
    report.timeToRestore.medianHours = median(std::move(restoreHours));
    if (report.timeToRestore.medianHours)
        report.timeToRestore.level = restoreLevel(*report.timeToRestore.medianHours);
    return report;
}

} // namespace devdash::deploy

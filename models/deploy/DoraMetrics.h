#pragma once

// The four DORA metrics for the deployments to one environment in a period
// [from, to) — the ONLY place they are defined (the CLI, the page, the sprint
// report and the benchmark all call compute()):
//
// - deployment frequency: the median, over the ISO weeks (Monday–Sunday, UTC) that
//   overlap the period, of the number of distinct UTC days with at least one
//   successful deployment (a week without one counts 0); also the number of
//   successful deployments (DevLake counts deployment days, not deployments).
// - lead time for changes: the median, over every commit that reached the
//   environment in the period, of (the first successful deployment containing it −
//   the commit's author date). A commit reaches the environment with the first
//   successful deployment whose commit has it as an ancestor (CommitReach).
// - change failure rate: failed / (successful + failed) deployments in the period
//   (in-progress ones are not counted).
// - time to restore: the median, over the failed deployments in the period, of the
//   time from the failure to the next successful deployment of the same
//   environment (which may fall after the period); a failure not yet followed by a
//   success has no time to restore and is counted apart (unrestored).
//
// A median of an even count is the mean of the two middle values. All times are
// instants (UTC); author-date offsets and daylight saving time play no part.
//
// Performance levels: the State of DevOps benchmarks as Apache DevLake applies
// them in its DORA dashboard (devlake.apache.org/docs/Metrics/DeploymentFrequency,
// …/LeadTimeForChanges, …/CFR (2023 report), …/MTTR):
//   frequency: elite ≥ 3 median deployment days per week, high ≥ 1, medium ≥ 1
//              median deployment days per month, else low;
//   lead time: elite < 1 hour, high < 1 week, medium < 6 months (180 days), else low;
//   failure rate: elite ≤ 5 %, high ≤ 10 %, medium ≤ 15 %, else low;
//   time to restore: elite < 1 hour, high < 1 day, medium < 1 week, else low.

#include "Deployment.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace devdash::deploy {

enum class PerformanceLevel { Elite, High, Medium, Low };
QString levelName(PerformanceLevel level); // "elite", "high", "medium", "low"

struct DoraReport
{
    QString environment;
    QDateTime from; // inclusive, UTC
    QDateTime to; // exclusive, UTC

    struct Frequency
    {
        double deploymentDaysPerWeek = 0; // median over the period's ISO weeks
        double deploymentDaysPerMonth = 0; // median over its calendar months (for the medium level)
        int deployments = 0; // successful
        int weeks = 0;
        PerformanceLevel level = PerformanceLevel::Low;
    } frequency;
    struct LeadTime
    {
        std::optional<double> medianHours;
        int changes = 0;
        std::optional<PerformanceLevel> level;
    } leadTime;
    struct FailureRate
    {
        std::optional<double> rate;
        int failed = 0;
        int deployments = 0; // successful + failed
        std::optional<PerformanceLevel> level;
    } failureRate;
    struct TimeToRestore
    {
        std::optional<double> medianHours;
        int incidents = 0; // failures followed by a success: the sample
        int unrestored = 0; // failures in the period with no success after them (yet)
        std::optional<PerformanceLevel> level;
    } timeToRestore;
};

class DoraMetrics
{
public:
    struct Input
    {
        QString environment;
        // One environment's deployments, ordered by time then by id (ties keep the
        // order they were stored in).
        QList<Deployment> deployments;
        // Per deployment (same index): the author dates (seconds since the epoch) of
        // the commits it reached first (CommitReach); empty for failed ones. Only the
        // deployments inside the period are read.
        std::vector<std::vector<qint64>> reachedAuthorTimes;
    };

    static DoraReport compute(const Input &input, const QDateTime &from, const QDateTime &to);

    static PerformanceLevel frequencyLevel(double daysPerWeek, double daysPerMonth);
    static PerformanceLevel leadTimeLevel(double hours);
    static PerformanceLevel failureRateLevel(double rate);
    static PerformanceLevel restoreLevel(double hours);
    // Mean of the two middle values for an even count; nullopt when empty.
    static std::optional<double> median(std::vector<double> values);
    // One-line definitions, for tooltips and the sprint report.
    static QString definition(const QString &metric);
};

} // namespace devdash::deploy

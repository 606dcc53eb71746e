#pragma once

#include "TestRun.h"
#include "common/Result.h"

#include <QList>

namespace devdash::store {
class Database;
}

namespace devdash::testresults {

struct TrendOptions
{
    QString branch; // empty: every branch
    int lastRuns = 50; // the newest runs (0: no limit; a date range then bounds it)
    QDateTime from; // inclusive, optional
    QDateTime to; // inclusive, optional
    int top = 10; // length of the slowest and most-failing lists
    // Slowest tests are averaged over the newest runs of the range only: what is
    // slow now, and a cost that does not grow with the range.
    int slowestOverRuns = 20;
};

// One run on the chart.
struct TrendPoint
{
    qint64 runId = 0;
    QString commit;
    QString branch;
    QDateTime time;
    TestCounts counts;
};

struct TestTrend
{
    qint64 testId = 0;
    QString key;
    QString suite;
    QString className;
    QString name;
    int runs = 0; // slowest: runs averaged over
    int failures = 0; // most failing: failed or errored runs in the range
    double meanDurationS = NAN;
    double maxDurationS = NAN;
    qint64 lastFailedRunId = 0;
};

struct Trends
{
    QList<TrendPoint> points; // oldest first
    QList<TestTrend> slowest;
    QList<TestTrend> mostFailing;
};

// The Trends page's data for one repository, in three queries: runs (from the
// per-run counts), failures (through the partial failure index) and durations
// of the newest runs.
class TrendQuery
{
public:
    explicit TrendQuery(const store::Database &db)
        : m_db(db)
    {
    }
    Result<Trends> run(qint64 repositoryId, const TrendOptions &options) const;

private:
    Result<void> fillNames(QList<TestTrend> &tests) const;

    const store::Database &m_db;
};

} // namespace devdash::testresults

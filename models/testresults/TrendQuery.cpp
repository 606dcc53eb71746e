#include "TrendQuery.h"

#include "StoreQueries.h"
#include "store/Database.h"

#include <QHash>

namespace devdash::testresults {

Result<Trends> TrendQuery::run(qint64 repositoryId, const TrendOptions &options) const
{
    Trends trends;
    // The runs of the range, newest first.
    QString where = QStringLiteral("repository_id = ?");
    QVariantList values { repositoryId };
    if (!options.branch.isEmpty()) {
        where += QStringLiteral(" AND branch = ?");
        values << options.branch;
    }
    if (options.from.isValid()) {
        where += QStringLiteral(" AND imported_at >= ?");
        values << options.from.toMSecsSinceEpoch();
    }
    if (options.to.isValid()) {
        where += QStringLiteral(" AND imported_at <= ?");
        values << options.to.toMSecsSinceEpoch();
    }
    QString sql = QStringLiteral("SELECT id, commit_id, branch, imported_at, tests, passed, failed, errored, "
                                 "skipped, flaky, duration_s FROM test_runs WHERE ")
        + where + QStringLiteral(" ORDER BY imported_at DESC, id DESC");
    if (options.lastRuns > 0) {
        sql += QStringLiteral(" LIMIT ?");
        values << options.lastRuns;
    }
    auto query = m_db.prepare(sql);
    if (!query)
        return query.error();
    for (const QVariant &v : values)
        query->addBindValue(v);
    if (!query->exec())
        return m_db.error(QStringLiteral("read the runs for the trends"), *query);
    while (query->next()) {
        TrendPoint point;
        point.runId = query->value(0).toLongLong();
        point.commit = query->value(1).toString();
        point.branch = query->value(2).toString();
        point.time = QDateTime::fromMSecsSinceEpoch(query->value(3).toLongLong(), Qt::UTC);
        point.counts.tests = query->value(4).toInt();
        point.counts.passed = query->value(5).toInt();
        point.counts.failed = query->value(6).toInt();
        point.counts.errored = query->value(7).toInt();
        point.counts.skipped = query->value(8).toInt();
        point.counts.flaky = query->value(9).toInt();
        point.counts.durationS = query->value(10).toDouble();
        trends.points.prepend(point);
    }
    query->finish();
    if (trends.points.isEmpty())
        return trends;

    QList<qint64> runIds;
    runIds.reserve(trends.points.size());
    for (const TrendPoint &point : std::as_const(trends.points))
        runIds.append(point.runId);

    // Most failing: the partial index holds only failing rows, so this reads
    // failures, not every case of every run.
    QHash<qint64, TestTrend> failing;
    auto failures = forEachChunk(runIds, [&](const QList<qint64> &chunk) -> Result<void> {
        return m_db.forEachIntegerRow(
            QStringLiteral("SELECT test_id, run_id FROM case_results WHERE run_id IN (")
                + placeholders(chunk.size()) + QStringLiteral(") AND status IN (1, 2)"),
            QVariantList(chunk.cbegin(), chunk.cend()), [&](const qint64 *row) {
                TestTrend &t = failing[row[0]];
                t.testId = row[0];
                ++t.failures;
                t.lastFailedRunId = std::max(t.lastFailedRunId, row[1]);
            });
    });
    if (!failures)
        return failures.error();
    trends.mostFailing = failing.values();
    std::sort(
        trends.mostFailing.begin(), trends.mostFailing.end(), [](const TestTrend &a, const TestTrend &b) {
            return a.failures != b.failures ? a.failures > b.failures : a.lastFailedRunId > b.lastFailedRunId;
        });
    if (trends.mostFailing.size() > options.top)
        trends.mostFailing.resize(options.top);

    // Slowest: mean duration over the newest runs of the range.
    const QList<qint64> newest
        = runIds.mid(std::max<qsizetype>(0, runIds.size() - std::max(1, options.slowestOverRuns)));
    auto slow = m_db.prepare(QStringLiteral("SELECT +test_id, COUNT(*), AVG(duration_s), MAX(duration_s) "
                                            "FROM case_results WHERE run_id IN (")
        + placeholders(newest.size())
        // "+test_id": SQLite would otherwise walk the test index to group, not the runs.
        + QStringLiteral(") AND duration_s IS NOT NULL GROUP BY +test_id ORDER BY 3 DESC, 1 LIMIT ?"));
    if (!slow)
        return slow.error();
    bindAll(*slow, newest);
    slow->addBindValue(options.top);
    if (!slow->exec())
        return m_db.error(QStringLiteral("find the slowest tests"), *slow);
    while (slow->next()) {
        TestTrend t;
        t.testId = slow->value(0).toLongLong();
        t.runs = slow->value(1).toInt();
        t.meanDurationS = slow->value(2).toDouble();
        t.maxDurationS = slow->value(3).toDouble();
        trends.slowest.append(t);
    }
    slow->finish();
    if (auto ok = fillNames(trends.slowest); !ok)
        return ok.error();
    if (auto ok = fillNames(trends.mostFailing); !ok)
        return ok.error();
    return trends;
}

Result<void> TrendQuery::fillNames(QList<TestTrend> &tests) const
{
    if (tests.isEmpty())
        return {};
    QList<qint64> ids;
    for (const TestTrend &t : std::as_const(tests))
        ids.append(t.testId);
    auto names = loadTestNames(m_db, ids);
    if (!names)
        return names.error();
    for (TestTrend &t : tests) {
        const TestName name = names->value(t.testId);
        t.key = name.key;
        t.suite = name.suite;
        t.className = name.className;
        t.name = name.name;
    }
    return {};
}

} // namespace devdash::testresults

#include "FlakyQuery.h"

#include "StoreQueries.h"
#include "store/Database.h"
#include "store/PostgresBinding.h"

#include <QSet>

#include <algorithm>
#include <cstdlib>

namespace devdash::testresults {

namespace {

// An id list as one PostgreSQL array parameter ("{1,2,3}", bound with
// CAST(? AS bigint[]) — no "::", which Qt would read as a named placeholder):
// one statement and one round trip instead of chunks of "IN (?,?,…)", each of
// which the server parses and plans again.
QString postgresArray(const QList<qint64> &ids)
{
    QString text;
    text.reserve(ids.size() * 8 + 2);
    text += QLatin1Char('{');
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i)
            text += QLatin1Char(',');
        text += QString::number(ids.at(i));
    }
    text += QLatin1Char('}');
    return text;
}

} // namespace

Result<FlakyInput> FlakyQuery::load(qint64 repositoryId, const FlakyOptions &options) const
{
    FlakyInput input;
    // The window of runs, oldest first.
    QString sql
        = QStringLiteral("SELECT id, commit_id, branch, imported_at FROM test_runs WHERE repository_id = ?");
    QVariantList values { repositoryId };
    if (!options.branch.isEmpty()) {
        sql += QStringLiteral(" AND branch = ?");
        values << options.branch;
    }
    if (options.from.isValid()) {
        sql += QStringLiteral(" AND imported_at >= ?");
        values << options.from.toMSecsSinceEpoch();
    }
    if (options.to.isValid()) {
        sql += QStringLiteral(" AND imported_at <= ?");
        values << options.to.toMSecsSinceEpoch();
    }
    sql += QStringLiteral(" ORDER BY imported_at DESC, id DESC");
    if (options.windowRuns > 0) {
        sql += QStringLiteral(" LIMIT ?");
        values << options.windowRuns;
    }
    if (PGconn *conn = store::postgresHandle(m_db); store::postgresReady(conn)) {
        // Thousands of runs: libpq's text cells read in place, not a QVariant per cell.
        auto ok = store::forEachPostgresRow(m_db, conn, QStringLiteral("read the runs for flaky detection"),
            sql, values, [&](int, const char *const *cells) {
                input.runs.append({ cells[0] ? std::strtoll(cells[0], nullptr, 10) : 0,
                    QString::fromUtf8(cells[1]), QString::fromUtf8(cells[2]),
                    QDateTime::fromMSecsSinceEpoch(
                        cells[3] ? std::strtoll(cells[3], nullptr, 10) : 0, Qt::UTC) });
            });
        if (!ok)
            return ok.error();
    } else {
        auto runs = m_db.prepare(sql);
        if (!runs)
            return runs.error();
        bindAll(*runs, values);
        if (!runs->exec())
            return m_db.error(QStringLiteral("read the runs for flaky detection"), *runs);
        while (runs->next()) {
            input.runs.append(
                { runs->value(0).toLongLong(), runs->value(1).toString(), runs->value(2).toString(),
                    QDateTime::fromMSecsSinceEpoch(runs->value(3).toLongLong(), Qt::UTC) });
        }
        runs->finish();
    }
    std::reverse(input.runs.begin(), input.runs.end());
    QHash<qint64, int> runIndex;
    QList<qint64> runIds;
    QHash<QString, QList<int>> runsByCommit;
    QHash<QString, QList<int>> lastRunsByBranch; // oldest first
    for (int i = 0; i < input.runs.size(); ++i) {
        runIndex.insert(input.runs.at(i).id, i);
        runIds.append(input.runs.at(i).id);
        if (!input.runs.at(i).commit.isEmpty())
            runsByCommit[input.runs.at(i).commit].append(i);
    }
    for (int i = int(input.runs.size()) - 1; i >= 0; --i) {
        QList<int> &last = lastRunsByBranch[input.runs.at(i).branch];
        if (last.size() < std::max(2, options.flipWindow))
            last.prepend(i);
    }

    // 1. The failing and retried results: the partial index holds exactly these.
    const auto addFailing = [&](const qint64 *row) {
        input.observations[row[1]].append(
            { runIndex.value(row[0]), statusFromStored(int(row[2])), row[3] != 0 });
    };
    const QString failing = QStringLiteral("SELECT run_id, test_id, status, flaky FROM case_results WHERE ");
    const QString failingFilter = QStringLiteral(" AND (status IN (1, 2) OR flaky <> 0)");
    Result<void> ok;
    if (m_db.isPostgres()) {
        // Joined to the window's ids: a hash join over the small partial index, which
        // measured faster than "run_id = ANY(…)" (one index descent per run).
        ok = m_db.forEachIntegerRow(
            QStringLiteral("SELECT c.run_id, c.test_id, c.status, c.flaky FROM case_results c "
                           "JOIN unnest(CAST(? AS bigint[])) AS w(id) ON w.id = c.run_id "
                           "WHERE (c.status IN (1, 2) OR c.flaky <> 0)"),
            { postgresArray(runIds) }, addFailing);
    } else {
        ok = forEachChunk(runIds, [&](const QList<qint64> &chunk) -> Result<void> {
            return m_db.forEachIntegerRow(failing + QStringLiteral("run_id IN (") + placeholders(chunk.size())
                    + QLatin1Char(')') + failingFilter,
                QVariantList(chunk.cbegin(), chunk.cend()), addFailing);
        });
    }
    if (!ok)
        return ok.error();

    // 2. The same tests in the other runs that decide (a) and (c).
    Lookups lookups;
    QHash<int, QString> branchLastRuns; // run index → branch, for runs among their branch's last ones
    for (auto it = lastRunsByBranch.cbegin(); it != lastRunsByBranch.cend(); ++it) {
        for (int run : it.value())
            branchLastRuns.insert(run, it.key());
    }
    for (auto it = input.observations.cbegin(); it != input.observations.cend(); ++it) {
        QSet<int> known;
        for (const FlakyObservation &o : it.value())
            known.insert(o.run);
        for (const FlakyObservation &o : it.value()) {
            if (!isFailing(o.status))
                continue;
            if (options.sameCommit) {
                for (int other : runsByCommit.value(input.runs.at(o.run).commit)) {
                    if (!known.contains(other))
                        lookups[it.key()].insert(other);
                }
            }
            if (options.flips && branchLastRuns.contains(o.run)) {
                for (int other : lastRunsByBranch.value(branchLastRuns.value(o.run))) {
                    if (!known.contains(other))
                        lookups[it.key()].insert(other);
                }
            }
        }
    }
    if (auto looked = lookUp(input, lookups); !looked)
        return looked.error();
    return input;
}

Result<void> FlakyQuery::lookUp(FlakyInput &input, const Lookups &lookups) const
{
    // Per test: its (test_id, run_id, status, flaky) index answers alone.
    QHash<qint64, int> runIndex;
    for (int i = 0; i < input.runs.size(); ++i)
        runIndex.insert(input.runs.at(i).id, i);
    if (m_db.isPostgres()) {
        // All the (test, run) pairs in one statement: one round trip, not one per test.
        QList<qint64> testIds;
        QList<qint64> runIds;
        for (auto it = lookups.cbegin(); it != lookups.cend(); ++it) {
            for (int run : it.value()) {
                testIds.append(it.key());
                runIds.append(input.runs.at(run).id);
            }
        }
        if (testIds.isEmpty())
            return {};
        return m_db.forEachIntegerRow(
            QStringLiteral("SELECT c.test_id, c.run_id, c.status, c.flaky FROM case_results c "
                           "JOIN unnest(CAST(? AS bigint[]), CAST(? AS bigint[])) AS l(test_id, run_id) "
                           "ON c.test_id = l.test_id AND c.run_id = l.run_id"),
            { postgresArray(testIds), postgresArray(runIds) }, [&](const qint64 *row) {
                input.observations[row[0]].append(
                    { runIndex.value(row[1]), statusFromStored(int(row[2])), row[3] != 0 });
            });
    }
    for (auto it = lookups.cbegin(); it != lookups.cend(); ++it) {
        QList<qint64> runIds;
        for (int run : it.value())
            runIds.append(input.runs.at(run).id);
        const qint64 testId = it.key();
        auto ok = forEachChunk(runIds, [&](const QList<qint64> &chunk) -> Result<void> {
            QVariantList values { testId };
            values.append(QVariantList(chunk.cbegin(), chunk.cend()));
            return m_db.forEachIntegerRow(
                QStringLiteral("SELECT run_id, status, flaky FROM case_results WHERE "
                               "test_id = ? AND run_id IN (")
                    + placeholders(chunk.size()) + QLatin1Char(')'),
                values, [&](const qint64 *row) {
                    input.observations[testId].append(
                        { runIndex.value(row[0]), statusFromStored(int(row[1])), row[2] != 0 });
                });
        });
        if (!ok)
            return ok;
    }
    return {};
}

Result<void> FlakyQuery::loadPresence(FlakyInput &input, const QList<qint64> &testIds) const
{
    if (testIds.isEmpty() || input.runs.isEmpty())
        return {};
    QHash<qint64, int> runIndex;
    qint64 minId = input.runs.first().id;
    qint64 maxId = minId;
    for (int i = 0; i < input.runs.size(); ++i) {
        runIndex.insert(input.runs.at(i).id, i);
        minId = std::min(minId, input.runs.at(i).id);
        maxId = std::max(maxId, input.runs.at(i).id);
    }
    // Commits as small numbers, so that "distinct commits per test" is a bit per commit.
    QHash<QString, int> commitNumbers;
    QList<int> commitOfRun(input.runs.size(), -1);
    for (int i = 0; i < input.runs.size(); ++i) {
        const QString &commit = input.runs.at(i).commit;
        if (commit.isEmpty())
            continue;
        auto number = commitNumbers.constFind(commit);
        if (number == commitNumbers.cend())
            number = commitNumbers.insert(commit, int(commitNumbers.size()));
        commitOfRun[i] = *number;
    }
    QHash<qint64, std::vector<bool>> seenCommits;
    // Hundreds of thousands of rows come back (every run of each test): per row, an
    // array step instead of hash lookups. Run ids are dense in the id range; the
    // index returns a test's rows together, so the per-test entries are looked up
    // once per test.
    std::vector<int> indexOfRun(size_t(maxId - minId + 1), -1);
    for (auto it = runIndex.cbegin(); it != runIndex.cend(); ++it)
        indexOfRun[size_t(it.key() - minId)] = it.value();
    qint64 currentTest = -1;
    FlakyInput::Presence *presence = nullptr;
    std::vector<bool> *seen = nullptr;
    const auto count = [&](qint64 testId, qint64 runId) {
        const qint64 offset = runId - minId;
        const int run = offset >= 0 && offset < qint64(indexOfRun.size()) ? indexOfRun[offset] : -1;
        if (run < 0)
            return;
        if (testId != currentTest) {
            currentTest = testId;
            presence = &input.ranIn[currentTest];
            seen = &seenCommits[currentTest];
        }
        ++presence->runs;
        const int commit = commitOfRun.at(run);
        if (commit < 0)
            return;
        if (seen->empty())
            seen->resize(commitNumbers.size());
        if (!(*seen)[commit]) {
            (*seen)[commit] = true;
            ++presence->commits;
        }
    };
    if (PGconn *conn = store::postgresHandle(m_db); store::postgresReady(conn)) {
        // One row per test with its run ids as an array, read straight off the
        // (test_id, run_id, status) index: a few hundred rows instead of hundreds of
        // thousands, each of which libpq would otherwise carry and hand over singly.
        return store::forEachPostgresRow(m_db, conn, QStringLiteral("count the runs of tests"),
            QStringLiteral(
                "SELECT test_id, array_agg(run_id) FROM case_results "
                "WHERE test_id = ANY(CAST(? AS bigint[])) AND run_id BETWEEN ? AND ? AND status <> 3 "
                "GROUP BY test_id"),
            { postgresArray(testIds), minId, maxId }, [&](int, const char *const *cells) {
                if (!cells[0] || !cells[1])
                    return;
                const qint64 testId = std::strtoll(cells[0], nullptr, 10);
                const char *at = cells[1];
                while (*at && *at != '}') {
                    if (*at == '{' || *at == ',') {
                        ++at;
                        continue;
                    }
                    char *end = nullptr;
                    const qint64 runId = std::strtoll(at, &end, 10);
                    if (end == at)
                        break;
                    count(testId, runId);
                    at = end;
                }
            });
    }
    // The (test_id, run_id, status) index answers this alone; the id range keeps a
    // window of recent runs from reading the test's whole history.
    auto ok = forEachChunk(testIds, [&](const QList<qint64> &chunk) -> Result<void> {
        QVariantList values(chunk.cbegin(), chunk.cend());
        values << minId << maxId;
        return m_db.forEachIntegerRow(
            QStringLiteral("SELECT test_id, run_id FROM case_results WHERE test_id IN (")
                + placeholders(chunk.size()) + QStringLiteral(") AND run_id BETWEEN ? AND ? AND status <> 3"),
            values, [&](const qint64 *row) { count(row[0], row[1]); });
    });
    if (!ok)
        return ok;
    return {};
}

Result<QList<FlakyFinding>> FlakyQuery::run(qint64 repositoryId, const FlakyOptions &options) const
{
    auto input = load(repositoryId, options);
    if (!input)
        return input.error();
    // First pass without thresholds on rates: which tests need their run counts.
    FlakyOptions loose = options;
    loose.minRate = 0;
    loose.limit = 0;
    loose.flips = false;
    QSet<qint64> needPresence;
    for (const FlakyFinding &f : FlakyDetector(loose).detect(*input))
        needPresence.insert(f.testId);
    if (auto ok = loadPresence(*input, QList<qint64>(needPresence.cbegin(), needPresence.cend())); !ok)
        return ok.error();

    QList<FlakyFinding> findings = FlakyDetector(options).detect(*input);
    QList<qint64> ids;
    for (const FlakyFinding &f : std::as_const(findings))
        ids.append(f.testId);
    auto names = loadTestNames(m_db, ids);
    if (!names)
        return names.error();
    for (FlakyFinding &f : findings) {
        const TestName name = names->value(f.testId);
        f.key = name.key;
        f.suite = name.suite;
        f.className = name.className;
        f.name = name.name;
    }
    return findings;
}

} // namespace devdash::testresults

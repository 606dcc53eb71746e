#include "TestRunStore.h"

#include "FlakyQuery.h"
#include "StoreQueries.h"
#include "TestRunImporter.h"
#include "store/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace devdash::testresults {

namespace {

const QString SummaryColumns = QStringLiteral(
    "r.id, p.repo_key, r.commit_id, r.branch, r.source, r.imported_at, r.tests, r.passed, r.failed, "
    "r.errored, "
    "r.skipped, r.flaky, r.duration_s FROM test_runs r JOIN repositories p ON p.id = r.repository_id");

RunSummary readSummary(const QSqlQuery &q)
{
    RunSummary s;
    s.id = q.value(0).toLongLong();
    s.repository = q.value(1).toString();
    s.commit = q.value(2).toString();
    s.branch = q.value(3).toString();
    s.source = q.value(4).toString();
    s.importedAt = QDateTime::fromMSecsSinceEpoch(q.value(5).toLongLong(), Qt::UTC);
    s.counts.tests = q.value(6).toInt();
    s.counts.passed = q.value(7).toInt();
    s.counts.failed = q.value(8).toInt();
    s.counts.errored = q.value(9).toInt();
    s.counts.skipped = q.value(10).toInt();
    s.counts.flaky = q.value(11).toInt();
    s.counts.durationS = q.value(12).toDouble();
    return s;
}

double durationOrNan(const QVariant &v)
{
    return v.isNull() ? NAN : v.toDouble();
}

std::vector<TestAttempt> parseRetries(const QString &json)
{
    std::vector<TestAttempt> attempts;
    if (json.isEmpty())
        return attempts;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        TestAttempt a;
        a.status = statusFromName(o.value(QLatin1String("status")).toString());
        a.durationS
            = o.contains(QLatin1String("duration_s")) ? o.value(QLatin1String("duration_s")).toDouble() : NAN;
        a.message = o.value(QLatin1String("message")).toString();
        a.type = o.value(QLatin1String("type")).toString();
        a.details = o.value(QLatin1String("details")).toString();
        attempts.push_back(std::move(a));
    }
    return attempts;
}

} // namespace

Result<ImportedRun> TestRunStore::importRun(
    const RunInfo &info, const QList<TestReport> &reports, const CancelToken &cancel)
{
    return TestRunImporter(m_db).importRun(info, reports, cancel);
}

Result<qint64> TestRunStore::repositoryId(const QString &repository) const
{
    return TestRunImporter::repositoryId(m_db, repository, false);
}

Result<QStringList> TestRunStore::repositories() const
{
    auto q = m_db.prepare(QStringLiteral("SELECT repo_key FROM repositories ORDER BY repo_key"));
    if (!q)
        return q.error();
    if (!q->exec())
        return m_db.error(QStringLiteral("list repositories"), *q);
    QStringList keys;
    while (q->next())
        keys << q->value(0).toString();
    return keys;
}

Result<QList<RunSummary>> TestRunStore::runs(const QString &repository, const RunFilter &filter) const
{
    QString sql = QStringLiteral("SELECT ") + SummaryColumns + QStringLiteral(" WHERE p.repo_key = ?");
    QVariantList values { repository };
    if (!filter.branch.isEmpty()) {
        sql += QStringLiteral(" AND r.branch = ?");
        values << filter.branch;
    }
    if (filter.from.isValid()) {
        sql += QStringLiteral(" AND r.imported_at >= ?");
        values << filter.from.toMSecsSinceEpoch();
    }
    if (filter.to.isValid()) {
        sql += QStringLiteral(" AND r.imported_at <= ?");
        values << filter.to.toMSecsSinceEpoch();
    }
    sql += QStringLiteral(" ORDER BY r.imported_at DESC, r.id DESC LIMIT ? OFFSET ?");
    values << (filter.limit > 0 ? filter.limit : 1000000000) << std::max(0, filter.offset);
    auto q = m_db.prepare(sql);
    if (!q)
        return q.error();
    bindAll(*q, values);
    if (!q->exec())
        return m_db.error(QStringLiteral("list the runs of %1").arg(repository), *q);
    QList<RunSummary> list;
    while (q->next())
        list.append(readSummary(*q));
    return list;
}

Result<RunSummary> TestRunStore::runSummary(qint64 runId) const
{
    auto q = m_db.prepare(QStringLiteral("SELECT ") + SummaryColumns + QStringLiteral(" WHERE r.id = ?"));
    if (!q)
        return q.error();
    q->addBindValue(runId);
    if (!q->exec())
        return m_db.error(QStringLiteral("read run %1").arg(runId), *q);
    if (!q->next())
        return Error { QStringLiteral("There is no test run %1 in the store %2 (see `devdash tests runs`).")
                           .arg(runId)
                           .arg(m_db.location().displayName()),
            404 };
    return readSummary(*q);
}

Result<std::optional<RunSummary>> TestRunStore::latestRun(
    const QString &repository, const QString &branch) const
{
    RunFilter filter;
    filter.branch = branch;
    filter.limit = 1;
    auto list = runs(repository, filter);
    if (!list)
        return list.error();
    if (list->isEmpty())
        return std::optional<RunSummary>();
    return std::optional<RunSummary>(list->first());
}

Result<std::optional<RunSources::BaseChoice>> TestRunStore::baseRunFor(
    const QString &repository, qint64 headRunId, const QString &branch) const
{
    auto head = runSummary(headRunId);
    if (!head)
        return head.error();
    RunFilter filter;
    filter.branch = branch;
    filter.limit = 200; // the base branch's recent runs: a comparable one is among them or is stale
    auto candidates = runs(repository, filter);
    if (!candidates)
        return candidates.error();
    QList<qint64> ids { headRunId };
    for (const RunSummary &run : std::as_const(*candidates))
        ids << run.id;
    auto suites = loadSuiteSets(m_db, ids);
    if (!suites)
        return suites.error();
    return RunSources::chooseBase(*head, *candidates, *suites);
}

Result<QHash<QString, RunSummary>> TestRunStore::latestRunsForCommits(
    const QString &repository, const QStringList &commits) const
{
    auto perSource = runsPerSourceForCommits(repository, commits);
    if (!perSource)
        return perSource.error();
    QHash<QString, RunSummary> byCommit;
    for (auto it = perSource->cbegin(); it != perSource->cend(); ++it)
        byCommit.insert(it.key(), it->constFirst());
    return byCommit;
}

Result<QHash<QString, QList<RunSummary>>> TestRunStore::runsPerSourceForCommits(
    const QString &repository, const QStringList &commits) const
{
    QHash<QString, QList<RunSummary>> byCommit; // every run, newest first
    for (qsizetype i = 0; i < commits.size(); i += MaxIdsPerStatement) {
        const QStringList chunk = commits.mid(i, MaxIdsPerStatement);
        auto q = m_db.prepare(QStringLiteral("SELECT ") + SummaryColumns
            + QStringLiteral(" WHERE p.repo_key = ? AND r.commit_id IN (") + placeholders(chunk.size())
            + QStringLiteral(") ORDER BY r.imported_at DESC, r.id DESC"));
        if (!q)
            return q.error();
        q->addBindValue(repository);
        bindAll(*q, chunk);
        if (!q->exec())
            return m_db.error(QStringLiteral("read the runs of commits"), *q);
        while (q->next()) {
            RunSummary s = readSummary(*q);
            byCommit[s.commit].append(s);
        }
    }
    for (auto it = byCommit.begin(); it != byCommit.end(); ++it)
        *it = RunSources::newestPerSource(*it);
    return byCommit;
}

Result<RunDetails> TestRunStore::run(qint64 runId) const
{
    RunDetails details;
    auto summary = runSummary(runId);
    if (!summary)
        return summary.error();
    details.run = *summary;

    QHash<qint64, QString> reportFiles;
    auto reports = m_db.prepare(QStringLiteral("SELECT id, file, format, tool, report_time FROM run_reports "
                                               "WHERE run_id = ? ORDER BY id"));
    if (!reports)
        return reports.error();
    reports->addBindValue(runId);
    if (!reports->exec())
        return m_db.error(QStringLiteral("read the reports of run %1").arg(runId), *reports);
    while (reports->next()) {
        RunReportFile f { reports->value(1).toString(), reports->value(2).toString(),
            reports->value(3).toString(),
            reports->value(4).isNull()
                ? QDateTime()
                : QDateTime::fromMSecsSinceEpoch(reports->value(4).toLongLong(), Qt::UTC) };
        reportFiles.insert(reports->value(0).toLongLong(), f.file);
        details.reports.append(f);
    }

    QHash<qint64, qsizetype> suiteIndex; // run_suites.id → index in details.suites
    auto suites
        = m_db.prepare(QStringLiteral("SELECT id, report_id, path, name, duration_s, suite_time, hostname "
                                      "FROM run_suites WHERE run_id = ? ORDER BY id"));
    if (!suites)
        return suites.error();
    suites->addBindValue(runId);
    if (!suites->exec())
        return m_db.error(QStringLiteral("read the suites of run %1").arg(runId), *suites);
    while (suites->next()) {
        SuiteResult s;
        s.file = reportFiles.value(suites->value(1).toLongLong());
        s.path = suites->value(2).toString();
        s.name = suites->value(3).toString();
        s.durationS = durationOrNan(suites->value(4));
        if (!suites->value(5).isNull())
            s.timestamp = QDateTime::fromMSecsSinceEpoch(suites->value(5).toLongLong(), Qt::UTC);
        s.hostname = suites->value(6).toString();
        suiteIndex.insert(suites->value(0).toLongLong(), details.suites.size());
        details.suites.append(s);
    }

    // Runs imported before suites were kept (schema < 3) group by the test's suite.
    QHash<QString, qsizetype> fallbackSuites;
    auto cases = m_db.prepare(QStringLiteral(
        "SELECT c.test_id, c.suite_id, c.status, c.duration_s, c.flaky, c.attempts, t.test_key, t.suite, "
        "t.class_name, t.name, t.file, t.line, d.message, d.failure_type, d.details, d.system_out, "
        "d.system_err, "
        "d.retries FROM case_results c JOIN tests t ON t.id = c.test_id "
        "LEFT JOIN case_details d ON d.run_id = c.run_id AND d.test_id = c.test_id "
        "WHERE c.run_id = ? ORDER BY c.suite_id, t.suite, t.class_name, t.name"));
    if (!cases)
        return cases.error();
    cases->addBindValue(runId);
    if (!cases->exec())
        return m_db.error(QStringLiteral("read the cases of run %1").arg(runId), *cases);
    while (cases->next()) {
        CaseResult c;
        c.testId = cases->value(0).toLongLong();
        c.status = statusFromStored(cases->value(2).toInt());
        c.durationS = durationOrNan(cases->value(3));
        c.flaky = cases->value(4).toInt() != 0;
        c.attempts = cases->value(5).toInt();
        c.key = cases->value(6).toString();
        c.suite = cases->value(7).toString();
        c.className = cases->value(8).toString();
        c.name = cases->value(9).toString();
        c.file = cases->value(10).toString();
        c.line = cases->value(11).toInt();
        c.message = cases->value(12).toString();
        c.type = cases->value(13).toString();
        c.details = cases->value(14).toString();
        c.systemOut = cases->value(15).toString();
        c.systemErr = cases->value(16).toString();
        c.retries = parseRetries(cases->value(17).toString());
        qsizetype index = suiteIndex.value(cases->value(1).toLongLong(), -1);
        if (index < 0) {
            index = fallbackSuites.value(c.suite, -1);
            if (index < 0) {
                SuiteResult s;
                s.path = c.suite;
                s.name = c.suite.section(QStringLiteral(" / "), -1);
                index = details.suites.size();
                fallbackSuites.insert(c.suite, index);
                details.suites.append(s);
            }
        } else {
            c.suite = details.suites.at(index).path; // where it ran in this run
        }
        details.suites[index].cases.append(std::move(c));
    }
    return details;
}

Result<void> TestRunStore::deleteRun(qint64 runId)
{
    if (auto ok = m_db.beginWrite(); !ok)
        return ok;
    auto q = m_db.prepare(QStringLiteral("DELETE FROM test_runs WHERE id = ?"));
    if (!q) {
        m_db.rollback();
        return q.error();
    }
    q->addBindValue(runId);
    if (!q->exec()) {
        m_db.rollback();
        return m_db.error(QStringLiteral("delete run %1").arg(runId), *q);
    }
    q->finish();
    return m_db.commit();
}

Result<RunComparison> TestRunStore::compare(qint64 baseRunId, qint64 headRunId) const
{
    QList<RunComparison::Case> sides[2];
    const qint64 ids[2] = { baseRunId, headRunId };
    for (int i = 0; i < 2; ++i) {
        if (auto s = runSummary(ids[i]); !s)
            return s.error();
        auto q = m_db.prepare(
            QStringLiteral("SELECT test_id, status, duration_s FROM case_results WHERE run_id = ?"));
        if (!q)
            return q.error();
        q->addBindValue(ids[i]);
        if (!q->exec())
            return m_db.error(QStringLiteral("read run %1").arg(ids[i]), *q);
        while (q->next())
            sides[i].append({ q->value(0).toLongLong(), statusFromStored(q->value(1).toInt()),
                durationOrNan(q->value(2)) });
    }
    RunComparison comparison = RunComparison::classify(sides[0], sides[1]);
    comparison.baseRunId = baseRunId;
    comparison.headRunId = headRunId;

    QList<qint64> ids2;
    QList<qint64> failingInHead;
    for (ComparedTest *t : comparison.all()) {
        ids2.append(t->testId);
        if (t->head && isFailing(*t->head))
            failingInHead.append(t->testId);
    }
    auto names = loadTestNames(m_db, ids2);
    if (!names)
        return names.error();
    QHash<qint64, QString> messages;
    auto ok = forEachChunk(failingInHead, [&](const QList<qint64> &chunk) -> Result<void> {
        auto q = m_db.prepare(QStringLiteral("SELECT test_id, message FROM case_details WHERE run_id = ? AND "
                                             "test_id IN (")
            + placeholders(chunk.size()) + QLatin1Char(')'));
        if (!q)
            return q.error();
        q->addBindValue(headRunId);
        bindAll(*q, chunk);
        if (!q->exec())
            return m_db.error(QStringLiteral("read failure messages"), *q);
        while (q->next())
            messages.insert(q->value(0).toLongLong(), q->value(1).toString());
        return {};
    });
    if (!ok)
        return ok.error();
    for (ComparedTest *t : comparison.all()) {
        const TestName name = names->value(t->testId);
        t->key = name.key;
        t->suite = name.suite;
        t->className = name.className;
        t->name = name.name;
        t->message = messages.value(t->testId);
    }
    for (QList<ComparedTest> *list : { &comparison.newFailures, &comparison.fixed, &comparison.stillFailing,
             &comparison.newTests, &comparison.removedTests })
        std::sort(list->begin(), list->end(),
            [](const ComparedTest &a, const ComparedTest &b) { return a.key < b.key; });
    return comparison;
}

Result<TestHistory> TestRunStore::history(
    const QString &repository, const QString &testKey, const HistoryOptions &options) const
{
    const auto repoId = repositoryId(repository);
    if (!repoId)
        return repoId.error();
    TestHistory history;
    auto test = m_db.prepare(QStringLiteral("SELECT id, suite, class_name, name, file FROM tests "
                                            "WHERE repository_id = ? AND test_key = ?"));
    if (!test)
        return test.error();
    test->addBindValue(*repoId);
    test->addBindValue(testKey);
    if (!test->exec())
        return m_db.error(QStringLiteral("look up the test %1").arg(testKey), *test);
    if (!test->next())
        return Error { QStringLiteral(
                           "No test \"%1\" in the runs of %2. Tests are named \"Class::name\" "
                           "(or \"suite::name\" without a class), as `devdash tests show RUN` prints.")
                           .arg(testKey, repository),
            404 };
    history.testId = test->value(0).toLongLong();
    history.key = testKey;
    history.suite = test->value(1).toString();
    history.className = test->value(2).toString();
    history.name = test->value(3).toString();
    history.file = test->value(4).toString();
    test->finish();

    // Every result of the test, newest first: the first `limit` are returned; the
    // rest are read only while the failing streak goes on.
    QString sql
        = QStringLiteral("SELECT r.id, r.commit_id, r.branch, r.source, r.imported_at, c.status, "
                         "c.duration_s, c.flaky, c.attempts "
                         "FROM case_results c JOIN test_runs r ON r.id = c.run_id WHERE c.test_id = ?");
    if (!options.branch.isEmpty())
        sql += QStringLiteral(" AND r.branch = ?");
    sql += QStringLiteral(" ORDER BY r.imported_at DESC, r.id DESC");
    auto q = m_db.prepare(sql);
    if (!q)
        return q.error();
    q->addBindValue(history.testId);
    if (!options.branch.isEmpty())
        q->addBindValue(options.branch);
    if (!q->exec())
        return m_db.error(QStringLiteral("read the history of %1").arg(testKey), *q);
    // The streak is counted on one branch: the filter's, else the newest run's.
    QString streakBranch = options.branch;
    bool streakOpen = true;
    const int limit = options.limit > 0 ? options.limit : 100;
    QList<HistoryEntry> read;
    while (q->next()) {
        HistoryEntry e;
        e.runId = q->value(0).toLongLong();
        e.commit = q->value(1).toString();
        e.branch = q->value(2).toString();
        e.source = q->value(3).toString();
        e.time = QDateTime::fromMSecsSinceEpoch(q->value(4).toLongLong(), Qt::UTC);
        e.status = statusFromStored(q->value(5).toInt());
        e.durationS = durationOrNan(q->value(6));
        e.flaky = q->value(7).toInt() != 0;
        e.attempts = q->value(8).toInt();
        if (streakBranch.isEmpty())
            streakBranch = e.branch;
        if (e.branch == streakBranch && !isFailing(e.status))
            streakOpen = false;
        read.append(std::move(e));
        if (read.size() >= limit && !streakOpen)
            break;
    }
    q->finish();
    const TestHistory::Streak streak = TestHistory::currentStreak(read, streakBranch);
    history.age = streak.age;
    if (streak.firstIndex >= 0)
        history.failingSince = read.at(streak.firstIndex);
    history.entries = read.mid(0, limit);

    // Messages of the failures shown.
    QList<qint64> failedRuns;
    for (const HistoryEntry &e : std::as_const(history.entries)) {
        if (e.status != TestStatus::Passed)
            failedRuns.append(e.runId);
    }
    if (history.failingSince && !failedRuns.contains(history.failingSince->runId))
        failedRuns.append(history.failingSince->runId);
    QHash<qint64, QString> messages;
    auto ok = forEachChunk(failedRuns, [&](const QList<qint64> &chunk) -> Result<void> {
        auto m = m_db.prepare(QStringLiteral("SELECT run_id, message FROM case_details WHERE test_id = ? AND "
                                             "run_id IN (")
            + placeholders(chunk.size()) + QLatin1Char(')'));
        if (!m)
            return m.error();
        m->addBindValue(history.testId);
        bindAll(*m, chunk);
        if (!m->exec())
            return m_db.error(QStringLiteral("read failure messages"), *m);
        while (m->next())
            messages.insert(m->value(0).toLongLong(), m->value(1).toString());
        return {};
    });
    if (!ok)
        return ok.error();
    for (HistoryEntry &e : history.entries)
        e.message = messages.value(e.runId);
    if (history.failingSince)
        history.failingSince->message = messages.value(history.failingSince->runId);
    return history;
}

Result<QList<FlakyFinding>> TestRunStore::flaky(const QString &repository, const FlakyOptions &options) const
{
    const auto repoId = repositoryId(repository);
    if (!repoId)
        return repoId.error();
    if (*repoId == 0)
        return QList<FlakyFinding>();
    return FlakyQuery(m_db).run(*repoId, options);
}

Result<Trends> TestRunStore::trends(const QString &repository, const TrendOptions &options) const
{
    const auto repoId = repositoryId(repository);
    if (!repoId)
        return repoId.error();
    if (*repoId == 0)
        return Trends();
    return TrendQuery(m_db).run(*repoId, options);
}

} // namespace devdash::testresults

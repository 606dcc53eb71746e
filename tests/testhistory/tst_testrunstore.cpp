// TestRunStore on SQLite and on a real PostgreSQL server: import and read back,
// dedupe, runs, compare, history and age, the three flaky definitions, trends.

#include "StoreBackend.h"
#include "TestData.h"
#include "TestRunFixtures.h"
#include "store/Database.h"
#include "store/StoreMigrations.h"
#include "testresults/ReportParser.h"
#include "testresults/TestRunImporter.h"
#include "testresults/TestRunStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <optional>

using namespace devdash;
using namespace devdash::store;
using namespace devdash::test;
using namespace devdash::testresults;

namespace {

const QString Repo = QStringLiteral("/src/app");

QStringList keys(const QList<ComparedTest> &tests)
{
    QStringList list;
    for (const ComparedTest &t : tests)
        list << t.key;
    return list;
}

const CaseResult *findCase(const RunDetails &run, const QString &key)
{
    for (const SuiteResult &s : run.suites) {
        for (const CaseResult &c : s.cases) {
            if (c.key == key)
                return &c;
        }
    }
    return nullptr;
}

} // namespace

class TstTestRunStore : public QObject
{
    Q_OBJECT
public:
    explicit TstTestRunStore(StoreBackend::Kind kind)
        : m_backend(kind)
    {
    }

private:
    // Imports pattern runs in order (one minute apart) on `branch`; returns their ids.
    QList<qint64> importPatterns(const QStringList &patterns, const QString &branch = QStringLiteral("main"),
        const QStringList &commits = {})
    {
        QList<qint64> ids;
        for (int i = 0; i < patterns.size(); ++i) {
            const QString commit
                = i < commits.size() ? commits.at(i) : QStringLiteral("c%1-%2").arg(branch).arg(i);
            const auto imported = m_store->importRun(runInfo(Repo, commit, branch, ++m_minute),
                { reportFromPattern(patterns.at(i), QStringLiteral("%1-%2").arg(branch).arg(m_minute)) });
            if (!imported) {
                qWarning("%s", qPrintable(imported.errorMessage()));
                return {};
            }
            ids.append(imported->run.id);
        }
        return ids;
    }

    const FlakyFinding *finding(const QList<FlakyFinding> &findings, const QString &key, FlakyKind kind)
    {
        for (const FlakyFinding &f : findings) {
            if (f.key == key && f.kind == kind)
                return &f;
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase() { DEVDASH_PREPARE_STORE_BACKEND(m_backend); }

    void init()
    {
        m_store.reset();
        m_db.reset();
        auto db = Database::open(m_backend.freshLocation());
        QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
        m_db.emplace(std::move(*db));
        m_store.emplace(*m_db);
        m_minute = 0;
    }

    void cleanup()
    {
        m_store.reset();
        m_db.reset();
    }

    void importAndReadBack()
    {
        TestCase longOutput = makeCase(QStringLiteral("pkg.B"), QStringLiteral("noisy"), TestStatus::Errored);
        longOutput.systemOut = QString(200000, QLatin1Char('x')) + QStringLiteral("THE END");
        TestCase unknownTime = makeCase(QStringLiteral("pkg.B"), QStringLiteral("untimed"));
        unknownTime.durationS = NAN;
        unknownTime.file = QStringLiteral("b_test.py");
        unknownTime.line = 12;
        const TestReport a = makeReport(QStringLiteral("out/a.xml"),
            { makeCase(QStringLiteral("pkg.A"), QStringLiteral("ok"), TestStatus::Passed, 0.5),
                makeCase(QStringLiteral("pkg.A"), QStringLiteral("bad"), TestStatus::Failed, 1.5,
                    QStringLiteral("expected 1")),
                makeCase(QStringLiteral("pkg.A"), QStringLiteral("skip"), TestStatus::Skipped, 0,
                    QStringLiteral("not on linux")),
                makeFlakyCase(QStringLiteral("pkg.A"), QStringLiteral("retried")) },
            QDateTime(QDate(2024, 2, 3), QTime(4, 5), Qt::UTC));
        const TestReport b = makeReport(QStringLiteral("out/b.xml"), { longOutput, unknownTime });
        const auto imported = m_store->importRun(
            runInfo(Repo, QStringLiteral("abc123"), QStringLiteral("main"), 1), { a, b });
        QVERIFY2(imported.ok(), qPrintable(imported.errorMessage()));
        QVERIFY(imported->created);
        const TestCounts &counts = imported->run.counts;
        QCOMPARE(counts.tests, 6);
        QCOMPARE(counts.passed, 3);
        QCOMPARE(counts.failed, 1);
        QCOMPARE(counts.errored, 1);
        QCOMPARE(counts.skipped, 1);
        QCOMPARE(counts.flaky, 1);
        QVERIFY(qAbs(counts.durationS - (0.5 + 1.5 + 0.2 + 0.3 + 0.1)) < 1e-9);

        const auto run = m_store->run(imported->run.id);
        QVERIFY2(run.ok(), qPrintable(run.errorMessage()));
        QCOMPARE(run->run.commit, QStringLiteral("abc123"));
        QCOMPARE(run->run.branch, QStringLiteral("main"));
        QCOMPARE(run->run.source, QStringLiteral("ci"));
        QCOMPARE(run->run.importedAt, runInfo(Repo, {}, {}, 1).importedAt);
        QCOMPARE(run->run.counts.tests, 6);
        QCOMPARE(run->reports.size(), 2);
        QCOMPARE(run->reports.at(0).file, QStringLiteral("out/a.xml"));
        QCOMPARE(run->reports.at(0).timestamp, QDateTime(QDate(2024, 2, 3), QTime(4, 5), Qt::UTC));
        QCOMPARE(run->suites.size(), 2);
        QCOMPARE(run->suites.at(0).path, QStringLiteral("pkg.A"));
        QCOMPARE(run->suites.at(0).file, QStringLiteral("out/a.xml"));
        QCOMPARE(run->suites.at(0).hostname, QStringLiteral("ci-host"));
        QCOMPARE(run->suites.at(0).cases.size(), 4);
        QCOMPARE(run->suites.at(1).cases.size(), 2);

        const CaseResult *bad = findCase(*run, QStringLiteral("pkg.A::bad"));
        QVERIFY(bad);
        QCOMPARE(bad->status, TestStatus::Failed);
        QCOMPARE(bad->message, QStringLiteral("expected 1"));
        QCOMPARE(bad->type, QStringLiteral("AssertionError"));
        QVERIFY(bad->details.contains(QLatin1String("A.java:42")));
        QCOMPARE(bad->durationS, 1.5);
        const CaseResult *ok = findCase(*run, QStringLiteral("pkg.A::ok"));
        QVERIFY(ok && ok->message.isEmpty() && ok->details.isEmpty());
        const CaseResult *skip = findCase(*run, QStringLiteral("pkg.A::skip"));
        QCOMPARE(skip->message, QStringLiteral("not on linux"));
        const CaseResult *retried = findCase(*run, QStringLiteral("pkg.A::retried"));
        QVERIFY(retried->flaky);
        QCOMPARE(retried->attempts, 2);
        QCOMPARE(int(retried->retries.size()), 1);
        QCOMPARE(retried->retries.at(0).status, TestStatus::Failed);
        QCOMPARE(retried->retries.at(0).message, QStringLiteral("timed out"));
        const CaseResult *noisy = findCase(*run, QStringLiteral("pkg.B::noisy"));
        QVERIFY(noisy->systemOut.endsWith(QLatin1String("THE END"))); // the tail is kept
        QVERIFY(noisy->systemOut.size() < 70000);
        const CaseResult *untimed = findCase(*run, QStringLiteral("pkg.B::untimed"));
        QVERIFY(std::isnan(untimed->durationS));
        QCOMPARE(untimed->file, QStringLiteral("b_test.py"));
        QCOMPARE(untimed->line, 12);
    }

    void sameContentIsOneRun()
    {
        const TestReport a = reportFromPattern(QStringLiteral("PPF"), QStringLiteral("a"));
        const TestReport b
            = makeReport(QStringLiteral("other.xml"), { makeCase(QStringLiteral("X"), QStringLiteral("y")) });
        const auto first
            = m_store->importRun(runInfo(Repo, QStringLiteral("c1"), QStringLiteral("main"), 1), { a, b });
        QVERIFY(first.ok() && first->created);
        // Same content, other order, other paths, other time: the same run.
        TestReport movedA = a;
        movedA.file = QStringLiteral("/elsewhere/a.xml");
        const auto again = m_store->importRun(
            runInfo(Repo, QStringLiteral("c1"), QStringLiteral("main"), 5), { b, movedA });
        QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
        QVERIFY(!again->created);
        QCOMPARE(again->run.id, first->run.id);
        QCOMPARE(again->run.counts.tests, 4);
        QCOMPARE(m_store->runs(Repo)->size(), 1);
        // A changed report is a new run; the same content in another repository too.
        TestReport changed = a;
        changed.cases[0].durationS = 9;
        const auto third = m_store->importRun(
            runInfo(Repo, QStringLiteral("c1"), QStringLiteral("main"), 6), { changed, b });
        QVERIFY(third.ok() && third->created);
        const auto other = m_store->importRun(
            runInfo(QStringLiteral("/src/other"), QStringLiteral("c1"), QStringLiteral("main"), 6), { a, b });
        QVERIFY(other.ok() && other->created);
        QCOMPARE(m_store->runs(Repo)->size(), 2);
        QCOMPARE(*m_store->repositories(),
            QStringList({ QStringLiteral("/src/app"), QStringLiteral("/src/other") }));
        QCOMPARE(TestRunImporter::contentHash({ a, b }), TestRunImporter::contentHash({ b, movedA }));
    }

    void sameTestInTwoFilesIsOneResult()
    {
        const TestReport linux = makeReport(QStringLiteral("linux.xml"),
            { makeCase(QStringLiteral("A"), QStringLiteral("t"), TestStatus::Passed, 1.0) });
        const TestReport mac = makeReport(QStringLiteral("mac.xml"),
            { makeCase(QStringLiteral("A"), QStringLiteral("t"), TestStatus::Failed, 2.0,
                QStringLiteral("mac only")) });
        const auto imported = m_store->importRun(
            runInfo(Repo, QStringLiteral("c"), QStringLiteral("main"), 1), { linux, mac });
        QVERIFY2(imported.ok(), qPrintable(imported.errorMessage()));
        QCOMPARE(imported->run.counts.tests, 1);
        QCOMPARE(imported->run.counts.failed, 1);
        const auto run = m_store->run(imported->run.id);
        const CaseResult *c = findCase(*run, QStringLiteral("A::t"));
        QCOMPARE(c->status, TestStatus::Failed);
        QCOMPARE(c->message, QStringLiteral("mac only"));
        QCOMPARE(c->attempts, 2);
        QCOMPARE(c->durationS, 3.0);
    }

    void runsFilterAndPage()
    {
        importPatterns(
            { QStringLiteral("PP"), QStringLiteral("PF"), QStringLiteral("PP") }, QStringLiteral("main"));
        importPatterns({ QStringLiteral("FF"), QStringLiteral("PP") }, QStringLiteral("feature"));
        auto all = m_store->runs(Repo);
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 5);
        QCOMPARE(all->first().branch, QStringLiteral("feature")); // newest first
        QVERIFY(all->at(0).importedAt > all->at(1).importedAt);
        RunFilter filter;
        filter.branch = QStringLiteral("main");
        auto main = m_store->runs(Repo, filter);
        QCOMPARE(main->size(), 3);
        QCOMPARE(main->at(1).counts.failed, 1);
        QVERIFY(main->at(1).isFailing());
        filter.limit = 2;
        filter.offset = 2;
        QCOMPARE(m_store->runs(Repo, filter)->size(), 1);
        RunFilter range;
        range.from = runInfo(Repo, {}, {}, 2).importedAt;
        range.to = runInfo(Repo, {}, {}, 4).importedAt;
        QCOMPARE(m_store->runs(Repo, range)->size(), 3);
        QVERIFY(m_store->runs(QStringLiteral("/unknown"))->isEmpty());

        const auto latestMain = m_store->latestRun(Repo, QStringLiteral("main"));
        QVERIFY(latestMain.ok() && latestMain->has_value());
        QCOMPARE((*latestMain)->id, main->first().id);
        QVERIFY(!m_store->latestRun(Repo, QStringLiteral("nope"))->has_value());

        const auto byCommit
            = m_store->latestRunsForCommits(Repo, { QStringLiteral("cmain-1"), QStringLiteral("zzz") });
        QCOMPARE(byCommit->size(), 1);
        QCOMPARE(byCommit->value(QStringLiteral("cmain-1")).counts.failed, 1);

        QVERIFY(!m_store->runSummary(99999).ok());
        QVERIFY(m_store->runSummary(99999).errorMessage().contains(QLatin1String("99999")));
    }

    void compareClassifies()
    {
        // t0 passes→fails (new failure), t1 fails→passes (fixed), t2 fails in both, t3 skipped→fails (new
        // failure), t4 fails→skipped (neither), t5 removed, t6 new and failing.
        const auto ids = importPatterns({ QStringLiteral("PFFSFP-"), QStringLiteral("FPFFS-F") });
        QCOMPARE(ids.size(), 2);
        const auto c = m_store->compare(ids[0], ids[1]);
        QVERIFY2(c.ok(), qPrintable(c.errorMessage()));
        QCOMPARE(keys(c->newFailures),
            QStringList({ QStringLiteral("T::t0"), QStringLiteral("T::t3"), QStringLiteral("T::t6") }));
        QCOMPARE(keys(c->fixed), QStringList({ QStringLiteral("T::t1") }));
        QCOMPARE(keys(c->stillFailing), QStringList({ QStringLiteral("T::t2") }));
        QCOMPARE(keys(c->newTests), QStringList({ QStringLiteral("T::t6") }));
        QCOMPARE(keys(c->removedTests), QStringList({ QStringLiteral("T::t5") }));
        QCOMPARE(c->newFailures.at(0).message, QStringLiteral("t0 failed"));
        QCOMPARE(*c->newFailures.at(0).base, TestStatus::Passed);
        QCOMPARE(*c->newFailures.at(0).head, TestStatus::Failed);
        QVERIFY(!c->newFailures.at(2).base.has_value());
        QCOMPARE(c->fixed.at(0).baseDurationS, 0.2);
        QVERIFY(!m_store->compare(ids[0], 424242).ok());
    }

    void historyCountsAge()
    {
        // t0 on main: P F P F F F → age 3, failing since the 4th run; a passing run
        // of another branch in between does not break it.
        importPatterns(
            { QStringLiteral("P"), QStringLiteral("F"), QStringLiteral("P"), QStringLiteral("F") });
        importPatterns({ QStringLiteral("P") }, QStringLiteral("feature"));
        const auto mainIds = importPatterns({ QStringLiteral("F"), QStringLiteral("F") });
        const auto h = m_store->history(Repo, QStringLiteral("T::t0"));
        QVERIFY2(h.ok(), qPrintable(h.errorMessage()));
        QCOMPARE(h->entries.size(), 7);
        QCOMPARE(h->entries.first().runId, mainIds.last());
        QCOMPARE(h->entries.first().message, QStringLiteral("t0 failed"));
        QCOMPARE(h->entries.first().durationS, 0.1);
        QCOMPARE(h->age, 3);
        QVERIFY(h->failingSince.has_value());
        QCOMPARE(h->failingSince->commit, QStringLiteral("cmain-3"));
        QCOMPARE(h->className, QStringLiteral("T"));
        // The streak is counted past the limit.
        HistoryOptions limited;
        limited.limit = 2;
        const auto l = m_store->history(Repo, QStringLiteral("T::t0"), limited);
        QCOMPARE(l->entries.size(), 2);
        QCOMPARE(l->age, 3);
        QCOMPARE(l->failingSince->commit, QStringLiteral("cmain-3"));
        QCOMPARE(l->failingSince->message, QStringLiteral("t0 failed"));
        // The feature branch alone: passing, age 0.
        HistoryOptions feature;
        feature.branch = QStringLiteral("feature");
        const auto f = m_store->history(Repo, QStringLiteral("T::t0"), feature);
        QCOMPARE(f->entries.size(), 1);
        QCOMPARE(f->age, 0);
        QVERIFY(!f->failingSince);
        const auto missing = m_store->history(Repo, QStringLiteral("T::nope"));
        QVERIFY(!missing.ok());
        QVERIFY(missing.errorMessage().contains(QLatin1String("T::nope")));
    }

    void flakySameCommit()
    {
        // Commit "x" ran twice: t0 failed then passed (flaky), t1 failed both times (broken).
        importPatterns(
            { QStringLiteral("FF"), QStringLiteral("PF"), QStringLiteral("PP"), QStringLiteral("PP") },
            QStringLiteral("main"),
            { QStringLiteral("x"), QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("z") });
        FlakyOptions options;
        options.flips = false;
        const auto found = m_store->flaky(Repo, options);
        QVERIFY2(found.ok(), qPrintable(found.errorMessage()));
        QCOMPARE(found->size(), 1);
        const FlakyFinding *f = finding(*found, QStringLiteral("T::t0"), FlakyKind::SameCommit);
        QVERIFY(f);
        QCOMPARE(f->occurrences, 1);
        QCOMPARE(f->observations, 3); // commits x, y, z ran it
        QCOMPARE(f->rate, 1.0 / 3);
        QCOMPARE(f->commits, QStringList({ QStringLiteral("x") }));
        QCOMPARE(f->runIds.size(), 2);
        QCOMPARE(f->className, QStringLiteral("T"));
    }

    void flakyRetry()
    {
        importPatterns(
            { QStringLiteral("RP"), QStringLiteral("PP"), QStringLiteral("RP"), QStringLiteral("SP") });
        FlakyOptions options;
        options.flips = false;
        options.sameCommit = false;
        const auto found = m_store->flaky(Repo, options);
        QVERIFY2(found.ok(), qPrintable(found.errorMessage()));
        QCOMPARE(found->size(), 1);
        const FlakyFinding &f = found->first();
        QCOMPARE(f.key, QStringLiteral("T::t0"));
        QCOMPARE(f.kind, FlakyKind::RetryPassed);
        QCOMPARE(f.occurrences, 2);
        QCOMPARE(f.observations, 3); // the skipped run does not count
        QCOMPARE(f.runIds.size(), 2);
        options.minRate = 0.7;
        QVERIFY(m_store->flaky(Repo, options)->isEmpty());
    }

    void flakyFlips()
    {
        // t0 flips 4 times in main's last runs; t1 regressed once (1 flip); t2 flipped
        // long ago, outside the last 10 runs.
        QStringList patterns { QStringLiteral("PPF"), QStringLiteral("PPP"), QStringLiteral("PPF") };
        for (int i = 0; i < 6; ++i)
            patterns << QStringLiteral("PPP");
        patterns << QStringLiteral("PPP") << QStringLiteral("FPP") << QStringLiteral("PFP")
                 << QStringLiteral("FFP") << QStringLiteral("PFP") << QStringLiteral("PFP")
                 << QStringLiteral("PFP") << QStringLiteral("PFP") << QStringLiteral("PFP")
                 << QStringLiteral("FFP");
        importPatterns(patterns);
        importPatterns({ QStringLiteral("FPP"), QStringLiteral("FPP") }, QStringLiteral("feature"));
        FlakyOptions options;
        options.sameCommit = false;
        options.retries = false;
        auto found = m_store->flaky(Repo, options);
        QVERIFY2(found.ok(), qPrintable(found.errorMessage()));
        QCOMPARE(found->size(), 1);
        const FlakyFinding &f = found->first();
        QCOMPARE(f.key, QStringLiteral("T::t0"));
        QCOMPARE(f.kind, FlakyKind::StatusFlips);
        QCOMPARE(f.branch, QStringLiteral("main"));
        QCOMPARE(f.occurrences, 5); // P F P F P P P P P F in the last 10
        QCOMPARE(f.observations, 10);
        QCOMPARE(f.rate, 5.0 / 9);
        QCOMPARE(f.runIds.size(), 5);
        // One flip is enough when asked; t1 then shows, t2 does not (too old).
        options.minFlips = 1;
        found = m_store->flaky(Repo, options);
        QVERIFY(finding(*found, QStringLiteral("T::t1"), FlakyKind::StatusFlips));
        QVERIFY(!finding(*found, QStringLiteral("T::t2"), FlakyKind::StatusFlips));
        // A window of 20 runs over a branch: t2's flips are inside it.
        options.minFlips = 2;
        options.flipWindow = 25;
        options.branch = QStringLiteral("main");
        found = m_store->flaky(Repo, options);
        QVERIFY(finding(*found, QStringLiteral("T::t2"), FlakyKind::StatusFlips));
    }

    void trends()
    {
        importPatterns({ QStringLiteral("PPF"), QStringLiteral("PFF"), QStringLiteral("PPF") });
        importPatterns({ QStringLiteral("FFF") }, QStringLiteral("feature"));
        TrendOptions options;
        options.branch = QStringLiteral("main");
        options.top = 2;
        const auto t = m_store->trends(Repo, options);
        QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
        QCOMPARE(t->points.size(), 3);
        QCOMPARE(t->points.first().counts.failed, 1); // oldest first
        QCOMPARE(t->points.at(1).counts.failed, 2);
        QCOMPARE(t->points.at(1).commit, QStringLiteral("cmain-1"));
        QCOMPARE(t->mostFailing.size(), 2);
        QCOMPARE(t->mostFailing.at(0).key, QStringLiteral("T::t2"));
        QCOMPARE(t->mostFailing.at(0).failures, 3);
        QCOMPARE(t->mostFailing.at(1).key, QStringLiteral("T::t1"));
        QCOMPARE(t->mostFailing.at(1).lastFailedRunId, t->points.at(1).runId);
        QCOMPARE(t->slowest.size(), 2);
        QCOMPARE(t->slowest.at(0).key, QStringLiteral("T::t2")); // 0.3 s each run
        QVERIFY(qAbs(t->slowest.at(0).meanDurationS - 0.3) < 1e-9);
        QCOMPARE(t->slowest.at(0).runs, 3);
        options.lastRuns = 1;
        QCOMPARE(m_store->trends(Repo, options)->points.size(), 1);
        options = {};
        options.from = runInfo(Repo, {}, {}, 3).importedAt;
        QCOMPARE(m_store->trends(Repo, options)->points.size(), 2);
        QVERIFY(m_store->trends(QStringLiteral("/nope"))->points.isEmpty());
    }

    void cancelledImportStoresNothing()
    {
        CancelToken cancel;
        cancel.cancel();
        const auto imported
            = m_store->importRun(runInfo(Repo, QStringLiteral("c"), QStringLiteral("main"), 1),
                { reportFromPattern(QStringLiteral("PPP"), QStringLiteral("x")) }, cancel);
        QVERIFY(!imported.ok());
        QVERIFY(m_store->runs(Repo)->isEmpty());
        QVERIFY(!m_store->importRun(RunInfo(), {}).ok()); // no repository
    }

    void deleteRun()
    {
        const auto ids = importPatterns({ QStringLiteral("PF"), QStringLiteral("FF") });
        QVERIFY(m_store->deleteRun(ids[0]).ok());
        QCOMPARE(m_store->runs(Repo)->size(), 1);
        QVERIFY(!m_store->run(ids[0]).ok());
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM case_results")) && q.next());
        QCOMPARE(q.value(0).toInt(), 2);
    }

    void importsFromWorkerThreads()
    {
        // Two workers, each with its own connection, import at once.
        QString errors;
        QList<QThread *> threads;
        for (int w = 0; w < 2; ++w) {
            threads.append(QThread::create([this, w, &errors]() {
                auto db = m_db->cloneForThread();
                if (!db) {
                    errors += db.errorMessage();
                    return;
                }
                TestRunStore store(*db);
                for (int i = 0; i < 5; ++i) {
                    const auto ok = store.importRun(
                        runInfo(Repo, QStringLiteral("w%1").arg(w), QStringLiteral("main"), w * 10 + i),
                        { reportFromPattern(
                            QStringLiteral("PFPS"), QStringLiteral("w%1-%2").arg(w).arg(i)) });
                    if (!ok)
                        errors += ok.errorMessage();
                }
            }));
        }
        for (QThread *t : threads)
            t->start();
        for (QThread *t : threads) {
            t->wait();
            delete t;
        }
        QVERIFY2(errors.isEmpty(), qPrintable(errors));
        QCOMPARE(m_store->runs(Repo)->size(), 10);
    }

    void runFromSchemaVersion2IsReadable()
    {
        // A run stored before suites were kept groups its cases by the tests' suites.
        const StoreLocation location = m_backend.freshLocation();
        {
            auto db = Database::connect(location);
            QVERIFY(db.ok());
            QVERIFY(StoreMigrations::standard().migrate(*db, 2).ok());
            QSqlQuery q(db->connection());
            for (const QString &sql :
                { QStringLiteral(
                      "INSERT INTO repositories (repo_key, name, created_at) VALUES ('/old', 'old', 0)"),
                    QStringLiteral(
                        "INSERT INTO test_runs (repository_id, commit_id, branch, source, imported_at, "
                        "content_hash, tests, passed, failed, errored, skipped, flaky, duration_s) SELECT "
                        "id, "
                        "'c', 'main', '', 0, 'h', 1, 0, 1, 0, 0, 0, 1 FROM repositories"),
                    QStringLiteral(
                        "INSERT INTO tests (repository_id, test_key, suite, class_name, name, file, line) "
                        "SELECT id, 'K::n', 'Old suite', 'K', 'n', '', 0 FROM repositories"),
                    QStringLiteral(
                        "INSERT INTO case_results (run_id, test_id, status, duration_s, flaky, attempts) "
                        "SELECT r.id, t.id, 1, 1.0, 0, 1 FROM test_runs r, tests t"),
                    QStringLiteral(
                        "INSERT INTO case_details (run_id, test_id, message) SELECT run_id, test_id, 'old "
                        "failure' FROM case_results") })
                QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
        }
        auto db = Database::open(location);
        QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
        TestRunStore store(*db);
        const auto runs = store.runs(QStringLiteral("/old"));
        QCOMPARE(runs->size(), 1);
        const auto run = store.run(runs->first().id);
        QVERIFY2(run.ok(), qPrintable(run.errorMessage()));
        QCOMPARE(run->suites.size(), 1);
        QCOMPARE(run->suites.first().path, QStringLiteral("Old suite"));
        QCOMPARE(run->suites.first().cases.first().message, QStringLiteral("old failure"));
        QVERIFY(store.history(QStringLiteral("/old"), QStringLiteral("K::n"))->age == 1);
    }

    void importParsedFixtures()
    {
        // End to end: every report sample of tests/data/junit through ReportParser into the store.
        const QDir fixtures(devdash::test::testDataPath(QStringLiteral("junit")));
        const QStringList files = fixtures.entryList(
            { QStringLiteral("*.xml"), QStringLiteral("*.trx") }, QDir::Files, QDir::Name);
        QVERIFY2(!files.isEmpty(),
            qPrintable(QStringLiteral("missing test data: no reports in ") + fixtures.path()));
        int imported = 0;
        for (const QString &name : files) {
            const auto report = ReportParser::parseFile(fixtures.filePath(name));
            if (!report)
                continue; // the refused ones (XXE, malformed) are the parser's tests
            const TestCounts expected = report->counts();
            const auto run
                = m_store->importRun(runInfo(Repo, name, QStringLiteral("main"), ++m_minute), { *report });
            QVERIFY2(run.ok(), qPrintable(name + QStringLiteral(": ") + run.errorMessage()));
            QVERIFY2(run->created, qPrintable(name));
            const TestCounts &got = run->run.counts;
            QVERIFY2(got.tests == expected.tests && got.failed == expected.failed
                    && got.errored == expected.errored && got.skipped == expected.skipped
                    && got.flaky == expected.flaky,
                qPrintable(QStringLiteral("%1: stored %2/%3/%4/%5, parsed %6/%7/%8/%9")
                               .arg(name)
                               .arg(got.tests)
                               .arg(got.failed)
                               .arg(got.errored)
                               .arg(got.skipped)
                               .arg(expected.tests)
                               .arg(expected.failed)
                               .arg(expected.errored)
                               .arg(expected.skipped)));
            const auto details = m_store->run(run->run.id);
            QVERIFY2(details.ok(), qPrintable(details.errorMessage()));
            qsizetype cases = 0;
            for (const SuiteResult &suite : details->suites)
                cases += suite.cases.size();
            QCOMPARE(cases, qsizetype(expected.tests));
            // Imported again: the same run.
            const auto again
                = m_store->importRun(runInfo(Repo, name, QStringLiteral("main"), ++m_minute), { *report });
            QVERIFY(again.ok() && !again->created && again->run.id == run->run.id);
            ++imported;
        }
        QVERIFY2(imported >= 10, qPrintable(QString::number(imported)));
    }

private:
    StoreBackend m_backend;
    std::optional<Database> m_db;
    std::optional<TestRunStore> m_store;
    qint64 m_minute = 0;
};

DEVDASH_STORE_TEST_MAIN(TstTestRunStore)

#include "tst_testrunstore.moc"

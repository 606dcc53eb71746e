// Pipeline runs in the store, on SQLite and on a real PostgreSQL server: a run
// with stages → jobs → steps read back as written, upsert by provider + project
// + id (a listing without stages keeps the stored ones while the status holds),
// filters and newest-first order, the latest run per branch, runs and combined
// statuses of many commits, compressed job logs.

#include "StoreBackend.h"
#include "ci/PipelineRunStore.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QTest>

using namespace devdash;
using namespace devdash::ci;
using namespace devdash::test;

namespace {

const QString Repo = QStringLiteral("/src/harbor");

QDateTime at(qint64 minutes)
{
    return QDateTime::fromMSecsSinceEpoch(1700000000000 + minutes * 60000 + 123, Qt::UTC);
}

QString commitId(int n)
{
    return QStringLiteral("%1").arg(n, 40, 16, QLatin1Char('0'));
}

PipelineRun makeRun(const QString &provider, const QString &id, const QString &branch, int commit,
    RunStatus status, qint64 startMinute)
{
    PipelineRun run;
    run.provider = provider;
    run.project = provider == QLatin1String("local") ? Repo : QStringLiteral("team/harbor");
    run.id = id;
    run.name = QStringLiteral("CI");
    run.branch = branch;
    run.commit = commitId(commit);
    run.status = status;
    run.trigger = QStringLiteral("push");
    run.startedAt = at(startMinute);
    if (!isActive(status))
        run.finishedAt = at(startMinute + 5);
    run.url = QStringLiteral("https://ci.example/runs/") + id;
    PipelineStage build { QStringLiteral("build"), RunStatus::Success, {} };
    PipelineJob compile;
    compile.id = id + QStringLiteral("-1");
    compile.name = QStringLiteral("compile (gcc)");
    compile.status = RunStatus::Success;
    compile.startedAt = at(startMinute);
    compile.finishedAt = at(startMinute + 2);
    compile.url = run.url + QStringLiteral("/jobs/1");
    compile.steps = {
        PipelineStep { QStringLiteral("checkout"), RunStatus::Success, at(startMinute), at(startMinute + 1) },
        PipelineStep { QStringLiteral("make"), RunStatus::Success, at(startMinute + 1), at(startMinute + 2) }
    };
    build.jobs.append(compile);
    PipelineStage test { QStringLiteral("test"), status, {} };
    PipelineJob unit;
    unit.id = id + QStringLiteral("-2");
    unit.name = QStringLiteral("unit");
    unit.status = status;
    unit.startedAt = at(startMinute + 2);
    if (!isActive(status))
        unit.finishedAt = at(startMinute + 5);
    test.jobs.append(unit);
    run.stages = { build, test };
    return run;
}

void compareRuns(const PipelineRun &a, const PipelineRun &b)
{
    QCOMPARE(a.key(), b.key());
    QCOMPARE(a.name, b.name);
    QCOMPARE(a.branch, b.branch);
    QCOMPARE(a.commit, b.commit);
    QCOMPARE(a.status, b.status);
    QCOMPARE(a.trigger, b.trigger);
    QCOMPARE(a.startedAt, b.startedAt);
    QCOMPARE(a.finishedAt, b.finishedAt);
    QCOMPARE(a.url, b.url);
    QCOMPARE(a.dirty, b.dirty);
    QCOMPARE(PipelineRunStore::stagesToJson(a.stages), PipelineRunStore::stagesToJson(b.stages));
    QCOMPARE(a.stages.size(), b.stages.size());
}

QStringList ids(const QList<PipelineRun> &runs)
{
    QStringList list;
    for (const PipelineRun &run : runs)
        list << run.id;
    return list;
}

} // namespace

class TstPipelineRunStore : public QObject
{
    Q_OBJECT
public:
    explicit TstPipelineRunStore(StoreBackend::Kind kind)
        : m_backend(kind)
    {
    }

private:
    StoreBackend m_backend;

    store::Database freshStore()
    {
        auto db = store::Database::open(m_backend.freshLocation());
        if (!db)
            qFatal("open: %s", qPrintable(db.errorMessage()));
        return std::move(db).value();
    }

private Q_SLOTS:
    void initTestCase() { DEVDASH_PREPARE_STORE_BACKEND(m_backend); }

    void roundTrip()
    {
        store::Database db = freshStore();
        PipelineRunStore store(db);
        PipelineRun run = makeRun(
            QStringLiteral("gitlab"), QStringLiteral("101"), QStringLiteral("main"), 1, RunStatus::Failed, 0);
        run.dirty = true;
        run.name = QStringLiteral("pipeline «ünïcode» ✓");
        QVERIFY2(store.save(Repo, run), "save");
        auto back = store.run(Repo, run.provider, run.project, run.id);
        QVERIFY2(back, qPrintable(back.errorMessage()));
        QVERIFY(back->has_value());
        compareRuns(**back, run);
        QCOMPARE((*back)->stages.at(0).jobs.at(0).steps.size(), 2);
        QCOMPARE((*back)->stages.at(0).jobs.at(0).steps.at(1).finishedAt, at(2));
        QCOMPARE((*back)->stages.at(1).jobs.at(0).durationS(), 180.0);
        // A run still going: no finish time.
        PipelineRun running = makeRun(
            QStringLiteral("github"), QStringLiteral("7"), QStringLiteral("main"), 2, RunStatus::Running, 10);
        QVERIFY(store.save(Repo, running));
        auto r = store.run(Repo, running.provider, running.project, running.id);
        QVERIFY(r && r->has_value());
        QVERIFY(!(*r)->finishedAt.isValid());
        QCOMPARE((*r)->durationS(), -1.0);
        // Unknown run and unknown repository: nothing, no error.
        auto none = store.run(
            Repo, QStringLiteral("github"), QStringLiteral("team/harbor"), QStringLiteral("nope"));
        QVERIFY(none && !none->has_value());
        auto other = store.runs(QStringLiteral("/src/other"));
        QVERIFY(other && other->isEmpty());
    }

    void upsertByProviderProjectAndId()
    {
        store::Database db = freshStore();
        PipelineRunStore store(db);
        PipelineRun run = makeRun(
            QStringLiteral("github"), QStringLiteral("55"), QStringLiteral("main"), 1, RunStatus::Running, 0);
        QVERIFY(store.save(Repo, run));
        // A listing of the same run without stages, same status: the stages stay.
        PipelineRun listed = run;
        listed.stages.clear();
        QVERIFY(store.save(Repo, listed));
        auto back = store.runs(Repo);
        QVERIFY(back);
        QCOMPARE(back->size(), 1);
        QCOMPARE(back->first().stages.size(), 2);
        // It finished: the listing's new status wins, the stale stages go.
        listed.status = RunStatus::Success;
        listed.finishedAt = at(9);
        QVERIFY(store.save(Repo, listed));
        back = store.runs(Repo);
        QCOMPARE(back->size(), 1);
        QCOMPARE(back->first().status, RunStatus::Success);
        QCOMPARE(back->first().finishedAt, at(9));
        QVERIFY(back->first().stages.isEmpty());
        // The full run again: stages back.
        run.status = RunStatus::Success;
        run.finishedAt = at(9);
        QVERIFY(store.save(Repo, run));
        back = store.runs(Repo);
        QCOMPARE(back->size(), 1);
        compareRuns(back->first(), run);
        // The same id under another provider or project is another run.
        PipelineRun gitlab = run;
        gitlab.provider = QStringLiteral("gitlab");
        PipelineRun otherProject = run;
        otherProject.project = QStringLiteral("team/other");
        QVERIFY(store.saveAll(Repo, { gitlab, otherProject }));
        QCOMPARE(store.runs(Repo)->size(), 3);
        // And the same run in another repository too.
        QVERIFY(store.save(QStringLiteral("/src/fork"), run));
        QCOMPARE(store.runs(Repo)->size(), 3);
        QCOMPARE(store.runs(QStringLiteral("/src/fork"))->size(), 1);
    }

    void filtersAndOrder()
    {
        store::Database db = freshStore();
        PipelineRunStore store(db);
        QList<PipelineRun> runs {
            makeRun(QStringLiteral("github"), QStringLiteral("1"), QStringLiteral("main"), 1,
                RunStatus::Success, 0),
            makeRun(QStringLiteral("github"), QStringLiteral("2"), QStringLiteral("main"), 2,
                RunStatus::Failed, 20),
            makeRun(QStringLiteral("gitlab"), QStringLiteral("3"), QStringLiteral("feature/x"), 3,
                RunStatus::Success, 10),
            makeRun(QStringLiteral("local"), QStringLiteral("4"), QStringLiteral("main"), 2,
                RunStatus::Canceled, 30),
        };
        // Saved out of order: the order comes from the start times.
        QVERIFY(store.saveAll(Repo, { runs[2], runs[0], runs[3], runs[1] }));
        QCOMPARE(ids(*store.runs(Repo)),
            (QStringList {
                QStringLiteral("4"), QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("1") }));
        PipelineRunFilter filter;
        filter.branch = QStringLiteral("main");
        QCOMPARE(ids(*store.runs(Repo, filter)),
            (QStringList { QStringLiteral("4"), QStringLiteral("2"), QStringLiteral("1") }));
        filter.limit = 2;
        QCOMPARE(ids(*store.runs(Repo, filter)), (QStringList { QStringLiteral("4"), QStringLiteral("2") }));
        filter = {};
        filter.commit = commitId(2).toUpper(); // ids compare in lower case
        QCOMPARE(ids(*store.runs(Repo, filter)), (QStringList { QStringLiteral("4"), QStringLiteral("2") }));
        filter.provider = QStringLiteral("github");
        QCOMPARE(ids(*store.runs(Repo, filter)), QStringList { QStringLiteral("2") });

        // A queued run (no start yet) sorts by when it was first seen: newest.
        PipelineRun queued = makeRun(
            QStringLiteral("github"), QStringLiteral("5"), QStringLiteral("main"), 5, RunStatus::Queued, 0);
        queued.startedAt = QDateTime();
        QVERIFY(store.save(Repo, queued));
        QCOMPARE(store.runs(Repo)->first().id, QStringLiteral("5"));
        QVERIFY(!store.runs(Repo)->first().startedAt.isValid());

        // The newest run per branch.
        auto latest = store.latestPerBranch(Repo);
        QVERIFY2(latest, qPrintable(latest.errorMessage()));
        QCOMPARE(latest->size(), 2);
        QCOMPARE(latest->value(QStringLiteral("main")).id, QStringLiteral("5"));
        QCOMPARE(latest->value(QStringLiteral("feature/x")).id, QStringLiteral("3"));
    }

    void manyCommits()
    {
        store::Database db = freshStore();
        PipelineRunStore store(db);
        // 1000 commits with a run each (more than one IN list holds), two on commit 7.
        QList<PipelineRun> runs;
        QStringList commits;
        for (int i = 0; i < 1000; ++i) {
            runs << makeRun(QStringLiteral("github"), QString::number(i), QStringLiteral("main"), i,
                i % 10 == 3 ? RunStatus::Failed : RunStatus::Success, i);
            commits << commitId(i);
        }
        PipelineRun gitlabOn7 = makeRun(QStringLiteral("gitlab"), QStringLiteral("g7"),
            QStringLiteral("main"), 7, RunStatus::Failed, 2000);
        runs << gitlabOn7;
        // A re-run of commit 3's pipeline that passed: it replaces the failed one.
        PipelineRun rerun = makeRun(QStringLiteral("github"), QStringLiteral("3b"), QStringLiteral("main"), 3,
            RunStatus::Success, 3000);
        runs << rerun;
        QVERIFY(store.saveAll(Repo, runs));
        commits << commitId(5000); // no runs
        auto byCommit = store.runsForCommits(Repo, commits);
        QVERIFY2(byCommit, qPrintable(byCommit.errorMessage()));
        QCOMPARE(byCommit->size(), 1000);
        QCOMPARE(byCommit->value(commitId(7)).size(), 2);
        QCOMPARE(byCommit->value(commitId(7)).first().id, QStringLiteral("g7")); // newest first
        QVERIFY(!byCommit->contains(commitId(5000)));

        auto statuses = store.commitStatuses(Repo, commits);
        QVERIFY(statuses);
        QCOMPARE(statuses->size(), 1000);
        QCOMPARE(statuses->value(commitId(1)).status, RunStatus::Success);
        QCOMPARE(statuses->value(commitId(1)).checks, 1);
        QCOMPARE(statuses->value(commitId(13)).status, RunStatus::Failed);
        // Two pipelines on 7: the failed one wins.
        QCOMPARE(statuses->value(commitId(7)).status, RunStatus::Failed);
        QCOMPARE(statuses->value(commitId(7)).checks, 2);
        // The re-run replaced the failed run of the same pipeline.
        QCOMPARE(statuses->value(commitId(3)).status, RunStatus::Success);
        QCOMPARE(statuses->value(commitId(3)).checks, 1);
        QCOMPARE(statuses->value(commitId(3)).url, rerun.url);
    }

    void worstStatus()
    {
        QCOMPARE(PipelineRunStore::worst(RunStatus::Success, RunStatus::Failed), RunStatus::Failed);
        QCOMPARE(PipelineRunStore::worst(RunStatus::Running, RunStatus::Success), RunStatus::Running);
        QCOMPARE(PipelineRunStore::worst(RunStatus::Canceled, RunStatus::Running), RunStatus::Running);
        QCOMPARE(PipelineRunStore::worst(RunStatus::Skipped, RunStatus::Success), RunStatus::Success);
        QCOMPARE(PipelineRunStore::worst(RunStatus::Failed, RunStatus::Canceled), RunStatus::Failed);
    }

    void jobLogs()
    {
        store::Database db = freshStore();
        PipelineRunStore store(db);
        PipelineRun run = makeRun(QStringLiteral("local"), QStringLiteral("20261127-101010-abcdef"),
            QStringLiteral("main"), 1, RunStatus::Success, 0);
        // ANSI colours, NUL and invalid UTF-8 bytes come back exactly; a large log compresses.
        QByteArray coloured = "\x1b[31merror\x1b[0m: \xff\xfe bytes\0 after NUL\n";
        coloured.append('\0');
        QByteArray big;
        for (int i = 0; i < 200000; ++i)
            big += "[" + QByteArray::number(i) + "] compiling src/module.cpp\n";
        QHash<QString, QByteArray> logs { { run.id + QStringLiteral("-1"), coloured },
            { run.id + QStringLiteral("-2"), big } };
        QVERIFY(store.saveWithLogs(Repo, run, logs, false));
        auto first = store.jobLog(Repo, run.provider, run.project, run.id, run.id + QStringLiteral("-1"));
        QVERIFY2(first, qPrintable(first.errorMessage()));
        QVERIFY(first->has_value());
        QCOMPARE((*first)->text, coloured);
        QCOMPARE((*first)->size, qint64(coloured.size()));
        QVERIFY(!(*first)->truncated);
        auto second = store.jobLog(Repo, run.provider, run.project, run.id, run.id + QStringLiteral("-2"));
        QVERIFY(second && second->has_value());
        QCOMPARE((*second)->text, big);
        // Replaced, and marked cut.
        QVERIFY(store.saveJobLog(Repo, run, run.id + QStringLiteral("-1"), "short\n", true));
        first = store.jobLog(Repo, run.provider, run.project, run.id, run.id + QStringLiteral("-1"));
        QCOMPARE((*first)->text, QByteArray("short\n"));
        QVERIFY((*first)->truncated);
        // No such job: nothing; a log for a run that is not stored: an error saying so.
        auto missing = store.jobLog(Repo, run.provider, run.project, run.id, QStringLiteral("9.9"));
        QVERIFY(missing && !missing->has_value());
        PipelineRun unknown = run;
        unknown.id = QStringLiteral("unsaved");
        const auto refused = store.saveJobLog(Repo, unknown, QStringLiteral("1.1"), "x", false);
        QVERIFY(!refused);
        QVERIFY2(refused.errorMessage().contains(QStringLiteral("save the run first")),
            qPrintable(refused.errorMessage()));
        // Saving the run again keeps its logs.
        QVERIFY(store.save(Repo, run));
        second = store.jobLog(Repo, run.provider, run.project, run.id, run.id + QStringLiteral("-2"));
        QVERIFY(second && second->has_value());
    }

    void stagesJsonToleratesDamage()
    {
        QVERIFY(PipelineRunStore::stagesFromJson("not json").isEmpty());
        const auto stages
            = PipelineRunStore::stagesFromJson(R"([{"name":"b","status":"bogus","jobs":[{"name":"j"}]}])");
        QCOMPARE(stages.size(), 1);
        QCOMPARE(stages.first().status, RunStatus::Queued);
        QCOMPARE(stages.first().jobs.first().name, QStringLiteral("j"));
        QVERIFY(!stages.first().jobs.first().startedAt.isValid());
    }
};

DEVDASH_STORE_TEST_MAIN(TstPipelineRunStore)
#include "tst_pipelinerunstore.moc"

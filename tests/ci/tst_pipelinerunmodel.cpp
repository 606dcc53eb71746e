// PipelineRunModel under QAbstractItemModelTester: merges of live polls insert
// new runs in one batch, repaint changed rows only (contiguous rows coalesced),
// remove vanished runs, and never reset after the first load; start times in the
// shared format (DisplayTime).

#include "ci/PipelineRunModel.h"
#include "common/DisplayTime.h"

#include <QAbstractItemModelTester>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace devdash::ci;

namespace {

PipelineRun makeRun(
    int id, RunStatus status = RunStatus::Success, const QString &project = QStringLiteral("o/r"))
{
    PipelineRun run;
    run.provider = QStringLiteral("github");
    run.project = project;
    run.id = QString::number(id);
    run.name = QStringLiteral("ci");
    run.branch = id % 2 ? QStringLiteral("main") : QStringLiteral("feature/x");
    run.commit = QStringLiteral("%1").arg(id, 40, 16, QLatin1Char('a'));
    run.status = status;
    run.trigger = QStringLiteral("push");
    run.startedAt = QDateTime(QDate(2024, 3, 1), QTime(10, 0), Qt::UTC).addSecs(id * 60);
    if (!isActive(status))
        run.finishedAt = run.startedAt.addSecs(95);
    run.url = QStringLiteral("https://example.invalid/runs/%1").arg(id);
    return run;
}

QList<PipelineRun> makeRuns(const QList<int> &ids)
{
    QList<PipelineRun> runs;
    for (int id : ids)
        runs << makeRun(id);
    return runs;
}

QStringList idsOf(const PipelineRunModel &model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.runAt(row).id;
    return ids;
}

// "insert:3-4" style log of structural signals, to compare with the expected batches.
class SignalLog : public QObject
{
public:
    explicit SignalLog(QAbstractItemModel *model)
    {
        connect(
            model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
                events << QStringLiteral("insert:%1-%2").arg(first).arg(last);
            });
        connect(
            model, &QAbstractItemModel::rowsRemoved, this, [this](const QModelIndex &, int first, int last) {
                events << QStringLiteral("remove:%1-%2").arg(first).arg(last);
            });
        connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &a, const QModelIndex &b) {
                events << QStringLiteral("changed:%1-%2").arg(a.row()).arg(b.row());
            });
        connect(model, &QAbstractItemModel::modelReset, this, [this] { events << QStringLiteral("reset"); });
        connect(
            model, &QAbstractItemModel::layoutChanged, this, [this] { events << QStringLiteral("layout"); });
    }
    QStringList events;
};

} // namespace

class PipelineRunModelTest : public QObject
{
    Q_OBJECT

private slots:
    void merges_data();
    void merges();
    void oneStatusChangeAmongHundredIsOneRow();
    void scopedMergeKeepsOtherProjects();
    void rolesAndDisplay_data();
    void rolesAndDisplay();
    void stagesCountAsChanges();
    void worksBehindASortProxy();
    void startedInTheSharedFormat();
};

void PipelineRunModelTest::merges_data()
{
    QTest::addColumn<QList<int>>("initial");
    QTest::addColumn<QList<int>>("next");
    QTest::addColumn<QList<int>>("failedInNext"); // ids whose status turns failed
    QTest::addColumn<QStringList>("expectedIds");
    QTest::addColumn<QStringList>("expectedEvents");

    QTest::newRow("unchanged") << QList<int> { 1, 2, 3 } << QList<int> { 1, 2, 3 } << QList<int> {}
                               << QStringList { "1", "2", "3" } << QStringList {};
    QTest::newRow("two new, one batch") << QList<int> { 1, 2 } << QList<int> { 4, 3, 1, 2 } << QList<int> {}
                                        << QStringList { "1", "2", "4", "3" } << QStringList { "insert:2-3" };
    QTest::newRow("contiguous changes coalesce")
        << QList<int> { 1, 2, 3, 4, 5 } << QList<int> { 1, 2, 3, 4, 5 } << QList<int> { 2, 3, 5 }
        << QStringList { "1", "2", "3", "4", "5" } << QStringList { "changed:1-2", "changed:4-4" };
    QTest::newRow("vanished ranges removed bottom-up")
        << QList<int> { 1, 2, 3, 4, 5, 6 } << QList<int> { 1, 4, 6 } << QList<int> {}
        << QStringList { "1", "4", "6" } << QStringList { "remove:4-4", "remove:1-2" };
    QTest::newRow("remove, change and insert together")
        << QList<int> { 1, 2, 3 } << QList<int> { 7, 3, 1 } << QList<int> { 3 }
        << QStringList { "1", "3", "7" } << QStringList { "remove:1-1", "changed:1-1", "insert:2-2" };
    QTest::newRow("everything vanished") << QList<int> { 1, 2 } << QList<int> {} << QList<int> {}
                                         << QStringList {} << QStringList { "remove:0-1" };
}

void PipelineRunModelTest::merges()
{
    QFETCH(QList<int>, initial);
    QFETCH(QList<int>, next);
    QFETCH(QList<int>, failedInNext);
    QFETCH(QStringList, expectedIds);
    QFETCH(QStringList, expectedEvents);

    PipelineRunModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.updateRuns(makeRuns(initial));
    QCOMPARE(model.rowCount(), initial.size());

    SignalLog log(&model);
    QList<PipelineRun> runs;
    for (int id : next)
        runs << makeRun(id, failedInNext.contains(id) ? RunStatus::Failed : RunStatus::Success);
    model.updateRuns(runs);
    QCOMPARE(idsOf(model), expectedIds);
    QCOMPARE(log.events, expectedEvents);
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.rowOfKey(model.runAt(row).key()), row);
}

void PipelineRunModelTest::oneStatusChangeAmongHundredIsOneRow()
{
    PipelineRunModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<PipelineRun> runs;
    for (int id = 1; id <= 100; ++id)
        runs << makeRun(id, id == 42 ? RunStatus::Running : RunStatus::Success);
    model.updateRuns(runs);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy aboutToReset(&model, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    runs[41].status = RunStatus::Failed;
    runs[41].finishedAt = runs[41].startedAt.addSecs(300);
    model.updateRuns(runs);

    QCOMPARE(changed.count(), 1);
    const auto top = changed.first().at(0).value<QModelIndex>();
    const auto bottom = changed.first().at(1).value<QModelIndex>();
    const int row = model.rowOfKey(runs[41].key());
    QCOMPARE(top.row(), row);
    QCOMPARE(bottom.row(), row);
    QCOMPARE(top.column(), 0);
    QCOMPARE(bottom.column(), PipelineRunModel::ColumnCount - 1);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(aboutToReset.count(), 0);
    QCOMPARE(layout.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(model.index(row, 0).data(PipelineRunModel::StatusRole).toInt(), int(RunStatus::Failed));

    // The same list again: nothing at all.
    model.updateRuns(runs);
    QCOMPARE(changed.count(), 1);
}

void PipelineRunModelTest::scopedMergeKeepsOtherProjects()
{
    PipelineRunModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.updateRuns({ makeRun(1, RunStatus::Success, QStringLiteral("a/a")),
        makeRun(2, RunStatus::Success, QStringLiteral("b/b")) });
    SignalLog log(&model);
    // A poll of b/b that lists run 3 only: run 2 vanishes, a/a's run stays.
    model.updateRuns({ makeRun(3, RunStatus::Running, QStringLiteral("b/b")) }, QStringLiteral("github"),
        QStringLiteral("b/b"));
    QCOMPARE(idsOf(model), (QStringList { "1", "3" }));
    QCOMPARE(log.events, (QStringList { "remove:1-1", "insert:1-1" }));
}

void PipelineRunModelTest::rolesAndDisplay_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("role");
    QTest::addColumn<QVariant>("expected");

    const PipelineRun run = makeRun(3, RunStatus::Failed);
    QTest::newRow("status text") << int(PipelineRunModel::StatusColumn) << int(Qt::DisplayRole)
                                 << QVariant(QStringLiteral("failed"));
    QTest::newRow("name") << int(PipelineRunModel::NameColumn) << int(Qt::DisplayRole)
                          << QVariant(QStringLiteral("ci"));
    QTest::newRow("branch") << int(PipelineRunModel::BranchColumn) << int(Qt::DisplayRole)
                            << QVariant(QStringLiteral("main"));
    QTest::newRow("short commit") << int(PipelineRunModel::CommitColumn) << int(Qt::DisplayRole)
                                  << QVariant(run.commit.left(10));
    QTest::newRow("full commit tooltip")
        << int(PipelineRunModel::CommitColumn) << int(Qt::ToolTipRole) << QVariant(run.commit);
    QTest::newRow("trigger") << int(PipelineRunModel::TriggerColumn) << int(Qt::DisplayRole)
                             << QVariant(QStringLiteral("push"));
    QTest::newRow("duration") << int(PipelineRunModel::DurationColumn) << int(Qt::DisplayRole)
                              << QVariant(QStringLiteral("1 min 35 s"));
    QTest::newRow("duration sorts by seconds")
        << int(PipelineRunModel::DurationColumn) << int(PipelineRunModel::SortRole) << QVariant(95.0);
    QTest::newRow("provider") << int(PipelineRunModel::ProviderColumn) << int(Qt::DisplayRole)
                              << QVariant(QStringLiteral("github"));
    QTest::newRow("key role") << 0 << int(PipelineRunModel::RunKeyRole) << QVariant(run.key());
    QTest::newRow("status role") << 0 << int(PipelineRunModel::StatusRole)
                                 << QVariant(int(RunStatus::Failed));
    QTest::newRow("status name role")
        << 0 << int(PipelineRunModel::StatusNameRole) << QVariant(QStringLiteral("failed"));
    QTest::newRow("commit role") << 0 << int(PipelineRunModel::CommitRole) << QVariant(run.commit);
    QTest::newRow("branch role") << 0 << int(PipelineRunModel::BranchRole)
                                 << QVariant(QStringLiteral("main"));
    QTest::newRow("started role") << 0 << int(PipelineRunModel::StartedRole) << QVariant(run.startedAt);
    QTest::newRow("active role") << 0 << int(PipelineRunModel::ActiveRole) << QVariant(false);
    QTest::newRow("url role") << 0 << int(PipelineRunModel::UrlRole) << QVariant(run.url);
}

void PipelineRunModelTest::rolesAndDisplay()
{
    QFETCH(int, column);
    QFETCH(int, role);
    QFETCH(QVariant, expected);
    PipelineRunModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.updateRuns({ makeRun(3, RunStatus::Failed) });
    QCOMPARE(model.index(0, column).data(role), expected);
    const auto run = model.index(0, 0).data(PipelineRunModel::RunRole).value<PipelineRun>();
    QCOMPARE(run.key(), makeRun(3).key());
}

void PipelineRunModelTest::stagesCountAsChanges()
{
    PipelineRunModel model;
    PipelineRun run = makeRun(1, RunStatus::Running);
    PipelineJob job;
    job.id = QStringLiteral("j1");
    job.name = QStringLiteral("compile");
    job.status = RunStatus::Running;
    run.stages = { PipelineStage { QStringLiteral("build"), RunStatus::Running, { job } } };
    model.updateRuns({ run });
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    run.stages[0].jobs[0].status = RunStatus::Success; // only a job deep inside changed
    model.updateRuns({ run });
    QCOMPARE(changed.count(), 1);
    // Equal instants in another zone are not a change.
    run.startedAt = run.startedAt.toOffsetFromUtc(3600);
    model.updateRuns({ run });
    QCOMPARE(changed.count(), 1);
}

void PipelineRunModelTest::worksBehindASortProxy()
{
    PipelineRunModel model;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(PipelineRunModel::SortRole);
    proxy.sort(PipelineRunModel::StartedColumn, Qt::DescendingOrder);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.updateRuns(makeRuns({ 1, 2, 3 }));
    model.updateRuns(makeRuns({ 5, 1, 2, 3 }));
    QCOMPARE(proxy.index(0, 0).data(PipelineRunModel::RunKeyRole).toString(), makeRun(5).key());
    QCOMPARE(proxy.index(3, 0).data(PipelineRunModel::RunKeyRole).toString(), makeRun(1).key());
}

// "12 min ago" in the cell, the exact time in its tooltip, the instant for sorting; a
// queued run without a start shows "—".
void PipelineRunModelTest::startedInTheSharedFormat()
{
    using devdash::DisplayTime;
    const PipelineRun run = makeRun(3); // started 2024-03-01 10:03 UTC
    DisplayTime::setNowForTesting(run.startedAt.addSecs(12 * 60));
    QLocale::setDefault(QLocale(QStringLiteral("en_GB")));
    const auto restore = qScopeGuard([] {
        DisplayTime::setNowForTesting({});
        QLocale::setDefault(QLocale::system());
    });
    PipelineRun queued = makeRun(4, RunStatus::Queued);
    queued.startedAt = {};
    PipelineRunModel model;
    model.updateRuns({ run, queued });
    auto cell = [&](const PipelineRun &r) {
        for (int row = 0; row < model.rowCount(); ++row)
            if (model.index(row, 0).data(PipelineRunModel::RunKeyRole) == QVariant(r.key()))
                return model.index(row, PipelineRunModel::StartedColumn);
        return QModelIndex();
    };
    const QModelIndex started = cell(run);
    QCOMPARE(started.data().toString(), QStringLiteral("12 min ago"));
    QCOMPARE(started.data(Qt::ToolTipRole).toString(), QStringLiteral("Friday, 1 March 2024 10:03:00 UTC"));
    QCOMPARE(started.data(PipelineRunModel::SortRole).toLongLong(), run.startedAt.toMSecsSinceEpoch());
    QCOMPARE(cell(queued).data().toString(), QStringLiteral("—"));
    DisplayTime::setNowForTesting(run.startedAt.addDays(30));
    QCOMPARE(started.data().toString(), QStringLiteral("01/03/2024 10:03"));
}

QTEST_GUILESS_MAIN(PipelineRunModelTest)
#include "tst_pipelinerunmodel.moc"

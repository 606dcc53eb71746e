// The Tests page's item models under QAbstractItemModelTester: runs (merging
// live updates without resets), a run's tree, a comparison, a test's history and
// flaky findings; their times in the shared format (DisplayTime).

#include "common/DisplayTime.h"
#include "testresults/ComparisonModel.h"
#include "testresults/FlakyTableModel.h"
#include "testresults/RunListModel.h"
#include "testresults/RunTreeModel.h"
#include "testresults/TestHistoryModel.h"

#include <QAbstractItemModelTester>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>

using namespace devdash::testresults;

namespace {
RunSummary makeRun(qint64 id, int failed, int minutes)
{
    RunSummary run;
    run.id = id;
    run.commit = QStringLiteral("%1").arg(id, 40, 10, QLatin1Char('a'));
    run.branch = QStringLiteral("main");
    run.source = QStringLiteral("local");
    run.importedAt = QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC).addSecs(minutes * 60);
    run.counts.tests = 10;
    run.counts.failed = failed;
    run.counts.passed = 10 - failed;
    run.counts.durationS = 1.5;
    return run;
}

// Newest first, ids descending by time.
QList<RunSummary> runs(const QList<int> &ids)
{
    QList<RunSummary> list;
    for (int id : ids)
        list << makeRun(id, id % 3 == 0 ? 1 : 0, id);
    return list;
}

CaseResult makeCase(const QString &cls, const QString &name, TestStatus status)
{
    CaseResult result;
    result.key = cls + QStringLiteral("::") + name;
    result.className = cls;
    result.name = name;
    result.status = status;
    result.durationS = 0.25;
    if (isFailing(status)) {
        result.message = QStringLiteral("expected 1 but was 2");
        result.details = QStringLiteral("at Foo.bar(Foo.java:12)");
    }
    return result;
}
} // namespace

class TestsModelsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runList_data();
    void runList();
    void runListMergesWithoutReset();
    void runListAbbreviatesLargeCounts();
    void runTree_data();
    void runTree();
    void comparison_data();
    void comparison();
    void history_data();
    void history();
    void flaky_data();
    void flaky();
    void timesInTheSharedFormat();
};

void TestsModelsTest::runList_data()
{
    QTest::addColumn<QList<int>>("first");
    QTest::addColumn<QList<int>>("second");
    QTest::addColumn<QList<int>>("expected");
    QTest::newRow("empty") << QList<int> {} << QList<int> {} << QList<int> {};
    QTest::newRow("new runs on top") << QList<int> { 3, 2, 1 } << QList<int> { 5, 4, 3, 2, 1 }
                                     << QList<int> { 5, 4, 3, 2, 1 };
    QTest::newRow("a run deleted") << QList<int> { 3, 2, 1 } << QList<int> { 3, 1 } << QList<int> { 3, 1 };
    QTest::newRow("insert and delete")
        << QList<int> { 4, 3, 2, 1 } << QList<int> { 6, 4, 2, 1 } << QList<int> { 6, 4, 2, 1 };
    QTest::newRow("all gone") << QList<int> { 2, 1 } << QList<int> {} << QList<int> {};
    QTest::newRow("from nothing") << QList<int> {} << QList<int> { 2, 1 } << QList<int> { 2, 1 };
}

void TestsModelsTest::runList()
{
    QFETCH(QList<int>, first);
    QFETCH(QList<int>, second);
    QFETCH(QList<int>, expected);
    RunListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRuns(runs(first));
    QCOMPARE(model.rowCount(), first.size());
    model.setRuns(runs(second));
    QCOMPARE(model.rowCount(), expected.size());
    for (int row = 0; row < expected.size(); ++row) {
        QCOMPARE(model.index(row, 0).data(RunListModel::RunIdRole).toLongLong(), qint64(expected.at(row)));
        for (int column = 0; column < RunListModel::ColumnCount; ++column)
            QVERIFY(model.index(row, column).data(Qt::DisplayRole).isValid()
                || column == RunListModel::SourceColumn);
    }
}

// A report of two million cases: the count columns abbreviate (a narrow column never cuts
// "2000000" to "20000…"), the exact figures are in the tooltip, sorting stays numeric.
void TestsModelsTest::runListAbbreviatesLargeCounts()
{
    RunListModel model;
    QList<RunSummary> big = runs({ 1 });
    big[0].counts.tests = 2'000'000 + 45'678 + 1'234;
    big[0].counts.passed = 2'000'000;
    big[0].counts.failed = 45'678;
    big[0].counts.skipped = 1'234;
    big[0].counts.errored = 0;
    big[0].counts.flaky = 0;
    model.setRuns(big);
    QCOMPARE(model.index(0, RunListModel::PassedColumn).data().toString(), QStringLiteral("2.0M"));
    QCOMPARE(model.index(0, RunListModel::FailedColumn).data().toString(), QStringLiteral("45.7k"));
    QCOMPARE(model.index(0, RunListModel::SkippedColumn).data().toString(), QStringLiteral("1.2k"));
    QCOMPARE(model.index(0, RunListModel::ErroredColumn).data().toInt(), 0);
    const QString tip = model.index(0, RunListModel::FailedColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QLocale().toString(45678)), qPrintable(tip));
    QCOMPARE(model.index(0, RunListModel::FailedColumn).data(RunListModel::SortRole).toInt(), 45678);
}

void TestsModelsTest::runListMergesWithoutReset()
{
    RunListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRuns(runs({ 3, 2, 1 }));
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    QList<RunSummary> next = runs({ 5, 4, 3, 2, 1 });
    next[3].counts.failed = 4; // run 2 changed
    model.setRuns(next);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(inserts.size(), 1); // one batch for runs 5 and 4
    QCOMPARE(changes.size(), 1);
    QCOMPARE(model.index(3, RunListModel::FailedColumn).data().toInt(), 4);
    // Older pages stay when the newest page is reloaded.
    model.setHasMore(true);
    QSignalSpy more(&model, &RunListModel::moreRequested);
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QCOMPARE(more.size(), 1);
    QCOMPARE(more.first().first().toInt(), 5);
    QList<RunSummary> older;
    older << makeRun(0, 0, -10);
    model.appendRuns(older, false);
    QCOMPARE(model.rowCount(), 6);
    model.setRuns(runs({ 5, 4, 3, 2, 1 }));
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.rowOfRun(0), 5);
}

void TestsModelsTest::runTree_data()
{
    QTest::addColumn<int>("suites");
    QTest::addColumn<int>("casesPerSuite");
    QTest::addColumn<int>("failing");
    QTest::newRow("empty run") << 0 << 0 << 0;
    QTest::newRow("one suite") << 1 << 3 << 1;
    QTest::newRow("several") << 4 << 5 << 2;
    QTest::newRow("empty suites") << 3 << 0 << 0;
}

void TestsModelsTest::runTree()
{
    QFETCH(int, suites);
    QFETCH(int, casesPerSuite);
    QFETCH(int, failing);
    RunDetails details;
    details.run.id = 7;
    for (int s = 0; s < suites; ++s) {
        SuiteResult suite;
        suite.name = suite.path = QStringLiteral("Suite%1").arg(s);
        for (int c = 0; c < casesPerSuite; ++c)
            suite.cases << makeCase(suite.name, QStringLiteral("t%1").arg(c),
                c < failing ? TestStatus::Failed : TestStatus::Passed);
        details.suites << suite;
    }
    RunTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRun(details);
    QCOMPARE(model.rowCount(), suites);
    for (int s = 0; s < suites; ++s) {
        const QModelIndex suite = model.index(s, 0);
        QCOMPARE(model.rowCount(suite), casesPerSuite);
        QCOMPARE(suite.data(RunTreeModel::KindRole).toInt(), int(RunTreeModel::Kind::Suite));
        QCOMPARE(suite.data(RunTreeModel::FailingCountRole).toInt(), qMin(failing, casesPerSuite));
        for (int c = 0; c < casesPerSuite; ++c) {
            const QModelIndex test = model.index(c, RunTreeModel::StatusColumn, suite);
            QCOMPARE(test.parent(), suite);
            QCOMPARE(test.data(RunTreeModel::KindRole).toInt(), int(RunTreeModel::Kind::Case));
            QCOMPARE(TestStatus(test.data(RunTreeModel::StatusRole).toInt()),
                c < failing ? TestStatus::Failed : TestStatus::Passed);
            QCOMPARE(model.caseAt(test)->name, QStringLiteral("t%1").arg(c));
            if (c < failing)
                QVERIFY(test.data(RunTreeModel::DetailsRole).toString().contains(QLatin1String("Foo.java")));
        }
    }
    if (suites > 0 && casesPerSuite > 0)
        QCOMPARE(model.indexOfCase(QStringLiteral("Suite0::t0")).row(), 0);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestsModelsTest::comparison_data()
{
    QTest::addColumn<int>("newFailures");
    QTest::addColumn<int>("fixed");
    QTest::addColumn<int>("removed");
    QTest::newRow("nothing changed") << 0 << 0 << 0;
    QTest::newRow("a regression") << 1 << 0 << 0;
    QTest::newRow("mixed") << 2 << 3 << 1;
}

void TestsModelsTest::comparison()
{
    QFETCH(int, newFailures);
    QFETCH(int, fixed);
    QFETCH(int, removed);
    RunComparison comparison;
    auto add = [](QList<ComparedTest> &list, int n, std::optional<TestStatus> base,
                   std::optional<TestStatus> head) {
        for (int i = 0; i < n; ++i) {
            ComparedTest test;
            test.key = QStringLiteral("C::t%1").arg(list.size());
            test.className = QStringLiteral("C");
            test.name = QStringLiteral("t%1").arg(list.size());
            test.base = base;
            test.head = head;
            test.baseDurationS = 1;
            test.headDurationS = 1.5;
            list << test;
        }
    };
    add(comparison.newFailures, newFailures, TestStatus::Passed, TestStatus::Failed);
    add(comparison.fixed, fixed, TestStatus::Failed, TestStatus::Passed);
    add(comparison.removedTests, removed, TestStatus::Passed, std::nullopt);
    ComparisonModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setComparison(comparison);
    QCOMPARE(model.rowCount(), ComparisonModel::SectionCount);
    QCOMPARE(model.rowCount(model.sectionIndex(ComparisonModel::Section::NewFailures)), newFailures);
    QCOMPARE(model.rowCount(model.sectionIndex(ComparisonModel::Section::Fixed)), fixed);
    QCOMPARE(model.rowCount(model.sectionIndex(ComparisonModel::Section::RemovedTests)), removed);
    QCOMPARE(
        model.sectionIndex(ComparisonModel::Section::Fixed).data(ComparisonModel::CountRole).toInt(), fixed);
    if (removed > 0) {
        const QModelIndex test = model.index(
            0, ComparisonModel::HeadColumn, model.sectionIndex(ComparisonModel::Section::RemovedTests));
        QCOMPARE(test.data(ComparisonModel::StatusRole).toInt(), -1);
        QCOMPARE(test.data().toString(), QStringLiteral("absent"));
    }
    if (newFailures > 0) {
        const QModelIndex test = model.index(
            0, ComparisonModel::TestColumn, model.sectionIndex(ComparisonModel::Section::NewFailures));
        QCOMPARE(test.data(ComparisonModel::TestKeyRole).toString(), QStringLiteral("C::t0"));
        QVERIFY(test.siblingAtColumn(ComparisonModel::DurationColumn)
                    .data()
                    .toString()
                    .contains(QLatin1Char('+')));
    }
}

void TestsModelsTest::history_data()
{
    QTest::addColumn<QString>("statuses"); // newest first
    QTest::addColumn<int>("age");
    QTest::newRow("none") << QString() << 0;
    QTest::newRow("passing") << QStringLiteral("PPF") << 0;
    QTest::newRow("failing for two") << QStringLiteral("FFPF") << 2;
}

void TestsModelsTest::history()
{
    QFETCH(QString, statuses);
    QFETCH(int, age);
    TestHistory history;
    history.key = QStringLiteral("C::t");
    history.className = QStringLiteral("C");
    history.name = QStringLiteral("t");
    for (int i = 0; i < statuses.size(); ++i) {
        HistoryEntry entry;
        entry.runId = 100 - i;
        entry.commit = QStringLiteral("abcdef%1").arg(i);
        entry.time = QDateTime(QDate(2024, 1, 10 - i), QTime(12, 0), Qt::UTC);
        entry.status = statuses.at(i) == QLatin1Char('F') ? TestStatus::Failed : TestStatus::Passed;
        entry.durationS = 0.1 * (i + 1);
        history.entries << entry;
    }
    history.age = age;
    if (age > 0)
        history.failingSince = history.entries.at(age - 1);
    TestHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setHistory(history);
    QCOMPARE(model.rowCount(), statuses.size());
    for (int row = 0; row < statuses.size(); ++row)
        QCOMPARE(model.index(row, 0).data(TestHistoryModel::InStreakRole).toBool(), row < age);
    if (age > 0)
        QVERIFY(model.streakText().contains(QStringLiteral("#%1").arg(100 - (age - 1))));
    else if (!statuses.isEmpty())
        QVERIFY(model.streakText().startsWith(QLatin1String("Passing")));
}

void TestsModelsTest::flaky_data()
{
    QTest::addColumn<int>("count");
    QTest::newRow("none") << 0;
    QTest::newRow("some") << 3;
}

void TestsModelsTest::flaky()
{
    QFETCH(int, count);
    QList<FlakyFinding> findings;
    for (int i = 0; i < count; ++i) {
        FlakyFinding finding;
        finding.testId = i + 1;
        finding.key = QStringLiteral("C::t%1").arg(i);
        finding.className = QStringLiteral("C");
        finding.name = QStringLiteral("t%1").arg(i);
        finding.kind = FlakyKind(i % 3);
        finding.rate = 0.5 / (i + 1);
        finding.occurrences = 2;
        finding.observations = 4;
        finding.branch = QStringLiteral("main");
        finding.runIds = { 1, 2, 3 };
        finding.commits = { QStringLiteral("aaaaaaaaaa"), QStringLiteral("bbbbbbbbbb") };
        finding.lastSeen = QDateTime(QDate(2024, 2, 1), QTime(8, 0), Qt::UTC);
        findings << finding;
    }
    FlakyTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFindings(findings);
    QCOMPARE(model.rowCount(), count);
    for (int row = 0; row < count; ++row) {
        QCOMPARE(model.index(row, 0).data(FlakyTableModel::RunIdsRole).toList().size(), 3);
        QVERIFY(!model.index(row, FlakyTableModel::EvidenceColumn).data().toString().isEmpty());
        QCOMPARE(model.index(row, FlakyTableModel::KindColumn).data().toString(),
            FlakyTableModel::kindTitle(FlakyKind(row % 3)));
    }
}

// Runs, a test's history and flaky findings show times as DisplayTime does (relative
// when recent), the exact time in the tooltip, and still sort by the time itself.
void TestsModelsTest::timesInTheSharedFormat()
{
    using devdash::DisplayTime;
    const QDateTime now(QDate(2024, 1, 2), QTime(12, 0), Qt::UTC); // shown in UTC
    DisplayTime::setNowForTesting(now);
    QLocale::setDefault(QLocale(QStringLiteral("en_GB")));
    const auto restore = qScopeGuard([] {
        DisplayTime::setNowForTesting({});
        QLocale::setDefault(QLocale::system());
    });

    RunListModel runs;
    QList<RunSummary> list { makeRun(2, 0, 24 * 60 + 11 * 60 + 55), makeRun(1, 0, 14 * 60 + 5) };
    runs.setRuns(list); // 2024-01-02 11:55 and 2024-01-01 14:05
    const QModelIndex newest = runs.index(0, RunListModel::WhenColumn);
    QCOMPARE(newest.data().toString(), QStringLiteral("5 min ago"));
    QCOMPARE(runs.index(1, RunListModel::WhenColumn).data().toString(), QStringLiteral("yesterday 14:05"));
    QCOMPARE(newest.data(Qt::ToolTipRole).toString(), QStringLiteral("Tuesday, 2 January 2024 11:55:00 UTC"));
    QCOMPARE(newest.data(RunListModel::SortRole).toDateTime(), list.at(0).importedAt);

    TestHistory history;
    HistoryEntry entry;
    entry.runId = 7;
    entry.commit = QStringLiteral("abcdef0");
    entry.time = QDateTime(QDate(2023, 12, 20), QTime(9, 30), Qt::UTC);
    entry.status = TestStatus::Failed;
    history.entries << entry;
    history.age = 1;
    history.failingSince = entry;
    TestHistoryModel historyModel;
    historyModel.setHistory(history);
    const QModelIndex when = historyModel.index(0, TestHistoryModel::WhenColumn);
    QCOMPARE(when.data().toString(), QStringLiteral("20/12/2023 09:30"));
    QCOMPARE(
        when.data(Qt::ToolTipRole).toString(), QStringLiteral("Wednesday, 20 December 2023 09:30:00 UTC"));
    QCOMPARE(when.data(TestHistoryModel::SortRole).toDateTime(), entry.time);
    QVERIFY2(historyModel.streakText().contains(QStringLiteral("20/12/2023 09:30")),
        qPrintable(historyModel.streakText()));

    FlakyFinding finding;
    finding.key = QStringLiteral("C::t");
    finding.name = QStringLiteral("t");
    finding.lastSeen = QDateTime(QDate(2023, 12, 30), QTime(8, 0), Qt::UTC);
    FlakyTableModel flaky;
    flaky.setFindings({ finding });
    const QModelIndex seen = flaky.index(0, FlakyTableModel::LastSeenColumn);
    QCOMPARE(seen.data().toString(), QStringLiteral("3 days ago"));
    QCOMPARE(
        seen.data(Qt::ToolTipRole).toString(), QStringLiteral("Saturday, 30 December 2023 08:00:00 UTC"));
    QCOMPARE(seen.data(FlakyTableModel::SortRole).toDateTime(), finding.lastSeen);
}

QTEST_GUILESS_MAIN(TestsModelsTest)
#include "tst_testsmodels.moc"

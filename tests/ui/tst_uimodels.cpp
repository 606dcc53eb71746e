// The item models the UI adds (ChangedFilesModel, CommitListModel) and the proxies the
// pages put over them, under QAbstractItemModelTester.

#include "common/DisplayTime.h"
#include "git/ChangedFilesModel.h"
#include "git/ChangedFilesView.h"
#include "git/CommitListModel.h"

#include <QAbstractItemModelTester>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace devdash;

class TestUiModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void changedFiles();
    void changedFilesSortedView();
    void commitList();
};

static QList<git::FileChange> sampleChanges()
{
    git::FileChange added { QStringLiteral("src/new.cpp"), {}, git::ChangeStatus::Added, 40, 0, false, false,
        0 };
    git::FileChange renamed { QStringLiteral("src/b.cpp"), QStringLiteral("src/a.cpp"),
        git::ChangeStatus::Renamed, 2, 1, false, false, 92 };
    git::FileChange binary { QStringLiteral("logo.png"), {}, git::ChangeStatus::Modified, 0, 0, true, false,
        0 };
    git::FileChange huge { QStringLiteral("data/dump.sql"), {}, git::ChangeStatus::Modified, 0, 0, true, true,
        0 };
    git::FileChange deleted { QStringLiteral("old.txt"), QStringLiteral("old.txt"),
        git::ChangeStatus::Deleted, 0, 7, false, false, 0 };
    return { added, renamed, binary, huge, deleted };
}

void TestUiModels::changedFiles()
{
    git::ChangedFilesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setChanges(sampleChanges());
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), int(git::ChangedFilesModel::ColumnCount));
    QCOMPARE(model.totalAdditions(), 42);
    QCOMPARE(model.totalDeletions(), 8);
    const QModelIndex renamed = model.index(1, git::ChangedFilesModel::PathColumn);
    QCOMPARE(renamed.data().toString(), QStringLiteral("src/a.cpp → src/b.cpp"));
    QCOMPARE(renamed.data(git::ChangedFilesModel::StatusLetterRole).toString(), QStringLiteral("R"));
    QCOMPARE(renamed.data(git::ChangedFilesModel::PathRole).toString(), QStringLiteral("src/b.cpp"));
    QVERIFY(model.index(2, 0).data(git::ChangedFilesModel::IsBinaryRole).toBool());
    QVERIFY(
        !model.index(2, git::ChangedFilesModel::AdditionsColumn).data().isValid()); // no counts for binaries
    QVERIFY(model.index(3, 0).data(git::ChangedFilesModel::IsTooLargeRole).toBool());
    QVERIFY(model.index(3, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("too large")));
    const auto change
        = model.index(4, 0).data(git::ChangedFilesModel::FileChangeRole).value<git::FileChange>();
    QCOMPARE(change.status, git::ChangeStatus::Deleted);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestUiModels::changedFilesSortedView()
{
    ui::ChangedFilesView view;
    QAbstractItemModelTester tester(
        view.proxyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.setChanges(sampleChanges());
    QSortFilterProxyModel *proxy = view.proxyModel();
    QCOMPARE(proxy->rowCount(), 5);
    // Sorted by path by default; by deletions when asked (binaries last).
    QCOMPARE(
        proxy->index(0, git::ChangedFilesModel::PathColumn).data(git::ChangedFilesModel::PathRole).toString(),
        QStringLiteral("data/dump.sql"));
    view.sortByColumn(git::ChangedFilesModel::DeletionsColumn, Qt::DescendingOrder);
    QCOMPARE(proxy->index(0, 0).data(git::ChangedFilesModel::PathRole).toString(), QStringLiteral("old.txt"));
    QSignalSpy selected(&view, &ui::ChangedFilesView::fileSelected);
    QVERIFY(view.selectPath(QStringLiteral("src/b.cpp")));
    QCOMPARE(selected.count(), 1);
    QCOMPARE(view.currentChange()->oldPath, QStringLiteral("src/a.cpp"));
}

void TestUiModels::commitList()
{
    ui::CommitListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(ui::CommitListModel::SortRole);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QDateTime t0 = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    std::vector<ui::CommitRow> rows {
        { QString(40, QLatin1Char('a')), QStringLiteral("Second"), QStringLiteral("Bob"), t0.addSecs(60) },
        { QString(40, QLatin1Char('b')), QStringLiteral("First"), QStringLiteral("Ann"), t0 },
    };
    model.setCommits(rows, 5000);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.total(), 5000);
    QCOMPARE(model.index(0, ui::CommitListModel::CommitColumn).data().toString(), QStringLiteral("aaaaaaa"));
    {
        // Dates read as on the other pages; the exact time is in the tooltip.
        DisplayTime::setNowForTesting(t0.addDays(3));
        QLocale::setDefault(QLocale(QStringLiteral("en_GB")));
        const auto restore = qScopeGuard([] {
            DisplayTime::setNowForTesting({});
            QLocale::setDefault(QLocale::system());
        });
        QCOMPARE(
            model.index(0, ui::CommitListModel::DateColumn).data().toString(), QStringLiteral("3 days ago"));
        QVERIFY(model.index(0, 0)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .endsWith(QStringLiteral("Bob, Tuesday, 14 November 2023 22:14:20 UTC")));
    }
    proxy.sort(ui::CommitListModel::DateColumn, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, ui::CommitListModel::SummaryColumn).data().toString(), QStringLiteral("First"));
    model.clear();
    QCOMPARE(proxy.rowCount(), 0);
}

QTEST_MAIN(TestUiModels)
#include "tst_uimodels.moc"

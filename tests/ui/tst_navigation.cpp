// Links between pages land on what they name, in a real window offscreen: a link to
// a commit selects that commit in History (loading rows far below the first page,
// or in "All refs" when the history shown does not contain it), from Compare, the
// Overview, the Deployments timeline and Pipelines; and opening a folder that is
// not a repository keeps the repository open so far.

#include "Scenarios.h"
#include "TestEnvironment.h"
#include "TestRepo.h"

#include "common/JobTracker.h"
#include "common/Workspace.h"
#include "demo/DemoWorkspace.h"
#include "deploy/DeploymentTimelineModel.h"
#include "deploy/DeploymentsPage.h"
#include "git/CommitDetailView.h"
#include "git/CommitListModel.h"
#include "git/ComparePage.h"
#include "git/HistoryModel.h"
#include "git/HistoryPage.h"
#include "overview/OverviewCard.h"
#include "overview/OverviewPage.h"
#include "pipelines/PipelinesPage.h"
#include "shell/MainWindow.h"
#include "shell/MessagePanel.h"
#include "store/StoreLocation.h"
#include "tests/TestStoreAccess.h"

#include "ci/PipelineRunModel.h"

#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace devdash;
using devdash::test::TestRepo;

namespace {
constexpr int LoadTimeout = 30000;

ui::HistoryPage *historyOf(ui::MainWindow &window)
{
    return qobject_cast<ui::HistoryPage *>(window.page(QStringLiteral("history")));
}

// The row of the selected commit is on screen (not only selected).
bool selectionVisible(ui::HistoryPage *history)
{
    const QModelIndex current = history->view()->currentIndex();
    return current.isValid()
        && history->view()->viewport()->rect().intersects(history->view()->visualRect(current));
}

// The list of Compare that shows `model` (through its sorting proxy).
QTreeView *listOf(ui::ComparePage *compare, ui::CommitListModel *model)
{
    for (QTreeView *view : compare->findChildren<QTreeView *>())
        if (auto *proxy = qobject_cast<QSortFilterProxyModel *>(view->model());
            proxy && proxy->sourceModel() == model)
            return view;
    return nullptr;
}

// Double-clicks the row of `model` that is `row` in the model.
void doubleClickRow(QTreeView *list, ui::CommitListModel *model, int row)
{
    auto *proxy = static_cast<QSortFilterProxyModel *>(list->model());
    const QModelIndex index = proxy->mapFromSource(model->index(row, ui::CommitListModel::SummaryColumn));
    list->setCurrentIndex(index);
    Q_EMIT list->doubleClicked(index);
}

bool openAndWait(ui::MainWindow &window, const QString &repo)
{
    window.resize(1280, 800);
    window.show();
    window.openRepository(repo);
    return QTest::qWaitFor([&] { return window.isPageShown() && window.jobs()->isIdle(); }, LoadTimeout);
}
} // namespace

class TestNavigation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void compareLinkLoadsFarBelowTheFirstPage();
    void commitNotOnTheBranchShownSwitchesToAllRefs();
    void linkKeepsTheScopeShownWhenItHasTheCommit();
    void demoCommitLinks();
    void failedOpenKeepsTheRepository();

private:
    // main: 1500 commits; release: 3 commits on main~1300, not on main.
    TestRepo m_repo { QStringLiteral("long") };
    QString m_deep; // main~1200: far below the first page of main's history
    QString m_releaseTip;
    QTemporaryDir m_dir;
    demo::DemoWorkspace m_demo;
    std::optional<store::StoreLocation> m_emptyStore;
};

void TestNavigation::initTestCase()
{
    QVERIFY(test::TestEnvironment::setUp());
    QStandardPaths::setTestModeEnabled(true);
    m_repo.init();
    test::FastImport import;
    int mark = 0, forkPoint = 0;
    for (int i = 0; i < 1500; ++i) {
        mark = import.commit(QStringLiteral("refs/heads/main"), mark ? QList<int> { mark } : QList<int> {},
            TestRepo::BaseTime + i * 60, QStringLiteral("Step %1").arg(i),
            { { QStringLiteral("step.txt"), QByteArray::number(i) + "\n" } });
        if (i == 199)
            forkPoint = mark;
    }
    int release = forkPoint;
    for (int i = 0; i < 3; ++i)
        release = import.commit(QStringLiteral("refs/heads/release"), { release },
            TestRepo::BaseTime + 200 * 60 + i * 7, QStringLiteral("Release fix %1").arg(i),
            { { QStringLiteral("release.txt"), QByteArray::number(i) + "\n" } });
    import.run(m_repo);
    QVERIFY2(m_repo.ok(), qPrintable(m_repo.errors()));
    m_deep = m_repo.revParse(QStringLiteral("main~1200"));
    m_releaseTip = m_repo.revParse(QStringLiteral("release"));
    QCOMPARE(m_repo.revParse(QStringLiteral("release~3")), m_repo.revParse(QStringLiteral("main~1300")));

    QVERIFY(m_dir.isValid());
    auto demo = demo::DemoWorkspace::create(m_dir.filePath(QStringLiteral("demo")));
    QVERIFY2(demo, qPrintable(demo.errorMessage()));
    m_demo = *demo;
    auto empty = store::StoreLocation::parse(m_dir.filePath(QStringLiteral("empty-store.sqlite")));
    QVERIFY2(empty, qPrintable(empty.errorMessage()));
    m_emptyStore = *empty;
}

void TestNavigation::cleanupTestCase()
{
    ui::TestStoreAccess::setLocation(std::nullopt);
}

void TestNavigation::compareLinkLoadsFarBelowTheFirstPage()
{
    ui::TestStoreAccess::setLocation(m_emptyStore);
    ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
    window.showPage(QStringLiteral("compare"));
    QVERIFY(openAndWait(window, m_repo.path()));
    auto *compare = qobject_cast<ui::ComparePage *>(window.page(QStringLiteral("compare")));
    auto *history = historyOf(window);
    compare->compare(QStringLiteral("main"), QStringLiteral("release"));
    QTRY_VERIFY_WITH_TIMEOUT(compare->isReady() && window.jobs()->isIdle(), LoadTimeout);
    QCOMPARE(compare->onlyInBase()->total(), 1300);
    int row = -1;
    for (int r = 0; r < compare->onlyInBase()->rowCount(); ++r)
        if (compare->onlyInBase()->at(r).id == m_deep)
            row = r;
    QVERIFY(row >= 0);
    QTreeView *list = listOf(compare, compare->onlyInBase());
    QVERIFY(list);

    // Double-click: main's history, loaded down to that commit, which is selected and on screen.
    doubleClickRow(list, compare->onlyInBase(), row);
    QCOMPARE(window.currentPage(), history);
    QTRY_COMPARE_WITH_TIMEOUT(history->selectedCommit(), m_deep, LoadTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady(), LoadTimeout);
    QCOMPARE(history->scope().kind, git::HistoryScope::Kind::Ref);
    QCOMPARE(history->scope().ref, QStringLiteral("main"));
    QVERIFY2(history->historyModel()->rowOfCommit(m_deep) > git::HistoryModel::BatchRows,
        qPrintable(QString::number(history->historyModel()->rowOfCommit(m_deep))));
    QTRY_VERIFY_WITH_TIMEOUT(selectionVisible(history), LoadTimeout);
    QCOMPARE(history->detail()->commitId(), m_deep);

    // The other list: a release commit, in release's history.
    QTreeView *otherList = listOf(compare, compare->onlyInOther());
    QVERIFY(otherList);
    window.showPage(QStringLiteral("compare"));
    const QString fix1 = m_repo.revParse(QStringLiteral("release~1"));
    QCOMPARE(compare->onlyInOther()->at(1).id, fix1);
    doubleClickRow(otherList, compare->onlyInOther(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(history->selectedCommit(), fix1, LoadTimeout);
    QCOMPARE(history->scope().ref, QStringLiteral("release"));
}

void TestNavigation::commitNotOnTheBranchShownSwitchesToAllRefs()
{
    ui::TestStoreAccess::setLocation(m_emptyStore);
    ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
    window.showPage(QStringLiteral("history"));
    QVERIFY(openAndWait(window, m_repo.path()));
    auto *history = historyOf(window);
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady(), LoadTimeout);
    QCOMPARE(history->scope().kind, git::HistoryScope::Kind::Head); // main

    // The Overview's commit card for release's tip; its commit link.
    auto *overview = qobject_cast<ui::OverviewPage *>(window.page(QStringLiteral("overview")));
    window.showPage(QStringLiteral("overview"));
    overview->showCommit(QStringLiteral("release"));
    QTRY_VERIFY_WITH_TIMEOUT(overview->isReady() && window.jobs()->isIdle(), LoadTimeout);
    auto *card = overview->findChild<ui::OverviewCard *>(QStringLiteral("commitCard"));
    const QString link = card->linkOf(m_releaseTip.left(8));
    QCOMPARE(link, QStringLiteral("commit:") + m_releaseTip);
    Q_EMIT card->linkActivated(link);

    QCOMPARE(window.currentPage(), history);
    QTRY_COMPARE_WITH_TIMEOUT(history->selectedCommit(), m_releaseTip, LoadTimeout);
    QCOMPARE(history->scope().kind, git::HistoryScope::Kind::All);
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("not on main")),
        qPrintable(window.statusBar()->currentMessage()));
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady() && selectionVisible(history), LoadTimeout);

    // Back to main, then a link to a commit deep in it: main's history, loaded that far.
    history->showRef(QStringLiteral("main"));
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady(), LoadTimeout);
    Q_EMIT card->linkActivated(QStringLiteral("commit:") + m_deep.left(10)); // an abbreviated id too
    QTRY_COMPARE_WITH_TIMEOUT(history->selectedCommit(), m_deep, LoadTimeout);
    QCOMPARE(history->scope().ref, QStringLiteral("main"));
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady() && selectionVisible(history), LoadTimeout);

    // A revision that names nothing: said, and the selection stays.
    Q_EMIT card->linkActivated(QStringLiteral("commit:") + QString(40, QLatin1Char('0')));
    QTRY_VERIFY_WITH_TIMEOUT(
        window.statusBar()->currentMessage().contains(QStringLiteral("Cannot show commit")), LoadTimeout);
    QCOMPARE(history->selectedCommit(), m_deep);
}

void TestNavigation::linkKeepsTheScopeShownWhenItHasTheCommit()
{
    ui::TestStoreAccess::setLocation(m_emptyStore);
    ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
    window.showPage(QStringLiteral("history"));
    QVERIFY(openAndWait(window, m_repo.path()));
    auto *history = historyOf(window);
    history->showAll();
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady() && window.jobs()->isIdle(), LoadTimeout);
    // A link without a ref (the Overview's, the Deployments timeline's) on "All refs".
    Q_EMIT window.page(QStringLiteral("overview"))->historyRequested(QString(), m_deep);
    QTRY_COMPARE_WITH_TIMEOUT(history->selectedCommit(), m_deep, LoadTimeout);
    QCOMPARE(history->scope().kind, git::HistoryScope::Kind::All);
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady() && selectionVisible(history), LoadTimeout);
}

void TestNavigation::demoCommitLinks()
{
    ui::TestStoreAccess::setLocation(m_demo.store);
    ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
    QVERIFY(openAndWait(window, m_demo.repository));
    auto *history = historyOf(window);
    const QString head = window.workspace()->info().currentBranch;
    QCOMPARE(head, QStringLiteral("main"));

    // Deployments: a double-click on an older deployment of the timeline.
    auto *deployments = qobject_cast<ui::DeploymentsPage *>(window.page(QStringLiteral("deployments")));
    window.showPage(deployments->name());
    QTRY_VERIFY_WITH_TIMEOUT(
        deployments->isReady() && deployments->timelineModel()->rowCount() > 5, LoadTimeout);
    QString headId;
    QTRY_VERIFY_WITH_TIMEOUT(!(headId = history->historyModel()->commitAt(0)).isEmpty(), LoadTimeout);
    int row = -1;
    QString deployed;
    for (int r = deployments->timelineModel()->rowCount() - 1; r >= 0 && row < 0; --r) {
        const QString commit = deployments->timelineModel()
                                   ->index(r, 0)
                                   .data(deploy::DeploymentTimelineModel::CommitRole)
                                   .toString();
        if (!commit.isEmpty() && commit != headId) {
            row = r;
            deployed = commit;
        }
    }
    QVERIFY(row >= 0);
    Q_EMIT deployments->timelineView()->doubleClicked(deployments->timelineModel()->index(row, 0));
    QCOMPARE(window.currentPage(), history);
    QTRY_COMPARE_WITH_TIMEOUT(history->selectedCommit(), deployed, LoadTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady() && selectionVisible(history), LoadTimeout);

    // Pipelines → "Show Commit in History" on a run of another branch: that branch's history.
    auto *pipelines = qobject_cast<ui::PipelinesPage *>(window.page(QStringLiteral("pipelines")));
    window.showPage(pipelines->name());
    QTRY_VERIFY_WITH_TIMEOUT(pipelines->isReady() && pipelines->model()->rowCount() > 0, LoadTimeout);
    QString runKey, runCommit, runBranch;
    for (const ci::PipelineRun &run : pipelines->model()->runs())
        if (!run.commit.isEmpty() && run.branch == QLatin1String("feature/login")) {
            runKey = run.key();
            runCommit = run.commit;
            runBranch = run.branch;
            break;
        }
    QVERIFY(!runKey.isEmpty());
    QVERIFY(pipelines->selectRun(runKey));
    pipelines->showSelectedCommitInHistory();
    QCOMPARE(window.currentPage(), history);
    QTRY_COMPARE_WITH_TIMEOUT(history->selectedCommit(), runCommit, LoadTimeout);
    QCOMPARE(history->scope().ref, runBranch);

    // The Overview's deployment card: production's commit.
    auto *overview = qobject_cast<ui::OverviewPage *>(window.page(QStringLiteral("overview")));
    window.showPage(overview->name());
    QTRY_VERIFY_WITH_TIMEOUT(overview->isReady() && window.jobs()->isIdle(), LoadTimeout);
    auto *card = overview->findChild<ui::OverviewCard *>(QStringLiteral("deploymentsCard"));
    QString production;
    for (const auto &deployment : deployments->snapshot()->current)
        if (deployment.environment == QLatin1String("production"))
            production = deployment.commit;
    QVERIFY(!production.isEmpty());
    const QString link = card->linkOf(production.left(8));
    QCOMPARE(link, QStringLiteral("commit:") + production);
    Q_EMIT card->linkActivated(link);
    QCOMPARE(window.currentPage(), history);
    QTRY_COMPARE_WITH_TIMEOUT(history->selectedCommit(), production, LoadTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady() && selectionVisible(history), LoadTimeout);
}

void TestNavigation::failedOpenKeepsTheRepository()
{
    ui::TestStoreAccess::setLocation(m_emptyStore);
    ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
    window.showPage(QStringLiteral("history"));
    QVERIFY(openAndWait(window, m_repo.path()));
    auto *history = historyOf(window);
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady(), LoadTimeout);
    const QString selected = history->selectedCommit();

    QTemporaryDir plain;
    window.openRepository(plain.path());
    QMessageBox *box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (box = window.findChild<QMessageBox *>(QStringLiteral("openErrorBox"))) != nullptr, LoadTimeout);
    QVERIFY2(box->text().contains(QStringLiteral("not a git repository")), qPrintable(box->text()));
    // The repository shown before is still open, its pages on screen.
    QCOMPARE(window.repositoryPath(), m_repo.path());
    QVERIFY(window.workspace()->isOpen());
    QVERIFY(window.isPageShown());
    QCOMPARE(window.currentPage(), history);
    QCOMPARE(history->selectedCommit(), selected);
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("stays open")));
    box->close();

    // And it keeps working: a link still lands.
    history->showCommit(m_deep);
    QTRY_COMPARE_WITH_TIMEOUT(history->selectedCommit(), m_deep, LoadTimeout);
}

QTEST_MAIN(TestNavigation)
#include "tst_navigation.moc"

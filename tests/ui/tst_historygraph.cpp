// The History graph on a repository with forty branches alive at once, in a laptop
// sized window: every row on screen shows its dot inside the graph column (lanes
// move closer together past the column's cap), the user can widen the column, and
// Tab leaves the table for the commit's details.

#include "Scenarios.h"
#include "TestEnvironment.h"
#include "TestRepo.h"

#include "common/FocusRing.h"
#include "common/JobTracker.h"
#include "git/CommitDetailView.h"
#include "git/GraphDelegate.h"
#include "git/HistoryPage.h"
#include "shell/MainWindow.h"

#include "git/HistoryModel.h"

#include <QDir>
#include <QHeaderView>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace devdash;
using devdash::test::TestRepo;

namespace {
constexpr int Branches = 40;
constexpr int CommitsPerBranch = 3;
} // namespace

class TestHistoryGraph : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestRepo> m_repo;

    // Lanes of the rows on screen, and every dot and line inside the graph column.
    static int checkRowsInView(ui::HistoryPage *history)
    {
        QTableView *view = history->view();
        const ui::GraphDelegate *delegate = history->graphDelegate();
        const int column = view->horizontalHeader()->sectionSize(git::HistoryModel::GraphColumn);
        const int first = view->rowAt(0);
        int last = view->rowAt(view->viewport()->height() - 1);
        if (last < 0)
            last = history->historyModel()->rowCount() - 1;
        int lanes = 0;
        for (int row = first; row <= last; ++row) {
            const git::GraphRow graph = history->historyModel()->graphRow(row);
            lanes = std::max<int>(lanes, graph.width);
            const qreal dot = delegate->laneCenter(graph.lane) + delegate->dotRadius();
            if (dot > column) {
                QTest::qFail(
                    qPrintable(QStringLiteral("row %1: the dot of lane %2 ends at %3, the column is %4 wide")
                                   .arg(row)
                                   .arg(graph.lane)
                                   .arg(dot)
                                   .arg(column)),
                    __FILE__, __LINE__);
                return -1;
            }
            for (uint16_t lane : graph.through)
                if (delegate->laneCenter(lane) >= column) {
                    QTest::qFail(
                        qPrintable(QStringLiteral("row %1: lane %2 runs past the column").arg(row).arg(lane)),
                        __FILE__, __LINE__);
                    return -1;
                }
        }
        return lanes;
    }

    static ui::HistoryPage *openHistory(ui::MainWindow &window, const QString &repo)
    {
        window.resize(1024, 640);
        window.show();
        window.showPage(QStringLiteral("history"));
        auto *history = qobject_cast<ui::HistoryPage *>(window.page(QStringLiteral("history")));
        window.openRepository(repo);
        if (!QTest::qWaitFor([&] { return history->isReady() && window.jobs()->isIdle(); }, 30000))
            return nullptr;
        QTest::qWait(50);
        return history;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(test::TestEnvironment::setUp());
        QStandardPaths::setTestModeEnabled(true);
        // A main line of forty commits; a topic branch forks off each of them, and all
        // forty are merged at the end: in topological order each topic waits in a lane
        // of its own for its fork point, forty lanes side by side.
        m_repo = std::make_unique<TestRepo>(QStringLiteral("lanes"));
        m_repo->init();
        test::FastImport import;
        qint64 time = TestRepo::BaseTime;
        QList<int> forks;
        int main = 0;
        for (int c = 0; c < Branches; ++c) {
            main = import.commit(QStringLiteral("refs/heads/main"),
                main ? QList<int> { main } : QList<int> {}, time += 60, QStringLiteral("main %1").arg(c),
                { { QStringLiteral("main.txt"), QByteArray::number(c) } });
            forks << main;
        }
        QList<int> tips = forks;
        for (int step = 0; step < CommitsPerBranch; ++step)
            for (int b = 0; b < Branches; ++b)
                tips[b] = import.commit(QStringLiteral("refs/heads/topic-%1").arg(b), { tips[b] }, time += 60,
                    QStringLiteral("topic %1, step %2").arg(b).arg(step),
                    { { QStringLiteral("topic-%1.txt").arg(b), QByteArray::number(step) } });
        for (int b = 0; b < Branches; ++b)
            main = import.commit(QStringLiteral("refs/heads/main"), { main, tips[b] }, time += 60,
                QStringLiteral("Merge topic-%1").arg(b));
        import.run(*m_repo);
        QVERIFY2(m_repo->ok(), qPrintable(m_repo->errors()));
    }

    void everyRowShowsItsDot()
    {
        ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
        ui::HistoryPage *history = openHistory(window, m_repo->path());
        QVERIFY(history);
        QTableView *view = history->view();
        // Top, middle (all forty lanes at once) and the bottom of the history.
        QScrollBar *bar = view->verticalScrollBar();
        int widest = 0;
        for (const double at : { 0.0, 0.3, 0.5, 0.8, 1.0 }) {
            bar->setValue(int(bar->maximum() * at));
            QTest::qWait(20);
            const int lanes = checkRowsInView(history);
            if (QTest::currentTestFailed())
                return;
            widest = std::max(widest, lanes);
        }
        QVERIFY2(widest > Branches, qPrintable(QString::number(widest)));
        // The column keeps room for the summary: lanes moved closer together instead.
        const int column = view->horizontalHeader()->sectionSize(git::HistoryModel::GraphColumn);
        QVERIFY2(column <= view->viewport()->width() / 3 + 1, qPrintable(QString::number(column)));
        QVERIFY(history->graphDelegate()->lanePitch() < ui::GraphDelegate::LaneWidth);
        const QString shots = qEnvironmentVariable("DEVDASH_UI_SHOTS");
        if (!shots.isEmpty()) {
            QDir().mkpath(shots);
            window.grab().save(QDir(shots).filePath(QStringLiteral("history-forty-lanes.png")));
        }

        // Widened by the user, the lanes spread out again; double-click: automatic again.
        QHeaderView *header = view->horizontalHeader();
        header->resizeSection(git::HistoryModel::GraphColumn, 620);
        QTest::qWait(20);
        QCOMPARE(header->sectionSize(git::HistoryModel::GraphColumn), 620);
        QCOMPARE(history->graphDelegate()->lanePitch(), ui::GraphDelegate::LaneWidth);
        checkRowsInView(history);
        if (QTest::currentTestFailed())
            return;
        Q_EMIT header->sectionHandleDoubleClicked(git::HistoryModel::GraphColumn);
        QCOMPARE(header->sectionSize(git::HistoryModel::GraphColumn), column);
    }

    void tabLeavesTheTable()
    {
        ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
        ui::HistoryPage *history = openHistory(window, m_repo->path());
        QVERIFY(history);
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTableView *view = history->view();
        view->setFocus(Qt::TabFocusReason);
        QTRY_COMPARE(QApplication::focusWidget(), view);
        // The focused table is ringed: its frameless edge shows no focus of its own.
        ui::FocusRing *ring = ui::FocusRing::of(&window);
        QVERIFY(ring);
        QCOMPARE(ring->target(), view);
        QVERIFY(ring->isVisible());
        QCOMPARE(ring->geometry(), QRect(view->mapTo(ring->parentWidget(), QPoint(0, 0)), view->size()));
        const QString shots = qEnvironmentVariable("DEVDASH_UI_SHOTS");
        if (!shots.isEmpty()) {
            QDir().mkpath(shots);
            window.grab().save(QDir(shots).filePath(QStringLiteral("history-focus-ring.png")));
        }

        const QModelIndex current = view->currentIndex();
        QTest::keyClick(view, Qt::Key_Tab);
        QWidget *next = QApplication::focusWidget();
        QVERIFY(next != view);
        QVERIFY2(history->detail()->isAncestorOf(next),
            qPrintable(QStringLiteral("focus went to %1")
                           .arg(QString::fromLatin1(next->metaObject()->className()))));
        QCOMPARE(view->currentIndex(), current); // Tab did not move along the row
        // Shift+Tab comes back (the commit's text steps through its links on the way).
        for (int i = 0; i < 20 && QApplication::focusWidget() != view; ++i)
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab);
        QCOMPARE(QApplication::focusWidget(), view);
    }
};

QTEST_MAIN(TestHistoryGraph)
#include "tst_historygraph.moc"

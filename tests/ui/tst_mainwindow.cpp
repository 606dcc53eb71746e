// The window offscreen against real repositories: pages, commit details, search,
// comparison, the error and empty panels, and screenshots that show content.

#include "Scenarios.h"
#include "TestEnvironment.h"
#include "TestRepo.h"

#include "common/DisplayTime.h"
#include "common/Theme.h"
#include "common/Workspace.h"
#include "git/BranchesPage.h"
#include "git/ChangedFilesView.h"
#include "git/ChangesBrowser.h"
#include "git/CommitDetailView.h"
#include "git/CommitListModel.h"
#include "git/ComparePage.h"
#include "git/DiffView.h"
#include "git/HistoryPage.h"
#include "shell/MainWindow.h"
#include "shell/MessagePanel.h"
#include "shell/Screenshot.h"

#include "git/BranchModel.h"
#include "git/CommitSearch.h"
#include "git/DemoRepository.h"
#include "git/HistoryModel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>

using namespace devdash;
using devdash::test::TestRepo;

namespace {
constexpr int LoadTimeout = 20000;

// Where DEVDASH_UI_SHOTS points, keeps what the window shows for people to look at.
void keepShot(QWidget *window, const QString &name)
{
    const QString folder = qEnvironmentVariable("DEVDASH_UI_SHOTS");
    if (folder.isEmpty())
        return;
    QDir().mkpath(folder);
    window->grab().save(QDir(folder).filePath(name + QStringLiteral(".png")));
}

// Luminance-independent "is there something drawn": pixels that differ from the most
// common colour (the background).
double contentShare(const QImage &image)
{
    QHash<QRgb, int> counts;
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < rgb.height(); y += 3)
        for (int x = 0; x < rgb.width(); x += 3)
            ++counts[rgb.pixel(x, y)];
    int total = 0, top = 0;
    for (int n : std::as_const(counts)) {
        total += n;
        top = std::max(top, n);
    }
    return total ? 1.0 - double(top) / total : 0.0;
}

double meanLightness(const QImage &image)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    qint64 sum = 0, n = 0;
    for (int y = 0; y < rgb.height(); y += 4)
        for (int x = 0; x < rgb.width(); x += 4, ++n)
            sum += QColor(rgb.pixel(x, y)).lightness();
    return n ? double(sum) / n : 0;
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void pagesAndNames();
    void errorPanelForBadPath();
    void emptyRepository();
    void historyShowsCommitDetails();
    void parentLinkSelectsParent();
    void searchAndBack();
    void compareTwoRefs();
    void branchesFilterAndGroups();
    void navigationBetweenPages();
    void liveReloadKeepsSelection();
    void graphOfAllRefs();
    void hugeCommitStaysResponsive();
    void selectingAnUnloadedCommitFetchesRows();
    void remembersRecentAndPage();
    void screenshots_data();
    void screenshots();
    void darkScreenshot();
    void switchThemeAtRuntime();
    void screenshotErrors();

private:
    std::unique_ptr<TestRepo> m_repo; // small, known shape
    QString m_firstCommit, m_mainTip, m_featureTip;
    QTemporaryDir m_demoDir;
    QString m_demo;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(test::TestEnvironment::setUp());
    QStandardPaths::setTestModeEnabled(true);

    // main: c1 - c2 - m3 - m4 ; feature (from c2): f1 - f2
    m_repo = std::make_unique<TestRepo>();
    m_repo->init();
    m_firstCommit = m_repo->commit(QStringLiteral("Start the project"),
        { { QStringLiteral("README.md"), "# Demo\n" },
            { QStringLiteral("src/app.cpp"), "int main() { return 0; }\n" } });
    m_repo->commit(
        QStringLiteral("Describe the build"), { { QStringLiteral("README.md"), "# Demo\n\nBuild it.\n" } });
    m_repo->checkoutNew(QStringLiteral("feature/login"));
    m_repo->commit(
        QStringLiteral("Add the login form"), { { QStringLiteral("src/login.cpp"), "void login() {}\n" } });
    m_featureTip = m_repo->commit(QStringLiteral("Check the password\n\nAt least twelve characters."),
        { { QStringLiteral("src/login.cpp"), "void login() { check(); }\n" },
            { QStringLiteral("logo.png"), QByteArray("\x89PNG\r\n\x1a\n\0\0\0", 12) } });
    m_repo->checkout(QStringLiteral("main"));
    m_repo->commit(QStringLiteral("Fix the exit code"),
        { { QStringLiteral("src/app.cpp"), "int main() { return 1; }\n" } });
    m_mainTip = m_repo->commit(QStringLiteral("Document the exit code"),
        { { QStringLiteral("README.md"), "# Demo\n\nBuild it. Exit code 1.\n" } });
    QVERIFY2(m_repo->ok(), qPrintable(m_repo->errors()));

    QVERIFY(m_demoDir.isValid());
    auto demo
        = git::DemoRepository::create(m_demoDir.path(), QDateTime(QDate(2024, 6, 3), QTime(9, 0), Qt::UTC));
    QVERIFY2(demo.ok(), qPrintable(demo.errorMessage()));
    m_demo = demo.value();
}

void TestMainWindow::pagesAndNames()
{
    ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
    QCOMPARE(window.pageNames(),
        (QStringList { QStringLiteral("overview"), QStringLiteral("branches"), QStringLiteral("history"),
            QStringLiteral("compare"), QStringLiteral("tests"), QStringLiteral("pipelines"),
            QStringLiteral("database"), QStringLiteral("deployments") }));
    // The Overview is the landing page.
    QCOMPARE(window.currentPage()->name(), QStringLiteral("overview"));
    QVERIFY(window.showPage(QStringLiteral("compare")));
    QCOMPARE(window.currentPage()->name(), QStringLiteral("compare"));
    QVERIFY(!window.showPage(QStringLiteral("no-such-page")));
    QCOMPARE(window.currentPage()->name(), QStringLiteral("compare"));
    QVERIFY(window.jobs());
    // Before any repository: the welcome panel, not a page.
    QVERIFY(!window.isPageShown());
    QCOMPARE(window.messagePanel()->kind(), ui::MessagePanel::Kind::Welcome);
}

void TestMainWindow::errorPanelForBadPath()
{
    ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
    window.show();
    const QString missing = QDir::tempPath() + QStringLiteral("/devdash-no-such-repo");
    window.openRepository(missing);
    QTRY_COMPARE_WITH_TIMEOUT(window.messagePanel()->kind(), ui::MessagePanel::Kind::Error, LoadTimeout);
    QVERIFY(window.messagePanel()->isVisible());
    QVERIFY2(window.messagePanel()->title().contains(QDir::toNativeSeparators(missing)),
        qPrintable(window.messagePanel()->title()));
    QVERIFY(!window.messagePanel()->message().isEmpty());
    const auto buttons = window.messagePanel()->findChildren<QPushButton *>();
    QVERIFY(std::any_of(buttons.begin(), buttons.end(),
        [](QPushButton *b) { return b->text().contains(QStringLiteral("Open another repository")); }));
    keepShot(&window, QStringLiteral("error-panel"));

    // A folder that is not a repository says so.
    QTemporaryDir plain;
    window.openRepository(plain.path());
    QTRY_VERIFY_WITH_TIMEOUT(
        window.messagePanel()->message().contains(QStringLiteral("not a git repository")), LoadTimeout);
}

void TestMainWindow::emptyRepository()
{
    TestRepo empty(QStringLiteral("empty"));
    empty.init();
    ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
    window.show();
    window.openRepository(empty.path());
    QTRY_COMPARE_WITH_TIMEOUT(window.messagePanel()->kind(), ui::MessagePanel::Kind::Empty, LoadTimeout);
    QCOMPARE(window.messagePanel()->title(), QStringLiteral("This repository has no commits yet"));
    QVERIFY(window.messagePanel()->isVisible());
    keepShot(&window, QStringLiteral("empty-repository"));

    // The first commit, made in a terminal: the window notices it by itself and shows it.
    empty.commit(QStringLiteral("First commit"), { { QStringLiteral("README"), "hello\n" } });
    window.showPage(QStringLiteral("history"));
    auto *history = qobject_cast<ui::HistoryPage *>(window.page(QStringLiteral("history")));
    QTRY_VERIFY_WITH_TIMEOUT(!window.messagePanel()->isVisible(), LoadTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(history->historyModel()->rowCount(), 1, LoadTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady(), LoadTimeout);
    QCOMPARE(history->historyModel()->commitAt(0), empty.head());

    // F5 does the same for a second empty repository (no watcher event needed).
    TestRepo second(QStringLiteral("empty-f5"));
    second.init();
    window.openRepository(second.path());
    QTRY_COMPARE_WITH_TIMEOUT(window.messagePanel()->kind(), ui::MessagePanel::Kind::Empty, LoadTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(window.messagePanel()->isVisible(), LoadTimeout);
    second.commit(QStringLiteral("First"), { { QStringLiteral("a"), "a\n" } });
    QTest::keyClick(&window, Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(!window.messagePanel()->isVisible(), LoadTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(history->historyModel()->rowCount(), 1, LoadTimeout);
}

void TestMainWindow::historyShowsCommitDetails()
{
    ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
    window.resize(1280, 800);
    window.show();
    QVERIFY(window.showPage(QStringLiteral("history")));
    auto *history = qobject_cast<ui::HistoryPage *>(window.page(QStringLiteral("history")));
    QVERIFY(history);
    QAbstractItemModelTester tester(
        history->historyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    window.openRepository(m_repo->path());
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady() && window.jobs()->isIdle(), LoadTimeout);
    QVERIFY(window.isPageShown());
    QCOMPARE(history->historyModel()->rowCount(), 4); // the current branch: main
    QCOMPARE(history->selectedCommit(), m_mainTip);

    // Select the commit that changed src/app.cpp.
    QTest::keyClick(history->view(), Qt::Key_Down);
    const QString fix = m_repo->revParse(QStringLiteral("main~1"));
    QCOMPARE(history->selectedCommit(), fix);
    QTRY_VERIFY_WITH_TIMEOUT(
        history->detail()->commitId() == fix && history->detail()->isReady(), LoadTimeout);
    QVERIFY(history->detail()->headerText().contains(QStringLiteral("Fix the exit code")));
    QVERIFY(history->detail()->headerText().contains(fix));
    // The shared date format: the table's cell and tooltip, the exact and relative time in the header.
    const QDateTime authored = QDateTime::fromSecsSinceEpoch(
        m_repo->git({ QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%at"), fix })
            .trimmed()
            .toLongLong());
    const QModelIndex date = history->historyModel()->index(1, git::HistoryModel::DateColumn);
    QCOMPARE(date.data().toString(), DisplayTime::format(authored));
    QVERIFY(date.data(Qt::ToolTipRole).toString().endsWith(DisplayTime::exact(authored)));
    QVERIFY2(history->detail()->headerText().contains(QStringLiteral("%1 (%2)").arg(
                 DisplayTime::exact(authored), DisplayTime::relative(authored))),
        qPrintable(history->detail()->headerText()));
    ui::ChangesBrowser *changes = history->detail()->changes();
    QCOMPARE(changes->fileCount(), 1);
    QCOMPARE(changes->filesView()->currentChange()->path, QStringLiteral("src/app.cpp"));
    QVERIFY(changes->diffView()->lineCount() > 2);
    QVERIFY(changes->diffView()->text().contains(QStringLiteral("+int main() { return 1; }")));

    // "All refs" adds the feature branch.
    history->showAll();
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady() && history->historyModel()->rowCount() == 6, LoadTimeout);
}

void TestMainWindow::parentLinkSelectsParent()
{
    ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
    window.show();
    window.showPage(QStringLiteral("history"));
    auto *history = qobject_cast<ui::HistoryPage *>(window.page(QStringLiteral("history")));
    window.openRepository(m_repo->path());
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady(), LoadTimeout);
    Q_EMIT history->detail()->commitLinkActivated(m_firstCommit);
    QTRY_COMPARE_WITH_TIMEOUT(history->selectedCommit(), m_firstCommit, LoadTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(
        history->detail()->commitId() == m_firstCommit && history->detail()->isReady(), LoadTimeout);
    QVERIFY(history->detail()->headerText().contains(QStringLiteral("root commit")));
    QCOMPARE(history->detail()->changes()->fileCount(), 2);
}

void TestMainWindow::searchAndBack()
{
    ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
    window.show();
    window.showPage(QStringLiteral("history"));
    auto *history = qobject_cast<ui::HistoryPage *>(window.page(QStringLiteral("history")));
    window.openRepository(m_repo->path());
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady(), LoadTimeout);
    history->showAll();
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady() && history->historyModel()->rowCount() == 6, LoadTimeout);

    QAbstractItemModelTester tester(
        history->searchModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    history->searchField()->setText(QStringLiteral("path:src/login.cpp"));
    QTest::keyClick(history->searchField(), Qt::Key_Return);
    QVERIFY(history->isSearching());
    QTRY_VERIFY_WITH_TIMEOUT(!history->searchModel()->isRunning() && history->isReady(), LoadTimeout);
    QCOMPARE(history->searchModel()->rowCount(), 2);
    QCOMPARE(history->view()->model(), history->searchModel());
    QCOMPARE(history->selectedCommit(), m_featureTip);
    QTRY_VERIFY_WITH_TIMEOUT(
        history->detail()->commitId() == m_featureTip && history->detail()->isReady(), LoadTimeout);
    // The binary file is listed and its diff says why it is not shown.
    QCOMPARE(history->detail()->changes()->fileCount(), 2);
    QVERIFY(history->detail()->changes()->filesView()->selectPath(QStringLiteral("logo.png")));
    QTRY_VERIFY_WITH_TIMEOUT(history->detail()->changes()->isReady(), LoadTimeout);
    QCOMPARE(history->detail()->changes()->diffView()->notes(), QStringList { ui::DiffView::binaryNote() });

    // Esc returns to the graph, still on the commit found.
    QTest::keyClick(history->searchField(), Qt::Key_Escape);
    QVERIFY(!history->isSearching());
    QCOMPARE(history->view()->model(), history->historyModel());
    QTRY_COMPARE_WITH_TIMEOUT(history->selectedCommit(), m_featureTip, LoadTimeout);
}

void TestMainWindow::compareTwoRefs()
{
    ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
    window.show();
    window.showPage(QStringLiteral("compare"));
    auto *compare = qobject_cast<ui::ComparePage *>(window.page(QStringLiteral("compare")));
    window.openRepository(m_repo->path());
    // Defaults: the default branch against the most recent other branch, already run.
    QTRY_VERIFY_WITH_TIMEOUT(compare->isReady() && window.jobs()->isIdle(), LoadTimeout);
    QCOMPARE(compare->baseRef(), QStringLiteral("main"));
    QCOMPARE(compare->otherRef(), QStringLiteral("feature/login"));

    compare->compare(QStringLiteral("main"), QStringLiteral("feature/login"));
    QTRY_VERIFY_WITH_TIMEOUT(compare->isReady() && window.jobs()->isIdle(), LoadTimeout);
    QCOMPARE(compare->onlyInBase()->total(), 2);
    QCOMPARE(compare->onlyInOther()->total(), 2);
    QCOMPARE(compare->onlyInOther()->at(0).id, m_featureTip);
    QVERIFY(compare->summaryText().contains(m_repo->revParse(QStringLiteral("main~2")).left(7)));
    QCOMPARE(compare->changes()->fileCount(), 2); // src/login.cpp, logo.png since the merge base
    QVERIFY(compare->changes()->diffView()->lineCount() > 0);
    // The list says which diff it is, and agrees with git's.
    auto gitFileCount = [this](const QStringList &range) {
        return int(
            m_repo->gitLines(QStringList { QStringLiteral("diff"), QStringLiteral("--name-only") } + range)
                .size());
    };
    QCOMPARE(compare->diffMode(), git::CompareMode::ThreeDot);
    QCOMPARE(compare->changes()->fileCount(), gitFileCount({ QStringLiteral("main...feature/login") }));
    QVERIFY2(
        compare->changes()->captionText().contains(QStringLiteral("since the merge base (three-dot, A...B)")),
        qPrintable(compare->changes()->captionText()));

    // Two-dot: the trees of main and feature/login, as `git diff main feature/login`.
    QComboBox *modeBox = compare->diffModeBox();
    QCOMPARE(modeBox->count(), 2);
    QVERIFY(modeBox->itemText(0).startsWith(QStringLiteral("A...B")));
    QVERIFY(modeBox->itemText(1).startsWith(QStringLiteral("A..B")));
    modeBox->setCurrentIndex(1);
    QTRY_VERIFY_WITH_TIMEOUT(compare->isReady() && window.jobs()->isIdle(), LoadTimeout);
    QCOMPARE(compare->diffMode(), git::CompareMode::TwoDot);
    QCOMPARE(compare->changes()->fileCount(), 4);
    QCOMPARE(compare->changes()->fileCount(),
        gitFileCount({ QStringLiteral("main"), QStringLiteral("feature/login") }));
    QVERIFY2(compare->changes()->captionText().contains(QStringLiteral("(two-dot, A..B)")),
        qPrintable(compare->changes()->captionText()));
    {
        // Remembered: the next window starts with two-dot.
        ui::MainWindow again(ui::MainWindow::StatePolicy::Ephemeral);
        auto *page = qobject_cast<ui::ComparePage *>(again.page(QStringLiteral("compare")));
        QCOMPARE(page->diffMode(), git::CompareMode::TwoDot);
    }
    compare->setDiffMode(git::CompareMode::ThreeDot);
    QTRY_VERIFY_WITH_TIMEOUT(compare->isReady() && window.jobs()->isIdle(), LoadTimeout);
    QCOMPARE(compare->changes()->fileCount(), 2);

    compare->swap();
    QTRY_VERIFY_WITH_TIMEOUT(compare->isReady() && window.jobs()->isIdle(), LoadTimeout);
    QCOMPARE(compare->baseRef(), QStringLiteral("feature/login"));
    QCOMPARE(compare->onlyInBase()->total(), 2);
    QCOMPARE(compare->changes()->fileCount(), 2); // README.md, src/app.cpp

    compare->compare(QStringLiteral("main"), QStringLiteral("no-such-branch"));
    QTRY_VERIFY_WITH_TIMEOUT(compare->isReady(), LoadTimeout);
    QVERIFY(compare->summaryText().contains(QStringLiteral("Cannot compare")));
}

void TestMainWindow::branchesFilterAndGroups()
{
    ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
    window.show();
    window.showPage(QStringLiteral("branches"));
    auto *branches = qobject_cast<ui::BranchesPage *>(window.page(QStringLiteral("branches")));
    QAbstractItemModelTester tester(
        branches->proxyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    window.openRepository(m_demo);
    QTRY_VERIFY_WITH_TIMEOUT(branches->isReady() && window.jobs()->isIdle(), LoadTimeout);
    QSortFilterProxyModel *proxy = branches->proxyModel();
    QVERIFY(proxy->rowCount() >= 3); // groups: Local, feature/, origin, Tags…

    QVERIFY(branches->selectRef(QStringLiteral("feature/search")));
    QCOMPARE(branches->selectedRef(), QStringLiteral("feature/search"));

    branches->filterField()->setText(QStringLiteral("SEARCH"));
    int matches = 0;
    for (int row = 0; row < proxy->rowCount(); ++row)
        matches += proxy->rowCount(proxy->index(row, 0));
    QCOMPARE(matches, 2); // feature/search and origin/feature/search
    branches->filterField()->clear();

    branches->groupToggle()->setChecked(false);
    QCOMPARE(proxy->rowCount(), window.workspace()->branches()->listing().refs.size());
    QCOMPARE(branches->selectedRef(), QStringLiteral("feature/search")); // kept across the regrouping
    branches->groupToggle()->setChecked(true);
    QCOMPARE(branches->selectedRef(), QStringLiteral("feature/search"));
}

void TestMainWindow::navigationBetweenPages()
{
    ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
    window.show();
    window.showPage(QStringLiteral("branches"));
    auto *branches = qobject_cast<ui::BranchesPage *>(window.page(QStringLiteral("branches")));
    auto *history = qobject_cast<ui::HistoryPage *>(window.page(QStringLiteral("history")));
    window.openRepository(m_repo->path());
    QTRY_VERIFY_WITH_TIMEOUT(branches->isReady(), LoadTimeout);

    // Double-click on a branch: its history.
    QVERIFY(branches->selectRef(QStringLiteral("feature/login")));
    const QModelIndex index = branches->view()->currentIndex();
    Q_EMIT branches->view()->doubleClicked(index);
    QCOMPARE(window.currentPage()->name(), QStringLiteral("history"));
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady(), LoadTimeout);
    QCOMPARE(history->scope().kind, git::HistoryScope::Kind::Ref);
    QCOMPARE(history->scope().ref, QStringLiteral("feature/login"));
    QCOMPARE(history->selectedCommit(), m_featureTip);

    // And back: "Show in Branches" from the history.
    Q_EMIT history->branchRequested(QStringLiteral("main"));
    QCOMPARE(window.currentPage()->name(), QStringLiteral("branches"));
    QCOMPARE(branches->selectedRef(), QStringLiteral("main"));
}

void TestMainWindow::liveReloadKeepsSelection()
{
    TestRepo repo(QStringLiteral("live"));
    repo.init();
    for (int i = 0; i < 5; ++i)
        repo.commit(
            QStringLiteral("Commit %1").arg(i), { { QStringLiteral("f.txt"), QByteArray::number(i) } });
    ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
    window.show();
    window.showPage(QStringLiteral("history"));
    auto *history = qobject_cast<ui::HistoryPage *>(window.page(QStringLiteral("history")));
    window.openRepository(repo.path());
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady(), LoadTimeout);
    const QString selected = repo.revParse(QStringLiteral("HEAD~2"));
    history->selectCommit(selected);
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady() && history->selectedCommit() == selected, LoadTimeout);

    // A commit made in a terminal: the watcher reloads; the selection stays.
    repo.commit(QStringLiteral("Made elsewhere"), { { QStringLiteral("g.txt"), "x" } });
    QTRY_COMPARE_WITH_TIMEOUT(history->historyModel()->rowCount(), 6, LoadTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(history->selectedCommit(), selected, LoadTimeout);
}

void TestMainWindow::graphOfAllRefs()
{
    ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
    window.resize(1280, 800);
    window.show();
    window.showPage(QStringLiteral("history"));
    auto *history = qobject_cast<ui::HistoryPage *>(window.page(QStringLiteral("history")));
    window.openRepository(m_demo);
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady(), LoadTimeout);
    history->showAll();
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady() && window.jobs()->isIdle(), LoadTimeout);
    // Branches run side by side: the graph column uses several lanes and colours.
    int lanes = 0;
    for (int row = 0; row < std::min(40, history->historyModel()->rowCount()); ++row)
        lanes = std::max<int>(lanes, history->historyModel()->graphRow(row).width);
    QVERIFY2(lanes >= 3, qPrintable(QString::number(lanes)));
    QTest::qWait(50);
    const QImage image = window.grab().toImage();
    const QRect graph
        = history->view()->visualRect(history->historyModel()->index(0, git::HistoryModel::GraphColumn));
    const QPoint origin = history->view()->viewport()->mapTo(&window, QPoint(0, 0));
    const QImage column = image.copy(
        QRect(origin.x() + graph.x(), origin.y(), graph.width(), history->view()->viewport()->height()));
    QVERIFY2(ui::distinctColours(column) > 20, qPrintable(QString::number(ui::distinctColours(column))));
    const QString keep = qEnvironmentVariable("DEVDASH_UI_SHOTS");
    if (!keep.isEmpty())
        image.save(QDir(keep).filePath(QStringLiteral("history-all.png")));
}

void TestMainWindow::hugeCommitStaysResponsive()
{
    TestRepo repo(QStringLiteral("huge"));
    repo.init();
    test::FastImport import;
    QMap<QString, QByteArray> files;
    for (int i = 0; i < 10000; ++i)
        files.insert(QStringLiteral("gen/%1/file%2.txt").arg(i / 100).arg(i, 5, 10, QLatin1Char('0')),
            QByteArray("line ") + QByteArray::number(i) + "\n");
    const int first = import.commit(QStringLiteral("refs/heads/main"), {}, TestRepo::BaseTime,
        QStringLiteral("Start"), { { QStringLiteral("README"), "start\n" } });
    import.commit(QStringLiteral("refs/heads/main"), { first }, TestRepo::BaseTime + 60,
        QStringLiteral("Generate ten thousand files"), files);
    import.run(repo);
    QVERIFY2(repo.ok(), qPrintable(repo.errors()));

    ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
    window.show();
    window.showPage(QStringLiteral("history"));
    auto *history = qobject_cast<ui::HistoryPage *>(window.page(QStringLiteral("history")));
    // The event loop keeps turning while the 10,000 files are read and listed.
    QElapsedTimer sinceTick;
    qint64 longestGap = 0;
    QTimer ticker;
    ticker.setInterval(5);
    connect(&ticker, &QTimer::timeout, this, [&] { longestGap = std::max(longestGap, sinceTick.restart()); });
    sinceTick.start();
    ticker.start();
    window.openRepository(repo.path());
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady() && window.jobs()->isIdle(), 60000);
    ticker.stop();
    QCOMPARE(history->detail()->changes()->fileCount(), 10000);
    QVERIFY(history->detail()->changes()->diffView()->lineCount() > 0); // one file's patch, not ten thousand
    QVERIFY2(longestGap < 1000, qPrintable(QStringLiteral("GUI blocked for %1 ms").arg(longestGap)));
}

void TestMainWindow::selectingAnUnloadedCommitFetchesRows()
{
    TestRepo repo(QStringLiteral("long"));
    repo.init();
    test::FastImport import;
    int mark = 0;
    for (int i = 0; i < 1500; ++i)
        mark = import.commit(QStringLiteral("refs/heads/main"), mark ? QList<int> { mark } : QList<int> {},
            TestRepo::BaseTime + i * 60, QStringLiteral("Step %1").arg(i),
            { { QStringLiteral("step.txt"), QByteArray::number(i) + "\n" } });
    import.run(repo);
    QVERIFY2(repo.ok(), qPrintable(repo.errors()));
    const QString root = repo.revParse(QStringLiteral("main~1499"));

    ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
    window.show();
    window.showPage(QStringLiteral("history"));
    auto *history = qobject_cast<ui::HistoryPage *>(window.page(QStringLiteral("history")));
    window.openRepository(repo.path());
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady(), LoadTimeout);
    QVERIFY(history->historyModel()->rowCount() < 1500); // loaded lazily
    QVERIFY(history->historyModel()->canFetchMore({}));

    // Scrolling to the end fetches the next batch.
    const int before = history->historyModel()->rowCount();
    history->view()->scrollToBottom();
    QTRY_VERIFY_WITH_TIMEOUT(history->historyModel()->rowCount() > before, LoadTimeout);

    // A link to the root commit fetches until its row exists, then selects it.
    history->selectCommit(root);
    QTRY_COMPARE_WITH_TIMEOUT(history->selectedCommit(), root, LoadTimeout);
    QCOMPARE(history->historyModel()->rowCount(), 1500);
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady(), LoadTimeout);
}

void TestMainWindow::remembersRecentAndPage()
{
    QCoreApplication::setOrganizationName(QStringLiteral("DevDashTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QSettings().clear();
    {
        ui::MainWindow window;
        window.show();
        window.openRepository(m_repo->path());
        QTRY_VERIFY_WITH_TIMEOUT(window.isPageShown(), LoadTimeout);
        QVERIFY(window.showPage(QStringLiteral("compare")));
        window.close();
    }
    ui::MainWindow again;
    QCOMPARE(again.recentRepositories().value(0), QFileInfo(m_repo->path()).absoluteFilePath());
    QCOMPARE(again.currentPage()->name(), QStringLiteral("compare"));
    again.show();
    again.openLastRepository();
    QTRY_VERIFY_WITH_TIMEOUT(again.isPageShown() && again.currentPage()->isReady(), LoadTimeout);
    QCOMPARE(again.repositoryPath(), QFileInfo(m_repo->path()).absoluteFilePath());
    QSettings().clear();
}

void TestMainWindow::screenshots_data()
{
    QTest::addColumn<QString>("page");
    QTest::newRow("branches") << QStringLiteral("branches");
    QTest::newRow("history") << QStringLiteral("history");
    QTest::newRow("compare") << QStringLiteral("compare");
}

void TestMainWindow::screenshots()
{
    QFETCH(QString, page);
    const QString out = QDir(m_demoDir.path()).filePath(page + QStringLiteral(".png"));
    auto result = ui::renderScreenshot(m_demo, page, QSize(1280, 800), out);
    QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
    QImage image(out);
    QCOMPARE(image.size(), QSize(1280, 800));
    QVERIFY2(ui::distinctColours(image) > 100, qPrintable(QString::number(ui::distinctColours(image))));
    const double share = contentShare(image);
    QVERIFY2(share > 0.08, qPrintable(QString::number(share)));
    // Where DEVDASH_UI_SHOTS points, keep them for people to look at.
    const QString keep = qEnvironmentVariable("DEVDASH_UI_SHOTS");
    if (!keep.isEmpty()) {
        QDir().mkpath(keep);
        image.save(QDir(keep).filePath(page + QStringLiteral(".png")));
    }
}

void TestMainWindow::darkScreenshot()
{
    qputenv("DEVDASH_THEME", "dark");
    auto image = ui::renderPage(m_demo, QStringLiteral("history"), QSize(1280, 800));
    qunsetenv("DEVDASH_THEME");
    QVERIFY2(image.ok(), qPrintable(image.errorMessage()));
    QVERIFY2(meanLightness(*image) < 90, qPrintable(QString::number(meanLightness(*image))));
    QVERIFY(ui::distinctColours(*image) > 100);
    const QString keep = qEnvironmentVariable("DEVDASH_UI_SHOTS");
    if (!keep.isEmpty())
        image->save(QDir(keep).filePath(QStringLiteral("history-dark.png")));
    // Back to light for the other tests.
    auto light = ui::renderPage(m_repo->path(), QStringLiteral("branches"), QSize(900, 600));
    QVERIFY2(light.ok(), qPrintable(light.errorMessage()));
    QVERIFY(meanLightness(*light) > 160);
}

void TestMainWindow::switchThemeAtRuntime()
{
    ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
    window.resize(1280, 800);
    window.show();
    window.showPage(QStringLiteral("history"));
    auto *history = qobject_cast<ui::HistoryPage *>(window.page(QStringLiteral("history")));
    window.openRepository(m_repo->path());
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady() && window.jobs()->isIdle(), LoadTimeout);
    QVERIFY(meanLightness(window.grab().toImage()) > 160);

    window.setTheme(ui::ThemeMode::Dark);
    QVERIFY(ui::Theme::isDark());
    QTest::qWait(20);
    const QImage dark = window.grab().toImage();
    QVERIFY2(meanLightness(dark) < 90, qPrintable(QString::number(meanLightness(dark))));
    // Inline colours follow: the commit header is drawn again in the dark palette's muted colour.
    auto *header = history->detail()->findChild<QTextBrowser *>(QStringLiteral("commitHeader"));
    QVERIFY(header);
    QVERIFY(header->toHtml().contains(ui::Theme::mutedText().name(), Qt::CaseInsensitive));
    const QString keep = qEnvironmentVariable("DEVDASH_UI_SHOTS");
    if (!keep.isEmpty())
        dark.save(QDir(keep).filePath(QStringLiteral("theme-switched.png")));

    window.setTheme(ui::ThemeMode::Light);
    QVERIFY(!ui::Theme::isDark());
    QVERIFY(header->toHtml().contains(ui::Theme::mutedText().name(), Qt::CaseInsensitive));
}

void TestMainWindow::screenshotErrors()
{
    auto unknown = ui::renderScreenshot(m_demo, QStringLiteral("no-such-page"), QSize(800, 600),
        QDir(m_demoDir.path()).filePath(QStringLiteral("x.png")));
    QVERIFY(!unknown.ok());
    QVERIFY(unknown.errorMessage().contains(QStringLiteral("Unknown page")));
    auto missing = ui::renderScreenshot(QDir::tempPath() + QStringLiteral("/devdash-missing"),
        QStringLiteral("history"), QSize(800, 600), QDir(m_demoDir.path()).filePath(QStringLiteral("y.png")),
        5000);
    QVERIFY(!missing.ok());
    QVERIFY2(missing.errorMessage().contains(QStringLiteral("devdash-missing")),
        qPrintable(missing.errorMessage()));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

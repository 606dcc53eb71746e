// The Tests page's everyday paths, offscreen, on a store with runs of two sources:
// Compare with Base (the base branch's run of the same source and suites, not
// the newer local run), runs in numeric order, readable trend labels, the commit
// an import attaches to (shown, editable, used), the context menus, `file:line`
// links opening the editor inside the repository only, and Help's dialogs.

#include "TestEnvironment.h"
#include "TestRepo.h"

#include "common/JobTracker.h"
#include "shell/HelpDialogs.h"
#include "shell/MainWindow.h"
#include "tests/ComparisonView.h"
#include "tests/EditorLauncher.h"
#include "tests/ImportTargetDialog.h"
#include "tests/RunDetailView.h"
#include "tests/TestHistoryView.h"
#include "tests/TestStoreAccess.h"
#include "tests/TestsContextMenus.h"
#include "tests/TestsPage.h"
#include "tests/TrendsView.h"

#include "testresults/ComparisonModel.h"
#include "testresults/RunListModel.h"
#include "testresults/RunTreeModel.h"
#include "testresults/TestHistoryModel.h"
#include "testresults/TestRunStore.h"

#include <QApplication>
#include <QCategoryAxis>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QTreeWidget>

using namespace devdash;
using namespace devdash::testresults;
using devdash::test::TestRepo;

namespace {

// Suites of four tests each; `failing`: "Suite::name" keys that fail, with a
// GoogleTest-style message pointing into the repository and a trace line outside it.
TestReport makeReport(
    const QStringList &suites, const QStringList &failing, double seconds, const QString &outside)
{
    TestReport r;
    r.file = QStringLiteral("junit.xml");
    r.format = QStringLiteral("junit");
    for (const QString &suite : suites) {
        for (int i = 0; i < 4; ++i) {
            TestCase c;
            c.suite = c.className = suite;
            c.name = QStringLiteral("t%1").arg(i);
            c.file = QStringLiteral("tests/test_db.cpp");
            c.line = 3 + i;
            c.durationS = seconds;
            if (failing.contains(c.id())) {
                c.status = TestStatus::Failed;
                c.message = QStringLiteral("tests/test_db.cpp:%1: Failure\nExpected: 2").arg(c.line);
                c.details = QStringLiteral("#0 %1/secret.cpp:1 in leak()").arg(outside);
            }
            r.cases.push_back(c);
        }
    }
    return r;
}

// Kept for people to look at (the path is in the log).
void keepImage(QWidget *widget, const QString &name)
{
    QCoreApplication::processEvents();
    const QString out = QDir::temp().filePath(QStringLiteral("tst_testspagetools-%1.png").arg(name));
    widget->grab().save(out);
    qInfo("image: %s", qPrintable(out));
}

// Accepts (or cancels) the next modal dialog once it is shown, after `inspect`.
template<typename Dialog, typename Inspect> void whenModal(Inspect inspect)
{
    auto *timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, [timer, inspect] {
        auto *dialog = qobject_cast<Dialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        timer->stop();
        timer->deleteLater();
        inspect(dialog);
    });
    timer->start();
}

} // namespace

class TestsPageToolsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void compareWithBasePicksTheSameSource();
    void runsSortNumerically();
    void trendAxisLabels_data();
    void trendAxisLabels();
    void importAsksForTheCommit();
    void caseContextMenu();
    void deleteRunAsksFirst();
    void sourceLinksOpenInsideTheRepositoryOnly();
    void helpDialogs();

private:
    ui::TestsPage *openPage();
    qint64 runId(const QString &name) const { return m_ids.value(name); }
    QString editorOutput() const { return m_dir.filePath(QStringLiteral("editor-args.txt")); }

    QTemporaryDir m_dir;
    std::unique_ptr<TestRepo> m_repo;
    QStringList m_commits;
    QHash<QString, qint64> m_ids;
    std::unique_ptr<ui::MainWindow> m_window;
};

void TestsPageToolsTest::initTestCase()
{
    QVERIFY(test::TestEnvironment::setUp());
    QCoreApplication::setOrganizationName(QStringLiteral("devdash-tst-testspagetools"));
    QVERIFY(m_dir.isValid());
    m_repo = std::make_unique<TestRepo>(m_dir.filePath(QStringLiteral("repo")));
    m_repo->init();
    m_commits << m_repo->commit(
        QStringLiteral("tests"), { { QStringLiteral("tests/test_db.cpp"), "int main() {}\n" } });
    m_commits << m_repo->commit(QStringLiteral("one"));
    m_commits << m_repo->commit(QStringLiteral("two"));
    QVERIFY2(m_repo->ok(), qPrintable(m_repo->errors()));
    const QString outside = m_dir.filePath(QStringLiteral("outside"));
    QVERIFY(QDir().mkpath(outside));
    QFile secret(outside + QStringLiteral("/secret.cpp"));
    QVERIFY(secret.open(QIODevice::WriteOnly));

    auto location = store::StoreLocation::parse(m_dir.filePath(QStringLiteral("store.sqlite")));
    QVERIFY(location);
    ui::TestStoreAccess::setLocation(*location);
    auto db = store::Database::open(*location);
    QVERIFY2(db, qPrintable(db.errorMessage()));
    TestRunStore store(*db);
    const QString key = ui::TestStoreAccess::repositoryKey(m_repo->path());
    int minute = 0;
    auto import = [&](const QString &name, const QString &source, int commit, const QString &branch,
                      const QStringList &suites, const QStringList &failing) {
        ++minute;
        const RunInfo info { key, m_commits.at(commit), branch, source,
            QDateTime::currentDateTimeUtc().addSecs(-7200 + minute * 60) };
        auto run = store.importRun(info, { makeReport(suites, failing, 0.01 * minute, outside) });
        QVERIFY2(run, qPrintable(run.errorMessage()));
        m_ids.insert(name, run->run.id);
    };
    // CI on main fails B::t0; then a local run of suite A only on the same commit.
    import(QStringLiteral("ci"), QStringLiteral("github:acme/app#1"), 1, QStringLiteral("main"), { "A", "B" },
        { "B::t0" });
    import(QStringLiteral("local"), QStringLiteral("local"), 1, QStringLiteral("main"), { "A" }, {});
    // Ten runs of a feature branch, failing and passing by turns: run ids reach two digits.
    for (int i = 0; i < 10; ++i)
        import(QStringLiteral("feature%1").arg(i), QStringLiteral("github:acme/app#%1").arg(10 + i), 2,
            QStringLiteral("feature"), { "A", "B" }, i % 2 ? QStringList { "A::t1" } : QStringList {});
}

void TestsPageToolsTest::cleanupTestCase()
{
    ui::TestStoreAccess::setLocation(std::nullopt);
}

void TestsPageToolsTest::init()
{
    // A fake editor: writes its arguments, one a line, where the test reads them.
    const QString script = m_dir.filePath(QStringLiteral("fake-editor"));
    QFile file(script);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QStringLiteral("#!/bin/sh\nprintf '%s\\n' \"$@\" > '%1.tmp' && mv '%1.tmp' '%1'\n")
                   .arg(editorOutput())
                   .toUtf8());
    file.close();
    QVERIFY(file.setPermissions(file.permissions() | QFileDevice::ExeOwner));
    QFile::remove(editorOutput());
    ui::EditorLauncher::setCommandTemplate(script + QStringLiteral(" --line {line} {file}"));
}

void TestsPageToolsTest::cleanup()
{
    m_window.reset();
    ui::EditorLauncher::setCommandTemplate({});
}

ui::TestsPage *TestsPageToolsTest::openPage()
{
    m_window = std::make_unique<ui::MainWindow>(ui::MainWindow::StatePolicy::Ephemeral);
    m_window->resize(1280, 800);
    m_window->show();
    m_window->openRepository(m_repo->path());
    if (!m_window->showPage(QStringLiteral("tests")))
        return nullptr;
    auto *page = qobject_cast<ui::TestsPage *>(m_window->page(QStringLiteral("tests")));
    if (page && !QTest::qWaitFor([&] { return page->isReady() && m_window->jobs()->isIdle(); }, 20000))
        return nullptr;
    return page;
}

void TestsPageToolsTest::compareWithBasePicksTheSameSource()
{
    ui::TestsPage *page = openPage();
    QVERIFY(page);
    QCOMPARE(page->baseBranch(), QStringLiteral("main"));
    const qint64 head = runId(QStringLiteral("feature9"));
    page->selectRun(head);
    QTRY_COMPARE_WITH_TIMEOUT(page->treeModel()->runId(), head, 10000);
    page->compareWith(0);
    QTRY_COMPARE_WITH_TIMEOUT(page->comparisonView()->model()->comparison().headRunId, head, 10000);
    // main's CI run, not the newer 4-test local run on the same commit.
    QCOMPARE(page->comparisonView()->model()->comparison().baseRunId, runId(QStringLiteral("ci")));
    QCOMPARE(page->comparisonView()->model()->comparison().fixed.size(), 1); // B::t0
    QVERIFY(page->comparisonView()->model()->comparison().removedTests.isEmpty());
    const QString title = page->comparisonView()->titleText();
    QVERIFY2(
        title.startsWith(QStringLiteral("#%1 main").arg(runId(QStringLiteral("ci")))), qPrintable(title));
    QVERIFY2(title.contains(QStringLiteral("github:acme/app#1 ")), qPrintable(title)); // the source is named
}

void TestsPageToolsTest::runsSortNumerically()
{
    ui::TestsPage *page = openPage();
    QVERIFY(page);
    page->runsView()->sortByColumn(RunListModel::StatusColumn, Qt::AscendingOrder);
    const QAbstractItemModel *model = page->runsView()->model();
    QCOMPARE(model->rowCount(), m_ids.size());
    QList<qint64> order;
    for (int row = 0; row < model->rowCount(); ++row)
        order << model->index(row, RunListModel::StatusColumn).data(RunListModel::RunIdRole).toLongLong();
    QList<qint64> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(order, sorted); // "#9" before "#10", whatever failed
}

void TestsPageToolsTest::trendAxisLabels_data()
{
    QTest::addColumn<int>("runs");
    QTest::addColumn<int>("labels");
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("last");
    QTest::newRow("few runs: every run") << 6 << 6 << "#1"
                                         << "#6";
    QTest::newRow("ten runs") << 10 << 10 << "#1"
                              << "#10";
    QTest::newRow("twelve runs") << 12 << 6 << "#2"
                                 << "#12";
    QTest::newRow("fifty runs") << 50 << 10 << "#5"
                                << "#50";
    QTest::newRow("a hundred runs") << 100 << 10 << "#10"
                                    << "#100";
}

void TestsPageToolsTest::trendAxisLabels()
{
    QFETCH(int, runs);
    QFETCH(int, labels);
    QFETCH(QString, first);
    QFETCH(QString, last);
    Trends trends;
    for (int i = 1; i <= runs; ++i) {
        TrendPoint p;
        p.runId = i;
        p.counts.tests = p.counts.passed = 10;
        p.counts.durationS = 1;
        trends.points << p;
    }
    ui::TrendsView view;
    view.resize(900, 500);
    view.show();
    view.setTrends(trends);
    QCategoryAxis *axis = view.runAxis();
    QVERIFY(axis);
    const QStringList shown = axis->categoriesLabels();
    QCOMPARE(shown.size(), labels);
    QCOMPARE(shown.constFirst(), first);
    QCOMPARE(shown.constLast(), last);
    // Each label is a whole run number, placed on its bar, and has room for itself.
    const QFontMetrics metrics(axis->labelsFont());
    const double perRun = 700.0 / runs; // the plot is narrower than the view
    for (const QString &label : shown) {
        QVERIFY(QRegularExpression(QStringLiteral("^#\\d+$")).match(label).hasMatch());
        QCOMPARE(axis->endValue(label), label.mid(1).toInt() - 1.0);
        QVERIFY2(metrics.horizontalAdvance(label) < perRun * std::max(1, runs / labels) * 1.0 + 1,
            qPrintable(label));
    }
}

void TestsPageToolsTest::importAsksForTheCommit()
{
    ui::TestsPage *page = openPage();
    QVERIFY(page);
    const QString reportFile = m_dir.filePath(QStringLiteral("import.xml"));
    QFile file(reportFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("<testsuite name=\"Imported\" tests=\"1\"><testcase classname=\"Imported\" name=\"works\" "
               "time=\"0.5\"/></testsuite>\n");
    file.close();

    QString shownCommit, shownBranch, badStatus;
    bool okWhenBad = true;
    whenModal<ui::ImportTargetDialog>([&](ui::ImportTargetDialog *dialog) {
        keepImage(dialog, QStringLiteral("import"));
        shownCommit = dialog->commitField()->text();
        shownBranch = dialog->branchField()->text();
        dialog->commitField()->setText(QStringLiteral("no-such-revision"));
        badStatus = dialog->statusText();
        okWhenBad = dialog->buttons()->button(QDialogButtonBox::Ok)->isEnabled();
        dialog->commitField()->setText(m_commits.at(0).left(10)); // an older commit
        dialog->branchField()->setText(QStringLiteral("release"));
        dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    });
    const int before = page->runsModel()->rowCount();
    page->importReportsAsking({ reportFile });
    QCOMPARE(shownCommit, m_commits.at(2)); // HEAD, shown before anything is attached
    QCOMPARE(shownBranch, QStringLiteral("main"));
    QVERIFY2(badStatus.contains(QStringLiteral("No commit")), qPrintable(badStatus));
    QVERIFY(!okWhenBad);
    QTRY_COMPARE_WITH_TIMEOUT(page->runsModel()->rowCount(), before + 1, 10000);
    qint64 imported = 0;
    for (const RunSummary &r : page->runsModel()->runs()) {
        if (r.counts.tests != 1)
            continue;
        imported = r.id;
        QCOMPARE(r.commit, m_commits.at(0));
        QCOMPARE(r.branch, QStringLiteral("release"));
    }
    QVERIFY(imported > 0);
    // Cancelled: nothing is imported.
    whenModal<ui::ImportTargetDialog>([](ui::ImportTargetDialog *dialog) { dialog->reject(); });
    page->importReportsAsking({ reportFile });
    QTest::qWait(300);
    QTRY_VERIFY(m_window->jobs()->isIdle());
    QCOMPARE(page->runsModel()->rowCount(), before + 1);
    // The new run goes, for the other tests.
    page->deleteRun(imported);
    QTRY_COMPARE_WITH_TIMEOUT(page->runsModel()->rowCount(), before, 10000);
}

void TestsPageToolsTest::caseContextMenu()
{
    ui::TestsPage *page = openPage();
    QVERIFY(page);
    page->selectRun(runId(QStringLiteral("ci")));
    QTRY_COMPARE_WITH_TIMEOUT(page->treeModel()->runId(), runId(QStringLiteral("ci")), 10000);
    QModelIndex failing;
    for (int s = 0; s < page->treeProxy()->rowCount() && !failing.isValid(); ++s) {
        const QModelIndex suite = page->treeProxy()->index(s, 0);
        for (int c = 0; c < page->treeProxy()->rowCount(suite); ++c)
            if (page->treeProxy()->index(c, 0, suite).data(RunTreeModel::TestKeyRole).toString()
                == QLatin1String("B::t0"))
                failing = page->treeProxy()->index(c, 0, suite);
    }
    QVERIFY(failing.isValid());
    std::unique_ptr<QMenu> menu(ui::TestsContextMenus::forCase(page, failing, page));
    auto action = [&](const char *name) { return menu->findChild<QAction *>(QLatin1String(name)); };
    QVERIFY(action("copyTestNameAction") && action("openTestFileAction") && action("showTestHistoryAction"));

    action("copyTestNameAction")->trigger();
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("B::t0"));

    QVERIFY(action("openTestFileAction")->isEnabled());
    QVERIFY(action("openTestFileAction")->text().contains(QStringLiteral("tests/test_db.cpp:3")));
    action("openTestFileAction")->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(editorOutput()), 10000);
    QFile out(editorOutput());
    QVERIFY(out.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(out.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts),
        QStringList({ QStringLiteral("--line"), QStringLiteral("3"),
            QDir(m_repo->path()).canonicalPath() + QStringLiteral("/tests/test_db.cpp") }));

    action("showTestHistoryAction")->trigger();
    QCOMPARE(page->tabs()->currentIndex(), int(ui::TestsPage::HistoryTab));
    QTRY_COMPARE_WITH_TIMEOUT(page->historyView()->model()->history().key, QStringLiteral("B::t0"), 10000);

    // A run's menu: compare with base and copy its commit.
    std::unique_ptr<QMenu> runMenu(
        ui::TestsContextMenus::forRun(page, runId(QStringLiteral("feature3")), page));
    runMenu->findChild<QAction *>(QStringLiteral("copyRunCommitAction"))->trigger();
    QCOMPARE(QApplication::clipboard()->text(), m_commits.at(2));
    runMenu->findChild<QAction *>(QStringLiteral("compareWithBaseAction"))->trigger();
    QCOMPARE(page->tabs()->currentIndex(), int(ui::TestsPage::CompareTab));
    QTRY_COMPARE_WITH_TIMEOUT(
        page->comparisonView()->model()->comparison().headRunId, runId(QStringLiteral("feature3")), 10000);
    QCOMPARE(page->comparisonView()->model()->comparison().baseRunId, runId(QStringLiteral("ci")));
}

void TestsPageToolsTest::deleteRunAsksFirst()
{
    // A run of its own, deleted through the menu.
    auto db = store::Database::open(*ui::TestStoreAccess::location());
    QVERIFY(db);
    const RunInfo info { ui::TestStoreAccess::repositoryKey(m_repo->path()), m_commits.at(2),
        QStringLiteral("main"), QStringLiteral("local"), QDateTime::currentDateTimeUtc().addSecs(-60) };
    auto doomed = TestRunStore(*db).importRun(info, { makeReport({ "Z" }, {}, 9.0, QString()) });
    QVERIFY(doomed);
    const qint64 id = doomed->run.id;

    ui::TestsPage *page = openPage();
    QVERIFY(page);
    QVERIFY(page->runsModel()->rowOfRun(id) >= 0);
    QString question;
    whenModal<QMessageBox>([&](QMessageBox *box) {
        question = box->text();
        box->button(QMessageBox::Cancel)->click();
    });
    std::unique_ptr<QMenu> menu(ui::TestsContextMenus::forRun(page, id, page));
    menu->findChild<QAction *>(QStringLiteral("deleteRunAction"))->trigger();
    QVERIFY2(question.contains(QStringLiteral("#%1").arg(id)), qPrintable(question));
    QTest::qWait(200);
    QTRY_VERIFY(m_window->jobs()->isIdle());
    QVERIFY(page->runsModel()->rowOfRun(id) >= 0); // cancelled: still there
    QVERIFY(TestRunStore(*db).runSummary(id));

    whenModal<QMessageBox>([](QMessageBox *box) { box->button(QMessageBox::Yes)->click(); });
    menu->findChild<QAction *>(QStringLiteral("deleteRunAction"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(page->runsModel()->rowOfRun(id) < 0, 10000);
    QVERIFY(!TestRunStore(*db).runSummary(id)); // gone from the store
}

void TestsPageToolsTest::sourceLinksOpenInsideTheRepositoryOnly()
{
    ui::TestsPage *page = openPage();
    QVERIFY(page);
    page->selectRun(runId(QStringLiteral("ci")));
    QTRY_COMPARE_WITH_TIMEOUT(page->treeModel()->runId(), runId(QStringLiteral("ci")), 10000);
    page->failedOnlyBox()->setChecked(true); // B::t0 only
    const QModelIndex suite = page->treeProxy()->index(0, 0);
    QCOMPARE(page->treeProxy()->rowCount(suite), 1);
    page->treeView()->setCurrentIndex(page->treeProxy()->index(0, 0, suite));

    // The case's file:line and the message's are links; the trace's path outside is not.
    ui::RunDetailView *detail = page->detailView();
    QTRY_VERIFY(!detail->links().isEmpty());
    for (const auto &link : detail->links()) {
        QCOMPARE(link.file, QStringLiteral("tests/test_db.cpp"));
        QCOMPARE(link.line, 3);
    }
    QVERIFY(detail->toPlainText().contains(QStringLiteral("outside/secret.cpp:1")));
    detail->activateLink(int(detail->links().size()) - 1);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(editorOutput()), 10000);
    QFile out(editorOutput());
    QVERIFY(out.open(QIODevice::ReadOnly));
    QVERIFY(out.readAll().endsWith("tests/test_db.cpp\n"));
    out.close();

    // A path outside the repository is refused, however it is asked for.
    QFile::remove(editorOutput());
    QSignalSpy messages(page, &ui::Page::statusMessage);
    const QString outside = m_dir.filePath(QStringLiteral("outside/secret.cpp"));
    const QString relative = QDir(m_repo->path()).relativeFilePath(outside); // "../../…/outside/secret.cpp"
    QVERIFY(relative.startsWith(QLatin1String("../")));
    for (const QString &path : { outside, relative }) {
        page->openSource(path, 1);
        QVERIFY(!messages.isEmpty());
        const QString message = messages.takeLast().at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("outside the repository")),
            qPrintable(path + QStringLiteral(": ") + message));
    }
    QTest::qWait(500);
    QVERIFY(!QFile::exists(editorOutput()));
}

void TestsPageToolsTest::helpDialogs()
{
    ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
    window.show();
    // Generated from the actions: every page's Ctrl+N is listed.
    const auto shortcuts = ui::HelpDialogs::shortcuts(&window);
    QStringList keys;
    for (const auto &entry : shortcuts)
        keys << entry.second;
    for (int n = 1; n <= 8; ++n)
        QVERIFY2(keys.contains(QStringLiteral("Ctrl+%1").arg(n)), qPrintable(keys.join(QLatin1Char(' '))));
    QVERIFY(keys.contains(QStringLiteral("Ctrl+I")));

    auto *shortcutsAction = window.findChild<QAction *>(QStringLiteral("keyboardShortcutsAction"));
    QVERIFY(shortcutsAction);
    shortcutsAction->trigger();
    auto *dialog = window.findChild<QDialog *>(QStringLiteral("shortcutsDialog"));
    QVERIFY(dialog && dialog->isVisible());
    auto *table = dialog->findChild<QTreeWidget *>(QStringLiteral("shortcutsTable"));
    QVERIFY(table);
    QCOMPARE(table->topLevelItemCount(), shortcuts.size());
    keepImage(dialog, QStringLiteral("shortcuts"));
    const auto history = table->findItems(QStringLiteral("Ctrl+3"), Qt::MatchExactly, 1);
    QCOMPARE(history.size(), 1);
    QVERIFY2(history.constFirst()->text(0).startsWith(QStringLiteral("View › ")),
        qPrintable(history.constFirst()->text(0)));
    dialog->close();

    auto *syntaxAction = window.findChild<QAction *>(QStringLiteral("searchSyntaxAction"));
    QVERIFY(syntaxAction);
    syntaxAction->trigger();
    auto *syntax = window.findChild<QDialog *>(QStringLiteral("searchSyntaxDialog"));
    QVERIFY(syntax && syntax->isVisible());
    keepImage(syntax, QStringLiteral("search-syntax"));
    const QString text = syntax->findChild<QLabel *>(QStringLiteral("searchSyntaxText"))->text();
    QVERIFY(text.contains(QStringLiteral("AND")));
    QVERIFY(text.contains(QStringLiteral("author:NAME")));
    QVERIFY(text.contains(QStringLiteral("path:DIR/")));
}

QTEST_MAIN(TestsPageToolsTest)
#include "tst_testspagetools.moc"

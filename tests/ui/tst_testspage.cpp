// The Tests page offscreen, on a store filled from the report samples of tests/data/junit: runs,
// a run's tree with the failed-only filter, a comparison, a test's history, the
// trend chart's series, and a non-blank screenshot (light and dark).

#include "TestData.h"
#include "TestRepo.h"

#include "common/Theme.h"
#include "shell/MainWindow.h"
#include "shell/Screenshot.h"
#include "tests/ChartExport.h"
#include "tests/ComparisonView.h"
#include "tests/TestHistoryView.h"
#include "tests/TestStoreAccess.h"
#include "tests/TestsPage.h"
#include "tests/TrendsView.h"

#include "testresults/ComparisonModel.h"
#include "testresults/ReportParser.h"
#include "testresults/RunListModel.h"
#include "testresults/RunTreeModel.h"
#include "testresults/TestHistoryModel.h"
#include "testresults/TestRunStore.h"

#include <QBarSet>
#include <QCheckBox>
#include <QLabel>
#include <QLineSeries>
#include <QSortFilterProxyModel>
#include <QStackedBarSeries>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace devdash;
using namespace devdash::testresults;
using devdash::test::TestRepo;

namespace {
// Each tab as rendered, for people to look at (the path is in the log); never blank.
void keepImage(QWidget &window, const QString &name)
{
    QCoreApplication::processEvents();
    const QImage image = window.grab().toImage();
    QVERIFY(ui::distinctColours(image, 64) >= 16);
    const QString out = QDir::temp().filePath(QStringLiteral("tst_testspage-%1.png").arg(name));
    image.save(out);
    qInfo("tab: %s", qPrintable(out));
}
} // namespace

class TestsPageTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void page();
    void exports();
    void screenshot_data();
    void screenshot();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestRepo> m_repo;
    QList<qint64> m_runIds;
};

void TestsPageTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_repo = std::make_unique<TestRepo>(m_dir.filePath(QStringLiteral("repo")));
    m_repo->init();
    QStringList commits;
    for (int i = 0; i < 4; ++i) {
        m_repo->writeFile(QStringLiteral("f.txt"), QByteArray::number(i));
        commits << m_repo->commit(QStringLiteral("commit %1").arg(i));
    }
    QVERIFY2(m_repo->ok(), qPrintable(m_repo->errors()));

    auto location = store::StoreLocation::parse(m_dir.filePath(QStringLiteral("store.sqlite")));
    QVERIFY(location);
    ui::TestStoreAccess::setLocation(*location);
    auto db = store::Database::open(*location);
    QVERIFY2(db, qPrintable(db.errorMessage()));
    TestRunStore store(*db);

    // Four runs on main: the same suite failing, fixed, and a flaky test.
    const QList<QStringList> runs = {
        { QStringLiteral("junit/ant-testsuites.xml"), QStringLiteral("junit/surefire-flaky-rerun.xml") },
        { QStringLiteral("junit/ant-testsuites.xml"), QStringLiteral("junit/surefire-always-fails.xml") },
        { QStringLiteral("junit/jest-junit.xml"), QStringLiteral("junit/gradle-retries.xml") },
        { QStringLiteral("junit/jest-junit.xml"), QStringLiteral("junit/gtest.xml"),
            QStringLiteral("junit/surefire-flaky.xml") },
    };
    for (const QStringList &files : runs)
        DEVDASH_REQUIRE_TEST_DATA(files);
    for (int i = 0; i < runs.size(); ++i) {
        QList<TestReport> reports;
        for (const QString &file : runs.at(i)) {
            auto report = ReportParser::parseFile(devdash::test::testDataPath(file));
            QVERIFY2(report, qPrintable(report.errorMessage()));
            reports << *report;
        }
        RunInfo info;
        info.repository = ui::TestStoreAccess::repositoryKey(m_repo->path());
        info.commit = commits.at(i);
        info.branch = QStringLiteral("main");
        info.source = QStringLiteral("ci");
        info.importedAt = QDateTime::currentDateTimeUtc().addSecs(-3600 + i * 60);
        auto imported = store.importRun(info, reports);
        QVERIFY2(imported, qPrintable(imported.errorMessage()));
        m_runIds << imported->run.id;
    }
}

void TestsPageTest::cleanupTestCase()
{
    ui::TestStoreAccess::setLocation(std::nullopt);
}

void TestsPageTest::page()
{
    ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
    window.resize(1280, 800);
    window.show();
    window.openRepository(m_repo->path());
    QVERIFY(window.showPage(QStringLiteral("tests")));
    auto *page = qobject_cast<ui::TestsPage *>(window.page(QStringLiteral("tests")));
    QVERIFY(page);
    QTRY_VERIFY_WITH_TIMEOUT(page->isReady() && window.jobs()->isIdle(), 20000);
    QVERIFY2(page->errorText().isEmpty(), qPrintable(page->errorText()));
    QCOMPARE(page->runsModel()->rowCount(), m_runIds.size());

    // Select the second run: its tree loads.
    page->selectRun(m_runIds.at(1));
    QTRY_COMPARE_WITH_TIMEOUT(page->treeModel()->runId(), m_runIds.at(1), 10000);
    QTRY_VERIFY(page->isReady());
    const int allRows = page->treeProxy()->rowCount();
    QVERIFY(allRows > 0);

    // Failed only: every visible case fails.
    page->failedOnlyBox()->setChecked(true);
    int failingCases = 0;
    for (int s = 0; s < page->treeProxy()->rowCount(); ++s) {
        const QModelIndex suite = page->treeProxy()->index(s, 0);
        for (int c = 0; c < page->treeProxy()->rowCount(suite); ++c) {
            QCOMPARE(page->treeProxy()->index(c, 0, suite).data(RunTreeModel::FailingCountRole).toInt(), 1);
            ++failingCases;
        }
    }
    const RunSummary *run = page->runsModel()->runAt(page->runsModel()->rowOfRun(m_runIds.at(1)));
    QCOMPARE(failingCases, run->counts.failed + run->counts.errored);

    // Compare with the first run.
    page->compareWith(m_runIds.at(0));
    QTRY_VERIFY_WITH_TIMEOUT(
        page->comparisonView()->model()->comparison().headRunId == m_runIds.at(1), 10000);
    QCOMPARE(page->comparisonView()->model()->comparison().baseRunId, m_runIds.at(0));
    QCOMPARE(page->comparisonView()->model()->rowCount(), testresults::ComparisonModel::SectionCount);
    keepImage(window, QStringLiteral("compare"));

    // A failing test's history.
    const QModelIndex suite = page->treeProxy()->index(0, 0);
    const QString key = page->treeProxy()->index(0, 0, suite).data(RunTreeModel::TestKeyRole).toString();
    QVERIFY(!key.isEmpty());
    page->showTestHistory(key);
    QTRY_VERIFY_WITH_TIMEOUT(page->historyView()->model()->rowCount() > 0, 10000);
    keepImage(window, QStringLiteral("history"));
    QCOMPARE(page->historyView()->model()->history().key, key);
    QVERIFY(!page->historyView()->streakLabel()->text().isEmpty());

    // Trends: one bar per run in each of three sets, one duration point per run.
    page->showTab(ui::TestsPage::TrendsTab);
    QTRY_VERIFY_WITH_TIMEOUT(page->trendsView()->trends().points.size() == m_runIds.size(), 10000);
    QStackedBarSeries *bars = page->trendsView()->barSeries();
    QVERIFY(bars);
    QCOMPARE(bars->count(), 3);
    for (QBarSet *set : bars->barSets())
        QCOMPARE(set->count(), m_runIds.size());
    QCOMPARE(page->trendsView()->durationSeries()->count(), m_runIds.size());
    QVERIFY(page->trendsView()->pointText(0).contains(QStringLiteral("#%1").arg(m_runIds.at(0))));
    QTRY_VERIFY(page->isReady());
    keepImage(window, QStringLiteral("trends"));

    // Flaky: the tab loads without error.
    page->showTab(ui::TestsPage::FlakyTab);
    QTRY_VERIFY_WITH_TIMEOUT(page->isReady() && window.jobs()->isIdle(), 10000);
    QVERIFY2(page->errorText().isEmpty(), qPrintable(page->errorText()));
    keepImage(window, QStringLiteral("flaky"));
}

void TestsPageTest::exports()
{
    QStandardItemModel model(0, 2);
    model.setHorizontalHeaderLabels({ QStringLiteral("Test"), QStringLiteral("Mean") });
    model.appendRow(
        { new QStandardItem(QStringLiteral("a, \"b\"")), new QStandardItem(QStringLiteral("1 s")) });
    QCOMPARE(ui::ChartExport::toCsv(model), QStringLiteral("Test,Mean\r\n\"a, \"\"b\"\"\",1 s\r\n"));
    const QString csv = m_dir.filePath(QStringLiteral("out.csv"));
    QVERIFY(ui::ChartExport::saveCsv(model, csv));
    QImage image(40, 30, QImage::Format_RGB32);
    image.fill(Qt::red);
    QVERIFY(ui::ChartExport::savePng(image, m_dir.filePath(QStringLiteral("out.png"))));
    QVERIFY(!ui::ChartExport::savePng(QImage(), m_dir.filePath(QStringLiteral("none.png"))));
    QVERIFY(!ui::ChartExport::saveCsv(model, QStringLiteral("/nonexistent-folder/x.csv")));
}

void TestsPageTest::screenshot_data()
{
    QTest::addColumn<QString>("theme");
    QTest::newRow("light") << QStringLiteral("light");
    QTest::newRow("dark") << QStringLiteral("dark");
}

void TestsPageTest::screenshot()
{
    QFETCH(QString, theme);
    qputenv("DEVDASH_THEME", theme.toUtf8());
    auto image = ui::renderPage(m_repo->path(), QStringLiteral("tests"), QSize(1280, 800));
    qunsetenv("DEVDASH_THEME");
    QVERIFY2(image, qPrintable(image.errorMessage()));
    QVERIFY(ui::distinctColours(*image, 64) >= 16);
    // Kept for people to look at (see the test's log).
    const QString out = QDir::temp().filePath(QStringLiteral("tst_testspage-%1.png").arg(theme));
    image->save(out);
    qInfo("screenshot: %s", qPrintable(out));
}

QTEST_MAIN(TestsPageTest)
#include "tst_testspage.moc"

// The Deployments page in the window, offscreen, on a real repository and a real
// SQLite store: what runs now, the timeline with its failure and rollback, the DORA
// cards of a sprint (values worked out by hand below), the release diff, and the
// CSV, PNG and PDF exports. And the timeline model's live updates; times in the shared
// format (DisplayTime), the exact time in tooltips.

#include "TestRepo.h"
#include "common/DisplayTime.h"
#include "common/LabelToolTips.h"
#include "common/Theme.h"
#include "deploy/DeploymentRecord.h"
#include "deploy/DeploymentStore.h"
#include "deploy/DeploymentTimelineModel.h"
#include "deploy/DeploymentsPage.h"
#include "deploy/DoraPanel.h"
#include "deploy/SprintReport.h"
#include "shell/MainWindow.h"
#include "store/Database.h"
#include "tests/TestStoreAccess.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash;
using namespace devdash::deploy;
using namespace devdash::test;

namespace {

Deployment at(
    qint64 id, const QString &env, const QString &commit, DeploymentStatus status, const QString &when)
{
    Deployment d;
    d.id = id;
    d.environment = env;
    d.commit = commit;
    d.status = status;
    d.at = *DeploymentRecord::parseTime(when);
    d.source = QStringLiteral("record");
    d.by = QStringLiteral("ansible");
    return d;
}

QList<DeploymentRow> rows(const QList<qint64> &ids, const QList<bool> &rollbacks = {})
{
    QList<DeploymentRow> list;
    for (int i = 0; i < ids.size(); ++i)
        list.append({ at(ids.at(i), QStringLiteral("production"), QString(40, QLatin1Char('a')),
                          DeploymentStatus::Success,
                          QStringLiteral("2026-01-05T10:00:00Z")
                              .replace(QStringLiteral("10:00"),
                                  QStringLiteral("10:%1").arg(ids.at(i) % 60, 2, 10, QLatin1Char('0')))),
            rollbacks.value(i, false), true });
    return list;
}

} // namespace

class TstDeploymentsPage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<TestRepo> m_repo;
    QStringList m_c;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_repo = std::make_unique<TestRepo>(m_dir.filePath(QStringLiteral("repo")));
        m_repo->init();
        auto commit = [&](const QString &msg, const QString &date) {
            m_repo->git({ QStringLiteral("add"), QStringLiteral("-A") });
            m_repo->git({ QStringLiteral("commit"), QStringLiteral("--allow-empty"), QStringLiteral("-q"),
                QStringLiteral("-m"), msg, QStringLiteral("--date"), date });
            return m_repo->head();
        };
        m_repo->writeFile(QStringLiteral(".devdash.json"),
            "{\"environments\": [{\"name\": \"staging\"}, {\"name\": \"production\"}],"
            " \"sprints\": {\"start\": \"2026-01-05\", \"length_days\": 14},"
            " \"issues\": {\"url\": \"https://jira.example.com/browse/{key}\"}}");
        m_c << QString();
        m_c << commit(QStringLiteral("c1 initial"), QStringLiteral("2026-01-05T08:00:00Z"));
        m_c << commit(QStringLiteral("DEV-1 fix login"), QStringLiteral("2026-01-06T08:00:00Z"));
        m_repo->checkoutNew(QStringLiteral("feature/orders"));
        m_repo->writeFile(QStringLiteral("db/migrations/V2__orders.sql"), "create table orders(id int);\n");
        m_c << commit(QStringLiteral("DEV-2 orders table"), QStringLiteral("2026-01-07T08:00:00Z"));
        m_repo->checkout(QStringLiteral("main"));
        m_repo->git(
            { QStringLiteral("merge"), QStringLiteral("--no-ff"), QStringLiteral("-q"), QStringLiteral("-m"),
                QStringLiteral("Merge branch 'feature/orders'"), QStringLiteral("feature/orders") });
        m_repo->git({ QStringLiteral("commit"), QStringLiteral("--amend"), QStringLiteral("--no-edit"),
            QStringLiteral("-q"), QStringLiteral("--date"), QStringLiteral("2026-01-08T08:00:00Z") });
        m_c << m_repo->head();
        QVERIFY2(m_repo->ok(), qPrintable(m_repo->errors()));

        auto location = store::StoreLocation::parse(m_dir.filePath(QStringLiteral("store.sqlite")));
        QVERIFY(location);
        ui::TestStoreAccess::setLocation(*location);
        auto db = store::Database::open(*location);
        QVERIFY(db);
        const QString p = QStringLiteral("production"), s = QStringLiteral("staging");
        auto added = DeploymentStore(*db).add(ui::TestStoreAccess::repositoryKey(m_repo->path()),
            { at(0, p, m_c[2], DeploymentStatus::Success, QStringLiteral("2026-01-06T10:00:00Z")),
                at(0, s, m_c[4], DeploymentStatus::Success, QStringLiteral("2026-01-08T09:00:00Z")),
                at(0, p, m_c[4], DeploymentStatus::Failure, QStringLiteral("2026-01-08T12:00:00Z")),
                at(0, p, m_c[4], DeploymentStatus::Success, QStringLiteral("2026-01-08T13:30:00Z")),
                at(0, p, m_c[2], DeploymentStatus::Success, QStringLiteral("2026-01-12T09:00:00Z")) });
        QVERIFY2(added, qPrintable(added.errorMessage()));
    }

    void cleanupTestCase() { ui::TestStoreAccess::setLocation(std::nullopt); }

    void page()
    {
        ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
        window.resize(1280, 800);
        window.show();
        window.openRepository(m_repo->path());
        QVERIFY(window.showPage(QStringLiteral("deployments")));
        auto *page = qobject_cast<ui::DeploymentsPage *>(window.page(QStringLiteral("deployments")));
        QVERIFY(page);
        QTRY_VERIFY_WITH_TIMEOUT(page->isReady() && window.jobs()->isIdle() && page->snapshot(), 20000);
        QVERIFY2(page->errorText().isEmpty(), qPrintable(page->errorText()));

        // Newest first: the rollback to c2 on top, then the fix, the failure, staging, the first.
        auto *timeline = page->timelineModel();
        QCOMPARE(timeline->rowCount(), 5);
        QVERIFY(timeline->index(0, 0).data(DeploymentTimelineModel::RollbackRole).toBool());
        QCOMPARE(timeline->index(2, 0).data(DeploymentTimelineModel::StatusRole).toInt(),
            int(DeploymentStatus::Failure));
        for (int r = 1; r < 5; ++r)
            QVERIFY(!timeline->index(r, 0).data(DeploymentTimelineModel::RollbackRole).toBool());
        // Now: production runs c2 (rolled back), staging c4.
        QVERIFY(page->nowRunningText().contains(m_c[2].left(10)));
        QVERIFY(page->nowRunningText().contains(m_c[4].left(10)));

        // Sprint 1 [Jan 5, Jan 19), production. Lead times: c1 26 h, c2 2 h (at Jan 6 10:00),
        // c3 29.5 h, c4 5.5 h (at Jan 8 13:30) → median (5.5 + 26) / 2 = 15.75 h → "15.8 h".
        // Deployment days: week of Jan 5 {6, 8} = 2, week of Jan 12 {12} = 1 → 1.5 (high).
        // Failed 1 of 4 → 25 % (low); restored 1.5 h later (high).
        page->setSprint(1);
        QTRY_VERIFY_WITH_TIMEOUT(
            page->isReady() && page->snapshot()->sprintSummary.sprint.number == 1, 20000);
        const auto *dora = page->doraPanel();
        QVERIFY2(dora->cardText(QStringLiteral("deployment_frequency"))
                     .startsWith(QStringLiteral("1.5 days/week")),
            qPrintable(dora->cardText(QStringLiteral("deployment_frequency"))));
        QVERIFY(dora->cardText(QStringLiteral("deployment_frequency")).endsWith(QStringLiteral("high")));
        QVERIFY2(dora->cardText(QStringLiteral("lead_time_for_changes")).startsWith(QStringLiteral("15.8 h")),
            qPrintable(dora->cardText(QStringLiteral("lead_time_for_changes"))));
        QVERIFY(dora->cardText(QStringLiteral("lead_time_for_changes")).contains(QStringLiteral("4 change")));
        QVERIFY(dora->cardText(QStringLiteral("change_failure_rate")).startsWith(QStringLiteral("25.0 %")));
        QVERIFY(dora->cardText(QStringLiteral("change_failure_rate")).endsWith(QStringLiteral("low")));
        QVERIFY(dora->cardText(QStringLiteral("time_to_restore")).startsWith(QStringLiteral("1.5 h")));

        // Release diff staging → production: c3 and the merge, DEV-2, the branch, the migration.
        const QString diff = page->releaseDiffText();
        QVERIFY2(diff.contains(QStringLiteral("2 commit")), qPrintable(diff));
        QVERIFY(diff.contains(QStringLiteral("feature/orders")));
        QVERIFY(diff.contains(QStringLiteral("DEV-2")));
        QVERIFY(diff.contains(QStringLiteral("db/migrations/V2__orders.sql")));

        // Exports.
        const QString csv = m_dir.filePath(QStringLiteral("dora.csv"));
        QVERIFY(page->exportCsv(csv));
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csvFile.readAll().split('\n');
        QVERIFY(lines.at(0).startsWith("sprint,name,from,to,environment"));
        QVERIFY2(
            lines.at(1).startsWith(
                "1,Sprint "
                "1,2026-01-05T00:00:00Z,2026-01-19T00:00:00Z,production,1.5,3,15.75,4,0.2500,1,4,1.50,1"),
            lines.at(1).constData());
        const QString png = m_dir.filePath(QStringLiteral("dora.png"));
        QVERIFY(page->exportPng(png));
        QImage image(png);
        QVERIFY(!image.isNull() && image.width() > 200);
        const QString pdf = m_dir.filePath(QStringLiteral("report.pdf"));
        auto saved = page->exportSprintReport(pdf);
        QVERIFY2(saved, qPrintable(saved.errorMessage()));
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        QVERIFY(pdfFile.read(5) == "%PDF-");
        QVERIFY(pdfFile.size() > 2000);
    }

    // Switching to dark redraws the DORA chart in the dark theme (it stayed light).
    void doraChartFollowsTheme()
    {
        ui::Theme::apply(ui::ThemeMode::Light);
        ui::DoraPanel panel;
        panel.resize(900, 500);
        panel.QWidget::show();
        deploy::DoraReport report;
        report.environment = QStringLiteral("production");
        deploy::Sprint sprint;
        sprint.number = 1;
        sprint.name = QStringLiteral("Sprint 1");
        sprint.first = QDate(2026, 1, 5);
        sprint.last = QDate(2026, 1, 18);
        panel.show(report, { deploy::SprintMetrics { sprint, report } });
        QCOMPARE(panel.chartView()->chart()->theme(), QChart::ChartThemeLight);
        ui::Theme::apply(ui::ThemeMode::Dark);
        QTRY_COMPARE(panel.chartView()->chart()->theme(), QChart::ChartThemeDark);
        ui::Theme::apply(ui::ThemeMode::Light);
        QTRY_COMPARE(panel.chartView()->chart()->theme(), QChart::ChartThemeLight);
    }

    // The report's release diff lists only what there is: no "merged branches: ; migrations:".
    void sprintReportOmitsEmptyParts()
    {
        deploy::DeploymentsSnapshot snapshot;
        snapshot.diffBase = QStringLiteral("production");
        snapshot.diffEnvironment = QStringLiteral("staging");
        snapshot.diff = deploy::ReleaseDiffResult {};
        snapshot.diff->commits.resize(1);
        const QString bare = ui::SprintReport::html(snapshot, QStringLiteral("repo"));
        QVERIFY2(bare.contains(QStringLiteral("<p>1 commit</p>")), qPrintable(bare));
        QVERIFY(!bare.contains(QStringLiteral("merged branches")));
        QVERIFY(!bare.contains(QStringLiteral("migrations:")));
        snapshot.diff->mergedBranches = { QStringLiteral("feature/<x>") };
        snapshot.diff->migrations = { QStringLiteral("V2__orders.sql") };
        const QString full = ui::SprintReport::html(snapshot, QStringLiteral("repo"));
        QVERIFY2(full.contains(QStringLiteral("merged branches: feature/&lt;x&gt;; migrations: V2__orders.sql")),
            qPrintable(full));
    }

    // The timeline and the "Now running" cards read as the other pages do ("1 h ago", not
    // "2026-01-12 09:00 UTC"); the exact time is the cell's tooltip and the card's.
    void timesInTheSharedFormat()
    {
        DisplayTime::setNowForTesting(*DeploymentRecord::parseTime(QStringLiteral("2026-01-12T10:00:00Z")));
        QLocale::setDefault(QLocale(QStringLiteral("en_GB")));
        const auto restore = qScopeGuard([] {
            DisplayTime::setNowForTesting({});
            QLocale::setDefault(QLocale::system());
        });
        ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
        window.resize(1280, 800);
        window.show();
        window.openRepository(m_repo->path());
        QVERIFY(window.showPage(QStringLiteral("deployments")));
        auto *page = qobject_cast<ui::DeploymentsPage *>(window.page(QStringLiteral("deployments")));
        QVERIFY(page);
        QTRY_VERIFY_WITH_TIMEOUT(page->isReady() && window.jobs()->isIdle() && page->snapshot(), 20000);
        auto *timeline = page->timelineModel();
        QCOMPARE(timeline->rowCount(), 5);
        const QModelIndex newest = timeline->index(0, DeploymentTimelineModel::WhenColumn);
        QCOMPARE(newest.data().toString(), QStringLiteral("1 h ago"));
        QCOMPARE(
            newest.data(Qt::ToolTipRole).toString(), QStringLiteral("Monday, 12 January 2026 09:00:00 UTC"));
        QCOMPARE(timeline->index(4, DeploymentTimelineModel::WhenColumn).data().toString(),
            QStringLiteral("6 days ago"));
        QCOMPARE(newest.data(DeploymentTimelineModel::TimeRole).toDateTime(),
            *DeploymentRecord::parseTime(QStringLiteral("2026-01-12T09:00:00Z")));

        // The cards: production ran c2 at 09:00 (1 h ago), staging c4 on 8 January.
        const QString cards = page->nowRunningText();
        QVERIFY2(cards.contains(QStringLiteral("title=\"Monday, 12 January 2026 09:00:00 UTC\">1 h ago")),
            qPrintable(cards));
        QVERIFY2(cards.contains(QStringLiteral("title=\"Thursday, 8 January 2026 09:00:00 UTC\">4 days ago")),
            qPrintable(cards));
        QVERIFY(!cards.contains(QStringLiteral(" UTC<")));
        // And the label shows that title as the tooltip of the time under the mouse.
        QLabel *label = nullptr;
        for (QLabel *candidate : page->findChildren<QLabel *>())
            if (candidate->text() == cards)
                label = candidate;
        QVERIFY(label);
        QStringList tips;
        for (int y = 0; y < label->height(); y += 2)
            for (int x = 0; x < label->width(); x += 4) {
                const QString tip = ui::LabelToolTips::toolTipAt(label, QPoint(x, y));
                if (!tip.isEmpty() && !tips.contains(tip))
                    tips << tip;
            }
        tips.sort();
        QCOMPARE(tips,
            QStringList({ QStringLiteral("Monday, 12 January 2026 09:00:00 UTC"),
                QStringLiteral("Thursday, 8 January 2026 09:00:00 UTC") }));
    }

    void timelineModel_data()
    {
        QTest::addColumn<QList<qint64>>("before");
        QTest::addColumn<QList<qint64>>("after");
        QTest::addColumn<int>("inserted");
        QTest::addColumn<bool>("reset");
        QTest::newRow("first load") << QList<qint64> {} << QList<qint64> { 1, 2, 3 } << 3 << false;
        QTest::newRow("new deployments")
            << QList<qint64> { 1, 2 } << QList<qint64> { 1, 2, 3, 4 } << 2 << false;
        QTest::newRow("unchanged") << QList<qint64> { 1, 2 } << QList<qint64> { 1, 2 } << 0 << false;
        QTest::newRow("one removed") << QList<qint64> { 1, 2, 3 } << QList<qint64> { 1, 3 } << 0 << true;
    }
    void timelineModel()
    {
        QFETCH(QList<qint64>, before);
        QFETCH(QList<qint64>, after);
        QFETCH(int, inserted);
        QFETCH(bool, reset);
        DeploymentTimelineModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows(rows(before));
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.setRows(rows(after));
        QCOMPARE(model.rowCount(), after.size());
        QCOMPARE(resets.size() > 0, reset);
        QCOMPARE(inserts.isEmpty() ? 0 : inserts.first().at(2).toInt() + 1, inserted);
        if (!after.isEmpty())
            QCOMPARE(
                model.index(0, 0).data(DeploymentTimelineModel::DeploymentIdRole).toLongLong(), after.last());

        // A rollback discovered later changes one row in place: dataChanged, no reset.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QList<bool> flags(after.size(), false);
        if (!flags.isEmpty()) {
            flags.last() = true;
            resets.clear();
            model.setRows(rows(after, flags));
            QCOMPARE(changed.size(), 1);
            QVERIFY(resets.isEmpty());
            QVERIFY(model.index(0, DeploymentTimelineModel::StatusColumn)
                        .data()
                        .toString()
                        .contains(QStringLiteral("rollback")));
        }
    }
};

QTEST_MAIN(TstDeploymentsPage)
#include "tst_deploymentspage.moc"

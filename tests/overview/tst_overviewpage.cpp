// The Overview page on the demo workspace and on an empty repository, in a real
// window: every card filled from the real stores, the repository and the demo's
// SQLite databases; links routed; the commit card for another commit; times in the
// shared format (DisplayTime) with the exact time as their tooltip.

#include "TestRepo.h"
#include "common/DisplayTime.h"
#include "common/JobTracker.h"
#include "common/LabelToolTips.h"
#include "database/DatabasePage.h"
#include "database/MigrationsView.h"
#include "demo/DemoWorkspace.h"
#include "deploy/DeploymentTimelineModel.h"
#include "deploy/DeploymentsPage.h"
#include "overview/CommitOverviewLoader.h"
#include "overview/OverviewCard.h"
#include "overview/OverviewPage.h"
#include "overview/Sparkline.h"
#include "pipelines/PipelineRunFilter.h"
#include "pipelines/PipelinesPage.h"
#include "schema/ReadOnlyConnection.h"
#include "schema/SchemaInspector.h"
#include "schema/SchemaSnapshotStore.h"
#include "shell/MainWindow.h"
#include "store/Database.h"
#include "testresults/RunImport.h"
#include "tests/TestHistoryView.h"
#include "tests/TestStoreAccess.h"
#include "tests/TestsPage.h"

#include "ci/PipelineRunModel.h"
#include "deploy/DeploymentsSnapshot.h"
#include "testresults/TestHistoryModel.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace devdash;

class TestOverviewPage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    demo::DemoWorkspace m_demo;

    static QString card(ui::OverviewPage *page, const char *name)
    {
        auto *c = page->findChild<ui::OverviewCard *>(QLatin1String(name));
        return c ? c->bodyText() : QStringLiteral("<no card %1>").arg(QLatin1String(name));
    }

    static ui::OverviewPage *openOverview(ui::MainWindow &window, const QString &repo)
    {
        window.resize(1280, 800);
        window.show();
        window.openRepository(repo);
        auto *page = qobject_cast<ui::OverviewPage *>(window.page(QStringLiteral("overview")));
        if (!page)
            return nullptr;
        if (!QTest::qWaitFor(
                [&] { return window.currentPage() == page && page->isReady() && window.jobs()->isIdle(); },
                20000))
            return nullptr;
        return page;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto demo = demo::DemoWorkspace::create(m_dir.filePath(QStringLiteral("demo")));
        QVERIFY2(demo, qPrintable(demo.errorMessage()));
        m_demo = *demo;
        ui::TestStoreAccess::setLocation(m_demo.store);
    }
    void cleanupTestCase() { ui::TestStoreAccess::setLocation(std::nullopt); }

    void demoCards()
    {
        ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
        QElapsedTimer timer;
        timer.start();
        ui::OverviewPage *page = openOverview(window, m_demo.repository);
        QVERIFY(page);
        qInfo("Overview of the demo ready %lld ms after the window opened the repository", timer.elapsed());

        const QString branch = card(page, "branchCard");
        QVERIFY2(branch.contains(QStringLiteral("On main at")), qPrintable(branch));
        QVERIFY2(branch.contains(QStringLiteral("origin/main")), qPrintable(branch));
        // The upstream is the default branch: said once.
        QCOMPARE(branch.count(QStringLiteral("origin/main")), 1);

        const QString pipelines = card(page, "pipelinesCard");
        QVERIFY2(pipelines.contains(QStringLiteral("main")), qPrintable(pipelines));
        QVERIFY2(pipelines.contains(QStringLiteral("Failed")), qPrintable(pipelines)); // feature/login

        const QString tests = card(page, "testsCard");
        // The demo's local pipeline ran 4 tests on the same commit after CI: both show,
        // and CI's failure is not hidden by the local run's "0 failing".
        QVERIFY2(tests.contains(QStringLiteral("Latest runs by source:")), qPrintable(tests));
        QVERIFY2(tests.contains(QStringLiteral("local-pipeline: 4 tests, 0 failing")), qPrintable(tests));
        QVERIFY2(tests.contains(QStringLiteral("github:ci.yml: 23 tests, 1 failing")), qPrintable(tests));
        QVERIFY2(tests.contains(QStringLiteral("flaky")), qPrintable(tests));
        auto *sparkline = page->findChild<ui::Sparkline *>();
        QVERIFY(sparkline);
        QVERIFY(sparkline->pointCount() > 5);

        // The demo's relative SQLite URLs resolve against the repository, not the cwd.
        const QString databases = card(page, "databasesCard");
        QVERIFY2(databases.contains(QStringLiteral("staging")), qPrintable(databases));
        QVERIFY2(databases.contains(QStringLiteral("production")), qPrintable(databases));
        QVERIFY2(!databases.contains(QStringLiteral("Cannot open")), qPrintable(databases));
        QVERIFY2(databases.contains(QStringLiteral("in sync")), qPrintable(databases)); // staging: V1–V5
        QVERIFY2(databases.contains(QStringLiteral("2 pending")), qPrintable(databases)); // production: V1–V3

        const QString deployments = card(page, "deploymentsCard");
        QVERIFY2(deployments.contains(QStringLiteral("production:")), qPrintable(deployments));
        QVERIFY2(deployments.contains(QStringLiteral("staging:")), qPrintable(deployments));

        // HEAD adds the Flyway migrations V1..V5.
        const QString commit = card(page, "commitCard");
        QVERIFY2(commit.contains(QStringLiteral("Pipelines:")), qPrintable(commit));
        QVERIFY2(commit.contains(QStringLiteral("V1__")), qPrintable(commit));
        QVERIFY2(commit.contains(QStringLiteral("Environments:")), qPrintable(commit));
    }

    void demoSchemaHistory()
    {
        // Each environment's schema after each of its migrations, the last one the database as it is.
        auto db = store::Database::open(m_demo.store);
        QVERIFY2(db, qPrintable(db.errorMessage()));
        const schema::SchemaSnapshotStore snapshots(*db);
        const QString repo = testresults::RunImport::keyOfFolder(m_demo.repository);
        for (const auto &[environment, count, file] :
            { std::tuple { QStringLiteral("staging"), 5, QStringLiteral("db/staging.sqlite3") },
                std::tuple { QStringLiteral("production"), 3, QStringLiteral("db/production.sqlite3") } }) {
            auto timeline = snapshots.timeline(environment, {}, repo);
            QVERIFY2(timeline, qPrintable(timeline.errorMessage()));
            QCOMPARE(timeline->size(), count);
            for (int i = 1; i < timeline->size(); ++i) {
                QVERIFY(timeline->at(i).changes && !timeline->at(i).changes->isEmpty());
                QVERIFY(timeline->at(i - 1).snapshot.takenAt < timeline->at(i).snapshot.takenAt);
            }
            auto url
                = schema::DatabaseUrl::parse(QStringLiteral("sqlite://") + m_demo.repository + u'/' + file);
            QVERIFY(url);
            auto connection = schema::ReadOnlyConnection::open(*url, {});
            QVERIFY2(connection, qPrintable(connection.errorMessage()));
            auto live = schema::SchemaInspector::inspect(**connection);
            QVERIFY2(live, qPrintable(live.errorMessage()));
            QCOMPARE(
                timeline->constLast().snapshot.contentHash, schema::SchemaSnapshotStore::contentHash(*live));
        }
    }

    void commitCardForAnotherCommit()
    {
        ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
        ui::OverviewPage *page = openOverview(window, m_demo.repository);
        QVERIFY(page);
        // The branch's commit adds V6 and is deployed nowhere.
        page->showCommit(QStringLiteral("feature/shipments"));
        QTRY_VERIFY_WITH_TIMEOUT(page->isReady() && window.jobs()->isIdle(), 20000);
        const QString commit = card(page, "commitCard");
        QVERIFY2(commit.contains(QStringLiteral("V6__")), qPrintable(commit));
        QVERIFY2(commit.contains(QStringLiteral("not yet in")), qPrintable(commit));
        QCOMPARE(page->findChild<QLineEdit *>(QStringLiteral("commitField"))->text(),
            QStringLiteral("feature/shipments"));

        // A revision that does not exist says so, and the other cards stay.
        page->showCommit(QStringLiteral("no-such-ref"));
        QTRY_VERIFY_WITH_TIMEOUT(page->isReady() && window.jobs()->isIdle(), 20000);
        QVERIFY2(card(page, "commitCard").contains(QStringLiteral("no-such-ref")),
            qPrintable(card(page, "commitCard")));
        QVERIFY(card(page, "pipelinesCard").contains(QStringLiteral("main")));
    }

    void linksNavigate()
    {
        ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
        ui::OverviewPage *page = openOverview(window, m_demo.repository);
        QVERIFY(page);
        auto *tests = page->findChild<ui::OverviewCard *>(QStringLiteral("testsCard"));
        Q_EMIT tests->linkActivated(QStringLiteral("page:tests"));
        QCOMPARE(window.currentPage()->name(), QStringLiteral("tests"));
        Q_EMIT tests->linkActivated(QStringLiteral("page:deployments"));
        QCOMPARE(window.currentPage()->name(), QStringLiteral("deployments"));
        Q_EMIT tests->linkActivated(QStringLiteral("commit:") + QString(40, QLatin1Char('0')));
        QCOMPARE(window.currentPage()->name(), QStringLiteral("history"));
        // History → "Show Commit Overview" comes back here with that commit.
        Q_EMIT window.page(QStringLiteral("history"))
            ->commitOverviewRequested(QStringLiteral("feature/shipments"));
        QCOMPARE(window.currentPage()->name(), QStringLiteral("overview"));
        QTRY_VERIFY_WITH_TIMEOUT(page->isReady() && window.jobs()->isIdle(), 20000);
        QVERIFY(card(page, "commitCard").contains(QStringLiteral("V6__")));
    }

    // Each link lands on the thing it names, not only on its page.
    void linksLandOnWhatTheyName()
    {
        ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
        ui::OverviewPage *page = openOverview(window, m_demo.repository);
        QVERIFY(page);
        auto cardNamed
            = [&](const char *name) { return page->findChild<ui::OverviewCard *>(QLatin1String(name)); };
        auto backToOverview = [&] {
            window.showPage(page->name());
            return QTest::qWaitFor([&] { return page->isReady() && window.jobs()->isIdle(); }, 20000);
        };

        // "production — 2 pending": the Databases page on production, its migrations.
        auto *database = qobject_cast<ui::DatabasePage *>(window.page(QStringLiteral("database")));
        const QString pending = cardNamed("databasesCard")->linkOf(QStringLiteral("2 pending"));
        QCOMPARE(pending, QStringLiteral("database:production"));
        Q_EMIT cardNamed("databasesCard")->linkActivated(pending);
        QCOMPARE(window.currentPage(), database);
        QTRY_COMPARE_WITH_TIMEOUT(database->currentDatabase(), QStringLiteral("production"), 20000);
        QCOMPARE(database->currentView(), ui::DatabasePage::MigrationsTab);
        QTRY_VERIFY_WITH_TIMEOUT(database->isReady() && window.jobs()->isIdle(), 20000);
        QCOMPARE(database->currentDatabase(), QStringLiteral("production"));

        // A flaky test: the Tests page on that test's history.
        QVERIFY(backToOverview());
        auto *tests = qobject_cast<ui::TestsPage *>(window.page(QStringLiteral("tests")));
        QString flaky;
        for (const QString &link : cardNamed("testsCard")->links())
            if (link.startsWith(QLatin1String("flaky:")))
                flaky = link;
        QVERIFY(!flaky.isEmpty());
        const QString testKey = QUrl::fromPercentEncoding(flaky.mid(6).toUtf8());
        Q_EMIT cardNamed("testsCard")->linkActivated(flaky);
        QCOMPARE(window.currentPage(), tests);
        QCOMPARE(tests->tabs()->currentIndex(), int(ui::TestsPage::HistoryTab));
        QCOMPARE(tests->historyView()->testKey(), testKey);
        QTRY_VERIFY_WITH_TIMEOUT(tests->isReady() && window.jobs()->isIdle(), 20000);
        QVERIFY2(tests->historyView()->model()->rowCount() > 1,
            qPrintable(testKey + QStringLiteral(" / ") + tests->errorText()));

        // "adds V1__…": the Migrations tab with V1 selected.
        QVERIFY(backToOverview());
        const QString v1 = cardNamed("commitCard")->linkOf(QStringLiteral("V1__"));
        QVERIFY2(v1.startsWith(QLatin1String("migration:")), qPrintable(v1));
        const QString v1File = QUrl::fromPercentEncoding(v1.mid(10).toUtf8()).section(QLatin1Char('/'), -1);
        QVERIFY2(v1File.startsWith(QLatin1String("V1__")), qPrintable(v1File));
        Q_EMIT cardNamed("commitCard")->linkActivated(v1);
        QCOMPARE(window.currentPage(), database);
        QCOMPARE(database->currentView(), ui::DatabasePage::MigrationsTab);
        QTRY_VERIFY_WITH_TIMEOUT(database->migrationsView()->selectedMigrationPath().endsWith(v1File), 20000);

        // A pipeline's branch: the Pipelines page filtered to it.
        QVERIFY(backToOverview());
        auto *pipelines = qobject_cast<ui::PipelinesPage *>(window.page(QStringLiteral("pipelines")));
        const QString branchLink = cardNamed("pipelinesCard")->linkOf(QStringLiteral("feature/login"));
        QCOMPARE(branchLink, QStringLiteral("pipelines:feature%2Flogin"));
        Q_EMIT cardNamed("pipelinesCard")->linkActivated(branchLink);
        QCOMPARE(window.currentPage(), pipelines);
        QCOMPARE(pipelines->branchFilter()->currentData().toString(), QStringLiteral("feature/login"));
        QTRY_VERIFY_WITH_TIMEOUT(pipelines->isReady() && pipelines->proxy()->rowCount() > 0, 20000);
        QVERIFY(pipelines->proxy()->rowCount() < pipelines->model()->rowCount());
        for (int row = 0; row < pipelines->proxy()->rowCount(); ++row)
            QCOMPARE(pipelines->proxy()
                         ->index(row, 0)
                         .data(ci::PipelineRunModel::RunRole)
                         .value<ci::PipelineRun>()
                         .branch,
                QStringLiteral("feature/login"));

        // An environment of the deployments card: the Deployments page on it.
        QVERIFY(backToOverview());
        auto *deployments = qobject_cast<ui::DeploymentsPage *>(window.page(QStringLiteral("deployments")));
        const QString production = cardNamed("deploymentsCard")->linkOf(QStringLiteral("production"));
        QCOMPARE(production, QStringLiteral("deployments:production"));
        Q_EMIT cardNamed("deploymentsCard")->linkActivated(production);
        QCOMPARE(window.currentPage(), deployments);
        QTRY_VERIFY_WITH_TIMEOUT(deployments->isReady() && deployments->snapshot()
                && deployments->snapshot()->environment == QLatin1String("production"),
            20000);
        const QModelIndex deployed = deployments->timelineView()->currentIndex();
        QVERIFY(deployed.isValid());
        QCOMPARE(deployments->timelineModel()
                     ->index(deployed.row(), deploy::DeploymentTimelineModel::EnvironmentColumn)
                     .data()
                     .toString(),
            QStringLiteral("production"));
    }

    // A repository DevDash knows nothing about yet: each card says what to do.
    void repositoryWithoutData()
    {
        test::TestRepo repo(QStringLiteral("fresh"));
        repo.init();
        repo.writeFile(QStringLiteral("README.md"), "hello\n");
        repo.commit(QStringLiteral("first"));
        QVERIFY2(repo.ok(), qPrintable(repo.errors()));
        ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
        ui::OverviewPage *page = openOverview(window, repo.path());
        QVERIFY(page);
        QVERIFY2(card(page, "branchCard").contains(QStringLiteral("No upstream branch")),
            qPrintable(card(page, "branchCard")));
        QVERIFY(card(page, "pipelinesCard").contains(QStringLiteral("No pipeline runs yet")));
        QVERIFY(card(page, "testsCard").contains(QStringLiteral("No test runs yet")));
        QVERIFY(card(page, "databasesCard").contains(QStringLiteral("No databases configured")));
        QVERIFY(card(page, "deploymentsCard").contains(QStringLiteral("No deployments yet")));
        QVERIFY2(card(page, "commitCard").contains(QStringLiteral("Pipelines: none")),
            qPrintable(card(page, "commitCard")));
    }

    // The commit card says "1 h ago" as History does; hovering it shows the exact time.
    void commitTimeInTheSharedFormat()
    {
        DisplayTime::setNowForTesting(
            QDateTime::fromSecsSinceEpoch(test::TestRepo::BaseTime + 3600 + 60, Qt::UTC));
        QLocale::setDefault(QLocale(QStringLiteral("en_GB")));
        const auto restore = qScopeGuard([] {
            DisplayTime::setNowForTesting({});
            QLocale::setDefault(QLocale::system());
        });
        test::TestRepo repo(QStringLiteral("timed"));
        repo.init();
        repo.commit(QStringLiteral("first"), {}, test::TestRepo::BaseTime); // 2023-11-14 22:13:20 UTC
        QVERIFY2(repo.ok(), qPrintable(repo.errors()));
        ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
        ui::OverviewPage *page = openOverview(window, repo.path());
        QVERIFY(page);
        const QString commit = card(page, "commitCard");
        QVERIFY2(commit.contains(QStringLiteral(", 1 h ago")), qPrintable(commit));
        auto *body = page->findChild<ui::OverviewCard *>(QStringLiteral("commitCard"))
                         ->findChildren<QLabel *>()
                         .value(1);
        QVERIFY(body);
        QString tip;
        for (int y = 0; y < body->height() && tip.isEmpty(); y += 2)
            for (int x = 0; x < body->width() && tip.isEmpty(); x += 3)
                tip = ui::LabelToolTips::toolTipAt(body, QPoint(x, y));
        QCOMPARE(tip, QStringLiteral("Tuesday, 14 November 2023 22:13:20 UTC"));
    }

    void isMigrationFile_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("folders");
        QTest::addColumn<bool>("expected");
        QTest::newRow("flyway") << QStringLiteral("db/migration/V2__orders.sql") << QStringList() << true;
        QTest::newRow("golang-migrate") << QStringLiteral("migrations/3_add.up.sql") << QStringList() << true;
        QTest::newRow("rails") << QStringLiteral("db/migrate/20240101120000_add_users.rb") << QStringList()
                               << true;
        QTest::newRow("configured folder") << QStringLiteral("sql/changes/add_orders.sql")
                                           << QStringList { QStringLiteral("sql/changes") } << true;
        QTest::newRow("source file") << QStringLiteral("src/main.cpp") << QStringList() << false;
        QTest::newRow("readme") << QStringLiteral("README.md") << QStringList() << false;
        QTest::newRow("folder prefix only") << QStringLiteral("sql/changes-old/x.sql")
                                            << QStringList { QStringLiteral("sql/changes") } << false;
    }
    void isMigrationFile()
    {
        QFETCH(QString, path);
        QFETCH(QStringList, folders);
        QFETCH(bool, expected);
        QCOMPARE(overview::CommitOverviewLoader::isMigrationFile(path, folders), expected);
    }
};

QTEST_MAIN(TestOverviewPage)
#include "tst_overviewpage.moc"

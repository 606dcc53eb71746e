// The Pipelines page, offscreen, with real widgets: runs read from a real SQLite
// store, the stage graph of the selected run, the job log (ANSI, search, follow),
// a local pipeline run with `sh` in a real git repository (live step statuses,
// cancel), and the pipeline status on the History and Branches pages.

#include "TestEnvironment.h"
#include "TestRepo.h"

#include "ci/PipelineRunModel.h"
#include "ci/PipelineRunStore.h"
#include "common/Workspace.h"
#include "git/BranchesPage.h"
#include "pipelines/BranchPipelineStatus.h"
#include "pipelines/CiSettingsDialog.h"
#include "pipelines/CommitPipelineBadges.h"
#include "pipelines/LogPanel.h"
#include "pipelines/LogView.h"
#include "common/Theme.h"
#include "pipelines/PipelineBanner.h"
#include "pipelines/PipelineNotifier.h"
#include "pipelines/PipelineRunFilter.h"
#include "pipelines/PipelinesPage.h"
#include "pipelines/StageGraphView.h"
#include "store/Database.h"
#include "tests/TestStoreAccess.h"

#include "ci/LocalPipelineRunner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QToolButton>

using namespace devdash;
using namespace devdash::test;
using ci::PipelineRun;
using ci::RunStatus;

namespace {

QDateTime at(int minutes)
{
    return QDateTime::fromSecsSinceEpoch(TestRepo::BaseTime + minutes * 60, Qt::UTC);
}

ci::PipelineJob job(const QString &id, const QString &name, RunStatus status, int start, int end)
{
    ci::PipelineJob j;
    j.id = id;
    j.name = name;
    j.status = status;
    j.startedAt = at(start);
    j.finishedAt = at(end);
    return j;
}

PipelineRun ciRun(
    const QString &id, const QString &branch, const QString &commit, RunStatus status, int start)
{
    PipelineRun run;
    run.provider = QStringLiteral("gitlab");
    run.project = QStringLiteral("team/app");
    run.id = id;
    run.name = QStringLiteral("pipeline ") + id;
    run.branch = branch;
    run.commit = commit;
    run.status = status;
    run.trigger = QStringLiteral("push");
    run.startedAt = at(start);
    run.finishedAt = ci::isActive(status) ? QDateTime() : at(start + 7);
    run.url = QStringLiteral("https://gitlab.example/team/app/-/pipelines/") + id;
    ci::PipelineStage build { QStringLiteral("build"), RunStatus::Success, {} };
    build.jobs << job(
        id + QStringLiteral("-1"), QStringLiteral("compile"), RunStatus::Success, start, start + 3);
    build.jobs << job(
        id + QStringLiteral("-2"), QStringLiteral("lint"), RunStatus::Success, start, start + 1);
    ci::PipelineStage test { QStringLiteral("test"), status, {} };
    ci::PipelineJob unit
        = job(id + QStringLiteral("-3"), QStringLiteral("unit"), status, start + 3, start + 7);
    unit.steps << ci::PipelineStep { QStringLiteral("checkout"), RunStatus::Success, at(start + 3),
        at(start + 4) };
    unit.steps << ci::PipelineStep { QStringLiteral("ctest"), status, at(start + 4), at(start + 7) };
    test.jobs << unit;
    run.stages << build << test;
    return run;
}

template<typename Pred> bool waitFor(Pred pred, int ms = 20000)
{
    return QTest::qWaitFor(pred, ms);
}

} // namespace

class PipelinesPageTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_storeDir;
    store::StoreLocation m_location;

    // A fresh store for each test, set as the one the UI reads.
    store::Database freshStore(const QString &name)
    {
        auto location = store::StoreLocation::parse(m_storeDir.filePath(name + QStringLiteral(".sqlite")));
        m_location = location.value();
        ui::TestStoreAccess::setLocation(m_location);
        auto db = store::Database::open(m_location);
        if (!db)
            qFatal("store: %s", qPrintable(db.errorMessage()));
        return std::move(db.value());
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(TestEnvironment::setUp()); }
    void cleanupTestCase() { ui::TestStoreAccess::setLocation(std::nullopt); }

    void loadsRunsFromTheStore()
    {
        TestRepo repo;
        repo.init();
        const QString c1 = repo.commit(QStringLiteral("one"));
        const QString c2 = repo.commit(QStringLiteral("two"));
        store::Database db = freshStore(QStringLiteral("load"));
        const QString key = ui::TestStoreAccess::repositoryKey(repo.path());
        ci::PipelineRunStore store(db);
        QVERIFY(
            store.save(key, ciRun(QStringLiteral("101"), QStringLiteral("main"), c1, RunStatus::Success, 1))
                .ok());
        QVERIFY(
            store.save(key, ciRun(QStringLiteral("102"), QStringLiteral("main"), c2, RunStatus::Failed, 10))
                .ok());
        QVERIFY(store
                    .save(key,
                        ciRun(QStringLiteral("103"), QStringLiteral("feature/x"), c2, RunStatus::Running, 20))
                    .ok());
        // Another repository's run is not shown.
        QVERIFY(store
                    .save(QStringLiteral("/elsewhere"),
                        ciRun(QStringLiteral("900"), QStringLiteral("main"), c1, RunStatus::Success, 30))
                    .ok());

        ui::Workspace workspace;
        ui::PipelinesPage page(&workspace);
        page.resize(1200, 700);
        page.show();
        page.setRepository(repo.path());
        QVERIFY(waitFor([&] { return page.isReady(); }));
        QCOMPARE(page.proxy()->rowCount(), 3);
        // Newest first: the running one on top, selected.
        auto idAt = [&](int row) {
            return page.proxy()->index(row, 0).data(ci::PipelineRunModel::RunRole).value<PipelineRun>().id;
        };
        QCOMPARE(idAt(0), QStringLiteral("103"));
        QCOMPARE(idAt(1), QStringLiteral("102"));
        QCOMPARE(idAt(2), QStringLiteral("101"));
        QCOMPARE(page.selectedRun()->id, QStringLiteral("103"));
        QCOMPARE(page.proxy()->index(1, ci::PipelineRunModel::BranchColumn).data().toString(),
            QStringLiteral("main"));

        // Filters: branch, status, text (commit prefix).
        QCOMPARE(page.branchFilter()->count(), 3); // all, feature/x, main
        page.branchFilter()->setCurrentIndex(page.branchFilter()->findData(QStringLiteral("main")));
        QCOMPARE(page.proxy()->rowCount(), 2);
        page.statusFilter()->setCurrentIndex(page.statusFilter()->findData(int(RunStatus::Failed)));
        QCOMPARE(page.proxy()->rowCount(), 1);
        QCOMPARE(idAt(0), QStringLiteral("102"));
        page.branchFilter()->setCurrentIndex(0);
        page.statusFilter()->setCurrentIndex(0);
        page.textFilter()->setText(c1.left(7));
        QCOMPARE(page.proxy()->rowCount(), 1);
        QCOMPARE(idAt(0), QStringLiteral("101"));
        page.textFilter()->setText(QStringLiteral("nothing like it"));
        QCOMPARE(page.proxy()->rowCount(), 0);
        page.textFilter()->clear();
        QCOMPARE(page.proxy()->rowCount(), 3);

        // Sorting by duration (a value, not text): the running run has none.
        page.runsView()->sortByColumn(ci::PipelineRunModel::DurationColumn, Qt::AscendingOrder);
        QCOMPARE(idAt(0), QStringLiteral("103"));
    }

    void selectingARunDrawsItsStagesAndJobLog()
    {
        TestRepo repo;
        repo.init();
        const QString c1 = repo.commit(QStringLiteral("one"));
        store::Database db = freshStore(QStringLiteral("graph"));
        const QString key = ui::TestStoreAccess::repositoryKey(repo.path());
        ci::PipelineRunStore store(db);
        const PipelineRun run = ciRun(QStringLiteral("7"), QStringLiteral("main"), c1, RunStatus::Failed, 1);
        QVERIFY(store.save(key, run).ok());
        const QByteArray log = "\x1b[1mRunning ctest\x1b[0m\n\tTest #1: \x1b[32mPassed\x1b[0m\n"
                               "Test #2: \x1b[31mFAILED\x1b[0m\n\x1b[2Kdone\n";
        QVERIFY(store.saveJobLog(key, run, QStringLiteral("7-3"), log, false).ok());

        ui::Workspace workspace;
        ui::PipelinesPage page(&workspace);
        page.resize(1280, 760);
        page.show();
        page.setRepository(repo.path());
        QVERIFY(waitFor([&] { return page.isReady() && page.proxy()->rowCount() == 1; }));
        ui::StageGraphView *graph = page.graph();
        QVERIFY(graph->hasRun());
        QCOMPARE(graph->run().key(), run.key());
        // Two stage columns, boxes side by side: build's jobs left of test's.
        const QRect compile = graph->jobRect(0, 0);
        const QRect lint = graph->jobRect(0, 1);
        const QRect unit = graph->jobRect(1, 0);
        QVERIFY(!compile.isEmpty() && !lint.isEmpty() && !unit.isEmpty());
        QVERIFY(lint.top() > compile.bottom());
        QVERIFY(unit.left() > compile.right());
        QVERIFY(unit.height() > compile.height()); // its steps are listed
        // The failed job is selected and its log (from the store) shown, colours parsed.
        QCOMPARE(graph->selectedStage(), 1);
        QCOMPARE(graph->selectedJob(), 0);
        ui::LogView *view = page.logPanel()->view();
        QVERIFY(waitFor([&] { return view->lineCount() == 4; }));
        QCOMPARE(view->lineText(0), QStringLiteral("Running ctest"));
        QCOMPARE(view->lineText(1), QStringLiteral("        Test #1: Passed")); // tab expanded
        QCOMPARE(view->lineText(3), QStringLiteral("done"));
        QCOMPARE(view->line(2).spans.size(), 1);
        QCOMPARE(view->line(2).spans.at(0).style.foreground, ci::AnsiColor::indexed(1));
        QVERIFY(page.logPanel()->titleLabel()->text().contains(QStringLiteral("unit")));

        // Clicking another job shows its log: none kept for CI jobs yet, and the view says so.
        QTest::mouseClick(graph->viewport(), Qt::LeftButton, {}, compile.center());
        QCOMPARE(graph->selectedStage(), 0);
        QCOMPARE(graph->selectedJob(), 0);
        QVERIFY(waitFor([&] {
            return view->lineCount() == 0 && view->placeholder().contains(QStringLiteral("gitlab"));
        }));
        // Keyboard: right goes to the next stage.
        graph->setFocus();
        QTest::keyClick(graph, Qt::Key_Right);
        QCOMPARE(graph->selectedStage(), 1);
        QVERIFY(waitFor([&] { return view->lineCount() == 4; }));

        // For looking at the page by eye: DEVDASH_SHOT_DIR=/tmp saves what was drawn.
        if (const QString dir = qEnvironmentVariable("DEVDASH_SHOT_DIR"); !dir.isEmpty())
            page.grab().save(dir + QStringLiteral("/pipelines-test.png"));
        // The browser action has the run's page to open.
        QVERIFY(page.selectedRun()->url.endsWith(QStringLiteral("/7")));
    }

    // A search highlight sits on the text it found, also after glyphs from fallback fonts
    // (emoji, symbols) whose advance is not one character cell.
    void logViewHighlightOnTheText()
    {
        ui::LogPanel panel;
        panel.resize(900, 200);
        panel.show();
        ui::LogView *view = panel.view();
        view->setLog(QStringLiteral("\U0001F680\U0001F680\U0001F680\U0001F680 \u2713\u2192 XXXXXXXXXX\n"));
        QSignalSpy loaded(view, &ui::LogView::loaded);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(view->find(QStringLiteral("XXXXXXXXXX")), 1);
        const QImage image = view->viewport()->grab().toImage();
        const QColor current = ui::Theme::isDark() ? QColor(0xc0, 0x70, 0x00) : QColor(0xff, 0xa5, 0x3a);
        int left = -1, right = -1, y = -1;
        for (int yy = 0; yy < image.height() && y < 0; ++yy)
            for (int x = 0; x < image.width(); ++x)
                if (image.pixelColor(x, yy) == current) {
                    y = yy;
                    break;
                }
        QVERIFY2(y >= 0, "no highlight drawn");
        const int row = y + 3 < image.height() ? y + 3 : y;
        // The highlight's extent on a row just inside it; then the text's ink on the same band.
        for (int x = 0; x < image.width(); ++x)
            if (image.pixelColor(x, row) == current) {
                if (left < 0)
                    left = x;
                right = x;
            }
        int inkRight = -1;
        for (int yy = y; yy < qMin(image.height(), y + 14); ++yy)
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, yy);
                if (c.lightness() < 110 && c != current)
                    inkRight = qMax(inkRight, x);
            }
        // The last X ends inside the highlight's last cell, not several cells to its left.
        const int cell = (right - left + 1) / 10;
        QVERIFY2(inkRight >= right - cell && inkRight <= right + 2,
            qPrintable(QStringLiteral("highlight %1..%2, text ends at %3").arg(left).arg(right).arg(inkRight)));
    }

    void logViewSearchAndFollow()
    {
        ui::LogPanel panel;
        panel.resize(800, 300);
        panel.show();
        ui::LogView *view = panel.view();
        QString text;
        for (int i = 1; i <= 2000; ++i)
            text += QStringLiteral("\x1b[3%1mline %2\x1b[0m%3\n")
                        .arg(i % 8)
                        .arg(i)
                        .arg(i % 500 == 0 ? " needle" : "");
        view->setLog(text);
        QVERIFY(view->isLoading());
        QSignalSpy loaded(view, &ui::LogView::loaded);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(view->lineCount(), 2000);
        QCOMPARE(view->lineText(499), QStringLiteral("line 500 needle"));

        // Search: case-insensitive, every match, next and previous wrap.
        QCOMPARE(view->find(QStringLiteral("NEEDLE")), 4);
        QCOMPARE(view->currentMatch(), 0);
        QCOMPARE(view->matches().at(0).line, 499);
        QVERIFY(view->firstVisibleLine() <= 499 && view->firstVisibleLine() + 5 > 499 - 20);
        view->findNext();
        QCOMPARE(view->matches().at(view->currentMatch()).line, 999);
        view->findPrevious();
        view->findPrevious();
        QCOMPARE(view->matches().at(view->currentMatch()).line, 1999); // wrapped
        QCOMPARE(panel.matchLabel()->text(), QStringLiteral("4 of 4"));
        // F3 from the panel moves on.
        panel.activateWindow();
        view->setFocus();
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        QTest::keyClick(view, Qt::Key_F3);
        QCOMPARE(view->currentMatch(), 0);
        QCOMPARE(view->find(QStringLiteral("absent")), 0);
        QCOMPARE(panel.matchLabel()->text(), QStringLiteral("no match"));

        // Follow: appended output keeps the bottom in view; scrolling up leaves follow mode.
        panel.followButton()->setChecked(true);
        QVERIFY(view->follow());
        QVERIFY(view->isAtBottom());
        view->appendText(QStringLiteral("partial "));
        view->appendText(QStringLiteral("line\nmore output\n"));
        QCOMPARE(view->lineCount(), 2002);
        QCOMPARE(view->lineText(2000), QStringLiteral("partial line"));
        QVERIFY(view->isAtBottom());
        view->verticalScrollBar()->setValue(10);
        QVERIFY(!view->follow());
        QVERIFY(!panel.followButton()->isChecked());
        view->appendText(QStringLiteral("quiet\n"));
        QCOMPARE(view->firstVisibleLine(), 10); // not dragged down
        // New lines are searched too.
        view->appendText(QStringLiteral("late needle\n"));
        QCOMPARE(view->find(QStringLiteral("needle")), 5);
    }

    void localRunFromThePage()
    {
        TestRepo repo;
        repo.init();
        const QByteArray config = R"({"pipeline": {"stages": [
            {"name": "build", "steps": [{"name": "compile", "run": "echo compiling; printf '\\033[32mok\\033[0m\\n'"}]},
            {"name": "test", "steps": [{"name": "slow", "run": "echo started; sleep 60; echo never"}]},
            {"name": "deploy", "steps": [{"name": "ship", "run": "echo shipped"}]}]}})";
        const QString head
            = repo.commit(QStringLiteral("pipeline"), { { QStringLiteral(".devdash.json"), config } });
        freshStore(QStringLiteral("local"));

        ui::Workspace workspace;
        ui::PipelinesPage page(&workspace);
        page.resize(1280, 760);
        page.show();
        page.setRepository(repo.path());
        QVERIFY(waitFor([&] { return page.isReady(); }));
        QVERIFY(page.hasLocalPipeline());
        QVERIFY(page.runButton()->isEnabled());
        QCOMPARE(page.proxy()->rowCount(), 0);

        page.runner()->setKillGrace(500);
        QTest::mouseClick(page.runButton(), Qt::LeftButton);
        // The run appears at once, selected, and its steps turn as they run.
        QVERIFY(waitFor([&] { return page.runner()->isRunning(); }));
        QVERIFY(waitFor([&] {
            const auto run = page.selectedRun();
            return run && run->stages.size() == 3
                && run->stages.at(1).jobs.at(0).status == RunStatus::Running;
        }));
        PipelineRun live = *page.selectedRun();
        QCOMPARE(live.provider, QStringLiteral("local"));
        QCOMPARE(live.commit, head);
        QCOMPARE(live.stages.at(0).jobs.at(0).status, RunStatus::Success);
        QVERIFY(live.stages.at(0).jobs.at(0).durationS() >= 0);
        QCOMPARE(live.stages.at(2).jobs.at(0).status, RunStatus::Queued);
        QCOMPARE(page.graph()->run().stages.at(1).jobs.at(0).status, RunStatus::Running);
        QVERIFY(!page.runButton()->isEnabled());
        QVERIFY(page.cancelButton()->isEnabled());
        // The log follows the running step, live.
        ui::LogView *view = page.logPanel()->view();
        QVERIFY(waitFor([&] { return page.graph()->selectedStage() == 1; }));
        QVERIFY(waitFor([&] {
            for (int i = 0; i < view->lineCount(); ++i)
                if (view->lineText(i) == QLatin1String("started"))
                    return true;
            return false;
        }));
        QVERIFY(view->follow());

        // Cancel: the step is stopped, the rest skipped, the run recorded as canceled.
        QSignalSpy finished(&page, &ui::PipelinesPage::localRunFinished);
        QTest::mouseClick(page.cancelButton(), Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        const PipelineRun done = finished.at(0).at(0).value<PipelineRun>();
        QCOMPARE(done.status, RunStatus::Canceled);
        QCOMPARE(done.stages.at(1).jobs.at(0).status, RunStatus::Canceled);
        QCOMPARE(done.stages.at(2).jobs.at(0).status, RunStatus::Skipped);
        QVERIFY(!view->follow());
        // Reloaded from the store: the run is there, and its first step's log too.
        QVERIFY(waitFor(
            [&] { return page.isReady() && page.proxy()->rowCount() == 1 && !page.runner()->isRunning(); }));
        QVERIFY(page.selectRun(done.key()));
        QCOMPARE(page.selectedRun()->status, RunStatus::Canceled);
        page.selectJob(0, 0);
        QVERIFY(waitFor([&] { return view->lineCount() >= 2; }));
        bool sawOk = false;
        for (int i = 0; i < view->lineCount(); ++i)
            if (view->lineText(i) == QLatin1String("ok"))
                sawOk = view->line(i).spans.size() == 1;
        QVERIFY2(sawOk, "the stored log keeps its colours");
        QVERIFY(page.runButton()->isEnabled());
    }

    void localRunSucceeds()
    {
        TestRepo repo;
        repo.init();
        const QByteArray config = R"({"pipeline": {"stages": [
            {"name": "build", "steps": [{"name": "one", "run": "echo one"}, {"name": "two", "run": "echo two"}]}]}})";
        repo.commit(QStringLiteral("pipeline"), { { QStringLiteral(".devdash.json"), config } });
        repo.writeFile(QStringLiteral("dirty.txt"), "uncommitted");
        freshStore(QStringLiteral("success"));
        ui::Workspace workspace;
        ui::PipelinesPage page(&workspace);
        page.show();
        page.setRepository(repo.path());
        QVERIFY(waitFor([&] { return page.isReady() && page.runButton()->isEnabled(); }));
        QSignalSpy finished(&page, &ui::PipelinesPage::localRunFinished);
        page.runPipeline();
        QVERIFY(finished.wait(20000));
        const PipelineRun done = finished.at(0).at(0).value<PipelineRun>();
        QCOMPARE(done.status, RunStatus::Success);
        QVERIFY(done.dirty);
        QCOMPARE(done.stages.at(0).jobs.size(), 2);
        for (const ci::PipelineJob &j : done.stages.at(0).jobs) {
            QCOMPARE(j.status, RunStatus::Success);
            QVERIFY(j.durationS() >= 0);
        }
        QVERIFY(waitFor([&] { return page.isReady() && page.proxy()->rowCount() == 1; }));
        // Recorded as dirty: the work tree had a change the commit does not contain.
        QVERIFY(page.proxy()->index(0, 0).data(ci::PipelineRunModel::RunRole).value<PipelineRun>().dirty);
    }

    void historyDotsForCommitsWithRuns()
    {
        TestRepo repo;
        repo.init();
        const QString c1 = repo.commit(QStringLiteral("one"));
        const QString c2 = repo.commit(QStringLiteral("two"));
        const QString c3 = repo.commit(QStringLiteral("three"));
        store::Database db = freshStore(QStringLiteral("dots"));
        const QString key = ui::TestStoreAccess::repositoryKey(repo.path());
        ci::PipelineRunStore store(db);
        QVERIFY(store.save(key, ciRun(QStringLiteral("1"), QStringLiteral("main"), c1, RunStatus::Success, 1))
                    .ok());
        QVERIFY(store.save(key, ciRun(QStringLiteral("2"), QStringLiteral("main"), c2, RunStatus::Failed, 2))
                    .ok());

        ui::CommitPipelineBadges badges;
        badges.setRepository(repo.path());
        QSignalSpy changed(&badges, &ui::CommitPipelineBadges::changed);
        badges.request({ c1, c2, c3 });
        QVERIFY(changed.wait(10000));
        QCOMPARE(badges.statusOf(c1)->status, RunStatus::Success);
        QCOMPARE(badges.statusOf(c2)->status, RunStatus::Failed);
        QVERIFY(!badges.statusOf(c3));
        QCOMPARE(badges.queries(), 1);
        // Cached: asking again for the same commits does not query the store.
        badges.request({ c1, c2, c3 });
        QCOMPARE(badges.queries(), 1);
        QVERIFY(ui::CommitPipelineBadges::toolTip(*badges.statusOf(c2)).contains(QStringLiteral("failed")));

        // Branches: the latest run of each branch, as a dot before the commit id.
        ui::Workspace workspace;
        QSignalSpy opened(&workspace, &ui::Workspace::opened);
        workspace.open(repo.path());
        QVERIFY(opened.wait(20000));
        ui::BranchesPage branches(&workspace);
        branches.resize(1000, 400);
        branches.show();
        QSignalSpy statusLoaded(branches.pipelineStatus(), &ui::BranchPipelineStatus::loaded);
        branches.setRepository(repo.path());
        QVERIFY(statusLoaded.wait(10000));
        QCOMPARE(branches.pipelineStatus()->latestRun(QStringLiteral("main"))->status, RunStatus::Failed);
        QVERIFY(!branches.pipelineStatus()->latestRun(QStringLiteral("nope")));
        QVERIFY(!branches.grab().isNull()); // paints with the dot
    }
    void notifierAsCCMenu()
    {
        TestRepo repo;
        repo.init();
        const QString broken = repo.commit(QStringLiteral("breaks the build"));
        ui::PipelineNotifier notifier;
        QVERIFY(!notifier.hasTray()); // offscreen: no tray, silent
        notifier.setRepository(repo.path());
        notifier.setWatchedBranches({ QStringLiteral("main"), QStringLiteral("release/*") });
        QVERIFY(notifier.isWatched(QStringLiteral("main")));
        QVERIFY(notifier.isWatched(QStringLiteral("release/2.0")));
        QVERIFY(!notifier.isWatched(QStringLiteral("feature/x")));
        notifier.setEnabled(true);
        QSignalSpy notified(&notifier, &ui::PipelineNotifier::notified);

        PipelineRun run = ciRun(QStringLiteral("5"), QStringLiteral("main"), broken, RunStatus::Failed, 1);
        notifier.onTransition(run, ci::BranchTransition::Broken);
        QVERIFY(notified.wait(10000)); // the author is read from git on a worker
        QCOMPARE(notified.at(0).at(0).toString(), QStringLiteral("main broken by DevDash Test"));
        QCOMPARE(notifier.worstStatus(), RunStatus::Failed);

        notifier.onTransition(run, ci::BranchTransition::StillBroken);
        QCOMPARE(notified.size(), 2);
        QCOMPARE(notified.at(1).at(0).toString(), QStringLiteral("main still broken"));
        run.status = RunStatus::Success;
        notifier.onTransition(run, ci::BranchTransition::Fixed);
        QCOMPARE(notified.at(2).at(0).toString(), QStringLiteral("main fixed"));
        QCOMPARE(notifier.worstStatus(), RunStatus::Success);
        // Unwatched branches and a disabled notifier stay silent; the choice is remembered.
        run.branch = QStringLiteral("feature/x");
        notifier.onTransition(run, ci::BranchTransition::Broken);
        notifier.setEnabled(false);
        QVERIFY(!QSettings().value(QStringLiteral("pipelines/notifications")).toBool());
        run.branch = QStringLiteral("main");
        notifier.onTransition(run, ci::BranchTransition::StillBroken);
        QTest::qWait(200);
        QCOMPARE(notified.size(), 3);
        notifier.setEnabled(true);
    }

    void settingsDialogReadsProvidersAndKeepsChoices()
    {
        TestRepo repo;
        repo.init();
        const QByteArray config = R"({"ci": [{"provider": "github", "project": "octo/app", "watch": ["main"]},
            {"provider": "jenkins", "project": "app/main", "api_url": "https://ci.example.test"}]})";
        repo.commit(QStringLiteral("ci"), { { QStringLiteral(".devdash.json"), config } });
        const QString root = ui::TestStoreAccess::repositoryKey(repo.path());
        ui::CiSettingsDialog dialog(root);
        QSignalSpy loaded(&dialog, &ui::CiSettingsDialog::loaded);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(dialog.tokenFields().size(), 2);
        for (QLineEdit *token : dialog.tokenFields())
            QCOMPARE(token->echoMode(), QLineEdit::Password);
        QCOMPARE(dialog.watchField()->text(), QStringLiteral("main"));
        QCOMPARE(
            ui::CiSettingsDialog::watchedBranches(root, { QStringLiteral("main") }), QStringList { "main" });
        dialog.watchField()->setText(QStringLiteral("main, release/*"));
        dialog.notificationsBox()->setChecked(false);
        dialog.accept(); // no token typed: nothing goes to the keychain
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(ui::CiSettingsDialog::watchedBranches(root, { QStringLiteral("main") }),
            (QStringList { QStringLiteral("main"), QStringLiteral("release/*") }));
        QVERIFY(!ui::CiSettingsDialog::notificationsEnabled());
        ui::CiSettingsDialog::setNotificationsEnabled(true);
        // Nothing secret in the settings file.
        QSettings settings;
        for (const QString &key : settings.allKeys())
            QVERIFY2(!key.contains(QLatin1String("token"), Qt::CaseInsensitive), qPrintable(key));
    }
};

QTEST_MAIN(PipelinesPageTest)
#include "tst_pipelinespage.moc"

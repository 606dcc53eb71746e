// Daily git paths in the window, offscreen, against real repositories: the
// "Uncommitted changes" row on top of History and File → Fetch All Remotes from a
// bare file:// remote that gets new commits.

#include "TestEnvironment.h"
#include "TestRepo.h"

#include "common/Workspace.h"
#include "git/BranchesPage.h"
#include "git/ChangedFilesView.h"
#include "git/ChangesBrowser.h"
#include "git/CommitDetailView.h"
#include "git/DiffView.h"
#include "git/HistoryPage.h"
#include "git/UncommittedRow.h"
#include "shell/MainWindow.h"

#include "git/BranchModel.h"

#include <QAction>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace devdash;
using devdash::test::TestRepo;

namespace {
constexpr int LoadTimeout = 20000;
} // namespace

class TestGitPaths : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void uncommittedChangesRow();
    void fetchUpdatesRemoteBranches();
};

void TestGitPaths::initTestCase()
{
    QVERIFY(test::TestEnvironment::setUp());
    QStandardPaths::setTestModeEnabled(true);
}

void TestGitPaths::uncommittedChangesRow()
{
    TestRepo repo(QStringLiteral("dirty"));
    repo.init();
    repo.commit(QStringLiteral("Start"),
        { { QStringLiteral("a.txt"), "one\n" }, { QStringLiteral("b.txt"), "b\n" } });
    const QString tip = repo.commit(QStringLiteral("Second"), { { QStringLiteral("a.txt"), "one\ntwo\n" } });
    QVERIFY2(repo.ok(), qPrintable(repo.errors()));

    ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
    window.show();
    window.showPage(QStringLiteral("history"));
    auto *history = qobject_cast<ui::HistoryPage *>(window.page(QStringLiteral("history")));
    ui::UncommittedRow *row = history->uncommittedRow();
    window.openRepository(repo.path());
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady() && window.jobs()->isIdle() && !row->isLoading(), LoadTimeout);
    // Clean: no row.
    QVERIFY(row->isHidden());
    QCOMPARE(history->selectedCommit(), tip);

    // A changed file, a staged new file and an untracked one: three files, as git status says.
    repo.writeFile(QStringLiteral("a.txt"), "one\ntwo\nthree\n");
    repo.writeFile(QStringLiteral("staged.txt"), "staged\n");
    repo.git({ QStringLiteral("add"), QStringLiteral("staged.txt") });
    repo.writeFile(QStringLiteral("notes/new.txt"), "new\n");
    const int gitCount = int(repo.gitLines({ QStringLiteral("status"), QStringLiteral("--porcelain"),
                                               QStringLiteral("--untracked-files=all") })
                                 .size());
    QCOMPARE(gitCount, 3);
    QTest::keyClick(&window, Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(!row->isHidden() && !row->isLoading(), LoadTimeout);
    QCOMPARE(row->fileCount(), gitCount);
    QCOMPARE(row->text(), QStringLiteral("Uncommitted changes (3 files)"));
    // It sits above the commits.
    QVERIFY(row->mapTo(history, QPoint(0, 0)).y() < history->view()->mapTo(history, QPoint(0, 0)).y());

    // Choosing it shows the work tree's diff against HEAD.
    auto *button = row->findChild<QToolButton *>();
    QVERIFY(button);
    button->click();
    QVERIFY(row->isSelected());
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady(), LoadTimeout);
    QVERIFY(history->detail()->showsWorkingTree());
    QVERIFY(history->detail()->headerText().contains(QStringLiteral("Uncommitted changes")));
    ui::ChangesBrowser *changes = history->detail()->changes();
    QCOMPARE(changes->fileCount(), 3);
    QVERIFY(changes->filesView()->selectPath(QStringLiteral("a.txt")));
    QTRY_VERIFY_WITH_TIMEOUT(changes->isReady(), LoadTimeout);
    QVERIFY2(changes->diffView()->text().contains(QStringLiteral("+three")),
        qPrintable(changes->diffView()->text()));
    QVERIFY(changes->filesView()->selectPath(QStringLiteral("notes/new.txt")));
    QTRY_VERIFY_WITH_TIMEOUT(changes->isReady(), LoadTimeout);
    QVERIFY(changes->diffView()->text().contains(QStringLiteral("+new")));

    // Choosing a commit leaves the row.
    history->selectCommit(tip);
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady() && history->detail()->commitId() == tip, LoadTimeout);
    QVERIFY(!row->isSelected());
    QVERIFY(!history->detail()->showsWorkingTree());

    // Committed: the row goes on the next refresh, and the new commit is on top.
    button->click();
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady(), LoadTimeout);
    repo.git({ QStringLiteral("add"), QStringLiteral("-A") });
    const QString committed = repo.commit(QStringLiteral("Commit everything"));
    QVERIFY2(repo.ok(), qPrintable(repo.errors()));
    history->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(row->isHidden() && !row->isLoading(), LoadTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(history->isReady() && history->selectedCommit() == committed, LoadTimeout);
}

void TestGitPaths::fetchUpdatesRemoteBranches()
{
    // A bare "remote" on a file:// URL, a clone DevDash shows, and new commits pushed
    // to the remote from elsewhere.
    TestRepo work(QStringLiteral("fetch-work"));
    work.init();
    work.commit(QStringLiteral("Start"), { { QStringLiteral("a.txt"), "a\n" } });
    TestRepo upstream = work.sibling(QStringLiteral("fetch-upstream.git"));
    upstream.init({ QStringLiteral("--bare") });
    const QString url = QStringLiteral("file://") + upstream.path();
    work.git({ QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("origin"), url });
    work.git(
        { QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("origin"), QStringLiteral("main") });
    TestRepo clone = work.sibling(QStringLiteral("fetch-clone"));
    work.git({ QStringLiteral("clone"), QStringLiteral("-q"), url, clone.path() });
    const QString oldTip = clone.revParse(QStringLiteral("origin/main"));
    QVERIFY2(work.ok(), qPrintable(work.errors()));

    ui::MainWindow window(ui::MainWindow::StatePolicy::Ephemeral);
    window.show();
    window.showPage(QStringLiteral("branches"));
    auto *branches = qobject_cast<ui::BranchesPage *>(window.page(QStringLiteral("branches")));
    window.openRepository(clone.path());
    QTRY_VERIFY_WITH_TIMEOUT(branches->isReady() && window.jobs()->isIdle(), LoadTimeout);
    auto tipOf = [&](const QString &name) {
        for (const git::RefInfo &ref : window.workspace()->branches()->listing().refs)
            if (ref.name == name)
                return git::toHex(ref.commit);
        return QString();
    };
    QCOMPARE(tipOf(QStringLiteral("origin/main")), oldTip);

    const QString newTip
        = work.commit(QStringLiteral("Pushed elsewhere"), { { QStringLiteral("b.txt"), "b\n" } });
    work.checkoutNew(QStringLiteral("topic"));
    const QString topic = work.commit(QStringLiteral("A topic"), { { QStringLiteral("c.txt"), "c\n" } });
    work.git({ QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("origin"), QStringLiteral("main"),
        QStringLiteral("topic") });
    QVERIFY2(work.ok(), qPrintable(work.errors()));

    // File → Fetch All Remotes (F6).
    auto *fetch = window.findChild<QAction *>(QStringLiteral("fetchAction"));
    QVERIFY(fetch);
    QCOMPARE(fetch->shortcut(), QKeySequence(Qt::Key_F6));
    fetch->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(
        window.jobs()->isIdle() && tipOf(QStringLiteral("origin/main")) == newTip, LoadTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(tipOf(QStringLiteral("origin/topic")), topic, LoadTimeout);
    QCOMPARE(clone.revParse(QStringLiteral("origin/main")), newTip); // git sees the same
    QVERIFY2(window.statusBar()->currentMessage().startsWith(QStringLiteral("Fetched origin")),
        qPrintable(window.statusBar()->currentMessage()));
}

QTEST_MAIN(TestGitPaths)
#include "tst_gitpaths.moc"

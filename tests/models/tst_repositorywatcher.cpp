// RepositoryWatcher: a commit, a new branch or a checkout in a terminal is noticed.

#include "TestEnvironment.h"
#include "TestRepo.h"

#include "git/RepositoryWatcher.h"

#include <QSignalSpy>
#include <QTest>

using namespace devdash::git;
using namespace devdash::test;

class RepositoryWatcherTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(TestEnvironment::setUp()); }

    void noticesRefChanges()
    {
        TestRepo repo;
        repo.init();
        repo.commit(QStringLiteral("root"));
        RepositoryWatcher watcher;
        watcher.watch(repo.path() + QStringLiteral("/.git"), repo.path() + QStringLiteral("/.git"));
        QSignalSpy changed(&watcher, &RepositoryWatcher::refsChanged);

        repo.commit(QStringLiteral("second"));
        QVERIFY(changed.wait(8000));
        repo.branch(QStringLiteral("feature/x"));
        QVERIFY(changed.wait(8000));
        repo.checkout(QStringLiteral("feature/x"));
        QVERIFY(changed.wait(8000));
        // Not a ref change: no signal.
        changed.clear();
        repo.writeFile(QStringLiteral("untracked.txt"), "x");
        QTest::qWait(800);
        QCOMPARE(changed.size(), 0);
    }
};

QTEST_GUILESS_MAIN(RepositoryWatcherTest)
#include "tst_repositorywatcher.moc"

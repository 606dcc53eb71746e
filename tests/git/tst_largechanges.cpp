// Very large changes stay bounded: a commit touching 10,000 files lists them all
// with counts, a 100 MB file is flagged as too large and never loaded whole.

#include "Scenarios.h"
#include "TestEnvironment.h"
#include "git/CommitDiff.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>

using namespace devdash;
using namespace devdash::git;
using namespace devdash::test;

class TestLargeChanges : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(TestEnvironment::setUp()); }

    void tenThousandFiles()
    {
        TestRepo repo;
        repo.init();
        FastImport fi;
        const int root = fi.commit(QStringLiteral("refs/heads/main"), {}, TestRepo::BaseTime,
            QStringLiteral("root"), { { QStringLiteral("README"), "hello\n" } });
        QMap<QString, QByteArray> files;
        for (int i = 0; i < 10000; ++i)
            files.insert(QStringLiteral("gen/dir%1/file%2.txt").arg(i % 100).arg(i),
                QByteArray("line\n").repeated(i % 7 + 1));
        fi.commit(QStringLiteral("refs/heads/main"), { root }, TestRepo::BaseTime + 60,
            QStringLiteral("generate"), files);
        fi.run(repo);
        QVERIFY2(repo.ok(), qPrintable(repo.errors()));

        auto opened = Repository::open(repo.path());
        QVERIFY(opened.ok());
        auto head = opened->resolveCommit(QStringLiteral("HEAD"));
        QVERIFY(head.ok());
        QElapsedTimer timer;
        timer.start();
        auto details = CommitDiff::details(opened.value(), head.value());
        QVERIFY2(details.ok(), qPrintable(details.errorMessage()));
        QCOMPARE(details->files.size(), 10000);
        int additions = 0;
        for (const FileChange &f : details->files)
            additions += f.additions;
        int expected = 0;
        for (int i = 0; i < 10000; ++i)
            expected += i % 7 + 1;
        QCOMPARE(additions, expected);
        qInfo("10,000-file commit listed in %lld ms", timer.elapsed());

        // Cancelling stops the listing promptly instead of finishing it.
        CancelToken cancel;
        cancel.cancel();
        QVERIFY(!CommitDiff::details(opened.value(), head.value(), cancel).ok());
    }

    void hundredMegabyteFile()
    {
        TestRepo repo;
        repo.init();
        repo.commit(QStringLiteral("root"), { { QStringLiteral("small.txt"), "a\n" } });
        {
            QFile big(repo.path() + QStringLiteral("/huge.log"));
            QVERIFY(big.open(QIODevice::WriteOnly));
            const QByteArray line
                = QByteArray("2026-11-27 12:00:00 INFO something happened in the service\n");
            const QByteArray block = line.repeated(16384); // ~1 MB
            for (int i = 0; i < 100; ++i)
                big.write(block);
        }
        repo.commit(QStringLiteral("add a 100 MB log"), { { QStringLiteral("small.txt"), "b\n" } });
        QVERIFY2(repo.ok(), qPrintable(repo.errors()));

        auto opened = Repository::open(repo.path());
        auto head = opened->resolveCommit(QStringLiteral("HEAD"));
        QElapsedTimer timer;
        timer.start();
        auto details = CommitDiff::details(opened.value(), head.value());
        QVERIFY2(details.ok(), qPrintable(details.errorMessage()));
        QCOMPARE(details->files.size(), 2);
        for (const FileChange &f : details->files) {
            if (f.path == u"huge.log") {
                QVERIFY(f.binary);
                QVERIFY(f.tooLarge);
                auto patch = CommitDiff::filePatch(opened.value(), details->parents.front(), head.value(), f);
                QVERIFY(patch.ok());
                QVERIFY(patch->hunks.empty());
            } else {
                QCOMPARE(f.additions, 1);
                QCOMPARE(f.deletions, 1);
            }
        }
        // Not loaded whole: far below the time it takes to diff 100 MB.
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestLargeChanges)
#include "tst_largechanges.moc"

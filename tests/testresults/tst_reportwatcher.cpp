// ReportWatcher against a real repository, real files and a SQLite store: new
// reports are imported once, as one run per batch; a half-written report waits;
// a bad one is reported and not imported; unchanged files are left alone.

#include "TestEnvironment.h"
#include "TestRepo.h"
#include "store/Database.h"
#include "testresults/ReportWatcher.h"
#include "testresults/RunImport.h"
#include "testresults/TestRunStore.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash;
using namespace devdash::testresults;
using devdash::test::TestRepo;

namespace {
QByteArray junit(const QString &suite, int passed, int failed)
{
    QByteArray xml = "<?xml version=\"1.0\"?>\n<testsuite name=\"" + suite.toUtf8() + "\">\n";
    for (int i = 0; i < passed; ++i)
        xml += "<testcase classname=\"" + suite.toUtf8() + "\" name=\"ok" + QByteArray::number(i)
            + "\" time=\"0.1\"/>\n";
    for (int i = 0; i < failed; ++i)
        xml += "<testcase classname=\"" + suite.toUtf8() + "\" name=\"bad" + QByteArray::number(i)
            + "\" time=\"0.1\"><failure message=\"no\"/></testcase>\n";
    return xml + "</testsuite>\n";
}

void write(const QString &path, const QByteArray &content, QIODevice::OpenMode mode = QIODevice::WriteOnly)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(mode));
    f.write(content);
}
} // namespace

class ReportWatcherTest : public QObject
{
    Q_OBJECT
    std::unique_ptr<TestRepo> m_repo;
    QTemporaryDir m_tmp;
    int m_stores = 0;

    ReportWatcher::Options fast() const
    {
        ReportWatcher::Options o;
        o.debounceMs = 50;
        o.pollMs = 200;
        o.settleMs = 300;
        return o;
    }
    Result<store::Database> openStore()
    {
        return store::Database::open(
            *store::StoreLocation::parse(m_tmp.filePath(QStringLiteral("s%1.sqlite").arg(++m_stores))));
    }
    QString reports() const { return m_repo->path() + QStringLiteral("/build/test-results"); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(devdash::test::TestEnvironment::setUp());
        m_repo = std::make_unique<TestRepo>();
        m_repo->init();
        m_repo->commit(QStringLiteral("first"),
            { { QStringLiteral(".devdash.json"), "{\"tests\": {\"reports\": [\"build/**/junit*.xml\"]}}" } });
        QVERIFY(m_repo->ok());
    }
    void cleanup() { QDir(m_repo->path() + QStringLiteral("/build")).removeRecursively(); }

    void importsExistingAndNewReportsOncePerBatch()
    {
        write(reports() + QStringLiteral("/junit-a.xml"), junit(QStringLiteral("A"), 3, 1));
        auto db = openStore();
        QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
        auto watcher = ReportWatcher::forRepository(m_repo->path(), *db, fast());
        QVERIFY2(watcher.ok(), qPrintable(watcher.errorMessage()));
        QVERIFY(*watcher);
        QSignalSpy imported(watcher->get(), &ReportWatcher::imported);
        QSignalSpy failed(watcher->get(), &ReportWatcher::failed);
        (*watcher)->start();
        QVERIFY(imported.wait(10000));
        auto run = imported.at(0).at(0).value<RunSummary>();
        QCOMPARE(run.counts.tests, 4);
        QCOMPARE(run.counts.failed, 1);
        QCOMPARE(run.commit, m_repo->head());
        QCOMPARE(run.branch, QStringLiteral("main"));
        QCOMPARE(run.source, QStringLiteral("watch"));
        QCOMPARE(run.repository, *RunImport::repositoryKey(m_repo->path()));

        // A build writes two reports in a new subfolder: one run with both.
        write(reports() + QStringLiteral("/unit/junit-b.xml"), junit(QStringLiteral("B"), 2, 0));
        write(reports() + QStringLiteral("/unit/junit-c.xml"), junit(QStringLiteral("C"), 5, 0));
        QVERIFY(imported.wait(10000));
        run = imported.at(1).at(0).value<RunSummary>();
        QCOMPARE(run.counts.tests, 7);

        // Touching a file without changing it, and waiting, imports nothing more.
        QFile touched(reports() + QStringLiteral("/unit/junit-b.xml"));
        QVERIFY(touched.open(QIODevice::ReadWrite));
        touched.setFileTime(QDateTime::currentDateTime().addSecs(5), QFileDevice::FileModificationTime);
        touched.close();
        QVERIFY(!imported.wait(1500));
        QCOMPARE(imported.size(), 2);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(TestRunStore(*db).runs(run.repository)->size(), 2);
    }

    // Written in two halves, with a pause: never imported half-written.
    void waitsForHalfWrittenReports()
    {
        auto db = openStore();
        QVERIFY(db.ok());
        ReportWatcher::Options options = fast();
        options.settleMs = 1500;
        ReportWatcher watcher(m_repo->path(), { QStringLiteral("build/**/junit*.xml") }, *db, options);
        QSignalSpy imported(&watcher, &ReportWatcher::imported);
        QSignalSpy failed(&watcher, &ReportWatcher::failed);
        watcher.start();
        const QByteArray xml = junit(QStringLiteral("Slow"), 20, 2);
        const QString path = reports() + QStringLiteral("/junit-slow.xml");
        write(path, xml.left(xml.size() / 2));
        QTest::qWait(700);
        write(path, xml.mid(xml.size() / 2), QIODevice::Append);
        QVERIFY(imported.wait(10000));
        QCOMPARE(imported.at(0).at(0).value<RunSummary>().counts.tests, 22);
        QCOMPARE(failed.size(), 0);
    }

    void reportsBadReportsAndImportsNothingOfThem()
    {
        auto db = openStore();
        QVERIFY(db.ok());
        ReportWatcher watcher(m_repo->path(), { QStringLiteral("build/**/junit*.xml") }, *db, fast());
        QSignalSpy imported(&watcher, &ReportWatcher::imported);
        QSignalSpy failed(&watcher, &ReportWatcher::failed);
        watcher.start();
        write(
            reports() + QStringLiteral("/junit-bad.xml"), "<testsuite><testcase name=\"x\">\n</testsuite>\n");
        QVERIFY(failed.wait(10000));
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("junit-bad.xml:")), qPrintable(message));
        QVERIFY(!imported.wait(1000)); // not retried until it changes
        QCOMPARE(failed.size(), 1);
        // Fixed: imported.
        write(reports() + QStringLiteral("/junit-bad.xml"), junit(QStringLiteral("Fixed"), 1, 0));
        QVERIFY(imported.wait(10000));
        QCOMPARE(imported.at(0).at(0).value<RunSummary>().counts.tests, 1);
    }

    void noConfigNoWatcher()
    {
        TestRepo bare(QStringLiteral("plain"));
        bare.init();
        bare.commit(QStringLiteral("x"), { { QStringLiteral("a"), "a" } });
        auto db = openStore();
        QVERIFY(db.ok());
        auto watcher = ReportWatcher::forRepository(bare.path(), *db);
        QVERIFY(watcher.ok());
        QVERIFY(!*watcher);
    }
};

QTEST_GUILESS_MAIN(ReportWatcherTest)
#include "tst_reportwatcher.moc"

// `devdash tests import` on hostile reports, run as a separate process whose peak memory
// is measured (getrusage(RUSAGE_CHILDREN): the largest child waited for so far): 100,000
// nested suites, a 64 MB attribute and a 100 MB text node each give a clear error or a
// bounded import (< 300 MB), never a crash.

#include "CliProcess.h"
#include "TestEnvironment.h"
#include "TestRepo.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

using namespace devdash::test;

namespace {

constexpr long PeakLimitKiB = 300 * 1024;

long childrenPeakKiB()
{
    rusage usage {};
    getrusage(RUSAGE_CHILDREN, &usage);
    return usage.ru_maxrss; // KiB on Linux
}

// Writes head, `count` times `unit` and tail, a megabyte at a time.
void writeReport(
    const QString &path, const QByteArray &head, const QByteArray &unit, qint64 count, const QByteArray &tail)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(head);
    const qint64 perChunk = std::max<qint64>(1, (1 << 20) / unit.size());
    const QByteArray chunk = unit.repeated(perChunk);
    qint64 left = count;
    for (; left >= perChunk; left -= perChunk)
        file.write(chunk);
    file.write(unit.repeated(left));
    file.write(tail);
}

} // namespace

class HostileReportsTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    std::unique_ptr<TestRepo> m_repo;

    CliRun import(const QString &report, const QStringList &extra = {})
    {
        static int stores = 0;
        const QStringList args { QStringLiteral("tests"), QStringLiteral("import"), report,
            QStringLiteral("--repo"), m_repo->path(), QStringLiteral("--store"),
            m_tmp.filePath(QStringLiteral("store%1.sqlite").arg(++stores)) };
        return runCli(QStringLiteral(DEVDASH_BINARY), args + extra, m_tmp.path(), 300000);
    }

    static void checkPeak(const CliRun &run)
    {
        QVERIFY2(run.exitCode >= 0, run.exitCode == -2 ? "devdash crashed" : "devdash timed out");
        const long peak = childrenPeakKiB();
        qInfo("peak memory of the imports so far: %ld MiB", peak / 1024);
        QVERIFY2(peak < PeakLimitKiB, qPrintable(QStringLiteral("%1 MiB").arg(peak / 1024)));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(TestEnvironment::setUp());
        QVERIFY(m_tmp.isValid());
        m_repo = std::make_unique<TestRepo>();
        m_repo->init();
        m_repo->commit(QStringLiteral("first"), { { QStringLiteral("a.txt"), "a\n" } });
        QVERIFY2(m_repo->ok(), qPrintable(m_repo->errors()));
    }

    void deeplyNestedSuites()
    {
        const QString path = m_tmp.filePath(QStringLiteral("nested.xml"));
        writeReport(path, "<?xml version=\"1.0\"?>\n<testsuites>\n", "<testsuite name=\"s\">\n", 100000,
            QByteArray("</testsuite>").repeated(100000) + "</testsuites>\n");
        const CliRun run = import(path);
        checkPeak(run);
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains(
                     QByteArray(path.toUtf8() + ":258: elements are nested more than 256 levels deep")),
            run.err.constData());
    }

    void hugeAttribute()
    {
        const QString path = m_tmp.filePath(QStringLiteral("attribute.xml"));
        writeReport(path,
            "<testsuites>\n<testsuite name=\"s\">\n<testcase classname=\"c\" name=\"t\">\n<failure "
            "message=\"",
            "x", 64 * 1024 * 1024, "\"/>\n</testcase>\n</testsuite>\n</testsuites>\n");
        const CliRun run = import(path);
        checkPeak(run);
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains(
                     QByteArray(path.toUtf8() + ":4: a tag with its attributes is longer than 1 MiB")),
            run.err.constData());
    }

    void hugeTextNode_data()
    {
        QTest::addColumn<QByteArray>("open");
        QTest::addColumn<QByteArray>("close");
        QTest::newRow("text") << QByteArray("<system-out>") << QByteArray("</system-out>");
        QTest::newRow("cdata") << QByteArray("<system-out><![CDATA[") << QByteArray("]]></system-out>");
    }
    void hugeTextNode()
    {
        QFETCH(QByteArray, open);
        QFETCH(QByteArray, close);
        const QString path = m_tmp.filePath(QStringLiteral("text.xml"));
        writeReport(path,
            "<testsuites>\n<testsuite name=\"s\">\n<testcase classname=\"c\" name=\"t\">" + open,
            "all work and no play\n", 5 * 1024 * 1024, close + "</testcase>\n</testsuite>\n</testsuites>\n");
        QVERIFY(QFileInfo(path).size() > 100 * 1000 * 1000);
        const CliRun run = import(path, { QStringLiteral("--json") });
        checkPeak(run);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        // The reader cut the text at 16 MiB; the report kept its first 64 Ki characters.
        QStringList warnings;
        for (const QJsonValue &warning : run.object().value(u"warnings").toArray())
            warnings << warning.toString();
        QVERIFY2(warnings.join(u'\n').contains(QLatin1String("1 texts longer than 16 MiB were cut")),
            qPrintable(warnings.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(HostileReportsTest)
#include "tst_hostilereports.moc"

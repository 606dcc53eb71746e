// The value rules of the report parsers (ReportValues): seconds as tools write them,
// .NET time spans, timestamps with and without zones, status names and their order.

#include "testresults/ReportValues.h"
#include "testresults/TestReport.h"

#include <QDateTime>
#include <QTest>

#include <cmath>

using namespace devdash;
using namespace devdash::testresults;

class TestReportValues : public QObject
{
    Q_OBJECT

private slots:
    void seconds_data();
    void seconds();
    void timeSpans_data();
    void timeSpans();
    void timestamps_data();
    void timestamps();
    void statusNames();
};

void TestReportValues::seconds_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("seconds"); // NaN: unknown
    const double unknown = std::nan("");
    QTest::newRow("plain") << "1.5" << 1.5;
    QTest::newRow("integer") << "100" << 100.0;
    QTest::newRow("thousands and decimals") << "1,234.5" << 1234.5;
    QTest::newRow("thousands only") << "12,345" << 12345.0;
    QTest::newRow("millions") << "1,234,567.25" << 1234567.25;
    QTest::newRow("decimal comma") << "0,25" << 0.25;
    QTest::newRow("odd commas") << "1,2,3" << unknown;
    QTest::newRow("scientific") << "1.5E-3" << 0.0015;
    QTest::newRow("scientific plus") << "2e+1" << 20.0;
    QTest::newRow("leading plus") << "+3" << 3.0;
    QTest::newRow("negative") << "-3.2" << unknown;
    QTest::newRow("negative zero") << "-0" << 0.0;
    QTest::newRow("empty") << "" << unknown;
    QTest::newRow("words") << "fast" << unknown;
    QTest::newRow("unit") << "2.5s" << 2.5;
    QTest::newRow("spaces") << " 3 " << 3.0;
    QTest::newRow("infinite") << "INF" << unknown;
    QTest::newRow("nan") << "nan" << unknown;
    QTest::newRow("non-ASCII") << "1\u00a0234" << unknown;
}

void TestReportValues::seconds()
{
    QFETCH(QString, text);
    QFETCH(double, seconds);
    const double parsed = ReportValues::parseSeconds(text);
    if (std::isnan(seconds))
        QVERIFY2(std::isnan(parsed), qPrintable(QString::number(parsed)));
    else
        QCOMPARE(parsed, seconds);
}

void TestReportValues::timeSpans_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("seconds");
    QTest::newRow("ms") << "00:00:01.234" << 1.234;
    QTest::newRow("ticks") << "00:00:00.0021000" << 0.0021;
    QTest::newRow("minute") << "00:01:00" << 60.0;
    QTest::newRow("days") << "1.02:03:04.5" << 93784.5;
    QTest::newRow("bad") << "soon" << std::nan("");
}

void TestReportValues::timeSpans()
{
    QFETCH(QString, text);
    QFETCH(double, seconds);
    const double parsed = ReportValues::parseTimeSpan(text);
    if (std::isnan(seconds))
        QVERIFY(std::isnan(parsed));
    else
        QVERIFY2(std::abs(parsed - seconds) < 1e-9, qPrintable(QString::number(parsed, 'g', 12)));
}

void TestReportValues::timestamps_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");
    const QDate d(2024, 1, 3);
    QTest::newRow("local") << "2024-01-03T12:27:11" << QDateTime(d, QTime(12, 27, 11));
    QTest::newRow("fraction") << "2024-01-03T11:23:00.00" << QDateTime(d, QTime(11, 23));
    QTest::newRow("micro") << "2024-01-03T12:27:11.548396" << QDateTime(d, QTime(12, 27, 11, 548));
    QTest::newRow("7 digits") << "2024-01-03T12:27:11.1234567+02:00"
                              << QDateTime(d, QTime(12, 27, 11, 123), Qt::OffsetFromUTC, 7200);
    QTest::newRow("Z") << "2024-01-03T12:27:44Z" << QDateTime(d, QTime(12, 27, 44), Qt::UTC);
    QTest::newRow("space separator") << "2024-01-03 12:27:54Z" << QDateTime(d, QTime(12, 27, 54), Qt::UTC);
    QTest::newRow("stray space") << "2024-01-03T 12:40:13" << QDateTime(d, QTime(12, 40, 13));
    QTest::newRow("date only") << "2024-01-03" << QDateTime(d, QTime(0, 0));
    QTest::newRow("minutes only") << "2024-01-03T12:40" << QDateTime(d, QTime(12, 40));
    QTest::newRow("negative offset") << "2024-01-03T12:27:11.21-01:00"
                                     << QDateTime(d, QTime(12, 27, 11, 210), Qt::OffsetFromUTC, -3600);
    QTest::newRow("compact offset") << "2024-01-03T12:27:11+0530"
                                    << QDateTime(d, QTime(12, 27, 11), Qt::OffsetFromUTC, 5 * 3600 + 1800);
    QTest::newRow("hour offset") << "2024-01-03T12:27:11+05"
                                 << QDateTime(d, QTime(12, 27, 11), Qt::OffsetFromUTC, 18000);
    QTest::newRow("surrounding spaces")
        << "  2024-01-03T12:27:11Z " << QDateTime(d, QTime(12, 27, 11), Qt::UTC);
    QTest::newRow("epoch") << "1970-01-01T00:00:00.000" << QDateTime();
    QTest::newRow("US style") << "05/04/2023 10:11:12" << QDateTime();
    QTest::newRow("bad month") << "2024-13-03" << QDateTime();
    QTest::newRow("bad hour") << "2024-01-03T25:00:00" << QDateTime();
    QTest::newRow("empty") << "" << QDateTime();
}

void TestReportValues::timestamps()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    const QDateTime parsed = ReportValues::parseTimestamp(text);
    QCOMPARE(parsed.isValid(), expected.isValid());
    if (expected.isValid()) {
        QCOMPARE(parsed, expected);
        QCOMPARE(parsed.offsetFromUtc(), expected.offsetFromUtc());
    }
}

void TestReportValues::statusNames()
{
    for (TestStatus s : { TestStatus::Passed, TestStatus::Failed, TestStatus::Errored, TestStatus::Skipped })
        QCOMPARE(statusFromName(statusName(s)), s);
    QCOMPARE(statusName(TestStatus::Errored), QStringLiteral("errored"));
    QCOMPARE(worse(TestStatus::Failed, TestStatus::Errored), TestStatus::Errored);
    QCOMPARE(worse(TestStatus::Errored, TestStatus::Failed), TestStatus::Errored);
    QCOMPARE(worse(TestStatus::Skipped, TestStatus::Failed), TestStatus::Failed);
    QCOMPARE(worse(TestStatus::Passed, TestStatus::Skipped), TestStatus::Skipped);
    QCOMPARE(worse(TestStatus::Passed, TestStatus::Passed), TestStatus::Passed);
}

QTEST_GUILESS_MAIN(TestReportValues)
#include "tst_reportvalues.moc"

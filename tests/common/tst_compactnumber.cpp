// CompactNumber: what a narrow cell shows for a count.

#include "common/CompactNumber.h"

#include <QTest>

using devdash::CompactNumber;

class TestCompactNumber : public QObject
{
    Q_OBJECT
private slots:
    void format_data()
    {
        QTest::addColumn<qint64>("n");
        QTest::addColumn<QString>("shown");
        QTest::newRow("zero") << qint64(0) << QStringLiteral("0");
        QTest::newRow("exact below 1000") << qint64(999) << QStringLiteral("999");
        QTest::newRow("1000") << qint64(1000) << QStringLiteral("1.0k");
        QTest::newRow("git behind") << qint64(81188) << QStringLiteral("81.2k");
        QTest::newRow("rounds to 100k") << qint64(99960) << QStringLiteral("100k");
        QTest::newRow("no decimal from 100k") << qint64(812345) << QStringLiteral("812k");
        QTest::newRow("999,600 is 1.0M") << qint64(999600) << QStringLiteral("1.0M");
        QTest::newRow("millions") << qint64(1234567) << QStringLiteral("1.2M");
        QTest::newRow("billions") << qint64(3'400'000'000LL) << QStringLiteral("3.4G");
        QTest::newRow("negative") << qint64(-81188) << QStringLiteral("-81.2k");
    }
    void format()
    {
        QFETCH(qint64, n);
        QFETCH(QString, shown);
        QCOMPARE(CompactNumber::format(n), shown);
        QVERIFY(CompactNumber::format(n).size() <= 6);
    }
};

QTEST_GUILESS_MAIN(TestCompactNumber)
#include "tst_compactnumber.moc"

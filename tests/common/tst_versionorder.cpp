// VersionOrder: names sorted as versions, not as text.

#include "common/VersionOrder.h"

#include <QTest>

#include <algorithm>

using devdash::VersionOrder;

class TestVersionOrder : public QObject
{
    Q_OBJECT
private slots:
    void sorts_data()
    {
        QTest::addColumn<QStringList>("shuffled");
        QTest::addColumn<QStringList>("sorted");
        QTest::newRow("git gui tags")
            << QStringList { "gitgui-0.10", "gitgui-0.6", "gitgui-0.9.1", "gitgui-0.10.1", "gitgui-0.6.0" }
            << QStringList { "gitgui-0.6", "gitgui-0.6.0", "gitgui-0.9.1", "gitgui-0.10", "gitgui-0.10.1" };
        QTest::newRow("v prefixes") << QStringList { "v1.10.0", "v1.2.0", "v1.9.9", "v2.0.0-rc1", "v2.0.0" }
                                    << QStringList { "v1.2.0", "v1.9.9", "v1.10.0", "v2.0.0", "v2.0.0-rc1" };
        QTest::newRow("run numbers") << QStringList { "#10", "#9", "#100", "#1" }
                                     << QStringList { "#1", "#9", "#10", "#100" };
        QTest::newRow("case-blind") << QStringList { "beta", "Alpha", "gamma" }
                                    << QStringList { "Alpha", "beta", "gamma" };
        QTest::newRow("huge numbers") << QStringList { "b99999999999999999999999", "b2" }
                                      << QStringList { "b2", "b99999999999999999999999" };
    }
    void sorts()
    {
        QFETCH(QStringList, shuffled);
        QFETCH(QStringList, sorted);
        std::stable_sort(shuffled.begin(), shuffled.end(), VersionOrder::lessThan);
        QCOMPARE(shuffled, sorted);
    }
    void leadingZerosEqualValue()
    {
        QCOMPARE(VersionOrder::key(QStringLiteral("r007")), VersionOrder::key(QStringLiteral("r7")));
    }
};

QTEST_GUILESS_MAIN(TestVersionOrder)
#include "tst_versionorder.moc"

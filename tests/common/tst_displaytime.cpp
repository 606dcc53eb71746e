// DisplayTime: the one date format of the window, with fixed clocks, locales and zones.

#include "common/DisplayTime.h"

#include <QTest>
#include <QTimeZone>

using devdash::DisplayTime;

namespace {

const QTimeZone London("Europe/London");

QDateTime london(int y, int mo, int d, int h, int mi, int s = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), London);
}

QDateTime utc(int y, int mo, int d, int h, int mi, int s = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), QTimeZone::utc());
}

// A Wednesday afternoon in summer time (UTC+1).
const QDateTime Now = london(2024, 6, 12, 15, 0);

} // namespace

class TestDisplayTime : public QObject
{
    Q_OBJECT
private slots:
    void format_data()
    {
        QTest::addColumn<QDateTime>("at");
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("expected");
        const QString gb = QStringLiteral("en_GB");
        const QString de = QStringLiteral("de_DE");
        QTest::newRow("invalid") << QDateTime() << Now << gb << QStringLiteral("—");
        QTest::newRow("seconds ago") << Now.addSecs(-10) << Now << gb << QStringLiteral("just now");
        QTest::newRow("a clock slightly ahead") << Now.addSecs(30) << Now << gb << QStringLiteral("just now");
        QTest::newRow("minutes") << Now.addSecs(-5 * 60) << Now << gb << QStringLiteral("5 min ago");
        QTest::newRow("59 min") << Now.addSecs(-59 * 60 - 59) << Now << gb << QStringLiteral("59 min ago");
        QTest::newRow("hours") << london(2024, 6, 12, 12, 0) << Now << gb << QStringLiteral("3 h ago");
        QTest::newRow("this morning")
            << london(2024, 6, 12, 0, 10) << Now << gb << QStringLiteral("14 h ago");
        QTest::newRow("late yesterday")
            << london(2024, 6, 11, 23, 50) << Now << gb << QStringLiteral("yesterday 23:50");
        QTest::newRow("yesterday") << london(2024, 6, 11, 14, 5) << Now << gb
                                   << QStringLiteral("yesterday 14:05");
        QTest::newRow("days") << london(2024, 6, 9, 18, 0) << Now << gb << QStringLiteral("3 days ago");
        QTest::newRow("six days") << london(2024, 6, 6, 0, 1) << Now << gb << QStringLiteral("6 days ago");
        QTest::newRow("a week: the date")
            << london(2024, 6, 5, 9, 0) << Now << gb << QStringLiteral("05/06/2024 09:00");
        QTest::newRow("german date") << london(2024, 6, 5, 9, 0) << Now << de
                                     << QStringLiteral("05.06.24 09:00");
        QTest::newRow("german yesterday")
            << london(2024, 6, 11, 14, 5) << Now << de << QStringLiteral("yesterday 14:05");
        // Old times show in their own offset of the viewer's zone: GMT in winter, BST in summer.
        QTest::newRow("winter, in GMT")
            << utc(2024, 1, 10, 9, 0) << Now << gb << QStringLiteral("10/01/2024 09:00");
        QTest::newRow("last summer, in BST")
            << utc(2023, 7, 10, 9, 0) << Now << gb << QStringLiteral("10/07/2023 10:00");
        QTest::newRow("future: the date")
            << Now.addSecs(2 * 3600) << Now << gb << QStringLiteral("12/06/2024 17:00");
        // A commit written in California (UTC-7) an hour ago.
        QTest::newRow("author's offset") << QDateTime(QDate(2024, 6, 12), QTime(6, 0), Qt::OffsetFromUTC,
            -7 * 3600) << Now << gb << QStringLiteral("1 h ago");
        // Days are calendar days of the viewer's zone: 00:30 in Berlin is today there,
        // 23:30 yesterday in London.
        const QTimeZone berlin("Europe/Berlin");
        QTest::newRow("today in Berlin")
            << utc(2024, 6, 11, 22, 30) << QDateTime(QDate(2024, 6, 12), QTime(15, 0), berlin) << gb
            << QStringLiteral("14 h ago");
        QTest::newRow("yesterday in London")
            << utc(2024, 6, 11, 22, 30) << Now << gb << QStringLiteral("yesterday 23:30");
        // Clocks go forward at 01:00 GMT on 31 March 2024: 12:00 BST is 11:00 UTC.
        const QDateTime spring = london(2024, 3, 31, 12, 0);
        QTest::newRow("spring DST: elapsed hours")
            << london(2024, 3, 31, 0, 30) << spring << gb << QStringLiteral("10 h ago");
        QTest::newRow("spring DST: yesterday")
            << london(2024, 3, 30, 23, 30) << spring << gb << QStringLiteral("yesterday 23:30");
        QTest::newRow("spring DST: 47 hours are two days")
            << london(2024, 3, 29, 12, 0) << spring << gb << QStringLiteral("2 days ago");
        // Clocks go back at 02:00 BST on 27 October 2024: a 25-hour day.
        QTest::newRow("autumn DST: 24 hours still today") << london(2024, 10, 27, 0,
            30) << london(2024, 10, 27, 23, 30) << gb << QStringLiteral("24 h ago");
        QTest::newRow("autumn DST: the date after a week") << london(2024, 10, 20, 9,
            15) << london(2024, 10, 27, 23, 30) << gb << QStringLiteral("20/10/2024 09:15");
    }
    void format()
    {
        QFETCH(QDateTime, at);
        QFETCH(QDateTime, now);
        QFETCH(QString, locale);
        QFETCH(QString, expected);
        QCOMPARE(DisplayTime::format(at, now, QLocale(locale)), expected);
    }

    void relative_data()
    {
        QTest::addColumn<QDateTime>("at");
        QTest::addColumn<QString>("expected");
        QTest::newRow("invalid") << QDateTime() << QStringLiteral("—");
        QTest::newRow("now") << Now << QStringLiteral("just now");
        QTest::newRow("minutes") << Now.addSecs(-125) << QStringLiteral("2 min ago");
        QTest::newRow("yesterday") << london(2024, 6, 11, 8, 0) << QStringLiteral("yesterday 08:00");
        QTest::newRow("13 days") << london(2024, 5, 30, 8, 0) << QStringLiteral("13 days ago");
        QTest::newRow("weeks") << london(2024, 5, 22, 8, 0) << QStringLiteral("3 weeks ago");
        QTest::newRow("months") << london(2024, 1, 12, 8, 0) << QStringLiteral("5 months ago");
        QTest::newRow("a year") << london(2023, 5, 1, 8, 0) << QStringLiteral("1 year ago");
        QTest::newRow("years") << london(2017, 7, 15, 0, 32) << QStringLiteral("6 years ago");
        QTest::newRow("in minutes") << Now.addSecs(5 * 60 + 10) << QStringLiteral("in 5 min");
        QTest::newRow("in hours") << Now.addSecs(3 * 3600 + 10) << QStringLiteral("in 3 h");
        QTest::newRow("tomorrow") << london(2024, 6, 13, 9, 0) << QStringLiteral("tomorrow 09:00");
        QTest::newRow("in days") << london(2024, 6, 15, 9, 0) << QStringLiteral("in 3 days");
    }
    void relative()
    {
        QFETCH(QDateTime, at);
        QFETCH(QString, expected);
        QCOMPARE(DisplayTime::relative(at, Now, QLocale(QStringLiteral("en_GB"))), expected);
    }

    void exact_data()
    {
        QTest::addColumn<QDateTime>("at");
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("expected");
        const QDateTime summer = london(2017, 7, 15, 0, 32, 5);
        QTest::newRow("invalid") << QDateTime() << Now << "en_GB" << QStringLiteral("—");
        QTest::newRow("summer") << summer << Now << "en_GB"
                                << QStringLiteral("Saturday, 15 July 2017 00:32:05 UTC+01:00");
        QTest::newRow("german") << summer << Now << "de_DE"
                                << QStringLiteral("Samstag, 15. Juli 2017 00:32:05 UTC+01:00");
        QTest::newRow("american") << summer << Now << "en_US"
                                  << QStringLiteral("Saturday, July 15, 2017 12:32:05 AM UTC+01:00");
        QTest::newRow("winter") << utc(2024, 1, 10, 9, 0) << Now << "en_GB"
                                << QStringLiteral("Wednesday, 10 January 2024 09:00:00 UTC");
        QTest::newRow("viewer in New York")
            << utc(2024, 6, 12, 13, 0)
            << QDateTime(QDate(2024, 6, 12), QTime(15, 0), QTimeZone("America/New_York")) << "en_GB"
            << QStringLiteral("Wednesday, 12 June 2024 09:00:00 UTC-04:00");
        QTest::newRow("viewer in UTC") << summer << utc(2024, 6, 12, 15, 0) << "en_GB"
                                       << QStringLiteral("Friday, 14 July 2017 23:32:05 UTC");
        QTest::newRow("viewer in India")
            << utc(2024, 6, 12, 13, 0)
            << QDateTime(QDate(2024, 6, 12), QTime(20, 0), Qt::OffsetFromUTC, 19800) << "en_GB"
            << QStringLiteral("Wednesday, 12 June 2024 18:30:00 UTC+05:30");
    }
    void exact()
    {
        QFETCH(QDateTime, at);
        QFETCH(QDateTime, now);
        QFETCH(QString, locale);
        QFETCH(QString, expected);
        QCOMPARE(DisplayTime::exact(at, now, QLocale(locale)), expected);
    }

    void pinnedClock()
    {
        DisplayTime::setNowForTesting(Now);
        QCOMPARE(DisplayTime::now(), Now);
        QLocale::setDefault(QLocale(QStringLiteral("en_GB")));
        QCOMPARE(DisplayTime::format(Now.addSecs(-600)), QStringLiteral("10 min ago"));
        QCOMPARE(DisplayTime::relative(london(2024, 6, 11, 8, 0)), QStringLiteral("yesterday 08:00"));
        QCOMPARE(DisplayTime::exact(utc(2024, 1, 10, 9, 0)),
            QStringLiteral("Wednesday, 10 January 2024 09:00:00 UTC"));
        DisplayTime::setNowForTesting({});
        QLocale::setDefault(QLocale::c());
        QVERIFY(qAbs(DisplayTime::now().secsTo(QDateTime::currentDateTime())) < 5);
    }

    // Within a week format() is relative(); after it, the locale's date.
    void formatIsRelativeForAWeek()
    {
        const QLocale gb(QStringLiteral("en_GB"));
        for (int hours = 0; hours < 24 * 10; ++hours) {
            const QDateTime at = Now.addSecs(-qint64(hours) * 3600);
            const bool recent = at.toTimeZone(London).date().daysTo(Now.date()) < 7;
            QCOMPARE(DisplayTime::format(at, Now, gb) == DisplayTime::relative(at, Now, gb), recent);
        }
    }
};

QTEST_GUILESS_MAIN(TestDisplayTime)
#include "tst_displaytime.moc"

#pragma once

// The one way the window shows a point in time (issue 18: pages used three formats).
// Recent things read as relative time ("just now", "5 min ago", "3 h ago", "yesterday
// 14:05", "3 days ago"); anything older than a week, or in the future, as the locale's
// short date and time. The exact time, with its UTC offset, is for the tooltip. Times
// show in the zone of `now` (the user's local time in the window), and calendar days
// are counted in that zone, so "yesterday" stays right across DST changes. Files and
// the CLI's JSON keep ISO 8601; this is only for what people read.

#include <QDateTime>
#include <QLocale>
#include <QString>

namespace devdash {

class DisplayTime
{
public:
    // What a table cell or label shows; an invalid time is "—".
    static QString format(const QDateTime &at, const QDateTime &now, const QLocale &locale);
    static QString format(const QDateTime &at) { return format(at, now(), QLocale()); }

    // Always relative, however old: "5 min ago", "yesterday 14:05", "3 weeks ago",
    // "2 years ago", "in 5 min". An invalid time is "—".
    static QString relative(const QDateTime &at, const QDateTime &now, const QLocale &locale);
    static QString relative(const QDateTime &at) { return relative(at, now(), QLocale()); }

    // For the tooltip: the locale's long date, the time to the second and the offset,
    // e.g. "Saturday, 15 July 2017 00:32:00 UTC+01:00". An invalid time is "—".
    static QString exact(const QDateTime &at, const QDateTime &now, const QLocale &locale);
    static QString exact(const QDateTime &at) { return exact(at, now(), QLocale()); }

    // The text shown for a missing time.
    static QString none() { return QStringLiteral("—"); }

    // The current local time; tests pin it so relative texts do not drift.
    static QDateTime now();
    static void setNowForTesting(const QDateTime &now); // invalid: the real clock again

    // `at` moved into the zone `now` is in.
    static QDateTime inZoneOf(const QDateTime &at, const QDateTime &now);
};

} // namespace devdash

#include "DisplayTime.h"

#include <QCoreApplication>
#include <QTimeZone>

namespace devdash {

namespace {

QDateTime s_pinnedNow;

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("DisplayTime", text, nullptr, n);
}

// The locale's time with seconds and without the zone name ("HH:mm:ss t" → "HH:mm:ss");
// the offset is added as a number, which reads the same in every locale.
QString secondsFormat(const QLocale &locale)
{
    const QString format = locale.timeFormat(QLocale::LongFormat);
    QString out;
    bool quoted = false;
    for (const QChar c : format) {
        if (c == u'\'')
            quoted = !quoted;
        if (!quoted && c == u't')
            continue;
        out += c;
    }
    return out.simplified();
}

QString offsetText(int seconds)
{
    if (seconds == 0)
        return QStringLiteral("UTC");
    const int minutes = std::abs(seconds) / 60;
    return QStringLiteral("UTC%1%2:%3")
        .arg(QChar(seconds < 0 ? u'-' : u'+'))
        .arg(minutes / 60, 2, 10, QLatin1Char('0'))
        .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

QDateTime DisplayTime::now()
{
    return s_pinnedNow.isValid() ? s_pinnedNow : QDateTime::currentDateTime();
}

void DisplayTime::setNowForTesting(const QDateTime &now)
{
    s_pinnedNow = now;
}

QDateTime DisplayTime::inZoneOf(const QDateTime &at, const QDateTime &now)
{
    switch (now.timeSpec()) {
    case Qt::LocalTime:
        return at.toLocalTime();
    case Qt::UTC:
        return at.toUTC();
    case Qt::OffsetFromUTC:
        return at.toOffsetFromUtc(now.offsetFromUtc());
    case Qt::TimeZone:
        return at.toTimeZone(now.timeZone());
    }
    return at;
}

QString DisplayTime::format(const QDateTime &at, const QDateTime &now, const QLocale &locale)
{
    if (!at.isValid())
        return none();
    const qint64 seconds = at.secsTo(now);
    const QDateTime local = inZoneOf(at, now);
    // A clock a little ahead (another machine's CI timestamp) is still "just now".
    if (seconds < -60 || local.date().daysTo(now.date()) >= 7)
        return locale.toString(local, QLocale::ShortFormat);
    return relative(at, now, locale);
}

QString DisplayTime::relative(const QDateTime &at, const QDateTime &now, const QLocale &locale)
{
    if (!at.isValid())
        return none();
    const qint64 seconds = at.secsTo(now);
    const QDateTime local = inZoneOf(at, now);
    // Calendar days in the viewer's zone, not 24-hour spans: across a DST change a day
    // is 23 or 25 hours long.
    const qint64 days = local.date().daysTo(now.date());
    const QString time = locale.toString(local.time(), QLocale::ShortFormat);
    if (seconds < -60) {
        const qint64 ahead = -seconds;
        if (ahead < 3600)
            return tr("in %n min", int(ahead / 60));
        if (days == 0)
            return tr("in %n h", int(ahead / 3600));
        if (days == -1)
            return tr("tomorrow %1").arg(time);
        return tr("in %n days", int(-days));
    }
    if (seconds < 60)
        return tr("just now");
    if (seconds < 3600)
        return tr("%n min ago", int(seconds / 60));
    if (days <= 0)
        return tr("%n h ago", int(seconds / 3600));
    if (days == 1)
        return tr("yesterday %1").arg(time);
    if (days < 14)
        return tr("%n days ago", int(days));
    if (days < 60)
        return tr("%n weeks ago", int(days / 7));
    if (days < 365)
        return tr("%n months ago", int(days / 30));
    const int years = int(days / 365);
    // English plurals without a translation file: %n alone would say "1 years".
    return years == 1 ? tr("1 year ago") : tr("%n years ago", years);
}

QString DisplayTime::exact(const QDateTime &at, const QDateTime &now, const QLocale &locale)
{
    if (!at.isValid())
        return none();
    const QDateTime local = inZoneOf(at, now);
    return QStringLiteral("%1 %2 %3")
        .arg(locale.toString(local.date(), QLocale::LongFormat),
            locale.toString(local.time(), secondsFormat(locale)), offsetText(local.offsetFromUtc()));
}

} // namespace devdash

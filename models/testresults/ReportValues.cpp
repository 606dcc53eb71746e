#include "ReportValues.h"

#include "common/InputLimits.h"

#include <QRegularExpression>

#include <charconv>
#include <cmath>
#include <limits>

namespace devdash::testresults::ReportValues {

static constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();

// True for "1,234" and "12,345,678.5": commas that group thousands, as Jenkins reads them.
static bool commasGroupThousands(QStringView digits)
{
    const qsizetype dot = digits.indexOf(u'.');
    const QStringView whole = dot < 0 ? digits : digits.first(dot);
    const QStringList groups = whole.toString().split(u',');
    if (groups.size() < 2 || groups.first().isEmpty() || groups.first().size() > 3)
        return false;
    for (qsizetype i = 1; i < groups.size(); ++i) {
        if (groups[i].size() != 3)
            return false;
    }
    return true;
}

double parseSeconds(QStringView text)
{
    text = text.trimmed();
    if (text.endsWith(u's') && !text.endsWith(u"ns"))
        text.chop(1); // "2.5s"
    text = text.trimmed();
    if (text.isEmpty() || text.size() > 60)
        return kUnknown;

    char buf[64];
    qsizetype n = 0;
    const bool hasComma = text.contains(u',');
    const bool thousands = hasComma && (text.contains(u'.') || commasGroupThousands(text));
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (u == u',') {
            if (thousands)
                continue;
            buf[n++] = '.'; // a decimal comma ("0,5")
        } else if (u < 128) {
            buf[n++] = char(u);
        } else {
            return kUnknown;
        }
    }
    const char *begin = buf;
    if (n > 0 && buf[0] == '+')
        ++begin; // from_chars refuses a leading plus
    double value = kUnknown;
    const auto [end, ec] = std::from_chars(begin, buf + n, value);
    if (ec != std::errc() || end != buf + n || !std::isfinite(value) || value < 0)
        return kUnknown;
    return value == 0 ? 0.0 : value; // no "-0"
}

double parseTimeSpan(QStringView text)
{
    // [-][d.]hh:mm:ss[.fraction]
    static const QRegularExpression re(
        QStringLiteral(R"(^\s*(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?\s*$)"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return kUnknown;
    double seconds = m.capturedView(1).toDouble() * 86400 + m.capturedView(2).toDouble() * 3600
        + m.capturedView(3).toDouble() * 60 + m.capturedView(4).toDouble();
    const QStringView fraction = m.capturedView(5);
    if (!fraction.isEmpty())
        seconds += fraction.toDouble() / std::pow(10.0, double(fraction.size()));
    return seconds;
}

QDateTime parseTimestamp(QStringView text)
{
    static const QRegularExpression re(QStringLiteral(
        R"(^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]\s*|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?\s*$)"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return {};
    const QDate date(m.capturedView(1).toInt(), m.capturedView(2).toInt(), m.capturedView(3).toInt());
    if (!date.isValid())
        return {};
    QTime time(0, 0);
    if (m.capturedLength(4) > 0) {
        int ms = 0;
        const QStringView fraction = m.capturedView(7);
        if (!fraction.isEmpty()) // any number of digits: keep milliseconds
            ms = fraction.left(3).toString().leftJustified(3, u'0').toInt();
        time = QTime(m.capturedView(4).toInt(), m.capturedView(5).toInt(), m.capturedView(6).toInt(), ms);
        if (!time.isValid())
            return {};
    }
    QDateTime result;
    const QStringView zone = m.capturedView(8);
    if (zone.isEmpty()) {
        result = QDateTime(date, time); // local time
    } else if (zone == u"Z" || zone == u"z") {
        result = QDateTime(date, time, Qt::UTC);
    } else {
        const int sign = zone.front() == u'-' ? -1 : 1;
        const QString digits = zone.mid(1).toString().remove(u':');
        const int hours = digits.left(2).toInt();
        const int minutes = digits.size() > 2 ? digits.mid(2, 2).toInt() : 0;
        if (hours > 18 || minutes > 59)
            return {};
        result = QDateTime(date, time, Qt::OffsetFromUTC, sign * (hours * 3600 + minutes * 60));
    }
    if (result.isValid() && result.date() == QDate(1970, 1, 1) && result.time() == QTime(0, 0))
        return {}; // GoogleTest writes the epoch for tests that never ran
    return result;
}

QString joinPath(const QString &parent, const QString &name)
{
    QString path;
    if (parent.isEmpty())
        path = name;
    else if (name.isEmpty())
        path = parent;
    else
        path = parent + QStringLiteral(" / ") + name;
    if (path.size() > InputLimits::ReportPathChars) {
        path.truncate(InputLimits::ReportPathChars);
        if (path.back().isHighSurrogate())
            path.chop(1);
        path.append(QChar(0x2026)); // …
    }
    return path;
}

} // namespace devdash::testresults::ReportValues

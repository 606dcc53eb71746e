#include "Sprints.h"

#include <QJsonArray>
#include <QJsonObject>

namespace devdash::deploy {

SprintCalendar SprintCalendar::cadence(const QDate &start, int lengthDays)
{
    SprintCalendar c;
    c.m_cadenceStart = start;
    c.m_lengthDays = std::max(1, lengthDays);
    return c;
}

Result<SprintCalendar> SprintCalendar::fromJson(const QJsonValue &value)
{
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        const QDate start = QDate::fromString(o.value(QLatin1String("start")).toString(), Qt::ISODate);
        const int length = o.value(QLatin1String("length_days")).toInt(0);
        if (!start.isValid() || length < 1)
            return Error { QStringLiteral("\"sprints\" should be like {\"start\": \"2026-01-05\", "
                                          "\"length_days\": 14} (a date and a whole number of days ≥ 1).") };
        return cadence(start, length);
    }
    if (!value.isArray())
        return Error { QStringLiteral(
            "\"sprints\" should be a cadence {\"start\", \"length_days\"} or a list "
            "of {\"name\", \"start\", \"end\"}.") };
    SprintCalendar c;
    for (const QJsonValue &v : value.toArray()) {
        const QJsonObject o = v.toObject();
        Sprint s;
        s.number = int(c.m_list.size()) + 1;
        s.name = o.value(QLatin1String("name")).toString();
        if (s.name.isEmpty())
            s.name = QStringLiteral("Sprint %1").arg(s.number);
        s.first = QDate::fromString(o.value(QLatin1String("start")).toString(), Qt::ISODate);
        s.last = QDate::fromString(o.value(QLatin1String("end")).toString(), Qt::ISODate);
        if (!s.first.isValid() || !s.last.isValid() || s.last < s.first)
            return Error { QStringLiteral("sprint %1 (\"%2\") needs a \"start\" and an \"end\" date "
                                          "(YYYY-MM-DD, end on or after start).")
                               .arg(s.number)
                               .arg(s.name) };
        c.m_list.append(s);
    }
    return c;
}

std::optional<Sprint> SprintCalendar::sprint(int number) const
{
    if (number < 1)
        return std::nullopt;
    if (isCadence()) {
        Sprint s;
        s.number = number;
        s.name = QStringLiteral("Sprint %1").arg(number);
        s.first = m_cadenceStart.addDays(qint64(number - 1) * m_lengthDays);
        s.last = s.first.addDays(m_lengthDays - 1);
        return s;
    }
    if (number > m_list.size())
        return std::nullopt;
    return m_list.at(number - 1);
}

std::optional<Sprint> SprintCalendar::sprintOf(const QDate &day) const
{
    if (isCadence()) {
        if (day < m_cadenceStart)
            return std::nullopt;
        return sprint(int(m_cadenceStart.daysTo(day) / m_lengthDays) + 1);
    }
    for (const Sprint &s : m_list)
        if (day >= s.first && day <= s.last)
            return s;
    return std::nullopt;
}

QList<Sprint> SprintCalendar::sprintsBetween(const QDate &from, const QDate &to) const
{
    QList<Sprint> out;
    if (isCadence()) {
        int n = from <= m_cadenceStart ? 1 : int(m_cadenceStart.daysTo(from) / m_lengthDays) + 1;
        for (;; ++n) {
            const auto s = sprint(n);
            if (!s || s->first >= to)
                break;
            out.append(*s);
        }
        return out;
    }
    for (const Sprint &s : m_list)
        if (s.first < to && s.last >= from)
            out.append(s);
    return out;
}

} // namespace devdash::deploy

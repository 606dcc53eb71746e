#pragma once

// Sprints: a cadence (start date + length in days, sprint 1 starts on the start
// date) or an explicit list. Sprint N covers [from, to) in UTC, from 00:00 of its
// first day to 00:00 after its last day.

#include "common/Result.h"

#include <QDate>
#include <QDateTime>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace devdash::deploy {

struct Sprint
{
    int number = 0; // 1-based
    QString name; // "Sprint 3", or the configured name
    QDate first; // first day
    QDate last; // last day (inclusive)
    QDateTime from() const { return QDateTime(first, QTime(0, 0), Qt::UTC); }
    QDateTime to() const { return QDateTime(last.addDays(1), QTime(0, 0), Qt::UTC); }
};

class SprintCalendar
{
public:
    // {"start": "2026-01-05", "length_days": 14} or [{"name", "start", "end"}, …].
    static Result<SprintCalendar> fromJson(const QJsonValue &value);
    static SprintCalendar cadence(const QDate &start, int lengthDays);

    bool isEmpty() const { return !m_cadenceStart.isValid() && m_list.isEmpty(); }
    bool isCadence() const { return m_cadenceStart.isValid(); }
    // Sprint `number` (1-based); nullopt when there is none.
    std::optional<Sprint> sprint(int number) const;
    // The sprint containing `day`, if any.
    std::optional<Sprint> sprintOf(const QDate &day) const;
    // Every sprint that overlaps [from, to), in order.
    QList<Sprint> sprintsBetween(const QDate &from, const QDate &to) const;

private:
    QDate m_cadenceStart;
    int m_lengthDays = 0;
    QList<Sprint> m_list;
};

} // namespace devdash::deploy

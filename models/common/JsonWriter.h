#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QString>

namespace devdash::json {

// ISO 8601 with an explicit offset ("2024-03-01T10:20:30+01:00"), as the CLI contract says.
QString isoDateTime(const QDateTime &time);
// Builds a QDateTime from git's (seconds, offset in minutes) pair, keeping the offset.
QDateTime fromGitTime(qint64 secondsSinceEpoch, int offsetMinutes);

QJsonValue nullable(const QString &text);
template<typename T> QJsonValue nullable(const std::optional<T> &value)
{
    return value ? QJsonValue(static_cast<qint64>(*value)) : QJsonValue(QJsonValue::Null);
}

// Writes pretty JSON followed by a newline to standard output.
void print(const QJsonValue &value);

} // namespace devdash::json

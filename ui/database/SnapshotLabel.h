#pragma once

// How a schema snapshot is named on screen: the environment and when it was taken,
// in the user's locale with the relative time ("staging @ 03/12/2026 14:02 (3 days
// ago)"), never the store's internal id.

#include <QDateTime>
#include <QString>

namespace devdash::ui::SnapshotLabel {

// "03/12/2026 14:02 (3 days ago)": the locale's short format and the time since.
QString when(const QDateTime &takenAt, const QDateTime &now = QDateTime::currentDateTime());
// "staging @ 03/12/2026 14:02 (3 days ago)".
QString of(const QString &environment, const QDateTime &takenAt,
    const QDateTime &now = QDateTime::currentDateTime());

} // namespace devdash::ui::SnapshotLabel

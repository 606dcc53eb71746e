#include "SnapshotLabel.h"

#include "common/DisplayTime.h"

#include <QCoreApplication>
#include <QLocale>

namespace devdash::ui::SnapshotLabel {

QString when(const QDateTime &takenAt, const QDateTime &now)
{
    // The window's one time format (relative for a week, then the locale's date and time).
    return DisplayTime::format(takenAt, now.isValid() ? now : DisplayTime::now(), QLocale());
}

QString of(const QString &environment, const QDateTime &takenAt, const QDateTime &now)
{
    return QCoreApplication::translate("SnapshotLabel", "%1 @ %2").arg(environment, when(takenAt, now));
}

} // namespace devdash::ui::SnapshotLabel

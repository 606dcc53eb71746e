#include "SnapshotLabel.h"

#include "git/CommitDetailView.h"

#include <QCoreApplication>
#include <QLocale>

namespace devdash::ui::SnapshotLabel {

QString when(const QDateTime &takenAt, const QDateTime &now)
{
    const QString date = QLocale().toString(takenAt.toLocalTime(), QLocale::ShortFormat);
    return QCoreApplication::translate("SnapshotLabel", "%1 (%2)")
        .arg(date, CommitDetailView::relativeTime(takenAt, now));
}

QString of(const QString &environment, const QDateTime &takenAt, const QDateTime &now)
{
    return QCoreApplication::translate("SnapshotLabel", "%1 @ %2").arg(environment, when(takenAt, now));
}

} // namespace devdash::ui::SnapshotLabel

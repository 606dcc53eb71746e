#include "TestHistoryModel.h"

#include "RunListModel.h"
#include "common/DisplayTime.h"

#include <QLocale>

namespace devdash::testresults {

TestHistoryModel::TestHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void TestHistoryModel::setHistory(const TestHistory &history)
{
    beginResetModel();
    m_history = history;
    m_streakEnd = -1;
    if (m_history.failingSince) {
        for (int row = 0; row < m_history.entries.size(); ++row) {
            if (m_history.entries.at(row).runId == m_history.failingSince->runId) {
                m_streakEnd = row;
                break;
            }
        }
    }
    endResetModel();
}

void TestHistoryModel::clear()
{
    setHistory({});
}

QString TestHistoryModel::streakText() const
{
    if (m_history.entries.isEmpty())
        return tr("No runs of this test");
    if (m_history.age <= 0 || !m_history.failingSince) {
        const HistoryEntry &newest = m_history.entries.constFirst();
        return newest.status == TestStatus::Skipped ? tr("Skipped in the newest run")
                                                    : tr("Passing in the newest run");
    }
    const HistoryEntry &since = *m_history.failingSince;
    return tr("Failing for %n run(s), since run #%1 (%2, %3)", nullptr, m_history.age)
        .arg(since.runId)
        .arg(since.commit.left(8), DisplayTime::format(since.time));
}

int TestHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_history.entries.size());
}

int TestHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TestHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HistoryEntry &entry = m_history.entries.at(index.row());
    switch (role) {
    case RunIdRole:
        return entry.runId;
    case StatusRole:
        return int(entry.status);
    case CommitRole:
        return entry.commit;
    case TimeRole:
        return entry.time;
    case DurationRole:
        return entry.durationS;
    case InStreakRole:
        return index.row() <= m_streakEnd;
    case SortRole:
        switch (index.column()) {
        case StatusColumn:
            return int(entry.status);
        case WhenColumn:
            return entry.time;
        case DurationColumn:
            return std::isnan(entry.durationS) ? -1.0 : entry.durationS;
        case AttemptsColumn:
            return entry.attempts;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::ToolTipRole:
        if (index.column() == WhenColumn)
            return DisplayTime::exact(entry.time);
        return entry.message.isEmpty() ? QVariant() : entry.message;
    case Qt::DisplayRole:
        switch (index.column()) {
        case StatusColumn:
            return entry.flaky ? tr("passed on retry") : statusName(entry.status);
        case WhenColumn:
            return DisplayTime::format(entry.time);
        case CommitColumn:
            return entry.commit.left(8);
        case BranchColumn:
            return entry.branch;
        case DurationColumn:
            return formatDuration(entry.durationS);
        case AttemptsColumn:
            return entry.attempts;
        case MessageColumn:
            return entry.message.section(QLatin1Char('\n'), 0, 0);
        }
        return {};
    }
    return {};
}

QVariant TestHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return {};
    static const char *const names[] = { QT_TR_NOOP("Result"), QT_TR_NOOP("When"), QT_TR_NOOP("Commit"),
        QT_TR_NOOP("Branch"), QT_TR_NOOP("Duration"), QT_TR_NOOP("Attempts"), QT_TR_NOOP("Message") };
    return tr(names[section]);
}

QHash<int, QByteArray> TestHistoryModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(RunIdRole, "runId");
    names.insert(StatusRole, "status");
    names.insert(DurationRole, "duration");
    return names;
}

} // namespace devdash::testresults

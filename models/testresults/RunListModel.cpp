#include "RunListModel.h"

#include "common/CompactNumber.h"

#include "common/DisplayTime.h"

#include <QLocale>
#include <QSet>

namespace devdash::testresults {

QString formatDuration(double seconds)
{
    if (std::isnan(seconds) || seconds < 0)
        return QStringLiteral("—");
    if (seconds < 1)
        return QStringLiteral("%1 ms").arg(qRound(seconds * 1000));
    if (seconds < 60)
        return QStringLiteral("%1 s").arg(seconds, 0, 'f', seconds < 10 ? 2 : 1);
    const qint64 whole = qRound64(seconds);
    if (whole < 3600)
        return QStringLiteral("%1 min %2 s").arg(whole / 60).arg(whole % 60);
    return QStringLiteral("%1 h %2 min").arg(whole / 3600).arg((whole % 3600) / 60);
}

RunListModel::RunListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

TestStatus RunListModel::runStatus(const RunSummary &run)
{
    if (run.counts.errored > 0)
        return TestStatus::Errored;
    if (run.counts.failed > 0)
        return TestStatus::Failed;
    if (run.counts.tests > 0 && run.counts.skipped == run.counts.tests)
        return TestStatus::Skipped;
    return TestStatus::Passed;
}

bool RunListModel::sameContent(const RunSummary &a, const RunSummary &b)
{
    const TestCounts &x = a.counts;
    const TestCounts &y = b.counts;
    return a.commit == b.commit && a.branch == b.branch && a.source == b.source
        && a.importedAt == b.importedAt && x.tests == y.tests && x.passed == y.passed && x.failed == y.failed
        && x.errored == y.errored && x.skipped == y.skipped && x.flaky == y.flaky
        && qFuzzyCompare(1 + x.durationS, 1 + y.durationS);
}

void RunListModel::setRuns(const QList<RunSummary> &newestFirst)
{
    // The fresh query covers the newest rows only: rows older than its oldest run
    // (pages fetched later) are kept, rows within its range that it lacks are gone.
    QSet<qint64> fresh;
    for (const RunSummary &run : newestFirst)
        fresh.insert(run.id);
    int limit = int(m_runs.size());
    if (!newestFirst.isEmpty()) {
        const QDateTime oldest = newestFirst.constLast().importedAt;
        limit = 0;
        while (limit < m_runs.size() && m_runs.at(limit).importedAt >= oldest)
            ++limit;
    }
    for (int row = limit - 1; row >= 0;) {
        if (fresh.contains(m_runs.at(row).id)) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !fresh.contains(m_runs.at(first - 1).id))
            --first;
        beginRemoveRows({}, first, row);
        m_runs.remove(first, row - first + 1);
        endRemoveRows();
        row = first - 1;
    }

    // 2. Insert new runs where they belong and update changed ones; the order of
    //    runs already shown never changes (they are ordered by import time).
    int changedFirst = -1;
    int changedLast = -1;
    for (int i = 0; i < newestFirst.size(); ++i) {
        const RunSummary &run = newestFirst.at(i);
        if (i < m_runs.size() && m_runs.at(i).id == run.id) {
            if (!sameContent(m_runs.at(i), run)) {
                m_runs[i] = run;
                changedFirst = changedFirst < 0 ? i : changedFirst;
                changedLast = i;
            }
            continue;
        }
        // A block of runs that are new here: insert it at once.
        int end = i;
        while (end < newestFirst.size() && rowOfRun(newestFirst.at(end).id) < 0)
            ++end;
        if (end == i) {
            // Out of order (should not happen): fall back to a reset.
            beginResetModel();
            m_runs = newestFirst;
            endResetModel();
            return;
        }
        beginInsertRows({}, i, end - 1);
        for (int k = i; k < end; ++k)
            m_runs.insert(k, newestFirst.at(k));
        endInsertRows();
        i = end - 1;
    }
    if (changedFirst >= 0)
        Q_EMIT dataChanged(index(changedFirst, 0), index(changedLast, ColumnCount - 1));
}

void RunListModel::appendRuns(const QList<RunSummary> &olderRuns, bool hasMore)
{
    m_fetching = false;
    m_hasMore = hasMore;
    QList<RunSummary> added;
    for (const RunSummary &run : olderRuns) {
        if (rowOfRun(run.id) < 0)
            added << run;
    }
    if (added.isEmpty())
        return;
    beginInsertRows({}, m_runs.size(), m_runs.size() + added.size() - 1);
    m_runs << added;
    endInsertRows();
}

void RunListModel::clear()
{
    beginResetModel();
    m_runs.clear();
    m_hasMore = false;
    m_fetching = false;
    endResetModel();
}

int RunListModel::rowOfRun(qint64 runId) const
{
    for (int row = 0; row < m_runs.size(); ++row) {
        if (m_runs.at(row).id == runId)
            return row;
    }
    return -1;
}

const RunSummary *RunListModel::runAt(int row) const
{
    return row >= 0 && row < m_runs.size() ? &m_runs.at(row) : nullptr;
}

int RunListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RunSummary &run = m_runs.at(index.row());
    const TestCounts &c = run.counts;
    switch (role) {
    case RunIdRole:
        return run.id;
    case StatusRole:
        return int(runStatus(run));
    case CommitRole:
        return run.commit;
    case BranchRole:
        return run.branch;
    case SourceRole:
        return run.source;
    case TimeRole:
        return run.importedAt;
    case Qt::ToolTipRole:
        if (index.column() == StatusColumn || index.column() == CommitColumn)
            return tr("Run #%1 — %2 tests on %3 (%4)")
                .arg(run.id)
                .arg(c.tests)
                .arg(run.commit.left(12), run.branch.isEmpty() ? tr("no branch") : run.branch);
        if (index.column() == WhenColumn)
            return DisplayTime::exact(run.importedAt);
        if (index.column() >= PassedColumn && index.column() <= SkippedColumn)
            return tr("%1 passed (%2 flaky), %3 failed, %4 errors, %5 skipped of %6 tests")
                .arg(CompactNumber::exact(c.passed), CompactNumber::exact(c.flaky), CompactNumber::exact(c.failed),
                    CompactNumber::exact(c.errored), CompactNumber::exact(c.skipped), CompactNumber::exact(c.tests));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= PassedColumn && index.column() <= DurationColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case SortRole:
        switch (index.column()) {
        case StatusColumn: // "#10 failed": by run number, as numbers ("#10" after "#9")
            return run.id;
        case PassedColumn:
            return c.passed;
        case FailedColumn:
            return c.failed;
        case ErroredColumn:
            return c.errored;
        case SkippedColumn:
            return c.skipped;
        case DurationColumn:
            return c.durationS;
        case WhenColumn:
            return run.importedAt;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case StatusColumn:
            return c.failed + c.errored > 0 ? tr("#%1 failed").arg(run.id) : tr("#%1 passed").arg(run.id);
        case PassedColumn:
            return c.flaky > 0 ? tr("%1 (%2 flaky)").arg(CompactNumber::format(c.passed), CompactNumber::format(c.flaky))
                               : CompactNumber::format(c.passed);
        // Counts of a thousand and more abbreviate (12.3k) so a narrow column never cuts
        // them; the exact figure is in the tooltip.
        case FailedColumn:
            return c.failed < 1000 ? QVariant(c.failed) : QVariant(CompactNumber::format(c.failed));
        case ErroredColumn:
            return c.errored < 1000 ? QVariant(c.errored) : QVariant(CompactNumber::format(c.errored));
        case SkippedColumn:
            return c.skipped < 1000 ? QVariant(c.skipped) : QVariant(CompactNumber::format(c.skipped));
        case DurationColumn:
            return formatDuration(c.durationS);
        case CommitColumn:
            return run.commit.left(8);
        case BranchColumn:
            return run.branch;
        case SourceColumn:
            return run.source;
        case WhenColumn:
            return DisplayTime::format(run.importedAt);
        }
        return {};
    }
    return {};
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return {};
    static const char *const names[] = { QT_TR_NOOP("Run"), QT_TR_NOOP("Passed"), QT_TR_NOOP("Failed"),
        QT_TR_NOOP("Errors"), QT_TR_NOOP("Skipped"), QT_TR_NOOP("Duration"), QT_TR_NOOP("Commit"),
        QT_TR_NOOP("Branch"), QT_TR_NOOP("Source"), QT_TR_NOOP("When") };
    return tr(names[section]);
}

bool RunListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore && !m_fetching;
}

void RunListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    Q_EMIT moreRequested(int(m_runs.size()));
}

QHash<int, QByteArray> RunListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(RunIdRole, "runId");
    names.insert(StatusRole, "status");
    names.insert(CommitRole, "commit");
    names.insert(BranchRole, "branch");
    names.insert(SourceRole, "source");
    names.insert(TimeRole, "time");
    return names;
}

} // namespace devdash::testresults

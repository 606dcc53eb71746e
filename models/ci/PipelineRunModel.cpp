#include "PipelineRunModel.h"

#include "common/DisplayTime.h"

#include <QSet>

#include <algorithm>

namespace devdash::ci {

namespace {

bool sameTimes(const QDateTime &a, const QDateTime &b)
{
    // Invalid equals invalid; otherwise the instant (zones may differ after a round trip).
    return a.isValid() == b.isValid() && (!a.isValid() || a.toMSecsSinceEpoch() == b.toMSecsSinceEpoch());
}

bool sameSteps(const QList<PipelineStep> &a, const QList<PipelineStep> &b)
{
    return std::equal(
        a.begin(), a.end(), b.begin(), b.end(), [](const PipelineStep &x, const PipelineStep &y) {
            return x.name == y.name && x.status == y.status && sameTimes(x.startedAt, y.startedAt)
                && sameTimes(x.finishedAt, y.finishedAt);
        });
}

bool sameJobs(const QList<PipelineJob> &a, const QList<PipelineJob> &b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const PipelineJob &x, const PipelineJob &y) {
        return x.id == y.id && x.name == y.name && x.status == y.status && x.url == y.url
            && sameTimes(x.startedAt, y.startedAt) && sameTimes(x.finishedAt, y.finishedAt)
            && sameSteps(x.steps, y.steps);
    });
}

bool sameStages(const QList<PipelineStage> &a, const QList<PipelineStage> &b)
{
    return std::equal(
        a.begin(), a.end(), b.begin(), b.end(), [](const PipelineStage &x, const PipelineStage &y) {
            return x.name == y.name && x.status == y.status && sameJobs(x.jobs, y.jobs);
        });
}

} // namespace

PipelineRunModel::PipelineRunModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int PipelineRunModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int PipelineRunModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString PipelineRunModel::formatDuration(double seconds)
{
    if (seconds < 0)
        return {};
    const qint64 s = qint64(seconds + 0.5);
    if (s < 60)
        return QStringLiteral("%1 s").arg(s);
    if (s < 3600)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QVariant PipelineRunModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PipelineRun &run = m_runs.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StatusColumn:
            return runStatusName(run.status);
        case NameColumn: // a run whose details failed to load is marked, not left out
            return run.loadError.isEmpty() ? run.name : run.name + QStringLiteral("  ⚠ details not loaded");
        case BranchColumn:
            return run.branch;
        case CommitColumn:
            return run.commit.left(10);
        case TriggerColumn:
            return run.trigger;
        case StartedColumn:
            return DisplayTime::format(run.startedAt);
        case DurationColumn:
            return formatDuration(run.durationS());
        case ProviderColumn:
            return run.provider;
        }
        return {};
    case Qt::ToolTipRole:
        if (!run.loadError.isEmpty())
            return QStringLiteral("The run's stages and jobs could not be loaded: %1").arg(run.loadError);
        if (index.column() == CommitColumn)
            return run.commit;
        if (index.column() == StartedColumn && run.startedAt.isValid())
            return DisplayTime::exact(run.startedAt);
        if (index.column() == ProviderColumn)
            return run.project;
        return {};
    case SortRole:
        switch (index.column()) {
        case StatusColumn:
            return int(run.status);
        case StartedColumn:
            return run.startedAt.isValid() ? run.startedAt.toMSecsSinceEpoch() : qint64(0);
        case DurationColumn:
            return run.durationS();
        default:
            return data(index, Qt::DisplayRole);
        }
    case RunKeyRole:
        return run.key();
    case StatusRole:
        return int(run.status);
    case StatusNameRole:
        return runStatusName(run.status);
    case CommitRole:
        return run.commit;
    case BranchRole:
        return run.branch;
    case ProviderRole:
        return run.provider;
    case ProjectRole:
        return run.project;
    case StartedRole:
        return run.startedAt;
    case DurationRole:
        return run.durationS();
    case UrlRole:
        return run.url;
    case LoadErrorRole:
        return run.loadError;
    case ActiveRole:
        return isActive(run.status);
    case RunRole:
        return QVariant::fromValue(run);
    }
    return {};
}

QVariant PipelineRunModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StatusColumn:
        return tr("Status");
    case NameColumn:
        return tr("Pipeline");
    case BranchColumn:
        return tr("Branch");
    case CommitColumn:
        return tr("Commit");
    case TriggerColumn:
        return tr("Trigger");
    case StartedColumn:
        return tr("Started");
    case DurationColumn:
        return tr("Duration");
    case ProviderColumn:
        return tr("Provider");
    }
    return {};
}

QHash<int, QByteArray> PipelineRunModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(RunKeyRole, "runKey");
    names.insert(StatusRole, "status");
    names.insert(StatusNameRole, "statusName");
    names.insert(CommitRole, "commit");
    names.insert(BranchRole, "branch");
    names.insert(ProviderRole, "provider");
    names.insert(ProjectRole, "project");
    names.insert(StartedRole, "started");
    names.insert(DurationRole, "duration");
    names.insert(UrlRole, "url");
    names.insert(ActiveRole, "active");
    names.insert(RunRole, "run");
    names.insert(SortRole, "sort");
    return names;
}

bool PipelineRunModel::sameRun(const PipelineRun &a, const PipelineRun &b)
{
    return a.provider == b.provider && a.project == b.project && a.id == b.id && a.name == b.name
        && a.branch == b.branch && a.commit == b.commit && a.status == b.status && a.trigger == b.trigger
        && sameTimes(a.startedAt, b.startedAt) && sameTimes(a.finishedAt, b.finishedAt) && a.url == b.url
        && a.dirty == b.dirty && sameStages(a.stages, b.stages);
}

void PipelineRunModel::updateRuns(const QList<PipelineRun> &runs)
{
    merge(runs, [](const PipelineRun &) { return true; });
}

void PipelineRunModel::updateRuns(
    const QList<PipelineRun> &runs, const QString &provider, const QString &project)
{
    merge(runs, [&](const PipelineRun &run) { return run.provider == provider && run.project == project; });
}

void PipelineRunModel::clear()
{
    beginResetModel();
    m_runs.clear();
    m_rowOfKey.clear();
    m_loaded = false;
    endResetModel();
}

void PipelineRunModel::reindex()
{
    m_rowOfKey.clear();
    m_rowOfKey.reserve(m_runs.size());
    for (int row = 0; row < m_runs.size(); ++row)
        m_rowOfKey.insert(m_runs.at(row).key(), row);
}

void PipelineRunModel::merge(
    const QList<PipelineRun> &runs, const std::function<bool(const PipelineRun &)> &inScope)
{
    if (!m_loaded && m_runs.isEmpty()) {
        // The first load: one reset, nothing to keep.
        beginResetModel();
        m_runs.clear();
        QSet<QString> seen;
        for (const PipelineRun &run : runs)
            if (!seen.contains(run.key())) {
                seen.insert(run.key());
                m_runs.append(run);
            }
        reindex();
        m_loaded = true;
        endResetModel();
        return;
    }
    m_loaded = true;

    // 1. Rows that vanished (in scope, no longer listed): removed bottom-up, contiguous ranges at once.
    QSet<QString> incoming;
    incoming.reserve(runs.size());
    for (const PipelineRun &run : runs)
        incoming.insert(run.key());
    for (int row = int(m_runs.size()) - 1; row >= 0;) {
        const PipelineRun &run = m_runs.at(row);
        if (!inScope(run) || incoming.contains(run.key())) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && inScope(m_runs.at(first - 1)) && !incoming.contains(m_runs.at(first - 1).key()))
            --first;
        beginRemoveRows({}, first, row);
        m_runs.remove(first, row - first + 1);
        endRemoveRows();
        row = first - 1;
    }
    reindex();

    // 2. Changed rows in place; new runs collected for one insertion.
    QList<PipelineRun> added;
    QList<int> changedRows;
    QSet<QString> addedKeys;
    for (const PipelineRun &run : runs) {
        const QString key = run.key();
        const int row = m_rowOfKey.value(key, -1);
        if (row < 0) {
            if (!addedKeys.contains(key)) {
                addedKeys.insert(key);
                added.append(run);
            }
            continue;
        }
        if (!sameRun(m_runs.at(row), run)) {
            m_runs[row] = run;
            changedRows.append(row);
        }
    }
    std::sort(changedRows.begin(), changedRows.end());
    changedRows.erase(std::unique(changedRows.begin(), changedRows.end()), changedRows.end());
    for (int i = 0; i < changedRows.size();) {
        int j = i;
        while (j + 1 < changedRows.size() && changedRows.at(j + 1) == changedRows.at(j) + 1)
            ++j;
        emit dataChanged(index(changedRows.at(i), 0), index(changedRows.at(j), ColumnCount - 1));
        i = j + 1;
    }

    // 3. New runs appended in one batch (views sort through a proxy).
    if (!added.isEmpty()) {
        const int first = int(m_runs.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (PipelineRun &run : added) {
            m_rowOfKey.insert(run.key(), int(m_runs.size()));
            m_runs.append(std::move(run));
        }
        endInsertRows();
    }
}

} // namespace devdash::ci

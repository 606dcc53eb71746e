#include "DeploymentTimelineModel.h"

#include "common/DisplayTime.h"

#include <algorithm>

namespace devdash::deploy {

namespace {

bool sameRow(const DeploymentRow &a, const DeploymentRow &b)
{
    return a.deployment.id == b.deployment.id && a.rollback == b.rollback
        && a.deployment.status == b.deployment.status && a.deployment.at == b.deployment.at
        && a.deployment.commit == b.deployment.commit && a.commitKnown == b.commitKnown;
}

} // namespace

void DeploymentTimelineModel::setRows(const QList<DeploymentRow> &rowsOldestFirst)
{
    QList<DeploymentRow> rows(rowsOldestFirst.crbegin(), rowsOldestFirst.crend());
    // Live data: new deployments arrive at the top; when the old rows are the tail of
    // the new list, insert the new ones and signal only what changed.
    const qsizetype added = rows.size() - m_rows.size();
    bool tail = added >= 0;
    for (qsizetype i = 0; tail && i < m_rows.size(); ++i)
        tail = rows.at(added + i).deployment.id == m_rows.at(i).deployment.id;
    if (!tail) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }
    if (added > 0) {
        beginInsertRows({}, 0, int(added) - 1);
        m_rows = rows.mid(0, added) + m_rows;
        endInsertRows();
    }
    int first = -1, last = -1;
    for (qsizetype i = added; i < rows.size(); ++i) {
        if (!sameRow(rows.at(i), m_rows.at(i))) {
            m_rows[i] = rows.at(i);
            first = first < 0 ? int(i) : first;
            last = int(i);
        }
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

int DeploymentTimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeploymentTimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeploymentTimelineModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const DeploymentRow &row = m_rows.at(index.row());
    const Deployment &d = row.deployment;
    switch (role) {
    case DeploymentIdRole:
        return d.id;
    case StatusRole:
        return int(d.status);
    case RollbackRole:
        return row.rollback;
    case CommitRole:
        return d.commit;
    case TimeRole:
        return d.at;
    case UrlRole:
        return d.url;
    case Qt::ToolTipRole:
        if (index.column() == WhenColumn)
            return DisplayTime::exact(d.at);
        if (row.rollback)
            return tr("Rollback: %1 is older than the commit that ran before.").arg(d.commit.left(10));
        if (!row.commitKnown)
            return tr("Commit %1 is not in this repository (fetch it).").arg(d.commit.left(10));
        return d.url.isEmpty() ? QVariant() : QVariant(d.url);
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case WhenColumn:
            return DisplayTime::format(d.at);
        case EnvironmentColumn:
            return d.environment;
        case StatusColumn:
            return row.rollback ? tr("%1 · rollback").arg(statusName(d.status)) : statusName(d.status);
        case CommitColumn:
            return d.commit.left(10);
        case VersionColumn:
            return d.version;
        case ByColumn:
            return d.by;
        case SourceColumn:
            return d.source;
        case ColumnCount:
            break;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant DeploymentTimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case WhenColumn:
        return tr("When");
    case EnvironmentColumn:
        return tr("Environment");
    case StatusColumn:
        return tr("Status");
    case CommitColumn:
        return tr("Commit");
    case VersionColumn:
        return tr("Version");
    case ByColumn:
        return tr("By");
    case SourceColumn:
        return tr("Source");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace devdash::deploy

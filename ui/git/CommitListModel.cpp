#include "CommitListModel.h"

#include "common/DisplayTime.h"

namespace devdash::ui {

CommitListModel::CommitListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void CommitListModel::setCommits(std::vector<CommitRow> rows, int total)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_total = total < 0 ? int(m_rows.size()) : total;
    endResetModel();
}

int CommitListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CommitListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CommitListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CommitRow &row = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case CommitColumn:
            return row.id.left(7);
        case SummaryColumn:
            return row.summary;
        case AuthorColumn:
            return row.author;
        case DateColumn:
            return DisplayTime::format(row.authoredAt);
        }
        return {};
    case Qt::ToolTipRole:
        return QStringLiteral("%1\n%2\n%3, %4")
            .arg(row.id, row.summary, row.author, DisplayTime::exact(row.authoredAt));
    case CommitIdRole:
        return row.id;
    case SortRole:
        switch (index.column()) {
        case DateColumn:
            return row.authoredAt.toSecsSinceEpoch();
        case CommitColumn:
            return index.row(); // topological order
        default:
            return data(index, Qt::DisplayRole).toString().toLower();
        }
    }
    return {};
}

QVariant CommitListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case CommitColumn:
        return tr("Commit");
    case SummaryColumn:
        return tr("Summary");
    case AuthorColumn:
        return tr("Author");
    case DateColumn:
        return tr("Date");
    }
    return {};
}

} // namespace devdash::ui

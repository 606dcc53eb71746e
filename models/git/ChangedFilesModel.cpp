#include "ChangedFilesModel.h"

namespace devdash::git {

ChangedFilesModel::ChangedFilesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ChangedFilesModel::setChanges(const QList<FileChange> &changes)
{
    beginResetModel();
    m_changes = changes;
    m_additions = 0;
    m_deletions = 0;
    for (const FileChange &change : std::as_const(m_changes)) {
        m_additions += change.additions;
        m_deletions += change.deletions;
    }
    endResetModel();
}

QString ChangedFilesModel::statusLetter(ChangeStatus status)
{
    switch (status) {
    case ChangeStatus::Added:
        return QStringLiteral("A");
    case ChangeStatus::Modified:
        return QStringLiteral("M");
    case ChangeStatus::Deleted:
        return QStringLiteral("D");
    case ChangeStatus::Renamed:
        return QStringLiteral("R");
    case ChangeStatus::Copied:
        return QStringLiteral("C");
    case ChangeStatus::TypeChanged:
        return QStringLiteral("T");
    }
    return QStringLiteral("?");
}

QString ChangedFilesModel::displayPath(const FileChange &change)
{
    const bool moved = (change.status == ChangeStatus::Renamed || change.status == ChangeStatus::Copied)
        && !change.oldPath.isEmpty() && change.oldPath != change.path;
    return moved ? change.oldPath + QStringLiteral(" → ") + change.path : change.path;
}

int ChangedFilesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_changes.size());
}

int ChangedFilesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChangedFilesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FileChange &change = m_changes.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StatusColumn:
            return statusLetter(change.status);
        case PathColumn:
            return displayPath(change);
        case AdditionsColumn:
            return change.binary ? QVariant() : QVariant(change.additions);
        case DeletionsColumn:
            return change.binary ? QVariant() : QVariant(change.deletions);
        }
        return {};
    case Qt::ToolTipRole: {
        QString tip = changeStatusName(change.status) + QStringLiteral(": ") + displayPath(change);
        if (change.tooLarge)
            tip += QStringLiteral("\nFile too large to diff");
        else if (change.binary)
            tip += QStringLiteral("\nBinary file");
        else
            tip += QStringLiteral("\n+%1 −%2 lines").arg(change.additions).arg(change.deletions);
        if (change.similarity > 0 && change.status != ChangeStatus::Modified)
            tip += QStringLiteral("\n%1% similar").arg(change.similarity);
        return tip;
    }
    case Qt::TextAlignmentRole:
        if (index.column() == AdditionsColumn || index.column() == DeletionsColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        if (index.column() == StatusColumn)
            return int(Qt::AlignCenter);
        return {};
    case FileChangeRole:
        return QVariant::fromValue(change);
    case StatusRole:
        return int(change.status);
    case StatusLetterRole:
        return statusLetter(change.status);
    case PathRole:
        return change.path;
    case OldPathRole:
        return change.oldPath;
    case AdditionsRole:
        return change.additions;
    case DeletionsRole:
        return change.deletions;
    case IsBinaryRole:
        return change.binary;
    case IsTooLargeRole:
        return change.tooLarge;
    case SortRole:
        switch (index.column()) {
        case StatusColumn:
            return int(change.status);
        case PathColumn:
            return change.path;
        case AdditionsColumn:
            return change.binary ? -1 : change.additions;
        case DeletionsColumn:
            return change.binary ? -1 : change.deletions;
        }
        return {};
    }
    return {};
}

QVariant ChangedFilesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == StatusColumn)
        return tr("Status");
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StatusColumn:
        return QString(); // a narrow column of status letters; the tooltip names it
    case PathColumn:
        return tr("File");
    case AdditionsColumn:
        return QStringLiteral("+");
    case DeletionsColumn:
        return QStringLiteral("−");
    }
    return {};
}

QHash<int, QByteArray> ChangedFilesModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(FileChangeRole, "fileChange");
    names.insert(StatusRole, "status");
    names.insert(StatusLetterRole, "statusLetter");
    names.insert(PathRole, "path");
    names.insert(OldPathRole, "oldPath");
    names.insert(AdditionsRole, "additions");
    names.insert(DeletionsRole, "deletions");
    names.insert(IsBinaryRole, "binary");
    names.insert(IsTooLargeRole, "tooLarge");
    return names;
}

} // namespace devdash::git

#include "MigrationMatrixModel.h"

namespace devdash::migrations {

MigrationMatrixModel::MigrationMatrixModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void MigrationMatrixModel::setMatrix(const MigrationMatrix &matrix)
{
    const bool sameShape = matrix.refNames() == m_matrix.refNames()
        && matrix.environmentNames() == m_matrix.environmentNames()
        && matrix.rows().size() == m_matrix.rows().size()
        && std::equal(matrix.rows().begin(), matrix.rows().end(), m_matrix.rows().begin(),
            [](const MigrationMatrix::Row &a, const MigrationMatrix::Row &b) { return a.key == b.key; });
    if (!sameShape) {
        beginResetModel();
        m_matrix = matrix;
        endResetModel();
        return;
    }
    const MigrationMatrix old = m_matrix;
    m_matrix = matrix;
    for (int r = 0; r < m_matrix.rows().size(); ++r) {
        const auto &a = old.rows().at(r);
        const auto &b = m_matrix.rows().at(r);
        if (a.inRef != b.inRef || a.states != b.states || a.description != b.description)
            Q_EMIT dataChanged(index(r, 0), index(r, columnCount() - 1));
    }
    if (old.environmentErrors() != m_matrix.environmentErrors())
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
}

MigrationMatrixModel::ColumnKind MigrationMatrixModel::columnKind(int column) const
{
    if (column == 0)
        return ColumnKind::Migration;
    return column <= m_matrix.refNames().size() ? ColumnKind::Ref : ColumnKind::Environment;
}

int MigrationMatrixModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_matrix.rows().size());
}

int MigrationMatrixModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(1 + m_matrix.refNames().size() + m_matrix.environmentNames().size());
}

QVariant MigrationMatrixModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MigrationMatrix::Row &row = m_matrix.rows().at(index.row());
    const ColumnKind kind = columnKind(index.column());
    const int ref = index.column() - 1;
    const int env = index.column() - 1 - int(m_matrix.refNames().size());
    switch (role) {
    case KeyRole:
        return row.key;
    case VersionRole:
        return row.version;
    case ColumnKindRole:
        return int(kind);
    case InRefRole:
        return kind == ColumnKind::Ref ? QVariant(row.inRef.at(ref)) : QVariant();
    case StateRole:
        return kind == ColumnKind::Environment && row.states.at(env) ? QVariant(int(*row.states.at(env)))
                                                                     : QVariant();
    case StateNameRole:
        return kind == ColumnKind::Environment && row.states.at(env) ? migrationStateName(*row.states.at(env))
                                                                     : QString();
    case ErrorRole:
        return kind == ColumnKind::Environment ? m_matrix.environmentErrors().at(env) : QString();
    case Qt::DisplayRole:
        if (kind == ColumnKind::Migration)
            return row.description.isEmpty() ? row.version
                                             : row.version + QStringLiteral("  ") + row.description;
        if (kind == ColumnKind::Ref)
            return row.inRef.at(ref) ? QStringLiteral("✓") : QString();
        return row.states.at(env)
            ? migrationStateName(*row.states.at(env)).replace(QLatin1Char('_'), QLatin1Char(' '))
            : QStringLiteral("?");
    case Qt::ToolTipRole:
        return kind == ColumnKind::Environment ? m_matrix.environmentErrors().at(env) : row.key;
    }
    return {};
}

QVariant MigrationMatrixModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    const ColumnKind kind = columnKind(section);
    if (role == ColumnKindRole)
        return int(kind);
    if (role == ErrorRole || role == Qt::ToolTipRole)
        return kind == ColumnKind::Environment
            ? m_matrix.environmentErrors().at(section - 1 - m_matrix.refNames().size())
            : QString();
    if (role != Qt::DisplayRole)
        return {};
    if (kind == ColumnKind::Migration)
        return tr("Migration");
    if (kind == ColumnKind::Ref)
        return m_matrix.refNames().at(section - 1);
    return m_matrix.environmentNames().at(section - 1 - m_matrix.refNames().size());
}

QHash<int, QByteArray> MigrationMatrixModel::roleNames() const
{
    auto names = QAbstractTableModel::roleNames();
    names.insert({ { KeyRole, "key" }, { VersionRole, "version" }, { ColumnKindRole, "columnKind" },
        { InRefRole, "inRef" }, { StateRole, "state" }, { StateNameRole, "stateName" },
        { ErrorRole, "error" } });
    return names;
}

} // namespace devdash::migrations

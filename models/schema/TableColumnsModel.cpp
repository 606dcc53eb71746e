#include "TableColumnsModel.h"

namespace devdash::schema {

TableColumnsModel::TableColumnsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

QList<TableColumnsModel::Markers> TableColumnsModel::markersOf(const Table &table)
{
    QList<Markers> markers(table.columns.size());
    auto columnRow = [&table](const QString &name) {
        for (int i = 0; i < table.columns.size(); ++i)
            if (table.columns.at(i).name == name)
                return i;
        return -1;
    };
    for (int k = 0; k < table.primaryKey.size(); ++k)
        if (const int row = columnRow(table.primaryKey.at(k)); row >= 0)
            markers[row].pkPosition = k + 1;
    for (const ForeignKey &fk : table.foreignKeys) {
        for (int k = 0; k < fk.columns.size(); ++k) {
            const int row = columnRow(fk.columns.at(k));
            if (row < 0)
                continue;
            markers[row].foreign = true;
            if (markers[row].references.isEmpty())
                markers[row].references = fk.refSchema + QLatin1Char('.') + fk.refTable + QLatin1Char('.')
                    + fk.refColumns.value(k);
        }
    }
    for (const UniqueConstraint &unique : table.uniques)
        if (unique.columns.size() == 1)
            if (const int row = columnRow(unique.columns.constFirst()); row >= 0)
                markers[row].unique = true;
    for (const Index &index : table.indexes) {
        if (index.columns.isEmpty())
            continue;
        const int row = columnRow(index.columns.constFirst());
        if (row < 0)
            continue;
        markers[row].indexed = true;
        if (index.unique && !index.primary && index.columns.size() == 1 && index.predicate.isEmpty())
            markers[row].unique = true;
    }
    return markers;
}

void TableColumnsModel::setTable(const Table &table)
{
    const bool sameTable = table.schema == m_table.schema && table.name == m_table.name
        && !m_table.columns.isEmpty() && !table.columns.isEmpty();
    if (!sameTable) {
        beginResetModel();
        m_table = table;
        m_markers = markersOf(m_table);
        endResetModel();
        return;
    }
    // The same table re-inspected: shared rows change in place, the tail grows or shrinks.
    const int oldCount = int(m_table.columns.size());
    const int newCount = int(table.columns.size());
    if (newCount < oldCount) {
        beginRemoveRows({}, newCount, oldCount - 1);
        m_table.columns.resize(newCount);
        m_markers.resize(newCount);
        endRemoveRows();
    }
    const Table old = m_table;
    const QList<Markers> oldMarkers = m_markers;
    if (newCount > oldCount) {
        beginInsertRows({}, oldCount, newCount - 1);
        m_table = table;
        m_markers = markersOf(m_table);
        endInsertRows();
    } else {
        m_table = table;
        m_markers = markersOf(m_table);
    }
    int first = -1, last = -1;
    for (int row = 0; row < std::min(oldCount, newCount); ++row) {
        const schema::Column &a = old.columns.at(row);
        const schema::Column &b = m_table.columns.at(row);
        const Markers &ma = oldMarkers.at(row);
        const Markers &mb = m_markers.at(row);
        const bool changed = a.name != b.name || a.type != b.type || a.nullable != b.nullable
            || a.defaultValue != b.defaultValue || a.generated != b.generated || a.comment != b.comment
            || ma.pkPosition != mb.pkPosition || ma.foreign != mb.foreign || ma.references != mb.references
            || ma.unique != mb.unique || ma.indexed != mb.indexed;
        if (changed) {
            if (first < 0)
                first = row;
            last = row;
        }
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

void TableColumnsModel::clear()
{
    beginResetModel();
    m_table = {};
    m_markers.clear();
    endResetModel();
}

int TableColumnsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_table.columns.size());
}

int TableColumnsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString TableColumnsModel::keyText(const Markers &m) const
{
    QStringList parts;
    if (m.pkPosition > 0)
        parts << QStringLiteral("PK");
    if (m.foreign)
        parts << QStringLiteral("FK");
    if (parts.isEmpty() && m.unique)
        parts << QStringLiteral("UQ");
    return parts.join(QLatin1Char(' '));
}

QVariant TableColumnsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const schema::Column &c = m_table.columns.at(index.row());
    const Markers &m = m_markers.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn:
            return keyText(m);
        case NameColumn:
            return c.name;
        case TypeColumn:
            return c.type;
        case NullableColumn:
            return c.nullable ? tr("yes") : tr("no");
        case DefaultColumn:
            return c.defaultValue.value_or(QString());
        case GeneratedColumn:
            return c.generated;
        case CommentColumn:
            return c.comment;
        default:
            return {};
        }
    case Qt::ToolTipRole: {
        QStringList lines;
        if (m.pkPosition > 0)
            lines << tr("Primary key (position %1)").arg(m.pkPosition);
        if (m.foreign)
            lines << tr("References %1").arg(m.references);
        if (m.unique)
            lines << tr("Unique");
        if (!c.comment.isEmpty())
            lines << c.comment;
        return lines.isEmpty() ? QVariant() : QVariant(lines.join(QLatin1Char('\n')));
    }
    case ColumnNameRole:
        return c.name;
    case TypeRole:
        return c.type;
    case NullableRole:
        return c.nullable;
    case DefaultRole:
        return c.defaultValue ? QVariant(*c.defaultValue) : QVariant();
    case GeneratedRole:
        return c.generated;
    case CommentRole:
        return c.comment;
    case PrimaryKeyRole:
        return m.pkPosition > 0;
    case PrimaryKeyPositionRole:
        return m.pkPosition;
    case ForeignKeyRole:
        return m.foreign;
    case ReferencesRole:
        return m.references;
    case UniqueRole:
        return m.unique;
    case IndexedRole:
        return m.indexed;
    case SortRole:
        switch (index.column()) {
        case KeyColumn:
            return (m.pkPosition > 0 ? 4 : 0) + (m.foreign ? 2 : 0) + (m.unique ? 1 : 0);
        case NameColumn:
            return index.row(); // column order
        case NullableColumn:
            return c.nullable;
        default:
            return data(index, Qt::DisplayRole).toString().toLower();
        }
    default:
        return {};
    }
}

QVariant TableColumnsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case NameColumn:
        return tr("Name");
    case TypeColumn:
        return tr("Type");
    case NullableColumn:
        return tr("Nullable");
    case DefaultColumn:
        return tr("Default");
    case GeneratedColumn:
        return tr("Generated");
    case CommentColumn:
        return tr("Comment");
    default:
        return {};
    }
}

QHash<int, QByteArray> TableColumnsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(ColumnNameRole, "columnName");
    names.insert(TypeRole, "type");
    names.insert(NullableRole, "nullable");
    names.insert(DefaultRole, "default");
    names.insert(GeneratedRole, "generated");
    names.insert(CommentRole, "comment");
    names.insert(PrimaryKeyRole, "primaryKey");
    names.insert(PrimaryKeyPositionRole, "primaryKeyPosition");
    names.insert(ForeignKeyRole, "foreignKey");
    names.insert(ReferencesRole, "references");
    names.insert(UniqueRole, "unique");
    names.insert(IndexedRole, "indexed");
    names.insert(SortRole, "sort");
    return names;
}

} // namespace devdash::schema

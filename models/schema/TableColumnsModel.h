#pragma once

// The columns of one table (or view) for the Database page's Columns tab: key
// markers, name, type, nullable, default, generated, comment. Re-inspecting the
// same table updates the rows in place (dataChanged, inserts and removals at the
// end) so that the selection stays; another table resets the model.

#include "SchemaCatalog.h"

#include <QAbstractTableModel>

namespace devdash::schema {

class TableColumnsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        KeyColumn, // "PK", "FK", "PK FK"
        NameColumn,
        TypeColumn,
        NullableColumn,
        DefaultColumn,
        GeneratedColumn,
        CommentColumn,
        ColumnCount
    };
    enum Role {
        ColumnNameRole = Qt::UserRole + 1,
        TypeRole,
        NullableRole, // bool
        DefaultRole, // QString; null QVariant when the column has no default
        GeneratedRole, // the generation expression; empty when not generated
        CommentRole,
        PrimaryKeyRole, // bool
        PrimaryKeyPositionRole, // 1-based position in the key; 0 when not in it
        ForeignKeyRole, // bool: part of a foreign key
        ReferencesRole, // "schema.table.column" the column references (first FK); empty otherwise
        UniqueRole, // bool: alone in a unique constraint or unique index
        IndexedRole, // bool: leads an index
        SortRole,
    };
    Q_ENUM(Role)

    explicit TableColumnsModel(QObject *parent = nullptr);

    void setTable(const Table &table);
    void clear();
    const Table &table() const { return m_table; }
    bool isEmpty() const { return m_table.columns.isEmpty(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Markers
    {
        int pkPosition = 0;
        bool foreign = false;
        QString references;
        bool unique = false;
        bool indexed = false;
    };
    static QList<Markers> markersOf(const Table &table);
    QString keyText(const Markers &m) const;

    Table m_table;
    QList<Markers> m_markers; // per column
};

} // namespace devdash::schema

#pragma once

// The migration matrix as a table: one row per migration; a "Migration" column, then
// one column per ref of the repository (does the branch carry it?), then one per
// environment (its state there).

#include "MigrationMatrix.h"

#include <QAbstractTableModel>

namespace devdash::migrations {

class MigrationMatrixModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class ColumnKind { Migration, Ref, Environment };
    enum Role {
        KeyRole = Qt::UserRole + 1, // QString
        VersionRole, // QString
        ColumnKindRole, // int (ColumnKind), on cells and on the horizontal header
        InRefRole, // bool, ref columns
        StateRole, // int (MigrationState), environment columns; invalid when unreadable
        StateNameRole, // QString, environment columns
        ErrorRole, // QString, environment columns and header: why it could not be read
    };
    Q_ENUM(Role)

    explicit MigrationMatrixModel(QObject *parent = nullptr);

    // Same refs and environments as before: changed cells get dataChanged; otherwise a reset
    // (the columns themselves changed).
    void setMatrix(const MigrationMatrix &matrix);
    const MigrationMatrix &matrix() const { return m_matrix; }
    ColumnKind columnKind(int column) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    MigrationMatrix m_matrix;
};

} // namespace devdash::migrations

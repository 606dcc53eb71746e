#pragma once

// One database's migrations with their states (the Database page's migration list).
// Refreshes keep the view: rows whose key sequence is unchanged get dataChanged only for
// what changed; new or removed migrations are inserted or removed, not reset.

#include "Migration.h"

#include <QAbstractTableModel>

namespace devdash::migrations {

class MigrationListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        VersionColumn,
        DescriptionColumn,
        StateColumn,
        AppliedAtColumn,
        AppliedByColumn,
        DurationColumn,
        ChecksumColumn,
        ColumnCount
    };
    enum Role {
        KeyRole = Qt::UserRole + 1,
        VersionRole, // QString
        DescriptionRole, // QString
        StateRole, // int (MigrationState)
        StateNameRole, // QString "checksum_mismatch"
        AppliedAtRole, // QDateTime (UTC), invalid when not applied
        AppliedByRole, // QString
        DurationMsRole, // qint64, invalid when unknown
        ChecksumRole, // QString, the history's
        FileChecksumRole, // QString, the file's
        PathRole, // QString, the file's path at the ref
        KindRole, // QString "versioned" | "repeatable" | "baseline" | "undo"
    };
    Q_ENUM(Role)

    explicit MigrationListModel(QObject *parent = nullptr);

    void setEntries(const QList<MigrationEntry> &entries);
    const QList<MigrationEntry> &entries() const { return m_entries; }
    int rowOfKey(const QString &key) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QList<MigrationEntry> m_entries;
};

} // namespace devdash::migrations

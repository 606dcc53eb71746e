#pragma once

// The files a commit or a comparison changed, as a table for a view: path (with
// "old → new" for renames), status, additions, deletions and binary/too-large flags.
// Sorting and filtering belong to a QSortFilterProxyModel (SortRole gives the keys).

#include "CommitDiff.h"

#include <QAbstractTableModel>

namespace devdash::git {

class ChangedFilesModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { StatusColumn, PathColumn, AdditionsColumn, DeletionsColumn, ColumnCount };
    enum Role {
        FileChangeRole = Qt::UserRole + 1, // the whole FileChange
        StatusRole, // ChangeStatus as int
        StatusLetterRole, // "A", "M", "D", "R", "C", "T"
        PathRole, // new path (old path for deletions)
        OldPathRole,
        AdditionsRole,
        DeletionsRole,
        IsBinaryRole,
        IsTooLargeRole,
        SortRole,
    };
    Q_ENUM(Role)

    explicit ChangedFilesModel(QObject *parent = nullptr);

    void setChanges(const QList<FileChange> &changes);
    void clear() { setChanges({}); }
    const QList<FileChange> &changes() const { return m_changes; }
    FileChange changeAt(int row) const { return m_changes.value(row); }
    int totalAdditions() const { return m_additions; }
    int totalDeletions() const { return m_deletions; }

    static QString statusLetter(ChangeStatus status);
    // "src/a.cpp", or "old/a.cpp → src/a.cpp" for renames and copies.
    static QString displayPath(const FileChange &change);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QList<FileChange> m_changes;
    int m_additions = 0;
    int m_deletions = 0;
};

} // namespace devdash::git

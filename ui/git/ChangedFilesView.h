#pragma once

// The files of a change set in a sortable list: a coloured status letter, the path
// (old → new for renames), +/− counts and "binary" / "too large" badges.

#include "git/CommitDiff.h"

#include <QTreeView>

class QSortFilterProxyModel;

namespace devdash::git {
class ChangedFilesModel;
}

namespace devdash::ui {

class ChangedFilesView final : public QTreeView
{
    Q_OBJECT
public:
    explicit ChangedFilesView(QWidget *parent = nullptr);

    void setChanges(const QList<git::FileChange> &changes);
    git::ChangedFilesModel *filesModel() const { return m_model; }
    QSortFilterProxyModel *proxyModel() const { return m_proxy; }
    std::optional<git::FileChange> currentChange() const;
    // Selects the file with this path (or the first file); returns false when empty.
    bool selectPath(const QString &path);

Q_SIGNALS:
    void fileSelected(const git::FileChange &change);

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    git::ChangedFilesModel *m_model;
    QSortFilterProxyModel *m_proxy;
};

} // namespace devdash::ui

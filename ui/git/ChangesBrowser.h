#pragma once

// The files of one change set (a commit against its first parent, or a comparison's
// merge base against its other side) and the diff of the selected file. Owns the
// two widgets; the page lays them out. Only the selected file's patch is loaded, on
// a worker, so a 10,000-file commit stays responsive.

#include "git/CommitDiff.h"

#include <QObject>
#include <QPointer>

class QLabel;
class QWidget;

namespace devdash {
class JobTracker;
}

namespace devdash::ui {

class ChangedFilesView;
class DiffView;

class ChangesBrowser final : public QObject
{
    Q_OBJECT
public:
    ChangesBrowser(JobTracker *jobs, QWidget *parent);

    // The list with its "N files changed, +a −d" caption.
    QWidget *filesWidget() const { return m_filesWidget; }
    ChangedFilesView *filesView() const { return m_files; }
    DiffView *diffView() const { return m_diff; }

    // `from` null: the empty tree (a root commit).
    void setChanges(
        const QString &repoPath, const git_oid &from, const git_oid &to, const QList<git::FileChange> &files);
    // The uncommitted changes (work tree and index against HEAD, `head` null: none yet).
    void setWorkingTreeChanges(
        const QString &repoPath, const git_oid &head, const QList<git::FileChange> &files);
    void clear(const QString &message = {});
    // A line under the count that says which change set this is (rich text).
    void setNote(const QString &html);
    QString captionText() const;
    // The list is shown and the selected file's patch (if any) has arrived.
    bool isReady() const { return m_ready; }
    int fileCount() const;

Q_SIGNALS:
    void readyChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setChangeSet(const QString &repoPath, const git_oid &from, const git_oid &to, bool workTree,
        const QList<git::FileChange> &files);
    void loadPatch(const git::FileChange &change);
    void setReady(bool ready);
    void updateCaption();

    QPointer<JobTracker> m_jobs;
    QWidget *m_filesWidget;
    QLabel *m_caption;
    ChangedFilesView *m_files;
    DiffView *m_diff;
    QString m_repoPath;
    QString m_note;
    git_oid m_from {};
    git_oid m_to {};
    bool m_workTree = false; // m_to is the work tree, not a commit
    quint64 m_generation = 0;
    bool m_ready = false;
    QString m_lastPath; // keep the same file selected when moving between commits
};

} // namespace devdash::ui

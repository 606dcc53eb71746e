#pragma once

// One commit in full: id (selectable, copyable), author and committer with dates,
// the whole message, parents as links, the changed files and the diff of the selected
// file. Details are read on a worker; a newer selection drops older results.

#include <QPointer>

#include <QWidget>
#include <memory>
#include <optional>

#include <git2/oid.h>

class QSplitter;
class QTextBrowser;
class QUrl;

namespace devdash {
class JobTracker;
}
namespace devdash::git {
struct CommitDetails;
struct WorkingTreeState;
}

namespace devdash::ui {

class ChangesBrowser;

class CommitDetailView final : public QWidget
{
    Q_OBJECT
public:
    explicit CommitDetailView(JobTracker *jobs, QWidget *parent = nullptr);
    ~CommitDetailView() override;

    void setRepository(const QString &path);
    void showCommit(const QString &commitId);
    void clear(const QString &message = {});
    // The uncommitted changes instead of a commit (History's row above the commits).
    void showWorkingTree(const git::WorkingTreeState &state);
    bool showsWorkingTree() const { return m_workTree.has_value(); }

    QString commitId() const { return m_commitId; }
    bool isReady() const;
    ChangesBrowser *changes() const { return m_changes; }
    QString headerText() const; // plain text of the header (tests)

    QByteArray saveState() const;
    void restoreState(const QByteArray &state);

Q_SIGNALS:
    void commitLinkActivated(const QString &commitId);
    void readyChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    void showDetails(const git::CommitDetails &details);
    void renderHeader();
    void onLink(const QUrl &url);

    QPointer<JobTracker> m_jobs;
    QSplitter *m_split;
    QSplitter *m_leftSplit;
    QTextBrowser *m_header;
    ChangesBrowser *m_changes;
    std::unique_ptr<git::CommitDetails> m_shown; // without its files (the list holds them)
    QString m_message; // shown instead when no commit is
    std::optional<std::pair<std::optional<git_oid>, int>> m_workTree; // HEAD and file count, when shown
    QString m_repoPath;
    QString m_commitId;
    quint64 m_generation = 0;
    bool m_detailsLoaded = false;
};

} // namespace devdash::ui

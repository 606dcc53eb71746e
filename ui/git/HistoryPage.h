#pragma once

// The history of a scope (current branch, all refs, any ref) as a graph table that
// loads as the user scrolls, a search over the whole scope, and the selected
// commit's details below. Refs changing on disk reload it in place: the selected
// commit and the scroll position survive.

#include "common/Page.h"

#include "common/CancelToken.h"
#include "git/HistorySession.h"

class QFrame;
class QLabel;
class QLineEdit;
class QSplitter;
class QTimer;
class QToolButton;
class QTableView;
class QAbstractItemModel;

namespace devdash::git {
class CommitSearchModel;
class HistoryModel;
} // namespace devdash::git

namespace devdash::ui {

class CommitDetailView;
class GraphDelegate;
class CommitTestBadges;
class CommitPipelineBadges;
class ScopeSelector;
class UncommittedRow;
class Workspace;

class HistoryPage final : public Page
{
    Q_OBJECT
public:
    CommitPipelineBadges *pipelineBadges() const { return m_pipelineBadges; }
    explicit HistoryPage(Workspace *workspace, QWidget *parent = nullptr);
    ~HistoryPage() override;

    QString name() const override { return QStringLiteral("history"); }
    QString title() const override { return tr("History"); }
    QIcon icon() const override;
    void setRepository(const QString &path) override;
    void refresh() override;
    bool isReady() const override;
    QByteArray saveState() const override;
    void restoreState(const QByteArray &state) override;

    // Shows the history of `ref` (empty: the current branch); with a commit, as showCommit().
    void showRef(const QString &ref, const QString &commitId = {});
    void showAll();
    // A link to a commit (full or abbreviated id): selects and scrolls to it in the
    // history of `ref` (empty: the scope shown), loading rows up to it; in "All refs"
    // when that history does not contain it, which the status bar says.
    void showCommit(const QString &commitId, const QString &ref = {});
    // Selects a commit of the graph, fetching rows until it appears.
    void selectCommit(const QString &commitId);
    void search(const QString &text);
    void exitSearch();

    bool isSearching() const { return m_searching; }
    QString selectedCommit() const;
    git::HistoryScope scope() const;
    git::HistoryModel *historyModel() const { return m_history; }
    git::CommitSearchModel *searchModel() const { return m_search; }
    QTableView *view() const { return m_view; }
    CommitDetailView *detail() const { return m_detail; }
    GraphDelegate *graphDelegate() const { return m_delegate; }
    QLineEdit *searchField() const { return m_searchField; }
    UncommittedRow *uncommittedRow() const { return m_uncommitted; }
    // Chooses the "Uncommitted changes" row (when there is one).
    void showUncommittedChanges();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void openScope(const git::HistoryScope &scope, const QString &selectAfter = {});
    void useModel(QAbstractItemModel *model);
    void onCurrentChanged();
    void setPendingCommit(const QString &commitId, bool knownInScope);
    void tryPendingSelection();
    void selectRow(int row);
    void endFind();
    QString scopeName(const git::HistoryScope &scope) const;
    void updateGraphWidth();
    void updateSearchBar();
    void showContextMenu(const QPoint &pos);
    void copyCommitId();
    void requestTestBadges(int first, int last);
    void requestPipelineBadges();
    void onOpened();
    void onReloaded();
    void onSearchFinished(const QString &error);

    Workspace *m_workspace;
    git::HistoryModel *m_history;
    git::CommitSearchModel *m_search;
    GraphDelegate *m_delegate;
    CommitTestBadges *m_testBadges; // the test badge of commits with runs
    CommitPipelineBadges *m_pipelineBadges = nullptr; // the pipeline status dot of commits with runs
    ScopeSelector *m_scopeBox;
    QLineEdit *m_searchField;
    QFrame *m_searchBar;
    QLabel *m_searchLabel;
    QLabel *m_errorLabel;
    QTableView *m_view;
    UncommittedRow *m_uncommitted;
    CommitDetailView *m_detail;
    QSplitter *m_split;
    QTimer *m_selectionDelay;
    QAction *m_searchIcon;
    QString m_repoPath;
    QString m_pendingCommit; // select when its row arrives
    bool m_pendingInScope = false; // known to be in the scope: load as far as it takes
    int m_pendingScanned = 0; // rows already looked through for it
    int m_findJob = 0; // "Loading history up to …" in the status bar, Esc stops it
    CancelToken m_findCancel;
    quint64 m_locateGeneration = 0;
    bool m_locating = false;
    bool m_scrollOnShow = false; // selected while hidden: centre it once the view has its size
    QString m_reloadTopCommit;
    int m_graphWidthByUser = 0; // the graph column's width the user chose; 0: automatic
    bool m_sizingGraph = false; // the page resizes the graph column itself
    bool m_searching = false;
    bool m_searchDone = false;
    int m_fetchAttempts = 0;
};

} // namespace devdash::ui

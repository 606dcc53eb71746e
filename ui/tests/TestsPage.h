#pragma once

// The Tests page: the runs of the repository (live: new runs are merged in), a
// run's suites → cases with filters and the selected case's failure, a comparison
// with any run or the base branch's latest, one test's history, trends and flaky
// tests. Every query runs on a worker with its own store connection; the page
// never waits on the database.

#include "common/Page.h"

#include "store/StoreLocation.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTableView;
class QTimer;
class QTreeView;

namespace devdash::testresults {
class RunListModel;
class RunTreeModel;
struct RunSummary;
} // namespace devdash::testresults

namespace devdash::ui {

class ReportAutoImport;

class ComparisonView;
class FlakyView;
class RunDetailView;
class TestHistoryView;
class TrendsView;
class Workspace;

class TestsPage final : public Page
{
    Q_OBJECT
public:
    enum Tab { RunsTab, CompareTab, HistoryTab, TrendsTab, FlakyTab };

    explicit TestsPage(Workspace *workspace, QWidget *parent = nullptr);
    ~TestsPage() override;

    QString name() const override { return QStringLiteral("tests"); }
    QString title() const override { return tr("Tests"); }
    QIcon icon() const override;
    void setRepository(const QString &path) override;
    void refresh() override;
    bool isReady() const override;
    QByteArray saveState() const override;
    void restoreState(const QByteArray &state) override;

    // Imports files or folders as one run of `commit` filed under `branch` (no
    // commit: HEAD and the current branch), then shows it.
    void importReports(const QStringList &paths, const QString &commit = {}, const QString &branch = {});
    // Shows the commit and branch the run will be filed under (editable), then imports.
    void importReportsAsking(const QStringList &paths);
    // Asks for files, then for the commit, then imports them.
    void chooseAndImport();
    // Deletes a run from the store (the context menu asks first).
    void deleteRun(qint64 runId);
    // Opens `file:line` of a report in the user's editor, when it is inside the repository.
    void openSource(const QString &file, int line);
    // The repository's top folder: `file:line` references resolve inside it only.
    QString repositoryRoot() const;

    void selectRun(qint64 runId);
    qint64 selectedRunId() const;
    void setBranchFilter(const QString &branch); // empty: every branch
    // Compares the selected run with `baseRunId` (0: the base branch's latest run).
    void compareWith(qint64 baseRunId);
    void showTestHistory(const QString &testKey);
    void showTab(Tab tab);
    // "runs", "compare", "history", "trends" or "flaky" (screenshots: `--page tests/trends`).
    Q_INVOKABLE bool showSubView(const QString &name);
    // The branch "compare with the base branch" uses.
    QString baseBranch() const;

    testresults::RunListModel *runsModel() const { return m_runs; }
    QTableView *runsView() const { return m_runsView; }
    testresults::RunTreeModel *treeModel() const { return m_tree; }
    QSortFilterProxyModel *treeProxy() const { return m_treeProxy; }
    QTreeView *treeView() const { return m_treeView; }
    QCheckBox *failedOnlyBox() const { return m_failedOnly; }
    QLineEdit *filterField() const { return m_filter; }
    RunDetailView *detailView() const { return m_detail; }
    ComparisonView *comparisonView() const { return m_compare; }
    TestHistoryView *historyView() const { return m_history; }
    TrendsView *trendsView() const { return m_trends; }
    FlakyView *flakyView() const { return m_flaky; }
    QTabWidget *tabs() const { return m_tabs; }
    QString errorText() const;

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    template<typename T, typename Query, typename Done>
    void query(const QString &title, Query work, Done done);

    void loadRuns();
    void loadMoreRuns(int offset);
    void loadRun(qint64 runId);
    void loadComparison();
    void loadTrends();
    void loadFlaky();
    void onRunSelected();
    void onCaseSelected();
    void onTabChanged(int tab);
    void updateBranchBox(const QList<testresults::RunSummary> &runs);
    void applyTreeFilter();
    void showError(const QString &message);

    Workspace *m_workspace;
    store::StoreLocation m_location;
    QString m_locationError;
    QString m_repoPath;
    QString m_repoKey;
    quint64 m_generation = 0;
    int m_pending = 0;
    bool m_runsLoaded = false;
    qint64 m_shownRun = 0; // the run the tree shows
    qint64 m_wantedRun = 0; // select when it appears
    bool m_comparisonStale = true;
    bool m_trendsStale = true;
    bool m_flakyStale = true;

    testresults::RunListModel *m_runs;
    QSortFilterProxyModel *m_runsProxy;
    testresults::RunTreeModel *m_tree;
    QSortFilterProxyModel *m_treeProxy;
    QComboBox *m_branchBox;
    QLabel *m_errorLabel;
    QTabWidget *m_tabs;
    QTableView *m_runsView;
    QTreeView *m_treeView;
    QCheckBox *m_failedOnly;
    QLineEdit *m_filter;
    RunDetailView *m_detail;
    ReportAutoImport *m_autoImport; // .devdash.json report globs, watched
    QSplitter *m_runsSplit;
    QSplitter *m_treeSplit;
    ComparisonView *m_compare;
    TestHistoryView *m_history;
    TrendsView *m_trends;
    FlakyView *m_flaky;
    QTimer *m_poll;
};

} // namespace devdash::ui

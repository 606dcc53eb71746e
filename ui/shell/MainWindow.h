#pragma once

// The DevDash window: a sidebar of pages (Branches, History, Compare; later Tests,
// Builds, Databases, Deployments through the same Page interface), the repository in
// the toolbar, running jobs in the status bar, and clear panels instead of pages when
// there is no repository, it cannot be opened, or it has no commits yet.

#include "common/JobTracker.h"

#include <QMainWindow>

#include <memory>

class QActionGroup;
class QLabel;
class QListWidget;
class QMenu;
class QSplitter;
class QStackedWidget;
class QTemporaryDir;

namespace devdash::ui {

class BranchesPage;
class ComparePage;
class DatabasePage;
class DeploymentsPage;
class PipelinesPage;
class TestsPage;
struct Destination;
class HistoryPage;
class OverviewPage;
class RemoteFetch;
class JobStatusWidget;
class MessagePanel;
class Page;
class TrustBar;
class Workspace;
enum class ThemeMode;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    // Persistent: reads and writes geometry, pages, theme and recent repositories in
    // QSettings. Ephemeral: does neither (screenshots, tests).
    enum class StatePolicy { Persistent, Ephemeral };

    explicit MainWindow(QWidget *parent = nullptr);
    explicit MainWindow(StatePolicy policy, QWidget *parent = nullptr);
    ~MainWindow() override;

    void openRepository(const QString &path);
    // The most recent repository, or the welcome panel when there is none.
    void openLastRepository();
    // A repository the user chose (dialog, recent list): with the user's own store.
    void openUserRepository(const QString &path);
    void openDemo();
    void closeRepository();
    // "branches", "history", "compare"; false for an unknown name.
    bool showPage(const QString &name);
    QStringList pageNames() const;
    JobTracker *jobs();

    Page *page(const QString &name) const;
    Page *currentPage() const;
    // A page is on screen (not a message panel) and has loaded its content.
    bool isPageShown() const;
    Workspace *workspace() const { return m_workspace; }
    MessagePanel *messagePanel() const { return m_message; }
    TrustBar *trustBar() const { return m_trustBar; }
    QString repositoryPath() const;
    QStringList recentRepositories() const;

    void setTheme(ThemeMode mode);
    void refresh();
    // After a trust decision: every page reads the repository (and what its settings may name) again.
    void reloadRepositorySettings();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void addPage(Page *page);
    void navigate(const Destination &destination);
    void createActions();
    void createToolBar();
    void updateRecentMenu();
    void rememberRepository(const QString &path);
    void onOpened();
    void onFailed(const QString &path, const QString &message);
    void showWelcome();
    void showEmptyRepository();
    void showMessage();
    void showPages();
    void updateRepositoryLabels();
    void browseForRepository();
    void saveSettings() const;
    void restoreSettings();
    void retheme();

    StatePolicy m_policy;
    Workspace *m_workspace;
    QSplitter *m_split;
    QListWidget *m_pageList;
    QStackedWidget *m_content;
    MessagePanel *m_message;
    TrustBar *m_trustBar = nullptr;
    QList<Page *> m_pages;
    BranchesPage *m_branches = nullptr;
    HistoryPage *m_history = nullptr;
    OverviewPage *m_overview = nullptr;
    ComparePage *m_compare = nullptr;
    TestsPage *m_tests = nullptr;
    PipelinesPage *m_pipelines = nullptr;
    DatabasePage *m_database = nullptr;
    DeploymentsPage *m_deployments = nullptr;
    JobStatusWidget *m_jobStatus;
    QLabel *m_repoName;
    QLabel *m_branchLabel;
    QAction *m_branchAction = nullptr; // a toolbar widget's visibility belongs to its action
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QActionGroup *m_themeGroup = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_fetchAction = nullptr;
    RemoteFetch *m_fetch = nullptr;
    std::shared_ptr<QTemporaryDir> m_demoFolder;
    bool m_pagesShown = false;
};

} // namespace devdash::ui

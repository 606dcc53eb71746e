#include "MainWindow.h"

#include "HelpDialogs.h"
#include "JobStatusWidget.h"
#include "MessagePanel.h"
#include "TrustBar.h"
#include "common/BackgroundJob.h"
#include "common/FocusRing.h"
#include "common/Icons.h"
#include "common/Page.h"
#include "common/PlainToolTips.h"
#include "common/Theme.h"
#include "common/Workspace.h"
#include "database/DatabasePage.h"
#include "deploy/DeploymentsPage.h"
#include "git/BranchesPage.h"
#include "git/ComparePage.h"
#include "git/HistoryPage.h"
#include "git/RemoteFetch.h"
#include "overview/OverviewPage.h"
#include "pipelines/CommitPipelineBadges.h"
#include "pipelines/PipelineCiFeed.h"
#include "pipelines/PipelinesPage.h"
#include "tests/ReportDropFilter.h"
#include "tests/TestStoreAccess.h"
#include "tests/TestsPage.h"

#include "common/JobTracker.h"
#include "demo/DemoWorkspace.h"
#include "git/BranchModel.h"

#include <QAbstractItemView>
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QToolBar>
#include <QVBoxLayout>

namespace devdash::ui {

namespace {
constexpr int MaxRecent = 10;
const QString RecentKey = QStringLiteral("recentRepositories");
const QString ThemeKey = QStringLiteral("theme");

ThemeMode initialTheme(MainWindow::StatePolicy policy)
{
    // DEVDASH_THEME (the screenshot command's --theme) wins; else the user's choice.
    const QString forced = qEnvironmentVariable("DEVDASH_THEME");
    if (!forced.isEmpty())
        return Theme::modeFromName(forced.toLower());
    if (policy == MainWindow::StatePolicy::Ephemeral)
        return ThemeMode::Light; // reproducible screenshots and tests
    return Theme::modeFromName(QSettings().value(ThemeKey).toString());
}
} // namespace

namespace {
// The folder holding `.devdash.json`: the work tree, or the git folder of a bare repository.
QString trustRoot(const RepositoryInfo &info)
{
    return info.workDir.isEmpty() ? info.gitDir : info.workDir;
}
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : MainWindow(StatePolicy::Persistent, parent)
{
}

MainWindow::MainWindow(StatePolicy policy, QWidget *parent)
    : QMainWindow(parent)
    , m_policy(policy)
    , m_workspace(new Workspace(this))
    , m_split(new QSplitter(Qt::Horizontal, this))
    , m_pageList(new QListWidget(m_split))
    , m_content(new QStackedWidget(m_split))
    , m_message(new MessagePanel(m_content))
    , m_jobStatus(new JobStatusWidget(m_workspace->jobs(), this))
    , m_repoName(new QLabel(this))
    , m_branchLabel(new QLabel(this))
{
    PlainToolTips::install(); // tool tips show names from repositories and servers: never markup
    Theme::initResources();
    Theme::apply(initialTheme(policy));
    setWindowTitle(QStringLiteral("DevDash"));
    if (QFileInfo::exists(QStringLiteral(":/icons/devdash.svg")))
        setWindowIcon(QIcon(QStringLiteral(":/icons/devdash.svg")));

    m_pageList->setObjectName(QStringLiteral("pageList"));
    m_pageList->setIconSize(QSize(20, 20));
    m_pageList->setFrameShape(QFrame::NoFrame);
    m_pageList->setMinimumWidth(150);
    m_pageList->setMaximumWidth(260);
    m_pageList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_content->addWidget(m_message);
    m_split->addWidget(m_pageList);
    // The trust bar sits above every page of the repository (hidden unless its settings ask for trust).
    auto *contentColumn = new QWidget(m_split);
    auto *contentLayout = new QVBoxLayout(contentColumn);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(0);
    m_trustBar = new TrustBar(contentColumn);
    contentLayout->addWidget(m_trustBar);
    contentLayout->addWidget(m_content, 1);
    m_split->addWidget(contentColumn);
    m_split->setStretchFactor(1, 1);
    m_split->setSizes({ 170, 1100 });
    m_split->setChildrenCollapsible(false);
    setCentralWidget(m_split);

    m_history = new HistoryPage(m_workspace, m_content);
    m_branches = new BranchesPage(m_workspace, m_content);
    m_compare = new ComparePage(m_workspace, m_content);
    // The landing page: everything about the repository and about one commit, joined by commit.
    m_overview = new OverviewPage(m_workspace, m_content);
    addPage(m_overview);
    addPage(m_branches);
    addPage(m_history);
    addPage(m_compare);
    auto *tests = m_tests = new TestsPage(m_workspace, m_content);
    addPage(tests);
    // CI and local pipeline runs: per branch and commit, stage graph, job logs.
    auto *pipelines = m_pipelines = new PipelinesPage(m_workspace, m_content);
    addPage(pipelines);
    // History's dots ask the CI servers, through the Pipelines page's providers, about
    // commits no stored run covers.
    m_history->pipelineBadges()->setRemoteLookup(
        [feed = QPointer<PipelineCiFeed>(pipelines->ciFeed())](
            const QStringList &commits, std::function<void(QHash<QString, ci::CommitStatus>)> done) {
            if (feed)
                feed->commitStatuses(commits, std::move(done));
        });
    // Test reports dropped anywhere on the window become a run (Tests page).
    setAcceptDrops(true);
    installEventFilter(new ReportDropFilter(
        [this, tests](const QStringList &paths) {
            showPage(tests->name());
            tests->importReportsAsking(paths);
        },
        this));
    // Databases of the repository's environments: schema, ER diagram, diff, history, migrations.
    addPage(m_database = new DatabasePage(m_workspace, m_content));
    // What runs where, release diffs, sprints and DORA metrics.
    addPage(m_deployments = new DeploymentsPage(m_workspace, m_content));

    // The sidebar never shrinks below its longest page title ("Deployments" was cut to
    // "Deployme…" when a wide page pushed the splitter): one width on every page.
    m_pageList->setMinimumWidth(
        qMax(150, m_pageList->sizeHintForColumn(0) + 2 * m_pageList->frameWidth() + 16));
    m_split->setStretchFactor(0, 0);

    // Keyboard-only use: Tab leaves a table for the next pane (arrows move inside it),
    // and the focused pane is ringed where its own focus does not show.
    for (QAbstractItemView *view : findChildren<QAbstractItemView *>())
        view->setTabKeyNavigation(false);
    FocusRing::install(this);

    createActions();
    createToolBar();
    statusBar()->addPermanentWidget(m_jobStatus);
    statusBar()->setSizeGripEnabled(false);

    connect(m_pageList, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < m_pages.size() && m_pagesShown)
            m_content->setCurrentWidget(m_pages.at(row));
    });
    connect(m_workspace, &Workspace::opened, this, &MainWindow::onOpened);
    // A decision changes what the pages may use: they read the repository again.
    connect(m_trustBar, &TrustBar::decided, this, &MainWindow::reloadRepositorySettings);
    connect(m_workspace, &Workspace::failed, this, &MainWindow::onFailed);
    connect(m_workspace, &Workspace::infoChanged, this, &MainWindow::updateRepositoryLabels);
    connect(m_workspace, &Workspace::refsChangedOnDisk, this, [this] {
        for (Page *page : std::as_const(m_pages))
            if (page != m_branches) // the workspace reloads the shared branch model itself
                page->refresh();
    });

    m_pageList->setCurrentRow(0); // the Overview first, unless settings say otherwise
    if (m_policy == StatePolicy::Persistent)
        restoreSettings();
    else
        resize(1280, 800);
    showWelcome();
}

MainWindow::~MainWindow()
{
    // Workers report to the tracker: let them stop before it goes.
    m_workspace->jobs()->cancelAll();
    QThreadPool::globalInstance()->waitForDone();
}

void MainWindow::addPage(Page *page)
{
    m_pages << page;
    m_content->addWidget(page);
    auto *item = new QListWidgetItem(page->icon(), page->title(), m_pageList);
    item->setData(Qt::UserRole, page->name());
    item->setToolTip(tr("%1 (Ctrl+%2)").arg(page->title()).arg(m_pages.size()));
    connect(page, &Page::historyRequested, this, [this](const QString &ref, const QString &commit) {
        m_history->showRef(ref, commit);
        showPage(QStringLiteral("history"));
    });
    connect(page, &Page::compareRequested, this, [this](const QString &base, const QString &other) {
        m_compare->compare(base, other);
        showPage(QStringLiteral("compare"));
    });
    connect(page, &Page::branchRequested, this, [this](const QString &ref) {
        showPage(QStringLiteral("branches"));
        if (!m_branches->selectRef(ref))
            statusBar()->showMessage(tr("%1 is not a branch or tag").arg(ref), 4000);
    });
    connect(page, &Page::pageRequested, this, [this](const QString &name) { showPage(name); });
    connect(page, &Page::navigationRequested, this, &MainWindow::navigate);
    connect(page, &Page::commitOverviewRequested, this, [this](const QString &commit) {
        m_overview->showCommit(commit);
        showPage(m_overview->name());
    });
    connect(page, &Page::statusMessage, this,
        [this](const QString &text) { statusBar()->showMessage(text, 4000); });
}

void MainWindow::navigate(const Destination &destination)
{
    // The page's own API first, then the page: it opens on the thing already chosen.
    using Target = Destination::Target;
    Page *target = nullptr;
    switch (destination.target) {
    case Target::TestHistory:
        m_tests->showTestHistory(destination.name);
        target = m_tests;
        break;
    case Target::TestRun:
        m_tests->showTab(TestsPage::RunsTab);
        m_tests->selectRun(destination.runId);
        target = m_tests;
        break;
    case Target::DatabaseEnvironment:
        m_database->showEnvironment(destination.environment);
        target = m_database;
        break;
    case Target::Migration:
        m_database->showMigration(destination.environment, destination.name, destination.ref);
        target = m_database;
        break;
    case Target::PipelinesOfBranch:
        m_pipelines->filterBranch(destination.name);
        target = m_pipelines;
        break;
    case Target::DeploymentEnvironment:
        m_deployments->showEnvironment(destination.environment);
        target = m_deployments;
        break;
    }
    if (target)
        showPage(target->name());
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(
        Icons::get(QStringLiteral("open")), tr("&Open Repository…"), this, &MainWindow::browseForRepository);
    open->setShortcut(QKeySequence::Open);
    open->setObjectName(QStringLiteral("openAction"));
    file->addAction(tr("Open &Demo"), this, &MainWindow::openDemo);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    updateRecentMenu();
    file->addSeparator();
    QAction *importReports = file->addAction(tr("&Import Test Reports…"), this, [this] {
        if (auto *tests = qobject_cast<TestsPage *>(page(QStringLiteral("tests")))) {
            showPage(tests->name());
            tests->chooseAndImport();
        }
    });
    importReports->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    importReports->setObjectName(QStringLiteral("importTestReportsAction"));
    QAction *ciSettings = file->addAction(tr("CI &Settings…"), this, [this] {
        if (auto *pipelines = qobject_cast<PipelinesPage *>(page(QStringLiteral("pipelines")))) {
            showPage(pipelines->name());
            pipelines->showSettings();
        }
    });
    ciSettings->setObjectName(QStringLiteral("ciSettingsAction"));
    file->addSeparator();
    m_refreshAction
        = file->addAction(Icons::get(QStringLiteral("refresh")), tr("&Refresh"), this, &MainWindow::refresh);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setObjectName(QStringLiteral("refreshAction"));
    // Remote-tracking branches go stale without it; progress and Cancel are in the status bar.
    m_fetch = new RemoteFetch(m_workspace, this);
    m_fetchAction = file->addAction(tr("&Fetch All Remotes"), m_fetch, &RemoteFetch::start);
    m_fetchAction->setShortcut(QKeySequence(Qt::Key_F6));
    m_fetchAction->setObjectName(QStringLiteral("fetchAction"));
    m_fetchAction->setToolTip(tr("git fetch of every remote (F6)"));
    connect(m_fetch, &RemoteFetch::finished, this,
        [this](bool ok, bool authenticationNeeded, const QString &summary) {
            // Authentication needs doing something: that message stays until the next one.
            statusBar()->showMessage(summary, ok ? 6000 : authenticationNeeded ? 0 : 15000);
            refresh();
        });
    file->addAction(tr("&Close Repository"), this, &MainWindow::closeRepository);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_pages.size(); ++i) {
        Page *page = m_pages.at(i);
        QAction *action = m_viewMenu->addAction(
            page->icon(), page->title(), this, [this, name = page->name()] { showPage(name); });
        if (i < 9)
            action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
    m_viewMenu->addSeparator();
    QMenu *theme = m_viewMenu->addMenu(tr("&Theme"));
    m_themeGroup = new QActionGroup(this);
    const std::pair<ThemeMode, QString> themes[] = { { ThemeMode::System, tr("&System") },
        { ThemeMode::Light, tr("&Light") }, { ThemeMode::Dark, tr("&Dark") } };
    for (const auto &[mode, label] : themes) {
        QAction *action = theme->addAction(label, this, [this, mode = mode] { setTheme(mode); });
        action->setCheckable(true);
        action->setChecked(Theme::mode() == mode);
        action->setData(int(mode));
        m_themeGroup->addAction(action);
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    HelpDialogs::addTo(help, this);
    help->addAction(tr("&About DevDash"), this, [this] {
        QMessageBox::about(this, tr("About DevDash"),
            tr("<h3>DevDash %1</h3><p>A desktop dashboard for software teams: branches, history and "
               "comparisons of your repositories, joined by commit.</p><p>Qt %2 · libgit2 %3</p>")
                .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion()),
                    QStringLiteral(LIBGIT2_VERSION)));
    });

    // Esc stops what runs (pages that use Esc themselves claim it first).
    auto *cancel = new QAction(tr("Cancel Running Work"), this);
    cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(cancel, &QAction::triggered, this, [this] { m_workspace->jobs()->cancelAll(); });
    addAction(cancel);
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Repository"));
    bar->setObjectName(QStringLiteral("repositoryToolBar"));
    bar->setMovable(false);
    bar->setIconSize(QSize(18, 18));
    bar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    for (QAction *action : menuBar()->actions().constFirst()->menu()->actions())
        if (action->objectName() == QLatin1String("openAction")
            || action->objectName() == QLatin1String("refreshAction"))
            bar->addAction(action);
    bar->addSeparator();
    m_repoName->setObjectName(QStringLiteral("repoName"));
    m_branchLabel->setObjectName(QStringLiteral("branchBadge"));
    // A folder or branch named `<h1>BIG<` is shown as those characters, never as a heading.
    m_repoName->setTextFormat(Qt::PlainText);
    m_branchLabel->setTextFormat(Qt::PlainText);
    bar->addWidget(m_repoName);
    m_branchAction = bar->addWidget(m_branchLabel);
    m_branchAction->setVisible(false);
}

void MainWindow::retheme()
{
    for (int i = 0; i < m_pages.size(); ++i)
        m_pageList->item(i)->setIcon(m_pages.at(i)->icon());
    for (QAction *action : menuBar()->actions().constFirst()->menu()->actions()) {
        if (action->objectName() == QLatin1String("openAction"))
            action->setIcon(Icons::get(QStringLiteral("open")));
        else if (action->objectName() == QLatin1String("refreshAction"))
            action->setIcon(Icons::get(QStringLiteral("refresh")));
    }
    updateRepositoryLabels();
    if (m_content->currentWidget() == m_message)
        m_content->currentWidget()->update();
}

void MainWindow::setTheme(ThemeMode mode)
{
    Theme::apply(mode);
    for (QAction *action : m_themeGroup->actions())
        action->setChecked(action->data().toInt() == int(mode));
    if (m_policy == StatePolicy::Persistent)
        QSettings().setValue(ThemeKey, Theme::modeName(mode));
    retheme();
}

JobTracker *MainWindow::jobs()
{
    return m_workspace->jobs();
}

QStringList MainWindow::pageNames() const
{
    QStringList names;
    for (const Page *page : m_pages)
        names << page->name();
    return names;
}

Page *MainWindow::page(const QString &name) const
{
    for (Page *page : m_pages)
        if (page->name() == name)
            return page;
    return nullptr;
}

Page *MainWindow::currentPage() const
{
    const int row = m_pageList->currentRow();
    return row >= 0 && row < m_pages.size() ? m_pages.at(row) : nullptr;
}

bool MainWindow::isPageShown() const
{
    return m_pagesShown && m_content->currentWidget() == currentPage();
}

bool MainWindow::showPage(const QString &name)
{
    Page *target = page(name);
    if (!target)
        return false;
    m_pageList->setCurrentRow(int(m_pages.indexOf(target)));
    if (m_pagesShown)
        m_content->setCurrentWidget(target);
    return true;
}

QString MainWindow::repositoryPath() const
{
    return m_workspace->path();
}

void MainWindow::openRepository(const QString &path)
{
    m_pagesShown = false;
    m_message->setContent(
        MessagePanel::Kind::Progress, tr("Opening %1…").arg(QDir::toNativeSeparators(path)), {});
    showMessage();
    m_workspace->open(path);
}

void MainWindow::openUserRepository(const QString &path)
{
    // The demo keeps its test runs in a store of its own; what the user opens uses theirs.
    TestStoreAccess::setLocation(std::nullopt);
    openRepository(path);
}

void MainWindow::openLastRepository()
{
    const QStringList recent = recentRepositories();
    if (recent.isEmpty())
        showWelcome();
    else
        openUserRepository(recent.constFirst());
}

void MainWindow::openDemo()
{
    // The demo shown so far (if any) keeps its folder until the new one is built.
    auto demoFolder = std::make_shared<QTemporaryDir>();
    if (!demoFolder->isValid()) {
        onFailed(tr("the demo"),
            tr("Cannot create a temporary folder for the demo: %1").arg(demoFolder->errorString()));
        return;
    }
    m_pagesShown = false;
    m_message->setContent(MessagePanel::Kind::Progress, tr("Building the demo workspace…"), {});
    showMessage();
    const QString folder = demoFolder->path();
    runJob(
        jobs(), tr("Building the demo workspace"), this,
        [folder](const JobContext &) { return demo::DemoWorkspace::create(folder); },
        [this, demoFolder](Result<demo::DemoWorkspace> result) {
            if (!result) {
                onFailed(tr("the demo"), result.errorMessage());
                return;
            }
            m_demoFolder = demoFolder;
            // The demo's runs live in its own store, never in the user's.
            TestStoreAccess::setLocation(result->store);
            openRepository(result->repository);
        });
}

void MainWindow::closeRepository()
{
    m_workspace->close();
    m_trustBar->setRepository({});
    for (Page *page : std::as_const(m_pages))
        page->setRepository({});
    updateRepositoryLabels();
    showWelcome();
}

void MainWindow::refresh()
{
    if (!m_workspace->isOpen()) {
        openLastRepository();
        return;
    }
    if (m_workspace->info().empty) {
        openRepository(m_workspace->path()); // it may have its first commit now
        return;
    }
    m_workspace->refreshInfo();
    m_workspace->branches()->reload();
    m_trustBar->setRepository(trustRoot(m_workspace->info())); // the file may have changed
    for (Page *page : std::as_const(m_pages))
        if (page != m_branches)
            page->refresh();
}

void MainWindow::reloadRepositorySettings()
{
    if (!m_workspace->isOpen() || !m_pagesShown)
        return;
    m_trustBar->setRepository(trustRoot(m_workspace->info()));
    for (Page *page : std::as_const(m_pages))
        page->setRepository({});
    for (Page *page : std::as_const(m_pages))
        page->setRepository(m_workspace->info().path);
}

void MainWindow::onOpened()
{
    const RepositoryInfo &info = m_workspace->info();
    rememberRepository(info.path);
    updateRepositoryLabels();
    if (info.empty) {
        m_trustBar->setRepository({});
        for (Page *page : std::as_const(m_pages))
            page->setRepository({});
        showEmptyRepository();
        return;
    }
    m_trustBar->setRepository(trustRoot(info));
    for (Page *page : std::as_const(m_pages))
        page->setRepository(info.path);
    showPages();
}

void MainWindow::showEmptyRepository()
{
    const RepositoryInfo &info = m_workspace->info();
    m_pagesShown = false;
    m_message->setContent(MessagePanel::Kind::Empty, tr("This repository has no commits yet"),
        tr("%1 is a git repository without any commit or branch. Make a first commit, then "
           "press F5 to refresh.")
            .arg(QDir::toNativeSeparators(info.workDir.isEmpty() ? info.path : info.workDir)));
    m_message->addAction(
        tr("Refresh"), [this] { refresh(); }, true);
    m_message->addAction(tr("Open another repository…"), [this] { browseForRepository(); });
    showMessage();
}

void MainWindow::onFailed(const QString &path, const QString &message)
{
    if (m_workspace->isOpen()) {
        // The repository shown stays open and on screen; the error is said over it.
        updateRepositoryLabels();
        if (m_workspace->info().empty)
            showEmptyRepository();
        else
            showPages();
        const QString title = path.isEmpty() ? tr("No repository to open")
                                             : tr("Cannot open %1").arg(QDir::toNativeSeparators(path));
        statusBar()->showMessage(tr("%1 — %2 stays open").arg(title, m_workspace->info().displayName), 10000);
        auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("openErrorBox"));
        box->setInformativeText(tr("%1 stays open.").arg(m_workspace->info().displayName));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setWindowModality(Qt::WindowModal);
        box->open();
        return;
    }
    m_trustBar->setRepository({}); // nothing open any more
    m_pagesShown = false;
    updateRepositoryLabels();
    m_message->setContent(MessagePanel::Kind::Error,
        path.isEmpty() ? tr("No repository to open")
                       : tr("Cannot open %1").arg(QDir::toNativeSeparators(path)),
        message);
    m_message->addAction(
        tr("Open another repository…"), [this] { browseForRepository(); }, true);
    if (!path.isEmpty())
        m_message->addAction(tr("Try again"), [this, path] { openUserRepository(path); });
    m_message->addAction(tr("Open Demo"), [this] { openDemo(); });
    showMessage();
}

void MainWindow::showWelcome()
{
    m_pagesShown = false;
    m_message->setContent(MessagePanel::Kind::Welcome, tr("Open a repository"),
        tr("DevDash shows the branches, history and comparisons of a git repository. Open one of "
           "yours, or explore a demo workspace."));
    m_message->addAction(
        tr("Open Repository…"), [this] { browseForRepository(); }, true);
    m_message->addAction(tr("Open Demo"), [this] { openDemo(); });
    showMessage();
}

void MainWindow::showMessage()
{
    m_content->setCurrentWidget(m_message);
}

void MainWindow::showPages()
{
    m_pagesShown = true;
    if (Page *page = currentPage())
        m_content->setCurrentWidget(page);
}

void MainWindow::updateRepositoryLabels()
{
    const RepositoryInfo &info = m_workspace->info();
    if (!m_workspace->isOpen()) {
        m_repoName->setText(tr("No repository"));
        m_repoName->setToolTip({});
        m_branchAction->setVisible(false);
        setWindowTitle(QStringLiteral("DevDash"));
        return;
    }
    m_repoName->setText(info.displayName);
    m_repoName->setToolTip(QDir::toNativeSeparators(info.workDir.isEmpty() ? info.gitDir : info.workDir));
    QString branch;
    if (info.headUnborn)
        branch = tr("no commits");
    else if (info.headDetached)
        branch = tr("detached HEAD");
    else
        branch = info.currentBranch;
    m_branchLabel->setText(QStringLiteral("⎇ ") + branch);
    m_branchLabel->setToolTip(
        info.headDetached ? tr("HEAD is detached: no branch is checked out") : tr("The checked-out branch"));
    m_branchAction->setVisible(!branch.isEmpty());
    setWindowTitle(tr("%1 — DevDash").arg(info.displayName));
}

void MainWindow::browseForRepository()
{
    const QString start
        = m_workspace->isOpen() ? QFileInfo(m_workspace->info().workDir).absolutePath() : QDir::homePath();
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open Repository"), start);
    if (!folder.isEmpty())
        openUserRepository(folder);
}

QStringList MainWindow::recentRepositories() const
{
    if (m_policy != StatePolicy::Persistent)
        return {};
    return QSettings().value(RecentKey).toStringList();
}

void MainWindow::rememberRepository(const QString &path)
{
    if (m_policy != StatePolicy::Persistent || path.isEmpty())
        return;
    if (m_demoFolder && path.startsWith(m_demoFolder->path()))
        return; // gone at exit
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList recent = recentRepositories();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > MaxRecent)
        recent.removeLast();
    QSettings().setValue(RecentKey, recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList recent = recentRepositories();
    for (const QString &path : recent)
        m_recentMenu->addAction(
            QDir::toNativeSeparators(path), this, [this, path] { openUserRepository(path); });
    if (recent.isEmpty()) {
        m_recentMenu->addAction(tr("No recent repositories"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("Clear List"), this, [this] {
        QSettings().remove(RecentKey);
        updateRecentMenu();
    });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_policy == StatePolicy::Persistent)
        saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("window"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), QMainWindow::saveState());
    settings.setValue(QStringLiteral("sidebar"), m_split->saveState());
    if (const Page *page = currentPage())
        settings.setValue(QStringLiteral("page"), page->name());
    settings.endGroup();
    settings.beginGroup(QStringLiteral("pages"));
    for (const Page *page : m_pages)
        settings.setValue(page->name(), page->saveState());
    settings.endGroup();
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("window"));
    if (!restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray()))
        resize(1280, 800);
    QMainWindow::restoreState(settings.value(QStringLiteral("state")).toByteArray());
    m_split->restoreState(settings.value(QStringLiteral("sidebar")).toByteArray());
    const QString pageName = settings.value(QStringLiteral("page")).toString();
    settings.endGroup();
    settings.beginGroup(QStringLiteral("pages"));
    for (Page *page : std::as_const(m_pages))
        page->restoreState(settings.value(page->name()).toByteArray());
    settings.endGroup();
    if (!pageName.isEmpty())
        showPage(pageName);
}

} // namespace devdash::ui

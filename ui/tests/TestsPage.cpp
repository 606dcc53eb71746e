#include "TestsPage.h"

#include "ReportAutoImport.h"

#include "ComparisonView.h"
#include "EditorLauncher.h"
#include "FlakyView.h"
#include "ImportTargetDialog.h"
#include "ReportImport.h"
#include "RunDetailView.h"
#include "RunTreeFilter.h"
#include "TestHistoryView.h"
#include "TestStatusStyle.h"
#include "TestStoreAccess.h"
#include "TestsContextMenus.h"
#include "TrendsView.h"
#include "common/BackgroundJob.h"
#include "common/Icons.h"
#include "common/TableLook.h"
#include "common/Theme.h"
#include "common/Workspace.h"

#include "testresults/BaseComparison.h"
#include "testresults/RunListModel.h"
#include "testresults/RunTreeModel.h"
#include "testresults/TestRunStore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDataStream>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace devdash::ui {

using namespace testresults;

namespace {
constexpr int RunsPage = 200; // runs per query; older ones as the table scrolls
constexpr int PollMs = 5000; // new runs (the report watcher, the CLI) while the page is shown

} // namespace

TestsPage::TestsPage(Workspace *workspace, QWidget *parent)
    : Page(parent)
    , m_workspace(workspace)
    , m_runs(new RunListModel(this))
    , m_runsProxy(new QSortFilterProxyModel(this))
    , m_tree(new RunTreeModel(this))
    , m_treeProxy(new RunTreeFilter(this))
    , m_branchBox(new QComboBox(this))
    , m_errorLabel(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_runsView(new QTableView(this))
    , m_treeView(new QTreeView(this))
    , m_failedOnly(new QCheckBox(tr("&Failed only"), this))
    , m_filter(new QLineEdit(this))
    , m_detail(new RunDetailView(this))
    , m_autoImport(new ReportAutoImport(this))
    , m_runsSplit(new QSplitter(Qt::Horizontal, this))
    , m_treeSplit(new QSplitter(Qt::Vertical, this))
    , m_compare(new ComparisonView(this))
    , m_history(new TestHistoryView(this))
    , m_trends(new TrendsView(this))
    , m_flaky(new FlakyView(this))
    , m_poll(new QTimer(this))
{
    // Top bar: branch filter and import.
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(8, 6, 8, 6);
    bar->setSpacing(8);
    auto *branchLabel = new QLabel(tr("&Branch:"), this);
    branchLabel->setBuddy(m_branchBox);
    m_branchBox->setMinimumContentsLength(16);
    m_branchBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_branchBox->addItem(tr("All branches"), QString());
    auto *importButton = new QPushButton(tr("Import Reports…"), this);
    importButton->setToolTip(tr("Import JUnit/xUnit/NUnit/TRX reports as a run of a commit, HEAD unless "
                                "you say otherwise (Ctrl+I); dropping files on the window does the same"));
    bar->addWidget(branchLabel);
    bar->addWidget(m_branchBox);
    bar->addStretch(1);
    bar->addWidget(importButton);

    m_errorLabel->setTextFormat(Qt::PlainText);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setContentsMargins(10, 6, 10, 6);
    m_errorLabel->hide();

    // Runs: sortable through a proxy, newest first.
    m_runsProxy->setSourceModel(m_runs);
    m_runsProxy->setSortRole(RunListModel::SortRole);
    m_runsView->setModel(m_runsProxy);
    TableLook::apply(m_runsView, TableLook::SingleSelection);
    m_runsView->setSortingEnabled(true);
    m_runsView->sortByColumn(RunListModel::WhenColumn, Qt::DescendingOrder);
    m_runsView->setItemDelegate(
        new TestStatusDelegate(RunListModel::StatusRole, { RunListModel::StatusColumn }, m_runsView));
    QHeaderView *runsHeader = m_runsView->horizontalHeader();
    // Compact counts so that commit, branch and time fit beside the run's tree.
    runsHeader->setSectionResizeMode(QHeaderView::Interactive);
    runsHeader->setStretchLastSection(true);
    runsHeader->setMinimumSectionSize(36);
    const int digits = m_runsView->fontMetrics().horizontalAdvance(QStringLiteral("Skipped")) + 6;
    runsHeader->resizeSection(RunListModel::StatusColumn, 96);
    runsHeader->resizeSection(RunListModel::PassedColumn, 84);
    for (int column :
        { RunListModel::FailedColumn, RunListModel::ErroredColumn, RunListModel::SkippedColumn })
        runsHeader->resizeSection(column, digits);
    runsHeader->resizeSection(RunListModel::DurationColumn, 64);
    runsHeader->resizeSection(RunListModel::CommitColumn, 84);
    runsHeader->resizeSection(RunListModel::BranchColumn, 100);
    runsHeader->resizeSection(RunListModel::SourceColumn, 70);

    // A run's tree, its filters and the case's detail.
    m_treeProxy->setSourceModel(m_tree);
    m_treeView->setModel(m_treeProxy);
    m_treeView->setUniformRowHeights(true);
    m_treeView->setFrameShape(QFrame::NoFrame);
    m_treeView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_treeView->setSortingEnabled(true);
    m_treeView->sortByColumn(RunTreeModel::StatusColumn, Qt::DescendingOrder);
    m_treeView->setItemDelegate(
        new TestStatusDelegate(RunTreeModel::StatusRole, { RunTreeModel::StatusColumn }, m_treeView));
    m_treeView->header()->setStretchLastSection(false);
    m_treeView->header()->setSectionResizeMode(RunTreeModel::NameColumn, QHeaderView::Stretch);
    m_treeView->header()->resizeSection(RunTreeModel::StatusColumn, 150);
    m_treeView->header()->resizeSection(RunTreeModel::DurationColumn, 80);
    m_filter->setPlaceholderText(tr("Filter tests by name or message"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMinimumWidth(140); // else squeezed to "Fi…" by the buttons on a laptop
    auto *compareBase = new QPushButton(tr("Compare with Base"), this);
    compareBase->setToolTip(tr("Compare this run with the default branch's newest run of the same source and "
                               "suites"));
    auto *historyButton = new QPushButton(tr("Test History"), this);
    historyButton->setToolTip(tr("The selected test across runs (or double-click it)"));

    auto *treeBar = new QHBoxLayout;
    treeBar->setContentsMargins(8, 4, 8, 4);
    treeBar->setSpacing(8);
    treeBar->addWidget(m_failedOnly);
    treeBar->addWidget(m_filter, 1);
    treeBar->addWidget(compareBase);
    treeBar->addWidget(historyButton);
    auto *treePane = new QWidget(this);
    auto *treeLayout = new QVBoxLayout(treePane);
    treeLayout->setContentsMargins(0, 0, 0, 0);
    treeLayout->setSpacing(0);
    treeLayout->addLayout(treeBar);
    treeLayout->addWidget(m_treeView, 1);
    m_treeSplit->addWidget(treePane);
    m_treeSplit->addWidget(m_detail);
    m_treeSplit->setSizes({ 380, 260 });
    m_treeSplit->setChildrenCollapsible(false);
    m_runsSplit->addWidget(m_runsView);
    m_runsSplit->addWidget(m_treeSplit);
    m_runsSplit->setStretchFactor(0, 3);
    m_runsSplit->setStretchFactor(1, 2);
    m_runsSplit->setSizes({ 780, 500 });
    m_runsSplit->setChildrenCollapsible(false);

    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_runsSplit, tr("Runs"));
    m_tabs->addTab(m_compare, tr("Compare"));
    m_tabs->addTab(m_history, tr("Test History"));
    m_tabs->addTab(m_trends, tr("Trends"));
    m_tabs->addTab(m_flaky, tr("Flaky"));
    m_compare->setRuns(m_runs, QString());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_tabs, 1);

    connect(importButton, &QPushButton::clicked, this, &TestsPage::chooseAndImport);
    // Tab in reading order: the bar, the runs, then the run's bar, tests and details.
    setTabOrder(m_branchBox, importButton);
    setTabOrder(m_failedOnly, m_filter);
    setTabOrder(m_filter, compareBase);
    setTabOrder(compareBase, historyButton);
    setTabOrder(historyButton, m_treeView);
    connect(m_autoImport, &ReportAutoImport::imported, this, [this] {
        m_trendsStale = m_flakyStale = m_comparisonStale = true;
        loadRuns();
    });
    connect(m_autoImport, &ReportAutoImport::failed, this, &TestsPage::showError);
    connect(m_branchBox, &QComboBox::activated, this, [this] {
        m_runs->clear();
        m_runsLoaded = false;
        m_trendsStale = m_flakyStale = true;
        loadRuns();
        onTabChanged(m_tabs->currentIndex());
    });
    connect(m_runs, &RunListModel::moreRequested, this, &TestsPage::loadMoreRuns);
    connect(m_runsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &TestsPage::onRunSelected);
    connect(m_treeView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &TestsPage::onCaseSelected);
    connect(m_failedOnly, &QCheckBox::toggled, this, &TestsPage::applyTreeFilter);
    connect(m_filter, &QLineEdit::textChanged, this, &TestsPage::applyTreeFilter);
    connect(m_treeView, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const QString key = index.data(RunTreeModel::TestKeyRole).toString();
        if (!key.isEmpty())
            showTestHistory(key);
    });
    connect(compareBase, &QPushButton::clicked, this, [this] { compareWith(0); });
    connect(historyButton, &QPushButton::clicked, this, [this] {
        const QString key = m_treeView->currentIndex().data(RunTreeModel::TestKeyRole).toString();
        if (!key.isEmpty())
            showTestHistory(key);
        else
            showTab(HistoryTab);
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, &TestsPage::onTabChanged);
    connect(m_compare, &ComparisonView::baseChanged, this, &TestsPage::loadComparison);
    connect(m_compare, &ComparisonView::testActivated, this, &TestsPage::showTestHistory);
    connect(m_history, &TestHistoryView::testRequested, this, &TestsPage::showTestHistory);
    connect(m_history, &TestHistoryView::runActivated, this, [this](qint64 id) {
        selectRun(id);
        showTab(RunsTab);
    });
    connect(m_trends, &TrendsView::optionsChanged, this, [this] {
        m_trendsStale = true;
        loadTrends();
    });
    connect(m_trends, &TrendsView::runActivated, this, [this](qint64 id) {
        selectRun(id);
        showTab(RunsTab);
    });
    connect(m_trends, &TrendsView::testActivated, this, &TestsPage::showTestHistory);
    connect(m_trends, &TrendsView::statusMessage, this, &Page::statusMessage);
    connect(m_flaky, &FlakyView::optionsChanged, this, [this] {
        m_flakyStale = true;
        loadFlaky();
    });
    connect(m_flaky, &FlakyView::testActivated, this, &TestsPage::showTestHistory);
    // Right clicks: a test (copy, open its file, history), a run (compare, copy, delete).
    TestsContextMenus::install(this);
    connect(m_detail, &RunDetailView::sourceLinkActivated, this, &TestsPage::openSource);
    m_poll->setInterval(PollMs);
    connect(m_poll, &QTimer::timeout, this, [this] {
        if (m_pending == 0 && !m_repoKey.isEmpty())
            loadRuns();
    });
    m_detail->showMessage(tr("Select a run."));
}

TestsPage::~TestsPage() = default;

QIcon TestsPage::icon() const
{
    return Icons::get(QStringLiteral("tests"));
}

template<typename T, typename Query, typename Done>
void TestsPage::query(const QString &title, Query work, Done done)
{
    if (m_repoKey.isEmpty())
        return;
    if (!m_locationError.isEmpty()) {
        showError(m_locationError);
        return;
    }
    ++m_pending;
    Q_EMIT readyChanged();
    runJob(
        m_workspace->jobs(), title, this,
        [location = m_location, work = std::move(work)](const JobContext &) -> Result<T> {
            auto db = TestStoreAccess::open(location);
            if (!db)
                return db.error();
            return work(TestRunStore(*db));
        },
        [this, generation = m_generation, done = std::move(done)](Result<T> result) {
            --m_pending;
            if (generation == m_generation) {
                if (result)
                    done(std::move(*result));
                else
                    showError(result.errorMessage());
            }
            Q_EMIT readyChanged();
        });
}

void TestsPage::setRepository(const QString &path)
{
    ++m_generation;
    m_repoPath = path;
    m_repoKey = path.isEmpty() ? QString() : TestStoreAccess::repositoryKey(m_workspace->info());
    auto location = TestStoreAccess::location();
    m_locationError = location ? QString() : location.errorMessage();
    if (location)
        m_location = *location;
    m_runs->clear();
    m_tree->clear();
    m_runsLoaded = false;
    m_shownRun = 0;
    m_comparisonStale = m_trendsStale = m_flakyStale = true;
    m_errorLabel->hide();
    m_branchBox->clear();
    m_branchBox->addItem(tr("All branches"), QString());
    m_compare->setRuns(m_runs, baseBranch());
    m_compare->showMessage(tr("Select a run, then choose what to compare it with."));
    m_history->showMessage(tr("Choose a test: double-click one in a run, a comparison or the flaky list."));
    m_detail->setRepositoryRoot(repositoryRoot());
    m_detail->showMessage(tr("Loading runs…"));
    loadRuns();
    onTabChanged(m_tabs->currentIndex());
    // Reports listed in .devdash.json are imported as they appear.
    if (location)
        m_autoImport->setRepository(path, *location);
}

void TestsPage::refresh()
{
    m_comparisonStale = m_trendsStale = m_flakyStale = true;
    loadRuns();
    if (m_shownRun > 0)
        loadRun(m_shownRun);
    onTabChanged(m_tabs->currentIndex());
}

bool TestsPage::isReady() const
{
    return !m_repoKey.isEmpty() && m_runsLoaded && m_pending == 0;
}

QString TestsPage::errorText() const
{
    return m_errorLabel->isVisible() ? m_errorLabel->text() : QString();
}

void TestsPage::showError(const QString &message)
{
    m_errorLabel->setText(tr("Test results: %1").arg(message));
    QPalette palette = m_errorLabel->palette();
    palette.setColor(QPalette::WindowText, Theme::deletedText());
    m_errorLabel->setPalette(palette);
    m_errorLabel->show();
}

QString TestsPage::baseBranch() const
{
    const auto &branch = m_workspace->info().defaultBranch;
    // Runs are filed under local branch names: "origin/main" → "main".
    if (branch.fullName.startsWith(QLatin1String("refs/remotes/")))
        return branch.shortName.section(QLatin1Char('/'), 1);
    return branch.shortName.isEmpty() ? QStringLiteral("main") : branch.shortName;
}

void TestsPage::setBranchFilter(const QString &branch)
{
    int index = m_branchBox->findData(branch);
    if (index < 0) {
        m_branchBox->addItem(branch, branch);
        index = m_branchBox->count() - 1;
    }
    m_branchBox->setCurrentIndex(index);
    Q_EMIT m_branchBox->activated(index);
}

void TestsPage::loadRuns()
{
    RunFilter filter;
    filter.branch = m_branchBox->currentData().toString();
    filter.limit = qMax<int>(RunsPage, int(m_runs->runs().size()));
    query<QList<RunSummary>>(
        tr("Loading test runs"),
        [repo = m_repoKey, filter](const TestRunStore &store) { return store.runs(repo, filter); },
        [this, limit = filter.limit](QList<RunSummary> runs) {
            const bool first = !m_runsLoaded;
            m_runsLoaded = true;
            m_errorLabel->hide();
            m_runs->setHasMore(runs.size() >= limit);
            m_runs->setRuns(runs);
            updateBranchBox(runs);
            m_compare->setRuns(m_runs, baseBranch());
            if (m_runs->rowCount() == 0) {
                m_detail->showMessage(tr("No test runs for this repository yet. Import reports with "
                                         "File → Import Test Reports… (Ctrl+I), by dropping them here, "
                                         "or list them in .devdash.json."));
                return;
            }
            const qint64 wanted = m_wantedRun;
            if (wanted > 0 && m_runs->rowOfRun(wanted) >= 0) {
                m_wantedRun = 0;
                selectRun(wanted);
            } else if (first || !m_runsView->currentIndex().isValid()) {
                m_runsView->setCurrentIndex(m_runsProxy->index(0, RunListModel::StatusColumn));
            }
        });
}

void TestsPage::loadMoreRuns(int offset)
{
    RunFilter filter;
    filter.branch = m_branchBox->currentData().toString();
    filter.limit = RunsPage;
    filter.offset = offset;
    query<QList<RunSummary>>(
        tr("Loading older test runs"),
        [repo = m_repoKey, filter](const TestRunStore &store) { return store.runs(repo, filter); },
        [this](QList<RunSummary> runs) { m_runs->appendRuns(runs, runs.size() >= RunsPage); });
}

void TestsPage::updateBranchBox(const QList<RunSummary> &runs)
{
    QStringList branches;
    for (const RunSummary &run : runs) {
        if (!run.branch.isEmpty() && m_branchBox->findData(run.branch) < 0 && !branches.contains(run.branch))
            branches << run.branch;
    }
    branches.sort();
    for (const QString &branch : std::as_const(branches))
        m_branchBox->addItem(branch, branch);
}

qint64 TestsPage::selectedRunId() const
{
    return m_runsView->currentIndex().data(RunListModel::RunIdRole).toLongLong();
}

void TestsPage::selectRun(qint64 runId)
{
    const int row = m_runs->rowOfRun(runId);
    if (row < 0) {
        // Not loaded (older, or another branch): show it anyway and select when it appears.
        m_wantedRun = runId;
        loadRun(runId);
        return;
    }
    const QModelIndex index = m_runsProxy->mapFromSource(m_runs->index(row, RunListModel::StatusColumn));
    m_runsView->setCurrentIndex(index);
    m_runsView->scrollTo(index);
}

void TestsPage::onRunSelected()
{
    const qint64 id = selectedRunId();
    if (id <= 0 || id == m_shownRun)
        return;
    if (const RunSummary *run = m_runs->runAt(m_runs->rowOfRun(id)))
        m_compare->setHead(*run);
    m_comparisonStale = true;
    loadRun(id);
    if (m_tabs->currentIndex() == CompareTab)
        loadComparison();
}

void TestsPage::loadRun(qint64 runId)
{
    m_shownRun = runId;
    query<RunDetails>(
        tr("Loading test run #%1").arg(runId),
        [runId](const TestRunStore &store) { return store.run(runId); },
        [this, runId](RunDetails details) {
            if (runId != m_shownRun)
                return;
            const QString keep = m_treeView->currentIndex().data(RunTreeModel::TestKeyRole).toString();
            m_tree->setRun(details);
            applyTreeFilter();
            const QModelIndex again = m_treeProxy->mapFromSource(m_tree->indexOfCase(keep));
            if (again.isValid())
                m_treeView->setCurrentIndex(again);
            else
                m_detail->showRun(details);
        });
}

void TestsPage::applyTreeFilter()
{
    auto *filter = static_cast<RunTreeFilter *>(m_treeProxy);
    filter->setFailedOnly(m_failedOnly->isChecked());
    filter->setText(m_filter->text());
    // Failing suites open; everything opens when filtered (the matches are what was asked for).
    const bool filtered = m_failedOnly->isChecked() || !m_filter->text().trimmed().isEmpty();
    for (int row = 0; row < m_treeProxy->rowCount(); ++row) {
        const QModelIndex suite = m_treeProxy->index(row, 0);
        m_treeView->setExpanded(suite,
            filtered || suite.data(RunTreeModel::FailingCountRole).toInt() > 0
                || m_treeProxy->rowCount() == 1);
    }
}

void TestsPage::onCaseSelected()
{
    const QModelIndex source = m_treeProxy->mapToSource(m_treeView->currentIndex());
    if (const CaseResult *result = m_tree->caseAt(source))
        m_detail->showCase(*result);
    else if (const SuiteResult *suite = m_tree->suiteAt(source))
        m_detail->showSuite(*suite);
}

void TestsPage::compareWith(qint64 baseRunId)
{
    m_compare->chooseBase(baseRunId);
    m_comparisonStale = true;
    showTab(CompareTab);
    loadComparison();
}

void TestsPage::loadComparison()
{
    const qint64 head = selectedRunId() > 0 ? selectedRunId() : m_shownRun;
    if (head <= 0) {
        m_compare->showMessage(tr("Select a run to compare."));
        return;
    }
    m_comparisonStale = false;
    query<BaseComparison>(
        tr("Comparing test runs"),
        [repo = m_repoKey, branch = baseBranch(), chosen = m_compare->chosenBase(), head](
            const TestRunStore &store) { return BaseComparison::load(store, repo, head, chosen, branch); },
        [this](BaseComparison loaded) {
            if (!loaded.message.isEmpty())
                m_compare->showMessage(loaded.message);
            else
                m_compare->setComparison(loaded.comparison, loaded.base, loaded.head, loaded.note);
        });
}

void TestsPage::showTestHistory(const QString &testKey)
{
    showTab(HistoryTab);
    m_history->setTestKey(testKey);
    HistoryOptions options;
    options.branch = m_branchBox->currentData().toString();
    options.limit = 100;
    query<TestHistory>(
        tr("Loading the history of %1").arg(testKey),
        [repo = m_repoKey, testKey, options](
            const TestRunStore &store) { return store.history(repo, testKey, options); },
        [this, testKey](TestHistory history) {
            if (history.entries.isEmpty())
                m_history->showMessage(tr("No runs of %1").arg(testKey));
            else
                m_history->setHistory(history);
        });
}

void TestsPage::loadTrends()
{
    m_trendsStale = false;
    TrendOptions options = m_trends->options();
    options.branch = m_branchBox->currentData().toString();
    query<Trends>(
        tr("Loading test trends"),
        [repo = m_repoKey, options](const TestRunStore &store) { return store.trends(repo, options); },
        [this](Trends trends) { m_trends->setTrends(trends); });
}

void TestsPage::loadFlaky()
{
    m_flakyStale = false;
    FlakyOptions options = m_flaky->options();
    options.branch = m_branchBox->currentData().toString();
    query<QList<FlakyFinding>>(
        tr("Finding flaky tests"),
        [repo = m_repoKey, options](const TestRunStore &store) { return store.flaky(repo, options); },
        [this](QList<FlakyFinding> findings) { m_flaky->setFindings(findings); });
}

void TestsPage::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(tab);
}

bool TestsPage::showSubView(const QString &name)
{
    static const QStringList names { QStringLiteral("runs"), QStringLiteral("compare"),
        QStringLiteral("history"), QStringLiteral("trends"), QStringLiteral("flaky") };
    const int tab = int(names.indexOf(name));
    if (tab >= 0)
        showTab(Tab(tab));
    return tab >= 0;
}

void TestsPage::onTabChanged(int tab)
{
    // Tabs load when first shown (and after a change), not all at once.
    if (tab == CompareTab && m_comparisonStale && selectedRunId() > 0)
        loadComparison();
    else if (tab == TrendsTab && m_trendsStale)
        loadTrends();
    else if (tab == FlakyTab && m_flakyStale)
        loadFlaky();
}

QString TestsPage::repositoryRoot() const
{
    if (m_repoPath.isEmpty())
        return {};
    const auto &info = m_workspace->info();
    return !info.workDir.isEmpty() ? info.workDir : m_repoPath;
}

void TestsPage::openSource(const QString &file, int line)
{
    const auto opened = EditorLauncher::open(repositoryRoot(), file, line);
    Q_EMIT statusMessage(opened ? *opened : opened.errorMessage());
}

void TestsPage::deleteRun(qint64 runId)
{
    query<qint64>(
        tr("Deleting test run #%1").arg(runId),
        [runId](const TestRunStore &store) -> Result<qint64> {
            if (auto ok = TestRunStore(store).deleteRun(runId); !ok)
                return ok.error();
            return runId;
        },
        [this](qint64 id) {
            Q_EMIT statusMessage(tr("Deleted test run #%1").arg(id));
            if (m_shownRun == id) {
                m_shownRun = 0;
                m_tree->clear();
                m_detail->showMessage(tr("Select a run."));
            }
            m_comparisonStale = m_trendsStale = m_flakyStale = true;
            loadRuns();
        });
}

void TestsPage::importReportsAsking(const QStringList &paths)
{
    if (m_repoPath.isEmpty()) {
        Q_EMIT statusMessage(tr("Open a repository before importing test reports"));
        return;
    }
    ImportTargetDialog dialog(repositoryRoot(), ReportImport::expand(paths), this);
    if (dialog.exec() == QDialog::Accepted && !dialog.commit().isEmpty())
        importReports(paths, dialog.commit(), dialog.branch());
}

void TestsPage::importReports(const QStringList &paths, const QString &commit, const QString &branch)
{
    if (m_repoPath.isEmpty()) {
        Q_EMIT statusMessage(tr("Open a repository before importing test reports"));
        return;
    }
    if (!m_locationError.isEmpty()) {
        showError(m_locationError);
        return;
    }
    ReportImport::Request request;
    request.location = m_location;
    request.repositoryPath = m_repoPath;
    request.repositoryKey = m_repoKey;
    request.paths = paths;
    request.commit = commit;
    request.branch = branch;
    ++m_pending;
    runJob(
        m_workspace->jobs(), tr("Importing test reports"), this,
        [request](const JobContext &job) { return ReportImport::run(request, job.token); },
        [this, generation = m_generation](Result<ImportedRun> imported) {
            --m_pending;
            if (generation != m_generation)
                return;
            if (!imported) {
                showError(imported.errorMessage());
                Q_EMIT statusMessage(tr("Import failed: %1").arg(imported.errorMessage()));
            } else {
                m_errorLabel->hide();
                Q_EMIT statusMessage(imported->created
                        ? tr("Imported run #%1: %2 tests, %3 failed")
                              .arg(imported->run.id)
                              .arg(imported->run.counts.tests)
                              .arg(imported->run.counts.failed + imported->run.counts.errored)
                        : tr("These reports were imported before, as run #%1").arg(imported->run.id));
                m_wantedRun = imported->run.id;
                m_trendsStale = m_flakyStale = true;
                showTab(RunsTab);
                loadRuns();
            }
            Q_EMIT readyChanged();
        });
}

void TestsPage::chooseAndImport()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Import Test Reports"), m_repoPath, tr("Test reports (*.xml *.trx);;All files (*)"));
    if (!files.isEmpty())
        importReportsAsking(files);
}

QByteArray TestsPage::saveState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << quint8(1) << m_runsSplit->saveState() << m_treeSplit->saveState() << m_tabs->currentIndex();
    return state;
}

void TestsPage::restoreState(const QByteArray &state)
{
    QDataStream in(state);
    quint8 version = 0;
    QByteArray runsSplit, treeSplit;
    int tab = 0;
    in >> version >> runsSplit >> treeSplit >> tab;
    if (version != 1 || in.status() != QDataStream::Ok)
        return;
    m_runsSplit->restoreState(runsSplit);
    m_treeSplit->restoreState(treeSplit);
    m_tabs->setCurrentIndex(tab);
}

void TestsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        m_trends->retheme();
        m_history->retheme();
    }
    Page::changeEvent(event);
}

void TestsPage::showEvent(QShowEvent *event)
{
    m_poll->start();
    Page::showEvent(event);
}

void TestsPage::hideEvent(QHideEvent *event)
{
    m_poll->stop();
    Page::hideEvent(event);
}

} // namespace devdash::ui

#include "HistoryPage.h"

#include "CommitDetailView.h"
#include "GraphDelegate.h"
#include "ScopeSelector.h"
#include "UncommittedRow.h"
#include "common/BackgroundJob.h"
#include "common/Icons.h"
#include "common/Theme.h"
#include "common/Workspace.h"
#include "pipelines/CommitPipelineBadges.h"
#include "tests/CommitTestBadges.h"

#include "git/CommitLocator.h"
#include "git/CommitSearch.h"
#include "git/HistoryModel.h"
#include "testresults/RunSources.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDataStream>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace devdash::ui {

using git::HistoryModel;
using git::HistoryScope;

namespace {
// Batches fetched while looking for a commit that may not be in the scope before
// giving up (a parent link to a commit outside it never appears).
constexpr int MaxFetchesForSelection = 400;
// Rows loaded for a commit known to be in the scope: far beyond any real history;
// the status bar shows the progress and Esc stops it sooner.
constexpr int MaxRowsForKnownCommit = 4'000'000;

bool sameScope(const HistoryScope &a, const HistoryScope &b)
{
    return a.kind == b.kind && (a.kind != HistoryScope::Kind::Ref || a.ref == b.ref);
}
} // namespace

HistoryPage::HistoryPage(Workspace *workspace, QWidget *parent)
    : Page(parent)
    , m_workspace(workspace)
    , m_history(new HistoryModel(this))
    , m_search(new git::CommitSearchModel(this))
    , m_delegate(new GraphDelegate(this))
    , m_testBadges(new CommitTestBadges(this))
    , m_scopeBox(new ScopeSelector(workspace, this))
    , m_searchField(new QLineEdit(this))
    , m_searchBar(new QFrame(this))
    , m_searchLabel(new QLabel(m_searchBar))
    , m_errorLabel(new QLabel(this))
    , m_view(new QTableView(this))
    , m_uncommitted(new UncommittedRow(workspace->jobs(), this))
    , m_detail(new CommitDetailView(workspace->jobs(), this))
    , m_split(new QSplitter(Qt::Vertical, this))
    , m_selectionDelay(new QTimer(this))
{
    m_history->setJobTracker(workspace->jobs());

    // Top bar: scope and search.
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(8, 6, 8, 6);
    bar->setSpacing(8);
    auto *scopeLabel = new QLabel(tr("&Show:"), this);
    scopeLabel->setBuddy(m_scopeBox);
    m_searchField->setPlaceholderText(
        tr("Search commits: words, \"a phrase\", author:, path:, id:, message: — all must match (Ctrl+L)"));
    // Plain text, as every tool tip (PlainToolTips).
    m_searchField->setToolTip(tr("Every term must match (AND).\n%1").arg(git::SearchQuery::syntaxHint()));
    m_searchField->setClearButtonEnabled(true);
    m_searchIcon = m_searchField->addAction(
        Icons::get(QStringLiteral("search"), Theme::mutedText()), QLineEdit::LeadingPosition);
    bar->addWidget(scopeLabel);
    bar->addWidget(m_scopeBox);
    bar->addSpacing(8);
    bar->addWidget(m_searchField, 1);

    // "N matches — scanned M commits", shown while searching.
    m_searchBar->setObjectName(QStringLiteral("searchResultBar"));
    auto *searchLayout = new QHBoxLayout(m_searchBar);
    searchLayout->setContentsMargins(10, 4, 6, 4);
    auto *backButton = new QToolButton(m_searchBar);
    backButton->setText(tr("Back to graph"));
    backButton->setToolTip(tr("Leave the search results (Esc)"));
    backButton->setAutoRaise(true);
    searchLayout->addWidget(m_searchLabel, 1);
    searchLayout->addWidget(backButton);
    m_searchBar->hide();
    connect(backButton, &QToolButton::clicked, this, &HistoryPage::exitSearch);

    m_searchLabel->setTextFormat(Qt::PlainText); // errors and counts: never markup
    m_errorLabel->setTextFormat(Qt::PlainText);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setContentsMargins(10, 6, 10, 6);
    m_errorLabel->hide();
    QPalette errorPalette = m_errorLabel->palette();
    errorPalette.setColor(QPalette::WindowText, Theme::deletedText());
    m_errorLabel->setPalette(errorPalette);

    // The graph table: uniform rows, no tree decoration, lazily fetched.
    // A table, not a tree: QTreeView fetches more rows on every layout (the whole
    // history, batch after batch); QTableView only when the last row comes into view.
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setCornerButtonEnabled(false);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setTabKeyNavigation(false); // Tab goes on to the commit's details
    m_view->setItemDelegate(m_delegate);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->installEventFilter(this);
    m_searchField->installEventFilter(this);
    m_delegate->setRefKindLookup([workspace](const QString &name) { return workspace->kindOf(name); });
    useModel(m_history);

    auto *top = new QWidget(m_split);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(0);
    topLayout->addWidget(m_searchBar);
    topLayout->addWidget(m_errorLabel);
    topLayout->addWidget(m_uncommitted);
    topLayout->addWidget(m_view, 1);
    m_split->addWidget(top);
    m_split->addWidget(m_detail);
    m_split->setStretchFactor(0, 1);
    m_split->setStretchFactor(1, 1);
    m_split->setSizes({ 330, 370 });
    m_split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_split, 1);

    // Keyboard.
    auto *focusSearch = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_L), this);
    focusSearch->setContext(Qt::WidgetWithChildrenShortcut);
    connect(focusSearch, &QShortcut::activated, this, [this] {
        m_searchField->setFocus(Qt::ShortcutFocusReason);
        m_searchField->selectAll();
    });
    auto *copyId = new QShortcut(QKeySequence::Copy, m_view);
    copyId->setContext(Qt::WidgetShortcut);
    connect(copyId, &QShortcut::activated, this, &HistoryPage::copyCommitId);

    // Selection → details, after a short pause so holding Down does not queue reads.
    m_selectionDelay->setSingleShot(true);
    m_selectionDelay->setInterval(60);
    connect(m_selectionDelay, &QTimer::timeout, this, [this] { m_detail->showCommit(selectedCommit()); });

    connect(m_history, &HistoryModel::opened, this, &HistoryPage::onOpened);
    connect(m_history, &HistoryModel::reloaded, this, &HistoryPage::onReloaded);
    connect(m_history, &HistoryModel::failed, this, [this](const QString &message) {
        setPendingCommit({}, false);
        m_errorLabel->setText(tr("Cannot show this history: %1").arg(message));
        m_errorLabel->show();
        m_detail->clear(message);
        Q_EMIT readyChanged();
    });
    m_delegate->setTestBadgeLookup([this](const QString &commit) -> std::optional<std::pair<QString, bool>> {
        const auto runs = m_testBadges->runsOf(commit);
        if (runs.isEmpty())
            return std::nullopt;
        return std::pair(CommitTestBadges::text(runs), testresults::RunSources::anyFailing(runs));
    });
    connect(m_testBadges, &CommitTestBadges::changed, m_view->viewport(), qOverload<>(&QWidget::update));
    // Pipeline status dots, for the rows on screen.
    m_pipelineBadges = new CommitPipelineBadges(this);
    m_delegate->setStatusDotPainter([this](QPainter *painter, const QRect &rect, const QString &commit) {
        const auto status = m_pipelineBadges->statusOf(commit);
        return status ? CommitPipelineBadges::paintDot(painter, rect, *status) : 0;
    });
    connect(
        m_pipelineBadges, &CommitPipelineBadges::changed, m_view->viewport(), qOverload<>(&QWidget::update));
    connect(
        m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, &HistoryPage::requestPipelineBadges);
    connect(m_history, &QAbstractItemModel::rowsInserted, this, &HistoryPage::requestPipelineBadges);
    connect(m_history, &QAbstractItemModel::modelReset, this, &HistoryPage::requestPipelineBadges);
    connect(m_history, &QAbstractItemModel::rowsInserted, this,
        [this](const QModelIndex &, int first, int last) { requestTestBadges(first, last); });
    connect(m_history, &QAbstractItemModel::modelReset, this,
        [this] { requestTestBadges(0, m_history->rowCount() - 1); });
    connect(m_history, &QAbstractItemModel::rowsInserted, this, [this] {
        tryPendingSelection();
        updateGraphWidth();
    });
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, &HistoryPage::updateGraphWidth);
    connect(
        m_view->horizontalHeader(), &QHeaderView::sectionResized, this, [this](int section, int, int size) {
            if (section == HistoryModel::GraphColumn && !m_sizingGraph && m_view->model() == m_history) {
                m_graphWidthByUser = size;
                updateGraphWidth();
            }
        });
    connect(m_view->horizontalHeader(), &QHeaderView::sectionHandleDoubleClicked, this, [this](int section) {
        if (section == HistoryModel::GraphColumn) {
            m_graphWidthByUser = 0;
            updateGraphWidth();
        }
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, &HistoryPage::showContextMenu);
    connect(m_detail, &CommitDetailView::commitLinkActivated, this, &HistoryPage::selectCommit);
    connect(m_uncommitted, &UncommittedRow::activated, this, &HistoryPage::showUncommittedChanges);
    connect(m_uncommitted, &UncommittedRow::updated, this, [this] {
        if (!m_uncommitted->isSelected()) {
            Q_EMIT readyChanged();
            return;
        }
        if (m_uncommitted->isVisible()) {
            m_detail->showWorkingTree(m_uncommitted->state()); // the files may have changed
        } else if (m_history->rowCount() > 0 && !m_searching) {
            m_view->setCurrentIndex(m_history->index(0, HistoryModel::SummaryColumn)); // all committed now
        }
        Q_EMIT readyChanged();
    });
    connect(m_detail, &CommitDetailView::readyChanged, this, &Page::readyChanged);

    connect(m_search, &git::CommitSearchModel::progress, this, &HistoryPage::updateSearchBar);
    // The model reports "finished" after its last matches (same queue).
    connect(m_search, &git::CommitSearchModel::finished, this,
        [this](int, const QString &error) { onSearchFinished(error); });
    connect(m_search, &QAbstractItemModel::rowsInserted, this, &HistoryPage::updateSearchBar);
    connect(m_search, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_searching && !m_view->currentIndex().isValid() && m_search->rowCount() > 0)
            m_view->setCurrentIndex(m_search->index(0, HistoryModel::SummaryColumn));
    });
    connect(m_searchField, &QLineEdit::returnPressed, this, [this] { search(m_searchField->text()); });

    connect(m_searchField, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty() && m_searching)
            exitSearch();
    });
    connect(m_scopeBox, &ScopeSelector::scopeChosen, this,
        [this](const HistoryScope &scope) { openScope(scope); });
    connect(workspace, &Workspace::infoChanged, this, [this] {
        m_delegate->setCurrentBranch(m_workspace->info().currentBranch);
        m_view->viewport()->update();
    });
}

HistoryPage::~HistoryPage() = default;

QIcon HistoryPage::icon() const
{
    return Icons::get(QStringLiteral("history"));
}

void HistoryPage::useModel(QAbstractItemModel *model)
{
    const QScopedValueRollback<bool> sizing(m_sizingGraph, true); // not the user's width
    m_view->setModel(model);
    QHeaderView *header = m_view->horizontalHeader();
    header->setStretchLastSection(false);
    // Interactive: the user may widen the graph (and the lanes spread out again).
    header->setSectionResizeMode(HistoryModel::GraphColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(HistoryModel::SummaryColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(HistoryModel::AuthorColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(HistoryModel::DateColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(HistoryModel::CommitColumn, QHeaderView::Interactive);
    header->resizeSection(HistoryModel::AuthorColumn, 150);
    header->resizeSection(HistoryModel::DateColumn, 150);
    header->resizeSection(HistoryModel::CommitColumn, 80);
    header->setMinimumSectionSize(20);
    m_view->setColumnHidden(HistoryModel::GraphColumn, model != m_history);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &HistoryPage::onCurrentChanged);
    updateGraphWidth();
}

void HistoryPage::setRepository(const QString &path)
{
    m_repoPath = path;
    ++m_locateGeneration;
    m_locating = false;
    setPendingCommit({}, false);
    m_testBadges->setRepository(path);
    m_pipelineBadges->setRepository(path);
    m_searching = false;
    m_searchBar->hide();
    m_searchField->clear();
    m_search->cancel();
    useModel(m_history);
    m_detail->setRepository(path);
    m_uncommitted->setRepository(path);
    m_delegate->setCurrentBranch(m_workspace->info().currentBranch);
    m_scopeBox->setScope(HistoryScope::head());
    if (path.isEmpty()) {
        m_history->clear();
        return;
    }
    openScope(HistoryScope::head());
}

void HistoryPage::openScope(const HistoryScope &scope, const QString &selectAfter)
{
    if (m_repoPath.isEmpty())
        return;
    if (m_searching)
        exitSearch();
    m_errorLabel->hide();
    m_scopeBox->setScope(scope);
    ++m_locateGeneration; // a scope chosen meanwhile wins over a link still being located
    m_locating = false;
    setPendingCommit(selectAfter, false);
    m_detail->clear(tr("Loading history…"));
    m_history->open(m_repoPath, scope);
    Q_EMIT readyChanged();
}

HistoryScope HistoryPage::scope() const
{
    return m_history->scope();
}

void HistoryPage::refresh()
{
    if (m_repoPath.isEmpty())
        return;
    if (m_pendingCommit.isEmpty()) // a link still loading its commit keeps looking
        setPendingCommit(selectedCommit(), false);
    const QModelIndex top = m_view->indexAt(QPoint(4, 4));
    m_reloadTopCommit = top.isValid() ? m_history->commitAt(top.row()) : QString();
    m_testBadges->setRepository(m_repoPath); // runs may have been imported meanwhile
    m_pipelineBadges->setRepository(m_repoPath);
    m_uncommitted->refresh();
    m_history->reload();
    if (m_searching && !m_search->query().isEmpty())
        search(m_searchField->text());
}

void HistoryPage::requestTestBadges(int first, int last)
{
    QStringList commits;
    for (int row = first; row <= last; ++row)
        commits << m_history->commitAt(row);
    m_testBadges->request(commits);
}

void HistoryPage::requestPipelineBadges()
{
    // Only what is on screen (and a screenful more): the rest is asked for as it scrolls in.
    QAbstractItemModel *model = m_view->model();
    if (!model || model->rowCount() == 0)
        return;
    const int first = qMax(0, m_view->rowAt(0));
    const int visible
        = qMax(1, m_view->viewport()->height() / qMax(1, m_view->verticalHeader()->defaultSectionSize()));
    const int last = qMin(model->rowCount() - 1, first + 2 * visible);
    QStringList commits;
    for (int row = first; row <= last; ++row)
        commits << model->index(row, 0).data(HistoryModel::CommitIdRole).toString();
    m_pipelineBadges->request(commits);
}

void HistoryPage::onOpened()
{
    m_errorLabel->hide();
    updateGraphWidth();
    // The first rows may already have selected the commit a link asked for: keep it.
    if (!m_pendingCommit.isEmpty())
        tryPendingSelection();
    else if (m_history->rowCount() > 0 && !m_searching && !m_view->currentIndex().isValid())
        m_view->setCurrentIndex(m_history->index(0, HistoryModel::SummaryColumn));
    if (m_history->rowCount() == 0)
        m_detail->clear(tr("No commits in this scope."));
    Q_EMIT readyChanged();
}

void HistoryPage::onReloaded()
{
    // Put the scroll position back first, then the selection (which may scroll less).
    if (!m_reloadTopCommit.isEmpty()) {
        const int topRow = m_history->rowOfCommit(m_reloadTopCommit);
        if (topRow >= 0 && !m_searching)
            m_view->scrollTo(
                m_history->index(topRow, HistoryModel::SummaryColumn), QAbstractItemView::PositionAtTop);
        m_reloadTopCommit.clear();
    }
    const QString wanted = m_pendingCommit;
    const bool wantedInScope = m_pendingInScope;
    setPendingCommit({}, false);
    if (m_searching)
        return;
    if (m_uncommitted->isSelected()) { // stays on the uncommitted changes
        updateGraphWidth();
        Q_EMIT readyChanged();
        return;
    }
    const int row = wanted.isEmpty() ? -1 : m_history->rowOfCommit(wanted);
    if (row < 0 && wantedInScope) {
        setPendingCommit(wanted, true); // further down than the rows reloaded
        updateGraphWidth();
        tryPendingSelection();
        return;
    }
    const QModelIndex index = m_history->index(row >= 0 ? row : 0, HistoryModel::SummaryColumn);
    if (index.isValid()) {
        m_view->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_detail->showCommit(selectedCommit());
    }
    updateGraphWidth();
    Q_EMIT readyChanged();
}

bool HistoryPage::isReady() const
{
    if (m_repoPath.isEmpty())
        return false;
    if (m_searching)
        return m_searchDone && (m_search->rowCount() == 0 || m_detail->isReady());
    if (m_history->isLoading() && m_history->rowCount() == 0)
        return false;
    if (!m_history->errorMessage().isEmpty())
        return true;
    if (m_uncommitted->isSelected())
        return !m_uncommitted->isLoading() && m_detail->showsWorkingTree() && m_detail->isReady();
    if (m_history->rowCount() == 0)
        return !m_history->isLoading();
    if (m_locating || !m_pendingCommit.isEmpty())
        return false; // a link's commit is still on its way
    return !selectedCommit().isEmpty() && m_detail->commitId() == selectedCommit() && m_detail->isReady();
}

QString HistoryPage::selectedCommit() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(HistoryModel::CommitIdRole).toString() : QString();
}

void HistoryPage::showUncommittedChanges()
{
    if (m_uncommitted->isHidden())
        return;
    if (m_searching)
        exitSearch();
    m_uncommitted->setSelected(true);
    m_selectionDelay->stop();
    {
        // No commit is chosen now; without the signal, onCurrentChanged keeps out of it.
        const QSignalBlocker blocker(m_view->selectionModel());
        m_view->selectionModel()->clear();
    }
    m_view->viewport()->update();
    m_detail->showWorkingTree(m_uncommitted->state());
    Q_EMIT readyChanged();
}

void HistoryPage::onCurrentChanged()
{
    if (m_view->currentIndex().isValid())
        m_uncommitted->setSelected(false);
    Q_EMIT readyChanged();
    if (m_detail->commitId().isEmpty())
        m_detail->showCommit(selectedCommit()); // first selection: no need to wait
    else
        m_selectionDelay->start();
}

void HistoryPage::selectCommit(const QString &commitId)
{
    if (commitId.isEmpty())
        return;
    if (m_searching)
        exitSearch();
    ++m_locateGeneration; // this one wins over a link still being located
    m_locating = false;
    setPendingCommit(commitId, false);
    tryPendingSelection();
}

void HistoryPage::showCommit(const QString &commitId, const QString &ref)
{
    if (m_repoPath.isEmpty() || commitId.trimmed().isEmpty())
        return;
    if (m_searching)
        exitSearch();
    HistoryScope wanted = m_history->scope();
    if (ref == QLatin1String("HEAD"))
        wanted = HistoryScope::head();
    else if (!ref.isEmpty())
        wanted = HistoryScope::ofRef(ref);
    // Whether the scope holds it decides between loading up to it and "All refs":
    // asked of git on a worker (a reachability walk on a large history).
    const quint64 generation = ++m_locateGeneration;
    m_locating = true;
    setPendingCommit({}, false);
    Q_EMIT readyChanged();
    runJob(
        m_workspace->jobs(), tr("Finding commit %1").arg(commitId.left(12)), this,
        [path = m_repoPath, wanted, commitId](
            const JobContext &job) { return git::locateCommit(path, wanted, commitId, job.token); },
        [this, generation, wanted, commitId](Result<git::CommitPlacement> placement) {
            if (generation != m_locateGeneration)
                return;
            m_locating = false;
            if (!placement) {
                Q_EMIT statusMessage(
                    tr("Cannot show commit %1: %2").arg(commitId.left(12), placement.errorMessage()));
                Q_EMIT readyChanged();
                return;
            }
            const QString id = placement->commit;
            if (!placement->inScope && !placement->inAnyRef) {
                Q_EMIT statusMessage(tr("Commit %1 is on no branch or tag: it cannot be shown in the history")
                                         .arg(id.left(12)));
                Q_EMIT readyChanged();
                return;
            }
            HistoryScope target = wanted;
            if (!placement->inScope) {
                target = HistoryScope::all();
                Q_EMIT statusMessage(
                    tr("Commit %1 is not on %2: showing all refs").arg(id.left(12), scopeName(wanted)));
            }
            const bool shown = sameScope(target, m_history->scope())
                && m_history->repositoryPath() == m_repoPath && m_history->errorMessage().isEmpty()
                && (m_history->rowCount() > 0 || m_history->isLoading());
            if (!shown) {
                openScope(target, id);
                m_pendingInScope = true;
                return;
            }
            setPendingCommit(id, true);
            tryPendingSelection();
            Q_EMIT readyChanged();
        });
}

void HistoryPage::setPendingCommit(const QString &commitId, bool knownInScope)
{
    endFind();
    m_pendingCommit = commitId;
    m_pendingInScope = knownInScope;
    m_pendingScanned = 0;
    m_fetchAttempts = 0;
}

void HistoryPage::endFind()
{
    if (m_findJob)
        m_workspace->jobs()->finish(m_findJob);
    m_findJob = 0;
}

void HistoryPage::selectRow(int row)
{
    const QModelIndex index = m_history->index(row, HistoryModel::SummaryColumn);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    // A hidden view has no size yet to centre in: again when it shows.
    m_scrollOnShow = !m_view->isVisible();
}

void HistoryPage::tryPendingSelection()
{
    if (m_pendingCommit.isEmpty() || m_searching || (m_history->isLoading() && m_history->rowCount() == 0))
        return;
    const int row = m_history->rowOfCommit(m_pendingCommit, m_pendingScanned);
    if (row >= 0) {
        m_pendingCommit.clear();
        endFind();
        selectRow(row);
        Q_EMIT readyChanged();
        return;
    }
    m_pendingScanned = m_history->rowCount();
    const int loaded = m_history->rowCount();
    if (m_findJob && m_findCancel.isCancelled()) {
        Q_EMIT statusMessage(tr("Stopped looking for commit %1 after %2 commits")
                                 .arg(m_pendingCommit.left(12), QLocale().toString(loaded)));
        m_pendingCommit.clear();
        endFind();
        if (!m_view->currentIndex().isValid() && loaded > 0)
            m_view->setCurrentIndex(m_history->index(0, HistoryModel::SummaryColumn));
        Q_EMIT readyChanged();
        return;
    }
    const bool underBound
        = m_pendingInScope ? loaded < MaxRowsForKnownCommit : ++m_fetchAttempts < MaxFetchesForSelection;
    if (m_history->canFetchMore({}) && underBound) {
        // Beyond the first batches: say what is loading, and let Esc stop it.
        if (!m_findJob && loaded >= 4 * HistoryModel::BatchRows) {
            m_findCancel = CancelToken();
            m_findJob = m_workspace->jobs()->start(
                tr("Loading history up to commit %1").arg(m_pendingCommit.left(12)), m_findCancel);
        }
        if (m_findJob)
            m_workspace->jobs()->setProgress(m_findJob, loaded, 0);
        m_history->fetchMore({});
        return;
    }
    if (!m_history->isLoading()) {
        Q_EMIT statusMessage(tr("Commit %1 is not in this history").arg(m_pendingCommit.left(12)));
        m_pendingCommit.clear();
        endFind();
        if (!m_view->currentIndex().isValid() && m_history->rowCount() > 0)
            m_view->setCurrentIndex(m_history->index(0, HistoryModel::SummaryColumn));
        Q_EMIT readyChanged();
    }
}

QString HistoryPage::scopeName(const HistoryScope &scope) const
{
    switch (scope.kind) {
    case HistoryScope::Kind::Head: {
        const QString branch = m_workspace->info().currentBranch;
        return branch.isEmpty() ? QStringLiteral("HEAD") : branch;
    }
    case HistoryScope::Kind::Ref:
        return scope.ref;
    case HistoryScope::Kind::All:
        break;
    }
    return tr("any ref");
}

void HistoryPage::updateGraphWidth()
{
    if (m_view->isColumnHidden(HistoryModel::GraphColumn))
        return;
    // Wide enough for the lanes on screen, within reason (the summary needs room too):
    // past the cap the lanes move closer together, so that every row keeps its dot.
    int lanes = 1;
    const int rows = m_history->rowCount();
    const QModelIndex first = m_view->indexAt(QPoint(4, 4));
    const int start = first.isValid() ? first.row() : 0;
    const int visible
        = m_view->viewport()->height() / qMax(1, m_view->verticalHeader()->defaultSectionSize());
    for (int row = start; row < rows && row <= start + visible + 1; ++row)
        lanes = qMax<int>(lanes, m_history->graphRow(row).width);
    // A width the user dragged the column to is the cap (double-click the edge: automatic again).
    const int cap = m_graphWidthByUser > 0 ? m_graphWidthByUser : qMax(120, m_view->viewport()->width() / 3);
    const int pitch = GraphDelegate::pitchFor(lanes, cap);
    const int needed = GraphDelegate::graphWidth(lanes, pitch);
    // Beyond the narrowest pitch the column grows past the cap and the table scrolls sideways.
    const int width = m_graphWidthByUser > 0 ? qMax(m_graphWidthByUser, needed) : needed;
    if (pitch != m_delegate->lanePitch()) {
        m_delegate->setLanePitch(pitch);
        m_view->viewport()->update();
    }
    if (m_view->horizontalHeader()->sectionSize(HistoryModel::GraphColumn) != width) {
        const QScopedValueRollback<bool> sizing(m_sizingGraph, true);
        m_view->horizontalHeader()->resizeSection(HistoryModel::GraphColumn, width);
    }
}

void HistoryPage::search(const QString &text)
{
    const git::SearchQuery query = git::SearchQuery::parse(text);
    if (query.isEmpty() || m_repoPath.isEmpty()) {
        exitSearch();
        return;
    }
    if (m_searchField->text() != text)
        m_searchField->setText(text);
    ++m_locateGeneration; // the search replaces what a link was looking for
    m_locating = false;
    setPendingCommit({}, false);
    m_searching = true;
    m_searchDone = false;
    useModel(m_search);
    m_search->start(m_repoPath, m_history->scope(), query);
    m_searchBar->show();
    updateSearchBar();
    m_detail->clear(tr("Searching…"));
    Q_EMIT readyChanged();
}

void HistoryPage::onSearchFinished(const QString &error)
{
    m_searchDone = true;
    updateSearchBar();
    if (!error.isEmpty() && error != QLatin1String("cancelled"))
        m_searchLabel->setText(tr("Search failed: %1").arg(error));
    if (m_searching && !m_view->currentIndex().isValid() && m_search->rowCount() > 0)
        m_view->setCurrentIndex(m_search->index(0, HistoryModel::SummaryColumn));
    if (m_searching && m_search->rowCount() == 0)
        m_detail->clear(tr("No commit matches “%1”.").arg(m_searchField->text()));
    Q_EMIT readyChanged();
}

void HistoryPage::exitSearch()
{
    if (!m_searching)
        return;
    const QString selected = selectedCommit();
    m_search->cancel();
    m_searching = false;
    m_searchBar->hide();
    useModel(m_history);
    if (!m_searchField->text().isEmpty()) {
        const QSignalBlocker blocker(m_searchField);
        m_searchField->clear();
    }
    // Keep looking at the commit found, now in the graph.
    if (!selected.isEmpty())
        selectCommit(selected);
    else if (m_history->rowCount() > 0)
        m_view->setCurrentIndex(m_history->index(0, HistoryModel::SummaryColumn));
    m_view->setFocus();
    Q_EMIT readyChanged();
}

void HistoryPage::updateSearchBar()
{
    const QLocale locale;
    const int matches = m_search->rowCount();
    const QString counts = tr("%1 %2 — scanned %3 commits")
                               .arg(locale.toString(matches), matches == 1 ? tr("match") : tr("matches"),
                                   locale.toString(m_search->scanned()));
    m_searchLabel->setText(m_searchDone ? counts : tr("Searching… %1").arg(counts));
}

void HistoryPage::showRef(const QString &ref, const QString &commitId)
{
    if (!commitId.isEmpty()) {
        showCommit(commitId, ref);
        return;
    }
    if (ref.isEmpty() || ref == QLatin1String("HEAD"))
        openScope(HistoryScope::head(), commitId);
    else
        openScope(HistoryScope::ofRef(ref), commitId);
}

void HistoryPage::showAll()
{
    openScope(HistoryScope::all());
}

void HistoryPage::copyCommitId()
{
    const QString id = selectedCommit();
    if (!id.isEmpty()) {
        QApplication::clipboard()->setText(id);
        Q_EMIT statusMessage(tr("Copied %1").arg(id));
    }
}

void HistoryPage::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid())
        return;
    m_view->setCurrentIndex(index);
    const QString id = index.data(HistoryModel::CommitIdRole).toString();
    const QString summary = index.data(HistoryModel::SummaryRole).toString();
    const QStringList refs = index.data(HistoryModel::RefsRole).toStringList();
    QMenu menu(this);
    menu.addAction(Icons::get(QStringLiteral("copy")), tr("Copy Commit Id"), this,
        [id] { QApplication::clipboard()->setText(id); });
    menu.addAction(tr("Copy Summary"), this, [summary] { QApplication::clipboard()->setText(summary); })
        ->setEnabled(!summary.isEmpty());
    menu.addSeparator();
    menu.addAction(Icons::get(QStringLiteral("compare")), tr("Compare with HEAD"), this,
        [this, id] { Q_EMIT compareRequested(QStringLiteral("HEAD"), id); });
    QString branch;
    for (const QString &ref : refs)
        if (ref != QLatin1String("HEAD")) {
            branch = ref;
            break;
        }
    QAction *showInBranches = menu.addAction(Icons::get(QStringLiteral("branches")),
        branch.isEmpty() ? tr("Show in Branches") : tr("Show %1 in Branches").arg(branch), this,
        [this, branch] { Q_EMIT branchRequested(branch); });
    showInBranches->setEnabled(!branch.isEmpty());
    // Its pipelines, test delta, migrations and the environments it reached.
    menu.addAction(Icons::get(QStringLiteral("overview")), tr("Show Commit Overview"), this,
        [this, id] { Q_EMIT commitOverviewRequested(id); });
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

bool HistoryPage::eventFilter(QObject *watched, QEvent *event)
{
    // The view's new size is known once it has handled the event.
    if (watched == m_view && event->type() == QEvent::Resize)
        QMetaObject::invokeMethod(this, &HistoryPage::updateGraphWidth, Qt::QueuedConnection);
    // Esc leaves the search results; claim it before the window's "cancel jobs" shortcut.
    if ((watched == m_searchField || watched == m_view) && m_searching
        && (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape) {
            event->accept();
            if (event->type() == QEvent::KeyPress)
                exitSearch();
            return true;
        }
    }
    return Page::eventFilter(watched, event);
}

void HistoryPage::showEvent(QShowEvent *event)
{
    Page::showEvent(event);
    if (m_scrollOnShow && m_view->currentIndex().isValid()) {
        m_scrollOnShow = false;
        // After the layout has given the view its size.
        QTimer::singleShot(0, this, [this] {
            if (m_view->currentIndex().isValid())
                m_view->scrollTo(m_view->currentIndex(), QAbstractItemView::PositionAtCenter);
        });
    }
}

void HistoryPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        m_searchIcon->setIcon(Icons::get(QStringLiteral("search"), Theme::mutedText()));
        QPalette errorPalette = m_errorLabel->palette();
        errorPalette.setColor(QPalette::WindowText, Theme::deletedText());
        m_errorLabel->setPalette(errorPalette);
    }
    Page::changeEvent(event);
}

QByteArray HistoryPage::saveState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << m_split->saveState() << m_detail->saveState();
    return state;
}

void HistoryPage::restoreState(const QByteArray &state)
{
    QDataStream in(state);
    QByteArray split, detail;
    in >> split >> detail;
    if (in.status() != QDataStream::Ok)
        return;
    m_split->restoreState(split);
    m_detail->restoreState(detail);
}

} // namespace devdash::ui

#include "BranchesPage.h"

#include "BranchDelegate.h"
#include "common/Icons.h"
#include "common/Theme.h"
#include "common/Workspace.h"

#include "git/BranchModel.h"
#include "pipelines/BranchPipelineStatus.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDataStream>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTreeView>
#include <QVBoxLayout>

namespace devdash::ui {

using git::BranchModel;

BranchesPage::BranchesPage(Workspace *workspace, QWidget *parent)
    : Page(parent)
    , m_workspace(workspace)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTreeView(this))
    , m_filter(new QLineEdit(this))
    , m_groupByPrefix(new QCheckBox(tr("&Group by prefix"), this))
    , m_staleDays(new QSpinBox(this))
    , m_summary(new QLabel(this))
    , m_detachedBanner(new QLabel(this))
{
    BranchModel *model = workspace->branches();
    m_proxy->setSourceModel(model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(BranchModel::NameColumn);
    m_proxy->setSortRole(BranchModel::SortRole);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(8, 6, 8, 6);
    bar->setSpacing(10);
    m_filter->setPlaceholderText(tr("Filter branches and tags (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_filterIcon = m_filter->addAction(QIcon(), QLineEdit::LeadingPosition);
    m_filter->setToolTip(tr("Shows the refs whose name contains this text (case-insensitive)"));
    m_groupByPrefix->setChecked(model->grouping() == BranchModel::Grouping::Prefix);
    m_groupByPrefix->setToolTip(tr("Group feature/, release/, each remote and the tags"));
    m_staleDays->setRange(1, 3650);
    m_staleDays->setValue(model->staleDays());
    m_staleDays->setSuffix(tr(" days"));
    m_staleDays->setToolTip(tr("A branch with no commit for longer than this is shown as stale"));
    auto *staleLabel = new QLabel(tr("&Stale after"), this);
    staleLabel->setBuddy(m_staleDays);
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_groupByPrefix);
    bar->addWidget(staleLabel);
    bar->addWidget(m_staleDays);
    bar->addSpacing(6);
    bar->addWidget(m_summary);

    m_summary->setTextFormat(Qt::PlainText);
    m_detachedBanner->setTextFormat(Qt::PlainText);
    m_detachedBanner->setContentsMargins(10, 5, 10, 5);
    m_detachedBanner->setAutoFillBackground(true);
    applyThemeColours();
    m_detachedBanner->hide();

    m_view->setModel(m_proxy);
    m_view->setItemDelegate(new BranchDelegate(this));
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setExpandsOnDoubleClick(false);
    m_view->header()->setSortIndicator(
        -1, Qt::AscendingOrder); // the model's own order until a header is clicked
    m_view->setSortingEnabled(true);
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(BranchModel::SummaryColumn, QHeaderView::Stretch);
    header->resizeSection(BranchModel::NameColumn, 200);
    header->resizeSection(BranchModel::CommitColumn, 72);
    header->resizeSection(BranchModel::AuthorColumn, 110);
    header->resizeSection(BranchModel::DateColumn, 155);
    header->resizeSection(BranchModel::UpstreamColumn, 110);
    const int deltaWidth = BranchDelegate::deltaColumnWidth(m_view->fontMetrics());
    header->resizeSection(BranchModel::UpstreamDeltaColumn, deltaWidth);
    header->resizeSection(BranchModel::BaseDeltaColumn, deltaWidth);
    header->setMinimumSectionSize(40);
    // The latest pipeline status of each branch, as a dot before its commit id.
    m_pipelineStatus = new BranchPipelineStatus(m_view, BranchModel::CommitColumn, this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_detachedBanner);
    layout->addWidget(m_view, 1);
    // Tab in reading order: the bar above the branches.
    setTabOrder(m_filter, m_groupByPrefix);
    setTabOrder(m_groupByPrefix, m_staleDays);
    setTabOrder(m_staleDays, m_view);

    auto *focusFilter = new QShortcut(QKeySequence::Find, this);
    focusFilter->setContext(Qt::WidgetWithChildrenShortcut);
    connect(focusFilter, &QShortcut::activated, this, [this] {
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        restoreViewState();
        updateSummary();
    });
    connect(m_groupByPrefix, &QCheckBox::toggled, this, [model](bool grouped) {
        model->setGrouping(grouped ? BranchModel::Grouping::Prefix : BranchModel::Grouping::None);
    });
    connect(m_staleDays, &QSpinBox::valueChanged, model, &BranchModel::setStaleDays);

    // Expanded groups and selection across resets (grouping changes, new refs).
    connect(m_proxy, &QAbstractItemModel::modelAboutToBeReset, this, &BranchesPage::rememberState);
    connect(m_proxy, &QAbstractItemModel::layoutAboutToBeChanged, this, &BranchesPage::rememberState);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &BranchesPage::restoreViewState);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &BranchesPage::restoreViewState);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &BranchesPage::restoreViewState);
    connect(m_view, &QTreeView::collapsed, this, [this](const QModelIndex &index) {
        if (!m_restoring)
            m_collapsedGroups.insert(index.data(BranchModel::RefNameRole).toString());
    });
    connect(m_view, &QTreeView::expanded, this, [this](const QModelIndex &index) {
        if (!m_restoring)
            m_collapsedGroups.remove(index.data(BranchModel::RefNameRole).toString());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            if (!m_restoring && current.isValid() && !current.data(BranchModel::IsGroupRole).toBool())
                m_selectedRef = current.data(BranchModel::FullNameRole).toString();
        });
    connect(model, &BranchModel::loaded, this, [this] {
        restoreViewState();
        updateSummary();
        Q_EMIT readyChanged();
    });
    connect(model, &BranchModel::failed, this, [this](const QString &message) {
        m_summary->setText(tr("Cannot list branches: %1").arg(message));
        Q_EMIT readyChanged();
    });
    connect(m_view, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.data(BranchModel::IsGroupRole).toBool()) {
            m_view->setExpanded(index.siblingAtColumn(0), !m_view->isExpanded(index.siblingAtColumn(0)));
            return;
        }
        Q_EMIT historyRequested(index.data(BranchModel::RefNameRole).toString(), QString());
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, &BranchesPage::showContextMenu);
}

QIcon BranchesPage::icon() const
{
    return Icons::get(QStringLiteral("branches"));
}

void BranchesPage::setRepository(const QString &path)
{
    m_selectedRef.clear();
    m_collapsedGroups.clear();
    m_filter->clear();
    m_summary->setText(path.isEmpty() ? QString() : tr("Loading…"));
    m_detachedBanner->hide();
    m_pipelineStatus->setRepository(path);
    // The window's workspace loads the shared BranchModel; nothing else to start here.
}

void BranchesPage::refresh()
{
    m_workspace->branches()->reload();
    m_pipelineStatus->reload();
}

bool BranchesPage::isReady() const
{
    const BranchModel *model = m_workspace->branches();
    return m_workspace->isOpen() && !model->isLoading() && model->rowCount() > 0;
}

void BranchesPage::rememberState()
{
    const QModelIndex current = m_view->currentIndex();
    if (current.isValid() && !current.data(BranchModel::IsGroupRole).toBool())
        m_selectedRef = current.data(BranchModel::FullNameRole).toString();
}

void BranchesPage::restoreViewState()
{
    m_restoring = true;
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex group = m_proxy->index(row, 0);
        if (!m_proxy->hasChildren(group))
            continue;
        const bool collapsed = m_collapsedGroups.contains(group.data(BranchModel::RefNameRole).toString());
        // A filter shows its matches even inside collapsed groups.
        m_view->setExpanded(group, !collapsed || !m_filter->text().isEmpty());
    }
    if (!m_selectedRef.isEmpty()) {
        const QModelIndex index = findRef(m_selectedRef);
        if (index.isValid() && index != m_view->currentIndex().siblingAtColumn(0)) {
            m_view->selectionModel()->setCurrentIndex(
                index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        }
    }
    m_restoring = false;

    const git::RefListing &listing = m_workspace->branches()->listing();
    if (listing.headDetached) {
        m_detachedBanner->setText(
            tr("HEAD is detached at %1 — no branch is checked out.").arg(git::shortHex(listing.head)));
        m_detachedBanner->show();
    } else {
        m_detachedBanner->hide();
    }
}

QModelIndex BranchesPage::findRef(const QString &name) const
{
    // Depth two at most: groups and their refs.
    auto matches = [&](const QModelIndex &index) {
        return !index.data(BranchModel::IsGroupRole).toBool()
            && (index.data(BranchModel::FullNameRole).toString() == name
                || index.data(BranchModel::RefNameRole).toString() == name);
    };
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex top = m_proxy->index(row, 0);
        if (matches(top))
            return top;
        for (int child = 0; child < m_proxy->rowCount(top); ++child) {
            const QModelIndex index = m_proxy->index(child, 0, top);
            if (matches(index))
                return index;
        }
    }
    return {};
}

bool BranchesPage::selectRef(const QString &name)
{
    QModelIndex index = findRef(name);
    if (!index.isValid() && !m_filter->text().isEmpty()) {
        m_filter->clear();
        index = findRef(name);
    }
    if (!index.isValid())
        return false;
    if (index.parent().isValid())
        m_view->expand(index.parent());
    m_view->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    m_selectedRef = index.data(BranchModel::FullNameRole).toString();
    return true;
}

QString BranchesPage::selectedRef() const
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || current.data(BranchModel::IsGroupRole).toBool())
        return {};
    return current.data(BranchModel::RefNameRole).toString();
}

void BranchesPage::updateSummary()
{
    const git::RefListing &listing = m_workspace->branches()->listing();
    int locals = 0, remotes = 0, tags = 0;
    for (const git::RefInfo &ref : listing.refs) {
        if (ref.kind == git::RefKind::Local)
            ++locals;
        else if (ref.kind == git::RefKind::Remote)
            ++remotes;
        else if (ref.kind == git::RefKind::Tag)
            ++tags;
    }
    m_summary->setText(tr("%1 local · %2 remote · %3 tags").arg(locals).arg(remotes).arg(tags));
    m_summary->setToolTip(listing.base.shortName.isEmpty()
            ? tr("No default branch found")
            : tr("Ahead/behind \"base\" counts compare with %1").arg(listing.base.shortName));
}

void BranchesPage::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid() || index.data(BranchModel::IsGroupRole).toBool())
        return;
    const QString name = index.data(BranchModel::RefNameRole).toString();
    const QString commit = index.data(BranchModel::CommitIdRole).toString();
    const QString base = m_workspace->baseRef();
    QMenu menu(this);
    menu.addAction(Icons::get(QStringLiteral("history")), tr("Show History of %1").arg(name), this,
        [this, name] { Q_EMIT historyRequested(name, QString()); });
    QAction *compare = menu.addAction(Icons::get(QStringLiteral("compare")), tr("Compare with %1").arg(base),
        this, [this, base, name] { Q_EMIT compareRequested(base, name); });
    compare->setEnabled(name != base);
    menu.addSeparator();
    menu.addAction(tr("Copy Name"), this, [name] { QApplication::clipboard()->setText(name); });
    menu.addAction(Icons::get(QStringLiteral("copy")), tr("Copy Commit Id"), this,
        [commit] { QApplication::clipboard()->setText(commit); });
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

void BranchesPage::applyThemeColours()
{
    m_filterIcon->setIcon(Icons::get(QStringLiteral("search"), Theme::mutedText()));
    QPalette banner = m_detachedBanner->palette();
    banner.setColor(QPalette::Window, Theme::noteBackground());
    m_detachedBanner->setPalette(banner);
}

void BranchesPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyThemeColours();
    Page::changeEvent(event);
}

QByteArray BranchesPage::saveState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << m_view->header()->saveState() << m_groupByPrefix->isChecked() << m_staleDays->value();
    return state;
}

void BranchesPage::restoreState(const QByteArray &state)
{
    QDataStream in(state);
    QByteArray header;
    bool grouped = true;
    int staleDays = 30;
    in >> header >> grouped >> staleDays;
    if (in.status() != QDataStream::Ok)
        return;
    m_view->header()->restoreState(header);
    m_groupByPrefix->setChecked(grouped);
    m_staleDays->setValue(staleDays);
}

} // namespace devdash::ui

#include "BranchPipelineStatus.h"

#include "PipelineStatusStyle.h"

#include "ci/PipelineRunStore.h"
#include "common/Background.h"
#include "common/DisplayTime.h"
#include "git/BranchModel.h"
#include "git/RefInfo.h"
#include "tests/TestStoreAccess.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHeaderView>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>
#include <QTreeView>

namespace devdash::ui {

namespace {
constexpr int DotSpace = 18;
}

BranchPipelineStatus::BranchPipelineStatus(QAbstractItemView *view, int column, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_view(view)
    , m_inner(
          view->itemDelegateForColumn(column) ? view->itemDelegateForColumn(column) : view->itemDelegate())
    , m_column(column)
{
    view->setItemDelegateForColumn(column, this);
    // Room for the dot, so the commit id keeps its width.
    if (auto *tree = qobject_cast<QTreeView *>(view))
        tree->header()->resizeSection(column, tree->header()->sectionSize(column) + DotSpace);
}

void BranchPipelineStatus::setRepository(const QString &path)
{
    m_path = path;
    m_latest.clear();
    m_loaded = false;
    reload();
}

void BranchPipelineStatus::reload()
{
    ++m_generation;
    if (m_path.isEmpty())
        return;
    auto location = TestStoreAccess::location();
    if (!location)
        return;
    const quint64 generation = m_generation;
    runInBackground(
        this,
        [location = location.value(), path = m_path]() -> Result<QHash<QString, ci::PipelineRun>> {
            auto db = TestStoreAccess::open(location);
            if (!db)
                return db.error();
            return ci::PipelineRunStore(db.value()).latestPerBranch(TestStoreAccess::repositoryKey(path));
        },
        [this, generation](Result<QHash<QString, ci::PipelineRun>> result) {
            if (generation != m_generation)
                return;
            m_loaded = true;
            if (result)
                m_latest = result.value();
            if (m_view)
                m_view->viewport()->update();
            Q_EMIT loaded();
        });
}

std::optional<ci::PipelineRun> BranchPipelineStatus::latestRun(const QString &branch) const
{
    const auto it = m_latest.constFind(branch);
    return it == m_latest.constEnd() ? std::nullopt : std::optional(*it);
}

std::optional<ci::PipelineRun> BranchPipelineStatus::runOf(const QModelIndex &index) const
{
    if (index.data(git::BranchModel::IsGroupRole).toBool())
        return std::nullopt;
    const auto kind = git::RefKind(index.data(git::BranchModel::KindRole).toInt());
    QString name = index.data(git::BranchModel::RefNameRole).toString();
    if (kind == git::RefKind::Tag || kind == git::RefKind::DetachedHead)
        return std::nullopt;
    if (kind == git::RefKind::Remote)
        name = name.section(QLatin1Char('/'), 1);
    return latestRun(name);
}

void BranchPipelineStatus::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const auto run = runOf(index);
    QStyleOptionViewItem shifted = option;
    if (run) {
        // The row's background under the dot, as the inner delegate would paint it.
        QStyleOptionViewItem background = option;
        background.rect.setWidth(DotSpace);
        QStyledItemDelegate::initStyleOption(&background, index);
        background.text.clear();
        background.icon = {};
        background.features &= ~QStyleOptionViewItem::HasDecoration;
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawPrimitive(QStyle::PE_PanelItemViewItem, &background, painter, widget);
        const int side = qMin(11, option.rect.height() - 6);
        PipelineStatusStyle::paintIcon(painter,
            QRectF(
                option.rect.left() + 5, option.rect.top() + (option.rect.height() - side) / 2.0, side, side),
            run->status);
        shifted.rect.setLeft(option.rect.left() + DotSpace);
    }
    if (m_inner && m_inner != this)
        m_inner->paint(painter, shifted, index);
    else
        QStyledItemDelegate::paint(painter, shifted, index);
}

QSize BranchPipelineStatus::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QSize inner = m_inner && m_inner != this ? m_inner->sizeHint(option, index)
                                                   : QStyledItemDelegate::sizeHint(option, index);
    return inner + QSize(DotSpace, 0);
}

bool BranchPipelineStatus::helpEvent(
    QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option, const QModelIndex &index)
{
    const auto run = runOf(index);
    if (!run || event->pos().x() > option.rect.left() + DotSpace) {
        if (m_inner && m_inner != this)
            return m_inner->helpEvent(event, view, option, index);
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    }
    QString tip = tr("%1: %2 · %3").arg(run->branch, PipelineStatusStyle::label(run->status), run->name);
    if (run->startedAt.isValid())
        tip += QStringLiteral(" · ") + DisplayTime::format(run->startedAt);
    QToolTip::showText(event->globalPos(), tip, view);
    return true;
}

} // namespace devdash::ui

#include "ChangedFilesView.h"

#include "GraphDelegate.h"
#include "common/Theme.h"

#include "git/ChangedFilesModel.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QMenu>
#include <QPainter>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>

namespace devdash::ui {

using git::ChangedFilesModel;

namespace {

QColor statusColor(git::ChangeStatus status)
{
    switch (status) {
    case git::ChangeStatus::Added:
        return Theme::addedText();
    case git::ChangeStatus::Deleted:
        return Theme::deletedText();
    case git::ChangeStatus::Renamed:
    case git::ChangeStatus::Copied:
        return Theme::remoteBadge();
    case git::ChangeStatus::TypeChanged:
        return Theme::tagBadge();
    case git::ChangeStatus::Modified:
        break;
    }
    return Theme::tagBadge().darker(110);
}

// Status letters as small coloured squares, counts in green and red, flags as badges.
class ChangedFileDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const bool selected = opt.state & QStyle::State_Selected;
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        const int column = index.column();

        if (column == ChangedFilesModel::StatusColumn) {
            opt.text.clear();
            style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);
            const auto status = git::ChangeStatus(index.data(ChangedFilesModel::StatusRole).toInt());
            const int side = qMin(option.rect.height() - 6, opt.fontMetrics.height() + 1);
            const QRect box(
                option.rect.center().x() - side / 2, option.rect.center().y() - side / 2, side, side);
            painter->save();
            painter->setRenderHint(QPainter::Antialiasing);
            painter->setPen(Qt::NoPen);
            painter->setBrush(statusColor(status));
            painter->drawRoundedRect(box, 3, 3);
            QFont bold = opt.font;
            bold.setBold(true);
            bold.setPointSizeF(opt.font.pointSizeF() * 0.85);
            painter->setFont(bold);
            painter->setPen(Qt::white);
            painter->drawText(
                box, Qt::AlignCenter, index.data(ChangedFilesModel::StatusLetterRole).toString());
            painter->restore();
            return;
        }
        if (column == ChangedFilesModel::PathColumn) {
            const bool tooLarge = index.data(ChangedFilesModel::IsTooLargeRole).toBool();
            const bool binary = index.data(ChangedFilesModel::IsBinaryRole).toBool();
            if (!tooLarge && !binary) {
                QStyledItemDelegate::paint(painter, option, index);
                return;
            }
            const QString label = tooLarge ? QObject::tr("too large") : QObject::tr("binary");
            QFont badgeFont = opt.font;
            badgeFont.setPointSizeF(opt.font.pointSizeF() * 0.8);
            const int badgeWidth = GraphDelegate::badgeWidth(label, badgeFont);
            const QString path = opt.text;
            opt.text.clear();
            style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);
            const QRect r = option.rect.adjusted(4, 0, -4, 0);
            const int textWidth = qMax(0, r.width() - badgeWidth - 6);
            const QString elided = opt.fontMetrics.elidedText(path, Qt::ElideMiddle, textWidth);
            painter->save();
            painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
            painter->drawText(QRect(r.left(), r.top(), textWidth, r.height()), Qt::AlignVCenter, elided);
            const int badgeHeight = QFontMetrics(badgeFont).height() + 2;
            const int x = r.left() + opt.fontMetrics.horizontalAdvance(elided) + 6;
            GraphDelegate::paintBadge(painter, QPoint(x, r.top() + (r.height() - badgeHeight) / 2),
                badgeHeight, label, tooLarge ? Theme::headBadge() : Theme::mutedText(), false, badgeFont);
            painter->restore();
            return;
        }
        if (!selected) {
            if (column == ChangedFilesModel::AdditionsColumn)
                opt.palette.setColor(QPalette::Text, Theme::addedText());
            else if (column == ChangedFilesModel::DeletionsColumn)
                opt.palette.setColor(QPalette::Text, Theme::deletedText());
        }
        if (column == ChangedFilesModel::AdditionsColumn && !opt.text.isEmpty())
            opt.text.prepend(QLatin1Char('+'));
        if (column == ChangedFilesModel::DeletionsColumn && !opt.text.isEmpty())
            opt.text.prepend(QStringLiteral("−"));
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    }
};

} // namespace

ChangedFilesView::ChangedFilesView(QWidget *parent)
    : QTreeView(parent)
    , m_model(new ChangedFilesModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ChangedFilesModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    setModel(m_proxy);
    setItemDelegate(new ChangedFileDelegate(this));
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setAlternatingRowColors(false);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setTextElideMode(Qt::ElideMiddle);
    header()->setSortIndicator(ChangedFilesModel::PathColumn, Qt::AscendingOrder);
    setSortingEnabled(true);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(ChangedFilesModel::PathColumn, QHeaderView::Stretch);
    header()->setSectionResizeMode(ChangedFilesModel::StatusColumn, QHeaderView::Fixed);
    header()->resizeSection(ChangedFilesModel::StatusColumn, 28);
    header()->resizeSection(ChangedFilesModel::AdditionsColumn, 56);
    header()->resizeSection(ChangedFilesModel::DeletionsColumn, 56);
    header()->setMinimumSectionSize(24);

    connect(
        selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
            if (!current.isValid())
                return;
            Q_EMIT fileSelected(
                m_proxy->data(current, ChangedFilesModel::FileChangeRole).value<git::FileChange>());
        });
}

void ChangedFilesView::setChanges(const QList<git::FileChange> &changes)
{
    m_model->setChanges(changes);
}

std::optional<git::FileChange> ChangedFilesView::currentChange() const
{
    const QModelIndex current = currentIndex();
    if (!current.isValid())
        return std::nullopt;
    return m_proxy->data(current, ChangedFilesModel::FileChangeRole).value<git::FileChange>();
}

bool ChangedFilesView::selectPath(const QString &path)
{
    if (m_proxy->rowCount() == 0)
        return false;
    QModelIndex target = m_proxy->index(0, ChangedFilesModel::PathColumn);
    if (!path.isEmpty()) {
        for (int row = 0; row < m_proxy->rowCount(); ++row) {
            const QModelIndex candidate = m_proxy->index(row, ChangedFilesModel::PathColumn);
            if (candidate.data(ChangedFilesModel::PathRole).toString() == path) {
                target = candidate;
                break;
            }
        }
    }
    setCurrentIndex(target);
    scrollTo(target);
    return true;
}

void ChangedFilesView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex index = indexAt(event->pos());
    if (!index.isValid())
        return;
    const QString path = index.data(ChangedFilesModel::PathRole).toString();
    QMenu menu(this);
    menu.addAction(tr("Copy Path"), this, [path] { QApplication::clipboard()->setText(path); });
    menu.exec(event->globalPos());
}

} // namespace devdash::ui

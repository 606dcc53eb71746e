#include "BranchDelegate.h"

#include "GraphDelegate.h"
#include "common/Theme.h"

#include "common/CompactNumber.h"
#include "git/BranchModel.h"

#include <QApplication>
#include <QPainter>

#include <cmath>

namespace devdash::ui {

using git::BranchModel;

BranchDelegate::BranchDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QSize BranchDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(qMax(size.height(), option.fontMetrics.height() + 8));
    if (index.column() == BranchModel::UpstreamDeltaColumn || index.column() == BranchModel::BaseDeltaColumn)
        size.setWidth(qMax(size.width(), deltaColumnWidth(option.fontMetrics)));
    return size;
}

int BranchDelegate::deltaColumnWidth(const QFontMetrics &metrics)
{
    // Bars (2 × 22) + gap + the widest compact pair ("↑888k ↓88.8k") + the cell's margins.
    const QString widest = QStringLiteral("↑888k") + QStringLiteral("↓88.8k");
    return 12 + 2 * 22 + 5 + metrics.horizontalAdvance(widest) + 4 + 8;
}

void BranchDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(BranchModel::IsGroupRole).toBool()) {
        option->font.setBold(true);
        return;
    }
    const bool selected = option->state & QStyle::State_Selected;
    const bool head = index.data(BranchModel::IsHeadRole).toBool();
    const bool merged = index.data(BranchModel::IsMergedRole).toBool();
    const bool stale = index.data(BranchModel::IsStaleRole).toBool();
    if (head)
        option->font.setBold(true);
    if (stale)
        option->font.setItalic(true);
    if ((merged || stale) && !selected) {
        QColor dim = Theme::mutedText();
        if (stale && !merged)
            dim.setAlphaF(0.85);
        option->palette.setColor(QPalette::Text, dim);
    } else if (!selected && index.column() != BranchModel::NameColumn
        && index.column() != BranchModel::SummaryColumn) {
        option->palette.setColor(QPalette::Text, Theme::mutedText());
    }
    if (index.column() == BranchModel::CommitColumn)
        option->font.setFamily(QStringLiteral("monospace"));
}

void BranchDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (index.data(BranchModel::IsGroupRole).toBool()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    switch (index.column()) {
    case BranchModel::NameColumn:
        paintName(painter, option, index);
        return;
    case BranchModel::UpstreamDeltaColumn:
        paintDelta(
            painter, option, index.data(BranchModel::AheadRole), index.data(BranchModel::BehindRole), false);
        return;
    case BranchModel::BaseDeltaColumn:
        if (index.data(Qt::DisplayRole).toString().isEmpty()) { // the default branch itself
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        paintDelta(painter, option, index.data(BranchModel::BaseAheadRole),
            index.data(BranchModel::BaseBehindRole), true);
        return;
    default:
        QStyledItemDelegate::paint(painter, option, index);
    }
}

void BranchDelegate::paintName(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const bool head = index.data(BranchModel::IsHeadRole).toBool();
    const bool merged = index.data(BranchModel::IsMergedRole).toBool();
    const bool detached = index.data(BranchModel::KindRole).toInt() == int(git::RefKind::DetachedHead);
    const QString name = opt.text;
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget);
    QRect r = textRect.adjusted(2, 0, -2, 0);
    const bool selected = opt.state & QStyle::State_Selected;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    // A marker for what is checked out: a filled dot like the graph's HEAD.
    const int dot = opt.fontMetrics.height() / 2;
    if (head || detached) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(Theme::headBadge());
        painter->drawEllipse(QRectF(r.left(), r.center().y() - dot / 2.0, dot, dot));
    }
    r.setLeft(r.left() + dot + 6);

    QFont badgeFont = opt.font;
    badgeFont.setBold(false);
    badgeFont.setItalic(false);
    badgeFont.setPointSizeF(opt.font.pointSizeF() * 0.8);
    QStringList badges;
    if (head)
        badges << tr("HEAD");
    if (detached)
        badges << tr("detached");
    if (merged)
        badges << tr("merged");
    int badgesWidth = 0;
    for (const QString &badge : badges)
        badgesWidth += GraphDelegate::badgeWidth(badge, badgeFont) + 4;

    painter->setFont(opt.font);
    painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    const QFontMetrics fm(opt.font);
    const QString elided = fm.elidedText(name, Qt::ElideMiddle, qMax(20, r.width() - badgesWidth - 6));
    painter->drawText(r, Qt::AlignVCenter | Qt::AlignLeft, elided);
    int x = r.left() + fm.horizontalAdvance(elided) + 6;
    const int badgeHeight = QFontMetrics(badgeFont).height() + 2;
    for (const QString &badge : badges) {
        const QColor color = badge == tr("merged") ? Theme::mutedText() : Theme::headBadge();
        x += GraphDelegate::paintBadge(painter, QPoint(x, r.top() + (r.height() - badgeHeight) / 2),
                 badgeHeight, badge, color, false, badgeFont)
            + 4;
    }
    painter->restore();
}

void BranchDelegate::paintDelta(QPainter *painter, const QStyleOptionViewItem &option, const QVariant &ahead,
    const QVariant &behind, bool isBase) const
{
    QStyleOptionViewItem opt = option;
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);
    if (!ahead.isValid() && !behind.isValid())
        return;
    const int a = ahead.toInt();
    const int b = behind.toInt();
    const bool selected = opt.state & QStyle::State_Selected;
    const QRect r = option.rect.adjusted(6, 0, -6, 0);
    painter->save();
    painter->setFont(opt.font);
    if (a == 0 && b == 0) {
        painter->setPen(selected ? opt.palette.color(QPalette::HighlightedText) : Theme::mutedText());
        painter->drawText(r, Qt::AlignVCenter | Qt::AlignLeft, isBase ? tr("even") : tr("in sync"));
        painter->restore();
        return;
    }
    // Bars on a log scale around a centre line: ahead grows right (green), behind left (red).
    const int barZone = qMin(22, r.width() / 5); // each side
    const int centre = r.left() + barZone;
    const int barHeight = qMax(4, opt.fontMetrics.height() / 3);
    const int y = r.center().y() - barHeight / 2;
    auto barLength = [barZone](int n) {
        return n <= 0 ? 0 : qMax(2, int(barZone * std::log10(1.0 + n) / std::log10(1.0 + 300.0)));
    };
    painter->setPen(Qt::NoPen);
    painter->setBrush(Theme::deletedText());
    const int left = qMin(barZone, barLength(b));
    painter->drawRect(centre - left, y, left, barHeight);
    painter->setBrush(Theme::addedText());
    const int right = qMin(barZone, barLength(a));
    painter->drawRect(centre + 1, y, right, barHeight);
    painter->setPen(opt.palette.color(QPalette::Mid));
    painter->drawLine(centre, y - 2, centre, y + barHeight + 2);

    const QRect textRect(centre + barZone + 5, r.top(), r.right() - centre - barZone - 4, r.height());
    const QString up = QStringLiteral("↑") + CompactNumber::format(a);
    const QString down = QStringLiteral("↓") + CompactNumber::format(b);
    painter->setPen(selected ? opt.palette.color(QPalette::HighlightedText) : Theme::addedText());
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft, up);
    const int upWidth = opt.fontMetrics.horizontalAdvance(up) + 4;
    painter->setPen(selected ? opt.palette.color(QPalette::HighlightedText) : Theme::deletedText());
    painter->drawText(textRect.adjusted(upWidth, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, down);
    painter->restore();
}

} // namespace devdash::ui

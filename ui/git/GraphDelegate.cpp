#include "GraphDelegate.h"

#include "common/Theme.h"

#include "git/HistoryModel.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace devdash::ui {

using git::HistoryModel;

GraphDelegate::GraphDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

void GraphDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    option->state &= ~QStyle::State_HasFocus; // rows are selected, not cells
    const QColor base = option->palette.color(QPalette::Base);
    const QColor highlight = option->palette.color(QPalette::Highlight);
    const qreal mix = Theme::isDark() ? 0.45 : 0.22;
    const QColor soft = QColor::fromRgbF(base.redF() + (highlight.redF() - base.redF()) * mix,
        base.greenF() + (highlight.greenF() - base.greenF()) * mix,
        base.blueF() + (highlight.blueF() - base.blueF()) * mix);
    for (auto group : { QPalette::Active, QPalette::Inactive }) {
        option->palette.setColor(group, QPalette::Highlight, soft);
        option->palette.setColor(group, QPalette::HighlightedText, option->palette.color(QPalette::Text));
    }
}

QSize GraphDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(qMax(size.height(), option.fontMetrics.height() + 8));
    if (index.column() == HistoryModel::GraphColumn) {
        const auto row = index.data(HistoryModel::GraphRowRole).value<git::GraphRow>();
        size.setWidth(graphWidth(qMax<int>(1, row.width), m_pitch));
    }
    return size;
}

void GraphDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    switch (index.column()) {
    case HistoryModel::GraphColumn:
        paintGraph(painter, option, index);
        return;
    case HistoryModel::SummaryColumn:
        paintSummary(painter, option, index);
        return;
    default:
        break;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.palette.setColor(QPalette::Text, Theme::mutedText());
    opt.palette.setColor(QPalette::HighlightedText, Theme::mutedText());
    if (index.column() == HistoryModel::CommitColumn)
        opt.font.setFamily(QStringLiteral("monospace"));
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
}

void GraphDelegate::paintGraph(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);

    const QVariant value = index.data(HistoryModel::GraphRowRole);
    git::GraphRow row;
    if (value.isValid())
        row = value.value<git::GraphRow>();

    const QRect r = option.rect;
    const qreal top = r.top();
    const qreal bottom = r.bottom() + 1;
    const qreal middle = r.top() + r.height() / 2.0;
    auto laneX = [&](int lane) { return r.left() + laneCenter(lane); };
    const qreal radius = dotRadius();
    const qreal penWidth = m_pitch >= 8 ? 2.0 : 1.5;

    painter->save();
    painter->setClipRect(r);
    painter->setRenderHint(QPainter::Antialiasing);
    auto lanePen = [penWidth](int lane) {
        QPen pen(Theme::laneColor(lane), penWidth);
        pen.setCapStyle(Qt::FlatCap);
        return pen;
    };

    for (uint16_t lane : row.through) {
        painter->setPen(lanePen(lane));
        painter->drawLine(QPointF(laneX(lane), top), QPointF(laneX(lane), bottom));
    }
    const qreal x = laneX(row.lane);
    if (row.hasChild) {
        painter->setPen(lanePen(row.lane));
        painter->drawLine(QPointF(x, top), QPointF(x, middle));
    }
    for (uint16_t parentLane : row.toParents) {
        // A line belongs to the side branch it starts or ends: colour it by the outer lane.
        painter->setPen(lanePen(qMax<int>(parentLane, row.lane)));
        const qreal px = laneX(parentLane);
        if (parentLane == row.lane) {
            painter->drawLine(QPointF(x, middle), QPointF(x, bottom));
        } else {
            QPainterPath path(QPointF(x, middle));
            path.cubicTo(QPointF(x, bottom - 1), QPointF(px, middle + 1), QPointF(px, bottom));
            painter->setBrush(Qt::NoBrush);
            painter->drawPath(path);
        }
    }

    const QColor dotColor = Theme::laneColor(row.lane);
    const bool isMerge = row.toParents.size() > 1;
    const QStringList refs = index.data(HistoryModel::RefsRole).toStringList();
    if (isMerge) {
        painter->setPen(QPen(dotColor, penWidth));
        painter->setBrush(option.palette.color(QPalette::Base));
        const qreal mergeRadius = qMin(4.5, radius);
        painter->drawEllipse(QPointF(x, middle), mergeRadius, mergeRadius);
    } else {
        painter->setPen(QPen(option.palette.color(QPalette::Base), 1.2));
        painter->setBrush(dotColor);
        const qreal dot = refs.isEmpty() ? qMin(4.0, radius) : radius; // tips stand out a little
        painter->drawEllipse(QPointF(x, middle), dot, dot);
    }
    painter->restore();
}

QColor GraphDelegate::badgeColor(const QString &ref, bool *emphasised) const
{
    *emphasised = false;
    if (ref == QLatin1String("HEAD")) {
        *emphasised = true;
        return Theme::headBadge();
    }
    std::optional<git::RefKind> kind = m_kindOf ? m_kindOf(ref) : std::nullopt;
    if (!kind) {
        if (ref.startsWith(QLatin1Char('v')) && ref.size() > 1 && ref.at(1).isDigit())
            kind = git::RefKind::Tag;
        else if (ref.contains(QLatin1Char('/'))
            && ref.section(QLatin1Char('/'), 0, 0) == QLatin1String("origin"))
            kind = git::RefKind::Remote;
        else
            kind = git::RefKind::Local;
    }
    switch (*kind) {
    case git::RefKind::Tag:
        return Theme::tagBadge();
    case git::RefKind::Remote:
        return Theme::remoteBadge();
    case git::RefKind::DetachedHead:
        *emphasised = true;
        return Theme::headBadge();
    case git::RefKind::Local:
        break;
    }
    if (!m_currentBranch.isEmpty() && ref == m_currentBranch) {
        *emphasised = true;
        return Theme::headBadge();
    }
    return Theme::branchBadge();
}

int GraphDelegate::badgeWidth(const QString &text, const QFont &font)
{
    return QFontMetrics(font).horizontalAdvance(text) + 10;
}

int GraphDelegate::paintBadge(QPainter *painter, const QPoint &topLeft, int height, const QString &text,
    const QColor &color, bool emphasised, const QFont &font)
{
    const int width = badgeWidth(text, font);
    const QRectF box(topLeft.x() + 0.5, topLeft.y() + 0.5, width - 1, height - 1);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(emphasised ? QPen(color.darker(130), 1.2) : Qt::NoPen);
    painter->setBrush(color);
    painter->drawRoundedRect(box, height / 2.5, height / 2.5);
    QFont badgeFont = font;
    badgeFont.setBold(emphasised);
    painter->setFont(badgeFont);
    painter->setPen(Qt::white);
    painter->drawText(box, Qt::AlignCenter, text);
    painter->restore();
    return width;
}

void GraphDelegate::paintSummary(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString summary = opt.text;
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);

    const bool selected = opt.state & QStyle::State_Selected;
    QRect r = option.rect.adjusted(4, 0, -4, 0);
    const QStringList refs = index.data(HistoryModel::RefsRole).toStringList();
    if (!refs.isEmpty()) {
        QFont badgeFont = opt.font;
        badgeFont.setPointSizeF(opt.font.pointSizeF() * 0.85);
        const int badgeHeight = QFontMetrics(badgeFont).height() + 3;
        const int y = r.top() + (r.height() - badgeHeight) / 2;
        const int maxBadgesWidth = r.width() * 3 / 5;
        int x = r.left();
        for (int i = 0; i < refs.size(); ++i) {
            const QString &ref = refs.at(i);
            const int width = badgeWidth(ref, badgeFont);
            if (x + width - r.left() > maxBadgesWidth) {
                // No room: say how many are left out rather than cutting a name.
                const QString more = QStringLiteral("+%1").arg(refs.size() - i);
                x += paintBadge(
                         painter, QPoint(x, y), badgeHeight, more, Theme::mutedText(), false, badgeFont)
                    + 4;
                break;
            }
            bool emphasised = false;
            const QColor color = badgeColor(ref, &emphasised);
            x += paintBadge(painter, QPoint(x, y), badgeHeight, ref, color, emphasised, badgeFont) + 4;
        }
        r.setLeft(x + 2);
    }
    // The commit's pipeline status, after its refs.
    if (m_statusDot)
        r.setLeft(r.left() + m_statusDot(painter, r, index.data(HistoryModel::CommitIdRole).toString()));
    // The commit's newest test run, after its refs: green when it passed, red when not.
    if (m_testBadge) {
        if (const auto badge = m_testBadge(index.data(HistoryModel::CommitIdRole).toString())) {
            QFont badgeFont = opt.font;
            badgeFont.setPointSizeF(opt.font.pointSizeF() * 0.85);
            const int badgeHeight = QFontMetrics(badgeFont).height() + 3;
            const int y = r.top() + (r.height() - badgeHeight) / 2;
            const QColor color = badge->second ? Theme::deletedText() : Theme::addedText();
            r.setLeft(r.left()
                + paintBadge(painter, QPoint(r.left(), y), badgeHeight, badge->first, color, false, badgeFont)
                + 6);
        }
    }

    const bool loaded = index.data(HistoryModel::MetaLoadedRole).toBool();
    painter->save();
    painter->setFont(opt.font);
    QColor textColor = opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    if (!loaded && !selected)
        textColor = Theme::mutedText();
    painter->setPen(textColor);
    const QString text = loaded ? summary : QStringLiteral("…");
    painter->drawText(r, Qt::AlignVCenter | Qt::AlignLeft,
        opt.fontMetrics.elidedText(text, Qt::ElideRight, qMax(0, r.width())));
    painter->restore();
}

} // namespace devdash::ui

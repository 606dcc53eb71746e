#include "FlowLayout.h"

#include <QWidget>

namespace devdash::ui {

FlowLayout::FlowLayout(QWidget *parent, int spacing)
    : QLayout(parent)
{
    setSpacing(spacing);
    setContentsMargins(0, 0, 0, 0);
}

FlowLayout::~FlowLayout()
{
    while (QLayoutItem *item = takeAt(0))
        delete item;
}

void FlowLayout::addItem(QLayoutItem *item)
{
    m_items << item;
}

int FlowLayout::count() const
{
    return int(m_items.size());
}

QLayoutItem *FlowLayout::itemAt(int index) const
{
    return m_items.value(index);
}

QLayoutItem *FlowLayout::takeAt(int index)
{
    return index >= 0 && index < m_items.size() ? m_items.takeAt(index) : nullptr;
}

Qt::Orientations FlowLayout::expandingDirections() const
{
    return Qt::Horizontal;
}

bool FlowLayout::hasHeightForWidth() const
{
    return true;
}

int FlowLayout::heightForWidth(int width) const
{
    return doLayout(QRect(0, 0, width, 0), false);
}

QSize FlowLayout::minimumSize() const
{
    // As narrow as the widest single item: everything else wraps.
    QSize size;
    for (const QLayoutItem *item : m_items)
        if (!item->isEmpty())
            size = size.expandedTo(item->minimumSize());
    const QMargins m = contentsMargins();
    return size + QSize(m.left() + m.right(), m.top() + m.bottom());
}

QSize FlowLayout::sizeHint() const
{
    // One row of everything at its preferred size.
    int width = 0, height = 0, visible = 0;
    for (const QLayoutItem *item : m_items) {
        if (item->isEmpty())
            continue;
        width += item->sizeHint().width();
        height = qMax(height, item->sizeHint().height());
        ++visible;
    }
    const QMargins m = contentsMargins();
    return QSize(
        width + qMax(0, visible - 1) * spacing() + m.left() + m.right(), height + m.top() + m.bottom());
}

void FlowLayout::setGeometry(const QRect &rect)
{
    QLayout::setGeometry(rect);
    doLayout(rect, true);
}

int FlowLayout::doLayout(const QRect &rect, bool apply) const
{
    const QMargins m = contentsMargins();
    const QRect area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom());
    const int gap = spacing();
    QList<QLayoutItem *> visible;
    int cell = 0; // every item as wide as the widest one wants: cards line up in columns
    for (QLayoutItem *item : m_items)
        if (!item->isEmpty()) {
            visible << item;
            cell = qMax(cell, qMax(item->sizeHint().width(), item->minimumSize().width()));
        }
    if (visible.isEmpty())
        return m.top() + m.bottom();

    const int perRow = qBound(1, (area.width() + gap) / qMax(1, cell + gap), int(visible.size()));
    // Rows share the width out evenly (or keep the preferred width when not stretching).
    const int width = m_stretch ? qMax(1, (area.width() - (perRow - 1) * gap) / perRow) : cell;
    int y = area.y();
    for (int index = 0; index < visible.size(); index += perRow) {
        const int end = qMin(index + perRow, int(visible.size()));
        int rowHeight = 0;
        for (int i = index; i < end; ++i)
            rowHeight = qMax(rowHeight,
                visible[i]->hasHeightForWidth() ? visible[i]->heightForWidth(width)
                                                : visible[i]->sizeHint().height());
        if (apply)
            for (int i = index; i < end; ++i)
                visible[i]->setGeometry(QRect(area.x() + (i - index) * (width + gap), y, width, rowHeight));
        y += rowHeight + gap;
    }
    return y - gap - area.y() + m.top() + m.bottom();
}

} // namespace devdash::ui

#include "PaddedRowDelegate.h"

#include "Theme.h"

namespace devdash::ui {

PaddedRowDelegate::PaddedRowDelegate(QSet<int> mutedColumns, QSet<int> monospaceColumns, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_muted(std::move(mutedColumns))
    , m_monospace(std::move(monospaceColumns))
{
}

QSize PaddedRowDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(qMax(size.height(), option.fontMetrics.height() + 8));
    return size;
}

void PaddedRowDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (m_muted.contains(index.column()) && !(option->state & QStyle::State_Selected))
        option->palette.setColor(QPalette::Text, Theme::mutedText());
    if (m_monospace.contains(index.column()))
        option->font.setFamily(QStringLiteral("monospace"));
}

} // namespace devdash::ui

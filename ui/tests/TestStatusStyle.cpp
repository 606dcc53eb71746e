#include "TestStatusStyle.h"

#include "common/Theme.h"

#include <QApplication>
#include <QPainter>

namespace devdash::ui {

using testresults::TestStatus;

QColor TestStatusStyle::color(TestStatus status)
{
    const bool dark = Theme::isDark();
    switch (status) {
    case TestStatus::Passed:
        return dark ? QColor(0x4c, 0xb8, 0x6a) : QColor(0x2e, 0x8b, 0x4a);
    case TestStatus::Failed:
        return dark ? QColor(0xf0, 0x5d, 0x5d) : QColor(0xd0, 0x36, 0x36);
    case TestStatus::Errored:
        return dark ? QColor(0xf0, 0x9a, 0x3e) : QColor(0xd9, 0x6c, 0x0b);
    case TestStatus::Skipped:
        break;
    }
    return dark ? QColor(0x8a, 0x94, 0xa3) : QColor(0x9a, 0xa3, 0xae);
}

QColor TestStatusStyle::absentColor()
{
    return Theme::isDark() ? QColor(0x3a, 0x3f, 0x47) : QColor(0xe3, 0xe6, 0xea);
}

TestStatusDelegate::TestStatusDelegate(int statusRole, QSet<int> columns, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_role(statusRole)
    , m_columns(std::move(columns))
{
}

void TestStatusDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QVariant status = index.data(m_role);
    if (!m_columns.contains(index.column()) || !status.isValid()) {
        QStyleOptionViewItem opt = option;
        opt.rect.adjust(4, 0, -4, 0);
        QStyledItemDelegate::paint(painter, opt, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    // A marker the colour of the status; absent tests get a hollow one.
    const int code = status.toInt();
    const int size = qMin(10, option.rect.height() - 6);
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget);
    const QRectF marker(textRect.left() + 4, option.rect.center().y() - size / 2.0 + 0.5, size, size);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (code < 0) {
        painter->setPen(QPen(Theme::mutedText(), 1.2));
        painter->setBrush(Qt::NoBrush);
    } else {
        painter->setPen(Qt::NoPen);
        painter->setBrush(TestStatusStyle::color(TestStatus(code)));
    }
    painter->drawRoundedRect(marker, 2.5, 2.5);
    const bool selected = opt.state & QStyle::State_Selected;
    painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    const QRect rest = textRect.adjusted(size + 10, 0, 0, 0);
    painter->drawText(rest, Qt::AlignVCenter | Qt::AlignLeft,
        opt.fontMetrics.elidedText(text, Qt::ElideRight, rest.width()));
    painter->restore();
}

QSize TestStatusDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(qMax(size.height(), option.fontMetrics.height() + 8));
    if (m_columns.contains(index.column()))
        size.setWidth(size.width() + 18);
    return size + QSize(8, 0);
}

} // namespace devdash::ui

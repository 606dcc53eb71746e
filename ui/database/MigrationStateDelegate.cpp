#include "MigrationStateDelegate.h"

#include "common/Theme.h"

#include <QApplication>
#include <QPainter>

namespace devdash::ui {

using migrations::MigrationState;

MigrationStateDelegate::MigrationStateDelegate(int stateRole, QSet<int> columns, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_stateRole(stateRole)
    , m_columns(std::move(columns))
{
}

QColor MigrationStateDelegate::colour(MigrationState state)
{
    const bool dark = Theme::isDark();
    switch (state) {
    case MigrationState::Applied:
        return dark ? QColor(0x56, 0xd3, 0x64) : QColor(0x1a, 0x7f, 0x37);
    case MigrationState::Pending:
        return dark ? QColor(0x58, 0xa6, 0xff) : QColor(0x09, 0x69, 0xda);
    case MigrationState::Failed:
        return dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xcf, 0x22, 0x2e);
    case MigrationState::Missing:
        return dark ? QColor(0xf0, 0x88, 0x3e) : QColor(0xbc, 0x4c, 0x00);
    case MigrationState::ChecksumMismatch:
        return dark ? QColor(0xd2, 0xa8, 0xff) : QColor(0x82, 0x50, 0xdf);
    case MigrationState::OutOfOrder:
        return dark ? QColor(0xe3, 0xb3, 0x41) : QColor(0x9a, 0x67, 0x00);
    case MigrationState::Future:
        return dark ? QColor(0x39, 0xc5, 0xcf) : QColor(0x0b, 0x7a, 0x84);
    case MigrationState::Outdated:
        return dark ? QColor(0xe3, 0xb3, 0x41) : QColor(0x9a, 0x67, 0x00);
    case MigrationState::Baseline:
    case MigrationState::Ignored:
        return dark ? QColor(0x8b, 0x94, 0x9e) : QColor(0x6e, 0x77, 0x81);
    }
    return {};
}

QString MigrationStateDelegate::label(MigrationState state)
{
    switch (state) {
    case MigrationState::Applied:
        return tr("applied");
    case MigrationState::Pending:
        return tr("pending");
    case MigrationState::Failed:
        return tr("failed");
    case MigrationState::Missing:
        return tr("missing");
    case MigrationState::ChecksumMismatch:
        return tr("checksum mismatch");
    case MigrationState::OutOfOrder:
        return tr("out of order");
    case MigrationState::Future:
        return tr("future");
    case MigrationState::Baseline:
        return tr("baseline");
    case MigrationState::Ignored:
        return tr("ignored");
    case MigrationState::Outdated:
        return tr("outdated");
    }
    return {};
}

void MigrationStateDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QVariant state = index.data(m_stateRole);
    if ((!m_columns.isEmpty() && !m_columns.contains(index.column())) || !state.isValid() || state.isNull()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = label(MigrationState(state.toInt()));
    opt.text.clear();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const QColor c = colour(MigrationState(state.toInt()));
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect r = opt.rect.adjusted(8, 0, -4, 0);
    const int d = 8;
    painter->setPen(Qt::NoPen);
    painter->setBrush(c);
    painter->drawEllipse(QRect(r.left(), r.center().y() - d / 2 + 1, d, d));
    painter->setPen(opt.state & QStyle::State_Selected ? opt.palette.color(QPalette::HighlightedText) : c);
    QFont font = opt.font;
    font.setBold(MigrationState(state.toInt()) != MigrationState::Applied);
    painter->setFont(font);
    painter->drawText(r.adjusted(d + 6, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft,
        QFontMetrics(font).elidedText(text, Qt::ElideRight, r.width() - d - 6));
    painter->restore();
}

QSize MigrationStateDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QVariant state = index.data(m_stateRole);
    if (state.isValid() && !state.isNull())
        size.setWidth(std::max(
            size.width(), option.fontMetrics.horizontalAdvance(label(MigrationState(state.toInt()))) + 40));
    return size;
}

} // namespace devdash::ui

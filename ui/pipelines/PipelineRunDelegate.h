#pragma once

// The cells of the run table: the status as its coloured glyph and word, the
// start as "12 min ago" (the absolute time is the tooltip), local runs made on a
// changed work tree marked "dirty".

#include <QStyledItemDelegate>

namespace devdash::ui {

class PipelineRunDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace devdash::ui

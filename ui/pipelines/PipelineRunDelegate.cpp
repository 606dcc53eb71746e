#include "PipelineRunDelegate.h"

#include "PipelineStatusStyle.h"

#include "ci/PipelineRunModel.h"

namespace devdash::ui {

using ci::PipelineRunModel;

void PipelineRunDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    switch (index.column()) {
    case PipelineRunModel::StatusColumn: {
        const auto status = ci::RunStatus(index.data(PipelineRunModel::StatusRole).toInt());
        option->text = PipelineStatusStyle::label(status);
        option->icon = PipelineStatusStyle::icon(status);
        option->features |= QStyleOptionViewItem::HasDecoration;
        option->decorationSize = QSize(14, 14);
        break;
    }
    case PipelineRunModel::TriggerColumn:
        if (index.data(PipelineRunModel::RunRole).value<ci::PipelineRun>().dirty)
            option->text = tr("%1 · dirty").arg(option->text);
        break;
    case PipelineRunModel::CommitColumn:
        option->font.setFamily(QStringLiteral("monospace"));
        option->text = option->text.left(8);
        break;
    default:
        break;
    }
}

QSize PipelineRunDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(qMax(size.height(), option.fontMetrics.height() + 8));
    return size + QSize(8, 0);
}

} // namespace devdash::ui

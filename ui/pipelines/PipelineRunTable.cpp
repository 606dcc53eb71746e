#include "PipelineRunTable.h"

#include "common/TableLook.h"

#include "PipelineRunDelegate.h"

#include "ci/PipelineRunModel.h"
#include "common/DisplayTime.h"

#include <QFontMetrics>
#include <QHeaderView>

#include <algorithm>
#include <initializer_list>

namespace devdash::ui {

using ci::PipelineRunModel;

PipelineRunTable::PipelineRunTable(QAbstractItemModel *model, QWidget *parent)
    : QTableView(parent)
{
    setObjectName(QStringLiteral("pipelineRuns"));
    setModel(model);
    TableLook::apply(this, TableLook::SingleSelection);
    setContextMenuPolicy(Qt::CustomContextMenu);
    setItemDelegate(new PipelineRunDelegate(this));
    setSortingEnabled(true);
    sortByColumn(PipelineRunModel::StartedColumn, Qt::DescendingOrder);
    sizeColumns();
}

void PipelineRunTable::sizeColumns()
{
    QHeaderView *header = horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setMinimumSectionSize(40);
    // The name takes what is left, so Started, Duration and Provider stay in view on a
    // laptop screen; the other columns are as wide as their usual values.
    header->setStretchLastSection(false);
    header->setSectionResizeMode(PipelineRunModel::NameColumn, QHeaderView::Stretch);
    const QFontMetrics metrics = fontMetrics();
    auto fit = [&](std::initializer_list<QString> samples, int padding) {
        int width = 0;
        for (const QString &sample : samples)
            width = std::max(width, metrics.horizontalAdvance(sample));
        return width + padding;
    };
    header->resizeSection(PipelineRunModel::StatusColumn, fit({ tr("Canceled"), tr("Running") }, 26));
    header->resizeSection(PipelineRunModel::BranchColumn, fit({ QStringLiteral("release/1.10") }, 16));
    header->resizeSection(PipelineRunModel::CommitColumn, fit({ QStringLiteral("00000000") }, 12));
    header->resizeSection(PipelineRunModel::TriggerColumn, fit({ QStringLiteral("schedule") }, 16));
    // The widest texts DisplayTime gives: the locale's date and time, "yesterday 23:59".
    const QDateTime sampleNow(QDate(2026, 6, 1), QTime(12, 0));
    header->resizeSection(PipelineRunModel::StartedColumn,
        fit({ DisplayTime::format(QDateTime(QDate(2025, 12, 28), QTime(23, 59)), sampleNow, QLocale()),
                DisplayTime::format(sampleNow.addSecs(-12 * 3600 - 60), sampleNow, QLocale()),
                DisplayTime::format(sampleNow.addSecs(-59 * 60), sampleNow, QLocale()) },
            16));
    header->resizeSection(PipelineRunModel::DurationColumn,
        fit({ tr("Duration"), PipelineRunModel::formatDuration(59 * 60 + 59) }, 16));
    header->resizeSection(PipelineRunModel::ProviderColumn,
        fit({ QStringLiteral("jenkins"), QStringLiteral("github"), QStringLiteral("cctray") }, 16));
}

} // namespace devdash::ui

#include "PipelineRunFilter.h"

#include "ci/PipelineRunModel.h"

namespace devdash::ui {

using ci::PipelineRunModel;

PipelineRunFilter::PipelineRunFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(PipelineRunModel::SortRole);
    setDynamicSortFilter(true);
}

void PipelineRunFilter::setBranch(const QString &branch)
{
    if (branch == m_branch)
        return;
    m_branch = branch;
    invalidateFilter();
}

void PipelineRunFilter::setStatus(std::optional<ci::RunStatus> status)
{
    if (status == m_status)
        return;
    m_status = status;
    invalidateFilter();
}

void PipelineRunFilter::setText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateFilter();
}

bool PipelineRunFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_branch.isEmpty() && index.data(PipelineRunModel::BranchRole).toString() != m_branch)
        return false;
    if (m_status && index.data(PipelineRunModel::StatusRole).toInt() != int(*m_status))
        return false;
    if (m_text.isEmpty())
        return true;
    // A commit matches by prefix (what people paste); the rest by substring.
    if (index.data(PipelineRunModel::CommitRole).toString().startsWith(m_text, Qt::CaseInsensitive))
        return true;
    for (int column : { PipelineRunModel::NameColumn, PipelineRunModel::BranchColumn,
             PipelineRunModel::TriggerColumn, PipelineRunModel::ProviderColumn })
        if (sourceModel()
                ->index(sourceRow, column, sourceParent)
                .data()
                .toString()
                .contains(m_text, Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace devdash::ui

#include "RunTreeFilter.h"

#include "testresults/RunTreeModel.h"

namespace devdash::ui {

using testresults::RunTreeModel;

RunTreeFilter::RunTreeFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // Suites are kept for their matching cases, not for themselves.
    setRecursiveFilteringEnabled(true);
    setSortRole(RunTreeModel::SortRole);
}

void RunTreeFilter::setFailedOnly(bool failedOnly)
{
    if (failedOnly == m_failedOnly)
        return;
    m_failedOnly = failedOnly;
    invalidateRowsFilter();
}

void RunTreeFilter::setText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateRowsFilter();
}

bool RunTreeFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const bool isSuite = index.data(RunTreeModel::KindRole).toInt() == int(RunTreeModel::Kind::Suite);
    if (isSuite)
        return !m_failedOnly && m_text.isEmpty(); // else: shown through its cases
    if (m_failedOnly && index.data(RunTreeModel::FailingCountRole).toInt() == 0)
        return false;
    if (m_text.isEmpty())
        return true;
    return index.data(RunTreeModel::TestKeyRole).toString().contains(m_text, Qt::CaseInsensitive)
        || index.data(RunTreeModel::MessageRole).toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace devdash::ui

#pragma once

// Sorting and filtering of the Pipelines page's run table: by branch, by status
// and by text (name, branch, commit prefix, trigger, provider), sorted on the
// model's SortRole so times and durations sort as values, not as text.

#include "ci/PipelineRun.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace devdash::ui {

class PipelineRunFilter final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit PipelineRunFilter(QObject *parent = nullptr);

    void setBranch(const QString &branch); // empty: every branch
    void setStatus(std::optional<ci::RunStatus> status); // nullopt: every status
    void setText(const QString &text);
    QString branch() const { return m_branch; }
    std::optional<ci::RunStatus> status() const { return m_status; }
    QString text() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_branch;
    std::optional<ci::RunStatus> m_status;
    QString m_text;
};

} // namespace devdash::ui

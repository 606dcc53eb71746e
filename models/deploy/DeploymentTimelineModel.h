#pragma once

// The deployments of a repository as a table, newest first: when, environment,
// status, commit, version, who, source. Rollbacks and failures are roles (and
// colours are the view's business). Qt Core only.

#include "Deployment.h"

#include <QAbstractTableModel>
#include <QList>

namespace devdash::deploy {

class DeploymentTimelineModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        WhenColumn,
        EnvironmentColumn,
        StatusColumn,
        CommitColumn,
        VersionColumn,
        ByColumn,
        SourceColumn,
        ColumnCount
    };
    enum Role {
        DeploymentIdRole = Qt::UserRole + 1,
        StatusRole, // DeploymentStatus as int
        RollbackRole, // bool
        CommitRole, // full id
        TimeRole, // QDateTime (UTC)
        UrlRole,
    };

    using QAbstractTableModel::QAbstractTableModel;

    // Replaces the rows (oldest first, as DeploymentHistory gives them); rows that
    // stay the same are kept (dataChanged for changed ones, inserts for new ones).
    void setRows(const QList<DeploymentRow> &rowsOldestFirst);
    const DeploymentRow &row(int r) const { return m_rows.at(r); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<DeploymentRow> m_rows; // newest first
};

} // namespace devdash::deploy

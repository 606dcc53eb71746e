#pragma once

// The runs the Pipelines page and the CLI views list, one row per run, keyed by
// PipelineRun::key(). Live data: every poll merges into it with updateRuns(),
// which inserts new runs in one batch, emits dataChanged for the rows whose data
// changed only (contiguous rows coalesced), and removes runs that vanished —
// never a reset after the first load, so selection and scroll position survive.
// Sorting and filtering go through a QSortFilterProxyModel (SortRole).

#include "PipelineRun.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include <functional>

namespace devdash::ci {

class PipelineRunModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        StatusColumn,
        NameColumn,
        BranchColumn,
        CommitColumn,
        TriggerColumn,
        StartedColumn,
        DurationColumn,
        ProviderColumn,
        ColumnCount
    };

    enum Role {
        RunKeyRole = Qt::UserRole + 1, // QString: PipelineRun::key()
        StatusRole, // int: RunStatus
        StatusNameRole, // QString: "queued", "running"… (runStatusName)
        CommitRole, // QString: full commit id
        BranchRole, // QString
        ProviderRole, // QString
        ProjectRole, // QString
        StartedRole, // QDateTime (UTC)
        DurationRole, // double seconds; -1 when unknown
        UrlRole, // QString
        ActiveRole, // bool: queued or running
        RunRole, // PipelineRun
        SortRole, // the column's natural sort value (times, seconds, names)
        LoadErrorRole, // QString: why the run's details could not be loaded; empty when they were
    };
    Q_ENUM(Role)

    explicit PipelineRunModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Replaces every run with `runs` (by key): the first call loads (one reset),
    // later calls merge.
    void updateRuns(const QList<PipelineRun> &runs);
    // Merges the runs of one provider + project only: runs of other projects stay.
    // How a poller with several watches feeds one model.
    void updateRuns(const QList<PipelineRun> &runs, const QString &provider, const QString &project);
    void clear();

    const PipelineRun &runAt(int row) const { return m_runs.at(row); }
    int rowOfKey(const QString &key) const { return m_rowOfKey.value(key, -1); }
    const QList<PipelineRun> &runs() const { return m_runs; }

    // Same data in every column and role (stages included): whether a row must be repainted.
    static bool sameRun(const PipelineRun &a, const PipelineRun &b);
    // "42 s", "3 min 05 s", "1 h 02 min"; "" when unknown.
    static QString formatDuration(double seconds);

private:
    void merge(const QList<PipelineRun> &runs, const std::function<bool(const PipelineRun &)> &inScope);
    void reindex();

    QList<PipelineRun> m_runs;
    QHash<QString, int> m_rowOfKey;
    bool m_loaded = false;
};

} // namespace devdash::ci

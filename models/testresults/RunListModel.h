#pragma once

#include "TestRun.h"

#include <QAbstractTableModel>

namespace devdash::testresults {

// The runs of a repository, newest first, one row each. setRuns() merges a fresh
// query into the rows it already has — new runs are inserted, changed ones emit
// dataChanged, vanished ones are removed — so that selection and scroll position
// survive live updates. Older runs arrive page by page through fetchMore(), which
// asks the owner (moreRequested) because the model itself never touches the store.
class RunListModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        StatusColumn,
        PassedColumn,
        FailedColumn,
        ErroredColumn,
        SkippedColumn,
        DurationColumn,
        CommitColumn,
        BranchColumn,
        SourceColumn,
        WhenColumn,
        ColumnCount
    };
    enum Role {
        RunIdRole = Qt::UserRole + 1,
        StatusRole, // int(TestStatus): Errored/Failed when any case did, Skipped when all skipped
        CommitRole, // full id
        BranchRole,
        SourceRole,
        TimeRole, // QDateTime
        SortRole, // a value that sorts the column naturally (numbers, times)
    };
    Q_ENUM(Role)

    explicit RunListModel(QObject *parent = nullptr);

    // Replaces the first rows with `newestFirst`, keeping rows beyond it (older pages).
    void setRuns(const QList<RunSummary> &newestFirst);
    // An older page; `hasMore` says whether the store holds older runs still.
    void appendRuns(const QList<RunSummary> &olderRuns, bool hasMore);
    void setHasMore(bool hasMore) { m_hasMore = hasMore; }
    void clear();

    const QList<RunSummary> &runs() const { return m_runs; }
    int rowOfRun(qint64 runId) const;
    const RunSummary *runAt(int row) const;

    static TestStatus runStatus(const RunSummary &run);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QHash<int, QByteArray> roleNames() const override;

    // Called by the owner when a page it was asked for has arrived (or failed).
    void setFetching(bool fetching) { m_fetching = fetching; }

Q_SIGNALS:
    // Load runs older than the `offset` first ones and give them to appendRuns().
    void moreRequested(int offset);

private:
    static bool sameContent(const RunSummary &a, const RunSummary &b);

    QList<RunSummary> m_runs;
    bool m_hasMore = false;
    bool m_fetching = false;
};

// "1.2 s", "3 min 4 s", "—" for unknown: shared by the Tests page's models.
QString formatDuration(double seconds);

} // namespace devdash::testresults

#pragma once

// The history of a scope as a lazily filled table: rows arrive in batches from a
// HistorySession on a worker thread (canFetchMore/fetchMore), author/date/summary
// are read for the rows that are looked at, in blocks, and kept in a bounded cache.
// The GUI thread never touches libgit2.

#include "HistorySession.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QFuture>
#include <QPointer>

#include "common/JobTracker.h"
#include <QSet>

#include <memory>
#include <mutex>

namespace devdash::git {

class HistoryModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { GraphColumn, SummaryColumn, AuthorColumn, DateColumn, CommitColumn, ColumnCount };
    enum Role {
        CommitIdRole = Qt::UserRole + 1, // QString, 40 hex
        ShortIdRole,
        LaneRole, // int
        GraphRowRole, // GraphRow
        RefsRole, // QStringList of short ref names
        AuthorRole,
        AuthorEmailRole,
        AuthoredAtRole, // QDateTime
        SummaryRole,
        MetaLoadedRole, // bool: author/date/summary are known
    };
    Q_ENUM(Role)

    static constexpr int BatchRows = 512;
    static constexpr int MetaBlockRows = 128;

    explicit HistoryModel(QObject *parent = nullptr);
    ~HistoryModel() override;

    void setJobTracker(JobTracker *tracker) { m_tracker = tracker; }

    // Starts loading; rows appear when the first batch is ready (signal opened()).
    void open(const QString &repoPath, const HistoryScope &scope);
    // Reloads the same scope (refs changed on disk) and loads at least as many rows
    // as before, then emits reloaded() so views can restore selection and scroll.
    void reload();
    void clear();

    QString repositoryPath() const { return m_path; }
    HistoryScope scope() const { return m_scope; }
    bool isLoading() const { return m_fetchInFlight || m_opening; }
    bool isComplete() const { return m_atEnd; }
    QString errorMessage() const { return m_error; }

    // The row of a full commit id, looking from row `from` on; -1 when not loaded.
    int rowOfCommit(const QString &hex, int from = 0) const;
    QString commitAt(int row) const;
    // Keeps fetching until `row` exists or the history ends.
    void fetchUntil(int row);
    // Bytes held for the loaded rows (ids, lanes, parents, checkpoints, refs).
    size_t memoryBytes() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QHash<int, QByteArray> roleNames() const override;

    GraphRow graphRow(int row) const;

Q_SIGNALS:
    void opened();
    void failed(const QString &message);
    void loadingChanged(bool loading);
    void reloaded();

private:
    struct Locked; // the worker-side session and its mutex
    void startFetch();
    void appendBatch(HistoryBatch batch);
    void requestMeta(int block) const;
    void startOpen(bool isReload, int minimumRows);
    void finishJob(int &jobId);
    void clearRows(); // inside a model reset
    void refreshIndex();

    QString m_path;
    HistoryScope m_scope;
    std::shared_ptr<Locked> m_session;
    quint64 m_generation = 0;
    bool m_opening = false;
    bool m_fetchInFlight = false;
    bool m_atEnd = true;
    int m_wantRows = 0;
    QString m_error;
    QPointer<JobTracker> m_tracker;
    int m_openJob = 0;

    // Row columns (compact: see memoryBytes()).
    std::vector<git_oid> m_oids;
    std::vector<uint32_t> m_dagIndex;
    std::vector<uint16_t> m_lanes;
    std::vector<uint32_t> m_parentOffsets { 0 };
    std::vector<uint32_t> m_parents;
    std::vector<LaneLayout::State> m_checkpoints; // before row k * CheckpointInterval
    QHash<QByteArray, QStringList> m_refs;

    mutable QCache<int, std::vector<CommitMeta>> m_meta { 256 }; // blocks of MetaBlockRows
    mutable QSet<int> m_metaPending;
    mutable QCache<int, GraphRow> m_graphRows { 4096 };

    // While reloading: what to restore.
    bool m_reloading = false;
};

} // namespace devdash::git

#include "HistoryModel.h"

#include "CommitGraphCache.h"
#include "common/DisplayTime.h"
#include "common/JobTracker.h"

#include "common/Background.h"

#include <QFileInfo>

namespace devdash::git {

struct HistoryModel::Locked
{
    std::mutex mutex;
    std::unique_ptr<HistorySession> session;
    CancelToken cancel;
};

namespace {
struct OpenResult
{
    QString error;
    HistoryBatch batch;
    QHash<QByteArray, QStringList> refs;
    bool indexIsStale = false;
};

bool parseOid(const QString &hex, git_oid *out)
{
    const QByteArray latin = hex.toLatin1();
    return latin.size() == GIT_OID_HEXSZ && git_oid_fromstr(out, latin.constData()) == 0;
}
} // namespace

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

HistoryModel::~HistoryModel()
{
    if (m_session)
        m_session->cancel.cancel();
    finishJob(m_openJob);
}

void HistoryModel::clearRows()
{
    m_oids.clear();
    m_dagIndex.clear();
    m_lanes.clear();
    m_parentOffsets.assign(1, 0);
    m_parents.clear();
    m_checkpoints.clear();
    m_meta.clear();
    m_metaPending.clear();
    m_graphRows.clear();
}

void HistoryModel::clear()
{
    ++m_generation;
    if (m_session)
        m_session->cancel.cancel();
    beginResetModel();
    m_session.reset();
    clearRows();
    m_refs.clear();
    m_atEnd = true;
    m_fetchInFlight = false;
    m_wantRows = 0;
    m_error.clear();
    endResetModel();
    if (m_opening) {
        m_opening = false;
        Q_EMIT loadingChanged(false);
    }
}

void HistoryModel::open(const QString &repoPath, const HistoryScope &scope)
{
    clear();
    m_path = repoPath;
    m_scope = scope;
    startOpen(false, BatchRows);
}

void HistoryModel::reload()
{
    if (m_path.isEmpty())
        return;
    startOpen(true, std::max<int>(rowCount(), BatchRows));
}

void HistoryModel::finishJob(int &jobId)
{
    if (m_tracker && jobId)
        m_tracker->finish(jobId);
    jobId = 0;
}

void HistoryModel::startOpen(bool isReload, int minimumRows)
{
    const quint64 generation = ++m_generation;
    auto locked = std::make_shared<Locked>();
    m_opening = true;
    Q_EMIT loadingChanged(true);
    finishJob(m_openJob);
    if (m_tracker)
        m_openJob
            = m_tracker->start(tr("Loading history of %1").arg(QFileInfo(m_path).fileName()), locked->cancel);

    const QString path = m_path;
    const HistoryScope scope = m_scope;
    runInBackground(
        this,
        [locked, path, scope, minimumRows]() {
            std::lock_guard guard(locked->mutex);
            OpenResult result;
            auto session = HistorySession::open(path, scope, locked->cancel);
            if (!session) {
                result.error = session.errorMessage();
                return result;
            }
            locked->session = std::move(session.value());
            result.batch = locked->session->next(size_t(minimumRows));
            result.refs = locked->session->refsByCommit();
            result.indexIsStale = locked->session->indexIsStale();
            return result;
        },
        [this, generation, locked, isReload](OpenResult result) {
            if (generation != m_generation)
                return;
            finishJob(m_openJob);
            m_opening = false;
            if (!result.error.isEmpty()) {
                m_error = result.error;
                if (isReload)
                    clear();
                m_error = result.error;
                Q_EMIT loadingChanged(false);
                Q_EMIT failed(result.error);
                return;
            }
            if (isReload) {
                beginResetModel();
                clearRows();
                m_session = locked;
                m_refs = std::move(result.refs);
                m_reloading = true;
                appendBatch(std::move(result.batch));
                m_reloading = false;
                endResetModel();
                Q_EMIT loadingChanged(false);
                Q_EMIT reloaded();
                return;
            }
            m_session = locked;
            m_refs = std::move(result.refs);
            appendBatch(std::move(result.batch));
            Q_EMIT loadingChanged(false);
            Q_EMIT opened();
            if (result.indexIsStale)
                refreshIndex();
        });
}

void HistoryModel::refreshIndex()
{
    // Many commits came from libgit2 rather than the graph: rewrite DevDash's graph in
    // the background so that the next open is fast again. Own repository handle.
    CancelToken cancel;
    const int job = m_tracker ? m_tracker->start(tr("Updating the history index"), cancel) : 0;
    QPointer<JobTracker> tracker = m_tracker;
    // The tracker is the context when there is one: the job must end even if we don't.
    QObject *context = m_tracker ? static_cast<QObject *>(m_tracker.data()) : this;
    runInBackground(
        context,
        [path = m_path, cancel]() {
            auto repo = Repository::open(path);
            return repo ? CommitGraphCache::write(repo.value(), cancel) : Result<void>(repo.error());
        },
        [tracker, job](Result<void>) {
            if (tracker && job)
                tracker->finish(job);
        });
}

void HistoryModel::startFetch()
{
    if (!m_session || m_fetchInFlight || m_atEnd || m_opening)
        return;
    m_fetchInFlight = true;
    Q_EMIT loadingChanged(true);
    const quint64 generation = m_generation;
    auto locked = m_session;
    runInBackground(
        this,
        [locked]() {
            std::lock_guard guard(locked->mutex);
            return locked->session->next(BatchRows);
        },
        [this, generation](HistoryBatch batch) {
            if (generation != m_generation)
                return;
            m_fetchInFlight = false;
            appendBatch(std::move(batch));
            Q_EMIT loadingChanged(false);
            if (!m_atEnd && m_wantRows >= rowCount())
                startFetch();
        });
}

void HistoryModel::appendBatch(HistoryBatch batch)
{
    const int first = int(m_oids.size());
    const int n = int(batch.size());
    if (n > 0 && !m_reloading)
        beginInsertRows({}, first, first + n - 1);
    m_oids.insert(m_oids.end(), batch.oids.begin(), batch.oids.end());
    m_dagIndex.insert(m_dagIndex.end(), batch.dagIndex.begin(), batch.dagIndex.end());
    m_lanes.insert(m_lanes.end(), batch.lanes.begin(), batch.lanes.end());
    const uint32_t base = uint32_t(m_parents.size());
    for (size_t i = 1; i < batch.parentOffsets.size(); ++i)
        m_parentOffsets.push_back(base + batch.parentOffsets[i]);
    m_parents.insert(m_parents.end(), batch.parents.begin(), batch.parents.end());
    for (auto &[row, state] : batch.checkpoints) {
        Q_ASSERT(row / HistorySession::CheckpointInterval == m_checkpoints.size());
        m_checkpoints.push_back(std::move(state));
    }
    m_atEnd = batch.atEnd;
    if (m_atEnd) {
        // A complete history no longer grows: give back the growth reserve.
        m_oids.shrink_to_fit();
        m_dagIndex.shrink_to_fit();
        m_lanes.shrink_to_fit();
        m_parentOffsets.shrink_to_fit();
        m_parents.shrink_to_fit();
    }
    if (n > 0 && !m_reloading)
        endInsertRows();
}

void HistoryModel::fetchUntil(int row)
{
    m_wantRows = std::max(m_wantRows, row + 1);
    if (row >= rowCount())
        startFetch();
}

int HistoryModel::rowOfCommit(const QString &hex, int from) const
{
    git_oid oid;
    if (!parseOid(hex, &oid))
        return -1;
    for (size_t i = size_t(std::max(0, from)); i < m_oids.size(); ++i)
        if (git_oid_equal(&m_oids[i], &oid))
            return int(i);
    return -1;
}

QString HistoryModel::commitAt(int row) const
{
    return row >= 0 && row < rowCount() ? toHex(m_oids[size_t(row)]) : QString();
}

size_t HistoryModel::memoryBytes() const
{
    size_t bytes = m_oids.capacity() * sizeof(git_oid) + m_dagIndex.capacity() * sizeof(uint32_t)
        + m_lanes.capacity() * sizeof(uint16_t) + m_parentOffsets.capacity() * sizeof(uint32_t)
        + m_parents.capacity() * sizeof(uint32_t) + m_checkpoints.capacity() * sizeof(LaneLayout::State);
    for (const auto &state : m_checkpoints)
        bytes += state.capacity() * sizeof(uint32_t);
    for (auto it = m_refs.begin(); it != m_refs.end(); ++it) {
        bytes += size_t(it.key().capacity()) + 64;
        for (const QString &name : it.value())
            bytes += size_t(name.capacity()) * 2 + 32;
    }
    return bytes;
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_oids.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool HistoryModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_session && !m_atEnd;
}

void HistoryModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid())
        startFetch();
}

GraphRow HistoryModel::graphRow(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    if (const GraphRow *cached = m_graphRows.object(row))
        return *cached;
    // Replay the lane layout from the checkpoint before this row; cache the segment.
    const int first = row - row % int(HistorySession::CheckpointInterval);
    LaneLayout::State state = m_checkpoints[size_t(first) / HistorySession::CheckpointInterval];
    const int last = std::min(rowCount() - 1, first + int(HistorySession::CheckpointInterval) - 1);
    GraphRow result;
    for (int r = first; r <= last; ++r) {
        auto *gr = new GraphRow;
        const uint32_t b = m_parentOffsets[size_t(r)], e = m_parentOffsets[size_t(r) + 1];
        LaneLayout::place(
            state, m_dagIndex[size_t(r)], std::span<const uint32_t>(m_parents.data() + b, e - b), gr);
        if (r == row)
            result = *gr;
        m_graphRows.insert(r, gr);
    }
    return result;
}

void HistoryModel::requestMeta(int block) const
{
    if (m_metaPending.contains(block) || !m_session)
        return;
    m_metaPending.insert(block);
    const int first = block * MetaBlockRows;
    const int last = std::min(rowCount(), first + MetaBlockRows) - 1;
    std::vector<git_oid> oids(m_oids.begin() + first, m_oids.begin() + last + 1);
    auto locked = m_session;
    const quint64 generation = m_generation;
    auto *self = const_cast<HistoryModel *>(this);
    runInBackground(
        self,
        [locked, oids = std::move(oids)]() {
            std::lock_guard guard(locked->mutex);
            return locked->session->metadata(oids);
        },
        [self, generation, block, first, last](std::vector<CommitMeta> metas) {
            if (generation != self->m_generation)
                return;
            self->m_metaPending.remove(block);
            if (last >= self->rowCount())
                return;
            self->m_meta.insert(block, new std::vector<CommitMeta>(std::move(metas)));
            Q_EMIT self->dataChanged(self->index(first, 0), self->index(last, ColumnCount - 1));
        });
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const int row = index.row();
    const git_oid &oid = m_oids[size_t(row)];

    switch (role) {
    case CommitIdRole:
        return toHex(oid);
    case ShortIdRole:
        return shortHex(oid);
    case LaneRole:
        return int(m_lanes[size_t(row)]);
    case GraphRowRole:
        return QVariant::fromValue(graphRow(row));
    case RefsRole:
        return m_refs.value(HistorySession::key(oid));
    default:
        break;
    }

    const bool needsMeta = role == AuthorRole || role == AuthorEmailRole || role == AuthoredAtRole
        || role == SummaryRole || role == MetaLoadedRole || role == Qt::ToolTipRole
        || (role == Qt::DisplayRole && index.column() != CommitColumn && index.column() != GraphColumn);
    if (!needsMeta)
        return index.column() == CommitColumn && role == Qt::DisplayRole ? QVariant(shortHex(oid))
                                                                         : QVariant();

    const int block = row / MetaBlockRows;
    const std::vector<CommitMeta> *metas = m_meta.object(block);
    if (!metas) {
        requestMeta(block);
        if (role == MetaLoadedRole)
            return false;
        return role == Qt::DisplayRole && index.column() == SummaryColumn ? QVariant(QStringLiteral("…"))
                                                                          : QVariant();
    }
    const CommitMeta &meta = (*metas)[size_t(row - block * MetaBlockRows)];
    switch (role) {
    case MetaLoadedRole:
        return true;
    case AuthorRole:
        return meta.author;
    case AuthorEmailRole:
        return meta.email;
    case AuthoredAtRole:
        return meta.authoredAt;
    case SummaryRole:
        return meta.summary;
    case Qt::ToolTipRole:
        return QStringLiteral("%1\n%2 <%3>\n%4")
            .arg(toHex(oid), meta.author, meta.email, DisplayTime::exact(meta.authoredAt));
    case Qt::DisplayRole:
        switch (index.column()) {
        case SummaryColumn:
            return meta.summary;
        case AuthorColumn:
            return meta.author;
        case DateColumn:
            return DisplayTime::format(meta.authoredAt);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case GraphColumn:
        return tr("Graph");
    case SummaryColumn:
        return tr("Description");
    case AuthorColumn:
        return tr("Author");
    case DateColumn:
        return tr("Date");
    case CommitColumn:
        return tr("Commit");
    default:
        return {};
    }
}

QHash<int, QByteArray> HistoryModel::roleNames() const
{
    auto names = QAbstractTableModel::roleNames();
    names.insert(CommitIdRole, "commitId");
    names.insert(ShortIdRole, "shortId");
    names.insert(LaneRole, "lane");
    names.insert(RefsRole, "refs");
    names.insert(AuthorRole, "author");
    names.insert(AuthoredAtRole, "authoredAt");
    names.insert(SummaryRole, "summary");
    return names;
}

} // namespace devdash::git

#pragma once

// One history being browsed: a repository, a scope (HEAD, a ref, all refs), the DAG
// and an incremental topological walk with lanes. Used from one thread at a time
// (HistoryModel serialises calls on a worker; the CLI calls it directly).

#include "CommitDag.h"
#include "LaneLayout.h"
#include "Repository.h"
#include "TopoWalker.h"

#include <QDateTime>
#include <QHash>
#include <QStringList>

#include <functional>
#include <memory>

namespace devdash::git {

struct HistoryScope
{
    enum class Kind { Head, Ref, All };
    Kind kind = Kind::Head;
    QString ref; // for Kind::Ref: any revision git understands

    static HistoryScope head() { return {}; }
    static HistoryScope all() { return { Kind::All, {} }; }
    static HistoryScope ofRef(const QString &ref) { return { Kind::Ref, ref }; }
};

// Rows in display order, in compact columns (a 1M-commit history must stay small).
struct HistoryBatch
{
    uint32_t firstRow = 0;
    std::vector<git_oid> oids;
    std::vector<uint32_t> dagIndex;
    std::vector<uint16_t> lanes;
    std::vector<uint32_t> parentOffsets; // size rows + 1, into parents
    std::vector<uint32_t> parents; // DAG indices
    // Lane state before row `first`, every CheckpointInterval rows, to redraw any row.
    std::vector<std::pair<uint32_t, LaneLayout::State>> checkpoints;
    bool atEnd = false;
    size_t size() const { return oids.size(); }
};

struct CommitMeta
{
    QString author;
    QString email;
    QDateTime authoredAt;
    QString summary;
};

class HistorySession
{
public:
    static constexpr uint32_t CheckpointInterval = 64;

    struct Options
    {
        // Write DevDash's commit-graph when none exists (a full walk, once).
        bool buildIndexIfMissing = true;
        std::function<void(const QString &stage)> progress;
    };

    static Result<std::unique_ptr<HistorySession>> open(
        const QString &path, const HistoryScope &scope, const CancelToken &cancel, const Options &options);
    static Result<std::unique_ptr<HistorySession>> open(
        const QString &path, const HistoryScope &scope, const CancelToken &cancel = {})
    {
        return open(path, scope, cancel, Options {});
    }

    HistoryBatch next(size_t maxRows);
    bool atEnd() const { return m_walker->atEnd(); }
    uint32_t rowsProduced() const { return m_row; }

    // Author, date and summary of the given commits (same order); unreadable ones stay empty.
    std::vector<CommitMeta> metadata(const std::vector<git_oid> &oids);
    static CommitMeta readMeta(git_commit *commit);

    // Short names of the refs pointing at each commit (every ref, whatever the scope),
    // plus "HEAD" on a detached HEAD.
    const QHash<QByteArray, QStringList> &refsByCommit() const { return m_refs; }
    static QByteArray key(const git_oid &oid)
    {
        return QByteArray(reinterpret_cast<const char *>(oid.id), GIT_OID_RAWSZ);
    }

    Repository &repository() { return m_repo; }
    const CommitDag &dag() const { return m_dag; }
    // Commits the graph file did not have: when many, the index should be rewritten.
    bool indexIsStale() const { return m_dag.overlayCount() > 256 || m_dag.graphCommitCount() == 0; }

private:
    HistorySession() = default;

    Repository m_repo;
    CommitDag m_dag;
    std::unique_ptr<TopoWalker> m_walker;
    LaneLayout::State m_lanes;
    uint32_t m_row = 0;
    std::vector<uint32_t> m_batchBuffer;
    QHash<QByteArray, QStringList> m_refs;
};

// Every ref under refs/ in git's order (sorted by full name), with HEAD last: the
// tips of `git log --all`. Refs that do not peel to a commit are skipped.
struct RefTip
{
    QString fullName;
    QString shortName;
    git_oid commit;
};
std::vector<RefTip> listRefTips(const Repository &repo);
// HEADs of the repository's other worktrees (the main one and linked ones).
std::vector<git_oid> otherWorktreeHeads(const Repository &repo);

} // namespace devdash::git

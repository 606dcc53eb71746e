#include "HistorySession.h"

#include "CommitGraphCache.h"
#include "CommitLocator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace devdash::git {

std::vector<RefTip> listRefTips(const Repository &repo)
{
    std::vector<RefTip> tips;
    git_reference_iterator *rawIt = nullptr;
    if (git_reference_iterator_new(&rawIt, repo.raw()) < 0)
        return tips;
    ReferenceIteratorPtr it(rawIt);
    git_reference *ref = nullptr;
    while (git_reference_next(&ref, rawIt) == 0) {
        ReferencePtr refPtr(ref);
        if (git_reference_type(ref) == GIT_REFERENCE_SYMBOLIC)
            continue; // origin/HEAD and friends: their target is listed on its own
        git_object *obj = nullptr;
        if (git_reference_peel(&obj, ref, GIT_OBJECT_COMMIT) < 0) {
            git_error_clear();
            continue;
        }
        ObjectPtr objPtr(obj);
        tips.push_back({ QString::fromUtf8(git_reference_name(ref)),
            QString::fromUtf8(git_reference_shorthand(ref)), *git_object_id(obj) });
    }
    // git sorts refs bytewise by name; libgit2's iterator does not promise an order.
    std::sort(tips.begin(), tips.end(),
        [](const RefTip &a, const RefTip &b) { return a.fullName.toUtf8() < b.fullName.toUtf8(); });
    return tips;
}

std::vector<git_oid> otherWorktreeHeads(const Repository &repo)
{
    // HEAD files of the main worktree and of each linked one (commondir/worktrees/*),
    // but not our own: "ref: refs/heads/x" or a detached commit id.
    std::vector<git_oid> heads;
    const QString common = repo.commonDir();
    QStringList gitDirs { common };
    const QDir linked(common + QStringLiteral("/worktrees"));
    for (const QString &name : linked.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        gitDirs << linked.filePath(name);
    const QString own = QFileInfo(repo.gitDir()).canonicalFilePath();
    for (const QString &dir : std::as_const(gitDirs)) {
        if (QFileInfo(dir).canonicalFilePath() == own)
            continue;
        QFile head(dir + QStringLiteral("/HEAD"));
        if (!head.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = head.readLine(4096).trimmed();
        git_oid oid;
        if (line.startsWith("ref: ")) {
            if (git_reference_name_to_id(&oid, repo.raw(), line.mid(5).constData()) < 0) {
                git_error_clear(); // unborn branch in that worktree
                continue;
            }
        } else if (git_oid_fromstrn(&oid, line.constData(), size_t(line.size())) < 0
            || line.size() != GIT_OID_HEXSZ) {
            git_error_clear();
            continue;
        }
        heads.push_back(oid);
    }
    return heads;
}

Result<std::unique_ptr<HistorySession>> HistorySession::open(
    const QString &path, const HistoryScope &scope, const CancelToken &cancel, const Options &options)
{
    auto repo = Repository::open(path);
    if (!repo)
        return repo.error();
    std::unique_ptr<HistorySession> session(new HistorySession);
    session->m_repo = std::move(repo.value());
    Repository &r = session->m_repo;

    // Tips, in the order git's revision machinery sees them.
    auto scopeTipOids = scopeTips(r, scope);
    if (!scopeTipOids)
        return scopeTipOids.error();
    const std::vector<git_oid> tipOids = std::move(scopeTipOids.value());
    const std::vector<RefTip> refs = listRefTips(r);
    git_oid headOid;
    const bool haveHead = git_reference_name_to_id(&headOid, r.raw(), "HEAD") == 0;
    if (!haveHead)
        git_error_clear();

    for (const RefTip &tip : refs)
        session->m_refs[key(tip.commit)].append(tip.shortName);
    if (haveHead && r.isHeadDetached())
        session->m_refs[key(headOid)].prepend(QStringLiteral("HEAD"));

    QStringList layers = CommitGraphCache::layersFor(r);
    if (layers.isEmpty() && options.buildIndexIfMissing && !tipOids.empty()) {
        if (options.progress)
            options.progress(QStringLiteral("Indexing history of %1 (first open)…").arg(r.displayName()));
        // Failing to write the index only makes the walk slower.
        if (CommitGraphCache::write(r, cancel))
            layers = CommitGraphCache::layersFor(r);
    }
    if (cancel.isCancelled())
        return Error { QStringLiteral("cancelled") };
    auto dag = CommitDag::fromGraphFiles(layers);
    if (dag)
        session->m_dag = std::move(dag.value());

    if (options.progress)
        options.progress(QStringLiteral("Reading new commits…"));
    std::vector<uint32_t> tips;
    for (const git_oid &oid : tipOids) {
        auto index = session->m_dag.resolve(r.raw(), oid, cancel);
        if (!index)
            return index.error();
        tips.push_back(index.value());
    }
    session->m_walker = std::make_unique<TopoWalker>(session->m_dag, std::move(tips));
    return session;
}

HistoryBatch HistorySession::next(size_t maxRows)
{
    HistoryBatch batch;
    batch.firstRow = m_row;
    m_batchBuffer.clear();
    m_walker->next(m_batchBuffer, maxRows);
    const size_t n = m_batchBuffer.size();
    batch.oids.reserve(n);
    batch.dagIndex = m_batchBuffer;
    batch.lanes.reserve(n);
    batch.parentOffsets.reserve(n + 1);
    batch.parentOffsets.push_back(0);
    std::vector<uint32_t> parents;
    for (uint32_t c : m_batchBuffer) {
        if (m_row % CheckpointInterval == 0)
            batch.checkpoints.emplace_back(m_row, m_lanes);
        parents.clear();
        m_dag.forEachParent(c, [&](uint32_t p) { parents.push_back(p); });
        batch.oids.push_back(m_dag.oid(c));
        batch.lanes.push_back(LaneLayout::place(m_lanes, c, parents));
        batch.parents.insert(batch.parents.end(), parents.begin(), parents.end());
        batch.parentOffsets.push_back(uint32_t(batch.parents.size()));
        ++m_row;
    }
    batch.atEnd = m_walker->atEnd();
    return batch;
}

CommitMeta HistorySession::readMeta(git_commit *commit)
{
    CommitMeta meta;
    const char *encoding = git_commit_message_encoding(commit);
    const git_signature *author = git_commit_author(commit);
    meta.author = decodeMessage(author->name, encoding);
    meta.email = decodeMessage(author->email, encoding);
    meta.authoredAt
        = QDateTime::fromSecsSinceEpoch(author->when.time, Qt::OffsetFromUTC, author->when.offset * 60);
    meta.summary = decodeMessage(git_commit_summary(commit), encoding);
    return meta;
}

std::vector<CommitMeta> HistorySession::metadata(const std::vector<git_oid> &oids)
{
    std::vector<CommitMeta> out;
    out.reserve(oids.size());
    for (const git_oid &oid : oids) {
        git_commit *raw = nullptr;
        if (git_commit_lookup(&raw, m_repo.raw(), &oid) < 0) {
            git_error_clear();
            out.emplace_back();
            continue;
        }
        CommitPtr commit(raw);
        out.push_back(readMeta(raw));
    }
    return out;
}

} // namespace devdash::git

#include "RefLister.h"

#include "AheadBehindCounter.h"
#include "CommitGraphCache.h"
#include "HistorySession.h"

#include <map>

namespace devdash::git {

QString refKindName(RefKind kind)
{
    switch (kind) {
    case RefKind::Local:
        return QStringLiteral("local");
    case RefKind::Remote:
        return QStringLiteral("remote");
    case RefKind::Tag:
        return QStringLiteral("tag");
    case RefKind::DetachedHead:
        return QStringLiteral("head");
    }
    return {};
}

namespace {

// What git_branch_upstream_name answers, from one config snapshot with each remote
// looked up once: libgit2 rereads the whole config (and recompiles its regexes) per
// call, which made listing 300 branches quadratic (~40% of RefLister::list).
class UpstreamNames
{
public:
    explicit UpstreamNames(git_repository *repo)
        : m_repo(repo)
    {
        git_config *cfg = nullptr;
        if (git_repository_config_snapshot(&cfg, repo) == 0)
            m_config.reset(cfg);
        else
            git_error_clear();
    }

    // "refs/remotes/origin/main" for "refs/heads/main", or empty (no upstream).
    QByteArray of(const QByteArray &branchFullName)
    {
        if (!m_config || !branchFullName.startsWith("refs/heads/"))
            return {};
        const QByteArray shortName = branchFullName.mid(11);
        const QByteArray remote = value("branch." + shortName + ".remote");
        const QByteArray merge = value("branch." + shortName + ".merge");
        if (remote.isEmpty() || merge.isEmpty())
            return {};
        if (remote == ".")
            return merge;
        auto it = m_remotes.find(remote);
        if (it == m_remotes.end()) {
            git_remote *raw = nullptr;
            if (git_remote_lookup(&raw, m_repo, remote.constData()) < 0)
                git_error_clear();
            it = m_remotes.emplace(remote, RemotePtr(raw)).first;
        }
        git_remote *r = it->second.get();
        if (!r)
            return {};
        for (size_t i = 0; i < git_remote_refspec_count(r); ++i) {
            const git_refspec *spec = git_remote_get_refspec(r, i);
            if (git_refspec_direction(spec) != GIT_DIRECTION_FETCH
                || !git_refspec_src_matches(spec, merge.constData()))
                continue;
            git_buf out = GIT_BUF_INIT;
            QByteArray result;
            if (git_refspec_transform(&out, spec, merge.constData()) == 0)
                result = QByteArray(out.ptr, qsizetype(out.size));
            else
                git_error_clear();
            git_buf_dispose(&out);
            return result;
        }
        return {};
    }

private:
    QByteArray value(const QByteArray &key) const
    {
        const char *v = nullptr;
        if (git_config_get_string(&v, m_config.get(), key.constData()) < 0) {
            git_error_clear();
            return {};
        }
        return QByteArray(v);
    }

    git_repository *m_repo;
    ConfigPtr m_config;
    std::map<QByteArray, RemotePtr> m_remotes;
};

} // namespace

Result<RefListing> RefLister::list(const QString &repoPath, const CancelToken &cancel)
{
    auto repo = Repository::open(repoPath);
    if (!repo)
        return repo.error();
    return list(repo.value(), cancel);
}

Result<RefListing> RefLister::list(Repository &repo, const CancelToken &cancel)
{
    RefListing listing;
    listing.repositoryName = repo.displayName();
    listing.base = repo.defaultBranch();
    listing.headDetached = repo.isHeadDetached();
    listing.headUnborn = repo.isHeadUnborn();
    if (git_reference_name_to_id(&listing.head, repo.raw(), "HEAD") < 0)
        git_error_clear();
    const QString currentFull
        = repo.currentBranch().isEmpty() ? QString() : QStringLiteral("refs/heads/") + repo.currentBranch();

    const std::vector<RefTip> tips = listRefTips(repo);
    QStringList layers = CommitGraphCache::layersFor(repo);
    if (layers.isEmpty() && !tips.empty() && CommitGraphCache::write(repo, cancel))
        layers = CommitGraphCache::layersFor(repo);
    auto dagResult = CommitDag::fromGraphFiles(layers);
    CommitDag dag = dagResult ? std::move(dagResult.value()) : CommitDag();

    std::optional<uint32_t> baseIndex;
    std::vector<uint32_t> indexOf;
    for (const RefTip &tip : tips) {
        auto index = dag.resolve(repo.raw(), tip.commit, cancel);
        if (!index)
            return index.error();
        indexOf.push_back(index.value());
        if (tip.fullName == listing.base.fullName)
            baseIndex = index.value();
    }

    UpstreamNames upstreams(repo.raw());
    std::vector<AheadBehindCounter::Pair> pairs;
    struct Wanted
    {
        int ref;
        bool vsBase;
    };
    std::vector<Wanted> wanted;
    for (size_t i = 0; i < tips.size(); ++i) {
        const RefTip &tip = tips[i];
        RefInfo info;
        if (tip.fullName.startsWith(QLatin1String("refs/heads/")))
            info.kind = RefKind::Local;
        else if (tip.fullName.startsWith(QLatin1String("refs/remotes/")))
            info.kind = RefKind::Remote;
        else if (tip.fullName.startsWith(QLatin1String("refs/tags/")))
            info.kind = RefKind::Tag;
        else
            continue; // notes, stash, pull requests: not branches
        info.name = tip.shortName;
        info.fullName = tip.fullName;
        info.commit = tip.commit;
        info.isHead = !listing.headDetached && tip.fullName == currentFull;
        info.base = listing.base.shortName;
        info.baseFullName = listing.base.fullName;

        git_commit *raw = nullptr;
        if (git_commit_lookup(&raw, repo.raw(), &tip.commit) == 0) {
            CommitPtr commit(raw);
            const CommitMeta meta = HistorySession::readMeta(raw);
            info.author = meta.author;
            info.summary = meta.summary;
            const git_time_t t = git_commit_time(raw);
            info.committedAt
                = QDateTime::fromSecsSinceEpoch(t, Qt::OffsetFromUTC, git_commit_time_offset(raw) * 60);
        }

        const int refRow = int(listing.refs.size());
        if (info.kind == RefKind::Local) {
            const QByteArray upstream = upstreams.of(tip.fullName.toUtf8());
            if (!upstream.isEmpty()) {
                const QString upstreamFull = QString::fromUtf8(upstream);
                git_reference *up = nullptr;
                if (git_reference_lookup(&up, repo.raw(), upstreamFull.toUtf8().constData()) == 0) {
                    ReferencePtr upPtr(up);
                    info.upstream = QString::fromUtf8(git_reference_shorthand(up));
                    git_object *obj = nullptr;
                    if (git_reference_peel(&obj, up, GIT_OBJECT_COMMIT) == 0) {
                        ObjectPtr objPtr(obj);
                        auto upIndex = dag.resolve(repo.raw(), *git_object_id(obj), cancel);
                        if (upIndex) {
                            pairs.push_back({ indexOf[i], upIndex.value() });
                            wanted.push_back({ refRow, false });
                        }
                    }
                } else {
                    // Configured but never fetched: show the name, no counts.
                    info.upstream = upstreamFull.startsWith(QLatin1String("refs/remotes/"))
                        ? upstreamFull.mid(13)
                        : upstreamFull;
                    git_error_clear();
                }
            }
        }
        if (baseIndex) {
            pairs.push_back({ indexOf[i], *baseIndex });
            wanted.push_back({ refRow, true });
        }
        listing.refs.append(info);
    }

    const auto counts = AheadBehindCounter::count(dag, pairs, cancel);
    if (cancel.isCancelled())
        return Error { QStringLiteral("cancelled") };
    for (size_t i = 0; i < wanted.size(); ++i) {
        RefInfo &info = listing.refs[wanted[i].ref];
        if (wanted[i].vsBase) {
            info.baseAhead = int(counts[i].ahead);
            info.baseBehind = int(counts[i].behind);
        } else {
            info.ahead = int(counts[i].ahead);
            info.behind = int(counts[i].behind);
        }
    }
    return listing;
}

} // namespace devdash::git

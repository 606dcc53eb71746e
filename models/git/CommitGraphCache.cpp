#include "CommitGraphCache.h"

#include <git2/sys/commit_graph.h>

#include "CommitGraphFile.h"

#include "common/PrivateFiles.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QTextStream>

#include <cstring>
#include <vector>

namespace devdash::git {

namespace {

// libgit2 1.5's writer gets some generation numbers wrong: its post-order walk skips a
// parent another child has already queued, so the child is finished before that parent
// and may get generation 1 with parents. Walks that trust generations then show
// commits twice or out of order. Recompute the topological levels (git's generation
// v1) and patch them, with the trailing checksum, into the single-layer file.
bool repairGenerations(QByteArray &graph)
{
    auto parsed = CommitGraphFile::parse(QByteArrayView(graph));
    if (!parsed || parsed->baseGraphCount() != 0 || graph.size() < 8 + 20)
        return false;
    const CommitGraphFile &file = parsed.value();
    auto *base = reinterpret_cast<uint8_t *>(graph.data());
    size_t commitData = 0;
    for (unsigned i = 0; i < base[6]; ++i) {
        const uint8_t *entry = base + 8 + size_t(i) * 12;
        if (std::memcmp(entry, "CDAT", 4) == 0)
            commitData = (size_t(CommitGraphFile::be32(entry + 4)) << 32) | CommitGraphFile::be32(entry + 8);
    }
    const uint32_t n = file.commitCount();
    constexpr size_t RecordSize = GIT_OID_RAWSZ + 16;
    if (!commitData || commitData + size_t(n) * RecordSize > size_t(graph.size()))
        return false;

    // Iterative post-order (histories are deeper than any stack): a commit's level is
    // one more than its parents' highest.
    std::vector<uint32_t> level(n, 0);
    std::vector<uint32_t> stack;
    for (uint32_t root = 0; root < n; ++root) {
        if (level[root])
            continue;
        stack.push_back(root);
        while (!stack.empty()) {
            const uint32_t c = stack.back();
            if (level[c]) {
                stack.pop_back();
                continue;
            }
            bool ready = true;
            uint32_t highest = 0;
            file.forEachParent(c, [&](uint32_t p) {
                if (p >= n)
                    return;
                if (!level[p]) {
                    ready = false;
                    stack.push_back(p);
                } else {
                    highest = std::max(highest, level[p]);
                }
            });
            if (ready) {
                level[c] = std::min<uint32_t>(highest + 1, 0x3fffffff);
                stack.pop_back();
            }
        }
    }
    for (uint32_t c = 0; c < n; ++c) {
        uint8_t *word = base + commitData + size_t(c) * RecordSize + GIT_OID_RAWSZ + 8;
        const uint32_t value = (level[c] << 2) | (CommitGraphFile::be32(word) & 0x3u);
        for (int k = 0; k < 4; ++k)
            word[k] = uint8_t(value >> (24 - 8 * k));
    }
    const QByteArray checksum
        = QCryptographicHash::hash(QByteArrayView(graph).first(graph.size() - 20), QCryptographicHash::Sha1);
    std::memcpy(base + graph.size() - 20, checksum.constData(), 20);
    return true;
}

} // namespace

QString CommitGraphCache::cacheRoot()
{
    // No shared fallback (/tmp): without a cache folder of the user's there is no cache.
    const auto root = PrivateFiles::cacheRoot();
    return root ? *root : QString();
}

QString CommitGraphCache::cacheDirFor(const Repository &repo)
{
    const QString root = cacheRoot();
    if (root.isEmpty())
        return {};
    const QString canonical = QFileInfo(repo.commonDir()).canonicalFilePath();
    const QByteArray key
        = QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    return root + QStringLiteral("/commit-graphs/") + QString::fromLatin1(key) + QStringLiteral("/info");
}

QStringList CommitGraphCache::layersFor(const Repository &repo)
{
    const QString cacheDir = cacheDirFor(repo);
    const QFileInfo ours(cacheDir.isEmpty() ? QString() : cacheDir + QStringLiteral("/commit-graph"));
    const QString objects = repo.commonDir() + QStringLiteral("/objects/info");
    const QFileInfo single(objects + QStringLiteral("/commit-graph"));

    QStringList chain;
    QDateTime chainTime;
    QFile chainFile(objects + QStringLiteral("/commit-graphs/commit-graph-chain"));
    if (chainFile.open(QIODevice::ReadOnly)) {
        chainTime = QFileInfo(chainFile).lastModified();
        QTextStream in(&chainFile);
        while (!in.atEnd()) {
            const QString hash = in.readLine().trimmed();
            if (!hash.isEmpty())
                chain << objects + QStringLiteral("/commit-graphs/graph-") + hash + QStringLiteral(".graph");
        }
    }

    // Newest wins: a graph that misses recent commits still works (the walk reads
    // them through libgit2), it is only slower.
    QStringList best;
    QDateTime bestTime;
    auto consider = [&](const QStringList &layers, const QDateTime &time) {
        if (!layers.isEmpty() && (best.isEmpty() || time > bestTime)) {
            best = layers;
            bestTime = time;
        }
    };
    if (!cacheDir.isEmpty() && ours.exists())
        consider({ ours.filePath() }, ours.lastModified());
    if (single.exists())
        consider({ single.filePath() }, single.lastModified());
    consider(chain, chainTime);
    return best;
}

Result<void> CommitGraphCache::write(const Repository &repo, const CancelToken &cancel)
{
    const QString dir = cacheDirFor(repo);
    if (dir.isEmpty())
        return PrivateFiles::cacheRoot().error();
    // The user's alone, from the cache root down: it describes their repositories.
    if (const auto root = PrivateFiles::makeFolder(cacheRoot()); !root)
        return root;
    if (const auto made = PrivateFiles::makeFolder(dir); !made)
        return made;

    git_revwalk *rawWalk = nullptr;
    if (int rc = git_revwalk_new(&rawWalk, repo.raw()); rc < 0)
        return lastError(QStringLiteral("cannot index history"), rc);
    RevwalkPtr walk(rawWalk);
    git_revwalk_sorting(rawWalk, GIT_SORT_NONE);
    // Tags may point at trees or blobs; push what peels to commits, ignore the rest.
    git_reference_iterator *rawIt = nullptr;
    if (git_reference_iterator_new(&rawIt, repo.raw()) == 0) {
        ReferenceIteratorPtr it(rawIt);
        git_reference *ref = nullptr;
        while (git_reference_next(&ref, rawIt) == 0) {
            ReferencePtr refPtr(ref);
            git_object *obj = nullptr;
            if (git_reference_peel(&obj, ref, GIT_OBJECT_COMMIT) == 0) {
                git_revwalk_push(rawWalk, git_object_id(obj));
                git_object_free(obj);
            }
        }
    }
    git_revwalk_push_head(rawWalk); // fails harmlessly on an unborn HEAD
    if (cancel.isCancelled())
        return Error { QStringLiteral("cancelled") };

    git_commit_graph_writer *rawWriter = nullptr;
    const QByteArray nativeDir = QFile::encodeName(dir);
    if (int rc = git_commit_graph_writer_new(&rawWriter, nativeDir.constData()); rc < 0)
        return lastError(QStringLiteral("cannot write the history index in %1").arg(dir), rc);
    GitPtr<git_commit_graph_writer, git_commit_graph_writer_free> writer(rawWriter);
    if (int rc = git_commit_graph_writer_add_revwalk(rawWriter, rawWalk); rc < 0)
        return lastError(QStringLiteral("cannot index the history of %1").arg(repo.displayName()), rc);
    if (cancel.isCancelled())
        return Error { QStringLiteral("cancelled") };
    git_commit_graph_writer_options opts = GIT_COMMIT_GRAPH_WRITER_OPTIONS_INIT;
    git_buf buf = GIT_BUF_INIT;
    if (int rc = git_commit_graph_writer_dump(&buf, rawWriter, &opts); rc < 0)
        return lastError(QStringLiteral("cannot write the history index in %1").arg(dir), rc);
    QByteArray graph(buf.ptr, qsizetype(buf.size));
    git_buf_dispose(&buf);
    if (!repairGenerations(graph))
        return Error { QStringLiteral("cannot write the history index in %1: unreadable graph").arg(dir) };
    // Atomic: readers map the old file or the new one.
    QSaveFile out(dir + QStringLiteral("/commit-graph"));
    if (!out.open(QIODevice::WriteOnly) || out.write(graph) != graph.size() || !out.commit()
        || !PrivateFiles::restrictFile(out.fileName()))
        return Error {
            QStringLiteral("cannot write the history index in %1: %2").arg(dir, out.errorString())
        };
    return {};
}

void CommitGraphCache::remove(const Repository &repo)
{
    QFile::remove(cacheDirFor(repo) + QStringLiteral("/commit-graph"));
}

} // namespace devdash::git

#include "CommitGraphCache.h"

#include <git2/sys/commit_graph.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTextStream>

namespace devdash::git {

QString CommitGraphCache::cacheRoot()
{
    const QString env = qEnvironmentVariable("DEVDASH_CACHE_DIR");
    if (!env.isEmpty())
        return env;
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    if (base.isEmpty())
        base = QDir::tempPath();
    return base + QStringLiteral("/devdash");
}

QString CommitGraphCache::cacheDirFor(const Repository &repo)
{
    const QString canonical = QFileInfo(repo.commonDir()).canonicalFilePath();
    const QByteArray key = QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    return cacheRoot() + QStringLiteral("/commit-graphs/") + QString::fromLatin1(key) + QStringLiteral("/info");
}

QStringList CommitGraphCache::layersFor(const Repository &repo)
{
    const QFileInfo ours(cacheDirFor(repo) + QStringLiteral("/commit-graph"));
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
    if (ours.exists())
        consider({ ours.filePath() }, ours.lastModified());
    if (single.exists())
        consider({ single.filePath() }, single.lastModified());
    consider(chain, chainTime);
    return best;
}

Result<void> CommitGraphCache::write(const Repository &repo, const CancelToken &cancel)
{
    const QString dir = cacheDirFor(repo);
    if (!QDir().mkpath(dir))
        return Error { QStringLiteral("cannot create the cache folder %1").arg(dir) };

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
    if (int rc = git_commit_graph_writer_commit(rawWriter, &opts); rc < 0)
        return lastError(QStringLiteral("cannot write the history index in %1").arg(dir), rc);
    return {};
}

void CommitGraphCache::remove(const Repository &repo)
{
    QFile::remove(cacheDirFor(repo) + QStringLiteral("/commit-graph"));
}

} // namespace devdash::git

#include "GitTreeSnapshot.h"

#include "common/InputLimits.h"

#include <algorithm>

namespace devdash::migrations {

using namespace devdash::git;

namespace {

Result<TreePtr> commitTree(git_repository *repo, const git_oid &commitId)
{
    git_commit *commit = nullptr;
    if (int rc = git_commit_lookup(&commit, repo, &commitId); rc < 0)
        return lastError(QStringLiteral("reading commit %1").arg(toHex(commitId)), rc);
    CommitPtr commitPtr(commit);
    git_tree *tree = nullptr;
    if (int rc = git_commit_tree(&tree, commit); rc < 0)
        return lastError(QStringLiteral("reading the tree of commit %1").arg(toHex(commitId)), rc);
    return TreePtr(tree);
}

struct WalkState
{
    QList<GitTreeSnapshot::Entry> *out;
    QString prefix;
};

int collect(const char *root, const git_tree_entry *entry, void *payload)
{
    if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB)
        return 0;
    auto *state = static_cast<WalkState *>(payload);
    state->out->append(
        { state->prefix + QString::fromUtf8(root) + QString::fromUtf8(git_tree_entry_name(entry)),
            *git_tree_entry_id(entry) });
    return 0;
}

} // namespace

GitTreeSnapshot::GitTreeSnapshot(Repository repo, git_oid commit, const QString &ref)
    : m_repo(std::move(repo))
    , m_commit(commit)
    , m_ref(ref)
{
}

Result<GitTreeSnapshot> GitTreeSnapshot::open(const QString &repoPath, const QString &ref)
{
    ensureLibGit2();
    auto repo = Repository::open(repoPath);
    if (!repo)
        return repo.error();
    const QString revision = ref.isEmpty() ? QStringLiteral("HEAD") : ref;
    auto commit = repo->resolveCommit(revision);
    if (!commit)
        return commit.error();
    return GitTreeSnapshot(std::move(repo.value()), *commit, revision);
}

QString GitTreeSnapshot::commit() const
{
    return toHex(m_commit);
}

Result<QList<GitTreeSnapshot::Entry>> GitTreeSnapshot::files(const QString &folder) const
{
    auto tree = commitTree(m_repo.raw(), m_commit);
    if (!tree)
        return tree.error();
    QString cleanFolder = folder;
    while (cleanFolder.endsWith(QLatin1Char('/')))
        cleanFolder.chop(1);
    while (cleanFolder.startsWith(QLatin1String("./")))
        cleanFolder.remove(0, 2);
    TreePtr subtree;
    git_tree *walked = tree->get();
    if (!cleanFolder.isEmpty() && cleanFolder != QLatin1String(".")) {
        git_tree_entry *entry = nullptr;
        if (git_tree_entry_bypath(&entry, walked, cleanFolder.toUtf8().constData()) < 0)
            return QList<Entry> {};
        TreeEntryPtr entryPtr(entry);
        if (git_tree_entry_type(entry) != GIT_OBJECT_TREE)
            return QList<Entry> {};
        git_tree *sub = nullptr;
        if (int rc = git_tree_lookup(&sub, m_repo.raw(), git_tree_entry_id(entry)); rc < 0)
            return lastError(QStringLiteral("reading folder %1 at %2").arg(cleanFolder, m_ref), rc);
        subtree.reset(sub);
        walked = sub;
        cleanFolder += QLatin1Char('/');
    } else {
        cleanFolder.clear();
    }
    QList<Entry> out;
    WalkState state { &out, cleanFolder };
    if (int rc = git_tree_walk(walked, GIT_TREEWALK_PRE, collect, &state); rc < 0)
        return lastError(QStringLiteral("listing the files of %1 at %2").arg(cleanFolder, m_ref), rc);
    std::sort(out.begin(), out.end(), [](const Entry &a, const Entry &b) { return a.path < b.path; });
    return out;
}

Result<QByteArray> GitTreeSnapshot::read(const Entry &entry) const
{
    // The size from the object's header first: a huge blob is refused before it is loaded.
    git_odb *odb = nullptr;
    if (int rc = git_repository_odb(&odb, m_repo.raw()); rc < 0)
        return lastError(QStringLiteral("reading %1 at %2").arg(entry.path, m_ref), rc);
    size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    const int headerRc = git_odb_read_header(&size, &type, odb, &entry.blob);
    git_odb_free(odb);
    if (headerRc < 0)
        return lastError(QStringLiteral("reading %1 at %2").arg(entry.path, m_ref), headerRc);
    if (qint64(size) > InputLimits::MigrationFileBytes)
        return Error { QStringLiteral("%1 at %2 is %3, more than DevDash reads of a migration file (%4)")
                           .arg(entry.path, m_ref, InputLimits::describeBytes(qint64(size)),
                               InputLimits::describeBytes(InputLimits::MigrationFileBytes)) };
    git_blob *blob = nullptr;
    if (int rc = git_blob_lookup(&blob, m_repo.raw(), &entry.blob); rc < 0)
        return lastError(QStringLiteral("reading %1 at %2").arg(entry.path, m_ref), rc);
    BlobPtr ptr(blob);
    return QByteArray(
        static_cast<const char *>(git_blob_rawcontent(blob)), qsizetype(git_blob_rawsize(blob)));
}

Result<QByteArray> GitTreeSnapshot::read(const QString &path) const
{
    auto tree = commitTree(m_repo.raw(), m_commit);
    if (!tree)
        return tree.error();
    git_tree_entry *entry = nullptr;
    if (int rc = git_tree_entry_bypath(&entry, tree->get(), path.toUtf8().constData()); rc < 0)
        return Error { QStringLiteral("%1 does not exist at %2 (%3)").arg(path, m_ref, commit()), rc };
    TreeEntryPtr entryPtr(entry);
    if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB)
        return Error { QStringLiteral("%1 is a folder at %2, not a file").arg(path, m_ref) };
    return read(Entry { path, *git_tree_entry_id(entry) });
}

bool GitTreeSnapshot::exists(const QString &path) const
{
    auto tree = commitTree(m_repo.raw(), m_commit);
    if (!tree)
        return false;
    git_tree_entry *entry = nullptr;
    if (git_tree_entry_bypath(&entry, tree->get(), path.toUtf8().constData()) < 0)
        return false;
    git_tree_entry_free(entry);
    return true;
}

} // namespace devdash::migrations

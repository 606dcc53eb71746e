#include "Repository.h"

#include "CheckedLooseObjects.h"

#include <QDir>
#include <QFileInfo>

namespace devdash::git {

Result<Repository> Repository::open(const QString &path)
{
    ensureLibGit2();
    const QFileInfo info(path);
    if (path.isEmpty())
        return Error { QStringLiteral("No repository given: pass the path of a git repository") };
    if (!info.exists())
        return Error { QStringLiteral("Cannot open %1: no such file or folder").arg(path) };
    if (!info.isReadable() || (info.isDir() && !QDir(path).isReadable()))
        return Error {
            QStringLiteral("Cannot open %1: permission denied (check the folder's permissions)").arg(path)
        };

    git_repository *raw = nullptr;
    const QByteArray native = QFile::encodeName(info.absoluteFilePath());
    int rc = git_repository_open_ext(&raw, native.constData(), 0, nullptr);
    if (rc == GIT_ENOTFOUND) {
        // libgit2 says "not found" too when a .git file (worktree, submodule) points
        // to a folder that is gone: say so rather than "no .git found".
        const QFileInfo gitFile(QDir(info.absoluteFilePath()).filePath(QStringLiteral(".git")));
        if (info.isDir() && gitFile.isFile()) {
            Error e = lastError(QStringLiteral("Cannot open the repository at %1").arg(path), rc);
            e.message += QStringLiteral(" — its .git file does not point to a repository (a moved or deleted "
                                        "worktree or submodule?)");
            return e;
        }
        return Error {
            QStringLiteral("%1 is not a git repository (no .git found in it or any parent folder)").arg(path),
            rc
        };
    }
    if (rc < 0) {
        Error e = lastError(QStringLiteral("Cannot open the repository at %1").arg(path), rc);
        e.message += QStringLiteral(
            " — the repository may be damaged or its .git file may point to a missing folder");
        return e;
    }
    Repository repo;
    repo.m_repo.reset(raw);
    // Before anything reads an object: libgit2 would hang on a truncated loose one.
    if (auto checked = CheckedLooseObjects::install(raw, repo.commonDir() + QStringLiteral("/objects"));
        !checked)
        return Error {
            QStringLiteral("Cannot open the repository at %1: %2").arg(path, checked.errorMessage())
        };

    // Touch HEAD and the ref database now, so a corrupt repository fails here with a
    // clear message rather than halfway through a walk.
    git_reference *head = nullptr;
    rc = git_repository_head(&head, raw);
    ReferencePtr headPtr(head);
    if (rc < 0 && rc != GIT_EUNBORNBRANCH && rc != GIT_ENOTFOUND) {
        Error e
            = lastError(QStringLiteral("The repository at %1 is damaged (cannot read HEAD)").arg(path), rc);
        return e;
    }
    if (rc == 0) {
        git_object *obj = nullptr;
        rc = git_reference_peel(&obj, head, GIT_OBJECT_COMMIT);
        ObjectPtr objPtr(obj);
        if (rc < 0)
            return lastError(
                QStringLiteral("The repository at %1 is damaged (HEAD does not point to a readable commit)")
                    .arg(path),
                rc);
    }
    return repo;
}

QString Repository::gitDir() const
{
    return QDir::cleanPath(QFile::decodeName(git_repository_path(raw())));
}

QString Repository::commonDir() const
{
    return QDir::cleanPath(QFile::decodeName(git_repository_commondir(raw())));
}

QString Repository::workDir() const
{
    const char *wd = git_repository_workdir(raw());
    return wd ? QDir::cleanPath(QFile::decodeName(wd)) : QString();
}

QString Repository::displayName() const
{
    QString dir = isBare() ? gitDir() : workDir();
    QString name = QFileInfo(dir).fileName();
    return name.isEmpty() ? dir : name;
}

bool Repository::isBare() const
{
    return git_repository_is_bare(raw()) == 1;
}
bool Repository::isHeadDetached() const
{
    return git_repository_head_detached(raw()) == 1;
}
bool Repository::isHeadUnborn() const
{
    return git_repository_head_unborn(raw()) == 1;
}
bool Repository::isEmpty() const
{
    // Not git_repository_is_empty(): it also wants HEAD to name "master" (or
    // init.defaultBranch), so a fresh `git init -b main` would not count as empty.
    if (!isHeadUnborn())
        return false;
    git_reference_iterator *rawIt = nullptr;
    if (git_reference_iterator_new(&rawIt, raw()) < 0) {
        git_error_clear();
        return false;
    }
    ReferenceIteratorPtr it(rawIt);
    git_reference *ref = nullptr;
    const int rc = git_reference_next(&ref, rawIt);
    git_reference_free(ref);
    if (rc < 0)
        git_error_clear();
    return rc == GIT_ITEROVER;
}

QString Repository::currentBranch() const
{
    git_reference *head = nullptr;
    if (git_repository_head(&head, raw()) < 0)
        return {};
    ReferencePtr ptr(head);
    if (!git_reference_is_branch(head))
        return {};
    return QString::fromUtf8(git_reference_shorthand(head));
}

Repository::DefaultBranch Repository::defaultBranch() const
{
    git_reference *ref = nullptr;
    if (git_reference_lookup(&ref, raw(), "refs/remotes/origin/HEAD") == 0) {
        ReferencePtr ptr(ref);
        if (git_reference_type(ref) == GIT_REFERENCE_SYMBOLIC) {
            const QString target = QString::fromUtf8(git_reference_symbolic_target(ref));
            git_reference *resolved = nullptr;
            if (git_reference_lookup(&resolved, raw(), target.toUtf8().constData()) == 0) {
                ReferencePtr rptr(resolved);
                return { QString::fromUtf8(git_reference_shorthand(resolved)), target };
            }
        }
    }
    auto localExists = [this](const QString &name) {
        git_reference *r = nullptr;
        const bool ok = git_reference_lookup(&r, raw(), ("refs/heads/" + name).toUtf8().constData()) == 0;
        git_reference_free(r);
        return ok;
    };
    git_config *cfg = nullptr;
    if (git_repository_config_snapshot(&cfg, raw()) == 0) {
        ConfigPtr ptr(cfg);
        const char *value = nullptr;
        if (git_config_get_string(&value, cfg, "init.defaultBranch") == 0 && value && *value) {
            const QString name = QString::fromUtf8(value);
            if (localExists(name))
                return { name, QStringLiteral("refs/heads/") + name };
        }
    }
    for (const QString &name : { QStringLiteral("main"), QStringLiteral("master") })
        if (localExists(name))
            return { name, QStringLiteral("refs/heads/") + name };
    return {};
}

Result<git_oid> Repository::resolveCommit(const QString &revision) const
{
    git_object *obj = nullptr;
    int rc = git_revparse_single(&obj, raw(), revision.toUtf8().constData());
    if (rc < 0)
        return lastError(QStringLiteral("Unknown revision '%1' in %2").arg(revision, displayName()), rc);
    ObjectPtr ptr(obj);
    git_object *commit = nullptr;
    rc = git_object_peel(&commit, obj, GIT_OBJECT_COMMIT);
    if (rc < 0)
        return lastError(QStringLiteral("'%1' does not name a commit").arg(revision), rc);
    ObjectPtr cptr(commit);
    return *git_object_id(commit);
}

QString Repository::commitSummary(const git_oid &commit) const
{
    git_commit *raw = nullptr;
    if (git_commit_lookup(&raw, m_repo.get(), &commit) < 0) {
        git_error_clear();
        return {};
    }
    CommitPtr owned(raw);
    const char *summary = git_commit_summary(raw);
    return summary ? QString::fromUtf8(summary) : QString();
}

} // namespace devdash::git

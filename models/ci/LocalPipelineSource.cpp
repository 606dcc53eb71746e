#include "LocalPipelineSource.h"

#include "git/Repository.h"
#include "testresults/RunImport.h"

namespace devdash::ci {

Result<LocalPipelineSource> LocalPipelineSource::inspect(const QString &repository)
{
    auto repo = git::Repository::open(repository);
    if (!repo)
        return repo.error();
    if (repo->isBare())
        return Error { QStringLiteral(
            "%1 is a bare repository: a local pipeline needs a work tree to run in.")
                           .arg(repo->displayName()) };
    if (repo->isHeadUnborn())
        return Error { QStringLiteral("%1 has no commits yet: commit once, then run the pipeline (its runs "
                                      "are recorded under a commit).")
                           .arg(repo->displayName()) };
    auto head = repo->resolveCommit(QStringLiteral("HEAD"));
    if (!head)
        return head.error();

    LocalPipelineSource source;
    source.root = testresults::RunImport::keyOfFolder(repo->workDir());
    source.repositoryKey = testresults::RunImport::repositoryKey(*repo);
    source.commit = git::toHex(*head);
    source.branch = repo->currentBranch();

    git_status_options options = GIT_STATUS_OPTIONS_INIT;
    options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    // Untracked files count (a new source file changes the build); ignored ones
    // (build output) do not. An untracked folder is one entry: no need to recurse.
    options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED;
    git_status_list *raw = nullptr;
    if (const int rc = git_status_list_new(&raw, repo->raw(), &options); rc < 0)
        return git::lastError(
            QStringLiteral("Cannot read the status of the work tree %1").arg(source.root), rc);
    git::GitPtr<git_status_list, git_status_list_free> list(raw);
    source.dirty = git_status_list_entrycount(list.get()) > 0;
    return source;
}

} // namespace devdash::ci

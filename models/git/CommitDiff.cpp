#include "CommitDiff.h"

#include "CommitGraphCache.h"
#include "HistorySession.h"
#include "TopoWalker.h"

namespace devdash::git {

QString changeStatusName(ChangeStatus status)
{
    switch (status) {
    case ChangeStatus::Added:
        return QStringLiteral("added");
    case ChangeStatus::Modified:
        return QStringLiteral("modified");
    case ChangeStatus::Deleted:
        return QStringLiteral("deleted");
    case ChangeStatus::Renamed:
        return QStringLiteral("renamed");
    case ChangeStatus::Copied:
        return QStringLiteral("copied");
    case ChangeStatus::TypeChanged:
        return QStringLiteral("typechange");
    }
    return {};
}

QString compareModeName(CompareMode mode)
{
    return mode == CompareMode::TwoDot ? QStringLiteral("two-dot") : QStringLiteral("three-dot");
}

std::optional<CompareMode> compareModeFromName(const QString &name)
{
    if (name == QLatin1String("two-dot"))
        return CompareMode::TwoDot;
    if (name == QLatin1String("three-dot"))
        return CompareMode::ThreeDot;
    return std::nullopt;
}

namespace {

Result<TreePtr> treeOf(Repository &repo, const git_oid &commitId)
{
    if (git_oid_is_zero(&commitId))
        return TreePtr();
    git_commit *rawCommit = nullptr;
    if (int rc = git_commit_lookup(&rawCommit, repo.raw(), &commitId); rc < 0)
        return lastError(QStringLiteral("cannot read commit %1").arg(toHex(commitId)), rc);
    CommitPtr commit(rawCommit);
    git_tree *tree = nullptr;
    if (int rc = git_commit_tree(&tree, rawCommit); rc < 0)
        return lastError(QStringLiteral("cannot read the tree of commit %1").arg(toHex(commitId)), rc);
    return TreePtr(tree);
}

git_diff_options diffOptions()
{
    git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
    opts.max_size = DiffLimits::maxFileBytes; // larger blobs are flagged binary, never loaded
    opts.context_lines = 3;
    // Without it a file that becomes a symlink (or a submodule) is reported as a
    // deletion plus an addition of the same path; git shows one "T" change.
    opts.flags |= GIT_DIFF_INCLUDE_TYPECHANGE;
    return opts;
}

Result<DiffPtr> treeDiff(Repository &repo, const git_oid &from, const git_oid &to, git_diff_options &opts)
{
    auto oldTree = treeOf(repo, from);
    if (!oldTree)
        return oldTree.error();
    auto newTree = treeOf(repo, to);
    if (!newTree)
        return newTree.error();
    git_diff *raw = nullptr;
    if (int rc = git_diff_tree_to_tree(&raw, repo.raw(), oldTree->get(), newTree->get(), &opts); rc < 0)
        return lastError(QStringLiteral("cannot compare %1 with %2").arg(shortHex(from), shortHex(to)), rc);
    DiffPtr diff(raw);
    git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
    find.flags = GIT_DIFF_FIND_RENAMES;
    if (int rc = git_diff_find_similar(raw, &find); rc < 0)
        return lastError(QStringLiteral("cannot detect renames"), rc);
    return diff;
}

FileChange changeFromDelta(const git_diff_delta *delta)
{
    FileChange change;
    change.path = QString::fromUtf8(delta->new_file.path);
    change.oldPath = QString::fromUtf8(delta->old_file.path);
    switch (delta->status) {
    case GIT_DELTA_ADDED:
        change.status = ChangeStatus::Added;
        break;
    case GIT_DELTA_DELETED:
        change.status = ChangeStatus::Deleted;
        change.path = change.oldPath;
        break;
    case GIT_DELTA_RENAMED:
        change.status = ChangeStatus::Renamed;
        break;
    case GIT_DELTA_COPIED:
        change.status = ChangeStatus::Copied;
        break;
    case GIT_DELTA_TYPECHANGE:
        change.status = ChangeStatus::TypeChanged;
        break;
    default:
        change.status = ChangeStatus::Modified;
    }
    change.similarity = int(delta->similarity);
    return change;
}

} // namespace

git_diff_options CommitDiff::options()
{
    return diffOptions();
}

Result<QList<FileChange>> CommitDiff::changes(
    Repository &repo, const git_oid &from, const git_oid &to, const CancelToken &cancel)
{
    git_diff_options opts = diffOptions();
    auto diff = treeDiff(repo, from, to, opts);
    if (!diff)
        return diff.error();
    return changesOf(diff->get(), cancel);
}

Result<QList<FileChange>> CommitDiff::changesOf(git_diff *diff, const CancelToken &cancel)
{
    QList<FileChange> files;
    const size_t n = git_diff_num_deltas(diff);
    files.reserve(qsizetype(n));
    for (size_t i = 0; i < n; ++i) {
        if ((i & 63) == 0 && cancel.isCancelled())
            return Error { QStringLiteral("cancelled") };
        git_patch *rawPatch = nullptr;
        if (int rc = git_patch_from_diff(&rawPatch, diff, i); rc < 0)
            return lastError(QStringLiteral("cannot diff %1")
                                 .arg(QString::fromUtf8(git_diff_get_delta(diff, i)->new_file.path)),
                rc);
        PatchPtr patch(rawPatch);
        const git_diff_delta *delta = git_patch_get_delta(rawPatch);
        FileChange change = changeFromDelta(delta);
        change.binary = (delta->flags & GIT_DIFF_FLAG_BINARY) != 0;
        change.tooLarge = change.binary
            && (qint64(delta->new_file.size) > DiffLimits::maxFileBytes
                || qint64(delta->old_file.size) > DiffLimits::maxFileBytes);
        if (!change.binary) {
            size_t adds = 0, dels = 0;
            git_patch_line_stats(nullptr, &adds, &dels, rawPatch);
            change.additions = int(adds);
            change.deletions = int(dels);
        }
        files.append(change);
    }
    return files;
}

Result<CommitDetails> CommitDiff::details(Repository &repo, const git_oid &id, const CancelToken &cancel)
{
    git_commit *raw = nullptr;
    if (int rc = git_commit_lookup(&raw, repo.raw(), &id); rc < 0)
        return lastError(QStringLiteral("cannot read commit %1").arg(toHex(id)), rc);
    CommitPtr commit(raw);
    CommitDetails d;
    d.id = id;
    const char *encoding = git_commit_message_encoding(raw);
    const git_signature *author = git_commit_author(raw);
    const git_signature *committer = git_commit_committer(raw);
    d.authorName = decodeMessage(author->name, encoding);
    d.authorEmail = decodeMessage(author->email, encoding);
    d.authoredAt
        = QDateTime::fromSecsSinceEpoch(author->when.time, Qt::OffsetFromUTC, author->when.offset * 60);
    d.committerName = decodeMessage(committer->name, encoding);
    d.committerEmail = decodeMessage(committer->email, encoding);
    d.committedAt
        = QDateTime::fromSecsSinceEpoch(committer->when.time, Qt::OffsetFromUTC, committer->when.offset * 60);
    d.summary = decodeMessage(git_commit_summary(raw), encoding);
    d.message = decodeMessage(git_commit_message(raw), encoding);
    for (unsigned i = 0; i < git_commit_parentcount(raw); ++i)
        d.parents.push_back(*git_commit_parent_id(raw, i));
    git_oid from {};
    if (!d.parents.empty())
        from = d.parents.front();
    auto files = changes(repo, from, id, cancel);
    if (!files)
        return files.error();
    d.files = std::move(files.value());
    return d;
}

Result<FilePatch> CommitDiff::filePatch(
    Repository &repo, const git_oid &from, const git_oid &to, const FileChange &change)
{
    git_diff_options opts = diffOptions();
    QByteArray paths[2] = { change.path.toUtf8(), change.oldPath.toUtf8() };
    char *pathPtrs[2] = { paths[0].data(), paths[1].data() };
    opts.pathspec.strings = pathPtrs;
    opts.pathspec.count = change.oldPath.isEmpty() || change.oldPath == change.path ? 1 : 2;
    opts.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
    auto diff = treeDiff(repo, from, to, opts);
    if (!diff)
        return diff.error();
    return patchOf(diff->get(), change);
}

Result<FilePatch> CommitDiff::patchOf(git_diff *diff, const FileChange &change)
{
    FilePatch result;
    result.change = change;
    const size_t n = git_diff_num_deltas(diff);
    for (size_t i = 0; i < n; ++i) {
        const git_diff_delta *delta = git_diff_get_delta(diff, i);
        if (QString::fromUtf8(delta->new_file.path) != change.path
            && QString::fromUtf8(delta->old_file.path) != change.path)
            continue;
        git_patch *rawPatch = nullptr;
        if (int rc = git_patch_from_diff(&rawPatch, diff, i); rc < 0)
            return lastError(QStringLiteral("cannot diff %1").arg(change.path), rc);
        PatchPtr patch(rawPatch);
        const git_diff_delta *pd = git_patch_get_delta(rawPatch);
        result.change.binary = (pd->flags & GIT_DIFF_FLAG_BINARY) != 0;
        result.change.tooLarge = result.change.binary
            && (qint64(pd->new_file.size) > DiffLimits::maxFileBytes
                || qint64(pd->old_file.size) > DiffLimits::maxFileBytes);
        if (result.change.binary)
            return result;
        int emitted = 0;
        const size_t hunks = git_patch_num_hunks(rawPatch);
        for (size_t h = 0; h < hunks && !result.truncated; ++h) {
            const git_diff_hunk *hunk = nullptr;
            size_t lines = 0;
            git_patch_get_hunk(&hunk, &lines, rawPatch, h);
            DiffHunk out;
            out.header = QString::fromUtf8(hunk->header, int(hunk->header_len)).trimmed();
            for (size_t l = 0; l < lines; ++l) {
                if (emitted >= DiffLimits::maxPatchLines) {
                    result.truncated = true;
                    break;
                }
                const git_diff_line *line = nullptr;
                git_patch_get_line_in_hunk(&line, rawPatch, h, l);
                DiffLine dl;
                dl.origin = line->origin == GIT_DIFF_LINE_CONTEXT_EOFNL
                        || line->origin == GIT_DIFF_LINE_ADD_EOFNL || line->origin == GIT_DIFF_LINE_DEL_EOFNL
                    ? '\\'
                    : line->origin;
                dl.oldLine = line->old_lineno;
                dl.newLine = line->new_lineno;
                QByteArray content(line->content, int(line->content_len));
                if (content.endsWith('\n'))
                    content.chop(1);
                dl.text = dl.origin == '\\' ? QStringLiteral("\\ No newline at end of file")
                                            : QString::fromUtf8(content);
                out.lines.push_back(std::move(dl));
                ++emitted;
            }
            result.hunks.push_back(std::move(out));
        }
        return result;
    }
    return result;
}

namespace {
// Everything reachable from `tip` over the DAG.
std::vector<bool> ancestors(const CommitDag &dag, uint32_t tip)
{
    std::vector<bool> seen(dag.size(), false);
    std::vector<uint32_t> stack { tip };
    seen[tip] = true;
    while (!stack.empty()) {
        const uint32_t c = stack.back();
        stack.pop_back();
        dag.forEachParent(c, [&](uint32_t p) {
            if (!seen[p]) {
                seen[p] = true;
                stack.push_back(p);
            }
        });
    }
    return seen;
}

std::vector<git_oid> onlyIn(const CommitDag &dag, uint32_t tip, const std::vector<bool> &hidden)
{
    TopoWalker walker(dag, { tip }, &hidden);
    std::vector<uint32_t> rows;
    while (!walker.atEnd())
        walker.next(rows, 4096);
    std::vector<git_oid> out;
    out.reserve(rows.size());
    for (uint32_t r : rows)
        out.push_back(dag.oid(r));
    return out;
}
} // namespace

Result<Comparison> CommitDiff::compare(
    Repository &repo, const QString &a, const QString &b, const CancelToken &cancel, CompareMode mode)
{
    auto ia = repo.resolveCommit(a);
    if (!ia)
        return ia.error();
    auto ib = repo.resolveCommit(b);
    if (!ib)
        return ib.error();
    Comparison c;
    c.a = ia.value();
    c.b = ib.value();
    git_oid base;
    const int rc = git_merge_base(&base, repo.raw(), &c.a, &c.b);
    if (rc == 0)
        c.mergeBase = base;
    else if (rc == GIT_ENOTFOUND)
        git_error_clear();
    else
        return lastError(QStringLiteral("cannot find the merge base of %1 and %2").arg(a, b), rc);

    auto dagResult = CommitDag::fromGraphFiles(CommitGraphCache::layersFor(repo));
    CommitDag dag = dagResult ? std::move(dagResult.value()) : CommitDag();
    auto da = dag.resolve(repo.raw(), c.a, cancel);
    if (!da)
        return da.error();
    auto db = dag.resolve(repo.raw(), c.b, cancel);
    if (!db)
        return db.error();
    c.onlyInA = onlyIn(dag, da.value(), ancestors(dag, db.value()));
    c.onlyInB = onlyIn(dag, db.value(), ancestors(dag, da.value()));
    if (cancel.isCancelled())
        return Error { QStringLiteral("cancelled") };
    c.mode = mode;
    c.from = mode == CompareMode::TwoDot ? c.a : c.mergeBase.value_or(git_oid {});
    auto files = changes(repo, c.from, c.b, cancel);
    if (!files)
        return files.error();
    c.files = std::move(files.value());
    return c;
}

} // namespace devdash::git

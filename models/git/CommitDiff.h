#pragma once

// What a commit or a comparison changed: the file list with +/- counts and
// renames, and the patch of one file on demand (a 10,000-file commit or a 100 MB
// file must not be rendered whole).

#include "Repository.h"
#include "common/CancelToken.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>

#include <vector>

namespace devdash::git {

enum class ChangeStatus { Added, Modified, Deleted, Renamed, Copied, TypeChanged };
QString changeStatusName(ChangeStatus status); // "added", "modified", ...

struct FileChange
{
    QString path;
    QString oldPath;
    ChangeStatus status = ChangeStatus::Modified;
    int additions = 0;
    int deletions = 0;
    bool binary = false;
    bool tooLarge = false; // over DiffLimits::maxFileBytes: not diffed
    int similarity = 0; // renames and copies
};

struct DiffLimits
{
    static constexpr qint64 maxFileBytes = 8 * 1024 * 1024;
    static constexpr int maxPatchLines = 20000;
};

struct CommitDetails
{
    git_oid id {};
    std::vector<git_oid> parents;
    QString authorName, authorEmail;
    QDateTime authoredAt;
    QString committerName, committerEmail;
    QDateTime committedAt;
    QString summary;
    QString message;
    QList<FileChange> files; // against the first parent (the empty tree for a root)
};

struct DiffLine
{
    char origin = ' '; // ' ', '+', '-', '\\' (no newline at end)
    int oldLine = -1;
    int newLine = -1;
    QString text;
};

struct DiffHunk
{
    QString header;
    std::vector<DiffLine> lines;
};

struct FilePatch
{
    FileChange change;
    std::vector<DiffHunk> hunks;
    bool truncated = false; // more than DiffLimits::maxPatchLines lines
};

// Which files a comparison lists. Both are what git offers; users mean either.
enum class CompareMode {
    ThreeDot, // merge base -> b: what b adds (`git diff a...b`)
    TwoDot, // tree of a -> tree of b (`git diff a b`, also `a..b`)
};
QString compareModeName(CompareMode mode); // "three-dot", "two-dot"
std::optional<CompareMode> compareModeFromName(const QString &name);

struct Comparison
{
    git_oid a {}, b {};
    std::optional<git_oid> mergeBase;
    std::vector<git_oid> onlyInA; // topological order, newest first
    std::vector<git_oid> onlyInB;
    CompareMode mode = CompareMode::ThreeDot;
    git_oid from {}; // the old side of `files`: the merge base (null: none) or a
    QList<FileChange> files; // from -> b
};

class CommitDiff
{
public:
    static Result<CommitDetails> details(
        Repository &repo, const git_oid &commit, const CancelToken &cancel = {});
    // Changes between two trees (null oid: the empty tree).
    static Result<QList<FileChange>> changes(
        Repository &repo, const git_oid &fromCommit, const git_oid &toCommit, const CancelToken &cancel = {});
    // The patch of one file between two commits (null `from`: the empty tree).
    static Result<FilePatch> filePatch(
        Repository &repo, const git_oid &fromCommit, const git_oid &toCommit, const FileChange &change);
    // The options every diff here uses (size limit, context, type changes).
    static git_diff_options options();
    // The file list and the patch of one file of any diff (tree, index or work tree).
    static Result<QList<FileChange>> changesOf(git_diff *diff, const CancelToken &cancel = {});
    static Result<FilePatch> patchOf(git_diff *diff, const FileChange &change);
    static Result<Comparison> compare(Repository &repo, const QString &a, const QString &b,
        const CancelToken &cancel = {}, CompareMode mode = CompareMode::ThreeDot);
};

} // namespace devdash::git

Q_DECLARE_METATYPE(devdash::git::FileChange)

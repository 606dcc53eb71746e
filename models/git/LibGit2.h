#pragma once

// Small RAII layer over libgit2: owning pointers, library init, and turning
// libgit2's per-thread error text into a devdash::Error on the failing thread.

#include "common/Result.h"

#include <git2.h>

#include <QByteArray>
#include <QString>

#include <memory>

namespace devdash::git {

template<typename T, void (*Free)(T *)> struct GitDeleter
{
    void operator()(T *p) const
    {
        if (p)
            Free(p);
    }
};

template<typename T, void (*Free)(T *)> using GitPtr = std::unique_ptr<T, GitDeleter<T, Free>>;

using RepositoryPtr = GitPtr<git_repository, git_repository_free>;
using CommitPtr = GitPtr<git_commit, git_commit_free>;
using ReferencePtr = GitPtr<git_reference, git_reference_free>;
using ReferenceIteratorPtr = GitPtr<git_reference_iterator, git_reference_iterator_free>;
using RevwalkPtr = GitPtr<git_revwalk, git_revwalk_free>;
using TreePtr = GitPtr<git_tree, git_tree_free>;
using TreeEntryPtr = GitPtr<git_tree_entry, git_tree_entry_free>;
using ObjectPtr = GitPtr<git_object, git_object_free>;
using DiffPtr = GitPtr<git_diff, git_diff_free>;
using PatchPtr = GitPtr<git_patch, git_patch_free>;
using ConfigPtr = GitPtr<git_config, git_config_free>;
using OdbPtr = GitPtr<git_odb, git_odb_free>;
using OdbObjectPtr = GitPtr<git_odb_object, git_odb_object_free>;
using BlobPtr = GitPtr<git_blob, git_blob_free>;
using SignaturePtr = GitPtr<git_signature, git_signature_free>;
using IndexPtr = GitPtr<git_index, git_index_free>;
using TagPtr = GitPtr<git_tag, git_tag_free>;
using RemotePtr = GitPtr<git_remote, git_remote_free>;

// Initialises libgit2 for the lifetime of the process (safe to call repeatedly).
void ensureLibGit2();

// The error libgit2 recorded on this thread for the last failed call, as a user-facing
// message: "<what>: <libgit2 text>".
Error lastError(const QString &what, int code = -1);

inline QString toHex(const git_oid &oid)
{
    char buf[GIT_OID_HEXSZ + 1];
    git_oid_tostr(buf, sizeof buf, &oid);
    return QString::fromLatin1(buf, GIT_OID_HEXSZ);
}

inline QString shortHex(const git_oid &oid, int length = 7)
{
    return toHex(oid).left(length);
}

inline bool operator<(const git_oid &a, const git_oid &b)
{
    return git_oid_cmp(&a, &b) < 0;
}
inline bool operator==(const git_oid &a, const git_oid &b)
{
    return git_oid_equal(&a, &b);
}

// Decodes a commit message (or signature name) recorded in `encoding` to UTF-8 text;
// undecodable bytes become U+FFFD. Empty encoding means UTF-8.
QString decodeMessage(const char *bytes, const char *encoding);

} // namespace devdash::git

#pragma once

// One import as users ask for it — report files, folders or globs, for a
// repository at a commit — turned into one run in the store: the CLI's
// `devdash tests import`, the window's File → Import and ReportWatcher use it.
// All or nothing: every file is parsed before anything is written, and the first
// bad report fails the whole import with its file:line:col.

#include "TestRun.h"
#include "common/CancelToken.h"
#include "common/Result.h"

#include <QDateTime>
#include <QStringList>

namespace devdash::git {
class Repository;
}

namespace devdash::testresults {

class TestRunStore;

struct ImportRequest
{
    QStringList paths; // files, folders (every *.xml / *.trx under them) and globs (`build/**/junit*.xml`)
    QString baseDir; // relative paths are taken from here; empty: the current folder
    QString repository; // the repository or any folder inside its work tree
    QString commit; // any revision; empty: HEAD
    QString branch; // empty: the current branch (none on a detached HEAD)
    QString source; // empty: "local"
    QDateTime importedAt; // empty: now
};

struct ImportOutcome
{
    ImportedRun imported;
    QStringList files; // what was read, sorted
    QStringList warnings; // the parsers', prefixed with their file
};

class RunImport
{
public:
    // The key a repository's runs are stored under: the canonical path of its work
    // tree (of its git dir when bare). Every caller must use this, so that the
    // CLI, the window and the watcher share one history.
    // The key of a repository's top folder (work tree, or git dir when bare).
    static QString keyOfFolder(const QString &dir);
    static QString repositoryKey(const git::Repository &repository);
    static Result<QString> repositoryKey(const QString &path);

    // Who, where and what of a run: the repository's key, the commit's full id
    // (a full id the repository does not have is accepted: CI may report on a
    // commit not fetched here), the branch.
    static Result<RunInfo> runInfo(const ImportRequest &request);

    // The files behind the paths. A named file that does not exist, or a path
    // matching nothing, is an error: an import of nothing is a mistake.
    static Result<QStringList> resolveFiles(const QStringList &paths, const QString &baseDir);

    // Parses every file; the first failure ("file:line:col: what") fails them all.
    static Result<QList<TestReport>> parseAll(const QStringList &files, const CancelToken &cancel = {});

    static Result<ImportOutcome> run(
        TestRunStore &store, const ImportRequest &request, const CancelToken &cancel = {});
};

} // namespace devdash::testresults

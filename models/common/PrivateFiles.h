#pragma once

// DevDash's own folders and files are the user's alone: the store (test history,
// pipeline logs, deployments), the HTTP cache (CI answers, artifacts), the commit
// graph cache and the settings hold what other users of the machine have no
// business reading. Folders DevDash creates are 0700, files 0600 (SQLite gives
// its -wal and -shm files the mode of the database file, QSaveFile keeps the mode
// of the file it replaces: creating the file 0600 first is enough). There is no
// fallback to a shared folder such as /tmp: without a home folder the caller
// gets an error that says which variable to set.

#include "common/Result.h"

#include <QString>

namespace devdash {

class PrivateFiles
{
public:
    // $DEVDASH_CACHE_DIR, else $XDG_CACHE_HOME/devdash (~/.cache/devdash).
    static Result<QString> cacheRoot();

    // Creates `path` and its missing parents; every folder created is 0700. With
    // `tightenExisting`, `path` is made 0700 when it existed already (a folder that
    // is DevDash's own; not one the user named for a file of theirs).
    static Result<void> makeFolder(const QString &path, bool tightenExisting = true);
    // Creates `path` empty and 0600 when it does not exist (its folder must);
    // an existing file is left as it is unless `tighten`.
    static Result<void> makeFile(const QString &path, bool tighten = false);
    // Makes an existing file 0600; false when that failed.
    static bool restrictFile(const QString &path);

    // The application's QSettings file (organisation and application names set):
    // its folder 0700, the file 0600, created empty if needed.
    static Result<void> protectSettings();
};

} // namespace devdash

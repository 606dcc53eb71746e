#pragma once

#include <QProcessEnvironment>
#include <QString>

namespace devdash::test {

// Isolates a test process from the machine: HOME, git's global config and
// DevDash's cache all live in one temporary folder, removed at exit. Call
// setUp() first thing in initTestCase(), before libgit2 is initialised (it reads
// HOME once to find the global config).
class TestEnvironment
{
public:
    static bool setUp();
    static QString root(); // the temporary folder
    static QString cacheDir(); // $DEVDASH_CACHE_DIR
    static QString homeDir(); // $HOME, holds the .gitconfig git and libgit2 read
    // The environment git is run with (identity, no system config, C locale).
    static QProcessEnvironment gitEnvironment();
    static bool runningAsRoot();
};

} // namespace devdash::test

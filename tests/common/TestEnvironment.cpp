#include "TestEnvironment.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <memory>
#include <unistd.h>

namespace devdash::test {

namespace {
std::unique_ptr<QTemporaryDir> &tempRoot()
{
    static std::unique_ptr<QTemporaryDir> dir;
    return dir;
}
} // namespace

bool TestEnvironment::setUp()
{
    if (tempRoot())
        return true;
    tempRoot() = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/devdash-test-XXXXXX"));
    if (!tempRoot()->isValid())
        return false;
    QDir().mkpath(homeDir());
    QDir().mkpath(cacheDir());

    // Settings that keep git deterministic and quiet: no automatic gc or graph
    // writing behind our back, raw (unquoted) UTF-8 paths in its output, and file://
    // submodules allowed (git >= 2.38.1 refuses them by default).
    QFile config(homeDir() + QStringLiteral("/.gitconfig"));
    if (!config.open(QIODevice::WriteOnly))
        return false;
    config.write("[user]\n\tname = DevDash Test\n\temail = test@devdash.invalid\n"
                 "[core]\n\tquotePath = false\n\tautocrlf = false\n"
                 "[gc]\n\tauto = 0\n\twriteCommitGraph = false\n"
                 "[fetch]\n\twriteCommitGraph = false\n"
                 "[maintenance]\n\tauto = false\n"
                 "[commit]\n\tgpgSign = false\n"
                 "[tag]\n\tgpgSign = false\n"
                 "[advice]\n\tdetachedHead = false\n"
                 "[protocol \"file\"]\n\tallow = always\n");
    config.close();

    qputenv("HOME", QFile::encodeName(homeDir()));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(homeDir() + QStringLiteral("/.config")));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(homeDir() + QStringLiteral("/.cache")));
    qputenv("GIT_CONFIG_NOSYSTEM", "1");
    qputenv("DEVDASH_CACHE_DIR", QFile::encodeName(cacheDir()));
    qputenv("QT_QPA_PLATFORM", "offscreen");
    for (const char *name : { "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
             "GIT_COMMON_DIR", "GIT_CEILING_DIRECTORIES" })
        qunsetenv(name);
    return true;
}

QString TestEnvironment::root()
{
    return tempRoot() ? tempRoot()->path() : QString();
}

QString TestEnvironment::cacheDir()
{
    return root() + QStringLiteral("/cache");
}

QString TestEnvironment::homeDir()
{
    return root() + QStringLiteral("/home");
}

QProcessEnvironment TestEnvironment::gitEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), homeDir());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), homeDir() + QStringLiteral("/.config"));
    env.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
    env.insert(QStringLiteral("GIT_TERMINAL_PROMPT"), QStringLiteral("0"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    env.insert(QStringLiteral("LANGUAGE"), QStringLiteral("C"));
    env.insert(QStringLiteral("GIT_AUTHOR_NAME"), QStringLiteral("DevDash Test"));
    env.insert(QStringLiteral("GIT_AUTHOR_EMAIL"), QStringLiteral("test@devdash.invalid"));
    env.insert(QStringLiteral("GIT_COMMITTER_NAME"), QStringLiteral("DevDash Test"));
    env.insert(QStringLiteral("GIT_COMMITTER_EMAIL"), QStringLiteral("test@devdash.invalid"));
    // Variables a surrounding git (e.g. a hook running the tests) would leak in.
    for (const char *name : { "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
             "GIT_COMMON_DIR", "GIT_CEILING_DIRECTORIES" })
        env.remove(QString::fromLatin1(name));
    return env;
}

bool TestEnvironment::runningAsRoot()
{
    return ::geteuid() == 0;
}

} // namespace devdash::test

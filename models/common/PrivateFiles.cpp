#include "common/PrivateFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QStringList>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace devdash {

namespace {

constexpr QFile::Permissions FolderMode = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;

} // namespace

Result<QString> PrivateFiles::cacheRoot()
{
    const QString env = qEnvironmentVariable("DEVDASH_CACHE_DIR");
    if (!env.isEmpty())
        return QDir::cleanPath(env);
    const QString xdg = qEnvironmentVariable("XDG_CACHE_HOME");
    const QString home = qEnvironmentVariable("HOME");
    if (xdg.isEmpty() && home.isEmpty())
        return Error { QStringLiteral(
            "no folder for DevDash's cache: HOME is not set. Set HOME, XDG_CACHE_HOME or DEVDASH_CACHE_DIR "
            "to a folder of yours.") };
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    if (base.isEmpty())
        return Error { QStringLiteral(
            "no folder for DevDash's cache was found. Set XDG_CACHE_HOME or DEVDASH_CACHE_DIR to a folder of "
            "yours.") };
    return QString(base + QStringLiteral("/devdash"));
}

Result<void> PrivateFiles::makeFolder(const QString &path, bool tightenExisting)
{
    const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    // The folders about to be created, deepest first.
    QStringList created;
    for (QFileInfo at(clean); !at.exists() && !at.isRoot(); at = QFileInfo(at.absolutePath()))
        created << at.absoluteFilePath();
    // mkdir 0700 one by one (not mkpath then chmod): never readable by others, not even for a moment.
    for (auto it = created.crbegin(); it != created.crend(); ++it) {
        if (::mkdir(QFile::encodeName(*it).constData(), 0700) != 0 && !QFileInfo(*it).isDir())
            return Error { QStringLiteral("cannot create the folder %1: %2")
                               .arg(*it, QString::fromLocal8Bit(::strerror(errno))) };
    }
    if (!QFileInfo(clean).isDir())
        return Error { QStringLiteral("%1 is not a folder").arg(clean) };
    if (tightenExisting && !QFile::setPermissions(clean, FolderMode))
        return Error { QStringLiteral("cannot make the folder %1 private (mode 0700)").arg(clean) };
    return {};
}

Result<void> PrivateFiles::makeFile(const QString &path, bool tighten)
{
    const QByteArray name = QFile::encodeName(path);
    const int fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ::close(fd);
        return {};
    }
    if (errno != EEXIST)
        return Error {
            QStringLiteral("cannot create %1: %2").arg(path, QString::fromLocal8Bit(::strerror(errno)))
        };
    if (tighten && !restrictFile(path))
        return Error { QStringLiteral("cannot make %1 private (mode 0600)").arg(path) };
    return {};
}

bool PrivateFiles::restrictFile(const QString &path)
{
    return ::chmod(QFile::encodeName(path).constData(), 0600) == 0;
}

Result<void> PrivateFiles::protectSettings()
{
    const QString file = QSettings().fileName();
    if (file.isEmpty())
        return {};
    if (auto folder = makeFolder(QFileInfo(file).absolutePath()); !folder)
        return folder;
    return makeFile(file, true);
}

} // namespace devdash

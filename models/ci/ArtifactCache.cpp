#include "ci/ArtifactCache.h"

#include "common/PrivateFiles.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace devdash::ci {

ArtifactCache::ArtifactCache(const QString &directory, qint64 maxBytes)
    : m_directory(directory)
    , m_maxBytes(maxBytes)
{
}

QString ArtifactCache::directoryBeside(const QString &httpCacheDirectory)
{
    if (httpCacheDirectory.isEmpty())
        return {}; // no cache folder: nothing is kept
    return httpCacheDirectory + QStringLiteral("/artifacts");
}

QString ArtifactCache::key(const QString &provider, const QString &apiUrl, const QString &project, qint64 id)
{
    return provider + QLatin1Char('\n') + apiUrl + QLatin1Char('\n') + project + QLatin1Char('\n')
        + QString::number(id);
}

QString ArtifactCache::pathFor(const QString &key) const
{
    return m_directory + QLatin1Char('/')
        + QString::fromLatin1(QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256).toHex())
        + QStringLiteral(".zip");
}

bool ArtifactCache::matchesDigest(const QByteArray &zip, const QString &digest)
{
    if (!digest.startsWith(QLatin1String("sha256:"), Qt::CaseInsensitive))
        return true;
    return QCryptographicHash::hash(zip, QCryptographicHash::Sha256).toHex()
        == digest.mid(7).trimmed().toLower().toLatin1();
}

std::optional<QByteArray> ArtifactCache::find(const QString &key, const QString &digest) const
{
    QFile file(pathFor(key));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    QByteArray zip = file.readAll();
    file.close();
    if (zip.isEmpty() || !matchesDigest(zip, digest))
        return std::nullopt;
    // Used again: the last to go when the folder is pruned.
    if (file.open(QIODevice::Append))
        file.setFileTime(QDateTime::currentDateTimeUtc(), QFileDevice::FileModificationTime);
    return zip;
}

bool ArtifactCache::store(const QString &key, const QByteArray &zip)
{
    if (zip.size() > m_maxBytes || m_directory.isEmpty() || !PrivateFiles::makeFolder(m_directory))
        return false;
    QSaveFile file(pathFor(key));
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(zip);
    if (!file.commit() || !PrivateFiles::restrictFile(file.fileName()))
        return false;
    prune();
    return true;
}

void ArtifactCache::prune() const
{
    QFileInfoList files
        = QDir(m_directory)
              .entryInfoList({ QStringLiteral("*.zip") }, QDir::Files, QDir::Time); // newest first
    qint64 total = 0;
    for (const QFileInfo &info : std::as_const(files)) {
        total += info.size();
        if (total > m_maxBytes)
            QFile::remove(info.absoluteFilePath());
    }
}

} // namespace devdash::ci

#include "ci/HttpResponseCache.h"

#include "ci/HttpErrorText.h"
#include "common/PrivateFiles.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <utility>

namespace devdash::ci {

HttpResponseCache::HttpResponseCache(const QString &directory)
    : m_directory(directory.isEmpty() ? defaultDirectory() : directory)
{
}

QString HttpResponseCache::defaultDirectory()
{
    // The same root as DevDash's other caches (CommitGraphCache): $DEVDASH_CACHE_DIR,
    // else the XDG cache folder — whichever program (window, CLI) asks.
    // No shared fallback (/tmp): without a cache folder of the user's, nothing is cached.
    const auto root = PrivateFiles::cacheRoot();
    if (!root) {
        static bool warned = false;
        if (!std::exchange(warned, true))
            qWarning("devdash: %s", qPrintable(root.errorMessage()));
        return {};
    }
    return *root + QStringLiteral("/http");
}

QString HttpResponseCache::pathFor(const QUrl &url, const QByteArray &accept) const
{
    // The user info of a URL (if any) is left out: it may hold a password.
    const QByteArray key = "GET " + url.adjusted(QUrl::RemoveUserInfo).toEncoded() + '\n' + accept;
    return m_directory + QLatin1Char('/')
        + QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex())
        + QStringLiteral(".json");
}

std::optional<CachedResponse> HttpResponseCache::find(const QUrl &url, const QByteArray &accept) const
{
    if (m_directory.isEmpty())
        return std::nullopt;
    QFile file(pathFor(url, accept));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    if (o.isEmpty())
        return std::nullopt;
    CachedResponse r;
    r.etag = o.value(QStringLiteral("etag")).toString().toUtf8();
    r.lastModified = o.value(QStringLiteral("last_modified")).toString().toUtf8();
    r.linkHeader = o.value(QStringLiteral("link")).toString().toUtf8();
    r.nextPageHeader = o.value(QStringLiteral("x_next_page")).toString().toUtf8();
    r.body = QByteArray::fromBase64(o.value(QStringLiteral("body")).toString().toLatin1());
    if (r.etag.isEmpty() && r.lastModified.isEmpty())
        return std::nullopt;
    return r;
}

bool HttpResponseCache::store(const QUrl &url, const QByteArray &accept, const CachedResponse &response)
{
    // The user's alone: answers may be of private projects.
    if (m_directory.isEmpty() || !PrivateFiles::makeFolder(m_directory))
        return false;
    QJsonObject o;
    o.insert(QStringLiteral("url"), HttpErrorText::displayUrl(url)); // for whoever looks at the folder
    o.insert(QStringLiteral("etag"), QString::fromUtf8(response.etag));
    o.insert(QStringLiteral("last_modified"), QString::fromUtf8(response.lastModified));
    o.insert(QStringLiteral("link"), QString::fromUtf8(response.linkHeader));
    o.insert(QStringLiteral("x_next_page"), QString::fromUtf8(response.nextPageHeader));
    o.insert(QStringLiteral("stored_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    o.insert(QStringLiteral("body"), QString::fromLatin1(response.body.toBase64()));
    QSaveFile file(pathFor(url, accept));
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QJsonDocument(o).toJson(QJsonDocument::Compact));
    return file.commit() && PrivateFiles::restrictFile(file.fileName());
}

} // namespace devdash::ci

#pragma once

// The disk side of conditional requests: the body and validators (ETag,
// Last-Modified) of each cacheable 200, so that a re-poll — also after a restart —
// sends If-None-Match / If-Modified-Since and a 304 costs no rate limit. Keyed by a
// hash of the URL and Accept header only: request credentials are never written.

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QUrl>

#include <optional>

namespace devdash::ci {

struct CachedResponse
{
    QByteArray etag;
    QByteArray lastModified;
    QByteArray body;
    QByteArray linkHeader; // pagination of the cached page
    QByteArray nextPageHeader; // GitLab X-Next-Page
};

class HttpResponseCache
{
public:
    // `directory` is created on first store; empty: defaultDirectory().
    explicit HttpResponseCache(const QString &directory = {});

    QString directory() const { return m_directory; }
    // $DEVDASH_CACHE_DIR/http, else $XDG_CACHE_HOME/devdash/http (~/.cache/devdash/http).
    static QString defaultDirectory();

    std::optional<CachedResponse> find(const QUrl &url, const QByteArray &accept) const;
    // Written atomically; false when the disk refused (the cache is only an optimisation).
    bool store(const QUrl &url, const QByteArray &accept, const CachedResponse &response);

private:
    QString pathFor(const QUrl &url, const QByteArray &accept) const;

    QString m_directory;
};

} // namespace devdash::ci

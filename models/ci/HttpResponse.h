#pragma once

// What came back for an HttpRequest: a fresh 2xx, or the cached body of a 304.

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

namespace devdash::ci {

// Error::code values besides HTTP statuses.
constexpr int HttpNetworkError = -1; // DNS, refused connection, TLS
constexpr int HttpCanceled = -2; // the caller's CancelToken was set
constexpr int HttpTimedOut = -3;
constexpr int HttpTooLarge = -4; // the answer grew past HttpRequest::maxBodyBytes
constexpr int HttpRateLimited = -4; // waiting would exceed the client's patience
constexpr int HttpMalformed = -5; // the body is not what the API documents

struct HttpResponse
{
    QUrl url; // the URL finally answered (after redirects)
    int status = 0; // 200…; 304 when served from the cache
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool fromCache = false; // a 304: the body is the cached one
    QUrl nextUrl; // the next page (Link rel="next", X-Next-Page); empty on the last

    // Case-insensitive lookup; empty when absent.
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers)
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        return {};
    }
};

} // namespace devdash::ci

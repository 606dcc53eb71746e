#pragma once

// The messages a user reads when a CI request fails: what failed, on which URL
// (never with credentials), and what to do.

#include "common/Result.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QString>
#include <QUrl>

namespace devdash::ci {

class HttpErrorText
{
public:
    // The URL without user info, and with token-like query values masked.
    static QString displayUrl(const QUrl &url);

    // An HTTP error status; `body` may carry the server's own message ({"message": …}).
    static QString forStatus(int status, const QString &service, const QUrl &url,
        const QString &credentialHint, const QByteArray &body);
    static QString forTimeout(const QUrl &url, int timeoutMs);
    static QString forNetwork(const QUrl &url, const QString &qtError, bool tls);
    static QString forRateLimit(const QUrl &url, const QDateTime &until, const QString &credentialHint);

    // JSON of a response, or an Error naming the URL and the offset where parsing stopped.
    static Result<QJsonDocument> parseJson(const QByteArray &body, const QUrl &url);
};

} // namespace devdash::ci

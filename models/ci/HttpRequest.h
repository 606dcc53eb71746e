#pragma once

// One GET a provider asks the HttpClient for. Credentials go in `secretHeaders`:
// they are sent, but never cached, logged, nor put in an error message — and only
// to `credentialOrigin` (scheme, host and port), over https or to loopback. The
// HttpClient enforces that for every request it sends: pagination links, redirects
// and URLs a server hands out (Jenkins build URLs) to another origin go without them.

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace devdash::ci {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

struct HttpRequest
{
    QUrl url;
    HttpHeaders headers; // Accept, User-Agent, API version…
    HttpHeaders secretHeaders; // Authorization, PRIVATE-TOKEN: dropped on a redirect to another host
    // The origin the credentials were given for (the source's API root); empty: `url` as first asked.
    QUrl credentialOrigin;
    QString service; // "github", "gitlab": names the service in messages
    // What to check on a 401, e.g. "the token for github in the keychain or GITHUB_TOKEN".
    QString credentialHint;
    int timeoutMs = 30000; // the whole exchange, from the request leaving the queue
    bool useCache = true; // conditional request + disk cache (ETag / Last-Modified)
    // A larger answer is refused while it arrives (a runaway log, a hostile server):
    // nothing is kept of it.
    qint64 maxBodyBytes = qint64(128) * 1024 * 1024;
    QString caBundle; // PEM file of extra CA certificates for a self-hosted server

    void setHeader(const QByteArray &name, const QByteArray &value) { headers.append({ name, value }); }
    void setSecretHeader(const QByteArray &name, const QByteArray &value)
    {
        secretHeaders.append({ name, value });
    }
};

} // namespace devdash::ci

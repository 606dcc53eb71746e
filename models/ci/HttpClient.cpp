#include "ci/HttpClient.h"

#include "ci/HttpErrorText.h"
#include "config/CredentialHosts.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrlQuery>

namespace devdash::ci {

struct HttpClient::Pending
{
    HttpRequest request;
    CancelToken cancel;
    Callback done;
    QUrl url; // the current URL (changes on redirects)
    bool dropSecrets = false; // redirected to another host
    int attempt = 0;
    int redirects = 0;
    bool timedOut = false;
    bool tooLarge = false;
    QNetworkReply *reply = nullptr;
    QTimer *deadline = nullptr;
    QString host;
};

struct HttpClient::HostQueue
{
    std::deque<std::shared_ptr<Pending>> queue;
    std::shared_ptr<Pending> active;
    QDateTime blockedUntil;
    QTimer *wake = nullptr;
};

struct HttpClient::PageWalk
{
    HttpRequest request;
    PageOptions options;
    CancelToken cancel;
    PagesCallback done;
    QList<HttpResponse> pages;
    int items = 0;
};

namespace {

QString hostKey(const QUrl &url)
{
    return url.host().toLower() + QLatin1Char(':')
        + QString::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
}

// scheme://host:port, the default port made explicit: what credentials are bound to.
QString originOf(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return scheme + QStringLiteral("://") + url.host().toLower() + QLatin1Char(':')
        + QString::number(url.port(scheme == QLatin1String("https") ? 443 : 80));
}

// The one rule for credentials on the wire: only to the origin they were given for,
// and never in clear text across a network (plain http only to loopback).
bool mayCarryCredentials(const QUrl &url, const QUrl &credentialOrigin)
{
    if (credentialOrigin.isEmpty() || originOf(url) != originOf(credentialOrigin))
        return false;
    return url.scheme() == QLatin1String("https")
        || (url.scheme() == QLatin1String("http") && config::CredentialHosts::isLoopback(url.host()));
}

// The request with its credentials bound: to the URL first asked unless the provider said otherwise.
HttpRequest bound(HttpRequest request)
{
    if (!request.secretHeaders.isEmpty() && request.credentialOrigin.isEmpty())
        request.credentialOrigin = request.url;
    return request;
}

QByteArray acceptOf(const HttpRequest &request)
{
    for (const auto &h : request.headers)
        if (h.first.compare("Accept", Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

// Link: <https://api.github.com/…&page=2>; rel="next", <…>; rel="last"
QUrl nextFromLink(const QByteArray &link, const QUrl &base)
{
    static const QRegularExpression part(QStringLiteral(R"(<([^>]*)>\s*((?:;\s*[^;,]+)*))"));
    auto it = part.globalMatch(QString::fromUtf8(link));
    while (it.hasNext()) {
        const auto m = it.next();
        static const QRegularExpression relNext(
            QStringLiteral(R"(rel\s*=\s*"?([^";,]*\s)*next(\s[^";,]*)*"?)"));
        if (m.captured(2).contains(relNext))
            return base.resolved(QUrl(m.captured(1)));
    }
    return {};
}

QUrl nextFromPageHeader(const QByteArray &nextPage, const QUrl &current)
{
    if (nextPage.trimmed().isEmpty())
        return {};
    QUrl next = current;
    QUrlQuery q(next);
    q.removeAllQueryItems(QStringLiteral("page"));
    q.addQueryItem(QStringLiteral("page"), QString::fromLatin1(nextPage.trimmed()));
    next.setQuery(q);
    return next;
}

// Retry-After: seconds, or an HTTP date.
QDateTime parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    bool ok = false;
    const qint64 seconds = value.trimmed().toLongLong(&ok);
    if (ok)
        return now.addSecs(std::max<qint64>(0, seconds));
    const QDateTime date = QDateTime::fromString(QString::fromLatin1(value.trimmed()), Qt::RFC2822Date);
    return date.isValid() ? date.toUTC() : QDateTime();
}

QDateTime parseEpoch(const QByteArray &value)
{
    bool ok = false;
    const qint64 epoch = value.trimmed().toLongLong(&ok);
    return ok && epoch > 0 ? QDateTime::fromSecsSinceEpoch(epoch, Qt::UTC) : QDateTime();
}

QString redactSecrets(QString text, const HttpRequest &request)
{
    for (const auto &h : request.secretHeaders) {
        QByteArray value = h.second;
        for (const QByteArray &prefix : { QByteArray("Bearer "), QByteArray("token "), QByteArray("Basic ") })
            if (value.startsWith(prefix))
                value = value.mid(prefix.size());
        if (value.size() >= 4)
            text.replace(QString::fromUtf8(value), QStringLiteral("***"));
    }
    return text;
}

} // namespace

HttpClient::HttpClient(QObject *parent, const QString &cacheDirectory)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_cache(cacheDirectory)
    , m_cancelTimer(new QTimer(this))
{
    // The proxy the desktop is configured with (http_proxy/no_proxy on Linux).
    QNetworkProxyFactory::setUseSystemConfiguration(true);
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_network->setAutoDeleteReplies(false);
    m_cancelTimer->setInterval(100);
    connect(m_cancelTimer, &QTimer::timeout, this, &HttpClient::pollCancellations);
}

HttpClient::~HttpClient()
{
    // Replies die with the manager; callbacks are not called after destruction.
    for (const auto &q : std::as_const(m_hosts))
        if (q->active && q->active->reply)
            q->active->reply->disconnect(this);
}

void HttpClient::get(const HttpRequest &request, const CancelToken &cancel, Callback done)
{
    auto pending = std::make_shared<Pending>();
    pending->request = bound(request);
    pending->cancel = cancel;
    pending->done = std::move(done);
    pending->url = request.url;
    pending->host = hostKey(request.url);
    auto &queue = m_hosts[pending->host];
    if (!queue)
        queue = std::make_shared<HostQueue>();
    queue->queue.push_back(pending);
    // Always asynchronous, even when the host is idle: callers rely on it.
    QMetaObject::invokeMethod(
        this, [this, host = pending->host] { processHost(host); }, Qt::QueuedConnection);
}

void HttpClient::processHost(const QString &host)
{
    const auto queue = m_hosts.value(host);
    if (!queue || queue->active)
        return;
    while (!queue->queue.empty()) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (queue->blockedUntil.isValid() && queue->blockedUntil > now) {
            const qint64 wait = now.msecsTo(queue->blockedUntil);
            if (wait <= m_maxRateLimitWaitMs) {
                if (!queue->wake) {
                    queue->wake = new QTimer(this);
                    queue->wake->setSingleShot(true);
                    connect(queue->wake, &QTimer::timeout, this, [this, host] { processHost(host); });
                }
                queue->wake->start(int(wait) + 50);
                return;
            }
            auto pending = queue->queue.front();
            queue->queue.pop_front();
            ++m_stats.errors;
            pending->done(Error { HttpErrorText::forRateLimit(
                                      pending->url, queue->blockedUntil, pending->request.credentialHint),
                HttpRateLimited });
            continue;
        }
        auto pending = queue->queue.front();
        queue->queue.pop_front();
        if (pending->cancel.isCancelled()) {
            pending->done(Error {
                QStringLiteral("canceled: %1").arg(HttpErrorText::displayUrl(pending->url)), HttpCanceled });
            continue;
        }
        queue->active = pending;
        start(pending);
        return;
    }
}

void HttpClient::start(const std::shared_ptr<Pending> &pending)
{
    QNetworkRequest request(pending->url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("DevDash"));
    for (const auto &h : std::as_const(pending->request.headers))
        request.setRawHeader(h.first, h.second);
    const bool secrets = !pending->request.secretHeaders.isEmpty();
    if (secrets && !pending->dropSecrets
        && mayCarryCredentials(pending->url, pending->request.credentialOrigin))
        for (const auto &h : std::as_const(pending->request.secretHeaders))
            request.setRawHeader(h.first, h.second);
    else if (secrets)
        ++m_stats.credentialsWithheld;
    if (pending->request.useCache) {
        if (const auto cached = m_cache.find(pending->url, acceptOf(pending->request))) {
            if (!cached->etag.isEmpty())
                request.setRawHeader("If-None-Match", cached->etag);
            if (!cached->lastModified.isEmpty())
                request.setRawHeader("If-Modified-Since", cached->lastModified);
        }
    }
    if (pending->url.scheme() == QLatin1String("https")) {
        // Verification stays on; a CA bundle only adds authorities to the system ones.
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
        if (!pending->request.caBundle.isEmpty()) {
            const auto extra = QSslCertificate::fromPath(pending->request.caBundle, QSsl::Pem);
            if (extra.isEmpty()) {
                ++m_stats.errors;
                complete(pending,
                    Error { QStringLiteral("the CA bundle %1 holds no PEM certificate; fix \"ca_bundle\" in "
                                           ".devdash.json")
                                .arg(pending->request.caBundle),
                        HttpNetworkError });
                return;
            }
            ssl.addCaCertificates(extra);
        }
        request.setSslConfiguration(ssl);
    }
    ++m_stats.requests;
    QNetworkReply *reply = m_network->get(request);
    pending->reply = reply;
    pending->deadline = new QTimer(reply);
    pending->deadline->setSingleShot(true);
    connect(pending->deadline, &QTimer::timeout, reply, [pending] {
        pending->timedOut = true;
        pending->reply->abort();
    });
    pending->deadline->start(pending->request.timeoutMs);
    // The announced size, then what arrived: either past the cap stops the download.
    connect(reply, &QNetworkReply::downloadProgress, reply, [pending](qint64 received, qint64 total) {
        if (!pending->tooLarge
            && (received > pending->request.maxBodyBytes || total > pending->request.maxBodyBytes)
            && pending->reply) {
            pending->tooLarge = true;
            pending->reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, pending, reply] { finished(pending, reply); });
    if (!m_cancelTimer->isActive())
        m_cancelTimer->start();
}

void HttpClient::pollCancellations()
{
    bool any = false;
    for (const auto &q : std::as_const(m_hosts))
        if (q->active && q->active->reply) {
            any = true;
            if (q->active->cancel.isCancelled())
                q->active->reply->abort();
        }
    if (!any)
        m_cancelTimer->stop();
}

void HttpClient::finished(const std::shared_ptr<Pending> &pending, QNetworkReply *reply)
{
    reply->deleteLater();
    pending->reply = nullptr;
    const QUrl url = pending->url;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();

    if (pending->cancel.isCancelled()) {
        complete(pending,
            Error { QStringLiteral("canceled: %1").arg(HttpErrorText::displayUrl(url)), HttpCanceled });
        return;
    }
    if (pending->tooLarge) {
        ++m_stats.errors;
        complete(pending,
            Error { QStringLiteral("%1 answered with more than %2 MiB: refused, nothing kept")
                        .arg(HttpErrorText::displayUrl(url))
                        .arg(pending->request.maxBodyBytes / (1024 * 1024)),
                HttpTooLarge });
        return;
    }
    if (pending->timedOut || reply->error() == QNetworkReply::TimeoutError) {
        ++m_stats.errors;
        complete(pending, Error { HttpErrorText::forTimeout(url, pending->request.timeoutMs), HttpTimedOut });
        return;
    }
    if (status == 0) {
        ++m_stats.errors;
        const bool tls = reply->error() == QNetworkReply::SslHandshakeFailedError;
        complete(
            pending, Error { HttpErrorText::forNetwork(url, reply->errorString(), tls), HttpNetworkError });
        return;
    }

    bool limited = false;
    noteRateLimit(pending->host, reply, status, pending->attempt, &limited);
    if (limited) {
        ++m_stats.rateLimited;
        const auto queue = m_hosts.value(pending->host);
        const qint64 wait = QDateTime::currentDateTimeUtc().msecsTo(queue->blockedUntil);
        if (wait <= m_maxRateLimitWaitMs && pending->attempt < 3) {
            // Back in front of the host's queue; processHost waits for the limit.
            ++pending->attempt;
            ++m_stats.retries;
            queue->active.reset();
            queue->queue.push_front(pending);
            processHost(pending->host);
            return;
        }
        ++m_stats.errors;
        complete(pending,
            Error { HttpErrorText::forRateLimit(url, queue->blockedUntil, pending->request.credentialHint),
                HttpRateLimited });
        return;
    }

    if (status >= 300 && status < 400 && status != 304) {
        const QUrl location = url.resolved(QUrl::fromEncoded(reply->rawHeader("Location")));
        if (!location.isValid() || location.isEmpty() || ++pending->redirects > 5) {
            ++m_stats.errors;
            complete(pending,
                Error { QStringLiteral("too many or broken redirects from %1")
                            .arg(HttpErrorText::displayUrl(url)),
                    status });
            return;
        }
        if (location.scheme() != QLatin1String("https") && url.scheme() == QLatin1String("https")) {
            ++m_stats.errors;
            complete(pending,
                Error { QStringLiteral("%1 redirected to the insecure %2; refused")
                            .arg(HttpErrorText::displayUrl(url), HttpErrorText::displayUrl(location)),
                    status });
            return;
        }
        // Credentials never follow a redirect to another host (log downloads go to blob storage).
        if (hostKey(location) != hostKey(url))
            pending->dropSecrets = true;
        pending->url = location;
        start(pending);
        return;
    }

    HttpResponse response;
    response.url = url;
    response.status = status;
    for (const auto &pair : reply->rawHeaderPairs())
        response.headers.append(pair);

    if (status == 304) {
        const auto cached = m_cache.find(url, acceptOf(pending->request));
        if (!cached) {
            ++m_stats.errors;
            complete(pending,
                Error { QStringLiteral(
                            "%1 answered 304 Not Modified but DevDash has no cached copy; clear %2 and retry")
                            .arg(HttpErrorText::displayUrl(url), m_cache.directory()),
                    304 });
            return;
        }
        ++m_stats.notModified;
        response.fromCache = true;
        response.body = cached->body;
        if (response.header("Link").isEmpty() && !cached->linkHeader.isEmpty())
            response.headers.append({ "Link", cached->linkHeader });
        if (response.header("X-Next-Page").isEmpty() && !cached->nextPageHeader.isEmpty())
            response.headers.append({ "X-Next-Page", cached->nextPageHeader });
    } else if (status >= 200 && status < 300) {
        ++m_stats.ok;
        response.body = reply->readAll();
        m_stats.bytesReceived += response.body.size();
        const QByteArray etag = reply->rawHeader("ETag");
        const QByteArray lastModified = reply->rawHeader("Last-Modified");
        if (pending->request.useCache && (!etag.isEmpty() || !lastModified.isEmpty()))
            m_cache.store(url, acceptOf(pending->request),
                CachedResponse { etag, lastModified, response.body, reply->rawHeader("Link"),
                    reply->rawHeader("X-Next-Page") });
    } else {
        ++m_stats.errors;
        complete(pending,
            Error { HttpErrorText::forStatus(status, pending->request.service, url,
                        pending->request.credentialHint, reply->readAll()),
                status });
        return;
    }
    response.nextUrl = nextFromLink(response.header("Link"), url);
    if (response.nextUrl.isEmpty())
        response.nextUrl = nextFromPageHeader(response.header("X-Next-Page"), url);
    complete(pending, std::move(response));
}

void HttpClient::noteRateLimit(
    const QString &host, QNetworkReply *reply, int status, int attempt, bool *limited)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QByteArray remaining = reply->rawHeader("x-ratelimit-remaining");
    QByteArray reset = reply->rawHeader("x-ratelimit-reset");
    if (remaining.isEmpty()) { // GitLab
        remaining = reply->rawHeader("RateLimit-Remaining");
        reset = reply->rawHeader("RateLimit-Reset");
    }
    const QByteArray retryAfter = reply->rawHeader("Retry-After");
    const bool exhausted = !remaining.isEmpty() && remaining.trimmed().toLongLong() <= 0;

    QDateTime until;
    if (!retryAfter.isEmpty())
        until = parseRetryAfter(retryAfter, now);
    if (!until.isValid() && exhausted)
        until = parseEpoch(reset);

    *limited = status == 429 || (status == 403 && (exhausted || !retryAfter.isEmpty()))
        || (status == 503 && !retryAfter.isEmpty());
    if (*limited && !until.isValid()) // no hint: back off exponentially, 1 s, 2 s, 4 s…
        until = now.addMSecs(1000LL << std::min(attempt, 10));
    if (*limited || (exhausted && until.isValid()))
        setBlocked(host, until);
}

void HttpClient::setBlocked(const QString &host, const QDateTime &until)
{
    auto queue = m_hosts.value(host);
    if (!queue)
        return;
    queue->blockedUntil = until;
    emit rateLimitChanged();
    // Tell the views again when the limit lifts.
    QTimer::singleShot(std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(until)) + 10, this,
        [this] { emit rateLimitChanged(); });
}

QDateTime HttpClient::rateLimitedUntil(const QString &host) const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (auto it = m_hosts.cbegin(); it != m_hosts.cend(); ++it)
        if (it.key().section(QLatin1Char(':'), 0, 0) == host.toLower() && it.value()->blockedUntil > now)
            return it.value()->blockedUntil;
    return {};
}

QDateTime HttpClient::rateLimitedUntil() const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QDateTime latest;
    for (const auto &q : std::as_const(m_hosts))
        if (q->blockedUntil > now && (!latest.isValid() || q->blockedUntil > latest))
            latest = q->blockedUntil;
    return latest;
}

QString HttpClient::rateLimitText() const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QStringList parts;
    for (auto it = m_hosts.cbegin(); it != m_hosts.cend(); ++it)
        if (it.value()->blockedUntil > now)
            parts << QStringLiteral("rate limited until %1 (%2)")
                         .arg(it.value()->blockedUntil.toLocalTime().toString(QStringLiteral("HH:mm")),
                             it.key().section(QLatin1Char(':'), 0, 0));
    parts.sort();
    return parts.join(QStringLiteral(", "));
}

void HttpClient::complete(const std::shared_ptr<Pending> &pending, Result<HttpResponse> result)
{
    const auto queue = m_hosts.value(pending->host);
    if (queue && queue->active == pending)
        queue->active.reset();
    if (!result.ok())
        result = Error { redactSecrets(result.error().message, pending->request), result.error().code };
    emit statsChanged();
    auto done = std::move(pending->done);
    done(std::move(result));
    processHost(pending->host);
}

void HttpClient::getAllPages(
    const HttpRequest &request, const PageOptions &options, const CancelToken &cancel, PagesCallback done)
{
    auto walk = std::make_shared<PageWalk>();
    walk->request = bound(request); // the next pages keep the first page's origin
    walk->options = options;
    walk->cancel = cancel;
    walk->done = std::move(done);
    fetchPage(walk);
}

void HttpClient::fetchPage(const std::shared_ptr<PageWalk> &walk)
{
    get(walk->request, walk->cancel, [this, walk](Result<HttpResponse> result) {
        if (!result.ok()) {
            walk->done(result.error());
            return;
        }
        HttpResponse page = std::move(result).value();
        const int count = walk->options.countItems ? walk->options.countItems(page.body) : -1;
        if (count > 0)
            walk->items += count;
        QUrl next = page.nextUrl;
        if (next.isEmpty() && !walk->options.pageParam.isEmpty() && walk->options.perPage > 0
            && count >= walk->options.perPage) {
            next = page.url;
            QUrlQuery q(next);
            const int current = std::max(1, q.queryItemValue(walk->options.pageParam).toInt());
            q.removeAllQueryItems(walk->options.pageParam);
            q.addQueryItem(walk->options.pageParam, QString::number(current + 1));
            next.setQuery(q);
        }
        walk->pages.append(std::move(page));
        const bool enough = walk->options.maxItems > 0 && walk->items >= walk->options.maxItems;
        if (next.isEmpty() || enough || count == 0 || walk->pages.size() >= walk->options.maxPages) {
            walk->done(std::move(walk->pages));
            return;
        }
        walk->request.url = next;
        fetchPage(walk);
    });
}

} // namespace devdash::ci

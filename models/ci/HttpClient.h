#pragma once

// The HTTP side of every CI provider. Built on QNetworkAccessManager, on the thread
// that owns it (the GUI thread: nothing here blocks). It adds what polling CI
// servers needs:
// - conditional requests with an on-disk response cache (HttpResponseCache), so an
//   unchanged project answers 304 and costs no rate limit, also after a restart;
// - pagination (Link rel="next", GitLab X-Next-Page, or a page parameter);
// - rate limits (GitHub x-ratelimit-*, GitLab RateLimit-*, Retry-After, 403 with no
//   quota left, 429): the host waits, the request is retried, and
//   `rateLimitText()` says "rate limited until HH:MM" meanwhile;
// - one request at a time per host (a queue per host), timeouts, redirects that
//   never carry credentials to another host, TLS verification always on with an
//   optional CA bundle, the system proxy;
// - counters (HttpStats) for the polling benchmark.

#include "ci/HttpRequest.h"
#include "ci/HttpResponse.h"
#include "ci/HttpResponseCache.h"
#include "ci/HttpStats.h"
#include "common/CancelToken.h"
#include "common/Result.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

#include <deque>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace devdash::ci {

// How HttpClient::getAllPages finds the next page when the server sends no Link
// or X-Next-Page header: a page-number parameter, while pages come back full.
struct PageOptions
{
    QString pageParam; // e.g. "page"; empty: follow headers only
    int perPage = 0; // a page with fewer items is the last
    int maxItems = 0; // stop once this many items were received; 0: all pages
    int maxPages = 1000; // a safety net against servers that loop
    // How many items a page body holds (for maxItems / perPage); null: never stop early.
    std::function<int(const QByteArray &body)> countItems;
};

class HttpClient : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QDateTime rateLimitedUntil READ rateLimitedUntil NOTIFY rateLimitChanged)
    Q_PROPERTY(QString rateLimitText READ rateLimitText NOTIFY rateLimitChanged)

public:
    using Callback = std::function<void(Result<HttpResponse>)>;
    using PagesCallback = std::function<void(Result<QList<HttpResponse>>)>;

    // `cacheDirectory` empty: HttpResponseCache::defaultDirectory() (the XDG cache folder).
    explicit HttpClient(QObject *parent = nullptr, const QString &cacheDirectory = {});
    ~HttpClient() override;

    // Queued behind earlier requests to the same host; `done` runs exactly once, later.
    void get(const HttpRequest &request, const CancelToken &cancel, Callback done);
    // Every page from `request.url` on, in order.
    void getAllPages(const HttpRequest &request, const PageOptions &options, const CancelToken &cancel,
        PagesCallback done);

    HttpStats stats() const { return m_stats; }
    void resetStats() { m_stats = {}; }
    QString cacheDirectory() const { return m_cache.directory(); }

    // The latest time until which some host refuses requests; invalid when none does.
    QDateTime rateLimitedUntil() const;
    QDateTime rateLimitedUntil(const QString &host) const;
    // "rate limited until 14:32 (api.github.com)"; empty when no host is limited.
    QString rateLimitText() const;
    // A wait for a rate limit longer than this fails the request instead (default 60 s).
    void setMaxRateLimitWaitMs(int ms) { m_maxRateLimitWaitMs = ms; }

signals:
    void rateLimitChanged();
    void statsChanged();

private:
    struct Pending;
    struct HostQueue;
    struct PageWalk;

    void processHost(const QString &host);
    void start(const std::shared_ptr<Pending> &pending);
    void finished(const std::shared_ptr<Pending> &pending, QNetworkReply *reply);
    void complete(const std::shared_ptr<Pending> &pending, Result<HttpResponse> result);
    void noteRateLimit(const QString &host, QNetworkReply *reply, int status, int attempt, bool *limited);
    void setBlocked(const QString &host, const QDateTime &until);
    void pollCancellations();
    void fetchPage(const std::shared_ptr<PageWalk> &walk);

    QNetworkAccessManager *m_network = nullptr;
    HttpResponseCache m_cache;
    HttpStats m_stats;
    QHash<QString, std::shared_ptr<HostQueue>> m_hosts;
    QTimer *m_cancelTimer = nullptr;
    int m_maxRateLimitWaitMs = 60000;
};

} // namespace devdash::ci

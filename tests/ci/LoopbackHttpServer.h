#pragma once

// A real HTTP/1.1 server on 127.0.0.1 for the CI suites: it parses requests off a
// QTcpServer, answers from routes with canned (or computed) responses, and records
// every request with its headers. It runs on a thread of its own, so a test may
// block (waiting for a `devdash` child process, or for QEventLoop-free code) while
// it answers. Used by the GitHub/GitLab/Jenkins/cctray/poller/CLI suites.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QPair>
#include <QString>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

namespace devdash::test {

using LoopbackHeaders = QList<QPair<QByteArray, QByteArray>>;

struct LoopbackRequest
{
    QByteArray method;
    QByteArray target; // as sent: "/repos/o/r/actions/runs?per_page=100"
    QString path; // decoded path without the query
    QUrlQuery query;
    LoopbackHeaders headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const; // case-insensitive; empty when absent
};

struct LoopbackResponse
{
    int status = 200;
    LoopbackHeaders headers;
    QByteArray body;
    QByteArray etag; // answered 304 when If-None-Match matches
    QByteArray lastModified; // answered 304 when If-Modified-Since equals it
    int delayMs = 0; // before the status line
    int dripMs = 0; // > 0: the body goes out one byte every dripMs (a slow server)
    bool hang = false; // never answers (the connection stays open)

    static LoopbackResponse json(const QByteArray &body, int status = 200);
    static LoopbackResponse text(const QByteArray &body, const QByteArray &contentType = "text/plain");
    static LoopbackResponse file(const QString &path, const QByteArray &contentType = "application/json");
    LoopbackResponse &withHeader(const QByteArray &name, const QByteArray &value);
};

using LoopbackHandler = std::function<LoopbackResponse(const LoopbackRequest &)>;

class LoopbackHttpServer
{
public:
    LoopbackHttpServer();
    ~LoopbackHttpServer();
    LoopbackHttpServer(const LoopbackHttpServer &) = delete;
    LoopbackHttpServer &operator=(const LoopbackHttpServer &) = delete;

    // Listens on 127.0.0.1 (an ephemeral port); false when it cannot.
    bool start();
    quint16 port() const { return m_port; }
    // http://127.0.0.1:PORT + path (path may carry a query).
    QUrl url(const QString &pathAndQuery = {}) const;

    // A route for a path with any query; with `query`, only for exactly those query
    // items (in any order). Exact-query routes win; the latest route for a key wins.
    void setRoute(const QString &path, const LoopbackResponse &response);
    void setRoute(const QString &path, const QString &query, const LoopbackResponse &response);
    void setHandler(const QString &path, LoopbackHandler handler);
    // `pages` served as ?page=1..N (no page: 1); each but the last links to the next with
    // `Link: <…>; rel="next"` (GitHub) or, when `gitlabHeaders`, X-Page/X-Next-Page/X-Total-Pages.
    void setPages(const QString &path, const QList<QByteArray> &pages, bool gitlabHeaders = false);
    // What answers a path no route knows (default: 404).
    void setFallback(LoopbackHandler handler);
    void clearRoutes();

    QList<LoopbackRequest> requests() const;
    QList<LoopbackRequest> requests(const QString &path) const;
    int requestCount(const QString &path = {}) const;
    void clearRequests();

    // How many responses went out with each status (304s included); for the benchmarks.
    int responsesWithStatus(int status) const;

private:
    class Engine;
    friend class Engine;
    LoopbackResponse respond(const LoopbackRequest &request);

    struct Route
    {
        QString path;
        bool anyQuery = true;
        QList<QPair<QString, QString>> query; // sorted
        LoopbackHandler handler;
    };

    mutable QMutex m_mutex;
    QList<Route> m_routes;
    LoopbackHandler m_fallback;
    QList<LoopbackRequest> m_requests;
    QHash<int, int> m_statusCounts;
    QThread m_thread;
    Engine *m_engine = nullptr;
    quint16 m_port = 0;
};

} // namespace devdash::test

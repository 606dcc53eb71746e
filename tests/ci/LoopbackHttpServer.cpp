#include "LoopbackHttpServer.h"

#include <QFile>
#include <QHash>
#include <QMetaObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace devdash::test {

QByteArray LoopbackRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

LoopbackResponse LoopbackResponse::json(const QByteArray &body, int status)
{
    LoopbackResponse r;
    r.status = status;
    r.body = body;
    r.headers.append({ QByteArray("Content-Type"), QByteArray("application/json; charset=utf-8") });
    return r;
}

LoopbackResponse LoopbackResponse::text(const QByteArray &body, const QByteArray &contentType)
{
    LoopbackResponse r;
    r.body = body;
    r.headers.append({ QByteArray("Content-Type"), contentType });
    return r;
}

LoopbackResponse LoopbackResponse::file(const QString &path, const QByteArray &contentType)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("LoopbackResponse::file: cannot read %s", qPrintable(path));
    LoopbackResponse r = text(f.readAll(), contentType);
    return r;
}

LoopbackResponse &LoopbackResponse::withHeader(const QByteArray &name, const QByteArray &value)
{
    headers.append({ name, value });
    return *this;
}

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    }
    return "Status";
}

QList<QPair<QString, QString>> sortedItems(const QUrlQuery &query)
{
    auto items = query.queryItems(QUrl::FullyDecoded);
    std::sort(items.begin(), items.end());
    return items;
}

} // namespace

// Lives on the server thread: sockets, parsing, timers.
class LoopbackHttpServer::Engine : public QObject
{
public:
    explicit Engine(LoopbackHttpServer *owner)
        : m_owner(owner)
        , m_server(new QTcpServer(this))
    {
        connect(m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readFrom(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                connect(socket, &QObject::destroyed, this, [this, socket] { m_buffers.remove(socket); });
            }
        });
    }

    quint16 listen() { return m_server->listen(QHostAddress::LocalHost, 0) ? m_server->serverPort() : 0; }

private:
    void readFrom(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const int headerEnd = buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
            LoopbackRequest request;
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            if (first.size() < 3) {
                socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                socket->disconnectFromHost();
                buffer.clear();
                return;
            }
            request.method = first[0];
            request.target = first[1];
            qsizetype contentLength = 0;
            for (int i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines[i].trimmed();
                const int colon = line.indexOf(':');
                if (colon <= 0)
                    continue;
                const QByteArray name = line.left(colon).trimmed();
                const QByteArray value = line.mid(colon + 1).trimmed();
                request.headers.append({ name, value });
                if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
                    contentLength = value.toLongLong();
            }
            if (buffer.size() < headerEnd + 4 + contentLength)
                return;
            request.body = buffer.mid(headerEnd + 4, contentLength);
            buffer.remove(0, headerEnd + 4 + contentLength);
            // Absolute form ("GET http://host/path"): the server is asked as a proxy.
            const QUrl url = request.target.startsWith("http://")
                ? QUrl::fromEncoded(request.target)
                : QUrl::fromEncoded("http://127.0.0.1" + request.target);
            request.path = url.path(QUrl::FullyDecoded);
            request.query = QUrlQuery(url);
            dispatch(socket, m_owner->respond(request));
        }
    }

    void dispatch(QTcpSocket *socket, const LoopbackResponse &response)
    {
        if (response.hang)
            return; // the connection stays open, silent
        QPointer<QTcpSocket> guard(socket);
        auto send = [guard, response] {
            if (!guard)
                return;
            QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' '
                + reasonPhrase(response.status) + "\r\n";
            bool hasLength = false;
            for (const auto &h : response.headers) {
                head += h.first + ": " + h.second + "\r\n";
                hasLength |= h.first.compare("Content-Length", Qt::CaseInsensitive) == 0;
            }
            if (!response.etag.isEmpty())
                head += "ETag: " + response.etag + "\r\n";
            if (!response.lastModified.isEmpty())
                head += "Last-Modified: " + response.lastModified + "\r\n";
            if (!hasLength)
                head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
            head += "\r\n";
            guard->write(head);
            if (response.dripMs <= 0 || response.body.isEmpty()) {
                guard->write(response.body);
                return;
            }
            auto timer = new QTimer(guard);
            auto offset = std::make_shared<qsizetype>(0);
            QObject::connect(timer, &QTimer::timeout, guard, [guard, timer, offset, body = response.body] {
                guard->write(body.mid(*offset, 1));
                if (++*offset >= body.size())
                    timer->deleteLater();
            });
            timer->start(response.dripMs);
        };
        if (response.delayMs > 0)
            QTimer::singleShot(response.delayMs, this, send);
        else
            send();
    }

    LoopbackHttpServer *m_owner;
    QTcpServer *m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

LoopbackHttpServer::LoopbackHttpServer() = default;

LoopbackHttpServer::~LoopbackHttpServer()
{
    if (m_engine) {
        QMetaObject::invokeMethod(
            m_engine, [this] { delete m_engine; }, Qt::BlockingQueuedConnection);
        m_engine = nullptr;
    }
    m_thread.quit();
    m_thread.wait();
}

bool LoopbackHttpServer::start()
{
    m_thread.setObjectName(QStringLiteral("LoopbackHttpServer"));
    m_thread.start();
    m_engine = new Engine(this);
    m_engine->moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        m_engine, [this] { m_port = m_engine->listen(); }, Qt::BlockingQueuedConnection);
    return m_port != 0;
}

QUrl LoopbackHttpServer::url(const QString &pathAndQuery) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(pathAndQuery));
}

void LoopbackHttpServer::setRoute(const QString &path, const LoopbackResponse &response)
{
    setHandler(path, [response](const LoopbackRequest &) { return response; });
}

void LoopbackHttpServer::setRoute(const QString &path, const QString &query, const LoopbackResponse &response)
{
    QMutexLocker lock(&m_mutex);
    Route route { path, false, sortedItems(QUrlQuery(query)),
        [response](const LoopbackRequest &) { return response; } };
    m_routes.prepend(route);
}

void LoopbackHttpServer::setFallback(LoopbackHandler handler)
{
    QMutexLocker lock(&m_mutex);
    m_fallback = std::move(handler);
}

void LoopbackHttpServer::setHandler(const QString &path, LoopbackHandler handler)
{
    QMutexLocker lock(&m_mutex);
    m_routes.prepend(Route { path, true, {}, std::move(handler) });
}

void LoopbackHttpServer::setPages(const QString &path, const QList<QByteArray> &pages, bool gitlabHeaders)
{
    const quint16 port = m_port;
    setHandler(path, [pages, gitlabHeaders, port](const LoopbackRequest &request) {
        const int page = std::max(1, request.query.queryItemValue(QStringLiteral("page")).toInt());
        if (page > pages.size())
            return LoopbackResponse::json("[]");
        LoopbackResponse r = LoopbackResponse::json(pages.at(page - 1));
        const bool last = page == pages.size();
        if (gitlabHeaders) {
            r.withHeader("X-Page", QByteArray::number(page));
            r.withHeader("X-Total-Pages", QByteArray::number(pages.size()));
            r.withHeader("X-Next-Page", last ? QByteArray() : QByteArray::number(page + 1));
        } else if (!last) {
            QUrlQuery next = request.query;
            next.removeAllQueryItems(QStringLiteral("page"));
            next.addQueryItem(QStringLiteral("page"), QString::number(page + 1));
            QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(port));
            url.setPath(request.path);
            url.setQuery(next);
            r.withHeader(
                "Link", "<" + url.toEncoded() + ">; rel=\"next\", <" + url.toEncoded() + ">; rel=\"last\"");
        }
        return r;
    });
}

void LoopbackHttpServer::clearRoutes()
{
    QMutexLocker lock(&m_mutex);
    m_routes.clear();
}

LoopbackResponse LoopbackHttpServer::respond(const LoopbackRequest &request)
{
    LoopbackHandler handler;
    {
        QMutexLocker lock(&m_mutex);
        m_requests.append(request);
        const auto items = sortedItems(request.query);
        for (const Route &route : std::as_const(m_routes))
            if (route.path == request.path && !route.anyQuery && route.query == items) {
                handler = route.handler;
                break;
            }
        if (!handler)
            for (const Route &route : std::as_const(m_routes))
                if (route.path == request.path && route.anyQuery) {
                    handler = route.handler;
                    break;
                }
        if (!handler)
            handler = m_fallback;
    }
    LoopbackResponse response
        = handler ? handler(request) : LoopbackResponse::json(R"({"message":"Not Found"})", 404);
    if (response.status == 200 && !response.hang) {
        const QByteArray inm = request.header("If-None-Match");
        const QByteArray ims = request.header("If-Modified-Since");
        if ((!response.etag.isEmpty() && inm == response.etag)
            || (!response.lastModified.isEmpty() && ims == response.lastModified)) {
            response.status = 304;
            response.body.clear();
        }
    }
    QMutexLocker lock(&m_mutex);
    if (!response.hang)
        ++m_statusCounts[response.status];
    return response;
}

QList<LoopbackRequest> LoopbackHttpServer::requests() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

QList<LoopbackRequest> LoopbackHttpServer::requests(const QString &path) const
{
    QMutexLocker lock(&m_mutex);
    QList<LoopbackRequest> matching;
    for (const auto &r : m_requests)
        if (r.path == path)
            matching.append(r);
    return matching;
}

int LoopbackHttpServer::requestCount(const QString &path) const
{
    return path.isEmpty() ? int(requests().size()) : int(requests(path).size());
}

void LoopbackHttpServer::clearRequests()
{
    QMutexLocker lock(&m_mutex);
    m_requests.clear();
    m_statusCounts.clear();
}

int LoopbackHttpServer::responsesWithStatus(int status) const
{
    QMutexLocker lock(&m_mutex);
    return m_statusCounts.value(status);
}

} // namespace devdash::test

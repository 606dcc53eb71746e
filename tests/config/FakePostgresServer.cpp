#include "FakePostgresServer.h"

#include <QHash>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtEndian>

namespace devdash::test {

namespace {

constexpr quint32 SslRequestCode = 80877103;
constexpr quint32 GssEncRequestCode = 80877104;

QByteArray message(char type, const QByteArray &payload)
{
    QByteArray out(1, type);
    char length[4];
    qToBigEndian<quint32>(quint32(payload.size() + 4), length);
    out.append(length, 4);
    out.append(payload);
    return out;
}

QByteArray int32(quint32 value)
{
    char bytes[4];
    qToBigEndian<quint32>(value, bytes);
    return QByteArray(bytes, 4);
}

} // namespace

class FakePostgresServer::Engine : public QObject
{
public:
    explicit Engine(FakePostgresServer *owner)
        : m_owner(owner)
        , m_server(new QTcpServer(this))
    {
        connect(m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection()) {
                {
                    QMutexLocker lock(&m_owner->m_mutex);
                    ++m_owner->m_connections;
                }
                m_started.insert(socket, false);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
                connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                    m_buffers.remove(socket);
                    m_started.remove(socket);
                    socket->deleteLater();
                });
            }
        });
    }

    quint16 listen() { return m_server->listen(QHostAddress::LocalHost, 0) ? m_server->serverPort() : 0; }

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            if (!m_started.value(socket)) {
                // Untyped: length, then a code (SSLRequest, GSSENCRequest) or the protocol version.
                if (buffer.size() < 8)
                    return;
                const quint32 length = qFromBigEndian<quint32>(buffer.constData());
                if (length < 8 || length > 10000) {
                    socket->disconnectFromHost();
                    return;
                }
                if (quint32(buffer.size()) < length)
                    return;
                const quint32 code = qFromBigEndian<quint32>(buffer.constData() + 4);
                buffer.remove(0, length);
                if (code == SslRequestCode || code == GssEncRequestCode) {
                    socket->write("N"); // no encryption: go on in clear text
                    continue;
                }
                {
                    QMutexLocker lock(&m_owner->m_mutex);
                    ++m_owner->m_startups;
                }
                m_started[socket] = true;
                socket->write(message('R', int32(3))); // AuthenticationCleartextPassword
                continue;
            }
            if (buffer.size() < 5)
                return;
            const quint32 length = qFromBigEndian<quint32>(buffer.constData() + 1);
            if (quint32(buffer.size()) < length + 1)
                return;
            const char type = buffer.at(0);
            const QByteArray payload = buffer.mid(5, length - 4);
            buffer.remove(0, length + 1);
            if (type == 'p') {
                QMutexLocker lock(&m_owner->m_mutex);
                m_owner->m_passwords << payload.left(payload.indexOf('\0'));
            }
            // Whatever came: the session ends with an error, as a server refusing the login would.
            socket->write(message('E',
                QByteArray("SFATAL") + '\0' + "C28P01" + '\0' + "Mpassword authentication failed" + '\0'
                    + '\0'));
            socket->flush();
            socket->disconnectFromHost();
            return;
        }
    }

    FakePostgresServer *m_owner;
    QTcpServer *m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QHash<QTcpSocket *, bool> m_started;
};

FakePostgresServer::FakePostgresServer()
{
    m_thread.setObjectName(QStringLiteral("FakePostgresServer"));
}

FakePostgresServer::~FakePostgresServer()
{
    if (m_engine)
        QMetaObject::invokeMethod(m_engine, &QObject::deleteLater);
    m_thread.quit();
    m_thread.wait();
}

bool FakePostgresServer::start()
{
    m_thread.start();
    m_engine = new Engine(this);
    m_engine->moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        m_engine, [this] { m_port = m_engine->listen(); }, Qt::BlockingQueuedConnection);
    return m_port != 0;
}

int FakePostgresServer::connections() const
{
    QMutexLocker lock(&m_mutex);
    return m_connections;
}

int FakePostgresServer::startups() const
{
    QMutexLocker lock(&m_mutex);
    return m_startups;
}

QList<QByteArray> FakePostgresServer::passwords() const
{
    QMutexLocker lock(&m_mutex);
    return m_passwords;
}

void FakePostgresServer::clear()
{
    QMutexLocker lock(&m_mutex);
    m_connections = 0;
    m_startups = 0;
    m_passwords.clear();
}

} // namespace devdash::test

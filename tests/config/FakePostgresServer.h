#pragma once

// A credential trap that speaks the start of the PostgreSQL protocol on 127.0.0.1:
// it refuses TLS and GSS encryption ('N'), answers the startup message with
// AuthenticationCleartextPassword (R, code 3) and records whether a PasswordMessage
// ('p') follows — the password a client would hand to whoever asked — then ends the
// session with an error. Runs on a thread of its own, like LoopbackHttpServer, so a
// test may block on a `devdash` child process while it answers.

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QThread>

namespace devdash::test {

class FakePostgresServer
{
public:
    FakePostgresServer();
    ~FakePostgresServer();
    FakePostgresServer(const FakePostgresServer &) = delete;
    FakePostgresServer &operator=(const FakePostgresServer &) = delete;

    bool start();
    quint16 port() const { return m_port; }

    int connections() const; // TCP connections accepted
    int startups() const; // startup messages received
    QList<QByteArray> passwords() const; // PasswordMessage payloads received
    void clear();

private:
    class Engine;
    friend class Engine;

    mutable QMutex m_mutex;
    int m_connections = 0;
    int m_startups = 0;
    QList<QByteArray> m_passwords;
    QThread m_thread;
    Engine *m_engine = nullptr;
    quint16 m_port = 0;
};

} // namespace devdash::test

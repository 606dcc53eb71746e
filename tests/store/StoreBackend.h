#pragma once

#include "PostgresServer.h"
#include "store/StoreLocation.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace devdash::test {

// Runs one test class against each store backend: fresh SQLite files in a
// temporary folder, or fresh databases on a private PostgreSQL server.
class StoreBackend
{
public:
    enum class Kind { Sqlite, Postgres };

    explicit StoreBackend(Kind kind)
        : m_kind(kind)
    {
    }
    Kind kind() const { return m_kind; }
    QString name() const
    {
        return m_kind == Kind::Sqlite ? QStringLiteral("SQLite") : QStringLiteral("PostgreSQL");
    }

    // Call in initTestCase(): empty when ready; else why this backend cannot run
    // (`fatal` tells a server that failed to start from one that is not installed).
    QString prepare(bool *fatal);
    // A new, empty store.
    store::StoreLocation freshLocation();
    PostgresServer *server() { return m_server.get(); }

private:
    Kind m_kind;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<PostgresServer> m_server;
    int m_counter = 0;
};

} // namespace devdash::test

// In initTestCase(): skips the whole class when the backend is not installed,
// fails when it is installed but does not start.
#define DEVDASH_PREPARE_STORE_BACKEND(backend)                                                               \
    do {                                                                                                     \
        bool devdashFatal = false;                                                                           \
        const QString devdashReason = (backend).prepare(&devdashFatal);                                      \
        if (devdashFatal)                                                                                    \
            QFAIL(qPrintable(devdashReason));                                                                \
        if (!devdashReason.isEmpty())                                                                        \
            QSKIP(qPrintable(devdashReason));                                                                \
        qInfo("store backend: %s", qPrintable((backend).name()));                                            \
    } while (false)

// A main() that runs the class on SQLite, then on PostgreSQL.
#define DEVDASH_STORE_TEST_MAIN(TestClass)                                                                   \
    int main(int argc, char **argv)                                                                          \
    {                                                                                                        \
        QCoreApplication app(argc, argv);                                                                    \
        int status = 0;                                                                                      \
        {                                                                                                    \
            TestClass sqlite(devdash::test::StoreBackend::Kind::Sqlite);                                     \
            status |= QTest::qExec(&sqlite, argc, argv);                                                     \
        }                                                                                                    \
        {                                                                                                    \
            TestClass postgres(devdash::test::StoreBackend::Kind::Postgres);                                 \
            status |= QTest::qExec(&postgres, argc, argv);                                                   \
        }                                                                                                    \
        return status;                                                                                       \
    }

#include "StoreBackend.h"

#include <QDir>

namespace devdash::test {

QString StoreBackend::prepare(bool *fatal)
{
    *fatal = false;
    if (m_kind == Kind::Sqlite) {
        m_dir = std::make_unique<QTemporaryDir>();
        if (!m_dir->isValid()) {
            *fatal = true;
            return QStringLiteral("cannot create a temporary folder");
        }
        return {};
    }
    const QString reason = PostgresServer::unavailableReason();
    if (!reason.isEmpty())
        return reason;
    m_server = std::make_unique<PostgresServer>();
    if (!m_server->start()) {
        *fatal = true;
        return QStringLiteral("PostgreSQL test server did not start: ") + m_server->errorString();
    }
    return {};
}

store::StoreLocation StoreBackend::freshLocation()
{
    ++m_counter;
    if (m_kind == Kind::Sqlite)
        return *store::StoreLocation::parse(m_dir->filePath(QStringLiteral("store%1.sqlite").arg(m_counter)));
    const QString url = m_server->createDatabase();
    if (url.isEmpty())
        qFatal("cannot create a test database: %s", qPrintable(m_server->errorString()));
    return *store::StoreLocation::parse(url);
}

} // namespace devdash::test

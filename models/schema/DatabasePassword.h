#pragma once

// Where the password of an inspected database comes from — never from a file,
// never into a message. In order: the URL itself (accepted on the command
// line), DEVDASH_DB_PASSWORD_<NAME> for a named environment ("staging" →
// DEVDASH_DB_PASSWORD_STAGING), the engine's own variable (PGPASSWORD,
// MYSQL_PWD), then the system keychain: service "devdash-db", key = the URL
// without its password (DatabaseUrl::displayUrl()).

#include "schema/DatabaseUrl.h"

#include <QString>

#include <optional>

namespace devdash::schema {

class DatabasePassword
{
public:
    static QString keychainService() { return QStringLiteral("devdash-db"); }
    // "staging" → "DEVDASH_DB_PASSWORD_STAGING" (other characters become '_').
    static QString environmentVariable(const QString &environmentName);

    // The password from the URL or the environment; nullopt when none is set.
    static std::optional<QString> fromUrlOrEnvironment(
        const DatabaseUrl &url, const QString &environmentName);

    // Reads the keychain, waiting at most `timeoutMs`. Safe from any thread: the
    // keychain job runs on the main thread (qtkeychain's executor lives there),
    // the caller only waits. Returns nullopt when there is no entry or no
    // keychain (a headless machine without a Secret Service); `why` says which.
    static std::optional<QString> fromKeychain(
        const DatabaseUrl &url, int timeoutMs = 5000, QString *why = nullptr);

    // What to tell a user whose login was refused.
    static QString howToProvide(const DatabaseUrl &url, const QString &environmentName);
};

} // namespace devdash::schema

#pragma once

// Saves a database password in the system keychain where schema-core's
// DatabasePassword reads it (service "devdash-db", key: the URL without its
// password). Asynchronous: the GUI thread never waits for the keychain.

#include <QObject>

#include <functional>

namespace devdash::ui {

class KeychainPasswordWriter
{
public:
    // `done` gets an empty string on success, else what failed and what to do.
    static void write(const QString &url, const QString &environmentName, const QString &password,
        QObject *context, std::function<void(const QString &error)> done);
};

} // namespace devdash::ui

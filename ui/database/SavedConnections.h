#pragma once

// The connections a user adds in the Database page, kept in QSettings (group
// "databases") as name and URL — the URL without any password: passwords go to
// the keychain only.

#include "DatabaseConnection.h"

namespace devdash::ui {

class SavedConnections
{
public:
    static QList<DatabaseConnection> load();
    static void save(const QList<DatabaseConnection> &connections);
    // Adds or replaces by name; the URL is stored without its password.
    static void add(const DatabaseConnection &connection);
    static void remove(const QString &name);
};

} // namespace devdash::ui

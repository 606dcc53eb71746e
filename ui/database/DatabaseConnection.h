#pragma once

// A database the Database page can show: an environment of the repository's
// `.devdash.json` ("staging"), or a connection the user added in the page (kept
// in QSettings, never with a password).

#include <QList>
#include <QString>

namespace devdash::ui {

struct DatabaseConnection
{
    QString name; // "staging"
    QString url; // as given; a relative SQLite path is resolved against the repository
    bool configured = false; // from .devdash.json (snapshotted when opened)
    QString framework; // migrations framework name ("flyway"); empty: recognised from the history table
    QString migrationsPath; // relative to the repository; empty: by convention
    // The user agreed, this session, to read a DBMS behind ODBC that nothing makes
    // read-only (ReadOnlyConnection::UnverifiedReadOnly). Never stored.
    bool readWithoutGuarantee = false;
};

} // namespace devdash::ui

#pragma once

// What the Database page's workers do, each on its own read-only connection
// (Qt SQL connections never cross threads): read the configured databases,
// inspect one, read the first rows of a table. Called on a worker, never on the
// GUI thread.

#include "DatabaseConnection.h"

#include "common/CancelToken.h"
#include "common/Result.h"
#include "schema/DatabaseUrl.h"
#include "schema/SchemaCatalog.h"
#include "schema/SchemaInspector.h"
#include "schema/migrations/MigrationInspector.h"

namespace devdash::store {
class Database;
}

namespace devdash::ui {

class DatabaseWork
{
public:
    static constexpr int PreviewRows = 100;

    // The databases of `repoRoot`/.devdash.json, with relative SQLite paths made absolute.
    static Result<QList<DatabaseConnection>> configured(const QString &repoRoot);
    // Where the connection's URL comes from: .devdash.json (strict) or the user.
    static schema::DatabaseUrl::Origin origin(const DatabaseConnection &connection);
    // A URL ready to open: a relative SQLite path is taken from `repoRoot`.
    static QString resolvedUrl(const QString &url, const QString &repoRoot);

    // The URL with a password typed in the page put in, for this session's workers
    // only (never stored, never shown: messages use displayUrl()).
    static QString withPassword(const QString &url, const QString &password);
    static QString displayUrl(const QString &url);

    static Result<schema::SchemaCatalog> inspect(
        const DatabaseConnection &connection, const QString &repoRoot, const CancelToken &cancel);
    // The database's migration history against the files of `ref` (empty: HEAD).
    static Result<migrations::MigrationReport> migrations(const DatabaseConnection &connection,
        const QString &repoRoot, const QString &ref, const CancelToken &cancel);
    // DevDash's store (the one the Tests page uses; the demo's own in the demo).
    static Result<store::Database> openStore();
    // Where the connection's schema snapshots are filed: an environment of
    // .devdash.json by its name and repository, a connection added by URL by the URL.
    static QString snapshotKey(const DatabaseConnection &connection, const QString &repoRoot);
    static QString snapshotRepository(const DatabaseConnection &connection, const QString &repoRoot);
    static Result<schema::RowPreview> preview(const DatabaseConnection &connection, const QString &repoRoot,
        const schema::Table &table, const CancelToken &cancel);
};

} // namespace devdash::ui

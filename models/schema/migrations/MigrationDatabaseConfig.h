#pragma once

// The databases a repository's `.devdash.json` names, with where their migrations live:
//   {"databases": [{"name": "staging", "url": "postgresql://app@db-staging/app",
//                   "migrations": {"framework": "flyway", "path": "db/migration"}}]}
// No secrets here: passwords come from the environment or the keychain.

#include "Migration.h"
#include "common/Result.h"

#include <QByteArray>

namespace devdash::config {
class ProjectConfig;
}

namespace devdash::migrations {

struct ConfiguredDatabase
{
    QString name; // the environment ("staging")
    QString url;
    Framework framework = Framework::Unknown; // Unknown: recognised from the history table
    QString path; // the migrations folder; empty: found by convention
};

class MigrationDatabaseConfig
{
public:
    // Parses the JSON text; `fileName` only names it in messages. A file without "databases"
    // gives an empty list; a malformed one an error with the line.
    static Result<QList<ConfiguredDatabase>> parse(const QByteArray &json, const QString &fileName);
    static Result<QList<ConfiguredDatabase>> fromProjectConfig(const config::ProjectConfig &config);
    // Reads `repoRoot`/.devdash.json from the work tree; an empty list when there is none. A file
    // the user does not trust that names databases gives a ConfigError::notTrusted error:
    // nothing it names is connected.
    static Result<QList<ConfiguredDatabase>> load(const QString &repoRoot);
};

} // namespace devdash::migrations

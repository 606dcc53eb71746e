#pragma once

// What a `.devdash.json` would make DevDash do on the user's behalf — the list the
// trust dialog and `devdash trust` show before the user decides:
// - hosts its CI sources name, other than those the user's tokens go to anyway
//   (CredentialHosts), with the credentials that would go there;
// - databases it names (each would be connected, with DEVDASH_DB_PASSWORD_<ENV>,
//   PGPASSWORD / MYSQL_PWD or the keychain);
// - commands of its local pipeline;
// - paths outside the repository it would read (report globs, CA bundles,
//   migration folders).
// Everything else in the file (environments, sprints, issue links, report globs
// inside the repository, CI on public hosts) needs no trust.

#include <QJsonObject>
#include <QList>
#include <QString>

namespace devdash::config {

class ProjectConfig;

struct TrustRequest
{
    enum class Kind { Host, Database, Command, OutsidePath };

    Kind kind = Kind::Host;
    QString subject; // the host URL, database URL (no password), command, path — as the file has it
    QString detail; // "GITHUB_TOKEN (or GH_TOKEN) or the keychain entry github@host", "staging", "build"
};

class TrustRequests
{
public:
    static QList<TrustRequest> of(const ProjectConfig &config);
    static QList<TrustRequest> of(const QJsonObject &root);

    static QString kindName(TrustRequest::Kind kind); // "host", "database", "command", "path"
    // One line per request, for the CLI and messages: "host https://ci.example.com (JENKINS_USER…)".
    static QString describe(const TrustRequest &request);
};

} // namespace devdash::config

#pragma once

// The `ci` key of `.devdash.json`: the CI sources of a repository (checked in, no
// secrets), with the command line's --provider/--project/--api-url on top.
//
//   { "ci": [ { "provider": "github", "project": "owner/repo",
//               "api_url": "https://api.github.com", "watch": ["main"] },
//             { "provider": "gitlab", "project": "group/app",
//               "api_url": "https://gitlab.example.com/api/v4", "ca_bundle": "certs/ca.pem" } ] }
//
// A GitHub source may name the artifacts holding its test reports:
// "test_artifacts": ["junit-*", "test-results"] (globs; default: names containing
// test, junit, report or results).

#include "ci/CiSource.h"
#include "common/Result.h"

#include <QList>
#include <QString>

namespace devdash::config {
class ProjectConfig;
}

namespace devdash::ci {

struct CiOverrides
{
    QString provider; // --provider: the only source, with --project / --api-url
    QString project; // --project
    QString apiUrl; // --api-url

    bool isEmpty() const { return provider.isEmpty() && project.isEmpty() && apiUrl.isEmpty(); }
};

class CiConfig
{
public:
    // Reads `repoRoot`/.devdash.json; no sources when it has no "ci".
    static Result<CiConfig> load(const QString &repoRoot);
    // Sources of an already read configuration; relative ca_bundle paths resolve against `repoRoot`.
    static Result<CiConfig> fromProjectConfig(const config::ProjectConfig &config, const QString &repoRoot);

    // --provider replaces the file's sources by one (keeping the file's entry for that
    // provider as a base); --project / --api-url alone change the first source.
    Result<CiConfig> withOverrides(const CiOverrides &overrides) const;

    QList<CiSource> sources() const { return m_sources; }
    QString file() const { return m_file; }

private:
    QString m_file;
    QList<CiSource> m_sources;
};

} // namespace devdash::ci

#pragma once

// What `.devdash.json` says about deployments (no secrets):
//
//   { "environments": [ { "name": "production", "tags": "deploy/production/*" },
//                       { "name": "staging", "tags": ["v*", "rc/*"] } ],
//     "sprints": { "start": "2026-01-05", "length_days": 14 },
//       (or "sprints": [ { "name": "S1", "start": "2026-01-05", "end": "2026-01-16" } ], end inclusive)
//     "issues": { "pattern": "[A-Z][A-Z0-9]+-\\d+", "url": "https://jira.example.com/browse/{key}" },
//     "migrations": { "path": "db/migrations" } }
//
// Missing keys take defaults; a known key of the wrong shape is an error naming the file.

#include "Sprints.h"
#include "common/Result.h"

#include <QJsonObject>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace devdash::deploy {

struct EnvironmentConfig
{
    QString name;
    QStringList tagPatterns; // glob patterns over tag names (without refs/tags/)
};

class DeployConfig
{
public:
    static constexpr const char *FileName = ".devdash.json";
    static constexpr const char *DefaultIssuePattern = "[A-Z][A-Z0-9]+-\\d+";

    // Reads `repoRoot`/.devdash.json; the defaults when there is none.
    static Result<DeployConfig> load(const QString &repoRoot);
    static Result<DeployConfig> fromJson(const QJsonObject &root, const QString &fileName);

    QList<EnvironmentConfig> environments;
    SprintCalendar sprints;
    QRegularExpression issuePattern { QString::fromLatin1(DefaultIssuePattern) };
    QString issueUrlTemplate; // "{key}" is replaced; empty: keys are not links
    QString migrationsPath; // empty: the conventional db/migration* folders

    // The issue keys in `text`, in order of appearance, each once.
    QStringList issueKeys(const QString &text) const;
    QString issueUrl(const QString &key) const;
};

} // namespace devdash::deploy

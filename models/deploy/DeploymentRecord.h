#pragma once

// `devdash deploy record`: a deployment reported by a script (an Ansible play, a
// Chef run, a Kubernetes rollout). The commit may be any revision (short id, branch,
// tag); it is stored as the full id it names in the repository.

#include "Deployment.h"
#include "common/Result.h"

namespace devdash::git {
class Repository;
}

namespace devdash::deploy {

struct RecordRequest
{
    QString environment;
    QString commit; // any revision
    QString status; // "success" | "failure"
    QString at; // ISO 8601; without an offset it is UTC; empty: now
    QString url;
    QString by;
    QString version;
};

class DeploymentRecord
{
public:
    static Result<Deployment> make(const git::Repository &repository, const RecordRequest &request);
    // "2026-01-05", "2026-01-05T10:00", "2026-01-05T10:00:00+01:00", "…Z" → UTC.
    static Result<QDateTime> parseTime(const QString &text);
};

} // namespace devdash::deploy

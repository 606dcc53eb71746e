#pragma once

#include "Deployment.h"
#include "common/Result.h"

#include <QList>
#include <QStringList>

namespace devdash::store {
class Database;
}
namespace devdash::git {
class Repository;
}

namespace devdash::deploy {

// The deployments of each repository, kept in DevDash's store (schema version 6).
// Works on one Database connection, so on the thread that opened it.
//
// Deliveries are deduplicated: the same source with the same external id (a tag's
// ref, a provider's deployment id) is one deployment whose status, time and url
// are updated in place (in_progress → success); without an external id, the same
// source, environment, commit and time is one deployment.
class DeploymentStore
{
public:
    explicit DeploymentStore(const store::Database &db)
        : m_db(db)
    {
    }

    struct AddResult
    {
        int added = 0;
        int updated = 0; // already stored, something changed
        int unchanged = 0; // already stored as is
        QList<qint64> ids; // in the order given
    };
    // One transaction: all or nothing.
    Result<AddResult> add(const QString &repository, const QList<Deployment> &deployments);

    // Oldest first (by time, then by the order they were stored); `environment`
    // empty: every environment.
    Result<QList<Deployment>> list(const QString &repository, const QString &environment = {}) const;
    // The environments with at least one deployment, sorted.
    Result<QStringList> environments(const QString &repository) const;
    Result<void> remove(qint64 id);

    // The key a repository's deployments are filed under: its canonical folder, the
    // same key the test runs use.
    static QString repositoryKey(const git::Repository &repository);
    static Result<QString> repositoryKey(const QString &path);

private:
    Result<qint64> repositoryId(const QString &repository, bool create) const;
    const store::Database &m_db;
};

} // namespace devdash::deploy

#pragma once

// A repository's deployments joined with its commit graph: what each deployment
// brought to its environment (CommitReach), which ones were rollbacks, and the DORA
// metrics of any period. Owns its git repository: use it on one thread.

#include "AuthorDateCache.h"
#include "CommitReach.h"
#include "Deployment.h"
#include "DoraMetrics.h"
#include "common/CancelToken.h"
#include "common/Result.h"
#include "git/CommitDag.h"
#include "git/Repository.h"

#include <QHash>
#include <QList>
#include <QStringList>

#include <memory>

namespace devdash::deploy {

struct ShippedCommit
{
    QString commit; // full id
    QString summary;
    QString message;
    qint64 deploymentId = 0; // the deployment that brought it
    QDateTime authoredAt;
};

class DeploymentHistory
{
public:
    // `deployments`: any number of environments, in any order.
    static Result<DeploymentHistory> load(
        const QString &repositoryPath, const QList<Deployment> &deployments, const CancelToken &cancel = {});

    DeploymentHistory(DeploymentHistory &&) noexcept;
    DeploymentHistory &operator=(DeploymentHistory &&) noexcept;
    ~DeploymentHistory();

    QStringList environments() const;
    // Oldest first, with rollbacks marked; `environment` empty: all, by time.
    QList<DeploymentRow> rows(const QString &environment = {}) const;
    // The last successful deployment of each environment: what runs there now.
    std::optional<Deployment> current(const QString &environment) const;

    // The DORA metrics of `environment` over [from, to) (DoraMetrics has the definitions).
    Result<DoraReport> dora(const QString &environment, const QDateTime &from, const QDateTime &to);
    // The commits that reached `environment` in [from, to), oldest deployment first.
    Result<QList<ShippedCommit>> shipped(
        const QString &environment, const QDateTime &from, const QDateTime &to);

    git::Repository &repository() { return *m_repo; }
    const git::CommitDag &dag() const { return m_dag; }

private:
    DeploymentHistory() = default;
    struct Environment
    {
        QList<Deployment> deployments; // time order
        std::vector<int64_t> commitIndex; // per deployment; -1 unknown
        std::vector<int64_t> successOrdinal; // per deployment: index among successes, or -1
        std::vector<bool> rollback;
        CommitReach reach;
    };
    Result<qint64> authorTime(uint32_t commit);

    std::unique_ptr<git::Repository> m_repo;
    git::CommitDag m_dag;
    std::unique_ptr<AuthorDateCache> m_authorDates; // loaded on first use
    QHash<QString, Environment> m_environments;
};

} // namespace devdash::deploy

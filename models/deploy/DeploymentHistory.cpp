#include "DeploymentHistory.h"

#include "git/CommitGraphCache.h"
#include "git/HistorySession.h"
#include "git/LibGit2.h"

#include <algorithm>

namespace devdash::deploy {

using namespace devdash::git;

DeploymentHistory::DeploymentHistory(DeploymentHistory &&) noexcept = default;
DeploymentHistory &DeploymentHistory::operator=(DeploymentHistory &&) noexcept = default;
DeploymentHistory::~DeploymentHistory() = default;

Result<DeploymentHistory> DeploymentHistory::load(
    const QString &repositoryPath, const QList<Deployment> &deployments, const CancelToken &cancel)
{
    auto repo = Repository::open(repositoryPath);
    if (!repo)
        return repo.error();
    DeploymentHistory history;
    history.m_repo = std::make_unique<Repository>(std::move(repo.value()));
    Repository &r = *history.m_repo;

    // The same graph index the History page uses (written once into DevDash's cache);
    // without it the DAG is read through libgit2, slower but complete.
    QStringList layers = CommitGraphCache::layersFor(r);
    if (layers.isEmpty() && !r.isEmpty() && CommitGraphCache::write(r, cancel))
        layers = CommitGraphCache::layersFor(r);
    if (auto dag = CommitDag::fromGraphFiles(layers))
        history.m_dag = std::move(dag.value());
    if (cancel.isCancelled())
        return Error { QStringLiteral("cancelled") };

    QList<Deployment> sorted = deployments;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Deployment &a, const Deployment &b) {
        const qint64 ta = a.at.toMSecsSinceEpoch(), tb = b.at.toMSecsSinceEpoch();
        return ta != tb ? ta < tb : a.id < b.id;
    });
    for (const Deployment &d : sorted) {
        Environment &env = history.m_environments[d.environment];
        git_oid oid;
        int64_t index = -1;
        if (git_oid_fromstrn(&oid, d.commit.toLatin1().constData(), size_t(d.commit.size())) == 0) {
            auto resolved = history.m_dag.resolve(r.raw(), oid, cancel);
            if (resolved)
                index = resolved.value();
            else
                git_error_clear(); // not in this clone (yet): it reaches nothing
        }
        env.deployments.append(d);
        env.commitIndex.push_back(index);
    }

    for (Environment &env : history.m_environments) {
        std::vector<int64_t> successCommits;
        env.successOrdinal.assign(env.commitIndex.size(), -1);
        env.rollback.assign(env.commitIndex.size(), false);
        int64_t running = -1; // the commit of the last successful deployment
        for (size_t i = 0; i < env.commitIndex.size(); ++i) {
            const Deployment &d = env.deployments.at(qsizetype(i));
            const int64_t c = env.commitIndex[i];
            if (d.status == DeploymentStatus::InProgress)
                continue;
            // A rollback deploys a strict ancestor of what was running.
            if (c >= 0 && running >= 0 && c != running
                && CommitReach::isAncestor(history.m_dag, uint32_t(c), uint32_t(running)))
                env.rollback[i] = true;
            if (d.isSuccess()) {
                env.successOrdinal[i] = int64_t(successCommits.size());
                successCommits.push_back(c);
                if (c >= 0)
                    running = c;
            }
        }
        env.reach = CommitReach::compute(history.m_dag, successCommits, cancel);
    }
    if (cancel.isCancelled())
        return Error { QStringLiteral("cancelled") };
    return history;
}

QStringList DeploymentHistory::environments() const
{
    QStringList names = m_environments.keys();
    names.sort();
    return names;
}

QList<DeploymentRow> DeploymentHistory::rows(const QString &environment) const
{
    QList<DeploymentRow> out;
    for (auto it = m_environments.cbegin(); it != m_environments.cend(); ++it) {
        if (!environment.isEmpty() && it.key() != environment)
            continue;
        const Environment &env = it.value();
        for (qsizetype i = 0; i < env.deployments.size(); ++i)
            out.append({ env.deployments.at(i), env.rollback[size_t(i)], env.commitIndex[size_t(i)] >= 0 });
    }
    std::stable_sort(out.begin(), out.end(), [](const DeploymentRow &a, const DeploymentRow &b) {
        const qint64 ta = a.deployment.at.toMSecsSinceEpoch(), tb = b.deployment.at.toMSecsSinceEpoch();
        return ta != tb ? ta < tb : a.deployment.id < b.deployment.id;
    });
    return out;
}

std::optional<Deployment> DeploymentHistory::current(const QString &environment) const
{
    const auto it = m_environments.constFind(environment);
    if (it == m_environments.cend())
        return std::nullopt;
    for (qsizetype i = it->deployments.size(); i-- > 0;)
        if (it->deployments.at(i).isSuccess())
            return it->deployments.at(i);
    return std::nullopt;
}

Result<qint64> DeploymentHistory::authorTime(uint32_t commit)
{
    if (!m_authorDates)
        m_authorDates = std::make_unique<AuthorDateCache>(*m_repo);
    return m_authorDates->authorTime(m_dag.oid(commit));
}

Result<DoraReport> DeploymentHistory::dora(
    const QString &environment, const QDateTime &from, const QDateTime &to)
{
    DoraMetrics::Input input;
    input.environment = environment;
    const auto it = m_environments.constFind(environment);
    if (it != m_environments.cend()) {
        const Environment &env = *it;
        input.deployments = env.deployments;
        input.reachedAuthorTimes.resize(size_t(env.deployments.size()));
        const qint64 fromMs = from.toMSecsSinceEpoch(), toMs = to.toMSecsSinceEpoch();
        for (size_t i = 0; i < input.reachedAuthorTimes.size(); ++i) {
            const qint64 t = env.deployments.at(qsizetype(i)).at.toMSecsSinceEpoch();
            if (env.successOrdinal[i] < 0 || t < fromMs || t >= toMs)
                continue; // only the period's deployments are read
            const size_t s = size_t(env.successOrdinal[i]);
            auto &times = input.reachedAuthorTimes[i];
            times.reserve(env.reach.count(s));
            for (const uint32_t *c = env.reach.begin(s); c != env.reach.end(s); ++c) {
                auto authored = authorTime(*c);
                if (!authored)
                    return authored.error();
                times.push_back(*authored);
            }
        }
    }
    if (m_authorDates)
        m_authorDates->save();
    return DoraMetrics::compute(input, from, to);
}

Result<QList<ShippedCommit>> DeploymentHistory::shipped(
    const QString &environment, const QDateTime &from, const QDateTime &to)
{
    QList<ShippedCommit> out;
    const auto it = m_environments.constFind(environment);
    if (it == m_environments.cend())
        return out;
    const Environment &env = *it;
    const qint64 fromMs = from.toMSecsSinceEpoch(), toMs = to.toMSecsSinceEpoch();
    for (size_t i = 0; i < env.commitIndex.size(); ++i) {
        const Deployment &d = env.deployments.at(qsizetype(i));
        const qint64 t = d.at.toMSecsSinceEpoch();
        if (env.successOrdinal[i] < 0 || t < fromMs || t >= toMs)
            continue;
        const size_t s = size_t(env.successOrdinal[i]);
        for (const uint32_t *c = env.reach.begin(s); c != env.reach.end(s); ++c) {
            git_commit *raw = nullptr;
            if (git_commit_lookup(&raw, m_repo->raw(), &m_dag.oid(*c)) < 0)
                return lastError(QStringLiteral("Could not read commit %1").arg(toHex(m_dag.oid(*c))));
            CommitPtr ptr(raw);
            const CommitMeta meta = HistorySession::readMeta(raw);
            ShippedCommit sc;
            sc.commit = toHex(m_dag.oid(*c));
            sc.summary = meta.summary;
            sc.message = decodeMessage(git_commit_message(raw), git_commit_message_encoding(raw));
            sc.deploymentId = d.id;
            sc.authoredAt = meta.authoredAt;
            out.append(sc);
        }
    }
    return out;
}

} // namespace devdash::deploy

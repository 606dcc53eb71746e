#pragma once

// Which deployment first brought each commit to an environment. A commit reaches
// an environment with the first successful deployment whose commit has it as an
// ancestor (itself included). Computed for all commits in one pass: deployments are
// taken in time order and each walks only the ancestors no earlier deployment has
// reached (an already-reached commit's ancestors were all reached too), so every
// commit is visited at most once — not a walk of the whole history per deployment.

#include "common/CancelToken.h"
#include "git/CommitDag.h"

#include <cstdint>
#include <vector>

namespace devdash::deploy {

class CommitReach
{
public:
    // `deploymentCommits`: the DAG index of each successful deployment's commit, in
    // time order; -1 for a commit the DAG does not have (it reaches nothing).
    static CommitReach compute(const git::CommitDag &dag, const std::vector<int64_t> &deploymentCommits,
        const CancelToken &cancel = {});

    // The commits deployment `i` (an index into deploymentCommits) reached first.
    const uint32_t *begin(size_t i) const { return m_commits.data() + m_offsets[i]; }
    const uint32_t *end(size_t i) const { return m_commits.data() + m_offsets[i + 1]; }
    size_t count(size_t i) const { return m_offsets[i + 1] - m_offsets[i]; }
    size_t deploymentCount() const { return m_offsets.empty() ? 0 : m_offsets.size() - 1; }
    // The deployment that first reached `commit`, or -1.
    int64_t reachedBy(uint32_t commit) const
    {
        return commit < m_reachedBy.size() ? m_reachedBy[commit] : -1;
    }

    // True when `ancestor` is reachable from `descendant` (or is it). Generation
    // numbers prune the walk: nothing below the ancestor's generation can lead to it.
    static bool isAncestor(const git::CommitDag &dag, uint32_t ancestor, uint32_t descendant);

private:
    std::vector<int32_t> m_reachedBy; // per DAG index
    std::vector<uint32_t> m_commits; // grouped by deployment
    std::vector<size_t> m_offsets; // deploymentCount() + 1
};

} // namespace devdash::deploy

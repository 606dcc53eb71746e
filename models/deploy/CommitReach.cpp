#include "CommitReach.h"

namespace devdash::deploy {

CommitReach CommitReach::compute(
    const git::CommitDag &dag, const std::vector<int64_t> &deploymentCommits, const CancelToken &cancel)
{
    CommitReach reach;
    reach.m_reachedBy.assign(dag.size(), -1);
    reach.m_offsets.reserve(deploymentCommits.size() + 1);
    reach.m_offsets.push_back(0);
    std::vector<uint32_t> stack;
    for (size_t d = 0; d < deploymentCommits.size(); ++d) {
        const int64_t start = deploymentCommits[d];
        if (start >= 0 && uint64_t(start) < dag.size() && reach.m_reachedBy[size_t(start)] < 0
            && !cancel.isCancelled()) {
            reach.m_reachedBy[size_t(start)] = int32_t(d);
            stack.push_back(uint32_t(start));
            while (!stack.empty()) {
                const uint32_t c = stack.back();
                stack.pop_back();
                reach.m_commits.push_back(c);
                dag.forEachParent(c, [&](uint32_t p) {
                    if (reach.m_reachedBy[p] < 0) {
                        reach.m_reachedBy[p] = int32_t(d);
                        stack.push_back(p);
                    }
                });
            }
        }
        reach.m_offsets.push_back(reach.m_commits.size());
    }
    return reach;
}

bool CommitReach::isAncestor(const git::CommitDag &dag, uint32_t ancestor, uint32_t descendant)
{
    if (ancestor == descendant)
        return true;
    const uint32_t floor = dag.generation(ancestor);
    if (dag.generation(descendant) <= floor)
        return false;
    std::vector<uint32_t> stack { descendant };
    std::vector<bool> seen(dag.size(), false);
    seen[descendant] = true;
    while (!stack.empty()) {
        const uint32_t c = stack.back();
        stack.pop_back();
        bool found = false;
        dag.forEachParent(c, [&](uint32_t p) {
            if (found || seen[p])
                return;
            if (p == ancestor) {
                found = true;
                return;
            }
            seen[p] = true;
            if (dag.generation(p) > floor)
                stack.push_back(p);
        });
        if (found)
            return true;
    }
    return false;
}

} // namespace devdash::deploy

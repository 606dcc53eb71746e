#include "TopoWalker.h"

#include <algorithm>

namespace devdash::git {

TopoWalker::TopoWalker(const CommitDag &dag, std::vector<uint32_t> tips, const std::vector<bool> *hidden)
    : m_dag(dag)
    , m_hidden(hidden)
    , m_indegreeQueue(dag)
{
    const size_t n = std::max<size_t>(dag.size(), 1);
    m_indegree = static_cast<int32_t *>(std::calloc(n, sizeof(int32_t)));
    m_queued = static_cast<uint8_t *>(std::calloc(n, 1));

    // git: commit_list_sort_by_date (stable, newest first), first occurrence wins.
    std::vector<uint32_t> ordered;
    ordered.reserve(tips.size());
    for (uint32_t t : tips) {
        if (t >= dag.size() || isHidden(t) || m_indegree[t] == 1)
            continue;
        m_indegree[t] = 1;
        ordered.push_back(t);
    }
    std::stable_sort(ordered.begin(), ordered.end(),
        [&](uint32_t a, uint32_t b) { return dag.commitTime(a) > dag.commitTime(b); });
    for (uint32_t t : ordered) {
        m_queued[t] = 1;
        m_indegreeQueue.push(t);
        m_minGeneration = std::min(m_minGeneration, dag.generation(t));
    }
    computeIndegreesToDepth(m_minGeneration);
    for (uint32_t t : ordered)
        if (m_indegree[t] == 1)
            m_stack.push_back(t);
    // The stack pops from the back: the newest tip must come out first.
    std::reverse(m_stack.begin(), m_stack.end());
}

TopoWalker::~TopoWalker()
{
    std::free(m_indegree);
    std::free(m_queued);
}

void TopoWalker::computeIndegreesToDepth(uint32_t generation)
{
    while (!m_indegreeQueue.empty() && m_indegreeQueue.topGeneration() >= generation) {
        const uint32_t c = m_indegreeQueue.pop();
        ++m_indegreeWalked;
        m_dag.forEachParent(c, [&](uint32_t p) {
            if (isHidden(p))
                return;
            int32_t &d = m_indegree[p];
            d = d ? d + 1 : 2;
            if (!m_queued[p]) {
                m_queued[p] = 1;
                m_indegreeQueue.push(p);
            }
        });
    }
}

size_t TopoWalker::next(std::vector<uint32_t> &out, size_t max)
{
    size_t produced = 0;
    while (produced < max && !m_stack.empty()) {
        const uint32_t c = m_stack.back();
        m_stack.pop_back();
        // Parents are pushed in order, so the last parent is popped first: after a
        // merge git shows the merged-in side before continuing the first-parent line.
        m_dag.forEachParent(c, [&](uint32_t p) {
            if (isHidden(p))
                return;
            const uint32_t g = m_dag.generation(p);
            if (g < m_minGeneration) {
                m_minGeneration = g;
                computeIndegreesToDepth(g);
            }
            if (--m_indegree[p] == 1)
                m_stack.push_back(p);
        });
        m_indegree[c] = 0;
        out.push_back(c);
        ++produced;
    }
    return produced;
}

} // namespace devdash::git

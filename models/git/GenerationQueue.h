#pragma once

// A max-queue of DAG commits by generation (then commit time): popping in this order
// visits every child before its parents, which both the topological walk and the
// ahead/behind count rely on.

#include "CommitDag.h"

#include <cstdint>
#include <queue>

namespace devdash::git {

class GenerationQueue
{
public:
    explicit GenerationQueue(const CommitDag &dag)
        : m_dag(dag)
    {
    }

    void push(uint32_t commit)
    {
        m_queue.push({ m_dag.generation(commit), m_dag.commitTime(commit), commit });
    }
    uint32_t pop()
    {
        const uint32_t c = m_queue.top().index;
        m_queue.pop();
        return c;
    }
    bool empty() const { return m_queue.empty(); }
    uint32_t topGeneration() const { return m_queue.top().generation; }

private:
    struct Entry
    {
        uint32_t generation;
        int64_t time;
        uint32_t index;
        bool operator<(const Entry &o) const
        {
            return generation != o.generation ? generation < o.generation : time < o.time;
        }
    };
    const CommitDag &m_dag;
    std::priority_queue<Entry> m_queue;
};

} // namespace devdash::git

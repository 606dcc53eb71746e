#pragma once

// Topological order as `git log --topo-order` prints it, produced incrementally:
// git's own algorithm (revision.c, init_topo_walk/expand_topo_walk) over generation
// numbers, so the first rows come out after visiting only the commits above them,
// whatever the size of the history.

#include "CommitDag.h"
#include "GenerationQueue.h"

#include <cstdint>
#include <cstdlib>
#include <vector>

namespace devdash::git {

class TopoWalker
{
public:
    // `tips` in the order git's revision machinery lists them (refs by name, then
    // HEAD); they are stably sorted by commit date, newest first, as git does.
    // `hidden`, if given, has one flag per DAG index: commits to leave out together
    // with everything only they reach (the "^B" of "A ^B").
    TopoWalker(const CommitDag &dag, std::vector<uint32_t> tips, const std::vector<bool> *hidden = nullptr);
    ~TopoWalker();
    TopoWalker(const TopoWalker &) = delete;
    TopoWalker &operator=(const TopoWalker &) = delete;

    // Appends up to `max` next commits to `out`; returns how many were appended.
    size_t next(std::vector<uint32_t> &out, size_t max);
    bool atEnd() const { return m_stack.empty(); }
    size_t visitedForIndegree() const { return m_indegreeWalked; }

private:
    void computeIndegreesToDepth(uint32_t generation);
    bool isHidden(uint32_t c) const { return m_hidden && (*m_hidden)[c]; }

    const CommitDag &m_dag;
    const std::vector<bool> *m_hidden;
    // calloc'd: pages are only touched for commits the walk reaches.
    int32_t *m_indegree = nullptr;
    uint8_t *m_queued = nullptr;
    GenerationQueue m_indegreeQueue;
    std::vector<uint32_t> m_stack;
    uint32_t m_minGeneration = UINT32_MAX;
    size_t m_indegreeWalked = 0;
};

} // namespace devdash::git

#pragma once

// Ahead/behind counts for many pairs of commits in one walk, as git's
// ahead_behind() (commit-reach.c) does: every commit carries a bitmap of the tips
// that reach it, bitmaps flow to parents in generation order, and the walk stops as
// soon as every commit left is reached by all tips (it cannot change any count).

#include "CommitDag.h"

#include <cstdint>
#include <vector>

namespace devdash::git {

class AheadBehindCounter
{
public:
    struct Pair
    {
        uint32_t a; // DAG indices
        uint32_t b;
    };
    struct Counts
    {
        uint32_t ahead = 0; // reachable from a, not from b
        uint32_t behind = 0; // reachable from b, not from a
    };

    static std::vector<Counts> count(
        const CommitDag &dag, const std::vector<Pair> &pairs, const CancelToken &cancel = {});
};

} // namespace devdash::git

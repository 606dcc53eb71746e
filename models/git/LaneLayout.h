#pragma once

// Assigns each commit of a topologically ordered history to a lane (column), like
// the graph of `git log --graph`: a lane is reserved for a commit by its first
// child and kept until the commit's row; a first parent continues its child's lane,
// other parents of a merge take the leftmost free lane. Pure and incremental.

#include <QMetaType>

#include <cstdint>
#include <span>
#include <vector>

namespace devdash::git {

// What the graph column of one row shows.
struct GraphRow
{
    uint16_t lane = 0; // column of the commit's dot
    bool hasChild = false; // a line comes into the dot from above
    std::vector<uint16_t> through; // lanes passing this row top to bottom
    std::vector<uint16_t> toParents; // lanes the dot connects to below (its parents' lanes)
    uint16_t width = 1; // lanes in use on this row (for the column width)
};

class LaneLayout
{
public:
    static constexpr uint32_t Free = UINT32_MAX;

    // The state before a row: which commit each lane waits for.
    using State = std::vector<uint32_t>;

    // Places `commit` (with its `parents`, ids of any kind but unique per commit)
    // on the next row. Returns its lane; fills `row` when given.
    static uint16_t place(
        State &lanes, uint32_t commit, std::span<const uint32_t> parents, GraphRow *row = nullptr);
};

} // namespace devdash::git

Q_DECLARE_METATYPE(devdash::git::GraphRow)

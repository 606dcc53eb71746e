#include "LaneLayout.h"

#include <algorithm>

namespace devdash::git {

namespace {
size_t findLane(const LaneLayout::State &lanes, uint32_t commit)
{
    const auto it = std::find(lanes.begin(), lanes.end(), commit);
    return it == lanes.end() ? SIZE_MAX : size_t(it - lanes.begin());
}

size_t firstFree(LaneLayout::State &lanes, size_t from)
{
    for (size_t i = from; i < lanes.size(); ++i)
        if (lanes[i] == LaneLayout::Free)
            return i;
    lanes.push_back(LaneLayout::Free);
    return lanes.size() - 1;
}
} // namespace

uint16_t LaneLayout::place(State &lanes, uint32_t commit, std::span<const uint32_t> parents, GraphRow *row)
{
    size_t lane = findLane(lanes, commit);
    const bool hasChild = lane != SIZE_MAX;
    if (!hasChild)
        lane = firstFree(lanes, 0);

    if (row) {
        row->lane = uint16_t(lane);
        row->hasChild = hasChild;
        row->through.clear();
        row->toParents.clear();
        for (size_t i = 0; i < lanes.size(); ++i)
            if (i != lane && lanes[i] != Free)
                row->through.push_back(uint16_t(i));
    }

    lanes[lane] = Free;
    for (size_t i = 0; i < parents.size(); ++i) {
        const uint32_t parent = parents[i];
        size_t target = findLane(lanes, parent);
        if (target == SIZE_MAX) {
            // The first parent carries the line straight down; merged-in parents
            // branch off to the right where there is room.
            target = i == 0 ? lane : firstFree(lanes, lane + 1);
            lanes[target] = parent;
        }
        if (row
            && std::find(row->toParents.begin(), row->toParents.end(), uint16_t(target))
                == row->toParents.end())
            row->toParents.push_back(uint16_t(target));
    }
    // Keep the state short: trailing free lanes carry no information.
    while (!lanes.empty() && lanes.back() == Free)
        lanes.pop_back();
    if (row) {
        size_t width = std::max<size_t>(lanes.size(), lane + 1);
        for (uint16_t t : row->through)
            width = std::max<size_t>(width, size_t(t) + 1);
        row->width = uint16_t(width);
    }
    return uint16_t(lane);
}

} // namespace devdash::git

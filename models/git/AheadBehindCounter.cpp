#include "AheadBehindCounter.h"

#include "GenerationQueue.h"

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_map>

namespace devdash::git {

std::vector<AheadBehindCounter::Counts> AheadBehindCounter::count(
    const CommitDag &dag, const std::vector<Pair> &pairs, const CancelToken &cancel)
{
    std::vector<Counts> result(pairs.size());
    if (pairs.empty() || dag.size() == 0)
        return result;

    // One bit per distinct tip.
    std::unordered_map<uint32_t, uint32_t> bitOf;
    std::vector<uint32_t> tips;
    auto bitFor = [&](uint32_t c) {
        auto [it, inserted] = bitOf.emplace(c, uint32_t(tips.size()));
        if (inserted)
            tips.push_back(c);
        return it->second;
    };
    struct BitPair
    {
        uint32_t a, b;
    };
    std::vector<BitPair> bitPairs;
    for (const Pair &p : pairs)
        bitPairs.push_back({ bitFor(p.a), bitFor(p.b) });

    // Pairs sharing the most common `b` (the default branch) are counted with bit
    // scans instead of a loop over pairs.
    std::unordered_map<uint32_t, uint32_t> bUse;
    for (const BitPair &p : bitPairs)
        ++bUse[p.b];
    uint32_t commonB = bitPairs.front().b;
    for (auto [b, n] : bUse)
        if (n > bUse[commonB])
            commonB = b;
    std::vector<std::vector<uint32_t>> pairsByA(tips.size()); // pairs (a, commonB), by a
    std::vector<uint32_t> otherPairs;
    for (uint32_t i = 0; i < bitPairs.size(); ++i) {
        if (bitPairs[i].b == commonB && bitPairs[i].a != commonB)
            pairsByA[bitPairs[i].a].push_back(i);
        else
            otherPairs.push_back(i);
    }
    std::vector<uint32_t> aheadOfCommon(tips.size(), 0); // bit a set, commonB clear
    std::vector<uint32_t> behindOfCommon(tips.size(), 0); // bit a clear, commonB set

    const size_t words = (tips.size() + 63) / 64;
    std::vector<uint64_t> full(words, ~uint64_t(0));
    if (tips.size() % 64)
        full.back() = (uint64_t(1) << (tips.size() % 64)) - 1;

    // Bitmaps live in slots, recycled as commits leave the queue.
    std::vector<uint64_t> slab;
    std::vector<uint32_t> freeSlots;
    auto *slotOf = static_cast<uint32_t *>(std::calloc(dag.size(), sizeof(uint32_t))); // slot + 1
    auto bitmap = [&](uint32_t slot) { return slab.data() + size_t(slot) * words; };
    auto allocSlot = [&]() {
        uint32_t slot;
        if (!freeSlots.empty()) {
            slot = freeSlots.back();
            freeSlots.pop_back();
            std::fill_n(bitmap(slot), words, 0);
        } else {
            slot = uint32_t(slab.size() / words);
            slab.resize(slab.size() + words, 0);
        }
        return slot;
    };
    auto isFull = [&](const uint64_t *bits) { return std::equal(bits, bits + words, full.begin()); };

    GenerationQueue queue(dag);
    size_t notFullInQueue = 0;
    for (uint32_t bit = 0; bit < tips.size(); ++bit) {
        const uint32_t c = tips[bit];
        if (!slotOf[c]) {
            slotOf[c] = allocSlot() + 1;
            queue.push(c);
        }
        bitmap(slotOf[c] - 1)[bit / 64] |= uint64_t(1) << (bit % 64);
    }
    {
        std::vector<uint32_t> seen;
        for (uint32_t c : tips)
            if (!isFull(bitmap(slotOf[c] - 1)) && std::find(seen.begin(), seen.end(), c) == seen.end()) {
                seen.push_back(c);
                ++notFullInQueue;
            }
    }

    // Bitmaps (as bytes) of the counted commits → how many commits have it.
    struct BytesHash
    {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
    };
    std::unordered_map<std::string, uint32_t, BytesHash, std::equal_to<>> commitsWithBits;
    const uint32_t cw = commonB / 64;
    const uint64_t cm = uint64_t(1) << (commonB % 64);
    size_t steps = 0;
    while (!queue.empty() && notFullInQueue > 0) {
        if ((++steps & 4095) == 0 && cancel.isCancelled())
            break;
        const uint32_t c = queue.pop();
        const uint32_t slot = slotOf[c] - 1;
        const uint64_t *bits = bitmap(slot);
        const bool wasFull = isFull(bits);
        if (!wasFull) {
            --notFullInQueue;
            // Counted per distinct bitmap (few: runs of commits between tips share one),
            // expanded to counts once at the end: scanning hundreds of bits per commit
            // was the hot loop with hundreds of refs.
            const std::string_view key(reinterpret_cast<const char *>(bits), words * sizeof(uint64_t));
            if (auto it = commitsWithBits.find(key); it != commitsWithBits.end())
                ++it->second;
            else
                commitsWithBits.emplace(std::string(key), 1);
        }
        // A commit reached by every tip counts for nothing, but its parents must still
        // learn that (as git's ahead_behind does): a parent also reached through a
        // partial path would otherwise be counted as ahead or behind.
        dag.forEachParent(c, [&](uint32_t p) {
            uint64_t *pb;
            if (!slotOf[p]) {
                const uint32_t ps = allocSlot();
                slotOf[p] = ps + 1;
                pb = bitmap(ps);
                queue.push(p);
                ++notFullInQueue; // empty bitmap: not full yet
            } else {
                pb = bitmap(slotOf[p] - 1);
            }
            const bool before = isFull(pb);
            const uint64_t *cb = bitmap(slotOf[c] - 1); // the slab may have moved
            for (size_t w = 0; w < words; ++w)
                pb[w] |= cb[w];
            if (!before && isFull(pb))
                --notFullInQueue;
        });
        freeSlots.push_back(slotOf[c] - 1);
        // slotOf[c] stays set: a commit is visited once.
    }
    std::free(slotOf);

    for (const auto &[key, commits] : commitsWithBits) {
        const auto *bits = reinterpret_cast<const uint64_t *>(key.data());
        if (bits[cw] & cm) {
            // Reached by the default branch, so by most tips: scan the clear bits.
            for (size_t w = 0; w < words; ++w)
                for (uint64_t v = ~bits[w] & full[w]; v; v &= v - 1)
                    behindOfCommon[w * 64 + size_t(std::countr_zero(v))] += commits;
        } else {
            for (size_t w = 0; w < words; ++w)
                for (uint64_t v = bits[w]; v; v &= v - 1)
                    aheadOfCommon[w * 64 + size_t(std::countr_zero(v))] += commits;
        }
        for (uint32_t i : otherPairs) {
            const bool a = bits[bitPairs[i].a / 64] >> (bitPairs[i].a % 64) & 1;
            const bool b = bits[bitPairs[i].b / 64] >> (bitPairs[i].b % 64) & 1;
            result[i].ahead += a && !b ? commits : 0;
            result[i].behind += b && !a ? commits : 0;
        }
    }

    for (uint32_t a = 0; a < tips.size(); ++a) {
        for (uint32_t i : pairsByA[a]) {
            result[i].ahead = aheadOfCommon[a];
            result[i].behind = behindOfCommon[a];
        }
    }
    return result;
}

} // namespace devdash::git

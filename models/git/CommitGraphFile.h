#pragma once

// A reader for git's commit-graph format (Documentation/gitformat-commit-graph.txt):
// one file ("layer") of a possibly split graph. Pure and copy-free: it works on
// bytes (usually a read-only memory map) and never touches a repository.

#include "common/Result.h"

#include <git2/oid.h>

#include <QByteArrayView>

#include <cstdint>

namespace devdash::git {

class CommitGraphFile
{
public:
    static constexpr uint32_t NoParent = 0x70000000u;

    // Validates the header, chunk table and chunk sizes; never reads out of bounds
    // afterwards. `data` must outlive the returned object.
    static Result<CommitGraphFile> parse(QByteArrayView data);

    uint32_t commitCount() const { return m_count; }
    uint32_t baseGraphCount() const { return m_baseCount; }
    const git_oid *oidAt(uint32_t localIndex) const
    {
        return reinterpret_cast<const git_oid *>(m_oidLookup + size_t(localIndex) * GIT_OID_RAWSZ);
    }
    // Local index of `oid` in this layer, or -1.
    int64_t find(const git_oid &oid) const;

    // Parent positions are global (over the layers below and this one). Octopus
    // parents beyond the second are read from the extra-edge list. Returns false
    // when the file is inconsistent (an out-of-range extra edge).
    template<typename Fn> bool forEachParent(uint32_t localIndex, Fn &&fn) const
    {
        const uint8_t *rec = m_commitData + size_t(localIndex) * RecordSize;
        const uint32_t p1 = be32(rec + GIT_OID_RAWSZ);
        const uint32_t p2 = be32(rec + GIT_OID_RAWSZ + 4);
        if (p1 == NoParent)
            return true;
        fn(p1);
        if (p2 == NoParent)
            return true;
        if (!(p2 & 0x80000000u)) {
            fn(p2);
            return true;
        }
        for (uint32_t e = p2 & 0x7fffffffu; e < m_extraEdgeCount; ++e) {
            const uint32_t edge = be32(m_extraEdges + size_t(e) * 4);
            fn(edge & 0x7fffffffu);
            if (edge & 0x80000000u)
                return true;
        }
        return false;
    }
    // Topological level (generation number v1); 0 means "not computed".
    uint32_t generation(uint32_t localIndex) const
    {
        return be32(m_commitData + size_t(localIndex) * RecordSize + GIT_OID_RAWSZ + 8) >> 2;
    }
    int64_t commitTime(uint32_t localIndex) const
    {
        const uint8_t *p = m_commitData + size_t(localIndex) * RecordSize + GIT_OID_RAWSZ + 8;
        return (int64_t(be32(p) & 0x3u) << 32) | be32(p + 4);
    }
    // Hashes of the layers this one builds on (BASE chunk), oldest first.
    const git_oid *baseGraphOid(uint32_t i) const
    {
        return reinterpret_cast<const git_oid *>(m_baseGraphs + size_t(i) * GIT_OID_RAWSZ);
    }

    static uint32_t be32(const uint8_t *p)
    {
        return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
    }

private:
    static constexpr size_t RecordSize = GIT_OID_RAWSZ + 16;

    const uint8_t *m_fanout = nullptr;
    const uint8_t *m_oidLookup = nullptr;
    const uint8_t *m_commitData = nullptr;
    const uint8_t *m_extraEdges = nullptr;
    const uint8_t *m_baseGraphs = nullptr;
    uint32_t m_extraEdgeCount = 0;
    uint32_t m_count = 0;
    uint32_t m_baseCount = 0;
};

} // namespace devdash::git

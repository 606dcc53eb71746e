#include "CommitGraphFile.h"

#include <cstring>

namespace devdash::git {

namespace {
constexpr uint32_t chunkId(const char (&s)[5])
{
    return (uint32_t(uint8_t(s[0])) << 24) | (uint32_t(uint8_t(s[1])) << 16) | (uint32_t(uint8_t(s[2])) << 8)
        | uint32_t(uint8_t(s[3]));
}

uint64_t be64(const uint8_t *p)
{
    return (uint64_t(CommitGraphFile::be32(p)) << 32) | CommitGraphFile::be32(p + 4);
}

Error invalid(const char *why)
{
    return Error { QStringLiteral("invalid commit-graph file: ") + QString::fromLatin1(why) };
}
} // namespace

Result<CommitGraphFile> CommitGraphFile::parse(QByteArrayView data)
{
    const auto *base = reinterpret_cast<const uint8_t *>(data.data());
    const size_t size = size_t(data.size());
    if (size < 8 + 12 || std::memcmp(base, "CGPH", 4) != 0)
        return invalid("bad signature");
    if (base[4] != 1)
        return invalid("unsupported version");
    if (base[5] != 1)
        return invalid("unsupported hash version (only SHA-1)");
    const unsigned chunkCount = base[6];
    CommitGraphFile file;
    file.m_baseCount = base[7];
    if (size < 8 + size_t(chunkCount + 1) * 12)
        return invalid("truncated chunk table");

    uint64_t extraEdgesSize = 0, oidlSize = 0, cdatSize = 0, baseSize = 0;
    bool haveFanout = false;
    for (unsigned i = 0; i < chunkCount; ++i) {
        const uint8_t *entry = base + 8 + size_t(i) * 12;
        const uint32_t id = be32(entry);
        const uint64_t offset = be64(entry + 4);
        const uint64_t next = be64(entry + 12 + 4);
        if (offset > size || next > size || next < offset)
            return invalid("chunk outside the file");
        const uint64_t length = next - offset;
        const uint8_t *chunk = base + offset;
        if (id == chunkId("OIDF")) {
            if (length != 256 * 4)
                return invalid("bad fanout size");
            file.m_fanout = chunk;
            haveFanout = true;
        } else if (id == chunkId("OIDL")) {
            file.m_oidLookup = chunk;
            oidlSize = length;
        } else if (id == chunkId("CDAT")) {
            file.m_commitData = chunk;
            cdatSize = length;
        } else if (id == chunkId("EDGE")) {
            file.m_extraEdges = chunk;
            extraEdgesSize = length;
        } else if (id == chunkId("BASE")) {
            file.m_baseGraphs = chunk;
            baseSize = length;
        }
    }
    if (!haveFanout || !file.m_oidLookup || !file.m_commitData)
        return invalid("missing a required chunk (OIDF, OIDL, CDAT)");
    file.m_count = be32(file.m_fanout + 255 * 4);
    if (oidlSize != uint64_t(file.m_count) * GIT_OID_RAWSZ || cdatSize != uint64_t(file.m_count) * RecordSize)
        return invalid("chunk sizes do not match the commit count");
    uint32_t previous = 0;
    for (int i = 0; i < 256; ++i) {
        const uint32_t v = be32(file.m_fanout + i * 4);
        if (v < previous)
            return invalid("fanout not monotonic");
        previous = v;
    }
    if (baseSize != uint64_t(file.m_baseCount) * GIT_OID_RAWSZ)
        return invalid("BASE chunk does not match the header");
    file.m_extraEdgeCount = uint32_t(extraEdgesSize / 4);
    return file;
}

int64_t CommitGraphFile::find(const git_oid &oid) const
{
    const uint8_t first = oid.id[0];
    uint32_t lo = first == 0 ? 0 : be32(m_fanout + (first - 1) * 4);
    uint32_t hi = be32(m_fanout + first * 4);
    while (lo < hi) {
        const uint32_t mid = lo + (hi - lo) / 2;
        const int c = std::memcmp(m_oidLookup + size_t(mid) * GIT_OID_RAWSZ, oid.id, GIT_OID_RAWSZ);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

} // namespace devdash::git

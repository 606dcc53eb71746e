#pragma once

// The commit DAG as dense integer indices: commits found in commit-graph files
// (memory-mapped, nothing copied) plus an overlay of commits parsed through
// libgit2 because no graph has them yet (new commits since the graph was written).
// Walks, lanes and ahead/behind counts all run over these indices.

#include "CommitGraphFile.h"
#include "common/CancelToken.h"
#include "common/Result.h"

#include <git2/types.h>

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

class QFile;

namespace devdash::git {

struct OidHash
{
    size_t operator()(const git_oid &oid) const
    {
        size_t h;
        static_assert(sizeof h <= GIT_OID_RAWSZ);
        std::memcpy(&h, oid.id, sizeof h);
        return h;
    }
};
struct OidEqual
{
    bool operator()(const git_oid &a, const git_oid &b) const
    {
        return std::memcmp(a.id, b.id, GIT_OID_RAWSZ) == 0;
    }
};

class CommitDag
{
public:
    CommitDag();
    ~CommitDag();
    CommitDag(CommitDag &&) noexcept;
    CommitDag &operator=(CommitDag &&) noexcept;

    // Maps the given graph layers (oldest first, as a commit-graph-chain lists them).
    // A layer that cannot be read is an error; callers fall back to an empty DAG.
    static Result<CommitDag> fromGraphFiles(const QStringList &layerPaths);

    uint32_t size() const { return m_graphCount + uint32_t(m_overlay.size()); }
    uint32_t graphCommitCount() const { return m_graphCount; }
    uint32_t overlayCount() const { return uint32_t(m_overlay.size()); }

    std::optional<uint32_t> find(const git_oid &oid) const;
    const git_oid &oid(uint32_t index) const;
    uint32_t generation(uint32_t index) const;
    int64_t commitTime(uint32_t index) const;

    template<typename Fn> void forEachParent(uint32_t index, Fn &&fn) const
    {
        if (index >= m_graphCount) {
            const Overlay &o = m_overlay[index - m_graphCount];
            for (uint32_t p : o.parents)
                fn(p);
            return;
        }
        const Layer &layer = layerOf(index);
        const uint32_t limit = m_graphCount;
        layer.file.forEachParent(index - layer.offset, [&](uint32_t p) {
            if (p < limit) // a corrupt file must not send us out of bounds
                fn(p);
        });
    }

    // The index of `oid`, adding it and every ancestor missing from the graph to the
    // overlay by reading the commits through libgit2.
    Result<uint32_t> resolve(git_repository *repo, const git_oid &oid, const CancelToken &cancel = {});

private:
    struct Layer
    {
        std::unique_ptr<QFile> mapped;
        CommitGraphFile file;
        uint32_t offset = 0;
    };
    struct Overlay
    {
        git_oid oid;
        std::vector<uint32_t> parents;
        uint32_t generation = 1;
        int64_t time = 0;
    };

    const Layer &layerOf(uint32_t index) const
    {
        for (size_t i = m_layers.size(); i-- > 1;)
            if (index >= m_layers[i].offset)
                return m_layers[i];
        return m_layers.front();
    }

    std::vector<Layer> m_layers;
    uint32_t m_graphCount = 0;
    std::vector<Overlay> m_overlay;
    std::unordered_map<git_oid, uint32_t, OidHash, OidEqual> m_overlayIndex;
};

} // namespace devdash::git

#include "CommitDag.h"

#include "LibGit2.h"

#include <QFile>

#include <git2.h>

#include <algorithm>

namespace devdash::git {

CommitDag::CommitDag() = default;
CommitDag::~CommitDag() = default;
CommitDag::CommitDag(CommitDag &&) noexcept = default;
CommitDag &CommitDag::operator=(CommitDag &&) noexcept = default;

Result<CommitDag> CommitDag::fromGraphFiles(const QStringList &layerPaths)
{
    CommitDag dag;
    for (const QString &path : layerPaths) {
        auto file = std::make_unique<QFile>(path);
        if (!file->open(QIODevice::ReadOnly))
            return Error { QStringLiteral("cannot read commit-graph %1: %2").arg(path, file->errorString()) };
        uchar *data = file->size() > 0 ? file->map(0, file->size()) : nullptr;
        if (!data)
            return Error { QStringLiteral("cannot map commit-graph %1").arg(path) };
        auto parsed
            = CommitGraphFile::parse(QByteArrayView(reinterpret_cast<const char *>(data), file->size()));
        if (!parsed)
            return Error { parsed.errorMessage() + QStringLiteral(" (") + path + QLatin1Char(')') };
        if (parsed->baseGraphCount() != dag.m_layers.size())
            return Error { QStringLiteral("commit-graph chain is inconsistent at %1").arg(path) };
        // A level of 0 means the writer did not compute generations; incremental
        // topological walks need them.
        if (parsed->commitCount() > 0 && parsed->generation(0) == 0)
            return Error { QStringLiteral("commit-graph %1 has no generation numbers").arg(path) };
        Layer layer { std::move(file), parsed.value(), dag.m_graphCount };
        dag.m_graphCount += layer.file.commitCount();
        dag.m_layers.push_back(std::move(layer));
    }
    return dag;
}

std::optional<uint32_t> CommitDag::find(const git_oid &oid) const
{
    for (const Layer &layer : m_layers) {
        const int64_t local = layer.file.find(oid);
        if (local >= 0)
            return layer.offset + uint32_t(local);
    }
    if (auto it = m_overlayIndex.find(oid); it != m_overlayIndex.end())
        return it->second;
    return std::nullopt;
}

const git_oid &CommitDag::oid(uint32_t index) const
{
    if (index >= m_graphCount)
        return m_overlay[index - m_graphCount].oid;
    const Layer &layer = layerOf(index);
    return *layer.file.oidAt(index - layer.offset);
}

uint32_t CommitDag::generation(uint32_t index) const
{
    if (index >= m_graphCount)
        return m_overlay[index - m_graphCount].generation;
    const Layer &layer = layerOf(index);
    return layer.file.generation(index - layer.offset);
}

int64_t CommitDag::commitTime(uint32_t index) const
{
    if (index >= m_graphCount)
        return m_overlay[index - m_graphCount].time;
    const Layer &layer = layerOf(index);
    return layer.file.commitTime(index - layer.offset);
}

Result<uint32_t> CommitDag::resolve(git_repository *repo, const git_oid &oid, const CancelToken &cancel)
{
    if (auto found = find(oid))
        return *found;

    // Depth-first, iterative (histories are deeper than any stack): a commit joins the
    // overlay once all its parents have an index, so generations are known.
    struct Pending
    {
        std::vector<git_oid> parents;
        int64_t time = 0;
    };
    std::unordered_map<git_oid, Pending, OidHash, OidEqual> parsed;
    std::vector<git_oid> stack { oid };
    size_t steps = 0;
    while (!stack.empty()) {
        if ((++steps & 1023) == 0 && cancel.isCancelled())
            return Error { QStringLiteral("cancelled") };
        const git_oid top = stack.back();
        if (find(top)) {
            stack.pop_back();
            continue;
        }
        auto it = parsed.find(top);
        if (it == parsed.end()) {
            git_commit *raw = nullptr;
            if (int rc = git_commit_lookup(&raw, repo, &top); rc < 0)
                return lastError(QStringLiteral("cannot read commit %1").arg(toHex(top)), rc);
            CommitPtr commit(raw);
            Pending p;
            p.time = git_commit_time(raw);
            const unsigned n = git_commit_parentcount(raw);
            for (unsigned i = 0; i < n; ++i)
                p.parents.push_back(*git_commit_parent_id(raw, i));
            it = parsed.emplace(top, std::move(p)).first;
        }
        bool ready = true;
        for (const git_oid &parent : it->second.parents) {
            if (!find(parent)) {
                stack.push_back(parent);
                ready = false;
            }
        }
        if (!ready)
            continue;
        Overlay entry;
        entry.oid = top;
        entry.time = it->second.time;
        uint32_t maxGeneration = 0;
        for (const git_oid &parent : it->second.parents) {
            const uint32_t index = *find(parent);
            entry.parents.push_back(index);
            maxGeneration = std::max(maxGeneration, generation(index));
        }
        entry.generation = maxGeneration + 1;
        const uint32_t index = size();
        m_overlay.push_back(std::move(entry));
        m_overlayIndex.emplace(top, index);
        parsed.erase(it);
        stack.pop_back();
    }
    return *find(oid);
}

} // namespace devdash::git

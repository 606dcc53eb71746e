#include "AuthorDateCache.h"

#include "git/CommitGraphCache.h"
#include "git/LibGit2.h"
#include "git/Repository.h"

#include "common/PrivateFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <cstring>

namespace devdash::deploy {

namespace {

// "DDAD", a version, a count, then (20-byte id, 8-byte little-endian time) sorted by id.
constexpr char Magic[4] = { 'D', 'D', 'A', 'D' };
constexpr quint32 Version = 1;
constexpr qsizetype HeaderSize = 16;
constexpr qsizetype RecordSize = GIT_OID_RAWSZ + 8;

bool oidLess(const git_oid &a, const git_oid &b)
{
    return std::memcmp(a.id, b.id, GIT_OID_RAWSZ) < 0;
}

} // namespace

AuthorDateCache::AuthorDateCache(const git::Repository &repository)
    : m_repository(repository)
    , m_path(git::CommitGraphCache::cacheDirFor(repository).isEmpty() // no cache folder: no cache
              ? QString()
              : QDir(git::CommitGraphCache::cacheDirFor(repository))
                    .filePath(QStringLiteral("devdash-author-dates")))
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QByteArray data = file.readAll();
    quint32 version = 0;
    quint64 count = 0;
    if (data.size() < HeaderSize || std::memcmp(data.constData(), Magic, 4) != 0)
        return;
    std::memcpy(&version, data.constData() + 4, 4);
    std::memcpy(&count, data.constData() + 8, 8);
    if (version != Version || quint64(data.size() - HeaderSize) != count * quint64(RecordSize))
        return; // another format or a torn file: start again
    m_sorted.resize(size_t(count));
    const char *p = data.constData() + HeaderSize;
    for (Entry &e : m_sorted) {
        std::memcpy(e.oid.id, p, GIT_OID_RAWSZ);
        std::memcpy(&e.time, p + GIT_OID_RAWSZ, 8);
        p += RecordSize;
    }
    if (!std::is_sorted(m_sorted.begin(), m_sorted.end(),
            [](const Entry &a, const Entry &b) { return oidLess(a.oid, b.oid); }))
        m_sorted.clear();
}

Result<qint64> AuthorDateCache::authorTime(const git_oid &commit)
{
    const auto it = std::lower_bound(m_sorted.begin(), m_sorted.end(), commit,
        [](const Entry &e, const git_oid &oid) { return oidLess(e.oid, oid); });
    if (it != m_sorted.end() && git_oid_equal(&it->oid, &commit))
        return it->time;
    git_commit *raw = nullptr;
    if (git_commit_lookup(&raw, m_repository.raw(), &commit) < 0)
        return git::lastError(QStringLiteral("Could not read commit %1").arg(git::toHex(commit)));
    git::CommitPtr ptr(raw);
    const qint64 time = git_commit_author(raw)->when.time;
    m_added.push_back({ commit, time });
    return time;
}

void AuthorDateCache::save()
{
    if (m_added.empty())
        return;
    std::vector<Entry> all;
    all.reserve(m_sorted.size() + m_added.size());
    all.insert(all.end(), m_sorted.begin(), m_sorted.end());
    all.insert(all.end(), m_added.begin(), m_added.end());
    const auto less = [](const Entry &a, const Entry &b) { return oidLess(a.oid, b.oid); };
    std::sort(all.begin(), all.end(), less);
    all.erase(std::unique(all.begin(), all.end(),
                  [](const Entry &a, const Entry &b) { return git_oid_equal(&a.oid, &b.oid); }),
        all.end());

    QByteArray data(HeaderSize + qsizetype(all.size()) * RecordSize, Qt::Uninitialized);
    char *p = data.data();
    const quint64 count = all.size();
    std::memcpy(p, Magic, 4);
    std::memcpy(p + 4, &Version, 4);
    std::memcpy(p + 8, &count, 8);
    p += HeaderSize;
    for (const Entry &e : all) {
        std::memcpy(p, e.oid.id, GIT_OID_RAWSZ);
        std::memcpy(p + GIT_OID_RAWSZ, &e.time, 8);
        p += RecordSize;
    }
    if (m_path.isEmpty() || !PrivateFiles::makeFolder(QFileInfo(m_path).absolutePath()))
        return;
    QSaveFile file(m_path);
    if (file.open(QIODevice::WriteOnly) && file.write(data) == data.size() && file.commit()
        && PrivateFiles::restrictFile(m_path)) {
        m_sorted = std::move(all);
        m_added.clear();
    }
}

} // namespace devdash::deploy

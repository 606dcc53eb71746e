#pragma once

// Downloaded CI artifacts kept on disk, so that a finished run's artifact — which
// never changes once uploaded — is downloaded once, also across restarts. Files
// are the zips as the server sent them (entries are never extracted to disk),
// named by a hash of the artifact's identity, written atomically; the folder is
// kept under a size budget by dropping the least recently used. Blocking: used on
// worker threads.

#include <QByteArray>
#include <QString>

#include <optional>

namespace devdash::ci {

class ArtifactCache
{
public:
    // `directory` is created on first store.
    explicit ArtifactCache(const QString &directory, qint64 maxBytes = qint64(512) * 1024 * 1024);

    // Beside the HTTP response cache: HTTPCACHE/artifacts.
    static QString directoryBeside(const QString &httpCacheDirectory);
    // The identity of an artifact: provider, server, project and artifact id.
    static QString key(const QString &provider, const QString &apiUrl, const QString &project, qint64 id);

    QString directory() const { return m_directory; }
    // The zip stored under `key`; nullopt when absent or when it does not match
    // `digest` ("sha256:HEX" as GitHub gives it; empty: not checked).
    std::optional<QByteArray> find(const QString &key, const QString &digest = {}) const;
    // False when the disk refused (the cache is only an optimisation).
    bool store(const QString &key, const QByteArray &zip);

    // Whether `zip` matches `digest` ("sha256:HEX"; an unknown algorithm or empty: true).
    static bool matchesDigest(const QByteArray &zip, const QString &digest);

private:
    QString pathFor(const QString &key) const;
    void prune() const;

    QString m_directory;
    qint64 m_maxBytes;
};

} // namespace devdash::ci

#pragma once

// The user's decisions about repositories' `.devdash.json` files, like an editor's
// workspace trust or git's safe.directory: per repository folder (canonical path),
// trusted or not, for the SHA-256 of the file's content. A changed file is no
// longer covered by the decision: it is untrusted until the user decides again.
//
// Kept in the user's config folder ($XDG_CONFIG_HOME/devdash/trusted-repositories.json,
// or DEVDASH_CONFIG_DIR), folder 0700, file 0600, written atomically. The file is
// read on every question: the window and a CLI run share decisions at once.

#include "common/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace devdash::config {

struct TrustDecision
{
    QString path; // the repository folder, canonical
    QByteArray sha256; // hex digest of the `.devdash.json` decided on
    bool trusted = false;
    QDateTime decidedAt; // UTC
};

class TrustStore
{
public:
    // `file` empty: defaultFile().
    explicit TrustStore(const QString &file = {});

    static QString defaultFile();
    QString file() const { return m_file; }

    // The decision recorded for the repository, whatever its hash.
    std::optional<TrustDecision> decision(const QString &repoRoot) const;
    // Trusted, for exactly this content.
    bool isTrusted(const QString &repoRoot, const QByteArray &sha256) const;
    // Whether the user decided (either way) on exactly this content.
    bool isDecided(const QString &repoRoot, const QByteArray &sha256) const;
    // Records the user's decision for this content (replacing an earlier one).
    Result<void> decide(const QString &repoRoot, const QByteArray &sha256, bool trusted);
    // Trusts the repository's `.devdash.json` as it is now: for the files DevDash writes
    // itself (the demo's). Nothing to do when there is none.
    Result<void> trustCurrentFile(const QString &repoRoot);
    // Forgets the repository's decision: untrusted, asked again.
    Result<void> forget(const QString &repoRoot);
    QList<TrustDecision> decisions() const;

    // The key a repository is kept under: its canonical absolute path.
    static QString keyOf(const QString &repoRoot);

private:
    Result<void> write(const QList<TrustDecision> &decisions) const;

    QString m_file;
};

} // namespace devdash::config

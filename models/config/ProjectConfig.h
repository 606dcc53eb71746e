#pragma once

// `.devdash.json` at a repository's root: what the team shares about the project
// (no secrets). The one reader of that file: every capability takes its key from
// here (ci, pipeline, databases, environments, tests…). The reader is tolerant —
// unknown keys are kept for the others, a missing file is an empty configuration —
// and bounded: a file over 1 MiB, or one that is not a regular file inside the
// repository, is refused. Errors have one shape (ConfigError): file, line, key,
// what was expected.
//
// It also knows whether the user trusts this exact content (TrustStore, by the
// SHA-256 of the bytes read): an untrusted file may describe the repository (test
// reports inside it, environments, sprints) but the capabilities must not let it
// aim DevDash at the user (credentials to its hosts, its databases, its commands,
// paths outside the repository). TrustRequests lists what it asks for.
//
//   { "tests": { "reports": ["build/**/junit*.xml", "out/test-results"] } }

#include "common/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace devdash::config {

class TrustStore;

class ProjectConfig
{
public:
    static constexpr const char *FileName = ".devdash.json";
    static constexpr qint64 MaxBytes = 1024 * 1024;

    // Reads `repoRoot`/.devdash.json; an empty (trusted: it asks nothing) configuration
    // when there is none. Trust comes from the user's TrustStore (or `trust`).
    static Result<ProjectConfig> load(const QString &repoRoot);
    static Result<ProjectConfig> load(const QString &repoRoot, const TrustStore &trust);
    // Reads the given JSON text; `fileName` only names it in messages.
    static Result<ProjectConfig> parse(const QByteArray &json, const QString &fileName, bool trusted = false);

    bool exists() const { return m_exists; }
    QString file() const { return m_file; }
    // The folder the file was read from (empty for parse()).
    QString repoRoot() const { return m_repoRoot; }
    // The whole document, for the capabilities that read their own keys.
    QJsonObject root() const { return m_root; }
    // The bytes read and their SHA-256 (hex): the trust decision is for exactly these.
    QByteArray text() const { return m_text; }
    QByteArray sha256() const { return m_sha256; }
    // Whether the user trusts this content (a missing file asks for nothing: trusted).
    bool isTrusted() const { return m_trusted; }

    // tests.reports: report globs, relative to the repository root. Globs reaching
    // outside the repository (absolute, or `..` leading out) only when trusted.
    QStringList testReportGlobs() const;
    // The globs left out because the file is not trusted.
    QStringList refusedReportGlobs() const;

    // An error in the file's one shape, with the line of `key` when found.
    Error error(const QString &key, const QString &expected) const;

    // A relative path whose `..` never lead above the start ("a/../b" yes, "../b" and "/b" no).
    static bool staysInside(const QString &relative);
    // Globs from the file that may be read: all when trusted, else those staying inside.
    QStringList readableGlobs(const QStringList &globs) const;

private:
    QString m_file;
    QString m_repoRoot;
    QJsonObject m_root;
    QByteArray m_text;
    QByteArray m_sha256;
    QStringList m_testReportGlobs;
    bool m_exists = false;
    bool m_trusted = true;
};

} // namespace devdash::config

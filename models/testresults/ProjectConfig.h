#pragma once

// `.devdash.json` at a repository's root: what the team shares about the project
// (no secrets). Each capability reads its own key; this reader is deliberately
// tolerant: unknown keys are kept for the others and ignored here, a missing file
// is an empty configuration. Only malformed JSON, or a known key of the wrong
// type, is an error — naming the file and the line.
//
//   { "tests": { "reports": ["build/**/junit*.xml", "out/test-results"] } }

#include "common/Result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace devdash::testresults {

class ProjectConfig
{
public:
    static constexpr const char *FileName = ".devdash.json";

    // Reads `repoRoot`/.devdash.json; an empty configuration when there is none.
    static Result<ProjectConfig> load(const QString &repoRoot);
    // Reads the given JSON text; `fileName` only names it in messages.
    static Result<ProjectConfig> parse(const QByteArray &json, const QString &fileName);

    bool exists() const { return m_exists; }
    QString file() const { return m_file; }
    // The whole document, for the capabilities that read other keys.
    QJsonObject root() const { return m_root; }
    // tests.reports: report globs, relative to the repository root.
    QStringList testReportGlobs() const { return m_testReportGlobs; }

private:
    QString m_file;
    QJsonObject m_root;
    QStringList m_testReportGlobs;
    bool m_exists = false;
};

} // namespace devdash::testresults

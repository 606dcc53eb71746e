#pragma once

// The local pipeline a repository defines in its `.devdash.json` (the "pipeline"
// key), as the runner needs it: stages in order, each a list of shell steps with
// an optional working folder (relative to the repository root, never outside it)
// and environment, plus the report globs to import after a run.
//
//   { "pipeline": {
//       "stages": [ { "name": "build",
//                     "steps": [ { "name": "compile", "run": "cmake --build build",
//                                  "working_directory": "sub/dir", "env": { "K": "V" } } ] } ],
//       "reports": ["build/**/junit*.xml"],
//       "pass_env": ["CCACHE_DIR", "AWS_*"] } }
//
// "reports" defaults to the "tests.reports" globs. Steps start from a cleaned
// environment (LocalPipelineEnvironment); "pass_env" names what else of DevDash's
// environment they receive. Errors name the file and the
// key ("pipeline.stages[0].steps[1].run").

#include "common/Result.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace devdash::config {
class ProjectConfig;
}

namespace devdash::ci {

struct LocalPipelineStep
{
    QString name;
    QString run; // given to `/bin/sh -c`
    QString workingDirectory; // relative to the repository root; empty: the root
    QMap<QString, QString> environment; // added to the step's environment (LocalPipelineEnvironment)
};

struct LocalPipelineStage
{
    QString name;
    QList<LocalPipelineStep> steps;
};

class LocalPipelineConfig
{
public:
    static constexpr const char *Key = "pipeline";

    // Reads `repoRoot`/.devdash.json. A file without a "pipeline" key gives a
    // configuration with no stages (isDefined() false), not an error.
    static Result<LocalPipelineConfig> load(const QString &repoRoot);
    static Result<LocalPipelineConfig> fromProjectConfig(const config::ProjectConfig &project);
    // `pipeline` is the value of the "pipeline" key; `fileName` names it in messages.
    static Result<LocalPipelineConfig> parse(
        const QJsonValue &pipeline, const QString &fileName, const QStringList &defaultReports = {});

    bool isDefined() const { return !m_stages.isEmpty(); }
    // Read from a file the user trusts (load()); a definition built by the caller (parse()) is.
    // The runner refuses an untrusted one: its commands would run as the user.
    bool isTrusted() const { return m_trusted; }
    QString file() const { return m_file; }
    const QList<LocalPipelineStage> &stages() const { return m_stages; }
    QStringList reportGlobs() const { return m_reportGlobs; }
    // Variables of DevDash's environment passed to the steps besides the allow-list.
    QStringList passEnvironment() const { return m_passEnv; }
    int stepCount() const;

    // The absolute folder a step runs in, checked to lie inside `repoRoot` (after
    // following symbolic links when it exists).
    static Result<QString> resolveWorkingDirectory(const QString &repoRoot, const QString &relative);
    // The same check without the file system: relative, and no `..` leading out.
    static bool staysInside(const QString &relative);

    void setStages(const QList<LocalPipelineStage> &stages) { m_stages = stages; }
    void setReportGlobs(const QStringList &globs) { m_reportGlobs = globs; }
    void setPassEnvironment(const QStringList &names) { m_passEnv = names; }

    // The "pipeline" value this configuration is read from (for writing a file).
    QJsonObject toJson() const;

private:
    QString m_file;
    QList<LocalPipelineStage> m_stages;
    QStringList m_reportGlobs;
    QStringList m_passEnv;
    bool m_trusted = true;
};

} // namespace devdash::ci

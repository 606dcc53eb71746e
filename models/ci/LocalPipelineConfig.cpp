#include "LocalPipelineConfig.h"

#include "ci/LocalPipelineEnvironment.h"
#include "config/ProjectConfig.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

namespace devdash::ci {

namespace {

const QString Example = QStringLiteral(
    "{\"stages\": [{\"name\": \"build\", \"steps\": [{\"name\": \"compile\", \"run\": \"make\"}]}]}");

Error keyError(const QString &file, const QString &key, const QString &what)
{
    return Error { QStringLiteral("%1: \"%2\" %3").arg(file, key, what) };
}

// A string, or a number or boolean written without quotes (forgiven: `"JOBS": 2`).
std::optional<QString> scalarText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 15);
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return std::nullopt;
}

Result<LocalPipelineStep> parseStep(const QJsonValue &value, const QString &file, const QString &key)
{
    if (!value.isObject())
        return keyError(file, key,
            QStringLiteral("should be an object like {\"name\": \"compile\", \"run\": \"make\"}."));
    const QJsonObject object = value.toObject();
    LocalPipelineStep step;

    const QJsonValue run = object.value(QLatin1String("run"));
    if (!run.isString() || run.toString().trimmed().isEmpty())
        return keyError(file, key + QStringLiteral(".run"),
            QStringLiteral("should be a non-empty string: the shell command the step runs."));
    step.run = run.toString();

    const QJsonValue name = object.value(QLatin1String("name"));
    if (name.isString() && !name.toString().trimmed().isEmpty())
        step.name = name.toString().trimmed();
    else if (!name.isUndefined() && !name.isNull() && !name.isString())
        return keyError(file, key + QStringLiteral(".name"), QStringLiteral("should be a string."));
    else // unnamed: its command's first line, as CI servers show it
        step.name = step.run.trimmed().section(QLatin1Char('\n'), 0, 0).left(60);

    const QJsonValue dir = object.value(QLatin1String("working_directory"));
    if (dir.isString()) {
        if (!LocalPipelineConfig::staysInside(dir.toString()))
            return keyError(file, key + QStringLiteral(".working_directory"),
                QStringLiteral("is \"%1\": it should be a folder inside the repository, relative to its "
                               "root (e.g. \"build\"), without leading \"..\".")
                    .arg(dir.toString()));
        step.workingDirectory = QDir::cleanPath(dir.toString());
        if (step.workingDirectory == QLatin1String("."))
            step.workingDirectory.clear();
    } else if (!dir.isUndefined() && !dir.isNull()) {
        return keyError(file, key + QStringLiteral(".working_directory"),
            QStringLiteral("should be a string: a folder relative to the repository root."));
    }

    const QJsonValue env = object.value(QLatin1String("env"));
    if (env.isObject()) {
        const QJsonObject vars = env.toObject();
        for (auto it = vars.begin(); it != vars.end(); ++it) {
            const auto text = scalarText(it.value());
            if (it.key().isEmpty() || it.key().contains(QLatin1Char('=')) || !text)
                return keyError(file, key + QStringLiteral(".env.") + it.key(),
                    QStringLiteral("should be a string value under a variable name without \"=\"."));
            step.environment.insert(it.key(), *text);
        }
    } else if (!env.isUndefined() && !env.isNull()) {
        return keyError(file, key + QStringLiteral(".env"),
            QStringLiteral("should be an object of variables, e.g. {\"CTEST_PARALLEL_LEVEL\": \"2\"}."));
    }
    return step;
}

} // namespace

Result<LocalPipelineConfig> LocalPipelineConfig::load(const QString &repoRoot)
{
    auto project = config::ProjectConfig::load(repoRoot);
    if (!project)
        return project.error();
    return fromProjectConfig(*project);
}

Result<LocalPipelineConfig> LocalPipelineConfig::fromProjectConfig(const config::ProjectConfig &project)
{
    auto config = parse(project.root().value(QLatin1String(Key)), project.file(), project.testReportGlobs());
    if (config) {
        config->m_file = project.file();
        config->m_trusted = project.isTrusted();
    }
    return config;
}

Result<LocalPipelineConfig> LocalPipelineConfig::parse(
    const QJsonValue &pipeline, const QString &fileName, const QStringList &defaultReports)
{
    LocalPipelineConfig config;
    config.m_file = fileName;
    config.m_reportGlobs = defaultReports;
    if (pipeline.isUndefined() || pipeline.isNull())
        return config;
    if (!pipeline.isObject())
        return keyError(fileName, QLatin1String(Key), QStringLiteral("should be an object like ") + Example);
    const QJsonObject object = pipeline.toObject();

    const QJsonValue stages = object.value(QLatin1String("stages"));
    if (!stages.isArray() || stages.toArray().isEmpty())
        return keyError(fileName, QStringLiteral("pipeline.stages"),
            QStringLiteral("should be a non-empty array of stages, e.g. ") + Example.mid(11).chopped(1));
    const QJsonArray stageArray = stages.toArray();
    for (qsizetype s = 0; s < stageArray.size(); ++s) {
        const QString stageKey = QStringLiteral("pipeline.stages[%1]").arg(s);
        if (!stageArray.at(s).isObject())
            return keyError(fileName, stageKey,
                QStringLiteral("should be an object like {\"name\": \"build\", \"steps\": [...]}."));
        const QJsonObject stageObject = stageArray.at(s).toObject();
        LocalPipelineStage stage;
        const QJsonValue name = stageObject.value(QLatin1String("name"));
        if (name.isString() && !name.toString().trimmed().isEmpty())
            stage.name = name.toString().trimmed();
        else if (name.isUndefined() || name.isNull())
            stage.name = QStringLiteral("stage %1").arg(s + 1);
        else
            return keyError(fileName, stageKey + QStringLiteral(".name"),
                QStringLiteral("should be a non-empty string."));
        const QJsonValue steps = stageObject.value(QLatin1String("steps"));
        if (!steps.isArray() || steps.toArray().isEmpty())
            return keyError(fileName, stageKey + QStringLiteral(".steps"),
                QStringLiteral("should be a non-empty array of steps, e.g. "
                               "[{\"name\": \"compile\", \"run\": \"make\"}]."));
        const QJsonArray stepArray = steps.toArray();
        for (qsizetype i = 0; i < stepArray.size(); ++i) {
            auto step = parseStep(stepArray.at(i), fileName, stageKey + QStringLiteral(".steps[%1]").arg(i));
            if (!step)
                return step.error();
            stage.steps.append(std::move(step).value());
        }
        config.m_stages.append(stage);
    }

    const QJsonValue reports = object.value(QLatin1String("reports"));
    if (reports.isString() && !reports.toString().trimmed().isEmpty()) {
        config.m_reportGlobs = { reports.toString().trimmed() };
    } else if (reports.isArray()) {
        config.m_reportGlobs.clear();
        for (const QJsonValue &v : reports.toArray()) {
            if (!v.isString() || v.toString().trimmed().isEmpty())
                return keyError(fileName, QStringLiteral("pipeline.reports"),
                    QStringLiteral("should list globs as strings, e.g. [\"build/**/junit*.xml\"]."));
            config.m_reportGlobs << v.toString().trimmed();
        }
    } else if (!reports.isUndefined() && !reports.isNull()) {
        return keyError(fileName, QStringLiteral("pipeline.reports"),
            QStringLiteral("should be an array of globs, e.g. [\"build/**/junit*.xml\"]."));
    }

    const QJsonValue passEnv = object.value(QLatin1String("pass_env"));
    const QString passEnvExample = QStringLiteral("[\"CCACHE_DIR\", \"AWS_*\"]");
    if (passEnv.isArray()) {
        for (const QJsonValue &v : passEnv.toArray()) {
            if (!v.isString() || !LocalPipelineEnvironment::isPattern(v.toString()))
                return keyError(fileName, QStringLiteral("pipeline.pass_env"),
                    QStringLiteral("should list variable names (or prefixes ending in *), e.g. ")
                        + passEnvExample + QLatin1Char('.'));
            config.m_passEnv << v.toString();
        }
    } else if (!passEnv.isUndefined() && !passEnv.isNull()) {
        return keyError(fileName, QStringLiteral("pipeline.pass_env"),
            QStringLiteral("should be an array of variable names, e.g. ") + passEnvExample
                + QLatin1Char('.'));
    }
    return config;
}

int LocalPipelineConfig::stepCount() const
{
    int n = 0;
    for (const LocalPipelineStage &stage : m_stages)
        n += int(stage.steps.size());
    return n;
}

bool LocalPipelineConfig::staysInside(const QString &relative)
{
    if (relative.isEmpty())
        return true;
    if (QDir::isAbsolutePath(relative) || relative.startsWith(QLatin1Char('~')))
        return false;
    const QString clean = QDir::cleanPath(relative);
    return clean != QLatin1String("..") && !clean.startsWith(QLatin1String("../"));
}

Result<QString> LocalPipelineConfig::resolveWorkingDirectory(const QString &repoRoot, const QString &relative)
{
    const QString root = QFileInfo(repoRoot).canonicalFilePath();
    if (root.isEmpty())
        return Error { QStringLiteral("The repository folder %1 does not exist.").arg(repoRoot) };
    if (!staysInside(relative))
        return Error { QStringLiteral("The working folder \"%1\" lies outside the repository %2; "
                                      "give a folder relative to its root.")
                           .arg(relative, root) };
    const QString path = QDir::cleanPath(QDir(root).filePath(relative));
    const QFileInfo info(path);
    if (!info.isDir())
        return Error { QStringLiteral("The working folder %1 does not exist (or is not a folder); create it "
                                      "in an earlier step or fix \"working_directory\".")
                           .arg(path) };
    // A symbolic link may lead out of the repository: judge where it really goes.
    const QString canonical = info.canonicalFilePath();
    if (canonical != root && !canonical.startsWith(root + QLatin1Char('/')))
        return Error { QStringLiteral("The working folder %1 leads outside the repository (to %2); give a "
                                      "folder inside %3.")
                           .arg(path, canonical, root) };
    return canonical;
}

QJsonObject LocalPipelineConfig::toJson() const
{
    QJsonArray stages;
    for (const LocalPipelineStage &stage : m_stages) {
        QJsonArray steps;
        for (const LocalPipelineStep &step : stage.steps) {
            QJsonObject object { { QStringLiteral("name"), step.name }, { QStringLiteral("run"), step.run } };
            if (!step.workingDirectory.isEmpty())
                object.insert(QStringLiteral("working_directory"), step.workingDirectory);
            if (!step.environment.isEmpty()) {
                QJsonObject env;
                for (auto it = step.environment.begin(); it != step.environment.end(); ++it)
                    env.insert(it.key(), it.value());
                object.insert(QStringLiteral("env"), env);
            }
            steps.append(object);
        }
        stages.append(
            QJsonObject { { QStringLiteral("name"), stage.name }, { QStringLiteral("steps"), steps } });
    }
    QJsonObject object { { QStringLiteral("stages"), stages } };
    if (!m_reportGlobs.isEmpty())
        object.insert(QStringLiteral("reports"), QJsonArray::fromStringList(m_reportGlobs));
    if (!m_passEnv.isEmpty())
        object.insert(QStringLiteral("pass_env"), QJsonArray::fromStringList(m_passEnv));
    return object;
}

} // namespace devdash::ci

#include "DeployConfig.h"

#include "config/ConfigError.h"
#include "config/ProjectConfig.h"

#include <QJsonArray>

namespace devdash::deploy {

namespace {

// The key is named inside `what` (older messages); the shape is the one of every config error.
Error shapeError(const QString &file, const QString &what)
{
    return config::ConfigError::at(file, {}, what);
}

} // namespace

Result<DeployConfig> DeployConfig::load(const QString &repoRoot)
{
    auto project = config::ProjectConfig::load(repoRoot);
    if (!project)
        return project.error();
    auto deploy = fromJson(project->root(), project->file());
    // A migrations folder outside the repository is read only when the user trusts the file.
    if (deploy && !project->isTrusted() && !config::ProjectConfig::staysInside(deploy->migrationsPath))
        deploy->migrationsPath.clear();
    return deploy;
}

Result<DeployConfig> DeployConfig::fromJson(const QJsonObject &root, const QString &fileName)
{
    DeployConfig config;

    const QJsonValue envs = root.value(QLatin1String("environments"));
    if (envs.isArray()) {
        for (const QJsonValue &v : envs.toArray()) {
            const QJsonObject o = v.toObject();
            EnvironmentConfig env;
            env.name = o.value(QLatin1String("name")).toString().trimmed();
            if (!v.isObject() || env.name.isEmpty())
                return shapeError(fileName,
                    QStringLiteral("each of \"environments\" should be an object with a \"name\", e.g. "
                                   "{\"name\": \"production\", \"tags\": \"deploy/production/*\"}."));
            const QJsonValue tags = o.value(QLatin1String("tags"));
            if (tags.isString())
                env.tagPatterns << tags.toString();
            else if (tags.isArray())
                for (const QJsonValue &t : tags.toArray())
                    env.tagPatterns << t.toString();
            else if (!tags.isUndefined() && !tags.isNull())
                return shapeError(fileName,
                    QStringLiteral(
                        "\"tags\" of environment \"%1\" should be a pattern or a list of patterns.")
                        .arg(env.name));
            env.tagPatterns.removeAll(QString());
            config.environments.append(env);
        }
    } else if (!envs.isUndefined() && !envs.isNull()) {
        return shapeError(fileName, QStringLiteral("\"environments\" should be a list of objects."));
    }

    const QJsonValue sprints = root.value(QLatin1String("sprints"));
    if (!sprints.isUndefined() && !sprints.isNull()) {
        auto calendar = SprintCalendar::fromJson(sprints);
        if (!calendar)
            return shapeError(fileName, calendar.errorMessage());
        config.sprints = *calendar;
    }

    const QJsonValue issues = root.value(QLatin1String("issues"));
    if (issues.isObject()) {
        const QString pattern = issues.toObject().value(QLatin1String("pattern")).toString();
        if (!pattern.isEmpty()) {
            config.issuePattern = QRegularExpression(pattern);
            if (!config.issuePattern.isValid())
                return shapeError(fileName,
                    QStringLiteral("\"issues.pattern\" is not a valid regular expression: %1.")
                        .arg(config.issuePattern.errorString()));
        }
        config.issueUrlTemplate = issues.toObject().value(QLatin1String("url")).toString();
    } else if (!issues.isUndefined() && !issues.isNull()) {
        return shapeError(fileName,
            QStringLiteral("\"issues\" should be an object like {\"pattern\": \"[A-Z]+-\\\\d+\", \"url\": "
                           "\"https://jira.example.com/browse/{key}\"}."));
    }

    const QJsonValue migrations = root.value(QLatin1String("migrations"));
    if (migrations.isObject())
        config.migrationsPath = migrations.toObject().value(QLatin1String("path")).toString();
    else if (migrations.isString())
        config.migrationsPath = migrations.toString();
    return config;
}

QStringList DeployConfig::issueKeys(const QString &text) const
{
    QStringList keys;
    auto it = issuePattern.globalMatch(text);
    while (it.hasNext()) {
        const QString key = it.next().captured(0);
        if (!keys.contains(key))
            keys << key;
    }
    return keys;
}

QString DeployConfig::issueUrl(const QString &key) const
{
    if (issueUrlTemplate.isEmpty())
        return {};
    QString url = issueUrlTemplate;
    return url.replace(QLatin1String("{key}"), key);
}

} // namespace devdash::deploy

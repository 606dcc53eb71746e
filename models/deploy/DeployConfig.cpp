#include "DeployConfig.h"

#include "common/InputLimits.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace devdash::deploy {

namespace {

Error shapeError(const QString &file, const QString &what)
{
    return Error { QStringLiteral("%1: %2").arg(file, what) };
}

} // namespace

Result<DeployConfig> DeployConfig::load(const QString &repoRoot)
{
    const QString path = QDir(repoRoot).filePath(QLatin1String(FileName));
    QFile file(path);
    if (!file.exists())
        return DeployConfig();
    const auto bytes
        = InputLimits::readFile(path, InputLimits::ConfigFileBytes, QStringLiteral("the configuration file"));
    if (!bytes)
        return bytes.error();
    const QByteArray &text = *bytes;
    if (text.trimmed().isEmpty())
        return DeployConfig();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        return Error { QStringLiteral("%1: malformed JSON at byte %2: %3. Fix the file and try again.")
                           .arg(path)
                           .arg(error.offset)
                           .arg(error.errorString()) };
    if (!doc.isObject())
        return Error { QStringLiteral("%1: expected a JSON object at the top level.").arg(path) };
    return fromJson(doc.object(), path);
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

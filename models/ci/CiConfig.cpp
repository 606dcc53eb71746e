#include "ci/CiConfig.h"

#include "ci/CiProviderRegistry.h"
#include "config/ProjectConfig.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace devdash::ci {

namespace {

Result<QString> stringField(const QJsonObject &entry, const QString &key, const QString &where)
{
    const QJsonValue v = entry.value(key);
    if (v.isUndefined() || v.isNull())
        return QString();
    if (v.isDouble()) // a GitLab project id may be written as a number
        return QString::number(qint64(v.toDouble()));
    if (!v.isString())
        return Error { QStringLiteral("%1: \"%2\" must be a string").arg(where, key) };
    return v.toString().trimmed();
}

// "test_artifacts": ["junit-*", "test-results"] (or one glob): the GitHub artifacts
// that hold test reports, when the default choice by name is not right.
Result<QStringList> testArtifactGlobs(const QJsonObject &entry, const QString &provider, const QString &where)
{
    const QJsonValue value = entry.value(QStringLiteral("test_artifacts"));
    if (value.isUndefined() || value.isNull())
        return QStringList();
    if (provider != QLatin1String("github"))
        return Error { QStringLiteral("%1: \"test_artifacts\" applies to GitHub sources only (GitLab and "
                                      "Jenkins keep their own test reports)")
                           .arg(where) };
    QStringList globs;
    if (value.isString())
        globs << value.toString().trimmed();
    else if (value.isArray())
        for (const QJsonValue &glob : value.toArray()) {
            if (!glob.isString())
                return Error { QStringLiteral("%1: \"test_artifacts\" must list artifact names or globs, "
                                              "like [\"junit-*\", \"test-results\"]")
                                   .arg(where) };
            globs << glob.toString().trimmed();
        }
    else
        return Error { QStringLiteral("%1: \"test_artifacts\" must list artifact names or globs, like "
                                      "[\"junit-*\", \"test-results\"]")
                           .arg(where) };
    globs.removeAll(QString());
    return globs;
}

} // namespace

Result<CiConfig> CiConfig::load(const QString &repoRoot)
{
    auto config = config::ProjectConfig::load(repoRoot);
    if (!config)
        return config.error();
    return fromProjectConfig(*config, repoRoot);
}

Result<CiConfig> CiConfig::fromProjectConfig(const config::ProjectConfig &config, const QString &repoRoot)
{
    CiConfig result;
    result.m_file = config.file().isEmpty()
        ? QDir(repoRoot).filePath(QString::fromLatin1(config::ProjectConfig::FileName))
        : config.file();
    const QJsonValue ci = config.root().value(QStringLiteral("ci"));
    if (ci.isUndefined() || ci.isNull())
        return result;
    QJsonArray entries;
    if (ci.isArray())
        entries = ci.toArray();
    else if (ci.isObject())
        entries.append(ci);
    else
        return Error { QStringLiteral("%1: \"ci\" must be an array of CI sources, like "
                                      "[{\"provider\": \"github\", \"project\": \"owner/repo\"}]")
                           .arg(result.m_file) };

    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString where = QStringLiteral("%1: ci[%2]").arg(result.m_file).arg(i);
        if (!entries.at(i).isObject())
            return Error { QStringLiteral("%1 must be an object with \"provider\"").arg(where) };
        const QJsonObject entry = entries.at(i).toObject();
        CiSource source;
        for (const auto &[key, target] : { std::pair { QStringLiteral("provider"), &source.provider },
                 std::pair { QStringLiteral("project"), &source.project },
                 std::pair { QStringLiteral("api_url"), &source.apiUrl },
                 std::pair { QStringLiteral("ca_bundle"), &source.caBundle } }) {
            auto value = stringField(entry, key, where);
            if (!value)
                return value.error();
            *target = *value;
        }
        if (source.provider.isEmpty())
            return Error { QStringLiteral("%1 has no \"provider\"; use one of: %2")
                               .arg(where, CiProviderRegistry::names().join(QStringLiteral(", "))) };
        const QJsonValue watch = entry.value(QStringLiteral("watch"));
        if (watch.isString()) {
            source.watch << watch.toString();
        } else if (watch.isArray()) {
            for (const QJsonValue &branch : watch.toArray()) {
                if (!branch.isString())
                    return Error { QStringLiteral("%1: \"watch\" must list branch names").arg(where) };
                source.watch << branch.toString();
            }
        } else if (!watch.isUndefined() && !watch.isNull()) {
            return Error { QStringLiteral("%1: \"watch\" must list branch names").arg(where) };
        }
        auto testArtifacts = testArtifactGlobs(entry, source.provider, where);
        if (!testArtifacts)
            return testArtifacts.error();
        source.testArtifacts = *testArtifacts;
        // Extra CA certificates change whom DevDash believes: only from a file the user trusts.
        if (!config.isTrusted())
            source.caBundle.clear();
        if (!source.caBundle.isEmpty() && QFileInfo(source.caBundle).isRelative())
            source.caBundle = QDir(repoRoot).absoluteFilePath(source.caBundle);
        source.hostChoice = config.isTrusted() ? CiSource::HostChoice::TrustedRepository
                                               : CiSource::HostChoice::UntrustedRepository;
        auto completed = CiProviderRegistry::complete(source);
        if (!completed)
            return Error { QStringLiteral("%1: %2").arg(where, completed.errorMessage()) };
        result.m_sources.append(*completed);
    }
    return result;
}

Result<CiConfig> CiConfig::withOverrides(const CiOverrides &overrides) const
{
    if (overrides.isEmpty())
        return *this;
    CiConfig result = *this;
    CiSource source;
    if (!overrides.provider.isEmpty()) {
        source.provider = overrides.provider;
        for (const CiSource &s : m_sources)
            if (s.provider == overrides.provider) {
                source = s;
                break;
            }
    } else if (!m_sources.isEmpty()) {
        source = m_sources.first();
    } else {
        return Error {
            QStringLiteral("--project and --api-url need --provider: %1 configures no CI source").arg(m_file)
        };
    }
    if (!overrides.project.isEmpty())
        source.project = overrides.project;
    if (!overrides.apiUrl.isEmpty()) {
        source.apiUrl = overrides.apiUrl;
        source.hostChoice = CiSource::HostChoice::User; // typed by the user: their intent
    }
    auto completed = CiProviderRegistry::complete(source);
    if (!completed)
        return Error { QStringLiteral("command line: %1").arg(completed.errorMessage()) };
    if (overrides.provider.isEmpty())
        result.m_sources[0] = *completed;
    else
        result.m_sources = { *completed };
    return result;
}

} // namespace devdash::ci

#include "config/ProjectConfig.h"

#include "config/ConfigError.h"
#include "config/TrustStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace devdash::config {

namespace {

// QJsonParseError gives a byte offset; people look for a line and column.
QPair<int, int> lineAndColumn(const QByteArray &text, qsizetype offset)
{
    int line = 1;
    int column = 1;
    for (qsizetype i = 0; i < std::min(offset, text.size()); ++i) {
        if (text.at(i) == '\n') {
            ++line;
            column = 1;
        } else if ((uchar(text.at(i)) & 0xC0) != 0x80) { // count characters, not UTF-8 bytes
            ++column;
        }
    }
    return { line, column };
}

const QString ReportsExample = QStringLiteral("[\"build/**/junit*.xml\"]");

} // namespace

Result<ProjectConfig> ProjectConfig::load(const QString &repoRoot)
{
    return load(repoRoot, TrustStore());
}

Result<ProjectConfig> ProjectConfig::load(const QString &repoRoot, const TrustStore &trust)
{
    const QString path = QDir(repoRoot).filePath(QLatin1String(FileName));
    const QFileInfo info(path);
    if (!info.exists() && !info.isSymLink()) {
        ProjectConfig config;
        config.m_file = path;
        config.m_repoRoot = repoRoot;
        return config;
    }
    // A link out of the repository, a FIFO or a device is not a configuration file.
    const QString canonicalRoot = QFileInfo(repoRoot).canonicalFilePath();
    const QString canonical = info.canonicalFilePath();
    if (!info.isFile() || canonical.isEmpty() || !(canonical.startsWith(canonicalRoot + QLatin1Char('/'))))
        return ConfigError::at(path, {},
            QStringLiteral("expected a regular file inside the repository; DevDash reads nothing else "
                           "as its settings — replace it with a plain file"));
    QFile file(canonical);
    if (!file.open(QIODevice::ReadOnly))
        return Error { QStringLiteral("Could not read %1: %2.").arg(path, file.errorString()) };
    // A configuration file is small; a huge one is a mistake, not something to load.
    const QByteArray text = file.read(MaxBytes + 1);
    if (text.size() > MaxBytes)
        return ConfigError::at(path, {},
            QStringLiteral("the file is larger than %1 KiB; a configuration file should be a few KB")
                .arg(MaxBytes / 1024));
    auto config = parse(text, path);
    if (!config)
        return config;
    config->m_repoRoot = repoRoot;
    config->m_trusted = trust.isTrusted(repoRoot, config->m_sha256);
    return config;
}

Result<ProjectConfig> ProjectConfig::parse(const QByteArray &json, const QString &fileName, bool trusted)
{
    ProjectConfig config;
    config.m_file = fileName;
    config.m_exists = true;
    config.m_text = json;
    config.m_sha256 = QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex();
    config.m_trusted = trusted;
    if (json.trimmed().isEmpty())
        return config; // an empty file is an empty configuration

    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        const auto [line, column] = lineAndColumn(json, error.offset);
        return Error { QStringLiteral("%1:%2:%3: malformed JSON: %4.")
                           .arg(fileName)
                           .arg(line)
                           .arg(column)
                           .arg(error.errorString()) };
    }
    if (!doc.isObject())
        return Error { QStringLiteral("%1:1:1: expected a JSON object at the top level.").arg(fileName) };
    config.m_root = doc.object();

    const QJsonValue tests = config.m_root.value(QLatin1String("tests"));
    if (tests.isUndefined() || tests.isNull())
        return config;
    if (!tests.isObject())
        return config.error(QStringLiteral("tests"),
            QStringLiteral("expected an object like {\"reports\": %1}").arg(ReportsExample));
    const QJsonValue reports = tests.toObject().value(QLatin1String("reports"));
    if (reports.isString()) {
        config.m_testReportGlobs << reports.toString(); // one glob: forgiven
    } else if (reports.isArray()) {
        for (const QJsonValue &v : reports.toArray()) {
            if (!v.isString() || v.toString().trimmed().isEmpty())
                return config.error(QStringLiteral("tests.reports"),
                    QStringLiteral("expected globs as strings, e.g. %1").arg(ReportsExample));
            config.m_testReportGlobs << v.toString().trimmed();
        }
    } else if (!reports.isUndefined() && !reports.isNull()) {
        return config.error(QStringLiteral("tests.reports"),
            QStringLiteral("expected an array of globs, e.g. %1").arg(ReportsExample));
    }
    return config;
}

Error ProjectConfig::error(const QString &key, const QString &expected) const
{
    return ConfigError::at(m_file, key, expected, m_text);
}

bool ProjectConfig::staysInside(const QString &relative)
{
    if (relative.isEmpty())
        return true;
    if (QDir::isAbsolutePath(relative) || relative.startsWith(QLatin1Char('~'))
        || relative.startsWith(QLatin1Char('\\')) || relative.contains(QLatin1Char(':')))
        return false;
    int depth = 0;
    for (const QString &part :
        relative.split(QRegularExpression(QStringLiteral("[/\\\\]")), Qt::SkipEmptyParts)) {
        if (part == QLatin1String(".."))
            --depth;
        else if (part != QLatin1String("."))
            ++depth;
        if (depth < 0)
            return false;
    }
    return true;
}

QStringList ProjectConfig::readableGlobs(const QStringList &globs) const
{
    if (m_trusted)
        return globs;
    QStringList inside;
    for (const QString &glob : globs)
        if (staysInside(glob))
            inside << glob;
    return inside;
}

QStringList ProjectConfig::testReportGlobs() const
{
    return readableGlobs(m_testReportGlobs);
}

QStringList ProjectConfig::refusedReportGlobs() const
{
    QStringList refused = m_testReportGlobs;
    for (const QString &glob : readableGlobs(m_testReportGlobs))
        refused.removeOne(glob);
    return refused;
}

} // namespace devdash::config

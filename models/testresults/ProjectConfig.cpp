#include "ProjectConfig.h"

#include "common/InputLimits.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace devdash::testresults {

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

} // namespace

Result<ProjectConfig> ProjectConfig::load(const QString &repoRoot)
{
    const QString path = QDir(repoRoot).filePath(QLatin1String(FileName));
    QFile file(path);
    if (!file.exists()) {
        ProjectConfig config;
        config.m_file = path;
        return config;
    }
    // A configuration file is small; a huge one is a mistake, not something to load.
    const auto bytes
        = InputLimits::readFile(path, InputLimits::ConfigFileBytes, QStringLiteral("the configuration file"));
    if (!bytes)
        return bytes.error();
    return parse(*bytes, path);
}

Result<ProjectConfig> ProjectConfig::parse(const QByteArray &json, const QString &fileName)
{
    ProjectConfig config;
    config.m_file = fileName;
    config.m_exists = true;
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
        return Error { QStringLiteral(
            "%1: \"tests\" should be an object like {\"reports\": [\"build/**/junit*.xml\"]}.")
                           .arg(fileName) };
    const QJsonValue reports = tests.toObject().value(QLatin1String("reports"));
    if (reports.isString()) {
        config.m_testReportGlobs << reports.toString(); // one glob: forgiven
    } else if (reports.isArray()) {
        for (const QJsonValue &v : reports.toArray()) {
            if (!v.isString() || v.toString().trimmed().isEmpty())
                return Error { QStringLiteral("%1: \"tests.reports\" should list globs as strings, e.g. "
                                              "[\"build/**/junit*.xml\"].")
                                   .arg(fileName) };
            config.m_testReportGlobs << v.toString().trimmed();
        }
    } else if (!reports.isUndefined() && !reports.isNull()) {
        return Error { QStringLiteral("%1: \"tests.reports\" should be an array of globs, e.g. "
                                      "[\"build/**/junit*.xml\"].")
                           .arg(fileName) };
    }
    return config;
}

} // namespace devdash::testresults

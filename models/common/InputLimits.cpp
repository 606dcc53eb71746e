#include "InputLimits.h"

#include <QFile>
#include <QJsonParseError>

namespace devdash::InputLimits {

QString describeBytes(qint64 bytes)
{
    if (bytes >= MiB && bytes % MiB == 0)
        return QStringLiteral("%1 MiB").arg(bytes / MiB);
    if (bytes >= KiB && bytes % KiB == 0)
        return QStringLiteral("%1 KiB").arg(bytes / KiB);
    return QStringLiteral("%1 bytes").arg(bytes);
}

Result<QByteArray> readFile(const QString &path, qint64 maxBytes, const QString &what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error { QStringLiteral("cannot read %1 %2: %3").arg(what, path, file.errorString()) };
    // size() may be 0 for a pipe or a special file: read one byte more than allowed to know.
    if (file.size() > maxBytes)
        return Error { QStringLiteral("%1: %2 is %3, more than DevDash reads (%4); this is not a file "
                                      "DevDash expects to be that large")
                           .arg(path, what, describeBytes(file.size()), describeBytes(maxBytes)) };
    QByteArray bytes = file.read(maxBytes + 1);
    if (bytes.size() > maxBytes)
        return Error { QStringLiteral("%1: %2 is larger than DevDash reads (%3)")
                           .arg(path, what, describeBytes(maxBytes)) };
    if (file.error() != QFileDevice::NoError)
        return Error { QStringLiteral("cannot read %1 %2: %3").arg(what, path, file.errorString()) };
    return bytes;
}

int jsonDepth(const QByteArray &json, int limit, qsizetype *offset)
{
    int depth = 0;
    int deepest = 0;
    bool inString = false;
    bool escaped = false;
    const qsizetype size = json.size();
    const char *data = json.constData();
    for (qsizetype i = 0; i < size; ++i) {
        const char c = data[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > deepest) {
                deepest = depth;
                if (deepest > limit) {
                    if (offset)
                        *offset = i;
                    return deepest;
                }
            }
        } else if (c == ']' || c == '}') {
            --depth; // unbalanced input is for the parser to report
        }
    }
    return deepest;
}

Result<QJsonDocument> parseJson(const QByteArray &json, qint64 maxBytes, int maxDepth)
{
    if (json.size() > maxBytes)
        return Error { QStringLiteral("the JSON is %1, more than DevDash parses (%2)")
                           .arg(describeBytes(json.size()), describeBytes(maxBytes)) };
    qsizetype at = 0;
    if (jsonDepth(json, maxDepth, &at) > maxDepth)
        return Error { QStringLiteral("the JSON nests arrays and objects more than %1 deep (at byte %2); "
                                      "DevDash refuses it")
                           .arg(maxDepth)
                           .arg(at) };
    QJsonParseError error;
    QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return Error {
            QStringLiteral("malformed JSON at offset %1: %2").arg(error.offset).arg(error.errorString())
        };
    return document;
}

} // namespace devdash::InputLimits

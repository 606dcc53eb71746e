#pragma once

// Where the public corpus is (DEVDASH_CORPUS_DIR) and a path inside it that must
// exist: a missing file fails the test naming the file, never a silent skip.

#include <QDir>
#include <QFileInfo>
#include <QString>

namespace devdash::test {

inline QString corpusDir()
{
    return QDir::cleanPath(qEnvironmentVariable("DEVDASH_CORPUS_DIR"));
}

// `relative` under the corpus, or an empty string when it is not there (with why).
inline QString corpusPath(const QString &relative, QString *why = nullptr)
{
    const QString path = corpusDir() + QLatin1Char('/') + relative;
    if (!QFileInfo::exists(path)) {
        if (why)
            *why = QStringLiteral("the corpus has no %1 (DEVDASH_CORPUS_DIR=%2)").arg(relative, corpusDir());
        return {};
    }
    return path;
}

} // namespace devdash::test

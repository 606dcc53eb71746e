#pragma once

// Migration folders as file maps TestRepo::commit() takes: the project's samples
// (tests/data/migrations: Flyway, Alembic, goose; see its README.md) or the same
// layout elsewhere (the public corpus of the conformance suite).

#include <QByteArray>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QString>

#include "TestData.h"

namespace devdash::test {

inline QString migrationSamples()
{
    return testDataPath(QStringLiteral("migrations"));
}

// Every file under <root>/<relative>, keyed by `prefix` + its path below that folder.
// A folder that is missing or holds no file sets *error naming it (and gives no files):
// the caller fails with that message instead of testing nothing.
inline QMap<QString, QByteArray> filesUnder(
    const QString &root, const QString &relative, const QString &prefix, QString *error)
{
    QMap<QString, QByteArray> files;
    const QDir folder(root + QLatin1Char('/') + relative);
    QDirIterator it(folder.path(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read test data file ") + path;
            return {};
        }
        files.insert(prefix + folder.relativeFilePath(path), f.readAll());
    }
    if (files.isEmpty())
        *error = QStringLiteral("missing test data folder %1 (no files in it)").arg(folder.path());
    return files;
}

// A folder of tests/data/migrations.
inline QMap<QString, QByteArray> sampleFiles(const QString &relative, const QString &prefix, QString *error)
{
    return filesUnder(migrationSamples(), relative, prefix, error);
}

// The same paths with null contents: TestRepo::commit() deletes them.
inline QMap<QString, QByteArray> deletions(const QMap<QString, QByteArray> &files)
{
    QMap<QString, QByteArray> out;
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        out.insert(it.key(), QByteArray());
    return out;
}

} // namespace devdash::test

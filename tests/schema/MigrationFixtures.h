#pragma once

// The real migration folders of ../shared/fixtures/db/migrations (hawkbit Flyway, CTFd
// Alembic, gophish goose), as file maps TestRepo::commit() takes.

#include <QByteArray>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QString>

namespace devdash::test {

inline QString migrationFixtures()
{
    return QStringLiteral(DEVDASH_MIGRATION_FIXTURES);
}

// Every file under fixtures/<relative>, keyed by `prefix` + its path below that folder.
inline QMap<QString, QByteArray> fixtureFiles(const QString &relative, const QString &prefix)
{
    QMap<QString, QByteArray> files;
    const QDir root(migrationFixtures() + QLatin1Char('/') + relative);
    QDirIterator it(root.path(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            files.insert(prefix + root.relativeFilePath(path), f.readAll());
    }
    return files;
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

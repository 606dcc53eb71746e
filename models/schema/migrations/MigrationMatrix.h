#pragma once

// Migrations x (refs of the repository + environments): which migration each branch
// carries and where each one is applied. Answers "feature/x adds 2 migrations; staging
// has 1 of them; production none".

#include "Migration.h"

namespace devdash::migrations {

struct RefMigrations
{
    QString name; // "main", "feature/x"
    MigrationFileSet files;
};

struct EnvironmentMigrations
{
    QString name; // "staging"
    QList<MigrationEntry> entries; // MigrationStatus::combine against some ref's files
    QString error; // why this environment could not be read (the column shows it)
};

class MigrationMatrix
{
public:
    struct Row
    {
        QString key;
        QString version;
        QString description;
        QList<bool> inRef; // per ref column
        // Per environment: the state there; nullopt when the environment could not be read.
        // A migration the environment's database does not have is Pending.
        QList<std::optional<MigrationState>> states;
    };

    static MigrationMatrix build(
        const QList<RefMigrations> &refs, const QList<EnvironmentMigrations> &environments);

    QStringList refNames() const { return m_refNames; }
    QStringList environmentNames() const { return m_environmentNames; }
    QStringList environmentErrors() const { return m_environmentErrors; }
    const QList<Row> &rows() const { return m_rows; }
    int rowOf(const QString &key) const;

    // The migrations `ref` carries that `baseRef` does not (indexes into refNames()).
    QStringList addedBy(int ref, int baseRef) const;
    // How many of `keys` the environment's database has (applied, failed, ...).
    int appliedCount(const QStringList &keys, int environment) const;
    // "feature/x adds 2 migrations; staging has 1 of them; production none".
    QString summary(int ref, int baseRef) const;

private:
    QStringList m_refNames;
    QStringList m_environmentNames;
    QStringList m_environmentErrors;
    QList<Row> m_rows;
};

} // namespace devdash::migrations

#include "schema/DemoSchemaHistory.h"

#include "schema/ReadOnlyConnection.h"
#include "schema/SchemaInspector.h"
#include "schema/SchemaSnapshotStore.h"
#include "testresults/RunImport.h"

#include <QTemporaryDir>

namespace devdash::schema {

namespace {

struct Environment
{
    const char *name;
    int applied;
    int daysBeforeHead;
    int spacingDays;
};

} // namespace

Result<void> DemoSchemaHistory::create(
    const QString &workTree, const DemoDatabases::Created &databases, const store::Database &db)
{
    QTemporaryDir scratch;
    if (!scratch.isValid())
        return Error { QStringLiteral("Cannot make a scratch folder for the demo's schema history: %1")
                           .arg(scratch.errorString()) };
    const QString repository = testresults::RunImport::keyOfFolder(workTree);
    const QDateTime head = databases.head;
    SchemaSnapshotStore snapshots(db);
    for (const Environment &env :
        { Environment { "production", DemoDatabases::AppliedOnProduction,
              DemoDatabases::ProductionDaysBeforeHead, DemoDatabases::ProductionSpacingDays },
            Environment { "staging", DemoDatabases::AppliedOnStaging, DemoDatabases::StagingDaysBeforeHead,
                DemoDatabases::StagingSpacingDays } }) {
        const QString name = QString::fromLatin1(env.name);
        const QDateTime last = head.addDays(-env.daysBeforeHead);
        for (int level = 1; level <= env.applied; ++level) {
            // The environment as it was when its migration `level` had just run.
            const QDateTime ranAt = last.addDays(-qint64(env.applied - level) * env.spacingDays);
            const QString path = scratch.filePath(QStringLiteral("%1-%2.sqlite3").arg(name).arg(level));
            if (auto built = DemoDatabases::build(path, level, ranAt, env.spacingDays); !built)
                return built.error();
            auto url = DatabaseUrl::parse(QStringLiteral("sqlite://") + path);
            if (!url)
                return url.error();
            auto connection = ReadOnlyConnection::open(*url, {});
            if (!connection)
                return connection.error();
            auto catalog = SchemaInspector::inspect(**connection);
            if (!catalog)
                return catalog.error();
            catalog->database = name;
            if (auto saved = snapshots.save(*catalog, name, repository, name, ranAt.addSecs(600)); !saved)
                return saved.error();
        }
    }
    return {};
}

} // namespace devdash::schema

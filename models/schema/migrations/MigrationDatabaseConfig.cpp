#include "MigrationDatabaseConfig.h"

#include "common/InputLimits.h"

#include "schema/DatabaseUrl.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace devdash::migrations {

Result<QList<ConfiguredDatabase>> MigrationDatabaseConfig::parse(
    const QByteArray &json, const QString &fileName)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        const int line = int(json.left(error.offset).count('\n')) + 1;
        return Error {
            QStringLiteral("%1 line %2: %3 — fix the JSON").arg(fileName).arg(line).arg(error.errorString())
        };
    }
    QList<ConfiguredDatabase> out;
    const QJsonValue databases = doc.object().value(QStringLiteral("databases"));
    if (databases.isUndefined())
        return out;
    if (!databases.isArray())
        return Error {
            QStringLiteral("%1: \"databases\" must be an array of {name, url, migrations}").arg(fileName)
        };
    int index = 0;
    for (const QJsonValue &v : databases.toArray()) {
        const QJsonObject o = v.toObject();
        ConfiguredDatabase db;
        db.name = o.value(QStringLiteral("name")).toString();
        db.url = o.value(QStringLiteral("url")).toString();
        if (db.name.isEmpty())
            db.name = QStringLiteral("database %1").arg(index + 1);
        const QJsonObject m = o.value(QStringLiteral("migrations")).toObject();
        const QString framework = m.value(QStringLiteral("framework")).toString();
        db.framework = frameworkFromName(framework);
        if (!framework.isEmpty() && db.framework == Framework::Unknown) {
            QStringList known;
            for (Framework f : allFrameworks())
                known.append(frameworkName(f));
            return Error { QStringLiteral("%1: databases[%2].migrations.framework \"%3\" is not one of %4")
                               .arg(fileName)
                               .arg(index)
                               .arg(framework, known.join(QStringLiteral(", "))) };
        }
        db.path = m.value(QStringLiteral("path")).toString();
        out.append(db);
        ++index;
    }
    return out;
}

Result<QList<ConfiguredDatabase>> MigrationDatabaseConfig::load(const QString &repoRoot)
{
    QFile file(QDir(repoRoot).filePath(QStringLiteral(".devdash.json")));
    if (!file.exists())
        return QList<ConfiguredDatabase> {};
    const auto bytes = InputLimits::readFile(
        file.fileName(), InputLimits::ConfigFileBytes, QStringLiteral("the configuration file"));
    if (!bytes)
        return bytes.error();
    auto databases = parse(*bytes, file.fileName());
    if (!databases)
        return databases;
    // A relative SQLite path names a file of the repository, wherever DevDash runs.
    for (ConfiguredDatabase &database : *databases)
        database.url = schema::DatabaseUrl::resolvedAgainst(database.url, repoRoot);
    return databases;
}

} // namespace devdash::migrations

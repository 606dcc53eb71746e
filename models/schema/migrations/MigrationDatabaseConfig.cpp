#include "MigrationDatabaseConfig.h"

#include "config/ConfigError.h"
#include "config/ProjectConfig.h"
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
    auto config = config::ProjectConfig::parse(json, fileName, true);
    if (!config)
        return config.error();
    return fromProjectConfig(*config);
}

Result<QList<ConfiguredDatabase>> MigrationDatabaseConfig::fromProjectConfig(
    const config::ProjectConfig &config)
{
    QList<ConfiguredDatabase> out;
    const QJsonValue databases = config.root().value(QStringLiteral("databases"));
    if (databases.isUndefined() || databases.isNull())
        return out;
    if (!databases.isArray())
        return config.error(QStringLiteral("databases"),
            QStringLiteral("expected an array of {\"name\", \"url\", \"migrations\"}"));
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
            return config.error(QStringLiteral("databases[%1].migrations.framework").arg(index),
                QStringLiteral("\"%1\" is not one of %2").arg(framework, known.join(QStringLiteral(", "))));
        }
        db.path = m.value(QStringLiteral("path")).toString();
        out.append(db);
        ++index;
    }
    return out;
}

Result<QList<ConfiguredDatabase>> MigrationDatabaseConfig::load(const QString &repoRoot)
{
    auto config = config::ProjectConfig::load(repoRoot);
    if (!config)
        return config.error();
    auto databases = fromProjectConfig(*config);
    if (!databases)
        return databases;
    // A database the file names is connected, with the user's password, only once the user trusts it.
    if (!databases->isEmpty() && !config->isTrusted()) {
        QStringList names;
        for (const ConfiguredDatabase &database : std::as_const(*databases))
            names << database.name;
        return config::ConfigError::notTrusted(config->file(), repoRoot,
            QStringLiteral("it names the database%1 %2, which DevDash connects to only when you trust it")
                .arg(names.size() > 1 ? QStringLiteral("s") : QString(), names.join(QStringLiteral(", "))));
    }
    // A relative SQLite path names a file of the repository, wherever DevDash runs.
    for (ConfiguredDatabase &database : *databases)
        database.url = schema::DatabaseUrl::resolvedAgainst(database.url, repoRoot);
    return databases;
}

} // namespace devdash::migrations

#include "DatabaseWork.h"

#include "schema/DatabaseUrl.h"
#include "schema/ReadOnlyConnection.h"
#include "schema/SchemaSnapshotStore.h"
#include "schema/migrations/Migration.h"
#include "schema/migrations/MigrationDatabaseConfig.h"
#include "store/Database.h"
#include "tests/TestStoreAccess.h"

#include <QDir>
#include <QFileInfo>
#include <QUrl>

namespace devdash::ui {

Result<QList<DatabaseConnection>> DatabaseWork::configured(const QString &repoRoot)
{
    auto databases = migrations::MigrationDatabaseConfig::load(repoRoot);
    if (!databases)
        return databases.error();
    QList<DatabaseConnection> result;
    for (const migrations::ConfiguredDatabase &db : databases.value())
        result << DatabaseConnection { db.name, resolvedUrl(db.url, repoRoot), true,
            migrations::frameworkName(db.framework), db.path };
    return result;
}

Result<store::Database> DatabaseWork::openStore()
{
    auto location = TestStoreAccess::location();
    if (!location)
        return location.error();
    return TestStoreAccess::open(location.value());
}

schema::DatabaseUrl::Origin DatabaseWork::origin(const DatabaseConnection &connection)
{
    // .devdash.json is the repository's; a connection added in the page is the user's.
    return connection.configured ? schema::DatabaseUrl::Origin::Repository
                                 : schema::DatabaseUrl::Origin::UserTyped;
}

QString DatabaseWork::snapshotKey(const DatabaseConnection &connection, const QString &repoRoot)
{
    auto url = schema::DatabaseUrl::parse(resolvedUrl(connection.url, repoRoot), origin(connection));
    if (!url)
        return connection.name;
    return schema::SchemaSnapshotStore::databaseKey(
        url.value(), connection.configured ? connection.name : QString());
}

QString DatabaseWork::snapshotRepository(const DatabaseConnection &connection, const QString &repoRoot)
{
    return connection.configured && !repoRoot.isEmpty() ? TestStoreAccess::repositoryKey(repoRoot)
                                                        : QString();
}

QString DatabaseWork::resolvedUrl(const QString &url, const QString &repoRoot)
{
    return schema::DatabaseUrl::resolvedAgainst(url, repoRoot);
}

QString DatabaseWork::withPassword(const QString &url, const QString &password)
{
    // Only the text is rewritten here: what it may open is checked where it is opened.
    auto parsed = schema::DatabaseUrl::parse(url, schema::DatabaseUrl::Origin::UserTyped);
    if (!parsed || password.isEmpty() || parsed->engine() == schema::DatabaseUrl::Engine::Sqlite)
        return url;
    const int hostStart = int(url.indexOf(QLatin1String("://"))) + 3;
    const int at = int(url.indexOf(QLatin1Char('@'), hostStart));
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(password));
    if (at < 0) // no user: the driver's default user with this password
        return url.left(hostStart) + QLatin1Char(':') + encoded + QLatin1Char('@') + url.mid(hostStart);
    QString userPart = url.mid(hostStart, at - hostStart);
    const int colon = int(userPart.indexOf(QLatin1Char(':')));
    if (colon >= 0)
        userPart.truncate(colon);
    return url.left(hostStart) + userPart + QLatin1Char(':') + encoded + url.mid(at);
}

QString DatabaseWork::displayUrl(const QString &url)
{
    auto parsed = schema::DatabaseUrl::parse(url, schema::DatabaseUrl::Origin::UserTyped);
    return parsed ? parsed->displayUrl() : url;
}

namespace {

Result<std::unique_ptr<schema::ReadOnlyConnection>> openConnection(
    const DatabaseConnection &connection, const QString &repoRoot, const CancelToken &cancel)
{
    auto url = schema::DatabaseUrl::parse(
        DatabaseWork::resolvedUrl(connection.url, repoRoot), DatabaseWork::origin(connection));
    if (!url)
        return url.error();
    schema::ConnectionOptions options;
    options.environmentName = connection.name;
    options.allowUnverifiedReadOnly = connection.readWithoutGuarantee;
    options.cancel = cancel;
    return schema::ReadOnlyConnection::open(url.value(), options);
}

} // namespace

Result<schema::SchemaCatalog> DatabaseWork::inspect(
    const DatabaseConnection &connection, const QString &repoRoot, const CancelToken &cancel)
{
    auto open = openConnection(connection, repoRoot, cancel);
    if (!open)
        return open.error();
    return schema::SchemaInspector::inspect(*open.value());
}

Result<schema::RowPreview> DatabaseWork::preview(const DatabaseConnection &connection,
    const QString &repoRoot, const schema::Table &table, const CancelToken &cancel)
{
    auto open = openConnection(connection, repoRoot, cancel);
    if (!open)
        return open.error();
    return schema::SchemaInspector::previewRows(*open.value(), table, PreviewRows);
}

Result<migrations::MigrationReport> DatabaseWork::migrations(const DatabaseConnection &connection,
    const QString &repoRoot, const QString &ref, const CancelToken &cancel)
{
    auto open = openConnection(connection, repoRoot, cancel);
    if (!open)
        return open.error();
    migrations::MigrationInspector::Request request;
    request.repoPath = repoRoot;
    request.ref = ref;
    request.folder = connection.migrationsPath;
    request.framework = migrations::frameworkFromName(connection.framework);
    request.cancel = cancel;
    return migrations::MigrationInspector::inspect(open.value()->database(), request);
}

} // namespace devdash::ui

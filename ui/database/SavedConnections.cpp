#include "SavedConnections.h"

#include "schema/DatabaseUrl.h"

#include <QSettings>

namespace devdash::ui {

namespace {
const QString Group = QStringLiteral("databases");
const QString Array = QStringLiteral("connections");

QString withoutPassword(const QString &url)
{
    auto parsed = schema::DatabaseUrl::parse(url, schema::DatabaseUrl::Origin::UserTyped);
    return parsed && parsed->hasInlinePassword() ? parsed->displayUrl() : url;
}
} // namespace

QList<DatabaseConnection> SavedConnections::load()
{
    QSettings settings;
    settings.beginGroup(Group);
    QList<DatabaseConnection> result;
    const int count = settings.beginReadArray(Array);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        DatabaseConnection c;
        c.name = settings.value(QStringLiteral("name")).toString();
        c.url = settings.value(QStringLiteral("url")).toString();
        if (!c.name.isEmpty() && !c.url.isEmpty())
            result << c;
    }
    settings.endArray();
    return result;
}

void SavedConnections::save(const QList<DatabaseConnection> &connections)
{
    QSettings settings;
    settings.beginGroup(Group);
    settings.remove(Array);
    settings.beginWriteArray(Array, int(connections.size()));
    for (int i = 0; i < connections.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), connections.at(i).name);
        settings.setValue(QStringLiteral("url"), withoutPassword(connections.at(i).url));
    }
    settings.endArray();
}

void SavedConnections::add(const DatabaseConnection &connection)
{
    QList<DatabaseConnection> all = load();
    DatabaseConnection stored = connection;
    stored.url = withoutPassword(connection.url);
    stored.configured = false;
    bool replaced = false;
    for (DatabaseConnection &c : all)
        if (c.name == connection.name) {
            c = stored;
            replaced = true;
        }
    if (!replaced)
        all << stored;
    save(all);
}

void SavedConnections::remove(const QString &name)
{
    QList<DatabaseConnection> all = load();
    all.removeIf([&name](const DatabaseConnection &c) { return c.name == name; });
    save(all);
}

} // namespace devdash::ui

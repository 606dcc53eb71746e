#include "schema/SchemaSnapshotStore.h"

#include "schema/SchemaJson.h"
#include "store/Database.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace devdash::schema {

namespace {

const QString kColumns = QStringLiteral("id, database_key, repository_id, environment, driver, taken_at, "
                                        "content_hash, table_count");

SchemaSnapshotInfo infoFrom(const QSqlQuery &q)
{
    SchemaSnapshotInfo info;
    info.id = q.value(0).toLongLong();
    info.databaseKey = q.value(1).toString();
    if (!q.value(2).isNull())
        info.repositoryId = q.value(2).toLongLong();
    info.environment = q.value(3).toString();
    info.driver = q.value(4).toString();
    info.takenAt = QDateTime::fromMSecsSinceEpoch(q.value(5).toLongLong(), Qt::UTC);
    info.contentHash = q.value(6).toString();
    info.tableCount = q.value(7).toInt();
    return info;
}

} // namespace

SchemaSnapshotStore::SchemaSnapshotStore(const store::Database &db)
    : m_db(db)
{
}

QString SchemaSnapshotStore::databaseKey(const DatabaseUrl &url, const QString &environment)
{
    return environment.isEmpty() ? url.displayUrl() : environment;
}

QString SchemaSnapshotStore::contentHash(const SchemaCatalog &catalog)
{
    QJsonObject json = SchemaJson::toJson(catalog);
    for (const char *volatileKey : { "inspected_at", "warnings", "server_version", "database" })
        json.remove(QLatin1String(volatileKey));
    QJsonArray tables;
    for (const QJsonValue &value : json.value(QStringLiteral("tables")).toArray()) {
        QJsonObject table = value.toObject();
        table.remove(QStringLiteral("estimated_rows"));
        table.remove(QStringLiteral("size_bytes"));
        tables.append(table);
    }
    json.insert(QStringLiteral("tables"), tables);
    return QString::fromLatin1(QCryptographicHash::hash(
        QJsonDocument(json).toJson(QJsonDocument::Compact), QCryptographicHash::Sha256)
                                   .toHex());
}

Result<std::optional<qint64>> SchemaSnapshotStore::repositoryId(const QString &repository) const
{
    if (repository.isEmpty())
        return std::optional<qint64>();
    auto insert = m_db.prepare(QStringLiteral("INSERT INTO repositories (repo_key, name, created_at) "
                                              "VALUES (?, ?, ?) ON CONFLICT (repo_key) DO NOTHING"));
    if (!insert)
        return insert.error();
    insert->addBindValue(repository);
    const QString name = QFileInfo(repository).fileName();
    insert->addBindValue(name.isEmpty() ? repository : name);
    insert->addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!insert->exec())
        return m_db.error(QStringLiteral("add the repository %1").arg(repository), *insert);
    auto select = m_db.prepare(QStringLiteral("SELECT id FROM repositories WHERE repo_key = ?"));
    if (!select)
        return select.error();
    select->addBindValue(repository);
    if (!select->exec() || !select->next())
        return m_db.error(QStringLiteral("look up the repository %1").arg(repository), *select);
    return std::optional<qint64>(select->value(0).toLongLong());
}

Result<SavedSnapshot> SchemaSnapshotStore::save(const SchemaCatalog &catalog, const QString &databaseKey,
    const QString &repository, const QString &environment, const QDateTime &takenAt)
{
    const QString hash = contentHash(catalog);
    if (auto begun = m_db.beginWrite(); !begun)
        return begun.error();
    auto fail = [this](Error error) -> Result<SavedSnapshot> {
        m_db.rollback();
        return error;
    };
    // Only the latest snapshot counts: a schema that goes back to an earlier state is a new point.
    auto latest = select(databaseKey, environment.isEmpty() ? QString() : repository, true, 1);
    if (!latest)
        return fail(latest.error());
    if (latest->next() && latest->value(6).toString() == hash) {
        SavedSnapshot unchanged { infoFrom(*latest), false };
        latest->finish();
        if (auto committed = m_db.commit(); !committed)
            return fail(committed.error());
        return unchanged;
    }
    latest->finish();
    auto repoId = repositoryId(repository);
    if (!repoId)
        return fail(repoId.error());
    const QByteArray compressed
        = qCompress(QJsonDocument(SchemaJson::toJson(catalog)).toJson(QJsonDocument::Compact), 6);
    auto insert
        = m_db.prepare(QStringLiteral("INSERT INTO schema_snapshots (database_key, repository_id, "
                                      "environment, driver, taken_at, content_hash, table_count, catalog) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!insert)
        return fail(insert.error());
    insert->addBindValue(databaseKey);
    insert->addBindValue(*repoId ? QVariant(**repoId) : QVariant(QMetaType(QMetaType::LongLong)));
    insert->addBindValue(environment);
    insert->addBindValue(catalog.driver);
    insert->addBindValue(takenAt.toMSecsSinceEpoch());
    insert->addBindValue(hash);
    insert->addBindValue(int(catalog.tables.size()));
    insert->addBindValue(compressed);
    if (!insert->exec())
        return fail(m_db.error(QStringLiteral("save a schema snapshot of %1").arg(databaseKey), *insert));
    // lastInsertId works on SQLite; PostgreSQL needs the key read back.
    auto id = m_db.prepare(QStringLiteral("SELECT MAX(id) FROM schema_snapshots WHERE database_key = ?"));
    if (!id)
        return fail(id.error());
    id->addBindValue(databaseKey);
    if (!id->exec() || !id->next())
        return fail(m_db.error(QStringLiteral("read the new snapshot's id"), *id));
    SavedSnapshot saved;
    saved.added = true;
    saved.snapshot.id = id->value(0).toLongLong();
    id->finish();
    saved.snapshot.databaseKey = databaseKey;
    saved.snapshot.repositoryId = *repoId;
    saved.snapshot.environment = environment;
    saved.snapshot.driver = catalog.driver;
    saved.snapshot.takenAt = QDateTime::fromMSecsSinceEpoch(takenAt.toMSecsSinceEpoch(), Qt::UTC);
    saved.snapshot.contentHash = hash;
    saved.snapshot.tableCount = int(catalog.tables.size());
    if (auto committed = m_db.commit(); !committed)
        return fail(committed.error());
    return saved;
}

Result<QSqlQuery> SchemaSnapshotStore::select(
    const QString &databaseKey, const QString &repository, bool newestFirst, int limit) const
{
    QString sql = QStringLiteral("SELECT %1 FROM schema_snapshots WHERE database_key = ?").arg(kColumns);
    if (!repository.isEmpty())
        sql += QStringLiteral(" AND repository_id = (SELECT id FROM repositories WHERE repo_key = ?)");
    sql += newestFirst ? QStringLiteral(" ORDER BY taken_at DESC, id DESC")
                       : QStringLiteral(" ORDER BY taken_at, id");
    if (limit > 0)
        sql += QStringLiteral(" LIMIT %1").arg(limit);
    auto q = m_db.prepare(sql);
    if (!q)
        return q.error();
    q->addBindValue(databaseKey);
    if (!repository.isEmpty())
        q->addBindValue(repository);
    if (!q->exec())
        return m_db.error(QStringLiteral("list the schema snapshots of %1").arg(databaseKey), *q);
    return std::move(*q);
}

Result<QList<SchemaSnapshotInfo>> SchemaSnapshotStore::list(
    const QString &databaseKey, const QString &repository) const
{
    auto q = select(databaseKey, repository, false);
    if (!q)
        return q.error();
    QList<SchemaSnapshotInfo> out;
    while (q->next())
        out << infoFrom(*q);
    return out;
}

Result<QStringList> SchemaSnapshotStore::repositoriesOf(const QString &databaseKey) const
{
    auto q = m_db.prepare(QStringLiteral("SELECT DISTINCT r.repo_key FROM schema_snapshots s "
                                         "JOIN repositories r ON r.id = s.repository_id "
                                         "WHERE s.database_key = ? ORDER BY 1"));
    if (!q)
        return q.error();
    q->addBindValue(databaseKey);
    if (!q->exec())
        return m_db.error(QStringLiteral("list the repositories of %1").arg(databaseKey), *q);
    QStringList out;
    while (q->next())
        out << q->value(0).toString();
    return out;
}

Result<QStringList> SchemaSnapshotStore::databaseKeys() const
{
    auto q = m_db.prepare(QStringLiteral("SELECT DISTINCT database_key FROM schema_snapshots ORDER BY 1"));
    if (!q)
        return q.error();
    if (!q->exec())
        return m_db.error(QStringLiteral("list the databases with schema snapshots"), *q);
    QStringList out;
    while (q->next())
        out << q->value(0).toString();
    return out;
}

Result<SchemaSnapshotInfo> SchemaSnapshotStore::info(qint64 id) const
{
    auto q = m_db.prepare(QStringLiteral("SELECT %1 FROM schema_snapshots WHERE id = ?").arg(kColumns));
    if (!q)
        return q.error();
    q->addBindValue(id);
    if (!q->exec())
        return m_db.error(QStringLiteral("read schema snapshot %1").arg(id), *q);
    if (!q->next())
        return Error { QStringLiteral(
            "There is no schema snapshot %1 in the store: list them with `devdash schema "
            "history URL`.")
                           .arg(id) };
    return infoFrom(*q);
}

Result<SchemaCatalog> SchemaSnapshotStore::load(qint64 id) const
{
    auto q = m_db.prepare(QStringLiteral("SELECT catalog FROM schema_snapshots WHERE id = ?"));
    if (!q)
        return q.error();
    q->addBindValue(id);
    if (!q->exec())
        return m_db.error(QStringLiteral("read schema snapshot %1").arg(id), *q);
    if (!q->next())
        return Error { QStringLiteral(
            "There is no schema snapshot %1 in the store: list them with `devdash schema "
            "history URL`.")
                           .arg(id) };
    const QByteArray json = qUncompress(q->value(0).toByteArray());
    if (json.isEmpty())
        return Error { QStringLiteral(
            "Schema snapshot %1 in the store is damaged (its catalog does not uncompress).")
                           .arg(id) };
    return SchemaJson::fromText(json, QStringLiteral("schema snapshot %1").arg(id));
}

Result<QList<SchemaTimelineEntry>> SchemaSnapshotStore::timeline(
    const QString &databaseKey, const DiffFilter &filter, const QString &repository) const
{
    auto snapshots = list(databaseKey, repository);
    if (!snapshots)
        return snapshots.error();
    QList<SchemaTimelineEntry> out;
    std::optional<SchemaCatalog> previous;
    for (const SchemaSnapshotInfo &info : *snapshots) {
        auto catalog = load(info.id);
        if (!catalog)
            return catalog.error();
        SchemaTimelineEntry entry;
        entry.snapshot = info;
        if (previous) {
            entry.changes = SchemaDiff::compare(*previous, *catalog, filter);
            entry.changes->beforeLabel = QStringLiteral("snapshot:%1").arg(out.last().snapshot.id);
            entry.changes->afterLabel = QStringLiteral("snapshot:%1").arg(info.id);
        }
        previous = std::move(catalog.value());
        out << entry;
    }
    return out;
}

} // namespace devdash::schema

#include "DeploymentStore.h"

#include "git/Repository.h"
#include "store/Database.h"

#include <QDir>
#include <QFileInfo>

namespace devdash::deploy {

namespace {

const QString Columns = QStringLiteral(
    "id, environment, commit_id, status, deployed_at, url, deployed_by, source, version, external_id");

Deployment readDeployment(const QSqlQuery &q)
{
    Deployment d;
    d.id = q.value(0).toLongLong();
    d.environment = q.value(1).toString();
    d.commit = q.value(2).toString();
    d.status = DeploymentStatus(q.value(3).toInt());
    d.at = QDateTime::fromMSecsSinceEpoch(q.value(4).toLongLong(), Qt::UTC);
    d.url = q.value(5).toString();
    d.by = q.value(6).toString();
    d.source = q.value(7).toString();
    d.version = q.value(8).toString();
    d.externalId = q.value(9).toString();
    return d;
}

// A null QString binds as SQL NULL; the text columns are NOT NULL ('' when absent).
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

bool sameContent(const Deployment &a, const Deployment &b)
{
    return a.environment == b.environment && a.commit == b.commit && a.status == b.status
        && a.at.toMSecsSinceEpoch() == b.at.toMSecsSinceEpoch() && a.url == b.url && a.by == b.by
        && a.version == b.version;
}

} // namespace

QString DeploymentStore::repositoryKey(const git::Repository &repository)
{
    const QString dir = repository.isBare() ? repository.gitDir() : repository.workDir();
    const QString canonical = QFileInfo(dir).canonicalFilePath();
    return QDir::cleanPath(canonical.isEmpty() ? QFileInfo(dir).absoluteFilePath() : canonical);
}

Result<QString> DeploymentStore::repositoryKey(const QString &path)
{
    auto repository = git::Repository::open(path);
    if (!repository)
        return repository.error();
    return repositoryKey(*repository);
}

Result<qint64> DeploymentStore::repositoryId(const QString &key, bool create) const
{
    if (create) {
        auto insert = m_db.prepare(QStringLiteral("INSERT INTO repositories (repo_key, name, created_at) "
                                                  "VALUES (?, ?, ?) ON CONFLICT (repo_key) DO NOTHING"));
        if (!insert)
            return insert.error();
        insert->addBindValue(key);
        insert->addBindValue(QFileInfo(key).fileName().isEmpty() ? key : QFileInfo(key).fileName());
        insert->addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!insert->exec())
            return m_db.error(QStringLiteral("add the repository %1").arg(key), *insert);
    }
    auto select = m_db.prepare(QStringLiteral("SELECT id FROM repositories WHERE repo_key = ?"));
    if (!select)
        return select.error();
    select->addBindValue(key);
    if (!select->exec())
        return m_db.error(QStringLiteral("look up the repository %1").arg(key), *select);
    return select->next() ? select->value(0).toLongLong() : qint64(0);
}

Result<DeploymentStore::AddResult> DeploymentStore::add(
    const QString &repository, const QList<Deployment> &deployments)
{
    for (const Deployment &d : deployments) {
        if (d.environment.trimmed().isEmpty() || d.commit.size() != 40 || !d.at.isValid()
            || d.source.isEmpty())
            return Error { QStringLiteral(
                "Cannot store a deployment without an environment, a full commit id, "
                "a time and a source (got environment '%1', commit '%2', source '%3').")
                               .arg(d.environment, d.commit, d.source) };
    }
    AddResult result;
    if (auto ok = m_db.beginWrite(); !ok)
        return ok.error();
    auto fail = [this](Error error) -> Result<AddResult> {
        m_db.rollback();
        return error;
    };
    const auto repoId = repositoryId(repository, true);
    if (!repoId)
        return fail(repoId.error());

    auto find = m_db.prepare(QStringLiteral("SELECT ") + Columns
        + QStringLiteral(" FROM deployments WHERE repository_id = ? AND source = ? AND dedupe_key = ?"));
    auto insert = m_db.prepare(QStringLiteral("INSERT INTO deployments (repository_id, environment, "
                                              "commit_id, status, deployed_at, url, deployed_by, "
                                              "source, version, external_id, dedupe_key, recorded_at) VALUES "
                                              "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    auto update = m_db.prepare(QStringLiteral(
        "UPDATE deployments SET environment = ?, commit_id = ?, status = ?, deployed_at = ?, url = ?, "
        "deployed_by = ?, version = ? WHERE id = ?"));
    if (!find || !insert || !update)
        return fail(!find ? find.error() : !insert ? insert.error() : update.error());

    for (const Deployment &d : deployments) {
        const QString key = d.dedupeKey();
        find->addBindValue(*repoId);
        find->addBindValue(d.source);
        find->addBindValue(key);
        if (!find->exec())
            return fail(m_db.error(QStringLiteral("look for an earlier deployment"), *find));
        if (find->next()) {
            const Deployment existing = readDeployment(*find);
            find->finish();
            result.ids.append(existing.id);
            if (sameContent(existing, d)) {
                ++result.unchanged;
                continue;
            }
            update->addBindValue(d.environment);
            update->addBindValue(d.commit);
            update->addBindValue(int(d.status));
            update->addBindValue(d.at.toMSecsSinceEpoch());
            update->addBindValue(text(d.url));
            update->addBindValue(text(d.by));
            update->addBindValue(text(d.version));
            update->addBindValue(existing.id);
            if (!update->exec())
                return fail(m_db.error(QStringLiteral("update deployment %1").arg(existing.id), *update));
            ++result.updated;
            continue;
        }
        find->finish();
        insert->addBindValue(*repoId);
        insert->addBindValue(d.environment);
        insert->addBindValue(d.commit);
        insert->addBindValue(int(d.status));
        insert->addBindValue(d.at.toMSecsSinceEpoch());
        insert->addBindValue(text(d.url));
        insert->addBindValue(text(d.by));
        insert->addBindValue(d.source);
        insert->addBindValue(text(d.version));
        insert->addBindValue(text(d.externalId));
        insert->addBindValue(key);
        insert->addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!insert->exec())
            return fail(m_db.error(QStringLiteral("store a deployment to %1").arg(d.environment), *insert));
        // lastInsertId() is not reliable on PostgreSQL without RETURNING: read it back.
        find->addBindValue(*repoId);
        find->addBindValue(d.source);
        find->addBindValue(key);
        if (!find->exec() || !find->next())
            return fail(m_db.error(QStringLiteral("read back a stored deployment"), *find));
        result.ids.append(find->value(0).toLongLong());
        find->finish();
        ++result.added;
    }
    if (auto ok = m_db.commit(); !ok)
        return fail(ok.error());
    return result;
}

Result<QList<Deployment>> DeploymentStore::list(const QString &repository, const QString &environment) const
{
    const auto repoId = repositoryId(repository, false);
    if (!repoId)
        return repoId.error();
    QList<Deployment> list;
    if (*repoId == 0)
        return list;
    QString sql
        = QStringLiteral("SELECT ") + Columns + QStringLiteral(" FROM deployments WHERE repository_id = ?");
    if (!environment.isEmpty())
        sql += QStringLiteral(" AND environment = ?");
    sql += QStringLiteral(" ORDER BY deployed_at, id");
    auto q = m_db.prepare(sql);
    if (!q)
        return q.error();
    q->addBindValue(*repoId);
    if (!environment.isEmpty())
        q->addBindValue(environment);
    if (!q->exec())
        return m_db.error(QStringLiteral("list the deployments of %1").arg(repository), *q);
    while (q->next())
        list.append(readDeployment(*q));
    return list;
}

Result<QStringList> DeploymentStore::environments(const QString &repository) const
{
    auto q = m_db.prepare(
        QStringLiteral("SELECT DISTINCT d.environment FROM deployments d JOIN repositories r "
                       "ON r.id = d.repository_id WHERE r.repo_key = ? ORDER BY d.environment"));
    if (!q)
        return q.error();
    q->addBindValue(repository);
    if (!q->exec())
        return m_db.error(QStringLiteral("list the environments of %1").arg(repository), *q);
    QStringList names;
    while (q->next())
        names << q->value(0).toString();
    return names;
}

Result<void> DeploymentStore::remove(qint64 id)
{
    auto q = m_db.prepare(QStringLiteral("DELETE FROM deployments WHERE id = ?"));
    if (!q)
        return q.error();
    q->addBindValue(id);
    if (!q->exec())
        return m_db.error(QStringLiteral("delete deployment %1").arg(id), *q);
    return {};
}

} // namespace devdash::deploy

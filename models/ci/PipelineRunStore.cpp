#include "PipelineRunStore.h"

#include "ci/StatusRollup.h"
#include "store/Database.h"
#include "testresults/TestRunImporter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlQuery>

namespace devdash::ci {

namespace {

// Bound into IN (…) lists a slice at a time: far below SQLite's and PostgreSQL's limits.
constexpr int CommitsPerQuery = 400;

const QString Columns = QStringLiteral(
    "provider, project, run_id, name, branch, commit_id, status, run_trigger, started_at, finished_at, url, "
    "dirty, stages");

// NOT NULL text columns: an unknown value is stored as "".
QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

QVariant msOrNull(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}

QDateTime fromMs(const QVariant &value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

QJsonValue msJson(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toMSecsSinceEpoch()) : QJsonValue(QJsonValue::Null);
}

QDateTime msFromJson(const QJsonValue &value)
{
    return value.isDouble() ? QDateTime::fromMSecsSinceEpoch(qint64(value.toDouble()), Qt::UTC) : QDateTime();
}

RunStatus statusFromJson(const QJsonValue &value)
{
    return runStatusFromName(value.toString()).value_or(RunStatus::Queued);
}

PipelineRun runFromRow(const QSqlQuery &q)
{
    PipelineRun run;
    run.provider = q.value(0).toString();
    run.project = q.value(1).toString();
    run.id = q.value(2).toString();
    run.name = q.value(3).toString();
    run.branch = q.value(4).toString();
    run.commit = q.value(5).toString();
    run.status = runStatusFromName(q.value(6).toString()).value_or(RunStatus::Queued);
    run.trigger = q.value(7).toString();
    run.startedAt = fromMs(q.value(8));
    run.finishedAt = fromMs(q.value(9));
    run.url = q.value(10).toString();
    run.dirty = q.value(11).toInt() != 0;
    run.stages = PipelineRunStore::stagesFromJson(q.value(12).toString().toUtf8());
    return run;
}

QString placeholders(qsizetype count)
{
    QString list;
    list.reserve(count * 2);
    for (qsizetype i = 0; i < count; ++i)
        list += i ? QStringLiteral(",?") : QStringLiteral("?");
    return list;
}

} // namespace

RunStatus PipelineRunStore::worst(RunStatus a, RunStatus b)
{
    return rollupWeight(a) >= rollupWeight(b) ? a : b;
}

QByteArray PipelineRunStore::stagesToJson(const QList<PipelineStage> &stages)
{
    QJsonArray stageArray;
    for (const PipelineStage &stage : stages) {
        QJsonArray jobs;
        for (const PipelineJob &job : stage.jobs) {
            QJsonArray steps;
            for (const PipelineStep &step : job.steps)
                steps.append(QJsonObject { { QStringLiteral("name"), step.name },
                    { QStringLiteral("status"), runStatusName(step.status) },
                    { QStringLiteral("started"), msJson(step.startedAt) },
                    { QStringLiteral("finished"), msJson(step.finishedAt) } });
            jobs.append(QJsonObject { { QStringLiteral("id"), job.id }, { QStringLiteral("name"), job.name },
                { QStringLiteral("status"), runStatusName(job.status) },
                { QStringLiteral("started"), msJson(job.startedAt) },
                { QStringLiteral("finished"), msJson(job.finishedAt) }, { QStringLiteral("url"), job.url },
                { QStringLiteral("steps"), steps } });
        }
        stageArray.append(QJsonObject { { QStringLiteral("name"), stage.name },
            { QStringLiteral("status"), runStatusName(stage.status) }, { QStringLiteral("jobs"), jobs } });
    }
    return QJsonDocument(stageArray).toJson(QJsonDocument::Compact);
}

QList<PipelineStage> PipelineRunStore::stagesFromJson(const QByteArray &json)
{
    QList<PipelineStage> stages;
    const QJsonArray stageArray = QJsonDocument::fromJson(json).array();
    for (const QJsonValue &stageValue : stageArray) {
        const QJsonObject s = stageValue.toObject();
        PipelineStage stage;
        stage.name = s.value(u"name").toString();
        stage.status = statusFromJson(s.value(u"status"));
        for (const QJsonValue &jobValue : s.value(u"jobs").toArray()) {
            const QJsonObject j = jobValue.toObject();
            PipelineJob job;
            job.id = j.value(u"id").toString();
            job.name = j.value(u"name").toString();
            job.status = statusFromJson(j.value(u"status"));
            job.startedAt = msFromJson(j.value(u"started"));
            job.finishedAt = msFromJson(j.value(u"finished"));
            job.url = j.value(u"url").toString();
            for (const QJsonValue &stepValue : j.value(u"steps").toArray()) {
                const QJsonObject st = stepValue.toObject();
                job.steps.append(
                    PipelineStep { st.value(u"name").toString(), statusFromJson(st.value(u"status")),
                        msFromJson(st.value(u"started")), msFromJson(st.value(u"finished")) });
            }
            stage.jobs.append(job);
        }
        stages.append(stage);
    }
    return stages;
}

Result<void> PipelineRunStore::save(const QString &repository, const PipelineRun &run)
{
    return saveAll(repository, { run });
}

Result<void> PipelineRunStore::saveAll(const QString &repository, const QList<PipelineRun> &runs)
{
    if (repository.isEmpty())
        return Error { QStringLiteral("Cannot save pipeline runs without a repository.") };
    if (auto ok = m_db.beginWrite(); !ok)
        return ok.error();
    const auto repoId = testresults::TestRunImporter::repositoryId(m_db, repository, true);
    if (!repoId) {
        m_db.rollback();
        return repoId.error();
    }
    for (const PipelineRun &run : runs) {
        if (auto ok = saveOne(*repoId, run); !ok) {
            m_db.rollback();
            return ok.error();
        }
    }
    return m_db.commit();
}

Result<void> PipelineRunStore::saveOne(qint64 repositoryId, const PipelineRun &run)
{
    // A listing carries no stages: keep the stored ones while the status holds.
    auto q = m_db.prepare(QStringLiteral(
        "INSERT INTO pipeline_runs (repository_id, provider, project, run_id, name, branch, commit_id, "
        "status, "
        "run_trigger, started_at, finished_at, sort_at, url, dirty, stages, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (repository_id, provider, project, run_id) DO UPDATE SET name = excluded.name, "
        "branch = excluded.branch, commit_id = excluded.commit_id, status = excluded.status, "
        "run_trigger = excluded.run_trigger, started_at = excluded.started_at, "
        "finished_at = excluded.finished_at, "
        "sort_at = CASE WHEN excluded.started_at IS NULL THEN pipeline_runs.sort_at ELSE excluded.sort_at "
        "END, "
        "url = excluded.url, dirty = excluded.dirty, "
        "stages = CASE WHEN excluded.stages = '[]' AND excluded.status = pipeline_runs.status "
        "THEN pipeline_runs.stages ELSE excluded.stages END, updated_at = excluded.updated_at"));
    if (!q)
        return q.error();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const QVariant &value : QVariantList { repositoryId, notNull(run.provider), notNull(run.project),
             notNull(run.id), notNull(run.name), notNull(run.branch), notNull(run.commit.toLower()),
             runStatusName(run.status), notNull(run.trigger), msOrNull(run.startedAt),
             msOrNull(run.finishedAt), run.startedAt.isValid() ? run.startedAt.toMSecsSinceEpoch() : now,
             notNull(run.url), run.dirty ? 1 : 0, QString::fromUtf8(stagesToJson(run.stages)), now })
        q->addBindValue(value);
    if (!q->exec())
        return m_db.error(
            QStringLiteral("save the %1 run %2 of %3").arg(run.provider, run.id, run.project), *q);
    return {};
}

Result<void> PipelineRunStore::saveJobLog(const QString &repository, const PipelineRun &run,
    const QString &jobId, const QByteArray &text, bool truncated)
{
    const auto repoId = testresults::TestRunImporter::repositoryId(m_db, repository, false);
    if (!repoId)
        return repoId.error();
    return saveLogRow(*repoId, run, jobId, text, truncated);
}

Result<void> PipelineRunStore::saveWithLogs(
    const QString &repository, const PipelineRun &run, const QHash<QString, QByteArray> &logs, bool truncated)
{
    if (repository.isEmpty())
        return Error { QStringLiteral("Cannot save a pipeline run without a repository.") };
    if (auto ok = m_db.beginWrite(); !ok)
        return ok.error();
    auto fail = [this](const Error &error) -> Result<void> {
        m_db.rollback();
        return error;
    };
    const auto repoId = testresults::TestRunImporter::repositoryId(m_db, repository, true);
    if (!repoId)
        return fail(repoId.error());
    if (auto ok = saveOne(*repoId, run); !ok)
        return fail(ok.error());
    for (auto it = logs.cbegin(); it != logs.cend(); ++it)
        if (auto ok = saveLogRow(*repoId, run, it.key(), it.value(), truncated); !ok)
            return fail(ok.error());
    return m_db.commit();
}

Result<void> PipelineRunStore::saveLogRow(
    qint64 repositoryId, const PipelineRun &run, const QString &jobId, const QByteArray &text, bool truncated)
{
    auto q = m_db.prepare(
        QStringLiteral("INSERT INTO pipeline_logs (pipeline_run_id, job_id, size, truncated, content) "
                       "SELECT id, ?, ?, ?, ? FROM pipeline_runs "
                       "WHERE repository_id = ? AND provider = ? AND project = ? AND run_id = ? "
                       "ON CONFLICT (pipeline_run_id, job_id) DO UPDATE SET size = excluded.size, "
                       "truncated = excluded.truncated, content = excluded.content"));
    if (!q)
        return q.error();
    for (const QVariant &value : QVariantList { jobId, qint64(text.size()), truncated ? 1 : 0,
             qCompress(text), repositoryId, run.provider, run.project, run.id })
        q->addBindValue(value);
    if (!q->exec())
        return m_db.error(
            QStringLiteral("save the log of job %1 of the %2 run %3").arg(jobId, run.provider, run.id), *q);
    if (q->numRowsAffected() == 0)
        return Error { QStringLiteral("Cannot save the log of job %1: the %2 run %3 is not in the store %4 "
                                      "(save the run first).")
                           .arg(jobId, run.provider, run.id, m_db.location().displayName()) };
    return {};
}

Result<QList<PipelineRun>> PipelineRunStore::select(
    const QString &where, const QVariantList &values, int limit) const
{
    QString sql = QStringLiteral("SELECT ") + Columns + QStringLiteral(" FROM pipeline_runs WHERE ") + where
        + QStringLiteral(" ORDER BY sort_at DESC, id DESC");
    if (limit > 0)
        sql += QStringLiteral(" LIMIT ") + QString::number(limit);
    auto q = m_db.prepare(sql);
    if (!q)
        return q.error();
    for (const QVariant &value : values)
        q->addBindValue(value);
    if (!q->exec())
        return m_db.error(QStringLiteral("read pipeline runs"), *q);
    QList<PipelineRun> runs;
    while (q->next())
        runs.append(runFromRow(*q));
    return runs;
}

Result<QList<PipelineRun>> PipelineRunStore::runs(
    const QString &repository, const PipelineRunFilter &filter) const
{
    const auto repoId = testresults::TestRunImporter::repositoryId(m_db, repository, false);
    if (!repoId)
        return repoId.error();
    if (*repoId == 0)
        return QList<PipelineRun>();
    QString where = QStringLiteral("repository_id = ?");
    QVariantList values { *repoId };
    if (!filter.branch.isEmpty()) {
        where += QStringLiteral(" AND branch = ?");
        values << filter.branch;
    }
    if (!filter.commit.isEmpty()) {
        where += QStringLiteral(" AND commit_id = ?");
        values << filter.commit.toLower();
    }
    if (!filter.provider.isEmpty()) {
        where += QStringLiteral(" AND provider = ?");
        values << filter.provider;
    }
    return select(where, values, filter.limit);
}

Result<std::optional<PipelineRun>> PipelineRunStore::run(
    const QString &repository, const QString &provider, const QString &project, const QString &id) const
{
    const auto repoId = testresults::TestRunImporter::repositoryId(m_db, repository, false);
    if (!repoId)
        return repoId.error();
    auto found = select(QStringLiteral("repository_id = ? AND provider = ? AND project = ? AND run_id = ?"),
        { *repoId, provider, project, id }, 1);
    if (!found)
        return found.error();
    return found->isEmpty() ? std::nullopt : std::optional<PipelineRun>(found->first());
}

Result<QHash<QString, PipelineRun>> PipelineRunStore::latestPerBranch(const QString &repository) const
{
    const auto repoId = testresults::TestRunImporter::repositoryId(m_db, repository, false);
    if (!repoId)
        return repoId.error();
    auto found
        = select(QStringLiteral("repository_id = ? AND branch <> '' AND NOT EXISTS (SELECT 1 FROM "
                                "pipeline_runs n WHERE n.repository_id = pipeline_runs.repository_id "
                                "AND n.branch = pipeline_runs.branch AND (n.sort_at > pipeline_runs.sort_at "
                                "OR (n.sort_at = pipeline_runs.sort_at AND n.id > pipeline_runs.id)))"),
            { *repoId }, 0);
    if (!found)
        return found.error();
    QHash<QString, PipelineRun> latest;
    for (const PipelineRun &run : *found)
        latest.insert(run.branch, run);
    return latest;
}

Result<QHash<QString, QList<PipelineRun>>> PipelineRunStore::runsForCommits(
    const QString &repository, const QStringList &commits) const
{
    QHash<QString, QList<PipelineRun>> byCommit;
    const auto repoId = testresults::TestRunImporter::repositoryId(m_db, repository, false);
    if (!repoId)
        return repoId.error();
    if (*repoId == 0 || commits.isEmpty())
        return byCommit;
    QStringList unique;
    QSet<QString> seen;
    for (const QString &commit : commits)
        if (!commit.isEmpty() && !seen.contains(commit.toLower())) {
            seen.insert(commit.toLower());
            unique << commit.toLower();
        }
    for (qsizetype from = 0; from < unique.size(); from += CommitsPerQuery) {
        const QStringList slice = unique.mid(from, CommitsPerQuery);
        QVariantList values { *repoId };
        for (const QString &commit : slice)
            values << commit;
        auto found = select(QStringLiteral("repository_id = ? AND commit_id IN (")
                + placeholders(slice.size()) + QLatin1Char(')'),
            values, 0);
        if (!found)
            return found.error();
        for (const PipelineRun &run : *found)
            byCommit[run.commit].append(run); // already newest first
    }
    return byCommit;
}

Result<QHash<QString, CommitStatus>> PipelineRunStore::commitStatuses(
    const QString &repository, const QStringList &commits) const
{
    auto byCommit = runsForCommits(repository, commits);
    if (!byCommit)
        return byCommit.error();
    QHash<QString, CommitStatus> statuses;
    for (auto it = byCommit->cbegin(); it != byCommit->cend(); ++it) {
        // A re-run replaces the earlier run of the same pipeline; different
        // pipelines (workflows, providers) all count.
        QSet<QString> pipelines;
        CommitStatus status;
        status.commit = it.key();
        for (const PipelineRun &run : it.value()) {
            const QString pipeline
                = run.provider + QLatin1Char('\x1f') + run.project + QLatin1Char('\x1f') + run.name;
            if (pipelines.contains(pipeline))
                continue;
            pipelines.insert(pipeline);
            status.status = status.checks == 0 ? run.status : worst(status.status, run.status);
            if (status.url.isEmpty())
                status.url = run.url;
            ++status.checks;
        }
        statuses.insert(it.key(), status);
    }
    return statuses;
}

Result<std::optional<PipelineJobLog>> PipelineRunStore::jobLog(const QString &repository,
    const QString &provider, const QString &project, const QString &runId, const QString &jobId) const
{
    const auto repoId = testresults::TestRunImporter::repositoryId(m_db, repository, false);
    if (!repoId)
        return repoId.error();
    auto q = m_db.prepare(QStringLiteral(
        "SELECT l.size, l.truncated, l.content FROM pipeline_logs l JOIN pipeline_runs r ON r.id = "
        "l.pipeline_run_id "
        "WHERE r.repository_id = ? AND r.provider = ? AND r.project = ? AND r.run_id = ? AND l.job_id = ?"));
    if (!q)
        return q.error();
    for (const QVariant &value : QVariantList { *repoId, provider, project, runId, jobId })
        q->addBindValue(value);
    if (!q->exec())
        return m_db.error(QStringLiteral("read the log of job %1 of run %2").arg(jobId, runId), *q);
    if (!q->next())
        return std::optional<PipelineJobLog>();
    PipelineJobLog log;
    log.size = q->value(0).toLongLong();
    log.truncated = q->value(1).toInt() != 0;
    log.text = qUncompress(q->value(2).toByteArray());
    if (log.text.size() != log.size)
        return Error { QStringLiteral(
            "The stored log of job %1 of run %2 is damaged (%3 bytes expected, %4 read).")
                           .arg(jobId, runId)
                           .arg(log.size)
                           .arg(log.text.size()) };
    return std::optional<PipelineJobLog>(log);
}

} // namespace devdash::ci

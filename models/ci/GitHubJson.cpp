#include "ci/GitHubJson.h"

#include "ci/HttpErrorText.h"
#include "ci/HttpResponse.h"

#include <QJsonArray>

namespace devdash::ci {

namespace {

Result<QJsonObject> objectOf(const QByteArray &json, const QUrl &source)
{
    auto doc = HttpErrorText::parseJson(json, source);
    if (!doc)
        return doc.error();
    if (!doc->isObject())
        return Error { QStringLiteral("unexpected JSON from %1: expected an object")
                           .arg(HttpErrorText::displayUrl(source)),
            HttpMalformed };
    return doc->object();
}

QString idOf(const QJsonValue &v)
{
    return v.isString() ? v.toString() : QString::number(v.toInteger());
}

} // namespace

QDateTime GitHubJson::time(const QJsonValue &value)
{
    if (!value.isString() || value.toString().isEmpty())
        return {};
    QDateTime t = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : QDateTime();
}

RunStatus GitHubJson::runStatus(const QString &status, const QString &conclusion)
{
    if (status == QLatin1String("in_progress"))
        return RunStatus::Running;
    if (status == QLatin1String("waiting")) // a deployment waits for a reviewer
        return RunStatus::Manual;
    if (status != QLatin1String("completed")) // queued, requested, pending
        return RunStatus::Queued;
    if (conclusion == QLatin1String("success"))
        return RunStatus::Success;
    if (conclusion == QLatin1String("cancelled"))
        return RunStatus::Canceled;
    if (conclusion == QLatin1String("action_required"))
        return RunStatus::Manual;
    if (conclusion == QLatin1String("neutral") || conclusion == QLatin1String("skipped")
        || conclusion == QLatin1String("stale"))
        return RunStatus::Skipped;
    // failure, timed_out, startup_failure — and any conclusion GitHub adds later.
    return RunStatus::Failed;
}

PipelineRun GitHubJson::runFromObject(const QJsonObject &o, const QString &project)
{
    PipelineRun run;
    run.provider = QStringLiteral("github");
    run.project = project;
    run.id = idOf(o.value(QStringLiteral("id")));
    run.name = o.value(QStringLiteral("name")).toString();
    run.branch = o.value(QStringLiteral("head_branch")).toString();
    run.commit = o.value(QStringLiteral("head_sha")).toString();
    run.status = runStatus(
        o.value(QStringLiteral("status")).toString(), o.value(QStringLiteral("conclusion")).toString());
    run.trigger = o.value(QStringLiteral("event")).toString();
    run.startedAt = time(o.value(QStringLiteral("run_started_at")));
    if (!run.startedAt.isValid() && run.status != RunStatus::Queued)
        run.startedAt = time(o.value(QStringLiteral("created_at")));
    // A workflow run has no completion time: its last update is when it completed.
    if (o.value(QStringLiteral("status")).toString() == QLatin1String("completed"))
        run.finishedAt = time(o.value(QStringLiteral("updated_at")));
    run.url = o.value(QStringLiteral("html_url")).toString();
    return run;
}

Result<QList<PipelineRun>> GitHubJson::parseRuns(
    const QByteArray &json, const QString &project, const QUrl &source)
{
    auto o = objectOf(json, source);
    if (!o)
        return o.error();
    const QJsonValue runs = o->value(QStringLiteral("workflow_runs"));
    if (!runs.isArray())
        return Error { QStringLiteral("unexpected JSON from %1: no \"workflow_runs\" array")
                           .arg(HttpErrorText::displayUrl(source)),
            HttpMalformed };
    QList<PipelineRun> result;
    for (const QJsonValue &v : runs.toArray())
        result.append(runFromObject(v.toObject(), project));
    return result;
}

Result<PipelineRun> GitHubJson::parseRun(const QByteArray &json, const QString &project, const QUrl &source)
{
    auto o = objectOf(json, source);
    if (!o)
        return o.error();
    if (!o->contains(QStringLiteral("id")))
        return Error { QStringLiteral("unexpected JSON from %1: not a workflow run")
                           .arg(HttpErrorText::displayUrl(source)),
            HttpMalformed };
    return runFromObject(*o, project);
}

Result<QList<PipelineJob>> GitHubJson::parseJobs(const QByteArray &json, const QUrl &source)
{
    auto o = objectOf(json, source);
    if (!o)
        return o.error();
    const QJsonValue jobs = o->value(QStringLiteral("jobs"));
    if (!jobs.isArray())
        return Error { QStringLiteral("unexpected JSON from %1: no \"jobs\" array")
                           .arg(HttpErrorText::displayUrl(source)),
            HttpMalformed };
    QList<PipelineJob> result;
    for (const QJsonValue &v : jobs.toArray()) {
        const QJsonObject j = v.toObject();
        PipelineJob job;
        job.id = idOf(j.value(QStringLiteral("id")));
        job.name = j.value(QStringLiteral("name")).toString();
        job.status = runStatus(
            j.value(QStringLiteral("status")).toString(), j.value(QStringLiteral("conclusion")).toString());
        job.startedAt = time(j.value(QStringLiteral("started_at")));
        job.finishedAt = time(j.value(QStringLiteral("completed_at")));
        job.url = j.value(QStringLiteral("html_url")).toString();
        for (const QJsonValue &s : j.value(QStringLiteral("steps")).toArray()) {
            const QJsonObject so = s.toObject();
            PipelineStep step;
            step.name = so.value(QStringLiteral("name")).toString();
            step.status = runStatus(so.value(QStringLiteral("status")).toString(),
                so.value(QStringLiteral("conclusion")).toString());
            step.startedAt = time(so.value(QStringLiteral("started_at")));
            step.finishedAt = time(so.value(QStringLiteral("completed_at")));
            job.steps.append(step);
        }
        result.append(job);
    }
    return result;
}

Result<QList<RunStatus>> GitHubJson::parseCheckRuns(const QByteArray &json, const QUrl &source, QString *url)
{
    auto o = objectOf(json, source);
    if (!o)
        return o.error();
    QList<RunStatus> result;
    for (const QJsonValue &v : o->value(QStringLiteral("check_runs")).toArray()) {
        const QJsonObject c = v.toObject();
        result.append(runStatus(
            c.value(QStringLiteral("status")).toString(), c.value(QStringLiteral("conclusion")).toString()));
        if (url && url->isEmpty())
            *url = c.value(QStringLiteral("html_url")).toString();
    }
    return result;
}

Result<QList<RunStatus>> GitHubJson::parseCombinedStatus(
    const QByteArray &json, const QUrl &source, QString *url)
{
    auto o = objectOf(json, source);
    if (!o)
        return o.error();
    QList<RunStatus> result;
    for (const QJsonValue &v : o->value(QStringLiteral("statuses")).toArray()) {
        const QJsonObject s = v.toObject();
        const QString state = s.value(QStringLiteral("state")).toString();
        if (state == QLatin1String("success"))
            result.append(RunStatus::Success);
        else if (state == QLatin1String("pending"))
            result.append(RunStatus::Running);
        else // failure, error
            result.append(RunStatus::Failed);
        if (url && url->isEmpty())
            *url = s.value(QStringLiteral("target_url")).toString();
    }
    return result;
}

} // namespace devdash::ci

#include "ci/GitLabJson.h"

#include "ci/GitHubJson.h"
#include "ci/HttpErrorText.h"
#include "ci/HttpResponse.h"
#include "ci/StatusRollup.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace devdash::ci {

namespace {

QString idOf(const QJsonValue &v)
{
    return v.isString() ? v.toString() : QString::number(v.toInteger());
}

Result<QJsonDocument> docOf(const QByteArray &json, const QUrl &source)
{
    return HttpErrorText::parseJson(json, source);
}

Error unexpected(const QUrl &source, const QString &what)
{
    return Error { QStringLiteral("unexpected JSON from %1: %2").arg(HttpErrorText::displayUrl(source), what),
        HttpMalformed };
}

} // namespace

RunStatus GitLabJson::runStatus(const QString &status)
{
    if (status == QLatin1String("running"))
        return RunStatus::Running;
    if (status == QLatin1String("success"))
        return RunStatus::Success;
    if (status == QLatin1String("failed"))
        return RunStatus::Failed;
    if (status == QLatin1String("canceled") || status == QLatin1String("canceling"))
        return RunStatus::Canceled;
    if (status == QLatin1String("skipped"))
        return RunStatus::Skipped;
    if (status == QLatin1String("manual"))
        return RunStatus::Manual;
    // created, waiting_for_resource, preparing, pending, scheduled
    return RunStatus::Queued;
}

PipelineRun GitLabJson::runFromObject(const QJsonObject &o, const QString &project)
{
    PipelineRun run;
    run.provider = QStringLiteral("gitlab");
    run.project = project;
    run.id = idOf(o.value(QStringLiteral("id")));
    run.name = o.value(QStringLiteral("name")).toString();
    if (run.name.isEmpty())
        run.name = QStringLiteral("pipeline #%1").arg(idOf(o.value(QStringLiteral("iid"))));
    if (!o.value(QStringLiteral("tag")).toBool())
        run.branch = o.value(QStringLiteral("ref")).toString();
    run.commit = o.value(QStringLiteral("sha")).toString();
    run.status = runStatus(o.value(QStringLiteral("status")).toString());
    run.trigger = o.value(QStringLiteral("source")).toString();
    run.startedAt = GitHubJson::time(o.value(QStringLiteral("started_at")));
    run.finishedAt = GitHubJson::time(o.value(QStringLiteral("finished_at")));
    run.url = o.value(QStringLiteral("web_url")).toString();
    return run;
}

Result<QList<PipelineRun>> GitLabJson::parsePipelines(
    const QByteArray &json, const QString &project, const QUrl &source)
{
    auto doc = docOf(json, source);
    if (!doc)
        return doc.error();
    if (!doc->isArray())
        return unexpected(source, QStringLiteral("expected an array of pipelines"));
    QList<PipelineRun> runs;
    for (const QJsonValue &v : doc->array())
        runs.append(runFromObject(v.toObject(), project));
    return runs;
}

Result<PipelineRun> GitLabJson::parsePipeline(
    const QByteArray &json, const QString &project, const QUrl &source)
{
    auto doc = docOf(json, source);
    if (!doc)
        return doc.error();
    if (!doc->isObject() || !doc->object().contains(QStringLiteral("id")))
        return unexpected(source, QStringLiteral("not a pipeline"));
    return runFromObject(doc->object(), project);
}

Result<QList<PipelineStage>> GitLabJson::parseJobs(const QList<QByteArray> &pages, const QUrl &source)
{
    struct Entry
    {
        qint64 id;
        QString stage;
        PipelineJob job;
    };
    QList<Entry> entries;
    for (const QByteArray &page : pages) {
        auto doc = docOf(page, source);
        if (!doc)
            return doc.error();
        if (!doc->isArray())
            return unexpected(source, QStringLiteral("expected an array of jobs"));
        for (const QJsonValue &v : doc->array()) {
            const QJsonObject j = v.toObject();
            Entry e;
            e.id = j.value(QStringLiteral("id")).toInteger();
            e.stage = j.value(QStringLiteral("stage")).toString();
            e.job.id = idOf(j.value(QStringLiteral("id")));
            e.job.name = j.value(QStringLiteral("name")).toString();
            e.job.status = runStatus(j.value(QStringLiteral("status")).toString());
            e.job.startedAt = GitHubJson::time(j.value(QStringLiteral("started_at")));
            e.job.finishedAt = GitHubJson::time(j.value(QStringLiteral("finished_at")));
            e.job.url = j.value(QStringLiteral("web_url")).toString();
            entries.append(e);
        }
    }
    // GitLab lists jobs newest first; the pipeline's stage order is the order in which
    // stages first got a job (job ids grow through the pipeline).
    std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.id < b.id; });
    QList<PipelineStage> stages;
    for (const Entry &e : std::as_const(entries)) {
        auto stage = std::find_if(
            stages.begin(), stages.end(), [&](const PipelineStage &s) { return s.name == e.stage; });
        if (stage == stages.end()) {
            stages.append(PipelineStage { e.stage, RunStatus::Queued, {} });
            stage = stages.end() - 1;
        }
        // A retried job: the later attempt replaces the earlier one.
        auto same = std::find_if(stage->jobs.begin(), stage->jobs.end(),
            [&](const PipelineJob &j) { return j.name == e.job.name; });
        if (same != stage->jobs.end())
            *same = e.job;
        else
            stage->jobs.append(e.job);
    }
    for (PipelineStage &stage : stages) {
        QList<RunStatus> statuses;
        for (const PipelineJob &job : std::as_const(stage.jobs))
            statuses.append(job.status);
        stage.status = rollUp(statuses);
    }
    return stages;
}

Result<std::optional<testresults::TestReport>> GitLabJson::parseTestReport(
    const QByteArray &json, const QUrl &source)
{
    using namespace testresults;
    auto doc = docOf(json, source);
    if (!doc)
        return doc.error();
    if (!doc->isObject())
        return unexpected(source, QStringLiteral("expected a test report object"));
    const QJsonObject o = doc->object();
    const QJsonArray suites = o.value(QStringLiteral("test_suites")).toArray();
    if (suites.isEmpty() && o.value(QStringLiteral("total_count")).toInt() == 0)
        return std::optional<TestReport>();
    TestReport report;
    report.file = HttpErrorText::displayUrl(source);
    report.format = QStringLiteral("junit"); // GitLab builds test_report from JUnit artifacts
    report.tool = QStringLiteral("gitlab");
    for (const QJsonValue &sv : suites) {
        const QJsonObject s = sv.toObject();
        TestSuite suite;
        suite.name = s.value(QStringLiteral("name")).toString();
        suite.path = suite.name;
        suite.durationS = s.value(QStringLiteral("total_time")).toDouble(NAN);
        report.suites.append(suite);
        for (const QJsonValue &cv : s.value(QStringLiteral("test_cases")).toArray()) {
            const QJsonObject c = cv.toObject();
            TestCase tc;
            tc.suite = suite.path;
            tc.className = c.value(QStringLiteral("classname")).toString();
            tc.name = c.value(QStringLiteral("name")).toString();
            tc.file = c.value(QStringLiteral("file")).toString();
            const QString status = c.value(QStringLiteral("status")).toString();
            tc.status = status == QLatin1String("failed") ? TestStatus::Failed
                : status == QLatin1String("error")        ? TestStatus::Errored
                : status == QLatin1String("skipped")      ? TestStatus::Skipped
                                                          : TestStatus::Passed;
            tc.durationS = c.value(QStringLiteral("execution_time")).toDouble(NAN);
            const QString output = c.value(QStringLiteral("system_output")).toString();
            tc.details = c.value(QStringLiteral("stack_trace")).toString();
            if (tc.status == TestStatus::Failed || tc.status == TestStatus::Errored) {
                tc.message = output.section(QLatin1Char('\n'), 0, 0);
                if (tc.details.isEmpty())
                    tc.details = output;
            } else {
                tc.systemOut = output;
            }
            report.cases.push_back(std::move(tc));
        }
    }
    return std::optional<TestReport>(std::move(report));
}

} // namespace devdash::ci

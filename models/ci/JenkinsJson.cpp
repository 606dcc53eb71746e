#include "JenkinsJson.h"

#include "common/InputLimits.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

namespace devdash::ci {

namespace {

const QString kBuildFields = QStringLiteral(
    "number,url,result,building,timestamp,duration,inProgress,"
    "actions[_class,lastBuiltRevision[SHA1,branch[name]],revision[hash],causes[_class,shortDescription]]");

QDateTime fromMillis(const QJsonValue &value)
{
    const qint64 ms = InputLimits::jsonInteger(value.toDouble(0));
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime();
}

// "refs/remotes/origin/main", "origin/main", "refs/heads/main" → "main".
QString shortBranch(QString name)
{
    for (const char *prefix : { "refs/remotes/", "refs/heads/", "remotes/" })
        if (name.startsWith(QLatin1StringView(prefix))) {
            name = name.mid(int(qstrlen(prefix)));
            if (qstrcmp(prefix, "refs/heads/") != 0 && name.contains(QLatin1Char('/')))
                name = name.section(QLatin1Char('/'), 1);
            return name;
        }
    if (name.startsWith(QLatin1StringView("origin/")))
        return name.mid(7);
    return name;
}

bool isFullSha(const QString &text)
{
    static const QRegularExpression sha(QStringLiteral("^[0-9a-fA-F]{40}$"));
    return sha.match(text).hasMatch();
}

} // namespace

QString JenkinsJson::jobPath(const QString &project)
{
    QString path;
    for (const QString &name : project.split(QLatin1Char('/'), Qt::SkipEmptyParts))
        path += QStringLiteral("/job/") + QString::fromLatin1(QUrl::toPercentEncoding(name));
    return path;
}

QString JenkinsJson::branchJobName(const QString &branch)
{
    QString name = branch;
    name.replace(QLatin1Char('%'), QStringLiteral("%25"));
    name.replace(QLatin1Char('/'), QStringLiteral("%2F"));
    return name;
}

QString JenkinsJson::branchFromJobName(const QString &jobName)
{
    return QUrl::fromPercentEncoding(jobName.toUtf8());
}

QString JenkinsJson::jobTree(int limit)
{
    const QString range = QStringLiteral("{0,%1}").arg(std::max(1, limit));
    return QStringLiteral("_class,name,url,inQueue,nextBuildNumber,builds[%1]%2,"
                          "jobs[_class,name,url,inQueue,nextBuildNumber,builds[%1]%2]")
        .arg(kBuildFields, range);
}

QString JenkinsJson::rebaseUrl(const QString &url, const QString &serverUrl)
{
    if (url.isEmpty() || serverUrl.isEmpty())
        return url;
    const QUrl reported(url);
    const QUrl server(serverUrl);
    if (reported.host() == server.host() && reported.port() == server.port()
        && reported.scheme() == server.scheme())
        return url;
    // Jenkins reports its configured root URL; keep what follows the first /job/.
    const QString path = reported.path(QUrl::FullyEncoded);
    const qsizetype at = path.indexOf(QLatin1StringView("/job/"));
    if (at < 0)
        return url;
    QString base = serverUrl;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return base + path.mid(at);
}

RunStatus JenkinsJson::buildStatus(const QJsonObject &build)
{
    if (build.value(QLatin1StringView("building")).toBool())
        return RunStatus::Running;
    const QString result = build.value(QLatin1StringView("result")).toString();
    if (result == u"SUCCESS")
        return RunStatus::Success;
    if (result == u"FAILURE" || result == u"UNSTABLE")
        return RunStatus::Failed;
    if (result == u"ABORTED")
        return RunStatus::Canceled;
    if (result == u"NOT_BUILT")
        return RunStatus::Skipped;
    // No result and not building: a Pipeline between stages still reports inProgress.
    return RunStatus::Running;
}

QString JenkinsJson::trigger(const QJsonObject &build)
{
    const QJsonArray actions = build.value(QLatin1StringView("actions")).toArray();
    for (const QJsonValue &action : actions) {
        const QJsonArray causes = action.toObject().value(QLatin1StringView("causes")).toArray();
        for (const QJsonValue &cause : causes) {
            const QString type = cause.toObject().value(QLatin1StringView("_class")).toString();
            if (type.contains(u"UserIdCause") || type.contains(u"UserCause"))
                return QStringLiteral("manual");
            if (type.contains(u"TimerTrigger"))
                return QStringLiteral("schedule");
            if (type.contains(u"UpstreamCause"))
                return QStringLiteral("upstream");
            if (type.contains(u"RemoteCause"))
                return QStringLiteral("api");
            if (type.contains(u"PullRequest") || type.contains(u"GhprbCause"))
                return QStringLiteral("pull_request");
            if (type.contains(u"SCMTrigger") || type.contains(u"PushCause")
                || type.contains(u"BranchEventCause") || type.contains(u"BranchIndexingCause"))
                return QStringLiteral("push");
        }
    }
    return {};
}

PipelineRun JenkinsJson::parseBuild(const QJsonObject &build, const QString &project, const QString &name,
    const QString &branch, const QString &serverUrl)
{
    PipelineRun run;
    run.provider = QStringLiteral("jenkins");
    run.project = project;
    const QString number
        = QString::number(InputLimits::jsonInteger(build.value(QLatin1StringView("number")).toDouble()));
    run.id = branch.isEmpty() ? number : branch + QLatin1Char('#') + number;
    run.name = name;
    run.branch = branch;
    run.status = buildStatus(build);
    run.trigger = trigger(build);
    run.url = rebaseUrl(build.value(QLatin1StringView("url")).toString(), serverUrl);
    run.startedAt = fromMillis(build.value(QLatin1StringView("timestamp")));
    const qint64 durationMs = InputLimits::jsonInteger(build.value(QLatin1StringView("duration")).toDouble());
    if (!isActive(run.status) && run.startedAt.isValid())
        run.finishedAt = run.startedAt.addMSecs(std::max<qint64>(0, durationMs));

    // A multibranch build names its revision (SCMRevisionAction); otherwise the first
    // git BuildData (later ones are usually shared libraries checked out by the Pipeline).
    QString buildDataSha;
    QString buildDataBranch;
    const QJsonArray actions = build.value(QLatin1StringView("actions")).toArray();
    for (const QJsonValue &value : actions) {
        const QJsonObject action = value.toObject();
        const QString hash = action.value(QLatin1StringView("revision"))
                                 .toObject()
                                 .value(QLatin1StringView("hash"))
                                 .toString();
        if (isFullSha(hash) && run.commit.isEmpty())
            run.commit = hash.toLower();
        const QJsonObject revision = action.value(QLatin1StringView("lastBuiltRevision")).toObject();
        if (!revision.isEmpty() && buildDataSha.isEmpty()) {
            buildDataSha = revision.value(QLatin1StringView("SHA1")).toString();
            const QJsonArray branches = revision.value(QLatin1StringView("branch")).toArray();
            if (!branches.isEmpty())
                buildDataBranch
                    = shortBranch(branches.first().toObject().value(QLatin1StringView("name")).toString());
        }
    }
    if (run.commit.isEmpty() && isFullSha(buildDataSha))
        run.commit = buildDataSha.toLower();
    if (run.branch.isEmpty())
        run.branch = buildDataBranch;
    return run;
}

Result<QList<PipelineRun>> JenkinsJson::parseJob(
    const QByteArray &json, const QString &project, const QString &serverUrl)
{
    const auto document = InputLimits::parseJson(json, InputLimits::CiJsonBytes);
    if (!document || !document->isObject())
        return Error { QStringLiteral("Jenkins answered for the job %1 with something that is not JSON "
                                      "(%2). Check the server URL and the job path.")
                           .arg(project,
                               document ? QStringLiteral("not an object") : document.errorMessage()) };
    const QJsonObject job = document->object();
    const QString jobName = project.section(QLatin1Char('/'), -1);
    QList<PipelineRun> runs;

    auto addJob = [&](const QJsonObject &object, const QString &branch) {
        const QJsonArray builds = object.value(QLatin1StringView("builds")).toArray();
        if (object.value(QLatin1StringView("inQueue")).toBool()) {
            // The queued build will take nextBuildNumber: the same identity once it starts.
            PipelineRun queued;
            queued.provider = QStringLiteral("jenkins");
            queued.project = project;
            const QString number = QString::number(
                InputLimits::jsonInteger(object.value(QLatin1StringView("nextBuildNumber")).toDouble()));
            queued.id = branch.isEmpty() ? number : branch + QLatin1Char('#') + number;
            queued.name = jobName;
            queued.branch = branch;
            queued.status = RunStatus::Queued;
            queued.url = rebaseUrl(object.value(QLatin1StringView("url")).toString(), serverUrl);
            bool alreadyListed = false;
            for (const QJsonValue &b : builds)
                alreadyListed |= QString::number(InputLimits::jsonInteger(
                                     b.toObject().value(QLatin1StringView("number")).toDouble()))
                    == number;
            if (!alreadyListed)
                runs.append(queued);
        }
        for (const QJsonValue &build : builds)
            runs.append(parseBuild(build.toObject(), project, jobName, branch, serverUrl));
    };

    const QJsonValue children = job.value(QLatin1StringView("jobs"));
    if (children.isArray() && !job.contains(QLatin1StringView("builds"))) {
        // Multibranch (or an organisation folder's repository): one child job per branch.
        for (const QJsonValue &child : children.toArray()) {
            const QJsonObject object = child.toObject();
            addJob(object, branchFromJobName(object.value(QLatin1StringView("name")).toString()));
        }
    } else if (job.contains(QLatin1StringView("builds"))) {
        addJob(job, {});
    } else {
        return Error { QStringLiteral("Jenkins's answer for %1 lists neither builds nor branch jobs: is it a "
                                      "folder? Name the job itself (\"folder/job\").")
                           .arg(project) };
    }
    // Newest first: by start time, queued (not started) on top.
    std::stable_sort(runs.begin(), runs.end(), [](const PipelineRun &a, const PipelineRun &b) {
        if (a.startedAt.isValid() != b.startedAt.isValid())
            return !a.startedAt.isValid();
        return a.startedAt > b.startedAt;
    });
    return runs;
}

RunStatus JenkinsJson::stageStatus(const QString &status)
{
    if (status == u"SUCCESS")
        return RunStatus::Success;
    if (status == u"FAILED" || status == u"FAILURE" || status == u"UNSTABLE")
        return RunStatus::Failed;
    if (status == u"ABORTED")
        return RunStatus::Canceled;
    if (status == u"NOT_EXECUTED" || status == u"NOT_BUILT" || status == u"SKIPPED")
        return RunStatus::Skipped;
    if (status == u"PAUSED_PENDING_INPUT")
        return RunStatus::Manual;
    if (status == u"QUEUED")
        return RunStatus::Queued;
    return RunStatus::Running; // IN_PROGRESS
}

Result<QList<PipelineStage>> JenkinsJson::parseStages(const QByteArray &json, const QString &runUrl)
{
    const auto document = InputLimits::parseJson(json, InputLimits::CiJsonBytes);
    if (!document || !document->isObject())
        return Error { QStringLiteral("Jenkins's stage view of %1 is not JSON (%2). Is the Pipeline Stage "
                                      "View plugin installed?")
                           .arg(runUrl.isEmpty() ? QStringLiteral("the run") : runUrl,
                               document ? QStringLiteral("not an object") : document.errorMessage()) };
    QList<PipelineStage> stages;
    const QJsonArray array = document->object().value(QLatin1StringView("stages")).toArray();
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        PipelineJob job;
        job.id = object.value(QLatin1StringView("id")).toVariant().toString();
        job.name = object.value(QLatin1StringView("name")).toString();
        job.status = stageStatus(object.value(QLatin1StringView("status")).toString());
        job.startedAt = fromMillis(object.value(QLatin1StringView("startTimeMillis")));
        if (!isActive(job.status) && job.status != RunStatus::Manual && job.startedAt.isValid())
            job.finishedAt = job.startedAt.addMSecs(
                InputLimits::jsonInteger(object.value(QLatin1StringView("durationMillis")).toDouble()));
        if (job.status == RunStatus::Skipped) {
            job.startedAt = {};
            job.finishedAt = {};
        }
        job.url = runUrl;
        PipelineStage stage;
        stage.name = job.name;
        stage.status = job.status;
        stage.jobs.append(job);
        stages.append(stage);
    }
    return stages;
}

} // namespace devdash::ci

#pragma once

// What Jenkins's JSON API says, turned into the common run model, without a
// network: JenkinsProvider fetches, this reads. Shapes as Jenkins documents them
// (`/api/json?tree=…`, the Pipeline Stage View's `wfapi/describe`).
//
// Job paths are written as users see them in Jenkins: "folder/app" for
// /job/folder/job/app/. A multibranch job has one child job per branch, named
// after the branch with "/" encoded ("feature%2Fx"): it is listed in one request
// (jobs[…builds[…]]) and each child's builds carry the branch.

#include "PipelineRun.h"
#include "common/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace devdash::ci {

class JenkinsJson
{
public:
    // "/job/folder/job/app" for "folder/app": every name percent-encoded.
    static QString jobPath(const QString &project);
    // The child job's name of a multibranch branch: "feature/x" → "feature%2Fx".
    static QString branchJobName(const QString &branch);
    // "feature%2Fx" → "feature/x".
    static QString branchFromJobName(const QString &jobName);
    // The `tree` parameter that fetches the latest `limit` builds of a job, or of
    // every branch of a multibranch job, in one request.
    static QString jobTree(int limit);

    // The runs of a job or a multibranch job (api/json with jobTree()), newest
    // first. A job waiting in the queue gives a queued run numbered
    // nextBuildNumber, so that it keeps its identity when it starts.
    // `serverUrl` rebases the URLs Jenkins reports (its configured root URL may
    // differ from the one DevDash reaches it by).
    static Result<QList<PipelineRun>> parseJob(
        const QByteArray &json, const QString &project, const QString &serverUrl = {});

    // One build object of a builds[] array.
    static PipelineRun parseBuild(const QJsonObject &build, const QString &project, const QString &name,
        const QString &branch, const QString &serverUrl);

    // result SUCCESS → success, FAILURE/UNSTABLE → failed, ABORTED → canceled,
    // NOT_BUILT → skipped; building (or no result yet) → running.
    static RunStatus buildStatus(const QJsonObject &build);
    // The trigger of a build from its causes: "manual", "push", "schedule",
    // "upstream", "pull_request", "api", or "" when Jenkins does not say.
    static QString trigger(const QJsonObject &build);

    // wfapi/describe: each stage becomes a stage with one job of the same name
    // (Jenkins's stages are what runs; there is no job level).
    static Result<QList<PipelineStage>> parseStages(const QByteArray &json, const QString &runUrl = {});
    // Stage View statuses: SUCCESS, FAILED, UNSTABLE, ABORTED, NOT_EXECUTED,
    // IN_PROGRESS, PAUSED_PENDING_INPUT (→ manual), QUEUED.
    static RunStatus stageStatus(const QString &status);

    // A URL Jenkins reported, moved onto `serverUrl` when its host differs.
    static QString rebaseUrl(const QString &url, const QString &serverUrl);
};

} // namespace devdash::ci

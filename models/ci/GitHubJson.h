#pragma once

// Pure functions from GitHub REST responses (Actions workflow runs and jobs, check
// runs, combined commit status) to the common run model. No network: tested on
// response bodies alone (tests/ci/tst_githubprovider.cpp).

#include "ci/PipelineRun.h"
#include "common/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QUrl>

namespace devdash::ci {

class GitHubJson
{
public:
    // status (queued, in_progress, completed, waiting, requested, pending) + conclusion.
    static RunStatus runStatus(const QString &status, const QString &conclusion);

    // GET /repos/{o}/{r}/actions/runs → runs in the response's (newest first) order.
    static Result<QList<PipelineRun>> parseRuns(
        const QByteArray &json, const QString &project, const QUrl &source);
    // GET /repos/{o}/{r}/actions/runs/{id}
    static Result<PipelineRun> parseRun(const QByteArray &json, const QString &project, const QUrl &source);
    static PipelineRun runFromObject(const QJsonObject &o, const QString &project);
    // GET /repos/{o}/{r}/actions/runs/{id}/jobs → jobs with their steps.
    static Result<QList<PipelineJob>> parseJobs(const QByteArray &json, const QUrl &source);
    // GET /repos/{o}/{r}/commits/{sha}/check-runs → one status per check run; first html_url in `url`.
    static Result<QList<RunStatus>> parseCheckRuns(
        const QByteArray &json, const QUrl &source, QString *url = nullptr);
    // GET /repos/{o}/{r}/commits/{sha}/status → one status per commit status (none: empty).
    static Result<QList<RunStatus>> parseCombinedStatus(
        const QByteArray &json, const QUrl &source, QString *url = nullptr);

    // "2024-02-26T23:29:05Z" → UTC; invalid for null/empty.
    static QDateTime time(const QJsonValue &value);
};

} // namespace devdash::ci

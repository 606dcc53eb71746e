#pragma once

// Pure functions from GitLab REST responses (pipelines, pipeline jobs, test_report)
// to the common run model and the test-history report. No network: tested on
// response bodies alone (tests/ci/tst_gitlabprovider.cpp).

#include "ci/PipelineRun.h"
#include "common/Result.h"
#include "testresults/TestReport.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QUrl>

namespace devdash::ci {

class GitLabJson
{
public:
    // created, waiting_for_resource, preparing, pending, scheduled → queued; running;
    // success; failed; canceled/canceling; skipped; manual.
    static RunStatus runStatus(const QString &status);

    // GET /projects/:id/pipelines → runs (no start/finish: the listing lacks them).
    static Result<QList<PipelineRun>> parsePipelines(
        const QByteArray &json, const QString &project, const QUrl &source);
    // GET /projects/:id/pipelines/:pipeline_id
    static Result<PipelineRun> parsePipeline(
        const QByteArray &json, const QString &project, const QUrl &source);
    static PipelineRun runFromObject(const QJsonObject &o, const QString &project);
    // GET /projects/:id/pipelines/:pipeline_id/jobs (all pages) → stages in pipeline order,
    // each with its jobs; a retried job appears once (its latest attempt).
    static Result<QList<PipelineStage>> parseJobs(const QList<QByteArray> &pages, const QUrl &source);
    // GET /projects/:id/pipelines/:pipeline_id/test_report → the test history's report
    // (nullopt when the pipeline produced no report).
    static Result<std::optional<testresults::TestReport>> parseTestReport(
        const QByteArray &json, const QUrl &source);
};

} // namespace devdash::ci

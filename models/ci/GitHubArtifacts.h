#pragma once

// Test reports of a GitHub Actions run, from its artifacts (GitHub keeps no test
// report of its own): `GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts`
// (every page), the artifacts that hold tests — those the CI source's
// `test_artifacts` globs name, else those whose name contains "test", "junit",
// "report" or "results" — minus the expired ones, each downloaded from
// `/actions/artifacts/{id}/zip` (GitHub answers 302 to its blob storage; the
// HttpClient follows without the token) unless ArtifactCache has it, then read in
// memory on a worker (ArtifactReports) into one report for the run.

#include "ci/CiProvider.h"
#include "ci/CiSource.h"
#include "ci/HttpRequest.h"
#include "ci/ZipArchive.h"

#include <QPointer>
#include <QUrl>

#include <functional>

namespace devdash::ci {

class HttpClient;

struct GitHubArtifact
{
    qint64 id = 0;
    QString name;
    qint64 sizeInBytes = 0;
    bool expired = false;
    QString digest; // "sha256:HEX" (newer artifacts); empty when GitHub gives none
};

class GitHubArtifacts
{
public:
    using RequestFactory
        = std::function<HttpRequest(const QString &path, const QList<QPair<QString, QString>> &query)>;

    static Result<QList<GitHubArtifact>> parseListing(const QByteArray &json, const QUrl &source);
    // By the source's globs (`*`, `?`, `[…]`, case-insensitive) when it has any, else by
    // the default pattern.
    static bool holdsTestReports(const QString &name, const QStringList &globs);

    // The run's test report; nullopt when no artifact holds one. `context` (the
    // provider) owns the worker results: when it is gone, `done` is dropped.
    static void fetchReport(QObject *context, const QPointer<HttpClient> &http, const RequestFactory &request,
        const CiSource &source, const PipelineRun &run, const CancelToken &cancel,
        CiCallback<std::optional<testresults::TestReport>> done, const ZipLimits &limits = {});
};

} // namespace devdash::ci

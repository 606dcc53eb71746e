#pragma once

// Test reports CI servers keep, turned into DevDash's test-results model and
// imported into the test history with the run's commit and branch, so that a
// CI run's tests sit next to the local runs on the Tests page:
//  - GitLab `GET /projects/:id/pipelines/:pipeline_id/test_report`
//    (test_suites → test_cases with status, execution_time, classname, system_output…);
//  - Jenkins `…/N/testReport/api/json` (suites → cases with status PASSED, FIXED,
//    FAILED, REGRESSION, SKIPPED; or childReports of a Maven job);
//  - GitHub Actions' test artifacts (GitHubArtifacts: JUnit/TRX files in zips).

#include "PipelineRun.h"
#include "common/CancelToken.h"
#include "common/Result.h"
#include "testresults/TestReport.h"
#include "testresults/TestRun.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

namespace devdash::testresults {
class TestRunStore;
}
namespace devdash::store {
struct StoreLocation;
}

namespace devdash::ci {

class CiProvider;

class CiTestReports
{
public:
    static Result<testresults::TestReport> fromGitLab(const QByteArray &json, const QString &origin = {});
    static Result<testresults::TestReport> fromJenkins(const QByteArray &json, const QString &origin = {});

    // Who, where and what: the repository key (testresults::RunImport::repositoryKey),
    // the run's commit and branch, source "<provider>:<project>#<run id>", imported
    // at the run's end (its start while it runs).
    static testresults::RunInfo runInfo(const PipelineRun &run, const QString &repositoryKey);

    // Imports one run's report. A run without a full commit id cannot be joined
    // with the history and is refused. Importing the same report again returns
    // the first import (created == false).
    static Result<testresults::ImportedRun> import(testresults::TestRunStore &store, const PipelineRun &run,
        const QString &repositoryKey, const testresults::TestReport &report);

    using ImportCallback = std::function<void(Result<std::optional<testresults::ImportedRun>>)>;
    // What the window does when a watched run finishes: the provider fetches the
    // run's report (asynchronously, on the provider's thread), a worker opens its
    // own connection to the store at `location` and imports it; `done` runs on the
    // provider's thread with the imported run, or nullopt when the run has no
    // report (or the provider keeps none). Dropped when the provider is destroyed.
    static void fetchAndImport(CiProvider &provider, const PipelineRun &run, const QString &repositoryKey,
        const store::StoreLocation &location, const CancelToken &cancel, ImportCallback done);
};

} // namespace devdash::ci

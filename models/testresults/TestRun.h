#pragma once

// What the store keeps about test runs and gives back: value types shared by
// TestRunStore, its queries, the CLI and the Tests page.

#include "TestReport.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <cmath>

namespace devdash::testresults {

// Where an import comes from. All files of one import form one run.
struct RunInfo
{
    QString repository; // a stable key: the repository's canonical path
    QString commit; // full id
    QString branch;
    QString source; // "local", "github:ci.yml", a CI job name…
    QDateTime importedAt; // now when invalid
};

struct RunSummary
{
    qint64 id = 0;
    QString repository;
    QString commit;
    QString branch;
    QString source;
    QDateTime importedAt;
    TestCounts counts;

    bool isFailing() const { return counts.failed + counts.errored > 0; }
};

struct ImportedRun
{
    RunSummary run;
    bool created = false; // false: the same content was imported before, this is that run
};

struct CaseResult
{
    qint64 testId = 0;
    QString key; // TestCase::id(): the identity across runs
    QString suite;
    QString className;
    QString name;
    QString file;
    int line = 0;
    TestStatus status = TestStatus::Passed;
    bool flaky = false;
    int attempts = 1;
    double durationS = NAN; // NaN: unknown
    // Kept for cases that did not simply pass; empty otherwise.
    QString message;
    QString type;
    QString details;
    QString systemOut;
    QString systemErr;
    std::vector<TestAttempt> retries; // earlier attempts, oldest first (texts may be truncated)
};

struct SuiteResult
{
    QString path; // " / "-joined, outermost first
    QString name;
    QString file; // the report it came from
    double durationS = NAN;
    QDateTime timestamp;
    QString hostname;
    QList<CaseResult> cases;
};

struct RunReportFile
{
    QString file;
    QString format;
    QString tool;
    QDateTime timestamp;
};

struct RunDetails
{
    RunSummary run;
    QList<RunReportFile> reports;
    QList<SuiteResult> suites; // in import order
};

struct RunFilter
{
    QString branch; // empty: every branch
    QDateTime from; // inclusive; invalid: open
    QDateTime to; // inclusive; invalid: open
    int limit = 100;
    int offset = 0;
};

// How statuses are stored: fixed codes, independent of TestStatus's order.
inline int storedStatus(TestStatus status)
{
    switch (status) {
    case TestStatus::Passed:
        return 0;
    case TestStatus::Failed:
        return 1;
    case TestStatus::Errored:
        return 2;
    case TestStatus::Skipped:
        return 3;
    }
    return 0;
}

inline TestStatus statusFromStored(int code)
{
    switch (code) {
    case 1:
        return TestStatus::Failed;
    case 2:
        return TestStatus::Errored;
    case 3:
        return TestStatus::Skipped;
    default:
        return TestStatus::Passed;
    }
}

inline bool isFailing(TestStatus status)
{
    return status == TestStatus::Failed || status == TestStatus::Errored;
}

} // namespace devdash::testresults

#pragma once

// TestReport values built in code, so that the store's tests do not depend on
// the parsers.

#include "testresults/TestReport.h"
#include "testresults/TestRun.h"

#include <QDateTime>
#include <QList>

namespace devdash::test {

using testresults::TestStatus;

// A case of class `className` (its suite path is the class name too).
testresults::TestCase makeCase(const QString &className, const QString &name,
    TestStatus status = TestStatus::Passed, double durationS = 0.1, const QString &message = {});
// A case that failed first and passed on a retry.
testresults::TestCase makeFlakyCase(const QString &className, const QString &name);
// A report whose suites are the cases' classes.
testresults::TestReport makeReport(
    const QString &file, std::vector<testresults::TestCase> cases, const QDateTime &timestamp = {});

// Statuses per test, as a compact string: "P" passed, "F" failed, "E" errored,
// "S" skipped, "R" passed on retry, "-" absent. Tests are "T::t0", "T::t1", ….
testresults::TestReport reportFromPattern(const QString &pattern, const QString &salt);

testresults::RunInfo runInfo(const QString &repository, const QString &commit, const QString &branch,
    qint64 minutes); // importedAt = 2024-01-01T00:00Z + minutes

} // namespace devdash::test

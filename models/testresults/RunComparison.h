#pragma once

#include "TestRun.h"

#include <QList>

#include <optional>

namespace devdash::testresults {

// One test as two runs saw it; absent in a run: no status.
struct ComparedTest
{
    qint64 testId = 0;
    QString key;
    QString suite;
    QString className;
    QString name;
    std::optional<TestStatus> base;
    std::optional<TestStatus> head;
    double baseDurationS = NAN;
    double headDurationS = NAN;
    QString message; // the head's failure message (new and still failing)
};

// What changed from a base run to a head run, as GitLab's merge request test
// report shows it. "Failing" is failed or errored. A new test that fails is both
// a new test and a new failure; a removed test is never "fixed".
struct RunComparison
{
    struct Case
    {
        qint64 testId = 0;
        TestStatus status = TestStatus::Passed;
        double durationS = NAN;
    };

    qint64 baseRunId = 0;
    qint64 headRunId = 0;
    QList<ComparedTest> newFailures; // failing in head, not failing (or absent) in base
    QList<ComparedTest> fixed; // failing in base, passed in head
    QList<ComparedTest> stillFailing; // failing in both
    QList<ComparedTest> newTests; // in head only
    QList<ComparedTest> removedTests; // in base only

    // Pure: classifies by test id; names and messages are the caller's to fill.
    static RunComparison classify(const QList<Case> &base, const QList<Case> &head);
    // Every ComparedTest of the five lists, for filling in names.
    QList<ComparedTest *> all();
};

} // namespace devdash::testresults

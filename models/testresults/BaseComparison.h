#pragma once

// The Tests page's comparison of a run with a base: a run the user chose, or the
// base branch's newest run of the same source and suites (RunSources::chooseBase),
// with a note when the base is less comparable than that.

#include "RunComparison.h"
#include "TestRun.h"
#include "common/Result.h"

namespace devdash::testresults {

class TestRunStore;

struct BaseComparison
{
    RunComparison comparison;
    RunSummary base;
    RunSummary head;
    QString message; // set instead of the rest when there is nothing to compare with
    QString note; // how the base was chosen, when not the same source and suites

    // `baseRunId` 0: the comparable run of `baseBranch`.
    static Result<BaseComparison> load(const TestRunStore &store, const QString &repository, qint64 headRunId,
        qint64 baseRunId, const QString &baseBranch);
};

} // namespace devdash::testresults

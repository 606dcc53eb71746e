#pragma once

// One status for many (a stage's jobs, a commit's checks): the one that matters
// most to someone glancing at a dot — a failure, then anything still going, then
// what waits for a person, then the rest.

#include "ci/PipelineRun.h"

#include <QList>

namespace devdash::ci {

inline int rollupWeight(RunStatus s)
{
    switch (s) {
    case RunStatus::Failed:
        return 6;
    case RunStatus::Running:
        return 5;
    case RunStatus::Queued:
        return 4;
    case RunStatus::Manual:
        return 3;
    case RunStatus::Canceled:
        return 2;
    case RunStatus::Success:
        return 1;
    case RunStatus::Skipped:
        return 0;
    }
    return 0;
}

// Skipped for an empty list.
inline RunStatus rollUp(const QList<RunStatus> &statuses)
{
    RunStatus worst = RunStatus::Skipped;
    for (RunStatus s : statuses)
        if (rollupWeight(s) > rollupWeight(worst))
            worst = s;
    return worst;
}

} // namespace devdash::ci

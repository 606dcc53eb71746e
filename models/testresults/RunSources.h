#pragma once

// Runs of different sources — a local import, a CI provider's job, a local
// pipeline — are different views of a commit: the newest run of one source never
// hides another's. These are the pure rules; TestRunStore reads what they need.

#include "TestRun.h"

#include <QHash>
#include <QList>
#include <QStringList>

#include <optional>

namespace devdash::testresults {

class RunSources
{
public:
    // The source without what tells its runs apart: "github:acme/app#123" →
    // "github:acme/app", "github:ci.yml (re-run)" → "github:ci.yml"; "" → "local".
    static QString family(const QString &source);

    // The newest run of each source family, keeping the order of `newestFirst`.
    static QList<RunSummary> newestPerSource(const QList<RunSummary> &newestFirst);

    // How a base run matches the head run it is compared with, best first.
    enum class Match { SourceAndSuites, Source, Suites };

    struct BaseChoice
    {
        RunSummary run;
        Match match = Match::SourceAndSuites;
    };

    // The run of `candidates` (the base branch's runs, newest first) to compare
    // `head` with: the newest of the same source family and suite set, else of the
    // same source, else of the same suite set; none when nothing is comparable (a
    // 4-test local run is no base for a CI run). The head itself is never its base.
    // `suites`: each run's suite paths, sorted (see sortedSuites()).
    static std::optional<BaseChoice> chooseBase(const RunSummary &head, const QList<RunSummary> &candidates,
        const QHash<qint64, QStringList> &suites);

    // "1 failed · ✓ 4": the text of each run, failing ones first, as History's badge shows them.
    static QString badgeText(const QList<RunSummary> &runs);
    static bool anyFailing(const QList<RunSummary> &runs);
};

} // namespace devdash::testresults

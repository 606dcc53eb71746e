#pragma once

#include "TestRun.h"

#include <QHash>
#include <QList>

namespace devdash::testresults {

// The three definitions of "flaky" in use.
enum class FlakyKind {
    SameCommit, // (a) passed and failed on the same commit, in different runs
    RetryPassed, // (b) failed, then passed on a retry within one run
    StatusFlips, // (c) flipped between passing and failing often in the last runs of a branch
};
QString flakyKindName(FlakyKind kind); // "same_commit", "retry", "flips"

struct FlakyOptions
{
    QString branch; // only runs of this branch; empty: every branch
    int windowRuns = 500; // the most recent runs considered (0: all)
    QDateTime from; // and/or a date range
    QDateTime to;
    bool sameCommit = true; // which definitions to apply
    bool retries = true;
    bool flips = true;
    int minFlips = 2; // (c): at least this many flips…
    int flipWindow = 10; // …in the last this many runs of a branch
    int minOccurrences = 1; // (a) mixed commits, (b) runs passed on retry
    double minRate = 0; // findings below this rate are left out
    int limit = 500; // findings returned, highest rate first
};

// A run in the window, as the detector needs it.
struct FlakyRun
{
    qint64 id = 0;
    QString commit;
    QString branch;
    QDateTime time;
};

// A test's status in one run (index into the runs given to the detector).
struct FlakyObservation
{
    int run = 0;
    TestStatus status = TestStatus::Passed;
    bool flaky = false;
};

// The detector's input. Observations need not cover every run: they must
// include every failing or flaky result, the test's results in the other runs
// of the commits it failed on, and in the last flipWindow runs of each branch
// it failed on. ranIn gives how many runs (and distinct commits) of the window
// ran the test (not skipped), for the rates; absent: counted from observations.
struct FlakyInput
{
    QList<FlakyRun> runs; // oldest first
    QHash<qint64, QList<FlakyObservation>> observations;
    struct Presence
    {
        int runs = 0;
        int commits = 0;
    };
    QHash<qint64, Presence> ranIn;
};

struct FlakyFinding
{
    qint64 testId = 0;
    QString key;
    QString suite;
    QString className;
    QString name;
    FlakyKind kind = FlakyKind::SameCommit;
    // (a) mixed commits / commits that ran the test; (b) runs passed on retry /
    // runs that ran it; (c) flips / (results in the branch's last runs - 1).
    double rate = 0;
    int occurrences = 0; // mixed commits, retried runs, or flips
    int observations = 0;
    QString branch; // (c): the branch that flipped
    QList<qint64> runIds; // evidence, oldest first
    QStringList commits; // evidence: the commits of those runs (distinct, oldest first)
    QDateTime lastSeen; // the newest run of the evidence
};

class FlakyDetector
{
public:
    explicit FlakyDetector(FlakyOptions options)
        : m_options(std::move(options))
    {
    }

    // Pure: findings sorted by rate, then occurrences (names are the caller's to fill).
    QList<FlakyFinding> detect(const FlakyInput &input) const;

    // Flips between passing and failing in a sequence of statuses (skips ignored).
    static int countFlips(const QList<TestStatus> &oldestFirst);

private:
    void sameCommit(qint64 testId, const QList<FlakyObservation> &obs, const FlakyInput &input,
        QList<FlakyFinding> &out) const;
    void retried(qint64 testId, const QList<FlakyObservation> &obs, const FlakyInput &input,
        QList<FlakyFinding> &out) const;
    void flips(qint64 testId, const QList<FlakyObservation> &obs, const FlakyInput &input,
        const QHash<QString, QList<int>> &lastRunsByBranch, QList<FlakyFinding> &out) const;
    bool keep(const FlakyFinding &finding) const;

    FlakyOptions m_options;
};

} // namespace devdash::testresults

#pragma once

#include "TestRun.h"

#include <QList>

#include <optional>

namespace devdash::testresults {

// One test in one run.
struct HistoryEntry
{
    qint64 runId = 0;
    QString commit;
    QString branch;
    QString source;
    QDateTime time;
    TestStatus status = TestStatus::Passed;
    double durationS = NAN;
    bool flaky = false;
    int attempts = 1;
    QString message;
};

struct HistoryOptions
{
    QString branch; // empty: every branch (the streak is then counted on the newest run's branch)
    int limit = 100;
};

// One test across runs, newest first, with its current failing streak counted
// as Jenkins does: age is the number of consecutive runs (of one branch) it has
// failed in, up to the newest; failingSince is the first run of that streak.
// Runs that did not contain the test neither extend nor break the streak; a
// skip breaks it.
struct TestHistory
{
    qint64 testId = 0;
    QString key;
    QString suite;
    QString className;
    QString name;
    QString file;
    QList<HistoryEntry> entries; // newest first, at most HistoryOptions::limit
    int age = 0; // 0 when the newest run did not fail
    std::optional<HistoryEntry> failingSince;

    struct Streak
    {
        int age = 0;
        int firstIndex = -1; // index in the list of the streak's first (oldest) run
        bool complete = true; // false: the list ended inside the streak (older runs may extend it)
    };
    // Pure. `newestFirst` in time order, newest first; only entries of `branch`
    // count (every entry when `branch` is empty).
    static Streak currentStreak(const QList<HistoryEntry> &newestFirst, const QString &branch);
};

} // namespace devdash::testresults

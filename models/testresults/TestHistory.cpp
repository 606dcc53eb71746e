#include "TestHistory.h"

namespace devdash::testresults {

TestHistory::Streak TestHistory::currentStreak(const QList<HistoryEntry> &newestFirst, const QString &branch)
{
    Streak streak;
    for (qsizetype i = 0; i < newestFirst.size(); ++i) {
        const HistoryEntry &entry = newestFirst.at(i);
        if (!branch.isEmpty() && entry.branch != branch)
            continue;
        if (!isFailing(entry.status))
            return streak;
        ++streak.age;
        streak.firstIndex = int(i);
    }
    streak.complete = streak.age == 0;
    return streak;
}

} // namespace devdash::testresults

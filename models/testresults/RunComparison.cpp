#include "RunComparison.h"

#include <QHash>
#include <QSet>

namespace devdash::testresults {

RunComparison RunComparison::classify(const QList<Case> &base, const QList<Case> &head)
{
    RunComparison result;
    QHash<qint64, const Case *> baseById;
    baseById.reserve(base.size());
    for (const Case &c : base)
        baseById.insert(c.testId, &c);
    QSet<qint64> headIds;
    headIds.reserve(head.size());
    for (const Case &h : head) {
        headIds.insert(h.testId);
        ComparedTest test;
        test.testId = h.testId;
        test.head = h.status;
        test.headDurationS = h.durationS;
        const Case *b = baseById.value(h.testId);
        if (b) {
            test.base = b->status;
            test.baseDurationS = b->durationS;
        }
        const bool headFailing = isFailing(h.status);
        const bool baseFailing = b && isFailing(b->status);
        if (!b)
            result.newTests.append(test);
        if (headFailing && !baseFailing)
            result.newFailures.append(test);
        else if (headFailing && baseFailing)
            result.stillFailing.append(test);
        else if (baseFailing && h.status == TestStatus::Passed)
            result.fixed.append(test);
    }
    for (const Case &b : base) {
        if (headIds.contains(b.testId))
            continue;
        ComparedTest test;
        test.testId = b.testId;
        test.base = b.status;
        test.baseDurationS = b.durationS;
        result.removedTests.append(test);
    }
    return result;
}

QList<ComparedTest *> RunComparison::all()
{
    QList<ComparedTest *> tests;
    for (QList<ComparedTest> *list : { &newFailures, &fixed, &stillFailing, &newTests, &removedTests }) {
        for (ComparedTest &test : *list)
            tests.append(&test);
    }
    return tests;
}

} // namespace devdash::testresults

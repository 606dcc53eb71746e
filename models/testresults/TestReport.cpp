#include "TestReport.h"

namespace devdash::testresults {

QString statusName(TestStatus status)
{
    switch (status) {
    case TestStatus::Passed:
        return QStringLiteral("passed");
    case TestStatus::Failed:
        return QStringLiteral("failed");
    case TestStatus::Errored:
        return QStringLiteral("errored");
    case TestStatus::Skipped:
        return QStringLiteral("skipped");
    }
    return QStringLiteral("passed");
}

TestStatus statusFromName(const QString &name)
{
    // Accepts the names statusName() writes, plus the usual synonyms tools print.
    const QString n = name.trimmed().toLower();
    if (n == u"failed" || n == u"failure" || n == u"fail")
        return TestStatus::Failed;
    if (n == u"errored" || n == u"error")
        return TestStatus::Errored;
    if (n == u"skipped" || n == u"skip" || n == u"ignored" || n == u"disabled")
        return TestStatus::Skipped;
    return TestStatus::Passed;
}

static int severity(TestStatus status)
{
    switch (status) {
    case TestStatus::Passed:
        return 0;
    case TestStatus::Skipped:
        return 1;
    case TestStatus::Failed:
        return 2;
    case TestStatus::Errored:
        return 3;
    }
    return 0;
}

TestStatus worse(TestStatus a, TestStatus b)
{
    return severity(b) > severity(a) ? b : a;
}

TestCounts TestReport::counts() const
{
    TestCounts c;
    for (const TestCase &tc : cases) {
        ++c.tests;
        switch (tc.status) {
        case TestStatus::Passed:
            ++c.passed;
            break;
        case TestStatus::Failed:
            ++c.failed;
            break;
        case TestStatus::Errored:
            ++c.errored;
            break;
        case TestStatus::Skipped:
            ++c.skipped;
            break;
        }
        if (tc.flaky)
            ++c.flaky;
        // Unknown (NaN) durations count as nothing rather than poisoning the sum.
        if (std::isfinite(tc.durationS))
            c.durationS += tc.durationS;
        for (const TestAttempt &a : tc.retries) {
            if (std::isfinite(a.durationS))
                c.durationS += a.durationS;
        }
    }
    return c;
}

} // namespace devdash::testresults

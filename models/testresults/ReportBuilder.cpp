#include "ReportBuilder.h"

#include "XmlReportStream.h"
#include "common/InputLimits.h"

namespace devdash::testresults {

bool ReportBuilder::full()
{
    if (!m_stream || m_report.cases.size() + m_report.suites.size() < InputLimits::ReportCases)
        return false;
    m_stream->fail(XmlReportStream::Refused,
        QStringLiteral("the report has more than %1 test cases and suites; DevDash refuses reports that "
                       "large (split it: most tools write one file per suite or module)")
            .arg(InputLimits::ReportCases));
    return true;
}

qsizetype ReportBuilder::addSuite(TestSuite suite)
{
    if (full())
        return -1;
    m_report.suites.append(std::move(suite));
    return m_report.suites.size() - 1;
}

static const QString &scope(const TestCase &tc)
{
    return tc.className.isEmpty() ? tc.suite : tc.className;
}

TestAttempt ReportBuilder::takeFinalAttempt(TestCase &tc)
{
    TestAttempt a;
    a.status = tc.status;
    a.durationS = tc.durationS;
    a.message = std::move(tc.message);
    a.type = std::move(tc.type);
    a.details = std::move(tc.details);
    a.systemOut = std::move(tc.systemOut);
    a.systemErr = std::move(tc.systemErr);
    tc.message.clear();
    tc.type.clear();
    tc.details.clear();
    tc.systemOut.clear();
    tc.systemErr.clear();
    return a;
}

void ReportBuilder::setFinalAttempt(TestCase &tc, TestAttempt &&a)
{
    tc.status = a.status;
    tc.durationS = a.durationS;
    tc.message = std::move(a.message);
    tc.type = std::move(a.type);
    tc.details = std::move(a.details);
    tc.systemOut = std::move(a.systemOut);
    tc.systemErr = std::move(a.systemErr);
}

bool ReportBuilder::failedBefore(const TestCase &tc)
{
    for (const TestAttempt &a : tc.retries) {
        if (a.status == TestStatus::Failed || a.status == TestStatus::Errored)
            return true;
    }
    return false;
}

void ReportBuilder::addCase(TestCase &&tc)
{
    if (full())
        return;
    const size_t key = qHash(scope(tc)) ^ (qHash(tc.name) * 31);
    for (auto it = m_index.constFind(key); it != m_index.cend() && it.key() == key; ++it) {
        TestCase &earlier = m_report.cases[it.value()];
        if (earlier.name != tc.name || scope(earlier) != scope(tc))
            continue;
        // A retry: earlier attempts first, then the new case's own earlier attempts.
        earlier.retries.push_back(takeFinalAttempt(earlier));
        for (TestAttempt &a : tc.retries)
            earlier.retries.push_back(std::move(a));
        setFinalAttempt(earlier, takeFinalAttempt(tc));
        if (earlier.file.isEmpty()) {
            earlier.file = tc.file;
            earlier.line = tc.line;
        }
        for (auto &p : tc.properties) {
            if (!earlier.properties.contains(p))
                earlier.properties.append(std::move(p));
        }
        earlier.flaky = earlier.status == TestStatus::Passed && failedBefore(earlier);
        return;
    }
    tc.flaky = tc.status == TestStatus::Passed && failedBefore(tc);
    // Grow by a quarter, not double: at 100k cases a doubling would hold 3× the
    // cases' size while it moves them, and leave up to half of it unused.
    std::vector<TestCase> &cases = m_report.cases;
    if (cases.size() == cases.capacity())
        cases.reserve(std::max<std::size_t>(1024, cases.capacity() + cases.capacity() / 4));
    m_index.insert(key, qsizetype(m_report.cases.size()));
    m_report.cases.push_back(std::move(tc));
}

} // namespace devdash::testresults

#pragma once

#include "TestReport.h"

#include <QMultiHash>

namespace devdash::testresults {

// Collects what a reader finds into a TestReport. Repeated cases of one test (same
// class and name, or same suite and name without a class) are retries of that test:
// the later one becomes the final attempt, the earlier ones go to retries, and a test
// that passed after failing is flaky.
// Every case is kept (~600 B each with names and this index), up to
// InputLimits::ReportCases: a report of millions of tiny cases would need a streaming
// import that hands cases to the store in batches and merges retries there.
class XmlReportStream;

class ReportBuilder
{
public:
    // With a stream, a report of more than InputLimits::ReportCases cases and suites fails
    // it (memory stays bounded); without, every case is kept (the caller bounds the input).
    explicit ReportBuilder(TestReport &report, XmlReportStream *stream = nullptr)
        : m_report(report)
        , m_stream(stream)
    {
    }

    // Returns the index of the suite in report.suites (fill it in later: readers meet
    // a suite's output and properties after its cases).
    qsizetype addSuite(TestSuite suite);
    TestSuite &suite(qsizetype index) { return m_report.suites[index]; }
    void addCase(TestCase &&testCase);

    TestReport &report() { return m_report; }

    // The case's final attempt as a TestAttempt (moves its texts out).
    static TestAttempt takeFinalAttempt(TestCase &testCase);
    // Makes `attempt` the case's final attempt.
    static void setFinalAttempt(TestCase &testCase, TestAttempt &&attempt);
    static bool failedBefore(const TestCase &testCase);

private:
    bool full();

    TestReport &m_report;
    XmlReportStream *m_stream = nullptr;
    QMultiHash<size_t, qsizetype> m_index; // hash of the test's identity → index in cases
};

} // namespace devdash::testresults

// libFuzzer target for ReportParser: any bytes must give a report or an error naming
// the input, never a crash, a hang, a leak or undefined behaviour; a report must be
// consistent. Built with clang only; run it with tests/fuzz/run-fuzz.sh.

#include "testresults/ReportParser.h"

#include <QBuffer>

#include <cstdint>
#include <cstdlib>

using namespace devdash::testresults;

static void check(bool condition)
{
    if (!condition)
        std::abort(); // libFuzzer keeps the input that broke an invariant
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    // Small limits, so that the capping paths are exercised too.
    ReportLimits limits;
    limits.maxFieldChars = 512;
    limits.maxReportChars = 4096;
    const auto report = ReportParser::parse(buffer, QStringLiteral("fuzz.xml"), limits);
    if (!report.ok()) {
        check(report.errorMessage().startsWith(QStringLiteral("fuzz.xml:")));
        return 0;
    }
    const TestCounts counts = report->counts();
    check(counts.tests == int(report->cases.size()));
    check(counts.passed + counts.failed + counts.errored + counts.skipped == counts.tests);
    check(counts.flaky <= counts.passed);
    for (const TestCase &tc : report->cases) {
        check(!tc.flaky || tc.status == TestStatus::Passed);
        check(tc.attempts() >= 1);
        check(tc.details.size() <= limits.maxFieldChars + 64);
        check(tc.systemOut.size() <= limits.maxFieldChars + 64);
        check(!(tc.durationS < 0));
    }
    return 0;
}

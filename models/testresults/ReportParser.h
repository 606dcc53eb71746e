#pragma once

#include "TestReport.h"
#include "XmlReportStream.h"
#include "common/CancelToken.h"
#include "common/Result.h"

class QIODevice;

namespace devdash::testresults {

// Reads a test report — the JUnit family, NUnit 3, xUnit v2 or TRX, told apart by the
// root element — in one streaming pass with bounded memory (see ReportLimits).
// DTDs and entities are refused. A malformed or truncated report is an error naming
// file, line and column; no partial report is ever returned.
class ReportParser
{
public:
    using ErrorCode = XmlReportStream::ErrorCode;

    static Result<TestReport> parseFile(const QString &path, const CancelToken &cancel = {});
    static Result<TestReport> parseFile(
        const QString &path, const ReportLimits &limits, const CancelToken &cancel = {});
    static Result<TestReport> parse(
        QIODevice &device, const QString &displayName, const CancelToken &cancel = {});
    static Result<TestReport> parse(QIODevice &device, const QString &displayName, const ReportLimits &limits,
        const CancelToken &cancel = {});
};

} // namespace devdash::testresults

#include "ReportParser.h"

#include "JUnitReader.h"
#include "NUnit3Reader.h"
#include "ReportBuilder.h"
#include "TrxReader.h"
#include "XUnit2Reader.h"

#include <QFile>
#include <QFileInfo>

namespace devdash::testresults {

Result<TestReport> ReportParser::parseFile(const QString &path, const CancelToken &cancel)
{
    return parseFile(path, ReportLimits(), cancel);
}

Result<TestReport> ReportParser::parseFile(
    const QString &path, const ReportLimits &limits, const CancelToken &cancel)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error { QStringLiteral("%1: cannot open the report: %2").arg(path, file.errorString()),
            XmlReportStream::Io };
    }
    Result<TestReport> result = parse(file, path, limits, cancel);
    if (result.ok())
        result->file = path;
    return result;
}

Result<TestReport> ReportParser::parse(
    QIODevice &device, const QString &displayName, const CancelToken &cancel)
{
    return parse(device, displayName, ReportLimits(), cancel);
}

Result<TestReport> ReportParser::parse(
    QIODevice &device, const QString &displayName, const ReportLimits &limits, const CancelToken &cancel)
{
    XmlReportStream stream(device, displayName, limits, cancel);
    TestReport report;
    report.file = displayName;
    ReportBuilder builder(report, &stream);
    if (!stream.readRoot())
        return stream.error();

    const QStringView root = stream.name();
    if (root == u"testsuites" || root == u"testsuite") {
        JUnitReader(stream, builder).read();
    } else if (root == u"test-run") {
        NUnit3Reader(stream, builder).read();
    } else if (root == u"assemblies" || root == u"assembly") {
        XUnit2Reader(stream, builder).read();
    } else if (root == u"TestRun") {
        TrxReader(stream, builder).read();
    } else if (root == u"test-results") {
        stream.fail(XmlReportStream::NotAReport,
            QStringLiteral("NUnit 2 reports (<test-results>) are not supported: run NUnit 3 "
                           "(--result=FILE;format=nunit3) or convert the report"));
    } else {
        stream.fail(XmlReportStream::NotAReport,
            QStringLiteral("not a test report: the root element is <%1>; expected <testsuites> or "
                           "<testsuite> (JUnit), <test-run> (NUnit 3), <assemblies> (xUnit v2) or "
                           "<TestRun> (TRX)")
                .arg(root.toString()));
    }
    if (!stream.failed())
        stream.readToEnd(); // the root is closed: only a well-formed tail may follow
    if (stream.failed())
        return stream.error();

    if (stream.truncatedTexts() > 0) {
        report.warnings.append(QStringLiteral("%1 texts longer than %2 characters were truncated")
                                   .arg(stream.truncatedTexts())
                                   .arg(limits.maxFieldChars));
    }
    if (stream.cutTexts() > 0) {
        report.warnings.append(QStringLiteral("%1 texts longer than %2 were cut while reading")
                                   .arg(stream.cutTexts())
                                   .arg(InputLimits::describeBytes(stream.reader().limits().maxTextBytes)));
    }
    if (stream.droppedTexts() > 0) {
        report.warnings.append(QStringLiteral("the report's texts exceed %1 MiB: %2 outputs or traces "
                                              "were cut or left out")
                                   .arg(limits.maxReportChars * 2 / (1024 * 1024))
                                   .arg(stream.droppedTexts()));
    }
    return report;
}

} // namespace devdash::testresults

#include "NUnit3Reader.h"

#include "ReportBuilder.h"
#include "ReportValues.h"
#include "XmlReportStream.h"

namespace devdash::testresults {

using namespace ReportValues;

// result="Passed|Failed|Skipped|Inconclusive|Warning" refined by label: a failure
// labelled Error (an unexpected exception), Cancelled or Invalid (not runnable) is an error.
static TestStatus nunitStatus(QStringView result, QStringView label)
{
    if (result == u"Failed") {
        if (label == u"Error" || label == u"Cancelled" || label == u"Invalid")
            return TestStatus::Errored;
        return TestStatus::Failed;
    }
    if (result == u"Skipped" || result == u"Inconclusive")
        return TestStatus::Skipped;
    return TestStatus::Passed; // Passed, Warning
}

void NUnit3Reader::read()
{
    TestReport &report = m_builder.report();
    report.format = QStringLiteral("nunit3");
    report.tool = QStringLiteral("nunit");
    report.timestamp = parseTimestamp(attributeValue(m_stream.attributes(), "start-time"));
    while (m_stream.readNextChild()) {
        if (m_stream.name() == u"test-suite")
            readSuite(QString());
        else if (m_stream.name() == u"test-case")
            readCase(QString());
        else
            m_stream.skipElement(); // command-line, filter
    }
}

void NUnit3Reader::readSuite(const QString &parentPath)
{
    const QXmlStreamAttributes attrs = m_stream.attributes();
    TestSuite suite;
    suite.name = attributeValue(attrs, "name").toString();
    suite.path = joinPath(parentPath, suite.name);
    suite.durationS = parseSeconds(attributeValue(attrs, "duration"));
    suite.timestamp = parseTimestamp(attributeValue(attrs, "start-time"));
    const QString fullName = attributeValue(attrs, "fullname").toString();
    const TestStatus status = nunitStatus(attributeValue(attrs, "result"), attributeValue(attrs, "label"));
    const bool tearDownFailed = attributeValue(attrs, "site") == u"TearDown" && status != TestStatus::Passed
        && status != TestStatus::Skipped;
    const QString path = suite.path;
    const qsizetype index = m_builder.addSuite(std::move(suite));

    QString message;
    QString details;
    QString output;
    Properties properties;
    while (m_stream.readNextChild()) {
        const QStringView child = m_stream.name();
        if (child == u"test-suite")
            readSuite(path);
        else if (child == u"test-case")
            readCase(path);
        else if (child == u"failure")
            readFailure(message, details);
        else if (child == u"output")
            output += m_stream.readText();
        else if (child == u"properties")
            readProperties(properties);
        else
            m_stream.skipElement(); // environment, settings, reason, assertions, attachments
    }
    if (m_stream.failed())
        return;
    TestSuite &done = m_builder.suite(index);
    done.systemOut = std::move(output);
    done.properties = std::move(properties);

    // A failing OneTimeTearDown leaves the cases passed: keep the failure as a case of its own.
    if (tearDownFailed) {
        TestCase tc;
        tc.suite = path;
        tc.className = fullName;
        tc.name = QStringLiteral("<OneTimeTearDown>");
        tc.status = status;
        tc.durationS = NAN;
        tc.message = std::move(message);
        tc.details = std::move(details);
        m_builder.addCase(std::move(tc));
    }
}

void NUnit3Reader::readCase(const QString &suitePath)
{
    const QXmlStreamAttributes attrs = m_stream.attributes();
    TestCase tc;
    tc.suite = suitePath;
    tc.className = attributeValue(attrs, "classname").toString();
    tc.name = attributeValue(attrs, "name").toString();
    tc.durationS = parseSeconds(attributeValue(attrs, "duration"));
    tc.status = nunitStatus(attributeValue(attrs, "result"), attributeValue(attrs, "label"));
    const QStringView label = attributeValue(attrs, "label");
    if (!label.isEmpty())
        tc.type = label.toString(); // Error, Ignored, Explicit, Cancelled…
    while (m_stream.readNextChild()) {
        const QStringView child = m_stream.name();
        if (child == u"failure") {
            readFailure(tc.message, tc.details);
        } else if (child == u"reason") {
            QString ignored;
            readFailure(tc.message, ignored); // <reason><message>why skipped</message></reason>
        } else if (child == u"output") {
            tc.systemOut += m_stream.readText();
        } else if (child == u"properties") {
            readProperties(tc.properties);
        } else {
            m_stream.skipElement();
        }
    }
    if (!m_stream.failed())
        m_builder.addCase(std::move(tc));
}

void NUnit3Reader::readFailure(QString &message, QString &details)
{
    while (m_stream.readNextChild()) {
        if (m_stream.name() == u"message")
            message = m_stream.readText(TextKind::Detail).trimmed();
        else if (m_stream.name() == u"stack-trace")
            details = m_stream.readText(TextKind::Detail);
        else
            m_stream.skipElement();
    }
}

void NUnit3Reader::readProperties(Properties &into)
{
    while (m_stream.readNextChild()) {
        if (m_stream.name() == u"property") {
            const QXmlStreamAttributes attrs = m_stream.attributes();
            into.append({ attributeValue(attrs, "name").toString(),
                m_stream.keep(attributeValue(attrs, "value"), TextKind::Output) });
        }
        m_stream.skipElement();
    }
}

} // namespace devdash::testresults

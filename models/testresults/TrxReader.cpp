#include "TrxReader.h"

#include "ReportBuilder.h"
#include "ReportValues.h"
#include "XmlReportStream.h"

#include <QSet>

namespace devdash::testresults {

using namespace ReportValues;

static TestStatus trxStatus(QStringView outcome)
{
    if (outcome == u"Failed")
        return TestStatus::Failed;
    if (outcome == u"Error" || outcome == u"Timeout" || outcome == u"Aborted" || outcome == u"Disconnected"
        || outcome == u"NotRunnable")
        return TestStatus::Errored;
    if (outcome == u"NotExecuted" || outcome == u"Inconclusive" || outcome == u"Pending"
        || outcome == u"InProgress")
        return TestStatus::Skipped;
    return TestStatus::Passed; // Passed, PassedButRunAborted, Completed, Warning
}

void TrxReader::read()
{
    TestReport &report = m_builder.report();
    report.format = QStringLiteral("trx");
    report.tool = QStringLiteral("vstest");
    while (m_stream.readNextChild()) {
        const QStringView child = m_stream.name();
        if (child == u"Times") {
            report.timestamp = parseTimestamp(attributeValue(m_stream.attributes(), "start"));
            m_stream.skipElement();
        } else if (child == u"Results") {
            readResults();
        } else if (child == u"TestDefinitions") {
            readDefinitions();
        } else {
            m_stream.skipElement(); // TestSettings, TestEntries, TestLists, ResultSummary
        }
    }
    if (!m_stream.failed())
        finish();
}

void TrxReader::readResults()
{
    while (m_stream.readNextChild()) {
        // UnitTestResult, and the rarer GenericTestResult, ManualTestResult…
        if (m_stream.name().endsWith(u"Result"))
            readResult();
        else
            m_stream.skipElement();
    }
}

void TrxReader::readResult()
{
    const QXmlStreamAttributes attrs = m_stream.attributes();
    TestCase tc;
    tc.name = attributeValue(attrs, "testName").toString();
    tc.durationS = parseTimeSpan(attributeValue(attrs, "duration"));
    tc.status = trxStatus(attributeValue(attrs, "outcome"));
    const QString testId = attributeValue(attrs, "testId").toString();
    while (m_stream.readNextChild()) {
        if (m_stream.name() == u"Output")
            readOutput(tc);
        else
            m_stream.skipElement(); // InnerResults: data rows, summed up in this result's outcome
    }
    if (m_stream.failed())
        return;
    m_pending.push_back(std::move(tc));
    m_pendingIds.push_back(testId);
}

void TrxReader::readOutput(TestCase &tc)
{
    while (m_stream.readNextChild()) {
        const QStringView child = m_stream.name();
        if (child == u"StdOut") {
            tc.systemOut = m_stream.readText();
        } else if (child == u"StdErr") {
            tc.systemErr = m_stream.readText();
        } else if (child == u"ErrorInfo") {
            while (m_stream.readNextChild()) {
                if (m_stream.name() == u"Message")
                    tc.message = m_stream.readText(TextKind::Detail).trimmed();
                else if (m_stream.name() == u"StackTrace")
                    tc.details = m_stream.readText(TextKind::Detail);
                else
                    m_stream.skipElement();
            }
        } else {
            m_stream.skipElement();
        }
    }
}

void TrxReader::readDefinitions()
{
    while (m_stream.readNextChild()) {
        if (m_stream.name() != u"UnitTest") {
            m_stream.skipElement();
            continue;
        }
        const QXmlStreamAttributes attrs = m_stream.attributes();
        const QString id = attributeValue(attrs, "id").toString();
        Definition definition;
        definition.storage = attributeValue(attrs, "storage").toString();
        while (m_stream.readNextChild()) {
            if (m_stream.name() == u"TestMethod") {
                // className="Ns.Class" or "Ns.Class, Assembly, Version=…"
                QStringView className = attributeValue(m_stream.attributes(), "className");
                const qsizetype comma = className.indexOf(u',');
                if (comma >= 0)
                    className = className.first(comma);
                definition.className = className.trimmed().toString();
            }
            m_stream.skipElement();
        }
        m_definitions.insert(id, definition);
    }
}

void TrxReader::finish()
{
    QSet<QString> suites;
    for (std::size_t i = 0; i < m_pending.size(); ++i) {
        TestCase &tc = m_pending[i];
        const Definition definition = m_definitions.value(m_pendingIds[i]);
        tc.className = definition.className;
        const QStringView storage = definition.storage;
        const qsizetype slash = std::max(storage.lastIndexOf(u'/'), storage.lastIndexOf(u'\\'));
        tc.suite = storage.mid(slash + 1).toString();
        // vstest often names the test "Ns.Class.Method": keep what follows the class.
        if (!tc.className.isEmpty() && tc.name.startsWith(tc.className)
            && tc.name.mid(tc.className.size()).startsWith(u'.'))
            tc.name.remove(0, tc.className.size() + 1);
        if (!tc.suite.isEmpty() && !suites.contains(tc.suite)) {
            suites.insert(tc.suite);
            TestSuite suite;
            suite.name = tc.suite;
            suite.path = tc.suite;
            suite.file = definition.storage;
            m_builder.addSuite(std::move(suite));
        }
        m_builder.addCase(std::move(tc));
    }
    m_pending.clear();
    m_pendingIds.clear();
}

} // namespace devdash::testresults

#include "XUnit2Reader.h"

#include "ReportBuilder.h"
#include "ReportValues.h"
#include "XmlReportStream.h"

namespace devdash::testresults {

using namespace ReportValues;

// xUnit marks assertion failures with its own exception types (Xunit.Sdk.*Exception;
// assertion libraries name theirs "…Assert…"); any other exception is an error.
static TestStatus failureStatus(QStringView exceptionType)
{
    if (exceptionType.isEmpty() || exceptionType.startsWith(u"Xunit.Sdk.")
        || exceptionType.contains(u"Assert", Qt::CaseInsensitive))
        return TestStatus::Failed;
    return TestStatus::Errored;
}

static QString baseName(QStringView path)
{
    const qsizetype slash = std::max(path.lastIndexOf(u'/'), path.lastIndexOf(u'\\'));
    return path.mid(slash + 1).toString();
}

void XUnit2Reader::read()
{
    TestReport &report = m_builder.report();
    report.format = QStringLiteral("xunit2");
    report.tool = QStringLiteral("xunit");
    if (m_stream.name() == u"assembly") {
        readAssembly();
        return;
    }
    while (m_stream.readNextChild()) {
        if (m_stream.name() == u"assembly")
            readAssembly();
        else
            m_stream.skipElement();
    }
    if (m_stream.failed())
        return;
    for (const TestSuite &suite : std::as_const(report.suites)) {
        if (suite.timestamp.isValid() && (!report.timestamp.isValid() || suite.timestamp < report.timestamp))
            report.timestamp = suite.timestamp;
    }
}

void XUnit2Reader::readAssembly()
{
    const QXmlStreamAttributes attrs = m_stream.attributes();
    TestSuite suite;
    suite.name = baseName(attributeValue(attrs, "name"));
    suite.path = suite.name;
    suite.file = attributeValue(attrs, "name").toString();
    suite.durationS = parseSeconds(attributeValue(attrs, "time"));
    // run-date="2013-04-04" run-time="10:00:00", or the round-trip start-rtf of newer runners.
    suite.timestamp = parseTimestamp(attributeValue(attrs, "start-rtf"));
    if (!suite.timestamp.isValid()) {
        const QString dateTime = attributeValue(attrs, "run-date").toString() + u'T'
            + attributeValue(attrs, "run-time").toString();
        suite.timestamp = parseTimestamp(dateTime);
    }
    const QString framework = attributeValue(attrs, "test-framework").toString();
    if (!framework.isEmpty())
        suite.properties.append({ QStringLiteral("test-framework"), framework });
    const QString environment = attributeValue(attrs, "environment").toString();
    if (!environment.isEmpty())
        suite.properties.append({ QStringLiteral("environment"), environment });
    const QString path = suite.path;
    m_builder.addSuite(std::move(suite));
    while (m_stream.readNextChild()) {
        if (m_stream.name() == u"collection")
            readCollection(path);
        else if (m_stream.name() == u"errors")
            readErrors(path);
        else
            m_stream.skipElement();
    }
}

void XUnit2Reader::readCollection(const QString &parentPath)
{
    const QXmlStreamAttributes attrs = m_stream.attributes();
    TestSuite suite;
    suite.name = attributeValue(attrs, "name").toString();
    suite.path = parentPath + QStringLiteral(" / ") + suite.name;
    suite.durationS = parseSeconds(attributeValue(attrs, "time"));
    const QString path = suite.path;
    m_builder.addSuite(std::move(suite));
    while (m_stream.readNextChild()) {
        if (m_stream.name() == u"test")
            readTest(path);
        else
            m_stream.skipElement();
    }
}

void XUnit2Reader::readTest(const QString &suitePath)
{
    const QXmlStreamAttributes attrs = m_stream.attributes();
    TestCase tc;
    tc.suite = suitePath;
    tc.className = attributeValue(attrs, "type").toString();
    // The display name repeats the class ("Ns.Class.Method(x: 1)"): keep what follows it.
    QStringView name = attributeValue(attrs, "name");
    if (!tc.className.isEmpty() && name.startsWith(tc.className)
        && name.mid(tc.className.size()).startsWith(u'.'))
        name = name.mid(tc.className.size() + 1);
    tc.name = name.toString();
    tc.durationS = parseSeconds(attributeValue(attrs, "time"));
    tc.file = attributeValue(attrs, "source-file").toString();
    tc.line = attributeValue(attrs, "source-line").toInt();
    const QStringView result = attributeValue(attrs, "result");
    if (result == u"Skip" || result == u"NotRun")
        tc.status = TestStatus::Skipped;
    else if (result == u"Fail")
        tc.status = TestStatus::Failed;
    while (m_stream.readNextChild()) {
        const QStringView child = m_stream.name();
        if (child == u"failure") {
            readFailure(tc.type, tc.message, tc.details);
            if (tc.status == TestStatus::Failed)
                tc.status = failureStatus(tc.type);
        } else if (child == u"reason") {
            tc.message = m_stream.readText(TextKind::Detail).trimmed();
        } else if (child == u"output") {
            tc.systemOut += m_stream.readText();
        } else if (child == u"traits") {
            while (m_stream.readNextChild()) {
                if (m_stream.name() == u"trait") {
                    const QXmlStreamAttributes t = m_stream.attributes();
                    tc.properties.append({ attributeValue(t, "name").toString(),
                        m_stream.keep(attributeValue(t, "value"), TextKind::Output) });
                }
                m_stream.skipElement();
            }
        } else {
            m_stream.skipElement();
        }
    }
    if (!m_stream.failed())
        m_builder.addCase(std::move(tc));
}

// <errors><error type="assembly-cleanup|test-class-cleanup|fatal…" name="…"><failure…/></error>:
// failures outside any test, kept as errored cases so that they are seen.
void XUnit2Reader::readErrors(const QString &suitePath)
{
    while (m_stream.readNextChild()) {
        if (m_stream.name() != u"error") {
            m_stream.skipElement();
            continue;
        }
        const QXmlStreamAttributes attrs = m_stream.attributes();
        TestCase tc;
        tc.suite = suitePath;
        tc.className = attributeValue(attrs, "name").toString();
        tc.name = u'<' + attributeValue(attrs, "type").toString() + u'>';
        tc.status = TestStatus::Errored;
        tc.durationS = NAN;
        while (m_stream.readNextChild()) {
            if (m_stream.name() == u"failure")
                readFailure(tc.type, tc.message, tc.details);
            else
                m_stream.skipElement();
        }
        if (m_stream.failed())
            return;
        m_builder.addCase(std::move(tc));
    }
}

void XUnit2Reader::readFailure(QString &type, QString &message, QString &details)
{
    type = m_stream.keep(attributeValue(m_stream.attributes(), "exception-type"));
    while (m_stream.readNextChild()) {
        if (m_stream.name() == u"message")
            message = m_stream.readText(TextKind::Detail).trimmed();
        else if (m_stream.name() == u"stack-trace")
            details = m_stream.readText(TextKind::Detail);
        else
            m_stream.skipElement();
    }
}

} // namespace devdash::testresults

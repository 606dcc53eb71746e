#include "JUnitReader.h"

#include "ReportBuilder.h"
#include "ReportValues.h"
#include "XmlReportStream.h"

namespace devdash::testresults {

using namespace ReportValues;

void JUnitReader::read()
{
    TestReport &report = m_builder.report();
    report.format = QStringLiteral("junit");
    const QXmlStreamAttributes attrs = m_stream.attributes();
    m_hints.rootDisabledAttr = !attributeValue(attrs, "disabled").isNull();
    if (m_stream.name() == u"testsuite") {
        m_hints.bareSuite = true;
        readSuite(QString());
    } else {
        m_hints.rootName = attributeValue(attrs, "name").toString();
        report.timestamp = parseTimestamp(attributeValue(attrs, "timestamp"));
        while (m_stream.readNextChild()) {
            const QStringView name = m_stream.name();
            if (name == u"testsuite")
                readSuite(QString());
            else if (name == u"testcase")
                readCase(QString()); // a few tools put cases straight under the root
            else
                m_stream.skipElement();
        }
    }
    if (m_stream.failed())
        return;
    if (!report.timestamp.isValid()) {
        for (const TestSuite &suite : std::as_const(report.suites)) {
            if (suite.timestamp.isValid()
                && (!report.timestamp.isValid() || suite.timestamp < report.timestamp))
                report.timestamp = suite.timestamp;
        }
    }
    report.tool = tool();
}

void JUnitReader::readSuite(const QString &parentPath)
{
    const QXmlStreamAttributes attrs = m_stream.attributes();
    TestSuite suite;
    suite.name = attributeValue(attrs, "name").toString();
    suite.path = joinPath(parentPath, suite.name);
    suite.durationS = parseSeconds(attributeValue(attrs, "time"));
    suite.timestamp = parseTimestamp(attributeValue(attrs, "timestamp"));
    suite.hostname = attributeValue(attrs, "hostname").toString();
    suite.file = attributeValue(attrs, "file").toString();

    const QStringView package = attributeValue(attrs, "package");
    m_hints.pytest |= suite.name == u"pytest";
    m_hints.catch2 |= suite.hostname == u"tbd";
    m_hints.dotnet |= package.endsWith(u".dll") || suite.name.endsWith(u".dll");
    m_hints.antIdPackage |= !package.isNull() && !attributeValue(attrs, "id").isNull();
    m_hints.skippedAttr |= !attributeValue(attrs, "skipped").isNull();
    m_hints.surefire |= attributeValue(attrs, "xsi:noNamespaceSchemaLocation").contains(u"surefire");

    const QString name = suite.name;
    const QString path = suite.path;
    const qsizetype index = m_builder.addSuite(std::move(suite));
    QString out;
    QString err;
    Properties properties;
    while (m_stream.readNextChild()) {
        const QStringView child = m_stream.name();
        if (child == u"testcase") {
            readCase(path);
        } else if (child == u"testsuite") {
            readSuite(path);
        } else if (child == u"properties") {
            readProperties(properties);
        } else if (child == u"system-out") {
            out += m_stream.readText();
        } else if (child == u"system-err") {
            err += m_stream.readText();
        } else if (child == u"error") {
            readSuiteError(name, path, TestStatus::Errored);
        } else if (child == u"failure") {
            readSuiteError(name, path, TestStatus::Failed);
        } else {
            m_stream.skipElement();
        }
    }
    if (m_stream.failed())
        return;
    // By index: nested suites were appended meanwhile.
    TestSuite &done = m_builder.suite(index);
    done.systemOut = std::move(out);
    done.systemErr = std::move(err);
    done.properties = std::move(properties);
}

// An <error> straight in a <testsuite>: the suite could not run (a class that failed to
// load, a failing @BeforeClass). Counted as one test named "<init>", as Jenkins does,
// so that the failure is never lost.
void JUnitReader::readSuiteError(const QString &suiteName, const QString &suitePath, TestStatus status)
{
    const QXmlStreamAttributes attrs = m_stream.attributes();
    TestCase tc;
    tc.suite = suitePath;
    tc.className = suiteName;
    tc.name = QStringLiteral("<init>");
    tc.status = status;
    tc.durationS = NAN;
    tc.message = m_stream.keep(attributeValue(attrs, "message"));
    tc.type = m_stream.keep(attributeValue(attrs, "type"));
    tc.details = m_stream.readText(TextKind::Detail);
    if (!m_stream.failed())
        m_builder.addCase(std::move(tc));
}

void JUnitReader::readProperties(Properties &into)
{
    while (m_stream.readNextChild()) {
        if (m_stream.name() != u"property") {
            m_stream.skipElement();
            continue;
        }
        const QXmlStreamAttributes attrs = m_stream.attributes();
        const QStringView name = attributeValue(attrs, "name");
        const QStringView value = attributeValue(attrs, "value");
        m_hints.go |= name == u"go.version";
        m_hints.javaProperties |= name.startsWith(u"java.");
        m_hints.surefire |= name.startsWith(u"surefire.");
        QString key = name.toString();
        if (value.isNull()) {
            // The value as the element's text (multi-line values, CDATA).
            into.append({ std::move(key), m_stream.readText().trimmed() });
        } else {
            into.append({ std::move(key), m_stream.keep(value, TextKind::Output) });
            m_stream.skipElement();
        }
    }
}

static bool startsWith(QStringView text, const char16_t *prefix)
{
    return text.startsWith(QStringView(prefix));
}

void JUnitReader::readCase(const QString &suitePath)
{
    const QXmlStreamAttributes attrs = m_stream.attributes();
    ++m_hints.cases;
    TestCase tc;
    tc.suite = suitePath;
    QStringView className = attributeValue(attrs, "classname");
    if (className.isNull())
        className = attributeValue(attrs, "class");
    if (className != m_lastClassName || m_lastClassName.isNull() != className.isNull())
        m_lastClassName = className.toString();
    tc.className = m_lastClassName;
    const QStringView name = attributeValue(attrs, "name");
    tc.name = name.toString();
    const QStringView file = attributeValue(attrs, "file");
    if (file != m_lastFile)
        m_lastFile = file.toString();
    tc.file = m_lastFile;
    tc.line = attributeValue(attrs, "line").toInt();
    tc.durationS = parseSeconds(attributeValue(attrs, "time"));

    // GoogleTest, CTest and Bazel write status="run|notrun|fail|disabled"; GoogleTest
    // also result="completed|skipped|suppressed".
    const QStringView statusAttr = attributeValue(attrs, "status");
    const QStringView resultAttr = attributeValue(attrs, "result");
    const bool hasStatus = !statusAttr.isNull();
    const bool notRun = statusAttr == u"notrun" || statusAttr == u"disabled" || statusAttr == u"skipped"
        || statusAttr == u"ignored" || resultAttr == u"skipped" || resultAttr == u"suppressed";
    const bool disabledName
        = hasStatus && (startsWith(name, u"DISABLED_") || startsWith(className, u"DISABLED_"));
    m_hints.statusAttr |= hasStatus;
    m_hints.resultAttr |= !resultAttr.isNull();
    m_hints.ctestStatus |= statusAttr == u"fail" || statusAttr == u"disabled";
    m_hints.durationAttr |= !attributeValue(attrs, "duration").isNull();
    m_hints.assertionsAttr |= !attributeValue(attrs, "assertions").isNull();
    m_hints.classIsName &= className == name;
    m_hints.jestArrow |= className.contains(u" \u203a ");

    bool outcome = false;
    std::vector<TestAttempt> flaky;
    std::vector<TestAttempt> reruns;
    while (m_stream.readNextChild()) {
        const QStringView child = m_stream.name();
        TestStatus status = TestStatus::Passed;
        if (child == u"failure")
            status = TestStatus::Failed;
        else if (child == u"error")
            status = TestStatus::Errored;
        else if (child == u"skipped")
            status = TestStatus::Skipped;

        if (status != TestStatus::Passed) {
            // Several results in one case: the worst decides (errored > failed > skipped)
            // and brings its message; a tie keeps the first.
            if (outcome && worse(tc.status, status) == tc.status) {
                m_stream.skipElement();
                continue;
            }
            const QXmlStreamAttributes a = m_stream.attributes();
            tc.status = status;
            tc.message = m_stream.keep(attributeValue(a, "message"));
            tc.type = m_stream.keep(attributeValue(a, "type"));
            tc.details = m_stream.readText(TextKind::Detail);
            outcome = true;
        } else if (child == u"system-out") {
            tc.systemOut += m_stream.readText();
        } else if (child == u"system-err") {
            tc.systemErr += m_stream.readText();
        } else if (child == u"properties") {
            readProperties(tc.properties);
        } else if (child == u"flakyFailure" || child == u"flakyError") {
            flaky.push_back(readRerun(child == u"flakyError" ? TestStatus::Errored : TestStatus::Failed));
        } else if (child == u"rerunFailure" || child == u"rerunError") {
            reruns.push_back(readRerun(child == u"rerunError" ? TestStatus::Errored : TestStatus::Failed));
        } else {
            m_stream.skipElement();
        }
    }
    if (m_stream.failed())
        return;

    if (tc.status == TestStatus::Passed && (notRun || disabledName))
        tc.status = TestStatus::Skipped;
    // GoogleTest reports an exception escaping a test as a failure; it is an error.
    if (tc.status == TestStatus::Failed && hasStatus
        && (tc.message.contains(u"C++ exception with description")
            || tc.message.contains(u"Unknown C++ exception")))
        tc.status = TestStatus::Errored;

    // Surefire: flakyFailure/flakyError are failed runs before the passing one;
    // rerunFailure/rerunError are reruns after the first failure, all failing.
    if (!flaky.empty())
        tc.retries = std::move(flaky);
    if (!reruns.empty()) {
        tc.retries.push_back(ReportBuilder::takeFinalAttempt(tc));
        for (std::size_t i = 0; i + 1 < reruns.size(); ++i)
            tc.retries.push_back(std::move(reruns[i]));
        ReportBuilder::setFinalAttempt(tc, std::move(reruns.back()));
    }
    m_builder.addCase(std::move(tc));
}

TestAttempt JUnitReader::readRerun(TestStatus status)
{
    m_hints.surefire = true;
    const QXmlStreamAttributes attrs = m_stream.attributes();
    TestAttempt attempt;
    attempt.status = status;
    attempt.durationS = parseSeconds(attributeValue(attrs, "time"));
    attempt.message = m_stream.keep(attributeValue(attrs, "message"));
    attempt.type = m_stream.keep(attributeValue(attrs, "type"));
    QString text; // older Surefire writes the trace as text, newer in <stackTrace>
    while (m_stream.readNextChild(&text)) {
        const QStringView child = m_stream.name();
        if (child == u"stackTrace")
            attempt.details = m_stream.readText(TextKind::Detail);
        else if (child == u"system-out")
            attempt.systemOut = m_stream.readText();
        else if (child == u"system-err")
            attempt.systemErr = m_stream.readText();
        else
            m_stream.skipElement();
    }
    if (attempt.details.isEmpty())
        attempt.details = m_stream.keep(text);
    return attempt;
}

QString JUnitReader::tool() const
{
    const Hints &h = m_hints;
    // Root names some tools always write come first: nextest also writes flakyFailure.
    if (h.rootName == u"nextest-run")
        return QStringLiteral("nextest");
    if (h.rootName == u"jest tests" || h.jestArrow)
        return QStringLiteral("jest");
    if (h.rootName.startsWith(u"Mocha Tests"))
        return QStringLiteral("mocha");
    if (h.rootName == u"AllTests")
        return QStringLiteral("gtest");
    if (h.surefire)
        return QStringLiteral("surefire");
    if (h.catch2)
        return QStringLiteral("catch2");
    if (h.statusAttr) {
        if (h.durationAttr)
            return QStringLiteral("bazel");
        if (h.ctestStatus || (h.bareSuite && h.rootDisabledAttr && h.classIsName))
            return QStringLiteral("ctest");
        if (h.resultAttr || h.rootDisabledAttr)
            return QStringLiteral("gtest");
    }
    if (h.pytest)
        return QStringLiteral("pytest");
    if (h.go)
        return QStringLiteral("go-junit-report");
    if (h.assertionsAttr)
        return QStringLiteral("phpunit");
    if (h.dotnet)
        return QStringLiteral("dotnet-junit-logger");
    if (h.antIdPackage)
        return QStringLiteral("ant");
    // sbt/ScalaTest dump the JVM's properties like Surefire, without Surefire's marks.
    if (h.javaProperties && !h.skippedAttr)
        return QStringLiteral("scalatest");
    return {};
}

} // namespace devdash::testresults

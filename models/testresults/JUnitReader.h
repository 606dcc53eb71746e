#pragma once

#include "TestReport.h"

namespace devdash::testresults {

class ReportBuilder;
class XmlReportStream;

// Reads the JUnit family: Ant/Jenkins, Surefire and Gradle, pytest, CTest, GoogleTest,
// jest-junit, go-junit-report, PHPUnit, mocha, Catch2, nextest, Bazel, ScalaTest and the
// .NET JUnit logger. The stream stands on the root element (testsuites or testsuite).
class JUnitReader
{
public:
    JUnitReader(XmlReportStream &stream, ReportBuilder &builder)
        : m_stream(stream)
        , m_builder(builder)
    {
    }
    void read();

private:
    // What the writing tool leaves behind; tool() weighs it at the end.
    struct Hints
    {
        QString rootName;
        bool bareSuite = false;
        bool rootDisabledAttr = false;
        bool surefire = false;
        bool statusAttr = false;
        bool resultAttr = false;
        bool durationAttr = false;
        bool ctestStatus = false;
        bool classIsName = true;
        bool assertionsAttr = false;
        bool pytest = false;
        bool catch2 = false;
        bool go = false;
        bool dotnet = false;
        bool jestArrow = false;
        bool antIdPackage = false;
        bool skippedAttr = false;
        bool javaProperties = false;
        int cases = 0;
    };

    void readSuite(const QString &parentPath);
    void readCase(const QString &suitePath);
    void readProperties(Properties &into);
    TestAttempt readRerun(TestStatus status);
    void readSuiteError(const QString &suiteName, const QString &suitePath, TestStatus status);
    QString tool() const;

    XmlReportStream &m_stream;
    ReportBuilder &m_builder;
    Hints m_hints;
    // Shared between consecutive cases of a class or file: one allocation, not one per case.
    QString m_lastClassName;
    QString m_lastFile;
};

} // namespace devdash::testresults

#pragma once

#include "TestReport.h"

namespace devdash::testresults {

class ReportBuilder;
class XmlReportStream;

// Reads NUnit 3 results (<test-run> root; test-suite / test-case). The stream stands on
// the root element.
class NUnit3Reader
{
public:
    NUnit3Reader(XmlReportStream &stream, ReportBuilder &builder)
        : m_stream(stream)
        , m_builder(builder)
    {
    }
    void read();

private:
    void readSuite(const QString &parentPath);
    void readCase(const QString &suitePath);
    void readFailure(QString &message, QString &details);
    void readProperties(Properties &into);

    XmlReportStream &m_stream;
    ReportBuilder &m_builder;
};

} // namespace devdash::testresults

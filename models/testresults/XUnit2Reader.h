#pragma once

#include "TestReport.h"

namespace devdash::testresults {

class ReportBuilder;
class XmlReportStream;

// Reads xUnit.net v2 results (<assemblies> / <assembly> / <collection> / <test>).
// The stream stands on the root element.
class XUnit2Reader
{
public:
    XUnit2Reader(XmlReportStream &stream, ReportBuilder &builder)
        : m_stream(stream)
        , m_builder(builder)
    {
    }
    void read();

private:
    void readAssembly();
    void readCollection(const QString &parentPath);
    void readTest(const QString &suitePath);
    void readErrors(const QString &suitePath);
    void readFailure(QString &type, QString &message, QString &details);

    XmlReportStream &m_stream;
    ReportBuilder &m_builder;
};

} // namespace devdash::testresults

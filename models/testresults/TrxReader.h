#pragma once

#include "TestReport.h"

#include <QHash>

namespace devdash::testresults {

class ReportBuilder;
class XmlReportStream;

// Reads Visual Studio TRX files (<TestRun> in the TeamTest/2010 namespace). Results come
// before the test definitions that name their classes, so cases wait until the end.
class TrxReader
{
public:
    TrxReader(XmlReportStream &stream, ReportBuilder &builder)
        : m_stream(stream)
        , m_builder(builder)
    {
    }
    void read();

private:
    struct Definition
    {
        QString className;
        QString storage; // the test assembly
    };

    void readResults();
    void readResult();
    void readOutput(TestCase &tc);
    void readDefinitions();
    void finish();

    XmlReportStream &m_stream;
    ReportBuilder &m_builder;
    std::vector<TestCase> m_pending;
    std::vector<QString> m_pendingIds;
    QHash<QString, Definition> m_definitions;
};

} // namespace devdash::testresults

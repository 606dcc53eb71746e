#pragma once

// Finding a case, a suite or a property in a parsed report: what every report test asks.

#include "testresults/TestReport.h"

#include <QStringView>

namespace devdash::test {

// The first case called `name` (of `className`, when given), or null.
inline const testresults::TestCase *findCase(
    const testresults::TestReport &report, QStringView name, QStringView className = {})
{
    for (const testresults::TestCase &tc : report.cases) {
        if (tc.name == name && (className.isNull() || tc.className == className))
            return &tc;
    }
    return nullptr;
}

inline const testresults::TestSuite *findSuite(const testresults::TestReport &report, QStringView path)
{
    for (const testresults::TestSuite &suite : report.suites) {
        if (suite.path == path)
            return &suite;
    }
    return nullptr;
}

inline QString propertyValue(const testresults::Properties &properties, QStringView name)
{
    for (const auto &p : properties) {
        if (p.first == name)
            return p.second;
    }
    return {};
}

} // namespace devdash::test

#pragma once

// The JSON shapes of `devdash tests … --json`, documented in docs/cli.md. Kept
// apart from the commands so that the window's "Copy as JSON" can give the same.

#include "testresults/FlakyDetector.h"
#include "testresults/RunComparison.h"
#include "testresults/TestHistory.h"
#include "testresults/TestRun.h"

#include <QJsonArray>
#include <QJsonObject>

namespace devdash::cli::testsjson {

QJsonValue duration(double seconds); // null when unknown (NaN)
QJsonValue time(const QDateTime &time); // ISO 8601 in local time with its offset; null when invalid
QJsonObject run(const testresults::RunSummary &run);
QJsonObject caseResult(const testresults::CaseResult &c);
// `failedOnly`: only failing cases, and only suites that have one.
QJsonObject runDetails(const testresults::RunDetails &details, bool failedOnly);
QJsonObject comparison(const testresults::RunComparison &comparison, const testresults::RunSummary &base,
    const testresults::RunSummary &head);
QJsonObject flakyFinding(const testresults::FlakyFinding &finding);
QJsonObject history(const testresults::TestHistory &history);

} // namespace devdash::cli::testsjson

#include "TestsJson.h"

#include "common/JsonWriter.h"

#include <cmath>

namespace devdash::cli::testsjson {

using namespace devdash::testresults;

namespace {

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonValue statusOrNull(const std::optional<TestStatus> &status)
{
    return status ? QJsonValue(statusName(*status)) : QJsonValue(QJsonValue::Null);
}

QJsonObject comparedTest(const ComparedTest &t)
{
    return QJsonObject {
        { QStringLiteral("key"), t.key },
        { QStringLiteral("suite"), t.suite },
        { QStringLiteral("class_name"), orNull(t.className) },
        { QStringLiteral("name"), t.name },
        { QStringLiteral("base_status"), statusOrNull(t.base) },
        { QStringLiteral("head_status"), statusOrNull(t.head) },
        { QStringLiteral("base_duration_s"), duration(t.baseDurationS) },
        { QStringLiteral("head_duration_s"), duration(t.headDurationS) },
        { QStringLiteral("message"), orNull(t.message) },
    };
}

QJsonArray comparedTests(const QList<ComparedTest> &tests)
{
    QJsonArray array;
    for (const ComparedTest &t : tests)
        array.append(comparedTest(t));
    return array;
}

QJsonObject historyEntry(const HistoryEntry &e)
{
    return QJsonObject {
        { QStringLiteral("run_id"), e.runId },
        { QStringLiteral("commit"), e.commit },
        { QStringLiteral("branch"), orNull(e.branch) },
        { QStringLiteral("source"), orNull(e.source) },
        { QStringLiteral("imported_at"), time(e.time) },
        { QStringLiteral("status"), statusName(e.status) },
        { QStringLiteral("duration_s"), duration(e.durationS) },
        { QStringLiteral("flaky"), e.flaky },
        { QStringLiteral("attempts"), e.attempts },
        { QStringLiteral("message"), orNull(e.message) },
    };
}

} // namespace

QJsonValue duration(double seconds)
{
    // Durations are rounded to microseconds: binary noise is not information.
    return std::isfinite(seconds) ? QJsonValue(std::round(seconds * 1e6) / 1e6)
                                  : QJsonValue(QJsonValue::Null);
}

QJsonValue time(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(json::isoDateTime(t.toLocalTime())) : QJsonValue(QJsonValue::Null);
}

QJsonObject run(const RunSummary &r)
{
    return QJsonObject {
        { QStringLiteral("run_id"), r.id },
        { QStringLiteral("repository"), r.repository },
        { QStringLiteral("commit"), r.commit },
        { QStringLiteral("branch"), orNull(r.branch) },
        { QStringLiteral("source"), orNull(r.source) },
        { QStringLiteral("imported_at"), time(r.importedAt) },
        { QStringLiteral("status"), r.isFailing() ? QStringLiteral("failed") : QStringLiteral("passed") },
        { QStringLiteral("tests"), r.counts.tests },
        { QStringLiteral("passed"), r.counts.passed },
        { QStringLiteral("failed"), r.counts.failed },
        { QStringLiteral("errored"), r.counts.errored },
        { QStringLiteral("skipped"), r.counts.skipped },
        { QStringLiteral("flaky"), r.counts.flaky },
        { QStringLiteral("duration_s"), duration(r.counts.durationS) },
    };
}

QJsonObject caseResult(const CaseResult &c)
{
    QJsonArray retries;
    for (const TestAttempt &a : c.retries)
        retries.append(QJsonObject {
            { QStringLiteral("status"), statusName(a.status) },
            { QStringLiteral("duration_s"), duration(a.durationS) },
            { QStringLiteral("message"), orNull(a.message) },
        });
    return QJsonObject {
        { QStringLiteral("key"), c.key },
        { QStringLiteral("class_name"), orNull(c.className) },
        { QStringLiteral("name"), c.name },
        { QStringLiteral("file"), orNull(c.file) },
        { QStringLiteral("line"), c.line > 0 ? QJsonValue(c.line) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("status"), statusName(c.status) },
        { QStringLiteral("flaky"), c.flaky },
        { QStringLiteral("attempts"), c.attempts },
        { QStringLiteral("duration_s"), duration(c.durationS) },
        { QStringLiteral("message"), orNull(c.message) },
        { QStringLiteral("type"), orNull(c.type) },
        { QStringLiteral("details"), orNull(c.details) },
        { QStringLiteral("system_out"), orNull(c.systemOut) },
        { QStringLiteral("system_err"), orNull(c.systemErr) },
        { QStringLiteral("retries"), retries },
    };
}

QJsonObject runDetails(const RunDetails &details, bool failedOnly)
{
    QJsonArray reports;
    for (const RunReportFile &f : details.reports)
        reports.append(QJsonObject {
            { QStringLiteral("file"), f.file },
            { QStringLiteral("format"), f.format },
            { QStringLiteral("tool"), orNull(f.tool) },
            { QStringLiteral("timestamp"), time(f.timestamp) },
        });
    QJsonArray suites;
    for (const SuiteResult &s : details.suites) {
        QJsonArray cases;
        int counts[4] = {};
        for (const CaseResult &c : s.cases) {
            ++counts[int(c.status)];
            if (!failedOnly || isFailing(c.status))
                cases.append(caseResult(c));
        }
        if (failedOnly && cases.isEmpty())
            continue;
        suites.append(QJsonObject {
            { QStringLiteral("path"), s.path },
            { QStringLiteral("name"), s.name },
            { QStringLiteral("file"), orNull(s.file) },
            { QStringLiteral("duration_s"), duration(s.durationS) },
            { QStringLiteral("timestamp"), time(s.timestamp) },
            { QStringLiteral("hostname"), orNull(s.hostname) },
            { QStringLiteral("tests"), int(s.cases.size()) },
            { QStringLiteral("passed"), counts[int(TestStatus::Passed)] },
            { QStringLiteral("failed"), counts[int(TestStatus::Failed)] },
            { QStringLiteral("errored"), counts[int(TestStatus::Errored)] },
            { QStringLiteral("skipped"), counts[int(TestStatus::Skipped)] },
            { QStringLiteral("cases"), cases },
        });
    }
    QJsonObject object = run(details.run);
    object.insert(QStringLiteral("reports"), reports);
    object.insert(QStringLiteral("suites"), suites);
    return object;
}

QJsonObject comparison(const RunComparison &c, const RunSummary &base, const RunSummary &head)
{
    return QJsonObject {
        { QStringLiteral("base"), run(base) },
        { QStringLiteral("head"), run(head) },
        { QStringLiteral("new_failures"), comparedTests(c.newFailures) },
        { QStringLiteral("fixed"), comparedTests(c.fixed) },
        { QStringLiteral("still_failing"), comparedTests(c.stillFailing) },
        { QStringLiteral("new_tests"), comparedTests(c.newTests) },
        { QStringLiteral("removed_tests"), comparedTests(c.removedTests) },
    };
}

QJsonObject flakyFinding(const FlakyFinding &f)
{
    QJsonArray runIds;
    for (qint64 id : f.runIds)
        runIds.append(id);
    return QJsonObject {
        { QStringLiteral("key"), f.key },
        { QStringLiteral("suite"), f.suite },
        { QStringLiteral("class_name"), orNull(f.className) },
        { QStringLiteral("name"), f.name },
        { QStringLiteral("kind"), flakyKindName(f.kind) },
        { QStringLiteral("rate"), std::round(f.rate * 1e4) / 1e4 },
        { QStringLiteral("occurrences"), f.occurrences },
        { QStringLiteral("observations"), f.observations },
        { QStringLiteral("branch"), orNull(f.branch) },
        { QStringLiteral("run_ids"), runIds },
        { QStringLiteral("commits"), QJsonArray::fromStringList(f.commits) },
        { QStringLiteral("last_seen"), time(f.lastSeen) },
    };
}

QJsonObject history(const TestHistory &h)
{
    QJsonArray entries;
    for (const HistoryEntry &e : h.entries)
        entries.append(historyEntry(e));
    return QJsonObject {
        { QStringLiteral("key"), h.key },
        { QStringLiteral("suite"), h.suite },
        { QStringLiteral("class_name"), orNull(h.className) },
        { QStringLiteral("name"), h.name },
        { QStringLiteral("file"), orNull(h.file) },
        { QStringLiteral("age"), h.age },
        { QStringLiteral("failing_since"),
            h.failingSince ? QJsonValue(historyEntry(*h.failingSince)) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("entries"), entries },
    };
}

} // namespace devdash::cli::testsjson

#pragma once

// How the attribute values of test reports are read: times, time spans, timestamps.
// The rules are documented in docs/test-reports.md; tests/testresults checks them.

#include <QDateTime>
#include <QString>
#include <QStringView>

namespace devdash::testresults::ReportValues {

// A duration in seconds as JUnit dialects write it: "1.5", "1,234.5" (thousands
// separators), "1.5e-3", "0,5" (decimal comma), "2s". Returns NaN when the value is
// missing, unreadable, negative, or not finite: an unknown time, not a zero one.
double parseSeconds(QStringView text);

// A .NET TimeSpan ("00:00:01.2345678", "1.02:03:04.5") as TRX writes it; NaN if unreadable.
double parseTimeSpan(QStringView text);

// ISO 8601 and the variants tools write: "2024-01-03T12:27:11", a space instead of
// the "T", a stray space after it, any number of fraction digits, "Z" or "+01:00" or
// "+0100", or a date alone (midnight). Without a zone the time is local, as the tools
// that omit it (Surefire, pytest, CTest, GoogleTest) write the local time.
// Returns an invalid QDateTime when unreadable, and for the epoch (GoogleTest's "never ran").
QDateTime parseTimestamp(QStringView text);

// A suite's path: the parent's and the name joined with " / ", cut at
// InputLimits::ReportPathChars (deeply nested suites would otherwise repeat every
// enclosing name in each suite and case: memory growing with the square of the depth).
QString joinPath(const QString &parent, const QString &name);

} // namespace devdash::testresults::ReportValues

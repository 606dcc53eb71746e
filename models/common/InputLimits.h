#pragma once

// How much of an untrusted input DevDash will hold: every parser of outside input (test
// reports, cctray feeds, Liquibase changelogs, CI servers' JSON, .devdash.json, migration
// files) takes its numbers from here, so that one file says what the limits are
// (SECURITY.md lists them). The numbers are far above what real inputs reach; an input
// beyond one is refused (or, for the text of a test report, cut) with a message naming
// the limit, never loaded whole.

#include "common/Result.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QString>

namespace devdash::InputLimits {

constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * KiB;

// XML (reports, cctray, Liquibase): elements nested deeper are refused.
constexpr int XmlDepth = 256;
// One tag with all its attributes (a name, a message attribute), in bytes of the file.
constexpr qint64 XmlTagBytes = 1 * MiB;
// One run of text between two tags (CDATA included): system-out, a stack trace, an SQL
// body. A test report's longer text is cut there; other XML is refused.
constexpr qint64 XmlTextBytes = 16 * MiB;

// JSON (CI servers' answers, .devdash.json): arrays and objects nested deeper are refused
// before Qt parses them (Qt's own limit is 1024 and its walk is recursive).
constexpr int JsonDepth = 64;
// One JSON document from a CI server, checked before it is parsed (a GitLab test_report of a
// large suite with its traces is the biggest real answer: tens of MB).
constexpr qint64 CiJsonBytes = 64 * MiB;

// Files read whole.
constexpr qint64 ConfigFileBytes = 4 * MiB; // .devdash.json, alembic.ini
constexpr qint64 MigrationFileBytes = 64 * MiB; // a migration script, a changelog, sqitch.plan

// Test reports: the cases and suites of one report (~600 B each in memory while the import
// holds the report whole); a larger report is refused with a message saying to split it.
// Real reports stay far below (the largest seen have about a million cases); the bound is
// what keeps a hostile file of millions of empty cases from exhausting memory.
constexpr int ReportCases = 2'500'000;
// A suite's path (" / "-joined names of the enclosing suites) is cut beyond this.
constexpr qsizetype ReportPathChars = 4096;

// "1 MiB", "16 MiB", "512 KiB": a limit as a message says it.
QString describeBytes(qint64 bytes);

// The file whole, or an error naming it when it cannot be read or is larger than
// `maxBytes` ("what" says what the file is: "the configuration file").
Result<QByteArray> readFile(const QString &path, qint64 maxBytes, const QString &what);

// The deepest nesting of arrays and objects in `json` (strings skipped), scanning at most
// until `limit` is passed: returns limit + 1 then, with *offset the byte where it was.
int jsonDepth(const QByteArray &json, int limit, qsizetype *offset = nullptr);

// A JSON number as an integer: NaN gives 0, and values beyond ±2^53 (where doubles stop
// being exact) are clamped, since casting an out-of-range double is undefined behaviour.
constexpr qint64 jsonInteger(double value)
{
    constexpr double limit = 9007199254740992.0; // 2^53
    if (!(value == value))
        return 0;
    return qint64(value < -limit ? -limit : value > limit ? limit : value);
}

// QJsonDocument::fromJson after a size and a depth check; the error says which limit or
// where the JSON is malformed, without naming the source (the caller prefixes it).
Result<QJsonDocument> parseJson(const QByteArray &json, qint64 maxBytes, int maxDepth = JsonDepth);

} // namespace devdash::InputLimits

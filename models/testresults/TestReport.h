#pragma once

// What a test report says, whatever tool wrote it: suites, cases with their final
// status, retries and output. Parsers produce it; the store keeps it per run.

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>

#include <cmath>
#include <vector>

namespace devdash::testresults {

// Precedence when a case carries several results: errored > failed > skipped > passed
// (an unexpected exception says more than an assertion, which says more than a skip).
enum class TestStatus : uint8_t { Passed, Failed, Errored, Skipped };
QString statusName(TestStatus status); // "passed", "failed", "errored", "skipped"
TestStatus statusFromName(const QString &name);
TestStatus worse(TestStatus a, TestStatus b);

using Properties = QList<QPair<QString, QString>>;

// One execution of a test: the first run and each rerun (Surefire rerunFailure /
// flakyFailure, or a repeated <testcase> in one report).
struct TestAttempt
{
    TestStatus status = TestStatus::Passed;
    double durationS = 0; // NaN when the report gives none
    QString message;
    QString type;
    QString details; // stack trace or failure body
    QString systemOut;
    QString systemErr;
};

struct TestCase
{
    QString suite; // the suite path, outermost first, joined with " / "
    QString className; // classname attribute (may be empty)
    QString name;
    QString file;
    int line = 0;
    TestStatus status = TestStatus::Passed; // final status
    bool flaky = false; // failed, then passed on a retry within the run
    double durationS = 0; // of the final attempt; NaN when the report gives none
    QString message;
    QString type;
    QString details;
    QString systemOut;
    QString systemErr;
    Properties properties;
    std::vector<TestAttempt> retries; // earlier attempts, oldest first

    int attempts() const { return int(retries.size()) + 1; }
    // The identity of a test across runs: "className::name" (suite path when no class).
    QString id() const { return (className.isEmpty() ? suite : className) + QStringLiteral("::") + name; }
};

struct TestSuite
{
    QString name;
    QString path; // outermost first, " / "-joined, including this suite
    double durationS = NAN;
    QDateTime timestamp;
    QString hostname;
    QString file; // PHPUnit and others name the source file of a suite
    QString systemOut;
    QString systemErr;
    Properties properties;
};

struct TestCounts
{
    int tests = 0;
    int passed = 0;
    int failed = 0;
    int errored = 0;
    int skipped = 0;
    int flaky = 0; // passed on retry; also counted in passed
    double durationS = 0;
};

struct TestReport
{
    QString file; // where it came from
    QString format; // "junit", "nunit3", "xunit2", "trx"
    QString tool; // best guess: "surefire", "pytest", "gtest", "jest", "ctest", … or empty
    QDateTime timestamp;
    QList<TestSuite> suites;
    std::vector<TestCase> cases;
    QStringList warnings; // what the parser dropped or guessed (output over budget, odd values)

    TestCounts counts() const;
};

} // namespace devdash::testresults

Q_DECLARE_METATYPE(devdash::testresults::TestStatus)

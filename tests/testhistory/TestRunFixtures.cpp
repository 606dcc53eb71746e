#include "TestRunFixtures.h"

#include <QSet>

namespace devdash::test {

using namespace devdash::testresults;

TestCase makeCase(const QString &className, const QString &name, TestStatus status, double durationS,
    const QString &message)
{
    TestCase c;
    c.suite = className;
    c.className = className;
    c.name = name;
    c.status = status;
    c.durationS = durationS;
    c.message = message;
    if (status == TestStatus::Failed || status == TestStatus::Errored) {
        if (c.message.isEmpty())
            c.message = QStringLiteral("%1 failed").arg(name);
        c.type = status == TestStatus::Failed ? QStringLiteral("AssertionError")
                                              : QStringLiteral("RuntimeError");
        c.details = QStringLiteral("at %1.%2(%1.java:42)").arg(className, name);
        c.systemOut = QStringLiteral("output of %1").arg(name);
    }
    return c;
}

TestCase makeFlakyCase(const QString &className, const QString &name)
{
    TestCase c = makeCase(className, name, TestStatus::Passed, 0.2);
    c.flaky = true;
    TestAttempt first;
    first.status = TestStatus::Failed;
    first.durationS = 0.3;
    first.message = QStringLiteral("timed out");
    first.type = QStringLiteral("TimeoutError");
    first.details = QStringLiteral("stack of the first attempt");
    c.retries.push_back(first);
    return c;
}

TestReport makeReport(const QString &file, std::vector<TestCase> cases, const QDateTime &timestamp)
{
    TestReport report;
    report.file = file;
    report.format = QStringLiteral("junit");
    report.tool = QStringLiteral("test");
    report.timestamp = timestamp;
    QSet<QString> suites;
    for (const TestCase &c : cases) {
        if (suites.contains(c.suite))
            continue;
        suites.insert(c.suite);
        TestSuite s;
        s.name = c.suite;
        s.path = c.suite;
        s.durationS = 1.0;
        s.hostname = QStringLiteral("ci-host");
        report.suites.append(s);
    }
    report.cases = std::move(cases);
    return report;
}

TestReport reportFromPattern(const QString &pattern, const QString &salt)
{
    std::vector<TestCase> cases;
    for (int i = 0; i < pattern.size(); ++i) {
        const QChar p = pattern.at(i);
        const QString name = QStringLiteral("t%1").arg(i);
        if (p == QLatin1Char('-'))
            continue;
        if (p == QLatin1Char('R'))
            cases.push_back(makeFlakyCase(QStringLiteral("T"), name));
        else
            cases.push_back(makeCase(QStringLiteral("T"), name,
                p == QLatin1Char('F')       ? TestStatus::Failed
                    : p == QLatin1Char('E') ? TestStatus::Errored
                    : p == QLatin1Char('S') ? TestStatus::Skipped
                                            : TestStatus::Passed,
                0.1 * (i + 1)));
    }
    TestReport report = makeReport(QStringLiteral("report-%1.xml").arg(salt), std::move(cases));
    report.tool = salt; // makes runs with the same statuses distinct content
    return report;
}

RunInfo runInfo(const QString &repository, const QString &commit, const QString &branch, qint64 minutes)
{
    RunInfo info;
    info.repository = repository;
    info.commit = commit;
    info.branch = branch;
    info.source = QStringLiteral("ci");
    info.importedAt = QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC).addSecs(minutes * 60);
    return info;
}

} // namespace devdash::test

// Reports written at run time by the real tools found on this machine — CTest
// --output-junit, GoogleTest --gtest_output=xml, pytest --junitxml (xunit1 and xunit2) —
// imported with their counts asserted. A tool that is missing skips its test.

#include "testresults/ReportParser.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash;
using namespace devdash::testresults;

namespace {

// Runs a program to its end; its exit code does not matter (failing tests are the point).
bool run(const QString &program, const QStringList &args, const QString &workDir, QString *log)
{
    QProcess process;
    process.setWorkingDirectory(workDir);
    process.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    process.setProcessEnvironment(env);
    process.start(program, args);
    const bool finished = process.waitForFinished(120000);
    *log = QString::fromLocal8Bit(process.readAll());
    return finished && process.exitStatus() == QProcess::NormalExit;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

const TestCase *findCase(const TestReport &report, QStringView name)
{
    for (const TestCase &tc : report.cases) {
        if (tc.name == name)
            return &tc;
    }
    return nullptr;
}

} // namespace

class TestRealToolReports : public QObject
{
    Q_OBJECT

private slots:
    void ctest();
    void gtest();
    void pytest_data();
    void pytest();
};

void TestRealToolReports::ctest()
{
    const QString cmake = QStringLiteral(DEVDASH_CMAKE_COMMAND);
    const QString ctest = QStringLiteral(DEVDASH_CTEST_COMMAND);
    if (!QFileInfo::exists(ctest))
        QSKIP("ctest is not installed");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("CMakeLists.txt")), R"(cmake_minimum_required(VERSION 3.21)
project(reports NONE)
enable_testing()
add_test(NAME passes COMMAND true)
add_test(NAME fails COMMAND false)
add_test(NAME off COMMAND true)
set_tests_properties(off PROPERTIES DISABLED TRUE)
add_test(NAME skipper COMMAND sh -c "echo skipping; exit 77")
set_tests_properties(skipper PROPERTIES SKIP_RETURN_CODE 77)
)"));
    QString log;
    QVERIFY2(
        run(cmake,
            { QStringLiteral("-S"), dir.path(), QStringLiteral("-B"), dir.filePath(QStringLiteral("build")) },
            dir.path(), &log),
        qPrintable(log));
    const QString report = dir.filePath(QStringLiteral("ctest.xml"));
    QVERIFY2(
        run(ctest, { QStringLiteral("--output-junit"), report }, dir.filePath(QStringLiteral("build")), &log),
        qPrintable(log));
    QVERIFY2(QFileInfo::exists(report), qPrintable(log));

    const Result<TestReport> r = ReportParser::parseFile(report);
    QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
    const TestCounts c = r->counts();
    QCOMPARE(c.tests, 4);
    QCOMPARE(c.passed, 1);
    QCOMPARE(c.failed, 1);
    QCOMPARE(c.errored, 0);
    QCOMPARE(c.skipped, 2); // DISABLED and SKIP_RETURN_CODE
    QCOMPARE(r->tool, QStringLiteral("ctest"));
    QCOMPARE(findCase(*r, u"fails")->status, TestStatus::Failed);
    QCOMPARE(findCase(*r, u"off")->status, TestStatus::Skipped);
    QCOMPARE(findCase(*r, u"skipper")->systemOut, QStringLiteral("skipping\n"));
    QVERIFY(r->timestamp.isValid());
}

void TestRealToolReports::gtest()
{
#ifndef DEVDASH_GTEST_SAMPLE
    QSKIP("GoogleTest (libgtest-dev) was not found at configure time");
#else
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString report = dir.filePath(QStringLiteral("gtest.xml"));
    QString log;
    QVERIFY2(run(QStringLiteral(DEVDASH_GTEST_SAMPLE), { QStringLiteral("--gtest_output=xml:") + report },
                 dir.path(), &log),
        qPrintable(log));
    const Result<TestReport> r = ReportParser::parseFile(report);
    QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
    const TestCounts c = r->counts();
    QCOMPARE(c.tests, 6);
    QCOMPARE(c.passed, 1);
    QCOMPARE(c.failed, 1);
    QCOMPARE(c.errored, 1); // the exception
    QCOMPARE(c.skipped, 3); // GTEST_SKIP and the two disabled tests
    QCOMPARE(r->tool, QStringLiteral("gtest"));
    QVERIFY(findCase(*r, u"Fails")->details.contains(QStringLiteral("wrong sum")));
    QCOMPARE(findCase(*r, u"Throws")->status, TestStatus::Errored);
    QCOMPARE(findCase(*r, u"DISABLED_Off")->status, TestStatus::Skipped);
    QVERIFY(findCase(*r, u"Fails")->file.endsWith(QStringLiteral("gtest_report_sample.cpp")));
    QVERIFY(findCase(*r, u"Fails")->line > 0);
#endif
}

void TestRealToolReports::pytest_data()
{
    QTest::addColumn<QString>("family");
    QTest::newRow("xunit1") << "xunit1";
    QTest::newRow("xunit2") << "xunit2";
}

void TestRealToolReports::pytest()
{
    QFETCH(QString, family);
    // Debian's python3-pytest installs pytest-3; a pyenv "python3" first on PATH may lack it.
    QString pytest = QStandardPaths::findExecutable(QStringLiteral("pytest-3"));
    if (pytest.isEmpty())
        pytest = QStandardPaths::findExecutable(QStringLiteral("pytest"));
    if (pytest.isEmpty())
        QSKIP("pytest is not installed (apt-get install python3-pytest)");

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("test_sample.py")), R"(import pytest

def test_passes():
    pass

def test_fails():
    assert 1 + 1 == 3

@pytest.fixture
def broken():
    raise RuntimeError("setup boom")

def test_errors_in_setup(broken):
    pass

@pytest.mark.skip(reason="not today")
def test_skipped():
    pass

@pytest.mark.xfail(reason="known bug")
def test_expected_failure():
    assert False

def test_with_property(record_property):
    record_property("ticket", "DD-42")
)"));
    const QString report = dir.filePath(QStringLiteral("pytest.xml"));
    QString log;
    QVERIFY2(run(pytest,
                 { QStringLiteral("-q"), QStringLiteral("-p"), QStringLiteral("no:cacheprovider"),
                     QStringLiteral("-o"), QStringLiteral("junit_family=") + family,
                     QStringLiteral("--junitxml=") + report, QStringLiteral("test_sample.py") },
                 dir.path(), &log),
        qPrintable(log));
    const Result<TestReport> r = ReportParser::parseFile(report);
    QVERIFY2(r.ok(), qPrintable(r.errorMessage() + u'\n' + log));
    const TestCounts c = r->counts();
    QCOMPARE(c.tests, 6);
    QCOMPARE(c.passed, 2);
    QCOMPARE(c.failed, 1);
    QCOMPARE(c.errored, 1); // an error in a fixture is not an assertion
    QCOMPARE(c.skipped, 2); // skip and xfail
    QCOMPARE(r->tool, QStringLiteral("pytest"));
    const TestCase *fails = findCase(*r, u"test_fails");
    QCOMPARE(fails->className, QStringLiteral("test_sample"));
    QVERIFY(fails->details.contains(QStringLiteral("assert")));
    QCOMPARE(findCase(*r, u"test_expected_failure")->type, QStringLiteral("pytest.xfail"));
    if (family == u"xunit1") {
        // xunit1 keeps file, line and record_property; xunit2 drops them.
        QCOMPARE(fails->file, QStringLiteral("test_sample.py"));
        QVERIFY(fails->line > 0);
        const TestCase *withProperty = findCase(*r, u"test_with_property");
        QCOMPARE(withProperty->properties.size(), 1);
        QCOMPARE(withProperty->properties[0].second, QStringLiteral("DD-42"));
    } else {
        QVERIFY(fails->file.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestRealToolReports)
#include "tst_realtoolreports.moc"

// Reports written at run time by the real tools — CTest --output-junit, GoogleTest
// --gtest_output=xml, pytest --junitxml (xunit1 and xunit2), jest with jest-junit and
// mocha with mocha-junit-reporter (from npm, installed once into the build's test-tools
// folder) — imported with their counts asserted. installer/devdash.sh installs every one
// of these tools: one that is missing fails its test, saying what to install.

#include "ReportLookup.h"
#include "testresults/ReportParser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash;
using namespace devdash::testresults;

using devdash::test::findCase;
using devdash::test::findSuite;
using devdash::test::propertyValue;

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

} // namespace

class TestRealToolReports : public QObject
{
    Q_OBJECT

private slots:
    void ctest();
    void gtest();
    void pytest_data();
    void pytest();
    void jestJunit();
    void mochaJunitReporter();

private:
    QString installJsTools(QString *error);
    QString m_jsTools; // the folder whose node_modules has jest, mocha and their reporters
};

// The npm packages, pinned: what they write is what the tests expect.
static const QStringList JsPackages { QStringLiteral("jest@29.7.0"), QStringLiteral("jest-junit@16.0.0"),
    QStringLiteral("mocha@10.8.2"), QStringLiteral("mocha-junit-reporter@2.2.1") };

// npm install of JsPackages into the tools folder, once per build (as the Liquibase test
// does): a staging folder renamed into place, so that a half install is never used.
QString TestRealToolReports::installJsTools(QString *error)
{
    if (!m_jsTools.isEmpty())
        return m_jsTools;
    const QString toolsDir = QStringLiteral(DEVDASH_TEST_TOOLS_DIR);
    const QString dir = toolsDir + QStringLiteral("/js-reporters-1");
    const QStringList bins { QStringLiteral("jest"), QStringLiteral("mocha") };
    auto complete = [&] {
        for (const QString &bin : bins) {
            if (!QFileInfo::exists(dir + QStringLiteral("/node_modules/.bin/") + bin))
                return false;
        }
        return true;
    };
    if (complete())
        return m_jsTools = dir;
    const QString npm = QStandardPaths::findExecutable(QStringLiteral("npm"));
    if (npm.isEmpty() || QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty()) {
        *error
            = QStringLiteral("node and npm are not installed: jest-junit and mocha-junit-reporter cannot run "
                             "(installer/devdash.sh installs them: apt-get install nodejs npm)");
        return {};
    }
    QDir().mkpath(toolsDir);
    QTemporaryDir staging(toolsDir + QStringLiteral("/staging-XXXXXX"));
    if (!writeFile(staging.filePath(QStringLiteral("package.json")),
            R"({"name": "devdash-report-writers", "version": "1.0.0", "private": true})")) {
        *error = QStringLiteral("cannot write %1").arg(staging.filePath(QStringLiteral("package.json")));
        return {};
    }
    QString log;
    QStringList args { QStringLiteral("install"), QStringLiteral("--no-audit"), QStringLiteral("--no-fund"),
        QStringLiteral("--silent") };
    QProcess install;
    install.setWorkingDirectory(staging.path());
    install.setProcessChannelMode(QProcess::MergedChannels);
    install.start(npm, args + JsPackages);
    if (!install.waitForFinished(300000) || install.exitStatus() != QProcess::NormalExit
        || install.exitCode() != 0) {
        *error = QStringLiteral("npm could not install %1 (is the npm registry reachable?): %2")
                     .arg(JsPackages.join(u' '), QString::fromUtf8(install.readAll()).left(400));
        return {};
    }
    // Another test process may have finished first: either copy will do.
    if (QDir().rename(staging.path(), dir))
        staging.setAutoRemove(false);
    if (!complete()) {
        *error
            = QStringLiteral("npm installed %1 but %2 has no jest or mocha").arg(JsPackages.join(u' '), dir);
        return {};
    }
    return m_jsTools = dir;
}

void TestRealToolReports::ctest()
{
    const QString cmake = QStringLiteral(DEVDASH_CMAKE_COMMAND);
    const QString ctest = QStringLiteral(DEVDASH_CTEST_COMMAND);
    if (!QFileInfo::exists(ctest))
        QFAIL(qPrintable(QStringLiteral("ctest is not at %1 (it comes with CMake)").arg(ctest)));
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
    QFAIL("GoogleTest (libgtest-dev) was not found at configure time: install it and configure again");
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
        QFAIL("pytest is not installed (apt-get install python3-pytest; installer/devdash.sh does)");

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

void TestRealToolReports::jestJunit()
{
    QString error;
    const QString tools = installJsTools(&error);
    QVERIFY2(!tools.isEmpty(), qPrintable(error));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("cart.test.js")), R"(describe('cart', () => {
  test('adds an item', () => { expect(1 + 1).toBe(2); });
  test('applies a discount', () => { expect(10 * 0.9).toBe(8); });
  test.skip('ships abroad', () => {});
  test.todo('pays by invoice');
  describe('totals', () => {
    test('include tax', () => { expect(Math.round(100 * 1.19)).toBe(119); });
    test('throws on negative', () => { throw new TypeError('negative amount'); });
  });
});
test('stands alone', () => {});
)"));
    // jest-junit's options as a project sets them in its package.json.
    QVERIFY(writeFile(dir.filePath(QStringLiteral("package.json")), R"({
  "name": "cart", "version": "1.0.0", "private": true,
  "jest": {},
  "jest-junit": { "outputDirectory": ".", "classNameTemplate": "{classname}", "titleTemplate": "{title}",
                  "ancestorSeparator": " \u203a " }
})"));
    const QString report = dir.filePath(QStringLiteral("junit.xml"));
    QString log;
    QVERIFY2(run(tools + QStringLiteral("/node_modules/.bin/jest"),
                 { QStringLiteral("--ci"), QStringLiteral("--reporters=default"),
                     QStringLiteral("--reporters=") + tools + QStringLiteral("/node_modules/jest-junit") },
                 dir.path(), &log),
        qPrintable(log));
    QVERIFY2(QFileInfo::exists(report), qPrintable(log));

    const Result<TestReport> r = ReportParser::parseFile(report);
    QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
    const TestCounts c = r->counts();
    QCOMPARE(c.tests, 7);
    QCOMPARE(c.passed, 4); // jest-junit writes a test.todo as a case with no result element
    QCOMPARE(c.failed, 2); // jest has no errors: a thrown exception fails the test
    QCOMPARE(c.errored, 0);
    QCOMPARE(c.skipped, 1);
    QCOMPARE(findCase(*r, u"ships abroad")->status, TestStatus::Skipped);
    QCOMPARE(r->tool, QStringLiteral("jest"));
    const TestCase *tax = findCase(*r, u"include tax");
    QCOMPARE(tax->className, QStringLiteral("cart \u203a totals"));
    QCOMPARE(tax->suite, QStringLiteral("cart"));
    const TestCase *negative = findCase(*r, u"throws on negative");
    QCOMPARE(negative->status, TestStatus::Failed);
    QVERIFY(negative->details.startsWith(QStringLiteral("TypeError: negative amount")));
    QVERIFY(findCase(*r, u"applies a discount")->details.contains(QStringLiteral("Expected: 8")));
    QVERIFY(r->timestamp.isValid());
}

void TestRealToolReports::mochaJunitReporter()
{
    QString error;
    const QString tools = installJsTools(&error);
    QVERIFY2(!tools.isEmpty(), qPrintable(error));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("cart.spec.js")), R"(const assert = require('assert');
describe('cart', function () {
  it('adds an item', function () { assert.strictEqual(1 + 1, 2); });
  it('applies a discount', function () { assert.strictEqual(10 * 0.9, 8); });
  it.skip('ships abroad', function () {});
  it('is pending');
  describe('totals', function () {
    it('include tax', function () { assert.strictEqual(Math.round(100 * 1.19), 119); });
    it('throws on negative', function () { throw new TypeError('negative amount'); });
  });
});
)"));
    const QString report = dir.filePath(QStringLiteral("mocha.xml"));
    QString log;
    QVERIFY2(run(tools + QStringLiteral("/node_modules/.bin/mocha"),
                 { QStringLiteral("--reporter"), tools + QStringLiteral("/node_modules/mocha-junit-reporter"),
                     QStringLiteral("--reporter-options"),
                     QStringLiteral("mochaFile=%1,includePending=true").arg(report),
                     QStringLiteral("cart.spec.js") },
                 dir.path(), &log),
        qPrintable(log));
    QVERIFY2(QFileInfo::exists(report), qPrintable(log));

    const Result<TestReport> r = ReportParser::parseFile(report);
    QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
    const TestCounts c = r->counts();
    QCOMPARE(c.tests, 6);
    QCOMPARE(c.passed, 2);
    QCOMPARE(c.failed, 2);
    QCOMPARE(c.errored, 0);
    QCOMPARE(c.skipped, 2); // it.skip and a pending test (includePending)
    QCOMPARE(r->tool, QStringLiteral("mocha"));
    // mocha-junit-reporter: the full title as the name, the test's own title as the class.
    const TestCase *negative = findCase(*r, u"cart totals throws on negative");
    QVERIFY(negative);
    QCOMPARE(negative->status, TestStatus::Failed);
    QCOMPARE(negative->message, QStringLiteral("negative amount"));
    QCOMPARE(negative->type, QStringLiteral("TypeError"));
    QCOMPARE(negative->suite, QStringLiteral("totals"));
    QVERIFY(negative->file.isEmpty() || negative->file.endsWith(QStringLiteral("cart.spec.js")));
    QVERIFY(findSuite(*r, u"cart")->file.endsWith(QStringLiteral("cart.spec.js")));
}

QTEST_GUILESS_MAIN(TestRealToolReports)
#include "tst_realtoolreports.moc"

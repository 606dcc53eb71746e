// `devdash pipelines run` as a user runs it: the real binary on a real repository
// with a real store file — the run printed as JSON, the log streamed, the reports
// imported (seen by `devdash tests runs`), and the exit codes: 0 passed, 1 a step
// failed, 2 a bad or missing definition, 130 interrupted by Ctrl+C (SIGINT).

#include "CliProcess.h"
#include "TestEnvironment.h"
#include "TestRepo.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace devdash::test;

namespace {

CliRun runDevDash(const QStringList &args)
{
    return runCli(QStringLiteral(DEVDASH_BINARY), args);
}

// Built from plain literals: moc (Qt 6.4) misreads quotes inside raw strings.
const QByteArray Pipeline
    = "{\n"
      "  \"tests\": {\"reports\": [\"build/**/junit*.xml\"]},\n"
      "  \"pipeline\": {\"stages\": [\n"
      "    {\"name\": \"build\", \"steps\": [{\"name\": \"compile\", \"run\": \"mkdir -p build && echo "
      "compiling && echo to-stderr >&2\"}]},\n"
      "    {\"name\": \"test\", \"steps\": [{\"name\": \"unit\", \"working_directory\": \"build\", \"env\": "
      "{\"SUITE\": \"calc\"},\n"
      "      \"run\": \"printf '<testsuite name=\\\"%s\\\"><testcase classname=\\\"Calc\\\" "
      "name=\\\"adds\\\" time=\\\"0.1\\\"/><testcase classname=\\\"Calc\\\" name=\\\"divides\\\"><failure "
      "message=\\\"by zero\\\"/></testcase></testsuite>' \\\"$SUITE\\\" > junit-unit.xml; echo tested\"}]}\n"
      "  ]}\n"
      "}\n";

} // namespace

class TstLocalPipelineCli : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestRepo> m_repo;
    QTemporaryDir m_dir;
    QString m_store;
    QString m_head;

    void writeConfig(const QByteArray &json) { m_repo->writeFile(QStringLiteral(".devdash.json"), json); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(TestEnvironment::setUp());
        m_store = m_dir.filePath(QStringLiteral("store.sqlite"));
        m_repo = std::make_unique<TestRepo>();
        m_repo->init();
        m_head = m_repo->commit(QStringLiteral("Add the pipeline"),
            { { QStringLiteral(".devdash.json"), Pipeline }, { QStringLiteral(".gitignore"), "/build/\n" } });
        QVERIFY2(m_repo->ok(), qPrintable(m_repo->errors()));
    }

    void runPrintsTheRunAndImportsReports()
    {
        const CliRun run = runDevDash({ QStringLiteral("pipelines"), QStringLiteral("run"), m_repo->path(),
            QStringLiteral("--json"), QStringLiteral("--store"), m_store });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject object = run.object();
        QVERIFY2(!object.isEmpty(), run.out.constData()); // stdout is only the JSON
        QCOMPARE(object.value(u"provider").toString(), QStringLiteral("local"));
        QCOMPARE(object.value(u"status").toString(), QStringLiteral("success"));
        QCOMPARE(object.value(u"commit").toString(), m_head);
        QCOMPARE(object.value(u"branch").toString(), QStringLiteral("main"));
        QCOMPARE(object.value(u"trigger").toString(), QStringLiteral("local"));
        QCOMPARE(object.value(u"dirty").toBool(), false);
        const QRegularExpression utc(QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$)"));
        QVERIFY(utc.match(object.value(u"started_at").toString()).hasMatch());
        QVERIFY(utc.match(object.value(u"finished_at").toString()).hasMatch());
        QVERIFY(object.value(u"duration_s").toDouble() >= 0);
        const QJsonArray stages = object.value(u"stages").toArray();
        QCOMPARE(stages.size(), 2);
        QCOMPARE(stages.at(1).toObject().value(u"name").toString(), QStringLiteral("test"));
        const QJsonObject unit = stages.at(1).toObject().value(u"jobs").toArray().at(0).toObject();
        QCOMPARE(unit.value(u"name").toString(), QStringLiteral("unit"));
        QCOMPARE(unit.value(u"status").toString(), QStringLiteral("success"));
        QCOMPARE(unit.value(u"exit_code").toInt(), 0);
        QVERIFY(utc.match(unit.value(u"started_at").toString()).hasMatch());
        // The log went to stderr, stdout and stderr of the steps merged.
        QVERIFY(run.err.contains("==> build / compile"));
        QVERIFY(run.err.contains("compiling\nto-stderr\n"));
        QVERIFY(run.err.contains("tested\n"));
        // The report the run wrote, imported with the run's commit.
        const QJsonObject tests = object.value(u"tests").toObject();
        QCOMPARE(tests.value(u"tests").toInt(), 2);
        QCOMPARE(tests.value(u"failed").toInt(), 1);
        QCOMPARE(tests.value(u"commit").toString(), m_head);
        QCOMPARE(object.value(u"reports").toArray().size(), 1);

        const CliRun runs
            = runDevDash({ QStringLiteral("tests"), QStringLiteral("runs"), QStringLiteral("--repo"),
                m_repo->path(), QStringLiteral("--json"), QStringLiteral("--store"), m_store });
        QCOMPARE(runs.exitCode, 0);
        QCOMPARE(runs.array().size(), 1);
        QCOMPARE(runs.array().at(0).toObject().value(u"source").toString(), QStringLiteral("local-pipeline"));
        QCOMPARE(runs.array().at(0).toObject().value(u"run_id").toInt(), tests.value(u"run_id").toInt());
    }

    void plainOutputStreamsTheLog()
    {
        const CliRun run = runDevDash({ QStringLiteral("pipelines"), QStringLiteral("run"),
            m_repo->path() + QStringLiteral("/build"), QStringLiteral("--store"), m_store });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.contains("compiling\n"));
        QVERIFY(run.out.contains("SUCCESS"));
        QVERIFY(run.out.indexOf("compiling") < run.out.indexOf("SUCCESS"));
    }

    void failingStepExitsOne()
    {
        writeConfig(R"({"pipeline": {"stages": [{"name": "check", "steps": [
            {"name": "lint", "run": "echo linting; exit 4"}, {"name": "later", "run": "echo never"}]}]}})");
        const CliRun run = runDevDash({ QStringLiteral("pipelines"), QStringLiteral("run"), m_repo->path(),
            QStringLiteral("--json"), QStringLiteral("--store"), m_store });
        QCOMPARE(run.exitCode, 1);
        const QJsonObject object = run.object();
        QCOMPARE(object.value(u"status").toString(), QStringLiteral("failed"));
        QCOMPARE(object.value(u"dirty").toBool(), true); // .devdash.json changed, not committed
        QCOMPARE(object.value(u"commit").toString(), m_head);
        const QJsonArray jobs = object.value(u"stages").toArray().at(0).toObject().value(u"jobs").toArray();
        QCOMPARE(jobs.at(0).toObject().value(u"exit_code").toInt(), 4);
        QCOMPARE(jobs.at(1).toObject().value(u"status").toString(), QStringLiteral("skipped"));
        QVERIFY(jobs.at(1).toObject().value(u"exit_code").isNull());
        QVERIFY(!run.err.contains("never"));
        QVERIFY(object.value(u"tests").isNull());
    }

    void badDefinitionExitsTwo_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("malformed") << QByteArray("{\"pipeline\": {") << QStringLiteral("malformed JSON");
        QTest::newRow("no run") << QByteArray(R"({"pipeline": {"stages": [{"steps": [{"name": "x"}]}]}})")
                                << QStringLiteral("\"pipeline.stages[0].steps[0].run\"");
        QTest::newRow("outside") << QByteArray(
            R"({"pipeline": {"stages": [{"steps": [{"run": "x", "working_directory": "../.."}]}]}})")
                                 << QStringLiteral("working_directory");
        QTest::newRow("no pipeline") << QByteArray(R"({"tests": {"reports": ["a.xml"]}})")
                                     << QStringLiteral("defines no local pipeline");
    }

    void badDefinitionExitsTwo()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        writeConfig(json);
        const CliRun run = runDevDash({ QStringLiteral("pipelines"), QStringLiteral("run"), m_repo->path(),
            QStringLiteral("--json"), QStringLiteral("--store"), m_store });
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.contains(expected.toUtf8()), run.err.constData());
        QVERIFY2(run.err.contains(".devdash.json"), run.err.constData());
    }

    void notARepositoryAndUsage()
    {
        QTemporaryDir plain;
        const CliRun notRepo = runDevDash({ QStringLiteral("pipelines"), QStringLiteral("run"), plain.path(),
            QStringLiteral("--store"), m_store });
        QCOMPARE(notRepo.exitCode, 1);
        QVERIFY(notRepo.err.contains("not a git repository"));
        const CliRun usage = runDevDash({ QStringLiteral("pipelines"), QStringLiteral("run") });
        QCOMPARE(usage.exitCode, 2);
    }

    void interruptCancelsTheRun()
    {
        writeConfig(R"({"pipeline": {"stages": [{"name": "slow", "steps": [
            {"name": "wait", "run": "echo started; sleep 60"}, {"name": "after", "run": "echo never"}]}]}})");
        QProcess process;
        process.start(QStringLiteral(DEVDASH_BINARY),
            { QStringLiteral("pipelines"), QStringLiteral("run"), m_repo->path(), QStringLiteral("--json"),
                QStringLiteral("--store"), m_store });
        QVERIFY(process.waitForStarted());
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += process.readAllStandardError()).contains("started\n"), 20000);
        ::kill(pid_t(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(15000));
        QCOMPARE(process.exitCode(), 130);
        const QJsonObject object = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
        QCOMPARE(object.value(u"status").toString(), QStringLiteral("canceled"));
        const QJsonArray jobs = object.value(u"stages").toArray().at(0).toObject().value(u"jobs").toArray();
        QCOMPARE(jobs.at(0).toObject().value(u"status").toString(), QStringLiteral("canceled"));
        QCOMPARE(jobs.at(1).toObject().value(u"status").toString(), QStringLiteral("skipped"));
        QVERIFY(object.value(u"duration_s").toDouble() < 15);
    }

    void cleanupTestCase()
    {
        // Leave the committed definition in place (other suites may inspect it).
        writeConfig(Pipeline);
    }
};

QTEST_GUILESS_MAIN(TstLocalPipelineCli)
#include "tst_localpipelinecli.moc"

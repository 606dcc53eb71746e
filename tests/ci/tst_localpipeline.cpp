// The local pipeline against real git repositories and real processes: the
// definition in .devdash.json and its errors, a passing run, a failing step (the
// rest skipped, its exit code), cancel of a long sleep (also one that ignores
// SIGTERM), environment and working folder, a folder escaping the repository,
// the dirty flag, HEAD's id, the log and its cap, and the reports a run wrote
// imported into the test history with the run's commit.

#include "TestEnvironment.h"
#include "TestRepo.h"
#include "ci/DemoPipelineRuns.h"
#include "ci/LocalPipelineConfig.h"
#include "ci/LocalPipelineRecorder.h"
#include "ci/LocalPipelineRunner.h"
#include "ci/LocalPipelineSource.h"
#include "ci/PipelineRunStore.h"
#include "config/ProjectConfig.h"
#include "git/DemoRepository.h"
#include "git/Repository.h"
#include "store/Database.h"
#include "testresults/RunImport.h"
#include "testresults/TestRunStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

#include <cerrno>
#include <csignal>

using namespace devdash;
using namespace devdash::ci;
using namespace devdash::test;

namespace {

LocalPipelineStep step(
    const QString &name, const QString &run, const QString &dir = {}, const QMap<QString, QString> &env = {})
{
    return LocalPipelineStep { name, run, dir, env };
}

LocalPipelineConfig pipeline(const QList<LocalPipelineStage> &stages, const QStringList &reports = {})
{
    LocalPipelineConfig config;
    config.setStages(stages);
    config.setReportGlobs(reports);
    return config;
}

QByteArray junit(int passed, int failed)
{
    QByteArray xml = "<?xml version=\"1.0\"?>\n<testsuite name=\"unit\">\n";
    for (int i = 0; i < passed; ++i)
        xml += "<testcase classname=\"Calc\" name=\"ok" + QByteArray::number(i) + "\" time=\"0.1\"/>\n";
    for (int i = 0; i < failed; ++i)
        xml += "<testcase classname=\"Calc\" name=\"bad" + QByteArray::number(i)
            + "\" time=\"0.2\"><failure message=\"expected 1\">trace</failure></testcase>\n";
    return xml + "</testsuite>\n";
}

Result<LocalPipelineConfig> parseConfig(const QByteArray &json)
{
    auto project
        = config::ProjectConfig::parse(json, QStringLiteral("/repo/.devdash.json"), true); // the test's own
    if (!project)
        return project.error();
    return LocalPipelineConfig::fromProjectConfig(*project);
}

} // namespace

class TstLocalPipeline : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestRepo> m_repo;
    QString m_head;
    const QRegularExpression m_fullId { QStringLiteral("^[0-9a-f]{40}$") };

    // Runs `config` on the test repository to the end.
    std::unique_ptr<LocalPipelineRunner> runToEnd(const LocalPipelineConfig &config, int graceMs = 5000)
    {
        auto source = LocalPipelineSource::inspect(m_repo->path());
        if (!source)
            qFatal("inspect: %s", qPrintable(source.errorMessage()));
        auto runner = std::make_unique<LocalPipelineRunner>();
        runner->setKillGrace(graceMs);
        auto started = runner->start(*source, config);
        if (!started)
            qFatal("start: %s", qPrintable(started.errorMessage()));
        runner->waitForFinished();
        return runner;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(TestEnvironment::setUp());
        m_repo = std::make_unique<TestRepo>();
        m_repo->init();
        m_repo->commit(QStringLiteral("Initial"),
            { { QStringLiteral("README.md"), "hello\n" }, { QStringLiteral(".gitignore"), "/build/\n" },
                { QStringLiteral("sub/file.txt"), "x\n" } });
        m_head = m_repo->head();
        QVERIFY2(m_repo->ok(), qPrintable(m_repo->errors()));
    }

    void configErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("key");
        QTest::newRow("not an object")
            << QByteArray(R"({"pipeline": [1]})") << QStringLiteral("\"pipeline\"");
        QTest::newRow("no stages") << QByteArray(R"({"pipeline": {}})")
                                   << QStringLiteral("\"pipeline.stages\"");
        QTest::newRow("empty stages")
            << QByteArray(R"({"pipeline": {"stages": []}})") << QStringLiteral("\"pipeline.stages\"");
        QTest::newRow("stage without steps") << QByteArray(R"({"pipeline": {"stages": [{"name": "b"}]}})")
                                             << QStringLiteral("\"pipeline.stages[0].steps\"");
        QTest::newRow("step without run")
            << QByteArray(R"({"pipeline": {"stages": [{"steps": [{"run": "x"}, {"name": "y"}]}]}})")
            << QStringLiteral("\"pipeline.stages[0].steps[1].run\"");
        QTest::newRow("run not a string")
            << QByteArray(R"({"pipeline": {"stages": [{"steps": [{"run": ["make"]}]}]}})")
            << QStringLiteral("\"pipeline.stages[0].steps[0].run\"");
        QTest::newRow("folder escapes") << QByteArray(
            R"({"pipeline": {"stages": [{"steps": [{"run": "x", "working_directory": "a/../../up"}]}]}})")
                                        << QStringLiteral(
                                               "\"pipeline.stages[0].steps[0].working_directory\"");
        QTest::newRow("absolute folder")
            << QByteArray(
                   R"({"pipeline": {"stages": [{"steps": [{"run": "x", "working_directory": "/tmp"}]}]}})")
            << QStringLiteral("\"pipeline.stages[0].steps[0].working_directory\"");
        QTest::newRow("env not an object")
            << QByteArray(R"({"pipeline": {"stages": [{"steps": [{"run": "x", "env": "A=1"}]}]}})")
            << QStringLiteral("\"pipeline.stages[0].steps[0].env\"");
        QTest::newRow("env value an object")
            << QByteArray(R"({"pipeline": {"stages": [{"steps": [{"run": "x", "env": {"A": {}}}]}]}})")
            << QStringLiteral("\"pipeline.stages[0].steps[0].env.A\"");
        QTest::newRow("reports not globs")
            << QByteArray(R"({"pipeline": {"stages": [{"steps": [{"run": "x"}]}], "reports": [3]}})")
            << QStringLiteral("\"pipeline.reports\"");
    }

    void configErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, key);
        const auto config = parseConfig(json);
        QVERIFY(!config);
        QVERIFY2(config.errorMessage().startsWith(QStringLiteral("/repo/.devdash.json: ")),
            qPrintable(config.errorMessage()));
        QVERIFY2(config.errorMessage().contains(key), qPrintable(config.errorMessage()));
    }

    void configReadsEverything()
    {
        const auto config = parseConfig(R"({"tests": {"reports": ["out/*.xml"]},
            "pipeline": {"stages": [{"name": "build", "steps": [
                {"name": "compile", "run": "make -j2", "working_directory": "./sub/", "env": {"K": "V", "N": 2}},
                {"run": "make check\nmore"}]}, {"steps": [{"run": "true"}]}]}})");
        QVERIFY2(config, qPrintable(config.errorMessage()));
        QVERIFY(config->isDefined());
        QCOMPARE(config->stepCount(), 3);
        QCOMPARE(config->stages().at(0).name, QStringLiteral("build"));
        QCOMPARE(config->stages().at(1).name, QStringLiteral("stage 2"));
        const LocalPipelineStep &compile = config->stages().at(0).steps.at(0);
        QCOMPARE(compile.workingDirectory, QStringLiteral("sub"));
        QCOMPARE(compile.environment.value(QStringLiteral("K")), QStringLiteral("V"));
        QCOMPARE(compile.environment.value(QStringLiteral("N")), QStringLiteral("2"));
        QCOMPARE(config->stages().at(0).steps.at(1).name, QStringLiteral("make check")); // first line of run
        // No "reports" of its own: the tests' globs.
        QCOMPARE(config->reportGlobs(), QStringList { QStringLiteral("out/*.xml") });

        const auto own = parseConfig(
            R"({"tests": {"reports": ["out/*.xml"]}, "pipeline": {"stages": [{"steps": [{"run": "x"}]}], "reports": ["b/**/r.xml"]}})");
        QVERIFY(own);
        QCOMPARE(own->reportGlobs(), QStringList { QStringLiteral("b/**/r.xml") });
        // No "pipeline" key: nothing defined, no error.
        const auto none = parseConfig(R"({"tests": {}})");
        QVERIFY(none);
        QVERIFY(!none->isDefined());
        // What toJson() writes reads back the same.
        const auto again = LocalPipelineConfig::parse(config->toJson(), QStringLiteral("x"));
        QVERIFY(again);
        QCOMPARE(QJsonDocument(again->toJson()).toJson(), QJsonDocument(config->toJson()).toJson());
    }

    void successfulRun()
    {
        auto runner = runToEnd(
            pipeline({ { QStringLiteral("build"),
                           { step(QStringLiteral("compile"), QStringLiteral("echo compiling; echo warn >&2")),
                               step(QStringLiteral("link"), QStringLiteral("echo linking")) } },
                { QStringLiteral("test"),
                    { step(QStringLiteral("unit"), QStringLiteral("sleep 0.2; echo ok")) } } }));
        const PipelineRun &run = runner->run();
        QCOMPARE(run.status, RunStatus::Success);
        QCOMPARE(run.provider, QStringLiteral("local"));
        QCOMPARE(run.trigger, QStringLiteral("local"));
        QCOMPARE(run.commit, m_head); // HEAD's full id, from libgit2
        QCOMPARE(run.branch, QStringLiteral("main"));
        QVERIFY(!run.dirty);
        QVERIFY(!run.id.isEmpty());
        QVERIFY(run.startedAt.isValid() && run.finishedAt >= run.startedAt);
        QCOMPARE(run.stages.size(), 2);
        QCOMPARE(run.stages.at(0).jobs.size(), 2); // one job per step
        for (const PipelineStage &stage : run.stages) {
            QCOMPARE(stage.status, RunStatus::Success);
            for (const PipelineJob &job : stage.jobs) {
                QCOMPARE(job.status, RunStatus::Success);
                QVERIFY(job.durationS() >= 0);
                QCOMPARE(runner->exitCode(job.id), std::optional<int>(0));
            }
        }
        QVERIFY2(run.stages.at(1).jobs.at(0).durationS() >= 0.2,
            qPrintable(QString::number(run.stages.at(1).jobs.at(0).durationS())));
        QCOMPARE(runner->jobIds(),
            (QStringList { QStringLiteral("1.1"), QStringLiteral("1.2"), QStringLiteral("2.1") }));
        // stdout and stderr, merged, per job; the whole log in order.
        QVERIFY(runner->jobLog(QStringLiteral("1.1")).contains("compiling\nwarn\n"));
        QVERIFY(runner->jobLog(QStringLiteral("1.1")).startsWith("$ echo compiling"));
        const QByteArray log = runner->log();
        QVERIFY(log.indexOf("compiling") < log.indexOf("linking"));
        QVERIFY(log.indexOf("linking") < log.indexOf("ok\n"));
        QVERIFY(log.contains("==> test / unit (success)"));
        QVERIFY(!runner->isLogTruncated());
    }

    void liveSignals()
    {
        auto source = LocalPipelineSource::inspect(m_repo->path());
        QVERIFY(source);
        LocalPipelineRunner runner;
        QSignalSpy output(&runner, &LocalPipelineRunner::output);
        QSignalSpy started(&runner, &LocalPipelineRunner::stepStarted);
        QSignalSpy finished(&runner, &LocalPipelineRunner::stepFinished);
        QSignalSpy done(&runner, &LocalPipelineRunner::finished);
        QVERIFY(runner.start(*source,
            pipeline({ { QStringLiteral("s"),
                { step(QStringLiteral("a"), QStringLiteral("echo one; sleep 0.1; echo two")),
                    step(QStringLiteral("b"), QStringLiteral("echo three")) } } })));
        QVERIFY(runner.isRunning());
        QVERIFY(!runner.start(*source,
            pipeline({ { QStringLiteral("s"), { step(QStringLiteral("x"), QStringLiteral("true")) } } })));
        QVERIFY(done.wait(10000));
        QCOMPARE(started.size(), 2);
        QCOMPARE(finished.size(), 2);
        QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("1.1"));
        QCOMPARE(finished.at(1).at(1).value<RunStatus>(), RunStatus::Success);
        QByteArray a, b;
        for (const auto &args : output)
            (args.at(0).toString() == QLatin1String("1.1") ? a : b) += args.at(1).toByteArray();
        QCOMPARE(a, runner.jobLog(QStringLiteral("1.1"))); // live chunks are what is kept
        QVERIFY(a.contains("one\n") && a.contains("two\n"));
        QVERIFY(b.contains("three\n"));
    }

    void failingStepSkipsTheRest()
    {
        auto runner = runToEnd(pipeline(
            { { QStringLiteral("build"),
                  { step(QStringLiteral("ok"), QStringLiteral("echo fine")),
                      step(QStringLiteral("broken"), QStringLiteral("echo before; exit 3; echo after")),
                      step(QStringLiteral("never"), QStringLiteral("touch never-ran")) } },
                { QStringLiteral("test"),
                    { step(QStringLiteral("unit"), QStringLiteral("touch never-ran-either")) } } }));
        const PipelineRun &run = runner->run();
        QCOMPARE(run.status, RunStatus::Failed);
        QCOMPARE(run.stages.at(0).status, RunStatus::Failed);
        QCOMPARE(run.stages.at(0).jobs.at(0).status, RunStatus::Success);
        QCOMPARE(run.stages.at(0).jobs.at(1).status, RunStatus::Failed);
        QCOMPARE(run.stages.at(0).jobs.at(2).status, RunStatus::Skipped);
        QVERIFY(!run.stages.at(0).jobs.at(2).startedAt.isValid());
        QCOMPARE(run.stages.at(1).status, RunStatus::Skipped);
        QCOMPARE(run.stages.at(1).jobs.at(0).status, RunStatus::Skipped);
        QCOMPARE(runner->exitCode(QStringLiteral("1.2")), std::optional<int>(3));
        QCOMPARE(runner->exitCode(QStringLiteral("1.3")), std::nullopt);
        const QByteArray log = runner->jobLog(QStringLiteral("1.2"));
        QVERIFY(log.contains("before\n"));
        QVERIFY(!log.contains("\nafter\n"));
        QVERIFY2(log.contains("exit code 3"), log.constData());
        QVERIFY(!QFile::exists(m_repo->path() + QStringLiteral("/never-ran")));
        QVERIFY(!QFile::exists(m_repo->path() + QStringLiteral("/never-ran-either")));
    }

    void cancelLongSleep_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<int>("graceMs");
        QTest::addColumn<int>("maxMs");
        // The shell and its sleep both get SIGTERM (the step's process group).
        QTest::newRow("terminate") << QStringLiteral(
            "echo $$ > build/pgid; echo started; sleep 60; echo after")
                                   << 10000 << 5000;
        // Ignored SIGTERM (inherited by sleep): killed after the grace period.
        QTest::newRow("kill after grace")
            << QStringLiteral("trap '' TERM; echo $$ > build/pgid; echo started; sleep 60; echo after") << 300
            << 5000;
    }

    void cancelLongSleep()
    {
        QFETCH(QString, command);
        QFETCH(int, graceMs);
        QFETCH(int, maxMs);
        QDir(m_repo->path()).mkpath(QStringLiteral("build"));
        auto source = LocalPipelineSource::inspect(m_repo->path());
        QVERIFY(source);
        LocalPipelineRunner runner;
        runner.setKillGrace(graceMs);
        QSignalSpy done(&runner, &LocalPipelineRunner::finished);
        QByteArray seen;
        connect(&runner, &LocalPipelineRunner::output, this, [&](const QString &, const QByteArray &chunk) {
            seen += chunk;
            if (seen.contains("started\n"))
                runner.cancel();
        });
        QElapsedTimer clock;
        clock.start();
        QVERIFY(runner.start(*source,
            pipeline({ { QStringLiteral("s"),
                { step(QStringLiteral("sleepy"), command),
                    step(QStringLiteral("after"), QStringLiteral("touch build/after")) } } })));
        QVERIFY(done.wait(20000));
        QVERIFY2(clock.elapsed() < maxMs, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(runner.run().status, RunStatus::Canceled);
        QCOMPARE(runner.run().stages.at(0).jobs.at(0).status, RunStatus::Canceled);
        QCOMPARE(runner.run().stages.at(0).jobs.at(1).status, RunStatus::Skipped);
        QVERIFY(runner.run().finishedAt.isValid());
        QVERIFY(!runner.jobLog(QStringLiteral("1.1")).contains("\nafter\n"));
        QVERIFY(runner.jobLog(QStringLiteral("1.1")).contains("cancel"));
        QVERIFY(!QFile::exists(m_repo->path() + QStringLiteral("/build/after")));
        // Nothing of the step's process group is left (the sleep included).
        QFile pidFile(m_repo->path() + QStringLiteral("/build/pgid"));
        QVERIFY(pidFile.open(QIODevice::ReadOnly));
        const pid_t group = pid_t(pidFile.readAll().trimmed().toLongLong());
        QVERIFY(group > 0);
        QTRY_VERIFY_WITH_TIMEOUT(::kill(-group, 0) != 0 && errno == ESRCH, 3000);
    }

    void environmentAndWorkingFolder()
    {
        auto runner = runToEnd(pipeline({ { QStringLiteral("s"),
            { step(QStringLiteral("where"),
                QStringLiteral(
                    "pwd; echo \"greeting=$GREETING\"; echo \"run=$DEVDASH_PIPELINE_RUN_ID\"; cat file.txt"),
                QStringLiteral("sub"),
                { { QStringLiteral("GREETING"), QStringLiteral("hello world") } }) } } }));
        QCOMPARE(runner->run().status, RunStatus::Success);
        const QByteArray log = runner->jobLog(QStringLiteral("1.1"));
        const QString sub = QFileInfo(m_repo->path() + QStringLiteral("/sub")).canonicalFilePath();
        QVERIFY2(log.contains(QByteArray(sub.toUtf8() + '\n')), log.constData());
        QVERIFY(log.contains("greeting=hello world\n"));
        QVERIFY(log.contains(QByteArray("run=" + runner->run().id.toUtf8() + '\n')));
        QVERIFY(log.contains("x\n")); // sub/file.txt, read relative to the step's folder
    }

    void workingFolderOutsideIsRefused()
    {
        // Lexically outside: refused when the definition is read.
        QVERIFY(!LocalPipelineConfig::staysInside(QStringLiteral("../x")));
        QVERIFY(!LocalPipelineConfig::staysInside(QStringLiteral("a/../../x")));
        QVERIFY(!LocalPipelineConfig::staysInside(QStringLiteral("/etc")));
        QVERIFY(LocalPipelineConfig::staysInside(QStringLiteral("a/../b")));
        // Outside through a symbolic link: the step fails, naming where it leads, and nothing runs there.
        QTemporaryDir outside;
        QVERIFY(QFile::link(outside.path(), m_repo->path() + QStringLiteral("/build/escape")));
        auto runner = runToEnd(pipeline({ { QStringLiteral("s"),
            { step(QStringLiteral("evil"), QStringLiteral("touch planted"), QStringLiteral("build/escape")),
                step(QStringLiteral("next"), QStringLiteral("true")) } } }));
        QCOMPARE(runner->run().status, RunStatus::Failed);
        QCOMPARE(runner->run().stages.at(0).jobs.at(1).status, RunStatus::Skipped);
        QVERIFY(!QFile::exists(outside.filePath(QStringLiteral("planted"))));
        const QByteArray log = runner->jobLog(QStringLiteral("1.1"));
        QVERIFY2(log.contains("leads outside the repository"), log.constData());
        // A missing folder fails the step with its path.
        auto missing = runToEnd(pipeline({ { QStringLiteral("s"),
            { step(QStringLiteral("m"), QStringLiteral("true"), QStringLiteral("nope")) } } }));
        QCOMPARE(missing->run().status, RunStatus::Failed);
        QVERIFY(missing->jobLog(QStringLiteral("1.1")).contains("does not exist"));
    }

    void dirtyFlag()
    {
        // Ignored files (build output) do not make the tree dirty.
        QDir(m_repo->path()).mkpath(QStringLiteral("build"));
        m_repo->writeFile(QStringLiteral("build/out.o"), "obj");
        auto clean = LocalPipelineSource::inspect(m_repo->path());
        QVERIFY2(clean, qPrintable(clean.errorMessage()));
        QVERIFY(!clean->dirty);
        QCOMPARE(clean->commit, m_head);
        QCOMPARE(clean->root, QFileInfo(m_repo->path()).canonicalFilePath());
        // A change to a tracked file does, and the run says so.
        m_repo->writeFile(QStringLiteral("README.md"), "changed\n");
        auto runner = runToEnd(
            pipeline({ { QStringLiteral("s"), { step(QStringLiteral("a"), QStringLiteral("true")) } } }));
        QVERIFY(runner->run().dirty);
        QCOMPARE(runner->run().commit, m_head);
        m_repo->writeFile(QStringLiteral("README.md"), "hello\n");
        QVERIFY(!LocalPipelineSource::inspect(m_repo->path())->dirty);
        // So does a new, untracked source file.
        m_repo->writeFile(QStringLiteral("new.cpp"), "int x;\n");
        QVERIFY(LocalPipelineSource::inspect(m_repo->path())->dirty);
        QFile::remove(m_repo->path() + QStringLiteral("/new.cpp"));
        // From a subfolder, the same repository and root.
        auto fromSub = LocalPipelineSource::inspect(m_repo->path() + QStringLiteral("/sub"));
        QVERIFY(fromSub);
        QCOMPARE(fromSub->root, clean->root);
    }

    void detachedHeadHasNoBranch()
    {
        TestRepo repo = m_repo->sibling(QStringLiteral("detached"));
        repo.init();
        const QString first = repo.commit(QStringLiteral("one"));
        repo.commit(QStringLiteral("two"));
        repo.git({ QStringLiteral("checkout"), QStringLiteral("--detach"), first });
        auto source = LocalPipelineSource::inspect(repo.path());
        QVERIFY(source);
        QCOMPARE(source->commit, first);
        QVERIFY(source->branch.isEmpty());
        // No commit at all: a clear refusal.
        TestRepo empty = m_repo->sibling(QStringLiteral("empty"));
        empty.init();
        auto none = LocalPipelineSource::inspect(empty.path());
        QVERIFY(!none);
        QVERIFY(none.errorMessage().contains(QStringLiteral("no commits")));
    }

    void logIsCapped()
    {
        auto source = LocalPipelineSource::inspect(m_repo->path());
        QVERIFY(source);
        LocalPipelineRunner runner;
        runner.setLogLimit(4000);
        qint64 streamed = 0;
        connect(&runner, &LocalPipelineRunner::output, this,
            [&](const QString &, const QByteArray &chunk) { streamed += chunk.size(); });
        QVERIFY(runner.start(*source,
            pipeline({ { QStringLiteral("s"),
                { step(QStringLiteral("loud"),
                      QStringLiteral(
                          "i=0; while [ $i -lt 500 ]; do echo 0123456789abcdef; i=$((i+1)); done")),
                    step(QStringLiteral("after"), QStringLiteral("echo more")) } } })));
        runner.waitForFinished();
        QCOMPARE(runner.run().status, RunStatus::Success);
        QVERIFY(runner.isLogTruncated());
        QVERIFY(streamed > 8000); // everything was shown live
        const QByteArray first = runner.jobLog(QStringLiteral("1.1"));
        QVERIFY2(first.size() < 4300, qPrintable(QString::number(first.size())));
        QVERIFY(first.contains("is not kept"));
        QVERIFY(runner.jobLog(QStringLiteral("1.2")).contains("is not kept"));
        QVERIFY(!runner.jobLog(QStringLiteral("1.2")).contains("more"));
    }

    void recordsRunAndImportsItsReports()
    {
        QTemporaryDir storeDir;
        auto location = store::StoreLocation::parse(storeDir.filePath(QStringLiteral("store.sqlite")));
        QVERIFY(location);
        auto db = store::Database::open(*location);
        QVERIFY2(db, qPrintable(db.errorMessage()));

        // A report from an earlier run, an hour old: not this run's result.
        QDir(m_repo->path()).mkpath(QStringLiteral("build/old"));
        m_repo->writeFile(QStringLiteral("build/old/junit-old.xml"), junit(1, 5));
        QFile old(m_repo->path() + QStringLiteral("/build/old/junit-old.xml"));
        QVERIFY(old.open(QIODevice::ReadWrite));
        QVERIFY(old.setFileTime(
            QDateTime::currentDateTimeUtc().addSecs(-3600), QFileDevice::FileModificationTime));
        old.close();
        m_repo->writeFile(QStringLiteral("build/report.xml.in"), junit(3, 1));

        auto runner = runToEnd(pipeline(
            { { QStringLiteral("test"),
                { step(QStringLiteral("unit"),
                    QStringLiteral("mkdir -p new && cp report.xml.in new/junit-unit.xml && echo tested"),
                    QStringLiteral("build")) } } },
            { QStringLiteral("build/**/junit*.xml") }));
        QCOMPARE(runner->run().status, RunStatus::Success);
        auto record = LocalPipelineRecorder::record(*db, runner->result());
        QVERIFY2(record, qPrintable(record.errorMessage()));
        QVERIFY2(record->reportError.isEmpty(), qPrintable(record->reportError));
        const QString expected
            = QFileInfo(m_repo->path() + QStringLiteral("/build/new/junit-unit.xml")).canonicalFilePath();
        QCOMPARE(record->reportFiles, QStringList { expected });
        QVERIFY(record->tests);
        const testresults::RunSummary &tests = record->tests->imported.run;
        QCOMPARE(tests.commit, m_head);
        QCOMPARE(tests.branch, QStringLiteral("main"));
        QCOMPARE(tests.source, QStringLiteral("local-pipeline"));
        QCOMPARE(tests.counts.tests, 4);
        QCOMPARE(tests.counts.failed, 1);

        // The run and its log are in the store, as the runner had them.
        const QString key = runner->source().repositoryKey;
        PipelineRunStore runs(*db);
        auto stored = runs.run(key, QStringLiteral("local"), runner->run().project, runner->run().id);
        QVERIFY2(stored, qPrintable(stored.errorMessage()));
        QVERIFY(stored->has_value());
        QCOMPARE((*stored)->commit, m_head);
        QCOMPARE((*stored)->status, RunStatus::Success);
        QCOMPARE((*stored)->stages.at(0).jobs.at(0).name, QStringLiteral("unit"));
        QCOMPARE(
            (*stored)->stages.at(0).jobs.at(0).startedAt, runner->run().stages.at(0).jobs.at(0).startedAt);
        auto log = runs.jobLog(
            key, QStringLiteral("local"), runner->run().project, runner->run().id, QStringLiteral("1.1"));
        QVERIFY(log && log->has_value());
        QCOMPARE((*log)->text, runner->jobLog(QStringLiteral("1.1")));
        QVERIFY((*log)->text.contains("tested\n"));
        testresults::TestRunStore testStore(*db);
        auto testRuns = testStore.runs(key);
        QVERIFY(testRuns);
        QCOMPARE(testRuns->size(), 1); // the old report was left alone

        // A run that writes no report records the run and imports nothing (the
        // report of the run before is older than its start).
        QTest::qWait(2 * LocalPipelineRecorder::CoarseClockSlackMs);
        auto quiet = runToEnd(
            pipeline({ { QStringLiteral("s"), { step(QStringLiteral("a"), QStringLiteral("true")) } } },
                { QStringLiteral("build/**/junit*.xml") }));
        auto quietRecord = LocalPipelineRecorder::record(*db, quiet->result());
        QVERIFY(quietRecord);
        QVERIFY(quietRecord->reportFiles.isEmpty());
        QVERIFY(!quietRecord->tests);
        auto all = runs.runs(key);
        QVERIFY(all);
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->first().id, quiet->run().id); // newest first
    }

    void demoPipelines_data()
    {
        QTest::addColumn<bool>("onPoolThread");
        QTest::newRow("main thread") << false;
        QTest::newRow("pool thread") << true; // as the window builds the demo
    }

    void demoPipelines()
    {
        QFETCH(bool, onPoolThread);
        QTemporaryDir dir;
        auto repoPath = git::DemoRepository::create(dir.path());
        QVERIFY2(repoPath, qPrintable(repoPath.errorMessage()));
        const QString storePath = dir.filePath(QStringLiteral("demo.sqlite"));
        auto build = [&]() -> QPair<QString, qint64> {
            auto db = store::Database::open(*store::StoreLocation::parse(storePath));
            if (!db)
                return { db.errorMessage(), 0 };
            QElapsedTimer clock;
            clock.start();
            auto created = DemoPipelineRuns::create(*repoPath, *db);
            return { created ? QString() : created.errorMessage(), clock.elapsed() };
        };
        const auto [error, ms] = onPoolThread ? QtConcurrent::run(build).result() : build();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        qInfo("demo pipelines created in %lld ms", ms);
        QVERIFY2(ms < 1000, qPrintable(QString::number(ms)));

        auto db = store::Database::open(*store::StoreLocation::parse(storePath));
        QVERIFY(db);
        const QString key = *testresults::RunImport::repositoryKey(*repoPath);
        PipelineRunStore store(*db);
        PipelineRunFilter all;
        all.limit = 0;
        auto runs = store.runs(key, all);
        QVERIFY(runs);
        QSet<QString> providers, branches;
        QSet<int> statuses, jobStatuses;
        int withSteps = 0;
        for (const PipelineRun &run : *runs) {
            providers << run.provider;
            branches << run.branch;
            statuses << int(run.status);
            QVERIFY2(m_fullId.match(run.commit).hasMatch(), qPrintable(run.commit));
            QVERIFY(!run.stages.isEmpty());
            for (const PipelineStage &stage : run.stages)
                for (const PipelineJob &job : stage.jobs) {
                    jobStatuses << int(job.status);
                    withSteps += job.steps.isEmpty() ? 0 : 1;
                    if (job.finishedAt.isValid())
                        QVERIFY(job.finishedAt >= job.startedAt);
                }
        }
        QCOMPARE(providers,
            (QSet<QString> { QStringLiteral("github"), QStringLiteral("gitlab"), QStringLiteral("local") }));
        QVERIFY(branches.contains(QStringLiteral("main")));
        QVERIFY(branches.contains(QStringLiteral("feature/search")));
        for (RunStatus s : { RunStatus::Success, RunStatus::Failed, RunStatus::Running, RunStatus::Canceled })
            QVERIFY2(statuses.contains(int(s)), qPrintable(runStatusName(s)));
        QVERIFY(jobStatuses.contains(int(RunStatus::Manual)));
        QVERIFY(jobStatuses.contains(int(RunStatus::Skipped)));
        QVERIFY(withSteps > 0);
        // Every CI run is on a commit of the demo repository.
        auto repo = git::Repository::open(*repoPath);
        QVERIFY(repo);
        for (const PipelineRun &run : *runs)
            QVERIFY2(repo->resolveCommit(run.commit), qPrintable(run.commit));

        // The real local run: HEAD, clean tree, its log, its report imported.
        PipelineRunFilter local;
        local.provider = QStringLiteral("local");
        auto locals = store.runs(key, local);
        QVERIFY(locals);
        QCOMPARE(locals->size(), 1);
        const PipelineRun &run = locals->first();
        QCOMPARE(run.status, RunStatus::Success);
        QCOMPARE(run.commit, git::toHex(*repo->resolveCommit(QStringLiteral("HEAD"))));
        QVERIFY(!run.dirty);
        auto log = store.jobLog(key, run.provider, run.project, run.id, QStringLiteral("1.2"));
        QVERIFY(log && log->has_value());
        QVERIFY2((*log)->text.contains("Built target harbor"), (*log)->text.constData());
        testresults::TestRunStore tests(*db);
        testresults::RunFilter filter;
        auto testRuns = tests.runs(key, filter);
        QVERIFY(testRuns);
        bool imported = false;
        for (const testresults::RunSummary &r : *testRuns)
            if (r.source == QLatin1String(LocalPipelineRecorder::TestSource) && r.commit == run.commit)
                imported = r.counts.tests > 0;
        QVERIFY(imported);
        // The pipeline is in the demo's .devdash.json, ready to run again.
        auto config = LocalPipelineConfig::load(*repoPath);
        QVERIFY2(config, qPrintable(config.errorMessage()));
        QCOMPARE(config->stepCount(), DemoPipelineRuns::localPipeline().stepCount());
    }

    void nothingToRun()
    {
        auto source = LocalPipelineSource::inspect(m_repo->path());
        QVERIFY(source);
        LocalPipelineRunner runner;
        const auto started = runner.start(*source, LocalPipelineConfig {});
        QVERIFY(!started);
        QVERIFY(started.errorMessage().contains(QStringLiteral("\"pipeline\"")));
        QVERIFY(!runner.isRunning());
    }
};

QTEST_GUILESS_MAIN(TstLocalPipeline)
#include "tst_localpipeline.moc"

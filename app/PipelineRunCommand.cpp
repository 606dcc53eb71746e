#include "PipelineRunCommand.h"
#include "CliHelp.h"
#include "CliOutput.h"
#include "CommandSpec.h"

#include "config/ConfigError.h"

#include "TestsJson.h"
#include "ci/LocalPipelineConfig.h"
#include "ci/LocalPipelineRecorder.h"
#include "ci/LocalPipelineRunner.h"
#include "ci/LocalPipelineSource.h"
#include "common/JsonWriter.h"
#include "store/Database.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>

#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>

namespace devdash::cli {

using namespace devdash::ci;

namespace {

constexpr int StepFailed = 1;
constexpr int BadDefinition = 2;
constexpr int Interrupted = 130;

std::atomic_int g_signal { 0 };

void onSignal(int signal)
{
    g_signal.store(signal);
}

void write(FILE *stream, const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

QJsonValue utcTime(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(json::isoDateTime(time.toUTC())) : QJsonValue(QJsonValue::Null);
}

QJsonValue seconds(double s)
{
    return s < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(std::round(s * 1000) / 1000);
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

// The shape `devdash pipelines --json` lists (docs/cli.md), plus what only a
// local run has: its project, trigger, dirty flag and each job's exit code.
QJsonObject runJson(const PipelineRun &run, const LocalPipelineRunner &runner)
{
    QJsonArray stages;
    for (const PipelineStage &stage : run.stages) {
        QJsonArray jobs;
        for (const PipelineJob &job : stage.jobs) {
            const auto exitCode = runner.exitCode(job.id);
            jobs.append(QJsonObject {
                { QStringLiteral("id"), job.id },
                { QStringLiteral("name"), job.name },
                { QStringLiteral("status"), runStatusName(job.status) },
                { QStringLiteral("started_at"), utcTime(job.startedAt) },
                { QStringLiteral("finished_at"), utcTime(job.finishedAt) },
                { QStringLiteral("duration_s"), seconds(job.durationS()) },
                { QStringLiteral("url"), textOrNull(job.url) },
                { QStringLiteral("exit_code"),
                    exitCode ? QJsonValue(*exitCode) : QJsonValue(QJsonValue::Null) },
            });
        }
        stages.append(QJsonObject { { QStringLiteral("name"), stage.name },
            { QStringLiteral("status"), runStatusName(stage.status) }, { QStringLiteral("jobs"), jobs } });
    }
    return QJsonObject {
        { QStringLiteral("provider"), run.provider },
        { QStringLiteral("project"), run.project },
        { QStringLiteral("id"), run.id },
        { QStringLiteral("name"), run.name },
        { QStringLiteral("branch"), textOrNull(run.branch) },
        { QStringLiteral("commit"), textOrNull(run.commit) },
        { QStringLiteral("status"), runStatusName(run.status) },
        { QStringLiteral("trigger"), run.trigger },
        { QStringLiteral("dirty"), run.dirty },
        { QStringLiteral("started_at"), utcTime(run.startedAt) },
        { QStringLiteral("finished_at"), utcTime(run.finishedAt) },
        { QStringLiteral("duration_s"), seconds(run.durationS()) },
        { QStringLiteral("url"), textOrNull(run.url) },
        { QStringLiteral("stages"), stages },
    };
}

QString durationText(double s)
{
    return s < 0 ? QStringLiteral("-") : QString::number(s, 'f', s < 10 ? 2 : 1) + QLatin1Char('s');
}

QString summaryText(
    const PipelineRun &run, const LocalPipelineRunner &runner, const LocalPipelineRecord &record)
{
    QString text = QStringLiteral("local run %1 on %2 at %3%4: %5 in %6\n")
                       .arg(run.id, run.branch.isEmpty() ? QStringLiteral("(detached HEAD)") : run.branch,
                           run.commit.left(10), run.dirty ? QStringLiteral(" (dirty work tree)") : QString(),
                           runStatusName(run.status).toUpper(), durationText(run.durationS()));
    for (const PipelineStage &stage : run.stages) {
        text += QStringLiteral("  %1 %2\n").arg(stage.name.leftJustified(24), runStatusName(stage.status));
        for (const PipelineJob &job : stage.jobs) {
            const auto exitCode = runner.exitCode(job.id);
            text += QStringLiteral("    %1 %2 %3%4\n")
                        .arg(job.name.leftJustified(22), runStatusName(job.status).leftJustified(9),
                            durationText(job.durationS()),
                            exitCode && *exitCode != 0 ? QStringLiteral("  exit code %1").arg(*exitCode)
                                                       : QString());
        }
    }
    if (record.tests) {
        const auto &r = record.tests->imported.run;
        text += QStringLiteral("tests: run #%1%2: %3 tests, %4 passed, %5 failed, %6 errored, %7 skipped\n")
                    .arg(r.id)
                    .arg(record.tests->imported.created ? QString() : QStringLiteral(" (imported before)"))
                    .arg(r.counts.tests)
                    .arg(r.counts.passed)
                    .arg(r.counts.failed)
                    .arg(r.counts.errored)
                    .arg(r.counts.skipped);
    }
    return text;
}

} // namespace

int pipelineRunCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QString Usage = usageLine(QStringLiteral("pipelines run"));
    configure(parser, command(QStringLiteral("pipelines run")));
    const QStringList args
        = QStringList { arguments.value(0) + QStringLiteral(" pipelines run") } + arguments.mid(3);
    if (!parser.parse(args))
        return fail(parser.errorText() + QStringLiteral(" — usage: ") + Usage, BadDefinition);
    if (parser.isSet(QStringLiteral("help"))) {
        write(stdout, commandHelp(command(QStringLiteral("pipelines run"))).toUtf8());
        return 0;
    }
    if (parser.positionalArguments().size() != 1)
        return fail(QStringLiteral("expected 1 argument — usage: ") + Usage, BadDefinition);
    const bool asJson = parser.isSet(QStringLiteral("json"));

    // Everything that can be wrong is checked before anything runs: a bad
    // definition or store should not cost a build.
    auto source = LocalPipelineSource::inspect(parser.positionalArguments().first());
    if (!source)
        return fail(source.errorMessage(), StepFailed);
    auto config = LocalPipelineConfig::load(source->root);
    if (!config)
        return fail(config.errorMessage(), BadDefinition);
    if (!config->isDefined())
        return fail(
            QStringLiteral("%1 defines no local pipeline: add a \"pipeline\" key, e.g. {\"pipeline\": "
                           "{\"stages\": [{\"name\": \"build\", \"steps\": [{\"name\": \"compile\", "
                           "\"run\": \"make\"}]}]}} (see docs/cli.md)")
                .arg(config->file()),
            BadDefinition);
    // Its commands would run as the user: only from a file the user trusts (exit 2, like a bad definition).
    if (!config->isTrusted())
        return fail(config::ConfigError::notTrusted(config->file(), source->root,
                        QStringLiteral("its local pipeline would run %1 command(s) on your machine")
                            .arg(config->stepCount()))
                        .message,
            BadDefinition);
    auto location = store::StoreLocation::parse(parser.value(QStringLiteral("store")));
    if (!location)
        return fail(location.errorMessage(), BadDefinition);
    auto db = store::Database::open(*location);
    if (!db)
        return fail(db.errorMessage(), StepFailed);

    // The log goes where it does not mix with the JSON.
    FILE *logStream = asJson ? stderr : stdout;
    LocalPipelineRunner runner;
    QObject::connect(&runner, &LocalPipelineRunner::stepStarted, &runner, [&](const QString &jobId) {
        for (const PipelineStage &stage : runner.run().stages)
            for (const PipelineJob &job : stage.jobs)
                if (job.id == jobId)
                    write(logStream, "==> " + stage.name.toUtf8() + " / " + job.name.toUtf8() + '\n');
    });
    QObject::connect(&runner, &LocalPipelineRunner::output, &runner,
        [&](const QString &, const QByteArray &chunk) { write(logStream, chunk); });

    // Ctrl+C reaches DevDash (steps run in their own process groups): cancel in
    // order, so the run is recorded as canceled and nothing is left running.
    if (auto started = runner.start(*source, *config); !started)
        return fail(started.errorMessage(), BadDefinition);
    g_signal.store(0);
    auto previousInt = std::signal(SIGINT, onSignal);
    auto previousTerm = std::signal(SIGTERM, onSignal);
    QTimer signalPoll;
    QObject::connect(&signalPoll, &QTimer::timeout, &runner, [&] {
        if (g_signal.load() != 0)
            runner.cancel();
    });
    signalPoll.start(100);
    runner.waitForFinished();
    signalPoll.stop();
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);

    const PipelineRun run = runner.run();
    auto record = LocalPipelineRecorder::record(*db, runner.result());
    if (!record)
        return fail(QStringLiteral("the run finished (%1) but could not be recorded: %2")
                        .arg(runStatusName(run.status), record.errorMessage()),
            StepFailed);
    if (!record->reportError.isEmpty())
        std::fprintf(stderr, "devdash: the test reports of the run were not imported: %s\n",
            record->reportError.toUtf8().constData());

    if (asJson) {
        QJsonObject object = runJson(run, runner);
        object.insert(QStringLiteral("log_truncated"), runner.isLogTruncated());
        object.insert(QStringLiteral("reports"), QJsonArray::fromStringList(record->reportFiles));
        QJsonValue tests(QJsonValue::Null);
        if (record->tests) {
            QJsonObject t = testsjson::run(record->tests->imported.run);
            t.insert(QStringLiteral("created"), record->tests->imported.created);
            tests = t;
        }
        object.insert(QStringLiteral("tests"), tests);
        json::print(object);
    } else {
        write(stdout, summaryText(run, runner, *record).toUtf8());
    }
    switch (run.status) {
    case RunStatus::Success:
        return 0;
    case RunStatus::Canceled:
        return Interrupted;
    default:
        return StepFailed;
    }
}

} // namespace devdash::cli

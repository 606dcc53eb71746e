#include "PipelinesCommands.h"
#include "CliHelp.h"
#include "CliOutput.h"
#include "CommandSpec.h"

#include "ci/CiConfig.h"
#include "ci/CiCredentials.h"
#include "ci/CiProviderRegistry.h"
#include "ci/CiTestReports.h"
#include "ci/HttpClient.h"
#include "common/JsonWriter.h"
#include "store/Database.h"
#include "testresults/RunImport.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

namespace devdash::cli {

using namespace devdash::ci;

namespace {

// --import-tests: where the finished runs' test reports go, and what came of each (by run key).
struct TestImport
{
    store::StoreLocation location;
    QString repositoryKey;
    QHash<QString, Result<std::optional<testresults::ImportedRun>>> byRun;
};

constexpr int DefaultLimit = 20;
// Some of it failed — a run's details, a test report, one of several CI sources —
// and the rest is shown (docs/cli.md).
constexpr int PartialExit = 3;

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

// The repository root holding `.devdash.json`: REPO itself or the nearest folder
// above it with a .git (REPO may be a subfolder of the work tree).
QString repositoryRoot(const QString &path)
{
    QDir dir(QFileInfo(path).absoluteFilePath());
    for (QDir up = dir;;) {
        if (up.exists(QStringLiteral(".git")) || up.exists(QStringLiteral(".devdash.json")))
            return up.absolutePath();
        if (!up.cdUp())
            break;
    }
    return dir.absolutePath();
}

QString durationText(double s)
{
    if (s < 0)
        return QStringLiteral("-");
    const qint64 total = qint64(std::llround(s));
    return total >= 60 ? QStringLiteral("%1m%2s").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'))
                       : QStringLiteral("%1s").arg(total);
}

QString table(const QList<PipelineRun> &runs)
{
    if (runs.isEmpty())
        return QStringLiteral("no pipeline runs\n");
    QString text;
    for (const PipelineRun &run : runs) {
        text += QStringLiteral("%1  %2 %3  %4  %5  %6  %7  %8\n")
                    .arg(runStatusName(run.status).leftJustified(8), run.provider, run.id,
                        (run.branch.isEmpty() ? QStringLiteral("-") : run.branch),
                        run.commit.left(10).leftJustified(10),
                        run.startedAt.isValid()
                            ? run.startedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                            : QStringLiteral("not started"),
                        durationText(run.durationS()), run.name);
        for (const PipelineStage &stage : run.stages) {
            QStringList jobs;
            for (const PipelineJob &job : stage.jobs)
                jobs << QStringLiteral("%1 (%2, %3)")
                            .arg(job.name, runStatusName(job.status), durationText(job.durationS()));
            text += QStringLiteral("    %1: %2 — %3\n")
                        .arg(stage.name, runStatusName(stage.status), jobs.join(QStringLiteral(", ")));
        }
        if (!run.loadError.isEmpty())
            text += QStringLiteral("    details not loaded: %1\n").arg(run.loadError);
        if (!run.url.isEmpty())
            text += QStringLiteral("    %1\n").arg(run.url);
    }
    return text;
}

// The runs of one source, each with its stages and jobs; with `tests`, the finished
// runs' test reports imported into the test history. A run whose details fail to
// load is kept as the listing gave it, with `loadError` set.
Result<QList<PipelineRun>> runsOf(
    const CiSource &source, const RunQuery &query, HttpClient &http, TestImport *tests)
{
    CiCredentials credentials;
    auto credential = waitForResult<CiCredential>(
        [&](CiCallback<CiCredential> done) { credentials.lookup(source, std::move(done)); });
    // A host only an untrusted repository names gets no credential: said once.
    if (credential && credential->withheld && !credentials.notice().isEmpty())
        std::fprintf(stderr, "devdash: %s\n", credentials.notice().toUtf8().constData());
    // No keychain, or one that cannot be read: anonymous, which is all a public
    // project needs; the reason is told only if the server asks for credentials.
    const QString keychainNote = credentials.keychainNote(credential);

    auto created = CiProviderRegistry::create(&http, source, credential ? *credential : CiCredential());
    if (!created)
        return created.error();
    std::unique_ptr<CiProvider> provider(*created);
    auto runs = waitForResult<QList<PipelineRun>>(
        [&](CiCallback<QList<PipelineRun>> done) { provider->listRuns(query, {}, std::move(done)); });
    if (!runs)
        return Error { CiCredentials::withKeychainNote(runs.error(), keychainNote), runs.error().code };
    QList<PipelineRun> detailed;
    for (const PipelineRun &run : std::as_const(*runs)) {
        auto full = waitForResult<PipelineRun>(
            [&](CiCallback<PipelineRun> done) { provider->fetchRun(run.id, {}, std::move(done)); });
        if (!full) {
            PipelineRun listed = run;
            listed.loadError = full.errorMessage(); // the listing needed no credential: neither does this
            detailed.append(listed);
            continue;
        }
        detailed.append(*full);
        if (tests && !isActive(full->status) && full->commit.size() == 40)
            tests->byRun.insert(full->key(),
                waitForResult<std::optional<testresults::ImportedRun>>(
                    [&](CiCallback<std::optional<testresults::ImportedRun>> done) {
                        CiTestReports::fetchAndImport(
                            *provider, *full, tests->repositoryKey, tests->location, {}, std::move(done));
                    }));
    }
    return detailed;
}

} // namespace

QJsonObject pipelineJson(const PipelineRun &run)
{
    QJsonArray stages;
    for (const PipelineStage &stage : run.stages) {
        QJsonArray jobs;
        for (const PipelineJob &job : stage.jobs)
            jobs.append(QJsonObject {
                { QStringLiteral("name"), job.name },
                { QStringLiteral("status"), runStatusName(job.status) },
                { QStringLiteral("started_at"), utcTime(job.startedAt) },
                { QStringLiteral("finished_at"), utcTime(job.finishedAt) },
                { QStringLiteral("duration_s"), seconds(job.durationS()) },
                { QStringLiteral("url"), textOrNull(job.url) },
            });
        stages.append(QJsonObject { { QStringLiteral("name"), stage.name },
            { QStringLiteral("status"), runStatusName(stage.status) }, { QStringLiteral("jobs"), jobs } });
    }
    QJsonObject object {
        { QStringLiteral("provider"), run.provider },
        { QStringLiteral("id"), run.id },
        { QStringLiteral("name"), run.name },
        { QStringLiteral("branch"), textOrNull(run.branch) },
        { QStringLiteral("commit"), textOrNull(run.commit) },
        { QStringLiteral("status"), runStatusName(run.status) },
        { QStringLiteral("started_at"), utcTime(run.startedAt) },
        { QStringLiteral("finished_at"), utcTime(run.finishedAt) },
        { QStringLiteral("duration_s"), seconds(run.durationS()) },
        { QStringLiteral("url"), textOrNull(run.url) },
        { QStringLiteral("stages"), stages },
    };
    if (!run.loadError.isEmpty()) // only on a run whose details failed to load
        object.insert(QStringLiteral("error"), run.loadError);
    return object;
}

int runPipelines(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QString Usage = usageLine(QStringLiteral("pipelines"));
    configure(parser, command(QStringLiteral("pipelines")));
    const QStringList args
        = QStringList { arguments.value(0) + QStringLiteral(" pipelines") } + arguments.mid(2);
    if (!parser.parse(args))
        return fail(parser.errorText() + QStringLiteral(" — usage: ") + Usage, 2);
    if (parser.isSet(QStringLiteral("help"))) {
        out(commandHelp(command(QStringLiteral("pipelines"))));
        return 0;
    }
    if (parser.positionalArguments().size() != 1)
        return fail(QStringLiteral("expected REPO — usage: %1").arg(Usage), 2);

    RunQuery query;
    query.branch = parser.value(QStringLiteral("branch"));
    query.commit = parser.value(QStringLiteral("commit")).toLower();
    query.limit = DefaultLimit;
    if (parser.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        query.limit = parser.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || query.limit < 0)
            return fail(QStringLiteral("--limit takes a number ≥ 0, not \"%1\"")
                            .arg(parser.value(QStringLiteral("limit"))),
                2);
    }
    static const QRegularExpression fullId(QStringLiteral("^[0-9a-f]{40}$"));
    if (!query.commit.isEmpty() && !fullId.match(query.commit).hasMatch())
        return fail(
            QStringLiteral("--commit takes a full 40-character commit id, not \"%1\"").arg(query.commit), 2);

    const QString root = repositoryRoot(parser.positionalArguments().first());
    auto config = CiConfig::load(root);
    if (!config)
        return fail(config.errorMessage());
    auto configured = config->withOverrides(CiOverrides { parser.value(QStringLiteral("provider")),
        parser.value(QStringLiteral("project")), parser.value(QStringLiteral("api-url")) });
    if (!configured)
        return fail(configured.errorMessage(), 2);
    if (configured->sources().isEmpty())
        return fail(
            QStringLiteral("no CI configured for %1: add {\"ci\": [{\"provider\": \"github\", \"project\": "
                           "\"owner/repo\"}]} to %2, or pass --provider and --project")
                .arg(root, configured->file()),
            2);

    std::optional<TestImport> tests;
    if (parser.isSet(QStringLiteral("import-tests"))) {
        auto location = store::StoreLocation::parse(parser.value(QStringLiteral("store")));
        if (!location)
            return fail(location.errorMessage(), 2);
        auto key = testresults::RunImport::repositoryKey(root);
        if (!key)
            return fail(key.errorMessage());
        tests = TestImport { *location, *key, {} };
    }
    HttpClient http; // the user's cache: a repeated call costs 304s only
    QList<PipelineRun> runs;
    QStringList failedSources;
    for (const CiSource &source : configured->sources()) {
        auto some = runsOf(source, query, http, tests ? &*tests : nullptr);
        if (!some) {
            failedSources << some.errorMessage();
            continue;
        }
        runs.append(*some);
    }
    // One source failing among several: the others are shown, the failure said.
    if (failedSources.size() == configured->sources().size())
        return fail(failedSources.join(QStringLiteral("; ")));
    for (const QString &message : std::as_const(failedSources))
        std::fprintf(stderr, "devdash: %s\n", message.toUtf8().constData());
    // Newest first across sources; not yet started (queued) runs are the newest.
    std::stable_sort(runs.begin(), runs.end(), [](const PipelineRun &a, const PipelineRun &b) {
        if (a.startedAt.isValid() != b.startedAt.isValid())
            return !a.startedAt.isValid();
        return a.startedAt > b.startedAt;
    });
    if (query.limit > 0 && runs.size() > query.limit)
        runs.resize(query.limit);

    // What --import-tests did per run: the test run (its id, counts, whether new), none, or why not.
    const auto importOf = [&](const PipelineRun &run) -> std::optional<QJsonValue> {
        if (!tests)
            return std::nullopt;
        const auto it = tests->byRun.constFind(run.key());
        if (it == tests->byRun.cend() || (it->ok() && !it->value()))
            return QJsonValue(QJsonValue::Null);
        if (!it->ok())
            return QJsonValue(QJsonObject { { QStringLiteral("error"), it->errorMessage() } });
        const testresults::ImportedRun &imported = *it->value();
        return QJsonValue(QJsonObject {
            { QStringLiteral("test_run_id"), imported.run.id },
            { QStringLiteral("tests"), imported.run.counts.tests },
            { QStringLiteral("failed"), imported.run.counts.failed + imported.run.counts.errored },
            { QStringLiteral("created"), imported.created },
        });
    };
    // Partial: a listed run without its details, a report not imported, a source that failed.
    int incomplete = int(failedSources.size());
    for (const PipelineRun &run : std::as_const(runs)) {
        if (!run.loadError.isEmpty()) {
            ++incomplete;
            std::fprintf(stderr, "devdash: %s run %s: details not loaded: %s\n", qPrintable(run.provider),
                qPrintable(run.id), run.loadError.toUtf8().constData());
        }
        const auto imported = importOf(run);
        if (imported && imported->isObject() && imported->toObject().contains(QStringLiteral("error")))
            ++incomplete;
    }
    const int exitCode = incomplete > 0 ? PartialExit : 0;
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const PipelineRun &run : std::as_const(runs)) {
            QJsonObject object = pipelineJson(run);
            if (const auto imported = importOf(run))
                object.insert(QStringLiteral("tests"), *imported);
            array.append(object);
        }
        json::print(array);
        return exitCode;
    }
    out(table(runs));
    for (const PipelineRun &run : std::as_const(runs)) {
        const auto imported = importOf(run);
        if (!imported || imported->isNull())
            continue;
        const QJsonObject o = imported->toObject();
        out(o.contains(QStringLiteral("error"))
                ? QStringLiteral("tests of %1 %2 not imported: %3\n")
                      .arg(run.provider, run.id, o.value(QStringLiteral("error")).toString())
                : QStringLiteral("tests of %1 %2: test run %3, %4 tests, %5 failed%6\n")
                      .arg(run.provider, run.id)
                      .arg(o.value(QStringLiteral("test_run_id")).toInteger())
                      .arg(o.value(QStringLiteral("tests")).toInt())
                      .arg(o.value(QStringLiteral("failed")).toInt())
                      .arg(o.value(QStringLiteral("created")).toBool()
                              ? QString()
                              : QStringLiteral(" (imported before)")));
    }
    return exitCode;
}

} // namespace devdash::cli

#include "DemoPipelineRuns.h"

#include "ci/LocalPipelineRecorder.h"
#include "ci/LocalPipelineRunner.h"
#include "ci/LocalPipelineSource.h"
#include "ci/PipelineRunStore.h"
#include "config/ProjectConfig.h"
#include "config/TrustStore.h"
#include "git/Repository.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <vector>

namespace devdash::ci {

namespace {

struct DemoCommit
{
    QString id;
    QDateTime time; // committer time, UTC
};

// The newest `count` commits of a branch's first-parent line, oldest first;
// empty when the demo has no such branch.
std::vector<DemoCommit> recentCommits(git_repository *repo, const QString &branch, int count)
{
    std::vector<DemoCommit> commits;
    git_revwalk *walk = nullptr;
    if (git_revwalk_new(&walk, repo) < 0)
        return commits;
    git::RevwalkPtr walkPtr(walk);
    git_revwalk_simplify_first_parent(walk);
    if (git_revwalk_push_ref(walk, ("refs/heads/" + branch).toUtf8().constData()) < 0)
        return commits;
    git_oid id;
    while (int(commits.size()) < count && git_revwalk_next(&id, walk) == 0) {
        git_commit *commit = nullptr;
        if (git_commit_lookup(&commit, repo, &id) < 0)
            continue;
        git::CommitPtr commitPtr(commit);
        commits.push_back(
            { git::toHex(id), QDateTime::fromSecsSinceEpoch(git_commit_time(commit), Qt::UTC) });
    }
    std::reverse(commits.begin(), commits.end());
    return commits;
}

// How a CI run of the story ends.
enum class Ending { Success, TestsFail, LintFails, Running, Canceled };

PipelineJob job(const QString &id, const QString &name, RunStatus status, const QDateTime &start, int seconds,
    const QString &url, const QStringList &stepNames = {})
{
    PipelineJob j;
    j.id = id;
    j.name = name;
    j.status = status;
    j.url = url;
    if (status == RunStatus::Skipped || status == RunStatus::Manual || status == RunStatus::Queued)
        return j; // never started
    j.startedAt = start;
    if (!isActive(status))
        j.finishedAt = start.addSecs(seconds);
    // Steps share the job's time: set-up and tear-down short, the real work long.
    QDateTime at = start;
    for (int i = 0; i < stepNames.size(); ++i) {
        const bool edge = i == 0 || i == stepNames.size() - 1;
        const int share = edge ? 2 : std::max(1, (seconds - 4) / std::max(1, int(stepNames.size()) - 2));
        PipelineStep step { stepNames.at(i), RunStatus::Success, at, at.addSecs(share) };
        if (status == RunStatus::Running && i >= stepNames.size() - 2) {
            step.status = i == stepNames.size() - 2 ? RunStatus::Running : RunStatus::Queued;
            step.finishedAt = {};
            if (step.status == RunStatus::Queued)
                step.startedAt = {};
        } else if (status != RunStatus::Success && i >= stepNames.size() - 2) {
            // The work step failed (or was canceled); what follows it did not run.
            step.status = i == stepNames.size() - 2 ? status : RunStatus::Skipped;
            if (step.status == RunStatus::Skipped)
                step.startedAt = step.finishedAt = {};
        }
        j.steps.append(step);
        at = at.addSecs(share);
    }
    return j;
}

RunStatus statusOf(const QList<PipelineJob> &jobs)
{
    RunStatus status = RunStatus::Success;
    bool any = false;
    for (const PipelineJob &j : jobs) {
        if (j.status == RunStatus::Manual || j.status == RunStatus::Skipped)
            continue;
        status = any ? PipelineRunStore::worst(status, j.status) : j.status;
        any = true;
    }
    return any ? status : RunStatus::Skipped;
}

// A GitHub Actions "CI" workflow run: builds with two compilers and lint in
// parallel, tests after the gcc build. One stage, named after the workflow.
PipelineRun githubRun(qint64 number, const DemoCommit &commit, const QString &branch, const QString &trigger,
    Ending ending, const QDateTime &start)
{
    const qint64 runId = 7100000000 + number * 37;
    PipelineRun run;
    run.provider = QStringLiteral("github");
    run.project = QLatin1String(DemoPipelineRuns::Project);
    run.id = QString::number(runId);
    run.name = QStringLiteral("CI");
    run.branch = branch;
    run.commit = commit.id;
    run.trigger = trigger;
    run.startedAt = start;
    run.url = QStringLiteral("https://github.com/%1/actions/runs/%2").arg(run.project).arg(runId);
    auto jobUrl = [&](int n) -> QString { return run.url + QStringLiteral("/job/%1").arg(runId * 10 + n); };
    auto jobId = [&](int n) { return QString::number(runId * 10 + n); };
    const QStringList buildSteps { QStringLiteral("Set up job"), QStringLiteral("Checkout"),
        QStringLiteral("Install dependencies"), QStringLiteral("Configure"), QStringLiteral("Build"),
        QStringLiteral("Complete job") };
    const QStringList testSteps { QStringLiteral("Set up job"), QStringLiteral("Checkout"),
        QStringLiteral("Download build"), QStringLiteral("Run tests"), QStringLiteral("Complete job") };
    const QStringList lintSteps { QStringLiteral("Set up job"), QStringLiteral("Checkout"),
        QStringLiteral("clang-format"), QStringLiteral("Complete job") };
    const int jitter = int(commit.id.right(2).toInt(nullptr, 16) % 60);

    const RunStatus buildStatus = ending == Ending::Canceled ? RunStatus::Canceled : RunStatus::Success;
    const int gccSeconds = ending == Ending::Canceled ? 95 : 250 + jitter;
    QList<PipelineJob> jobs;
    jobs << job(jobId(1), QStringLiteral("build (gcc)"), buildStatus, start.addSecs(4), gccSeconds, jobUrl(1),
        buildSteps);
    jobs << job(jobId(2), QStringLiteral("build (clang)"), buildStatus, start.addSecs(5),
        ending == Ending::Canceled ? 96 : 290 + jitter, jobUrl(2), buildSteps);
    jobs << job(jobId(3), QStringLiteral("lint"),
        ending == Ending::LintFails ? RunStatus::Failed : RunStatus::Success, start.addSecs(4), 38, jobUrl(3),
        lintSteps);
    RunStatus testStatus = RunStatus::Success;
    if (ending == Ending::TestsFail)
        testStatus = RunStatus::Failed;
    else if (ending == Ending::Running)
        testStatus = RunStatus::Running;
    else if (ending == Ending::Canceled)
        testStatus = RunStatus::Skipped;
    jobs << job(jobId(4), QStringLiteral("test"), testStatus, start.addSecs(4 + gccSeconds + 6), 140 + jitter,
        jobUrl(4), testSteps);

    run.stages = { PipelineStage { run.name, statusOf(jobs), jobs } };
    run.status = ending == Ending::Canceled ? RunStatus::Canceled : statusOf(jobs);
    if (!isActive(run.status)) {
        QDateTime last = start;
        for (const PipelineJob &j : jobs)
            if (j.finishedAt.isValid() && j.finishedAt > last)
                last = j.finishedAt;
        run.finishedAt = last.addSecs(2);
    }
    return run;
}

// A GitLab pipeline: build → test → deploy, staging deployed automatically from
// main and release branches, production a manual job (played on releases).
PipelineRun gitlabRun(qint64 number, const DemoCommit &commit, const QString &branch, Ending ending,
    const QDateTime &start, bool productionPlayed)
{
    const qint64 pipelineId = 1284000 + number * 11;
    PipelineRun run;
    run.provider = QStringLiteral("gitlab");
    run.project = QLatin1String(DemoPipelineRuns::Project);
    run.id = QString::number(pipelineId);
    run.name = QStringLiteral("pipeline");
    run.branch = branch;
    run.commit = commit.id;
    run.trigger = QStringLiteral("push");
    run.startedAt = start;
    run.url = QStringLiteral("https://gitlab.com/%1/-/pipelines/%2").arg(run.project).arg(pipelineId);
    qint64 nextJob = pipelineId * 20;
    auto jobUrl = [&](qint64 id) {
        return QStringLiteral("https://gitlab.com/%1/-/jobs/%2").arg(run.project).arg(id);
    };
    auto make = [&](const QString &name, RunStatus status, const QDateTime &at, int seconds) {
        const qint64 id = ++nextJob;
        return job(QString::number(id), name, status, at, seconds, jobUrl(id));
    };

    const QDateTime buildStart = start.addSecs(3);
    PipelineStage build { QStringLiteral("build"), RunStatus::Success,
        { make(QStringLiteral("compile"), RunStatus::Success, buildStart, 212) } };
    const QDateTime testStart = buildStart.addSecs(215);
    const RunStatus integration = ending == Ending::TestsFail ? RunStatus::Failed : RunStatus::Success;
    PipelineStage test { QStringLiteral("test"), RunStatus::Success,
        { make(QStringLiteral("unit"), RunStatus::Success, testStart, 74),
            make(QStringLiteral("integration"), integration, testStart, 163),
            make(QStringLiteral("lint"), RunStatus::Success, testStart, 31) } };
    test.status = statusOf(test.jobs);
    const QDateTime deployStart = testStart.addSecs(166);
    const bool deploy = test.status == RunStatus::Success;
    PipelineStage deployStage { QStringLiteral("deploy"), RunStatus::Skipped,
        { make(QStringLiteral("deploy:staging"), deploy ? RunStatus::Success : RunStatus::Skipped,
              deployStart, 47),
            make(QStringLiteral("deploy:production"),
                !deploy                ? RunStatus::Skipped
                    : productionPlayed ? RunStatus::Success
                                       : RunStatus::Manual,
                deployStart.addSecs(1800), 52) } };
    deployStage.status = statusOf(deployStage.jobs);
    run.stages = { build, test, deployStage };
    run.status = statusOf(build.jobs + test.jobs + deployStage.jobs);
    QDateTime last = start;
    for (const PipelineStage &stage : run.stages)
        for (const PipelineJob &j : stage.jobs)
            if (j.finishedAt.isValid() && j.finishedAt > last)
                last = j.finishedAt;
    run.finishedAt = last.addSecs(1);
    return run;
}

// The log of the demo's failing CI test job, for the log view (ANSI colours as CI prints them).
QByteArray failedTestLog()
{
    return "\x1b[36;1mRun ctest --test-dir build --output-on-failure\x1b[0m\n"
           "Test project /home/runner/work/harbor/harbor/build\n"
           "    Start 1: harbor_tests\n"
           "[==========] Running 24 tests from 6 test suites.\n"
           "[\x1b[32m       OK \x1b[0m] RouterTest.MatchesStaticRoutes (1 ms)\n"
           "[\x1b[32m       OK \x1b[0m] RouterTest.ExtractsPathParameters (2 ms)\n"
           "tests/test_router.cpp:63: Failure\n"
           "Expected equality of these values:\n  route.match(\"/users/\")\n    Which is: false\n  true\n"
           "[\x1b[31m  FAILED  \x1b[0m] RouterTest.MatchesTrailingSlash (1 ms)\n"
           "[==========] 24 tests from 6 test suites ran. (1873 ms total)\n"
           "[\x1b[31m  FAILED  \x1b[0m] 1 test, listed below:\n"
           "1/1 Test #1: harbor_tests .....................***Failed    1.92 sec\n"
           "\x1b[31;1mError: Process completed with exit code 8.\x1b[0m\n";
}

// Adds the local pipeline (and the report globs it writes) to the demo's
// .devdash.json, keeping what other parts of the demo put there.
Result<void> writeProjectConfig(const QString &root, const LocalPipelineConfig &pipeline)
{
    const QString path = QDir(root).filePath(QLatin1String(config::ProjectConfig::FileName));
    auto existing = config::ProjectConfig::load(root);
    if (!existing)
        return existing.error();
    QJsonObject object = existing->root();
    object.insert(QLatin1String(LocalPipelineConfig::Key), pipeline.toJson());
    if (!object.contains(QLatin1String("tests")))
        object.insert(QStringLiteral("tests"),
            QJsonObject {
                { QStringLiteral("reports"), QJsonArray::fromStringList(pipeline.reportGlobs()) } });
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error { QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()) };
    file.write(QJsonDocument(object).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return Error { QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()) };
    return config::TrustStore().trustCurrentFile(root); // the demo's own pipeline
}

} // namespace

LocalPipelineConfig DemoPipelineRuns::localPipeline()
{
    const QString configure = QStringLiteral("mkdir -p build\n"
                                             "echo '-- The CXX compiler identification is GNU 12.2.0'\n"
                                             "echo '-- Detecting CXX compile features - done'\n"
                                             "echo '-- Configuring done'\n"
                                             "echo \"-- Build files have been written to: $(pwd)/build\"");
    const QString compile = QStringLiteral(
        "total=$(ls src/*.cpp | wc -l); n=0\n"
        "for f in src/*.cpp; do n=$((n+1)); printf '[%3d%%] \\033[32mBuilding CXX object\\033[0m %s.o\\n' "
        "$((n*100/(total+1))) \"$f\"; done\n"
        "printf '[100%%] \\033[32;1mLinking CXX executable harbor\\033[0m\\n'\n"
        "echo '[100%] Built target harbor'");
    // A GoogleTest-style run of the tests the demo repository has, with its JUnit report.
    const QString unit = QStringLiteral(
        "mkdir -p build/test-results\n"
        "{\n"
        "  echo '<?xml version=\"1.0\" encoding=\"UTF-8\"?>'\n"
        "  echo '<testsuites name=\"harbor_tests\">'\n"
        "  for f in tests/test_*.cpp; do\n"
        "    suite=$(basename \"$f\" .cpp | sed 's/^test_//')\n"
        "    echo \"  <testsuite name=\\\"$suite\\\" file=\\\"$f\\\">\"\n"
        "    echo \"    <testcase classname=\\\"$suite\\\" name=\\\"compiles\\\" time=\\\"0.004\\\"/>\"\n"
        "    echo \"    <testcase classname=\\\"$suite\\\" name=\\\"runs\\\" time=\\\"0.012\\\"/>\"\n"
        "    echo '  </testsuite>'\n"
        "  done\n"
        "  echo '</testsuites>'\n"
        "} > build/test-results/junit-unit.xml\n"
        "for f in tests/test_*.cpp; do printf '[\\033[32m       OK \\033[0m] %s\\n' \"$(basename \"$f\" "
        ".cpp)\"; done\n"
        "echo \"[==========] $(grep -c '<testcase' build/test-results/junit-unit.xml) tests ran.\"\n"
        "printf '[\\033[32m  PASSED  \\033[0m] all tests\\n'");
    LocalPipelineConfig config;
    config.setStages({
        LocalPipelineStage { QStringLiteral("build"),
            { LocalPipelineStep { QStringLiteral("configure"), configure, {}, {} },
                LocalPipelineStep { QStringLiteral("compile"), compile, {},
                    { { QStringLiteral("CXX"), QStringLiteral("g++") } } } } },
        LocalPipelineStage { QStringLiteral("test"),
            { LocalPipelineStep { QStringLiteral("unit"), unit, {},
                { { QStringLiteral("GTEST_COLOR"), QStringLiteral("yes") } } } } },
    });
    config.setReportGlobs({ QStringLiteral("build/test-results/*.xml") });
    return config;
}

Result<void> DemoPipelineRuns::create(const QString &repoPath, const store::Database &db)
{
    auto repository = git::Repository::open(repoPath);
    if (!repository)
        return repository.error();
    git_repository *repo = repository->raw();
    auto source = LocalPipelineSource::inspect(repoPath);
    if (!source)
        return source.error();

    QList<PipelineRun> runs;
    QHash<QString, QByteArray> logs;
    PipelineRun failedRun;
    qint64 number = 1;

    // GitHub Actions on main's recent pushes: a test failure fixed by the next
    // push, and the head's run still going.
    const auto main = recentCommits(repo, QStringLiteral("main"), 12);
    for (size_t i = 0; i < main.size(); ++i) {
        const bool head = i + 1 == main.size();
        Ending ending = Ending::Success;
        if (i + 5 == main.size())
            ending = Ending::TestsFail;
        if (head)
            ending = Ending::Running;
        const QDateTime start
            = head ? QDateTime::currentDateTimeUtc().addSecs(-9 * 60) : main[i].time.addSecs(40 + int(i) * 3);
        PipelineRun run
            = githubRun(number++, main[i], QStringLiteral("main"), QStringLiteral("push"), ending, start);
        if (ending == Ending::TestsFail)
            failedRun = run;
        runs << run;
    }
    // Pull requests: feature/search pushed twice in a row (the first run canceled),
    // feature/login failing lint.
    const auto search = recentCommits(repo, QStringLiteral("feature/search"), 4);
    for (size_t i = 0; i < search.size(); ++i) {
        const Ending ending = i + 2 == search.size() ? Ending::Canceled : Ending::Success;
        runs << githubRun(number++, search[i], QStringLiteral("feature/search"),
            QStringLiteral("pull_request"), ending, search[i].time.addSecs(25));
    }
    const auto login = recentCommits(repo, QStringLiteral("feature/login"), 2);
    for (size_t i = 0; i < login.size(); ++i)
        runs << githubRun(number++, login[i], QStringLiteral("feature/login"), QStringLiteral("pull_request"),
            i + 1 == login.size() ? Ending::LintFails : Ending::Success, login[i].time.addSecs(30));

    // GitLab (the team's mirror that deploys): main's last pushes, the same
    // failure, and the release branches with production played.
    for (size_t i = main.size() > 6 ? main.size() - 6 : 0; i + 1 < main.size(); ++i)
        runs << gitlabRun(number++, main[i], QStringLiteral("main"),
            i + 5 == main.size() ? Ending::TestsFail : Ending::Success, main[i].time.addSecs(70), false);
    for (const QString &release : { QStringLiteral("release/1.0"), QStringLiteral("release/1.1") }) {
        const auto tips = recentCommits(repo, release, 1);
        if (!tips.empty())
            runs << gitlabRun(
                number++, tips.front(), release, Ending::Success, tips.front().time.addSecs(60), true);
    }

    PipelineRunStore store(db);
    if (auto saved = store.saveAll(source->repositoryKey, runs); !saved)
        return saved.error();
    if (!failedRun.id.isEmpty()) {
        const PipelineJob &test = failedRun.stages.first().jobs.last();
        if (auto saved = store.saveJobLog(source->repositoryKey, failedRun, test.id, failedTestLog(), false);
            !saved)
            return saved.error();
    }

    // A real local run of the demo's pipeline on its (clean) work tree.
    const LocalPipelineConfig pipeline = localPipeline();
    LocalPipelineRunner runner;
    if (auto started = runner.start(*source, pipeline); !started)
        return started.error();
    runner.waitForFinished();
    if (runner.run().status != RunStatus::Success)
        return Error { QStringLiteral("The demo's local pipeline failed:\n")
            + QString::fromUtf8(runner.log()) };
    auto recorded = LocalPipelineRecorder::record(db, runner.result());
    if (!recorded)
        return recorded.error();
    if (!recorded->reportError.isEmpty())
        return Error { recorded->reportError };
    // Now in .devdash.json, so that the Pipelines page can run it again.
    return writeProjectConfig(source->root, pipeline);
}

} // namespace devdash::ci

// Benchmark of CI polling (issue 4, performance): 20 repositories — GitHub,
// GitLab, Jenkins and cctray — polled by CiPoller for a simulated hour against
// a loopback HTTP server that answers like the real APIs (ETag → 304). Checks:
//  (a) once nothing changes, no request is answered 200 (all 304);
//  (b) a status change on the server reaches a PipelineRunModel as dataChanged
//      of the affected rows only: no reset, no layout change, no row churn.
// The clock is simulated (CiPoller::setClock + tick()); the HTTP is real.
//
//   devdash_bench_ci_polling [--minutes 60] [--change-at 30] [--fast 10] [--slow 120]
//                            [--github 6] [--gitlab 6] [--jenkins 4] [--cctray 4]
//
// Exits non-zero when (a) or (b) does not hold.

#include "LoopbackHttpServer.h"
#include "TestData.h"
#include "ci/CiPoller.h"
#include "ci/CiProviderRegistry.h"
#include "ci/HttpClient.h"
#include "ci/PipelineRunModel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>

using namespace devdash;
using namespace devdash::ci;
using devdash::test::LoopbackHttpServer;
using devdash::test::LoopbackRequest;
using devdash::test::LoopbackResponse;

namespace {

// One path's answer, switched by the benchmark while the server thread serves it.
class Switchable
{
public:
    void set(const LoopbackResponse &response)
    {
        QMutexLocker lock(&m_mutex);
        m_response = response;
    }
    LoopbackResponse get()
    {
        QMutexLocker lock(&m_mutex);
        return m_response;
    }

private:
    QMutex m_mutex;
    LoopbackResponse m_response;
};

// A response of tests/data; a missing one ends the benchmark with its name (exit 1).
QByteArray readFixture(const QString &relative)
{
    QFile file(devdash::test::testDataPath(relative));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "missing test data: %s\n", qPrintable(file.fileName()));
        std::exit(1);
    }
    return file.readAll();
}

LoopbackResponse withEtag(LoopbackResponse response)
{
    response.etag = "\"" + QByteArray::number(qHash(response.body), 16) + "\"";
    return response;
}

// A Jenkins job (api/json with builds[…]) whose newest build is running or finished.
LoopbackResponse jenkinsJob(const QString &job, bool running)
{
    QJsonArray builds;
    for (int number = 12; number >= 1; --number) {
        const bool building = running && number == 12;
        builds.append(QJsonObject { { "number", number },
            { "url", QStringLiteral("https://jenkins.example/job/team/job/%1/%2/").arg(job).arg(number) },
            { "result", building ? QJsonValue() : QJsonValue(number % 5 ? "SUCCESS" : "FAILURE") },
            { "building", building }, { "timestamp", 1709287200000.0 + number * 3600000.0 },
            { "duration", building ? 0 : 95000 },
            { "actions",
                QJsonArray { QJsonObject { { "_class", "hudson.plugins.git.util.BuildData" },
                    { "lastBuiltRevision",
                        QJsonObject { { "SHA1", QString(40, QLatin1Char('a' + number % 6)) },
                            { "branch",
                                QJsonArray {
                                    QJsonObject { { "name", "refs/remotes/origin/main" } } } } } } } } } });
    }
    return withEtag(LoopbackResponse::json(QJsonDocument(
        QJsonObject { { "_class", "org.jenkinsci.plugins.workflow.job.WorkflowJob" }, { "name", job },
            { "inQueue", false }, { "nextBuildNumber", 13 },
            { "builds", builds } }).toJson(QJsonDocument::Compact)));
}

// One tick; returns false when the round did not finish within `timeoutMs`.
bool tickAndWait(CiPoller &poller, int *started, int timeoutMs)
{
    bool finished = false;
    QEventLoop loop;
    QObject::connect(&poller, &CiPoller::roundFinished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    *started = poller.tick();
    if (*started == 0 || finished)
        return true;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return finished;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int minutes = 60, changeAt = 30, fastS = 10, slowS = 120;
    int counts[4] = { 6, 6, 4, 4 }; // github, gitlab, jenkins, cctray
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        auto next = [&]() { return i + 1 < args.size() ? args.at(++i).toInt() : 0; };
        if (a == u"--minutes")
            minutes = next();
        else if (a == u"--change-at")
            changeAt = next();
        else if (a == u"--fast")
            fastS = next();
        else if (a == u"--slow")
            slowS = next();
        else if (a == u"--github")
            counts[0] = next();
        else if (a == u"--gitlab")
            counts[1] = next();
        else if (a == u"--jenkins")
            counts[2] = next();
        else if (a == u"--cctray")
            counts[3] = next();
        else {
            fprintf(stderr, "unknown argument %s\n", qPrintable(a));
            return 2;
        }
    }
    if (counts[2] < 1 || counts[3] < 1) {
        fprintf(stderr, "need at least one Jenkins job and one cctray feed (they carry the status change)\n");
        return 2;
    }

    LoopbackHttpServer server;
    if (!server.start()) {
        fprintf(stderr, "cannot start the loopback server\n");
        return 1;
    }
    QTemporaryDir tmp;
    HttpClient http(nullptr, tmp.filePath(QStringLiteral("http-cache")));
    CiPoller poller;
    QDateTime now = QDateTime(QDate(2024, 3, 1), QTime(9, 0), Qt::UTC);
    poller.setClock([&now] { return now; });
    poller.setIntervals({ fastS * 1000, slowS * 1000, 15 * 60 * 1000 });
    poller.setHttpClient(&http);

    // The server: the response bodies of tests/data, ETags like the real APIs.
    const LoopbackResponse githubRuns
        = withEtag(LoopbackResponse::json(readFixture(QStringLiteral("ci-api/github/workflow-runs.json"))));
    const LoopbackResponse gitlabPipelines
        = withEtag(LoopbackResponse::json(readFixture(QStringLiteral("ci-api/gitlab/pipelines.json"))));
    const QByteArray cctrayFeed = readFixture(QStringLiteral("cctray/jenkins-cc.xml"));
    auto changingJob = std::make_shared<Switchable>();
    auto changingFeed = std::make_shared<Switchable>();
    changingJob->set(jenkinsJob(QStringLiteral("app0"), true));
    changingFeed->set(withEtag(LoopbackResponse::text(cctrayFeed, "application/xml")));

    QObject owner;
    std::map<int, QString> kindOfWatch;
    auto addSource = [&](const QString &provider, const QString &project, const QString &apiUrl) {
        CiSource source;
        source.provider = provider;
        source.project = project;
        source.apiUrl = apiUrl;
        auto created = CiProviderRegistry::create(&http, source, CiCredential {}, &owner);
        if (!created)
            qFatal("%s", qPrintable(created.errorMessage()));
        created.value()->setParent(nullptr);
        const int id = poller.addWatch(QStringLiteral("/repos/%1").arg(project),
            std::shared_ptr<CiProvider>(*created), RunQuery { {}, {}, 20 });
        kindOfWatch[id] = provider;
    };
    for (int i = 0; i < counts[0]; ++i) {
        server.setRoute(QStringLiteral("/github/repos/org/repo%1/actions/runs").arg(i), githubRuns);
        addSource(QStringLiteral("github"), QStringLiteral("org/repo%1").arg(i),
            server.url(QStringLiteral("/github")).toString());
    }
    for (int i = 0; i < counts[1]; ++i) {
        server.setRoute(
            QStringLiteral("/gitlab/api/v4/projects/%1/pipelines").arg(1000 + i), gitlabPipelines);
        addSource(QStringLiteral("gitlab"), QString::number(1000 + i),
            server.url(QStringLiteral("/gitlab/api/v4")).toString());
    }
    for (int i = 0; i < counts[2]; ++i) {
        const QString path = QStringLiteral("/jenkins/job/team/job/app%1/api/json").arg(i);
        if (i == 0)
            server.setHandler(path, [changingJob](const LoopbackRequest &) { return changingJob->get(); });
        else
            server.setRoute(path, jenkinsJob(QStringLiteral("app%1").arg(i), false));
        addSource(QStringLiteral("jenkins"), QStringLiteral("team/app%1").arg(i),
            server.url(QStringLiteral("/jenkins")).toString());
    }
    for (int i = 0; i < counts[3]; ++i) {
        const QString path = QStringLiteral("/cctray%1/cc.xml").arg(i);
        if (i == 0)
            server.setHandler(path, [changingFeed](const LoopbackRequest &) { return changingFeed->get(); });
        else
            server.setRoute(path, withEtag(LoopbackResponse::text(cctrayFeed, "application/xml")));
        addSource(QStringLiteral("cctray"), QString(), server.url(path).toString());
    }

    // The views' model, fed by the poller as the window does.
    PipelineRunModel model;
    QObject::connect(&poller, &CiPoller::runsUpdated, &model, [&](int watch, const QList<PipelineRun> &runs) {
        const CiWatchState state = poller.state(watch);
        model.updateRuns(runs, state.provider, state.project);
    });
    int resets = 0, layouts = 0, inserted = 0, removed = 0, changedSignals = 0, changedRows = 0;
    QObject::connect(&model, &QAbstractItemModel::modelReset, [&] { ++resets; });
    QObject::connect(&model, &QAbstractItemModel::layoutChanged, [&] { ++layouts; });
    QObject::connect(&model, &QAbstractItemModel::rowsInserted,
        [&](const QModelIndex &, int a, int b) { inserted += b - a + 1; });
    QObject::connect(&model, &QAbstractItemModel::rowsRemoved,
        [&](const QModelIndex &, int a, int b) { removed += b - a + 1; });
    QObject::connect(
        &model, &QAbstractItemModel::dataChanged, [&](const QModelIndex &a, const QModelIndex &b) {
            ++changedSignals;
            changedRows += b.row() - a.row() + 1;
        });
    QStringList transitions;
    QObject::connect(
        &poller, &CiPoller::branchTransition, [&](int, const PipelineRun &run, BranchTransition t) {
            transitions << QStringLiteral("%1 %2").arg(branchTransitionName(t), run.name);
        });
    std::map<QString, int> pollsByKind;
    QObject::connect(&poller, &CiPoller::runsUpdated,
        [&](int watch, const QList<PipelineRun> &) { ++pollsByKind[kindOfWatch[watch]]; });
    int failures = 0;
    QObject::connect(&poller, &CiPoller::watchFailed, [&](int, const QString &message) {
        ++failures;
        fprintf(stderr, "poll failed: %s\n", qPrintable(message));
    });

    const QDateTime start = now;
    const QDateTime end = start.addSecs(minutes * 60);
    const QDateTime changeTime = start.addSecs(changeAt * 60);
    bool changed = false;
    int rounds = 0;
    int ok200AfterFirst = 0, ok200Unchanged = 0, firstRound200 = 0;
    int resetsAfterFirst = 0, layoutsAfterFirst = 0, insertedAfterChange = 0, removedAfterChange = 0;
    int changeSignals = 0, changeRows = 0;
    double changeToModelMs = -1;
    QElapsedTimer wall;
    wall.start();
    while (true) {
        QDateTime due = poller.nextDueAt();
        if (!changed && due >= changeTime) {
            // The server changes: app0's running build finishes, a feed's project breaks.
            now = changeTime;
            changingJob->set(jenkinsJob(QStringLiteral("app0"), false));
            QByteArray broken = cctrayFeed;
            broken.replace(
                "name=\"payments-ui\" lastBuildLabel=\"77\" lastBuildTime=\"2022-06-21T14:09:48Z\" "
                "lastBuildStatus=\"Success\"",
                "name=\"payments-ui\" lastBuildLabel=\"78\" lastBuildTime=\"2022-06-21T14:40:00Z\" "
                "lastBuildStatus=\"Failure\"");
            if (broken == cctrayFeed) {
                std::fprintf(
                    stderr, "tests/data/cctray/jenkins-cc.xml changed: update the benchmark's replacement\n");
                return 1;
            }
            changingFeed->set(withEtag(LoopbackResponse::text(broken, "application/xml")));
            changed = true;
            changeSignals = changedSignals;
            changeRows = changedRows;
            insertedAfterChange = inserted;
            removedAfterChange = removed;
            continue;
        }
        if (!due.isValid() || due > end)
            break;
        now = std::max(now, due);
        const int before200 = server.responsesWithStatus(200);
        QElapsedTimer roundTimer;
        roundTimer.start();
        int started = 0;
        if (!tickAndWait(poller, &started, 60000)) {
            fprintf(stderr, "a polling round did not finish within 60 s\n");
            return 1;
        }
        if (started == 0)
            continue;
        const int new200 = server.responsesWithStatus(200) - before200;
        ++rounds;
        if (rounds == 1) {
            firstRound200 = new200;
            resetsAfterFirst = resets;
            layoutsAfterFirst = layouts;
        } else {
            ok200AfterFirst += new200;
            if (!changed)
                ok200Unchanged += new200;
        }
        if (changed && changeToModelMs < 0 && changedSignals > changeSignals)
            changeToModelMs = roundTimer.nsecsElapsed() / 1e6;
    }
    const double wallMs = wall.nsecsElapsed() / 1e6;

    const int total = server.requestCount();
    const int total304 = server.responsesWithStatus(304);
    const int total200 = server.responsesWithStatus(200);
    const int watches = counts[0] + counts[1] + counts[2] + counts[3];
    const int changed200 = ok200AfterFirst - ok200Unchanged;
    const int rowsAfterChange = changedRows - changeRows;
    printf("CI polling: %d repositories (%d GitHub, %d GitLab, %d Jenkins, %d cctray), simulated %d min, "
           "fast %d s / slow %d s, status change at %d min\n",
        watches, counts[0], counts[1], counts[2], counts[3], minutes, fastS, slowS, changeAt);
    printf("%-48s %10s\n", "measure", "value");
    printf("%-48s %10d\n", "polling rounds", rounds);
    printf("%-48s %10d\n", "requests total", total);
    for (const auto &[kind, polls] : pollsByKind)
        printf("  %-46s %10d\n", qPrintable(QStringLiteral("successful polls, %1").arg(kind)), polls);
    printf("%-48s %10d\n", "answered 200 in the first round", firstRound200);
    printf("%-48s %10d\n", "answered 304", total304);
    printf("%-48s %10d\n", "answered 200 after the first round, unchanged", ok200Unchanged);
    printf("%-48s %10d\n", "answered 200 for the changed projects", changed200);
    printf("%-48s %10d\n", "answered 200 total", total200);
    printf("%-48s %10d\n", "failed polls", failures);
    printf("%-48s %10d\n", "model resets after the first load", resets - resetsAfterFirst);
    printf("%-48s %10d\n", "model layout changes", layouts - layoutsAfterFirst);
    printf("%-48s %10d\n", "dataChanged signals after the change", changedSignals - changeSignals);
    printf("%-48s %10d\n", "rows repainted after the change", rowsAfterChange);
    printf("%-48s %10d\n", "rows inserted / removed after the change",
        (inserted - insertedAfterChange) + (removed - removedAfterChange));
    printf("%-48s %10d\n", "model rows", model.rowCount());
    printf("%-48s %10.1f\n", "round with the change, ms (HTTP to dataChanged)", changeToModelMs);
    printf("%-48s %10.0f\n", "wall time for the simulated hour, ms", wallMs);
    printf("%-48s %10s\n", "notifications", qPrintable(transitions.join(QStringLiteral(", "))));

    // What the issue asks, checked.
    bool ok = true;
    auto check = [&ok](bool condition, const char *what) {
        if (!condition) {
            fprintf(stderr, "FAILED: %s\n", what);
            ok = false;
        }
    };
    check(failures == 0, "every poll succeeds");
    check(firstRound200 == watches, "the first round answers 200 once per repository");
    check(ok200Unchanged == 0, "no 200 once nothing changes (all 304)");
    check(changed200 == 2, "exactly the two changed projects are answered 200 again");
    check(resets == 1 && resetsAfterFirst == 1, "one reset: the first load; none after");
    check(layouts == 0, "no layoutChanged");
    check(rowsAfterChange == 2, "the change repaints exactly the two affected rows");
    check(inserted == insertedAfterChange && removed == removedAfterChange,
        "no rows inserted or removed by the change");
    check(transitions == QStringList { QStringLiteral("broken payments-ui") }, "one notification: broken");
    return ok ? 0 : 1;
}

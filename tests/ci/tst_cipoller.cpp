// CiPoller against a loopback server over real HTTP, with a simulated clock:
// adaptive intervals (fast while something runs, slow when idle), per-run
// changes, the CCMenu transitions (fixed, broken, still broken) for a Jenkins
// job and a cctray feed, back-off after a 500 and a hanging server, a 429 with
// Retry-After, offline pauses, the age of the last known state, and the timer
// that drives it all in the window.

#include "LoopbackHttpServer.h"
#include "ci/CctrayProvider.h"
#include "ci/CiPoller.h"
#include "ci/HttpClient.h"
#include "ci/HttpResponse.h"
#include "ci/JenkinsProvider.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash;
using namespace devdash::ci;
using devdash::test::LoopbackHttpServer;
using devdash::test::LoopbackRequest;
using devdash::test::LoopbackResponse;

namespace {

// What the loopback server answers on one path; changed by the test between polls.
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

QByteArray feed(const char *activity, const char *status, int label)
{
    return QByteArray("<Projects><Project name=\"app\" activity=\"") + activity + "\" lastBuildStatus=\""
        + status + "\" lastBuildLabel=\"" + QByteArray::number(label)
        + "\" lastBuildTime=\"2024-03-01T10:00:00Z\" webUrl=\"https://ci/app\"/></Projects>";
}

LoopbackResponse feedResponse(const char *activity, const char *status, int label)
{
    LoopbackResponse r = LoopbackResponse::text(feed(activity, status, label), "application/xml");
    r.etag = QByteArray("\"") + activity + status + QByteArray::number(label) + "\"";
    return r;
}

// A Jenkins job whose builds are given newest first as "SUCCESS", "FAILURE" or "" (building).
LoopbackResponse jenkinsJob(const QStringList &results)
{
    QJsonArray builds;
    for (int i = 0; i < results.size(); ++i) {
        const int number = int(results.size()) - i;
        const bool building = results.at(i).isEmpty();
        builds.append(QJsonObject { { "number", number },
            { "url", QStringLiteral("https://j/job/app/%1/").arg(number) },
            { "result", building ? QJsonValue() : QJsonValue(results.at(i)) }, { "building", building },
            { "timestamp", 1709287200000.0 + number * 60000.0 }, { "duration", building ? 0 : 30000 },
            { "actions",
                QJsonArray { QJsonObject { { "lastBuiltRevision",
                    QJsonObject { { "SHA1", QString(40, QLatin1Char('a' + number % 6)) },
                        { "branch", QJsonArray { QJsonObject { { "name", "origin/main" } } } } } } } } } });
    }
    LoopbackResponse r = LoopbackResponse::json(QJsonDocument(
        QJsonObject { { "name", "app" }, { "inQueue", false }, { "nextBuildNumber", results.size() + 1 },
            { "builds", builds } }).toJson(QJsonDocument::Compact));
    r.etag = "\"" + results.join(QLatin1Char('-')).toUtf8() + "\"";
    return r;
}

} // namespace

class CiPollerTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void adaptiveIntervals();
    void runChanges();
    void jenkinsTransitions();
    void cctrayTransitions();
    void serverErrorBacksOffAndKeepsLastState();
    void hangingServerTimesOut();
    void retryAfterIsHonoured();
    void rateLimitPausesPolling();
    void offlinePauses();
    void ageText_data();
    void ageText();
    void timerFollowsTheSchedule();
    void immediateAnswersEndTheRoundOnce();
    void removingAWatchWhilePolling();

private:
    // One tick at the simulated now; waits for the round when something was polled.
    int round();
    std::shared_ptr<CiProvider> cctray(const QString &path, int timeoutMs = 5000);
    std::shared_ptr<CiProvider> jenkins(const QString &job);

    QTemporaryDir m_tmp;
    LoopbackHttpServer m_server;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<CiPoller> m_poller;
    QDateTime m_now;
    int m_caches = 0;
};

void CiPollerTest::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY(m_server.start());
}

void CiPollerTest::init()
{
    m_poller.reset();
    m_http = std::make_unique<HttpClient>(nullptr, m_tmp.filePath(QStringLiteral("cache%1").arg(++m_caches)));
    m_poller = std::make_unique<CiPoller>();
    m_now = QDateTime(QDate(2024, 3, 1), QTime(9, 0), Qt::UTC);
    m_poller->setClock([this] { return m_now; });
    m_poller->setHttpClient(m_http.get());
    m_poller->setIntervals({ 10000, 120000, 600000 });
}

int CiPollerTest::round()
{
    QSignalSpy finished(m_poller.get(), &CiPoller::roundFinished);
    const int started = m_poller->tick();
    if (started > 0 && finished.isEmpty() && !finished.wait(15000))
        qWarning("round did not finish");
    return started;
}

std::shared_ptr<CiProvider> CiPollerTest::cctray(const QString &path, int timeoutMs)
{
    return std::make_shared<CctrayProvider>(
        m_http.get(), CctraySettings { m_server.url(path).toString(), {}, {}, {}, timeoutMs, {} });
}

std::shared_ptr<CiProvider> CiPollerTest::jenkins(const QString &job)
{
    return std::make_shared<JenkinsProvider>(m_http.get(),
        JenkinsSettings { m_server.url(QStringLiteral("/")).toString(), job, {}, {}, {}, 5000 });
}

void CiPollerTest::adaptiveIntervals()
{
    auto state = std::make_shared<Switchable>();
    state->set(feedResponse("Sleeping", "Success", 1));
    m_server.setHandler(
        QStringLiteral("/adaptive/cc.xml"), [state](const LoopbackRequest &) { return state->get(); });
    const int id = m_poller->addWatch(QStringLiteral("/repo"), cctray(QStringLiteral("/adaptive/cc.xml")));
    QCOMPARE(m_poller->nextDueAt(), m_now); // a new watch is due at once

    QCOMPARE(round(), 1);
    QCOMPARE(m_poller->state(id).runs.size(), 1);
    QCOMPARE(m_poller->state(id).updatedAt, m_now);
    QCOMPARE(m_poller->state(id).dueAt, m_now.addSecs(120)); // idle: slow
    QCOMPARE(round(), 0); // not due yet: nothing is asked
    m_now = m_now.addSecs(119);
    QCOMPARE(round(), 0);

    state->set(feedResponse("Building", "Success", 1));
    m_now = m_now.addSecs(1);
    QCOMPARE(round(), 1);
    QCOMPARE(m_poller->state(id).runs.first().status, RunStatus::Running);
    QCOMPARE(m_poller->state(id).dueAt, m_now.addSecs(10)); // running: fast
    m_now = m_now.addSecs(10);
    QCOMPARE(round(), 1);
    QCOMPARE(m_poller->state(id).dueAt, m_now.addSecs(10));

    state->set(feedResponse("Sleeping", "Success", 2));
    m_now = m_now.addSecs(10);
    QCOMPARE(round(), 1);
    QCOMPARE(m_poller->state(id).dueAt, m_now.addSecs(120)); // idle again
    QCOMPARE(m_poller->nextDueAt(), m_now.addSecs(120));
}

void CiPollerTest::runChanges()
{
    auto state = std::make_shared<Switchable>();
    state->set(jenkinsJob({ "SUCCESS" }));
    m_server.setHandler(
        QStringLiteral("/job/changes/api/json"), [state](const LoopbackRequest &) { return state->get(); });
    const int id = m_poller->addWatch(QStringLiteral("/repo"), jenkins(QStringLiteral("changes")));
    QSignalSpy added(m_poller.get(), &CiPoller::runAdded);
    QSignalSpy changed(m_poller.get(), &CiPoller::runStatusChanged);
    QSignalSpy finished(m_poller.get(), &CiPoller::runFinished);
    QSignalSpy updated(m_poller.get(), &CiPoller::runsUpdated);

    QCOMPARE(round(), 1);
    QCOMPARE(added.count(), 0); // the first poll is the starting point
    QCOMPARE(updated.count(), 1);
    QCOMPARE(updated.first().at(0).toInt(), id);

    state->set(jenkinsJob({ "", "SUCCESS" }));
    m_now = m_now.addSecs(120);
    QCOMPARE(round(), 1);
    QCOMPARE(added.count(), 1);
    QCOMPARE(added.first().at(1).value<PipelineRun>().id, QStringLiteral("2"));

    state->set(jenkinsJob({ "FAILURE", "SUCCESS" }));
    m_now = m_now.addSecs(10);
    QCOMPARE(round(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(1).value<PipelineRun>().status, RunStatus::Failed);
    QCOMPARE(changed.first().at(2).value<RunStatus>(), RunStatus::Running);
    QCOMPARE(finished.count(), 1);

    // Unchanged (a 304): no per-run signal, the state is refreshed.
    m_now = m_now.addSecs(120);
    QCOMPARE(round(), 1);
    QCOMPARE(added.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_poller->state(id).updatedAt, m_now);
    QVERIFY(m_http->stats().notModified >= 1);
}

void CiPollerTest::jenkinsTransitions()
{
    auto state = std::make_shared<Switchable>();
    m_server.setHandler(
        QStringLiteral("/job/notify/api/json"), [state](const LoopbackRequest &) { return state->get(); });
    m_poller->addWatch(QStringLiteral("/repo"), jenkins(QStringLiteral("notify")));
    QSignalSpy transitions(m_poller.get(), &CiPoller::branchTransition);
    QStringList seen;
    connect(m_poller.get(), &CiPoller::branchTransition, this,
        [&seen](int, const PipelineRun &run, BranchTransition t) {
            seen << branchTransitionName(t) + QLatin1Char('#') + run.id;
        });

    const QList<QStringList> history {
        { "SUCCESS" }, // starting point: nothing
        { "", "SUCCESS" }, // #2 running
        { "FAILURE", "SUCCESS" }, // broken
        { "FAILURE", "FAILURE", "SUCCESS" }, // still broken
        { "FAILURE", "FAILURE", "SUCCESS" }, // unchanged: nothing
        { "", "FAILURE", "FAILURE", "SUCCESS" }, // #4 running
        { "SUCCESS", "FAILURE", "FAILURE", "SUCCESS" }, // fixed
        { "SUCCESS", "SUCCESS", "FAILURE", "FAILURE", "SUCCESS" }, // still passing: nothing
    };
    for (const QStringList &builds : history) {
        state->set(jenkinsJob(builds));
        m_now = m_poller->nextDueAt();
        QCOMPARE(round(), 1);
    }
    QCOMPARE(seen, (QStringList { "broken#2", "still_broken#3", "fixed#4" }));
    QCOMPARE(transitions.count(), 3);
}

void CiPollerTest::cctrayTransitions()
{
    auto state = std::make_shared<Switchable>();
    m_server.setHandler(
        QStringLiteral("/notify/cc.xml"), [state](const LoopbackRequest &) { return state->get(); });
    m_poller->addWatch(QStringLiteral("/repo"), cctray(QStringLiteral("/notify/cc.xml")));
    QStringList seen;
    connect(m_poller.get(), &CiPoller::branchTransition, this,
        [&seen](int, const PipelineRun &, BranchTransition t) { seen << branchTransitionName(t); });

    // A feed shows one run per project: the same run goes through building and back.
    const QList<LoopbackResponse> states { feedResponse("Sleeping", "Success", 1),
        feedResponse("Building", "Success", 1), feedResponse("Sleeping", "Failure", 2), // broken
        feedResponse("Building", "Failure", 2), feedResponse("Sleeping", "Failure", 3), // still broken
        feedResponse("Sleeping", "Failure", 3), // nothing new
        feedResponse("Building", "Failure", 3), feedResponse("Sleeping", "Exception", 4), // still broken
        feedResponse("Building", "Failure", 4), feedResponse("Sleeping", "Success", 5) }; // fixed
    for (const LoopbackResponse &response : states) {
        state->set(response);
        m_now = m_poller->nextDueAt();
        QCOMPARE(round(), 1);
    }
    QCOMPARE(seen, (QStringList { "broken", "still_broken", "still_broken", "fixed" }));
}

void CiPollerTest::serverErrorBacksOffAndKeepsLastState()
{
    auto state = std::make_shared<Switchable>();
    state->set(feedResponse("Sleeping", "Success", 1));
    m_server.setHandler(
        QStringLiteral("/flaky/cc.xml"), [state](const LoopbackRequest &) { return state->get(); });
    const int id = m_poller->addWatch(QStringLiteral("/repo"), cctray(QStringLiteral("/flaky/cc.xml")));
    QSignalSpy failed(m_poller.get(), &CiPoller::watchFailed);
    QCOMPARE(round(), 1);
    const QDateTime goodAt = m_now;

    LoopbackResponse error = LoopbackResponse::text("<html>Internal Server Error</html>", "text/html");
    error.status = 500;
    state->set(error);
    const QList<int> expectedBackoffS { 20, 40, 80, 160, 320, 600, 600 }; // fast × 2^n, capped
    for (int expected : expectedBackoffS) {
        m_now = m_poller->nextDueAt();
        QCOMPARE(round(), 1);
        const CiWatchState s = m_poller->state(id);
        QVERIFY(s.error.contains(QStringLiteral("500")));
        QCOMPARE(s.dueAt, m_now.addSecs(expected));
        QCOMPARE(s.runs.size(), 1); // the last known state stays
        QCOMPARE(s.updatedAt, goodAt); // … with its time
        QCOMPARE(CiPoller::ageText(s.updatedAt, m_now).isEmpty(), false);
    }
    QCOMPARE(failed.count(), expectedBackoffS.size());
    QCOMPARE(m_poller->state(id).failures, int(expectedBackoffS.size()));

    state->set(feedResponse("Sleeping", "Success", 2));
    m_now = m_poller->nextDueAt();
    QCOMPARE(round(), 1);
    QCOMPARE(m_poller->state(id).failures, 0);
    QVERIFY(m_poller->state(id).error.isEmpty());
    QCOMPARE(m_poller->state(id).dueAt, m_now.addSecs(120));
}

void CiPollerTest::hangingServerTimesOut()
{
    LoopbackResponse hang;
    hang.hang = true;
    m_server.setRoute(QStringLiteral("/hang/cc.xml"), hang);
    const int id = m_poller->addWatch(QStringLiteral("/repo"), cctray(QStringLiteral("/hang/cc.xml"), 400));
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(round(), 1);
    QVERIFY(timer.elapsed() >= 350);
    QVERIFY(timer.elapsed() < 10000);
    const CiWatchState s = m_poller->state(id);
    QVERIFY2(!s.error.isEmpty(), "a hanging server is an error");
    QCOMPARE(s.failures, 1);
    QVERIFY(!s.updatedAt.isValid());
    QCOMPARE(s.dueAt, m_now.addSecs(20));
    QCOMPARE(CiPoller::ageText(s.updatedAt, m_now), QStringLiteral("never updated"));
}

void CiPollerTest::retryAfterIsHonoured()
{
    // The first request is refused with 429 Retry-After: 1; the client waits and retries.
    auto calls = std::make_shared<std::atomic_int>(0);
    m_server.setHandler(QStringLiteral("/limited/cc.xml"), [calls](const LoopbackRequest &) {
        if (calls->fetch_add(1) == 0) {
            LoopbackResponse r = LoopbackResponse::text("slow down", "text/plain");
            r.status = 429;
            return r.withHeader("Retry-After", "1");
        }
        return feedResponse("Sleeping", "Success", 1);
    });
    const int id = m_poller->addWatch(QStringLiteral("/repo"), cctray(QStringLiteral("/limited/cc.xml")));
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(round(), 1);
    QVERIFY2(timer.elapsed() >= 900, qPrintable(QString::number(timer.elapsed())));
    QVERIFY2(m_poller->state(id).error.isEmpty(), qPrintable(m_poller->state(id).error));
    QCOMPARE(m_poller->state(id).runs.size(), 1);
    QCOMPARE(calls->load(), 2);
    QCOMPARE(m_http->stats().rateLimited, 1);
    QCOMPARE(m_http->stats().retries, 1);
}

void CiPollerTest::rateLimitPausesPolling()
{
    // A wait longer than the client's patience fails the poll; the poller then
    // asks nothing until the limit is over.
    m_http->setMaxRateLimitWaitMs(0);
    LoopbackResponse limited = LoopbackResponse::text("rate limited", "text/plain");
    limited.status = 429;
    limited.withHeader("Retry-After", "300");
    m_server.setRoute(QStringLiteral("/quota/cc.xml"), limited);
    m_server.setRoute(QStringLiteral("/other/cc.xml"), feedResponse("Building", "Success", 1));
    const int limitedId
        = m_poller->addWatch(QStringLiteral("/repo"), cctray(QStringLiteral("/quota/cc.xml")));
    m_poller->addWatch(QStringLiteral("/repo2"), cctray(QStringLiteral("/other/cc.xml")));
    QCOMPARE(round(), 2);
    QVERIFY(m_http->rateLimitedUntil().isValid());
    QVERIFY2(m_poller->state(limitedId).error.contains(QStringLiteral("rate limited")),
        qPrintable(m_poller->state(limitedId).error));
    // Both are held back ~300 s, even the running one that would be polled after 10 s.
    QVERIFY(m_poller->nextDueAt() >= m_now.addSecs(290));
    m_server.clearRequests();
    m_now = m_now.addSecs(11);
    QCOMPARE(round(), 0);
    QCOMPARE(m_server.requestCount(), 0);
}

void CiPollerTest::offlinePauses()
{
    m_server.setRoute(QStringLiteral("/offline/cc.xml"), feedResponse("Sleeping", "Success", 1));
    m_poller->addWatch(QStringLiteral("/repo"), cctray(QStringLiteral("/offline/cc.xml")));
    QSignalSpy offline(m_poller.get(), &CiPoller::offlineChanged);
    m_poller->setOffline(true);
    QCOMPARE(offline.count(), 1);
    QCOMPARE(round(), 0);
    m_now = m_now.addSecs(3600);
    QCOMPARE(round(), 0);
    QCOMPARE(m_server.requestCount(QStringLiteral("/offline/cc.xml")), 0);

    // Back online while started: everything is polled at once.
    m_poller->start(); // offline: start polls nothing
    QSignalSpy finished(m_poller.get(), &CiPoller::roundFinished);
    m_poller->setOffline(false);
    QVERIFY(finished.wait(5000));
    QCOMPARE(m_server.requestCount(QStringLiteral("/offline/cc.xml")), 1);
    m_poller->stop();
}

void CiPollerTest::ageText_data()
{
    QTest::addColumn<int>("seconds");
    QTest::addColumn<QString>("expected");
    QTest::newRow("now") << 0 << "updated just now";
    QTest::newRow("59 s") << 59 << "updated just now";
    QTest::newRow("5 min") << 5 * 60 + 30 << "updated 5 min ago";
    QTest::newRow("2 h") << 2 * 3600 + 100 << "updated 2 h ago";
    QTest::newRow("3 d") << 3 * 86400 << "updated 3 d ago";
    QTest::newRow("clock skew") << -30 << "updated just now";
}

void CiPollerTest::ageText()
{
    QFETCH(int, seconds);
    QFETCH(QString, expected);
    const QDateTime now(QDate(2024, 3, 1), QTime(12, 0), Qt::UTC);
    QCOMPARE(CiPoller::ageText(now.addSecs(-seconds), now), expected);
}

void CiPollerTest::timerFollowsTheSchedule()
{
    // Real time, tiny intervals: the timer polls a running project every 50 ms.
    m_poller->setClock([] { return QDateTime::currentDateTimeUtc(); });
    m_poller->setIntervals({ 50, 5000, 1000 });
    m_server.setRoute(QStringLiteral("/timer/cc.xml"), feedResponse("Building", "Success", 1));
    const int id = m_poller->addWatch(QStringLiteral("/repo"), cctray(QStringLiteral("/timer/cc.xml")));
    QSignalSpy updated(m_poller.get(), &CiPoller::runsUpdated);
    m_poller->start();
    QVERIFY(m_poller->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(updated.count() >= 4, 5000);
    m_poller->stop();
    const int after = m_server.requestCount(QStringLiteral("/timer/cc.xml"));
    QTest::qWait(300);
    QCOMPARE(m_server.requestCount(QStringLiteral("/timer/cc.xml")), after); // stopped means stopped
    QVERIFY(m_poller->state(id).updatedAt.isValid());
}

void CiPollerTest::immediateAnswersEndTheRoundOnce()
{
    // A provider without an HTTP client fails at once, inside tick(); the round
    // still ends once, after the other watch answered over the network.
    m_server.setRoute(QStringLiteral("/once/cc.xml"), feedResponse("Sleeping", "Success", 1));
    const int broken = m_poller->addWatch(QStringLiteral("/repo"),
        std::make_shared<JenkinsProvider>(nullptr,
            JenkinsSettings { QStringLiteral("http://127.0.0.1:1"), QStringLiteral("x"), {}, {}, {}, 1000 }));
    const int good = m_poller->addWatch(QStringLiteral("/repo"), cctray(QStringLiteral("/once/cc.xml")));
    QSignalSpy finished(m_poller.get(), &CiPoller::roundFinished);
    QCOMPARE(m_poller->tick(), 2);
    QCOMPARE(finished.count(), 0);
    QVERIFY(finished.wait(5000));
    QTest::qWait(50);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(m_poller->state(broken).failures, 1);
    QCOMPARE(m_poller->state(good).runs.size(), 1);

    // Only the failing one due: the round ends inside tick(), and is reported.
    m_now = m_poller->state(broken).dueAt;
    QCOMPARE(m_poller->tick(), 1);
    QCOMPARE(finished.count(), 2);
}

void CiPollerTest::removingAWatchWhilePolling()
{
    LoopbackResponse slow = feedResponse("Sleeping", "Success", 1);
    slow.delayMs = 300;
    m_server.setRoute(QStringLiteral("/slow/cc.xml"), slow);
    const int id = m_poller->addWatch(QStringLiteral("/repo"), cctray(QStringLiteral("/slow/cc.xml")));
    QSignalSpy finished(m_poller.get(), &CiPoller::roundFinished);
    QSignalSpy updated(m_poller.get(), &CiPoller::runsUpdated);
    QCOMPARE(m_poller->tick(), 1);
    QVERIFY(m_poller->isPolling());
    m_poller->removeWatch(id);
    QCOMPARE(finished.count(), 1); // the round is over: nothing left to wait for
    QVERIFY(!m_poller->isPolling());
    QTest::qWait(600);
    QCOMPARE(updated.count(), 0); // the late answer is dropped
    QCOMPARE(finished.count(), 1);
    QVERIFY(m_poller->watchIds().isEmpty());
}

QTEST_GUILESS_MAIN(CiPollerTest)
#include "tst_cipoller.moc"

// cctray feeds: feeds as CruiseControl and Jenkins write them (tests/data/cctray), the
// timestamps servers really send, documents that try entity tricks (XXE, billion laughs),
// and CctrayProvider over real HTTP on a loopback server (304s, basic auth, 401,
// 500, a hanging server) with a password that never shows up in an error.

#include "LoopbackHttpServer.h"
#include "TestData.h"
#include "ci/CctrayFeed.h"
#include "ci/CctrayProvider.h"
#include "ci/CiProviderRegistry.h"
#include "ci/HttpClient.h"
#include "ci/HttpResponse.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash;
using namespace devdash::ci;
using devdash::test::LoopbackHttpServer;
using devdash::test::LoopbackResponse;

namespace {

// A feed of tests/data/cctray; a missing one fails the test, naming it.
QByteArray fixture(const QString &name)
{
    return devdash::test::readTestData(QStringLiteral("cctray/") + name);
}

QDateTime utc(int y, int mo, int d, int h, int mi, int s, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
}

Result<QList<PipelineRun>> listRuns(CiProvider &provider, const RunQuery &query = {})
{
    return waitForResult<QList<PipelineRun>>([&](CiCallback<QList<PipelineRun>> done) {
        provider.listRuns(query, CancelToken(), std::move(done));
    });
}

const QByteArray kSecret = "s3cr3t-cctray-pass";

} // namespace

class CctrayProviderTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cruiseControlFeed();
    void jenkinsFeed();
    void otherStatuses();
    void timestamps_data();
    void timestamps();
    void statuses_data();
    void statuses();
    void refusesEntities_data();
    void refusesEntities();
    void notAFeed_data();
    void notAFeed();
    void providerOverHttp();
    void basicAuthAndSecretNeverInErrors();
    void serverErrorAndHang();
    void registryCreatesBoth();

private:
    QTemporaryDir m_tmp;
    LoopbackHttpServer m_server;
};

void CctrayProviderTest::initTestCase()
{
    DEVDASH_REQUIRE_TEST_DATA(QStringLiteral("cctray/cruisecontrol.xml"),
        QStringLiteral("cctray/jenkins-cc.xml"), QStringLiteral("cctray/statuses.xml"));
    QVERIFY(m_tmp.isValid());
    QVERIFY(m_server.start());
}

void CctrayProviderTest::cruiseControlFeed()
{
    auto projects = CctrayFeed::parse(fixture(QStringLiteral("cruisecontrol.xml")));
    QVERIFY2(projects, qPrintable(projects.errorMessage()));
    QCOMPARE(projects->size(), 4); // <random stuff/> is not a project
    QCOMPARE(projects->at(0).name, QStringLiteral("web-app"));
    QCOMPARE(projects->at(0).lastBuildTime, utc(2021, 3, 4, 8, 15, 30));
    QCOMPARE(projects->at(2).lastBuildLabel, QStringLiteral("311.9f3c2a7be41d05c68e2b1a7d4c3f09e8b6a1d2c4"));

    const QString feed = QStringLiteral("https://ci.example/cc.xml");
    QList<RunStatus> statuses;
    for (const CctrayProject &p : *projects)
        statuses << CctrayFeed::toRun(p, feed).status;
    QCOMPARE(statuses,
        (QList<RunStatus> { RunStatus::Success, RunStatus::Running, RunStatus::Failed, RunStatus::Running }));
    const PipelineRun failed = CctrayFeed::toRun(projects->at(2), feed);
    QCOMPARE(failed.commit, QStringLiteral("9f3c2a7be41d05c68e2b1a7d4c3f09e8b6a1d2c4"));
    QCOMPARE(failed.provider, QStringLiteral("cctray"));
    QCOMPARE(failed.project, feed);
    QCOMPARE(failed.id, QStringLiteral("billing-worker"));
    QCOMPARE(failed.startedAt, utc(2021, 3, 4, 8, 15, 30));
    QVERIFY(CctrayFeed::toRun(projects->at(0), feed).commit.isEmpty()); // "1207" is not a commit
    QVERIFY(!CctrayFeed::toRun(projects->at(1), feed).startedAt.isValid()); // building: start unknown
}

void CctrayProviderTest::jenkinsFeed()
{
    auto projects = CctrayFeed::parse(fixture(QStringLiteral("jenkins-cc.xml")));
    QVERIFY2(projects, qPrintable(projects.errorMessage()));
    QCOMPARE(projects->size(), 3);
    QCOMPARE(
        projects->at(1).webUrl, QStringLiteral("https://jenkins.example/view/Payments/job/payments-ui/"));
    QCOMPARE(projects->at(2).lastBuildTime, utc(2022, 6, 21, 14, 20, 5));
    QCOMPARE(CctrayFeed::status(projects->at(2)), RunStatus::Success);
}

void CctrayProviderTest::otherStatuses()
{
    auto projects = CctrayFeed::parse(fixture(QStringLiteral("statuses.xml")));
    QVERIFY2(projects, qPrintable(projects.errorMessage()));
    QCOMPARE(projects->size(), 3);
    QCOMPARE(CctrayFeed::status(projects->at(0)), RunStatus::Failed); // Exception
    QCOMPARE(projects->at(0).lastBuildTime, utc(2021, 3, 4, 8, 15, 30));
    QCOMPARE(CctrayFeed::status(projects->at(1)), RunStatus::Skipped); // Unknown: never built
    QVERIFY(!projects->at(1).lastBuildTime.isValid());
    QVERIFY(projects->at(1).lastBuildLabel.isEmpty());
    QCOMPARE(CctrayFeed::status(projects->at(2)), RunStatus::Success); // checking, not building
    QCOMPARE(projects->at(2).lastBuildTime, utc(2021, 3, 4, 8, 15, 30, 250));
}

void CctrayProviderTest::timestamps_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");
    QTest::newRow("Z") << "2015-12-09T10:31:10Z" << utc(2015, 12, 9, 10, 31, 10);
    QTest::newRow("no zone is UTC") << "2015-12-09T10:31:10" << utc(2015, 12, 9, 10, 31, 10);
    QTest::newRow("offset with colon") << "2015-12-09T12:31:10+02:00" << utc(2015, 12, 9, 10, 31, 10);
    QTest::newRow("+0000") << "2015-12-09T10:31:10+0000" << utc(2015, 12, 9, 10, 31, 10);
    QTest::newRow("negative offset") << "2015-12-09T05:31:10-0500" << utc(2015, 12, 9, 10, 31, 10);
    QTest::newRow("hours-only offset") << "2015-12-09T11:31:10+01" << utc(2015, 12, 9, 10, 31, 10);
    QTest::newRow("milliseconds") << "2015-12-09T10:31:10.123Z" << utc(2015, 12, 9, 10, 31, 10, 123);
    QTest::newRow("one fraction digit") << "2015-12-09T10:31:10.5Z" << utc(2015, 12, 9, 10, 31, 10, 500);
    QTest::newRow("seven fraction digits (.NET)")
        << "2015-12-09T10:31:10.1234567+00:00" << utc(2015, 12, 9, 10, 31, 10, 123);
    QTest::newRow("space instead of T") << "2015-12-09 10:31:10" << utc(2015, 12, 9, 10, 31, 10);
    QTest::newRow("no seconds") << "2015-12-09T10:31Z" << utc(2015, 12, 9, 10, 31, 0);
    QTest::newRow("lowercase z, padded") << "  2015-12-09t10:31:10z " << utc(2015, 12, 9, 10, 31, 10);
    QTest::newRow("garbage") << "yesterday" << QDateTime();
    QTest::newRow("empty") << "" << QDateTime();
    QTest::newRow("month 13") << "2015-13-09T10:31:10Z" << QDateTime();
    QTest::newRow("hour 25") << "2015-12-09T25:31:10Z" << QDateTime();
    QTest::newRow("offset +25:00") << "2015-12-09T10:31:10+25:00" << QDateTime();
    QTest::newRow("epoch millis") << "1449657070000" << QDateTime();
}

void CctrayProviderTest::timestamps()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    const QDateTime parsed = CctrayFeed::parseTime(text);
    QCOMPARE(parsed.isValid(), expected.isValid());
    if (expected.isValid()) {
        QCOMPARE(parsed, expected);
        QCOMPARE(parsed.timeSpec(), Qt::UTC);
    }
    // In a feed: an unreadable time is unknown, the project is still there.
    const QByteArray xml = "<Projects><Project name=\"p\" activity=\"Sleeping\" lastBuildStatus=\"Success\" "
                           "lastBuildTime=\""
        + text.toUtf8() + "\"/></Projects>";
    auto projects = CctrayFeed::parse(xml);
    QVERIFY2(projects, qPrintable(projects.errorMessage()));
    QCOMPARE(projects->size(), 1);
    QCOMPARE(projects->first().lastBuildTime.isValid(), expected.isValid());
}

void CctrayProviderTest::statuses_data()
{
    QTest::addColumn<QString>("activity");
    QTest::addColumn<QString>("lastBuildStatus");
    QTest::addColumn<RunStatus>("expected");
    QTest::newRow("sleeping success") << "Sleeping"
                                      << "Success" << RunStatus::Success;
    QTest::newRow("sleeping failure") << "Sleeping"
                                      << "Failure" << RunStatus::Failed;
    QTest::newRow("exception") << "Sleeping"
                               << "Exception" << RunStatus::Failed;
    QTest::newRow("unknown: never built") << "Sleeping"
                                          << "Unknown" << RunStatus::Skipped;
    QTest::newRow("building after success") << "Building"
                                            << "Success" << RunStatus::Running;
    QTest::newRow("building after failure") << "Building"
                                            << "Failure" << RunStatus::Running;
    QTest::newRow("checking modifications") << "CheckingModifications"
                                            << "Failure" << RunStatus::Failed;
    QTest::newRow("pending (Buildkite)") << "Pending"
                                         << "Success" << RunStatus::Queued;
    QTest::newRow("missing attributes") << ""
                                        << "" << RunStatus::Skipped;
}

void CctrayProviderTest::statuses()
{
    QFETCH(QString, activity);
    QFETCH(QString, lastBuildStatus);
    QFETCH(RunStatus, expected);
    CctrayProject project;
    project.name = QStringLiteral("p");
    project.activity = activity;
    project.lastBuildStatus = lastBuildStatus;
    QCOMPARE(CctrayFeed::status(project), expected);
}

void CctrayProviderTest::refusesEntities_data()
{
    // A file whose content must never reach a parsed value.
    const QString secretFile = m_tmp.filePath(QStringLiteral("secret.txt"));
    QFile f(secretFile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("TOP-SECRET-CONTENT");
    f.close();

    QTest::addColumn<QByteArray>("xml");
    QTest::newRow("XXE file") << QByteArray(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE Projects [<!ENTITY xxe SYSTEM \"file://" + secretFile.toUtf8()
        + "\">]>\n<Projects><Project name=\"&xxe;\" activity=\"Sleeping\" "
          "lastBuildStatus=\"Success\"/></Projects>");
    QTest::newRow("XXE over http") << QByteArray("<!DOCTYPE Projects [<!ENTITY xxe SYSTEM \""
        + m_server.url(QStringLiteral("/leak")).toEncoded()
        + "\">]><Projects><Project name=\"x\" webUrl=\"&xxe;\"/></Projects>");
    QTest::newRow("billion laughs") << QByteArray(
        "<!DOCTYPE Projects [<!ENTITY a \"TOP-SECRET-CONTENT\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
        "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>"
        "<Projects><Project name=\"&d;\"/></Projects>");
    QTest::newRow("external DTD") << QByteArray("<!DOCTYPE Projects SYSTEM \"file://" + secretFile.toUtf8()
        + "\"><Projects><Project name=\"x\"/></Projects>");
}

void CctrayProviderTest::refusesEntities()
{
    QFETCH(QByteArray, xml);
    m_server.clearRequests();
    auto projects = CctrayFeed::parse(xml, QStringLiteral("https://ci.example/cc.xml"));
    QVERIFY(!projects);
    QVERIFY2(projects.errorMessage().contains(QStringLiteral("DTD")), qPrintable(projects.errorMessage()));
    QVERIFY(!projects.errorMessage().contains(QStringLiteral("TOP-SECRET")));
    QCOMPARE(m_server.requestCount(), 0); // nothing was fetched for an entity
}

void CctrayProviderTest::notAFeed_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("HTML login page") << QByteArray("<html><body>Login</body></html>") << "<Projects>";
    QTest::newRow("truncated") << QByteArray("<Projects><Project name=\"a\"") << "not well-formed";
    QTest::newRow("JSON") << QByteArray("{\"projects\": []}") << "not well-formed";
    QTest::newRow("empty") << QByteArray() << "empty";
    QTest::newRow("undeclared entity")
        << QByteArray("<Projects><Project name=\"&nope;\"/></Projects>") << "not well-formed";
}

void CctrayProviderTest::notAFeed()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, mentions);
    auto projects = CctrayFeed::parse(body, QStringLiteral("https://ci.example/cc.xml"));
    QVERIFY(!projects);
    QVERIFY2(projects.errorMessage().contains(mentions), qPrintable(projects.errorMessage()));
    QVERIFY(projects.errorMessage().contains(QStringLiteral("https://ci.example/cc.xml")));
}

void CctrayProviderTest::providerOverHttp()
{
    LoopbackResponse feed
        = LoopbackResponse::text(fixture(QStringLiteral("cruisecontrol.xml")), "application/xml");
    feed.etag = "\"feed-v1\"";
    m_server.setRoute(QStringLiteral("/cc.xml"), feed);
    m_server.clearRequests();

    HttpClient http(nullptr, m_tmp.filePath(QStringLiteral("cache-http")));
    const QString feedUrl = m_server.url(QStringLiteral("/cc.xml")).toString();
    CctrayProvider provider(&http, CctraySettings { feedUrl, {}, {}, {}, 5000, {} });
    QCOMPARE(provider.name(), QStringLiteral("cctray"));
    QCOMPARE(provider.project(), feedUrl);

    auto runs = listRuns(provider);
    QVERIFY2(runs, qPrintable(runs.errorMessage()));
    QCOMPARE(runs->size(), 4);
    QCOMPARE(runs->at(2).project, feedUrl);
    QCOMPARE(m_server.responsesWithStatus(304), 0);
    // Unchanged: a conditional request answered 304, the same runs from the cache.
    auto again = listRuns(provider);
    QVERIFY2(again, qPrintable(again.errorMessage()));
    QCOMPARE(again->size(), 4);
    QCOMPARE(m_server.requests(QStringLiteral("/cc.xml")).last().header("If-None-Match"),
        QByteArray("\"feed-v1\""));
    QCOMPARE(http.stats().notModified, 1);

    // Filters: by name, by a commit found in a label, a limit.
    auto byName = listRuns(provider, RunQuery { QStringLiteral("docs-site"), {}, 0 });
    QVERIFY(byName);
    QCOMPARE(byName->size(), 1);
    auto byCommit
        = listRuns(provider, RunQuery { {}, QStringLiteral("9F3C2A7BE41D05C68E2B1A7D4C3F09E8B6A1D2C4"), 0 });
    QVERIFY(byCommit);
    QCOMPARE(byCommit->size(), 1);
    QCOMPARE(byCommit->first().name, QStringLiteral("billing-worker"));
    auto limited = listRuns(provider, RunQuery { {}, {}, 2 });
    QVERIFY(limited);
    QCOMPARE(limited->size(), 2);

    // One run with its one stage; a name not in the feed is a 404 that says so.
    auto run = waitForResult<PipelineRun>([&](CiCallback<PipelineRun> done) {
        provider.fetchRun(QStringLiteral("api-server"), CancelToken(), std::move(done));
    });
    QVERIFY2(run, qPrintable(run.errorMessage()));
    QCOMPARE(run->stages.size(), 1);
    QCOMPARE(run->stages.first().jobs.first().status, RunStatus::Running);
    auto missing = waitForResult<PipelineRun>([&](CiCallback<PipelineRun> done) {
        provider.fetchRun(QStringLiteral("no-such"), CancelToken(), std::move(done));
    });
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, 404);
    auto log = waitForResult<QString>([&](CiCallback<QString> done) {
        provider.fetchJobLog(*run, run->id, CancelToken(), std::move(done));
    });
    QVERIFY(!log);
    QVERIFY(log.errorMessage().contains(QStringLiteral("no logs")));

    auto statuses
        = waitForResult<QHash<QString, CommitStatus>>([&](CiCallback<QHash<QString, CommitStatus>> done) {
              provider.commitStatuses({ QStringLiteral("9f3c2a7be41d05c68e2b1a7d4c3f09e8b6a1d2c4"),
                                          QStringLiteral("0000000000000000000000000000000000000000") },
                  CancelToken(), std::move(done));
          });
    QVERIFY(statuses);
    QCOMPARE(statuses->size(), 1);
    QCOMPARE(statuses->value(QStringLiteral("9f3c2a7be41d05c68e2b1a7d4c3f09e8b6a1d2c4")).status,
        RunStatus::Failed);
}

void CctrayProviderTest::basicAuthAndSecretNeverInErrors()
{
    const QByteArray expected = "Basic " + QByteArray("ann:" + kSecret).toBase64();
    m_server.setHandler(
        QStringLiteral("/private/cc.xml"), [expected](const devdash::test::LoopbackRequest &request) {
            if (request.header("Authorization") != expected)
                return LoopbackResponse::text("<html>Unauthorized</html>", "text/html")
                    .withHeader("WWW-Authenticate", "Basic");
            return LoopbackResponse::text(fixture(QStringLiteral("jenkins-cc.xml")), "application/xml");
        });
    HttpClient http(nullptr, m_tmp.filePath(QStringLiteral("cache-auth")));
    const QString feedUrl = m_server.url(QStringLiteral("/private/cc.xml")).toString();

    CctrayProvider good(
        &http, CctraySettings { feedUrl, QStringLiteral("ann"), QString::fromUtf8(kSecret), {}, 5000, {} });
    auto runs = listRuns(good);
    QVERIFY2(runs, qPrintable(runs.errorMessage()));
    QCOMPARE(runs->size(), 3);
    QCOMPARE(m_server.requests(QStringLiteral("/private/cc.xml")).last().header("Authorization"), expected);

    // A 200 with an HTML login page (what servers do without auth) is refused as "not a feed".
    CctrayProvider anonymous(&http, CctraySettings { feedUrl, {}, {}, {}, 5000, {} });
    auto refused = listRuns(anonymous);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, HttpMalformed);

    LoopbackResponse unauthorized = LoopbackResponse::text("Unauthorized", "text/plain");
    unauthorized.status = 401;
    m_server.setRoute(QStringLiteral("/denied/cc.xml"), unauthorized);
    CctrayProvider wrong(&http,
        CctraySettings { m_server.url(QStringLiteral("/denied/cc.xml")).toString(), QStringLiteral("ann"),
            QString::fromUtf8(kSecret), {}, 5000, {} });
    auto denied = listRuns(wrong);
    QVERIFY(!denied);
    QCOMPARE(denied.error().code, 401);
    QVERIFY2(denied.errorMessage().contains(QStringLiteral("DEVDASH_CCTRAY_USER")),
        qPrintable(denied.errorMessage()));
    QVERIFY(!denied.errorMessage().contains(QString::fromUtf8(kSecret)));
    QVERIFY(!denied.errorMessage().contains(QString::fromLatin1(QByteArray("ann:" + kSecret).toBase64())));
}

void CctrayProviderTest::serverErrorAndHang()
{
    LoopbackResponse error = LoopbackResponse::text("<html>oops</html>", "text/html");
    error.status = 500;
    m_server.setRoute(QStringLiteral("/broken/cc.xml"), error);
    LoopbackResponse hang;
    hang.hang = true;
    m_server.setRoute(QStringLiteral("/hang/cc.xml"), hang);
    HttpClient http(nullptr, m_tmp.filePath(QStringLiteral("cache-errors")));

    CctrayProvider broken(&http,
        CctraySettings { m_server.url(QStringLiteral("/broken/cc.xml")).toString(), QStringLiteral("ann"),
            QString::fromUtf8(kSecret), {}, 5000, {} });
    auto failed = listRuns(broken);
    QVERIFY(!failed);
    QCOMPARE(failed.error().code, 500);
    QVERIFY(!failed.errorMessage().contains(QString::fromUtf8(kSecret)));

    CctrayProvider hanging(&http,
        CctraySettings { m_server.url(QStringLiteral("/hang/cc.xml")).toString(), QStringLiteral("ann"),
            QString::fromUtf8(kSecret), {}, 400, {} });
    QElapsedTimer timer;
    timer.start();
    auto timedOut = listRuns(hanging);
    QVERIFY(!timedOut);
    QCOMPARE(timedOut.error().code, HttpTimedOut);
    QVERIFY(timer.elapsed() >= 350);
    QVERIFY(timer.elapsed() < 10000);
    QVERIFY(!timedOut.errorMessage().contains(QString::fromUtf8(kSecret)));
}

void CctrayProviderTest::registryCreatesBoth()
{
    m_server.setRoute(QStringLiteral("/registry/cc.xml"),
        LoopbackResponse::text(fixture(QStringLiteral("cruisecontrol.xml")), "application/xml"));
    HttpClient http(nullptr, m_tmp.filePath(QStringLiteral("cache-registry")));
    QObject owner;

    // cctray: api_url is the feed; `project`, when given, keeps one project of it.
    CiSource source;
    source.provider = QStringLiteral("cctray");
    source.apiUrl = m_server.url(QStringLiteral("/registry/cc.xml")).toString();
    source.project = QStringLiteral("docs-site");
    auto cctray = CiProviderRegistry::create(&http, source, CiCredential {}, &owner);
    QVERIFY2(cctray, qPrintable(cctray.errorMessage()));
    QCOMPARE((*cctray)->name(), QStringLiteral("cctray"));
    auto runs = listRuns(**cctray);
    QVERIFY2(runs, qPrintable(runs.errorMessage()));
    QCOMPARE(runs->size(), 1);
    QCOMPARE(runs->first().status, RunStatus::Running);
    source.project.clear();
    auto all = CiProviderRegistry::create(&http, source, CiCredential {}, &owner);
    QVERIFY(all);
    QCOMPARE(listRuns(**all)->size(), 4);

    // jenkins: the server URL and a job path are required.
    CiSource jenkins;
    jenkins.provider = QStringLiteral("jenkins");
    jenkins.project = QStringLiteral("team/app");
    auto noUrl = CiProviderRegistry::create(&http, jenkins, CiCredential {}, &owner);
    QVERIFY(!noUrl);
    QVERIFY2(noUrl.errorMessage().contains(QStringLiteral("Jenkins server URL")),
        qPrintable(noUrl.errorMessage()));
    jenkins.apiUrl = m_server.url(QStringLiteral("/")).toString();
    auto created = CiProviderRegistry::create(
        &http, jenkins, CiCredential { QStringLiteral("ann"), QStringLiteral("t"), {} }, &owner);
    QVERIFY2(created, qPrintable(created.errorMessage()));
    QCOMPARE((*created)->name(), QStringLiteral("jenkins"));
    QCOMPARE((*created)->project(), QStringLiteral("team/app"));
    QVERIFY((*created)->providesTestReports());
}

QTEST_GUILESS_MAIN(CctrayProviderTest)
#include "tst_cctrayprovider.moc"

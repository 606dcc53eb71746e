// Test reports of GitHub Actions runs from their artifacts, end to end: a loopback
// "api" server serves GitHub's artifact listing (two pages, ETags) and answers the
// zip download with a 302 to a second loopback server on another port (the blob
// storage), which serves real zips built here with libzip around JUnit reports
// (the samples of tests/data/junit). The run lands in a real SQLite test store through
// CiTestReports::fetchAndImport, as the window does it. Also: hostile and corrupt
// archives, expired artifacts, the "test_artifacts" option.

#include "LoopbackHttpServer.h"
#include "TestData.h"
#include "TestZip.h"
#include "ci/ArtifactReports.h"
#include "ci/CiConfig.h"
#include "ci/CiProviderRegistry.h"
#include "ci/CiTestReports.h"
#include "ci/GitHubArtifacts.h"
#include "ci/HttpClient.h"
#include "ci/ZipArchive.h"
#include "store/Database.h"
#include "testresults/ReportParser.h"
#include "testresults/TestRunStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash;
using namespace devdash::ci;
using namespace devdash::testresults;
using devdash::test::LoopbackHttpServer;
using devdash::test::LoopbackRequest;
using devdash::test::LoopbackResponse;

namespace {

const QByteArray Token = "ghp_artifactSECRET0123456789";
const QByteArray BlobSignature = "sv=2023&sig=BLOBSIGNATURE0123";
const QString Project = QStringLiteral("acme/rocket");
const QString Commit = QStringLiteral("1df83a15207dd6f668f5be89d42786ad42df498b");
const QString RepoKey = QStringLiteral("/work/rocket");

// A report sample of tests/data/junit; a missing one fails the test, naming it.
QByteArray junitFixture(const QString &name)
{
    return devdash::test::readTestData(QStringLiteral("junit/") + name);
}

// Reports in a nested folder, a non-report file and an XML that is no report.
QByteArray goodZip()
{
    return devdash::test::makeZip({ { QStringLiteral("reports/"), {} },
        { QStringLiteral("reports/jest/"), {} },
        { QStringLiteral("reports/jest/junit.xml"), junitFixture(QStringLiteral("jest-junit.xml")) },
        { QStringLiteral("reports/TEST-com.acme.PaymentGatewayTest.xml"),
            junitFixture(QStringLiteral("surefire-always-fails.xml")) },
        { QStringLiteral("README.txt"), QByteArray("uploaded by actions/upload-artifact\n") },
        { QStringLiteral("coverage/cobertura.xml"),
            QByteArray("<?xml version=\"1.0\"?>\n<coverage line-rate=\"0.5\"><packages/></coverage>\n") } });
}

QByteArray secondZip()
{
    return devdash::test::makeZip(
        { { QStringLiteral("pytest.xml"), junitFixture(QStringLiteral("pytest-xunit1.xml")) } });
}

// GitHub's "List workflow run artifacts" object (docs.github.com/rest/actions/artifacts).
QJsonObject artifact(qint64 id, const QString &name, qint64 size, bool expired, qint64 runId,
    const QByteArray &zipForDigest = {})
{
    const QString api
        = QStringLiteral("https://api.github.com/repos/acme/rocket/actions/artifacts/%1").arg(id);
    QJsonObject o { { "id", id }, { "node_id", "MDg6QXJ0aWZhY3QxMQ==" }, { "name", name },
        { "size_in_bytes", size }, { "url", api },
        { "archive_download_url", QString(api + QStringLiteral("/zip")) }, { "expired", expired },
        { "created_at", "2026-11-20T14:15:22Z" }, { "expires_at", "2027-02-18T14:15:22Z" },
        { "updated_at", "2026-11-20T14:15:22Z" },
        { "workflow_run",
            QJsonObject { { "id", runId }, { "repository_id", 42 }, { "head_repository_id", 42 },
                { "head_branch", "main" }, { "head_sha", Commit } } } };
    if (!zipForDigest.isEmpty()) // newer artifacts carry the zip's digest
        o.insert("digest",
            QString::fromLatin1(
                "sha256:" + QCryptographicHash::hash(zipForDigest, QCryptographicHash::Sha256).toHex()));
    return o;
}

QByteArray listing(const QJsonArray &artifacts, int total)
{
    return QJsonDocument(QJsonObject { { "total_count", total }, { "artifacts", artifacts } })
        .toJson(QJsonDocument::Compact);
}

PipelineRun githubRun(const QString &id)
{
    PipelineRun run;
    run.provider = QStringLiteral("github");
    run.project = Project;
    run.id = id;
    run.name = QStringLiteral("Build and test");
    run.branch = QStringLiteral("main");
    run.commit = Commit;
    run.status = RunStatus::Failed;
    run.startedAt = QDateTime(QDate(2026, 11, 20), QTime(14, 0), Qt::UTC);
    run.finishedAt = run.startedAt.addSecs(300);
    return run;
}

using Outcome = Result<std::optional<ImportedRun>>;

} // namespace

class TestGitHubArtifacts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        DEVDASH_REQUIRE_TEST_DATA(QStringLiteral("junit/jest-junit.xml"),
            QStringLiteral("junit/surefire-always-fails.xml"), QStringLiteral("junit/pytest-xunit1.xml"));
    }
    void init();
    void cleanup();

    void choosesArtifactsByName_data();
    void choosesArtifactsByName();
    void importsTheRunsReports();
    void testArtifactsOptionNamesTheArtifacts();
    void refusesHostileOrCorruptArchives_data();
    void refusesHostileOrCorruptArchives();
    void zipLimits();
    void expiredArtifactsAreNotDownloaded();
    void configOption();

private:
    QString api(const QString &path) const { return QStringLiteral("/api/v3/repos/acme/rocket") + path; }
    // The zip of artifact `id` behind a 302 to the blob server.
    void serveArtifact(qint64 id, const QByteArray &zip);
    void serveListing(qint64 runId, const QByteArray &page1, const QByteArray &page2 = {});
    void makeProvider(const QStringList &testArtifacts = {});
    Outcome fetch(const PipelineRun &run);
    QList<RunSummary> storedRuns();
    void verifyNoSecretLeft(const QString &text);

    QTemporaryDir m_tmp;
    std::unique_ptr<LoopbackHttpServer> m_api;
    std::unique_ptr<LoopbackHttpServer> m_blobs;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<CiProvider> m_provider;
    std::optional<store::StoreLocation> m_store;
    int m_case = 0;
};

void TestGitHubArtifacts::init()
{
    m_api = std::make_unique<LoopbackHttpServer>();
    m_blobs = std::make_unique<LoopbackHttpServer>();
    QVERIFY(m_api->start());
    QVERIFY(m_blobs->start());
    QVERIFY(m_api->port() != m_blobs->port());
    ++m_case;
    m_http
        = std::make_unique<HttpClient>(nullptr, m_tmp.filePath(QStringLiteral("cache%1/http").arg(m_case)));
    m_store = *store::StoreLocation::parse(m_tmp.filePath(QStringLiteral("store%1.sqlite").arg(m_case)));
    makeProvider();
}

void TestGitHubArtifacts::cleanup()
{
    m_provider.reset();
    m_http.reset();
    m_blobs.reset();
    m_api.reset();
}

void TestGitHubArtifacts::makeProvider(const QStringList &testArtifacts)
{
    CiSource source;
    source.provider = QStringLiteral("github");
    source.project = Project;
    source.apiUrl = m_api->url(QStringLiteral("/api/v3")).toString();
    source.timeoutMs = 10000;
    source.testArtifacts = testArtifacts;
    auto provider = CiProviderRegistry::create(
        m_http.get(), source, CiCredential { {}, QString::fromLatin1(Token), {} });
    QVERIFY2(provider.ok(), qPrintable(provider.errorMessage()));
    m_provider.reset(*provider);
    QVERIFY(m_provider->providesTestReports());
}

void TestGitHubArtifacts::serveArtifact(qint64 id, const QByteArray &zip)
{
    const QString blobPath = QStringLiteral("/blobs/artifact-%1.zip").arg(id);
    LoopbackResponse redirect;
    redirect.status = 302;
    redirect.headers.append({ "Location", m_blobs->url(blobPath).toEncoded() + "?" + BlobSignature });
    m_api->setRoute(api(QStringLiteral("/actions/artifacts/%1/zip").arg(id)), redirect);
    LoopbackResponse blob = LoopbackResponse::text(zip, "application/zip");
    blob.etag = "\"0x8DCBLOB" + QByteArray::number(id) + "\""; // blob storage sends ETags: not to be cached
    m_blobs->setRoute(blobPath, blob);
}

void TestGitHubArtifacts::serveListing(qint64 runId, const QByteArray &page1, const QByteArray &page2)
{
    const QString path = api(QStringLiteral("/actions/runs/%1/artifacts").arg(runId));
    const quint16 port = m_api->port();
    m_api->setHandler(path, [page1, page2, port](const LoopbackRequest &request) {
        const bool second = request.query.queryItemValue(QStringLiteral("page")) == QLatin1String("2");
        LoopbackResponse r = LoopbackResponse::json(second ? page2 : page1);
        r.etag = second ? "\"listing-2\"" : "\"listing-1\"";
        if (!second && !page2.isEmpty()) {
            QUrl next(QStringLiteral("http://127.0.0.1:%1").arg(port));
            next.setPath(request.path);
            next.setQuery(QStringLiteral("per_page=100&page=2"));
            r.withHeader(
                "Link", "<" + next.toEncoded() + ">; rel=\"next\", <" + next.toEncoded() + ">; rel=\"last\"");
        }
        return r;
    });
}

Outcome TestGitHubArtifacts::fetch(const PipelineRun &run)
{
    std::optional<Outcome> outcome;
    CiTestReports::fetchAndImport(*m_provider, run, RepoKey, *m_store, CancelToken(),
        [&outcome](Outcome result) { outcome.emplace(std::move(result)); });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 60000))
        return Outcome(Error { QStringLiteral("no answer") });
    return std::move(*outcome);
}

QList<RunSummary> TestGitHubArtifacts::storedRuns()
{
    auto db = store::Database::open(*m_store);
    if (!db)
        return {};
    auto runs = TestRunStore(*db).runs(RepoKey);
    return runs ? *runs : QList<RunSummary>();
}

void TestGitHubArtifacts::verifyNoSecretLeft(const QString &text)
{
    QVERIFY2(!text.contains(QString::fromLatin1(Token)), qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("BLOBSIGNATURE")), qPrintable(text));
}

void TestGitHubArtifacts::choosesArtifactsByName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("globs");
    QTest::addColumn<bool>("chosen");
    QTest::newRow("junit") << "junit-results" << QStringList() << true;
    QTest::newRow("Test case") << "Unit-Tests-ubuntu" << QStringList() << true;
    QTest::newRow("report") << "playwright-report" << QStringList() << true;
    QTest::newRow("results") << "RESULTS" << QStringList() << true;
    QTest::newRow("binaries") << "build-binaries" << QStringList() << false;
    QTest::newRow("coverage") << "coverage" << QStringList() << false;
    QTest::newRow("glob hit") << "surefire-linux" << QStringList { "junit-*", "surefire-*" } << true;
    QTest::newRow("glob exact") << "test-results" << QStringList { "test-results" } << true;
    QTest::newRow("glob overrides default") << "test-logs" << QStringList { "junit-*" } << false;
    QTest::newRow("glob is whole name") << "my-junit-x" << QStringList { "junit-*" } << false;
}

void TestGitHubArtifacts::choosesArtifactsByName()
{
    QFETCH(QString, name);
    QFETCH(QStringList, globs);
    QFETCH(bool, chosen);
    QCOMPARE(GitHubArtifacts::holdsTestReports(name, globs), chosen);
}

void TestGitHubArtifacts::importsTheRunsReports()
{
    const qint64 runId = 30001;
    serveListing(runId,
        listing({ artifact(101, "junit-results", 9000, false, runId),
                    artifact(102, "build-binaries", 5000000, false, runId) },
            4),
        listing({ artifact(103, "test-logs-windows", 1200, true, runId),
                    artifact(104, "pytest-report", 800, false, runId) },
            4));
    serveArtifact(101, goodZip());
    serveArtifact(102, devdash::test::makeZip({ { QStringLiteral("bin/app"), QByteArray(1000, 'x') } }));
    serveArtifact(103, secondZip());
    serveArtifact(104, secondZip());

    auto imported = fetch(githubRun(QString::number(runId)));
    QVERIFY2(imported, qPrintable(imported.errorMessage()));
    QVERIFY(imported->has_value());
    const RunSummary &run = (*imported)->run;
    QVERIFY((*imported)->created);
    QCOMPARE(run.commit, Commit);
    QCOMPARE(run.branch, QStringLiteral("main"));
    QCOMPARE(run.source, QStringLiteral("github:acme/rocket#30001"));
    QCOMPARE(run.importedAt, githubRun(QString()).finishedAt);

    // The same files read from disk give the same counts: jest (6 tests), Surefire
    // (1 test, failing on every rerun), pytest (8 tests).
    TestCounts expected;
    for (const QString &name : { QStringLiteral("jest-junit.xml"),
             QStringLiteral("surefire-always-fails.xml"), QStringLiteral("pytest-xunit1.xml") }) {
        auto report = ReportParser::parseFile(devdash::test::testDataPath(QStringLiteral("junit/") + name));
        QVERIFY2(report, qPrintable(report.errorMessage()));
        const TestCounts c = report->counts();
        expected.tests += c.tests;
        expected.failed += c.failed;
        expected.errored += c.errored;
        expected.skipped += c.skipped;
        expected.passed += c.passed;
    }
    QCOMPARE(run.counts.tests, expected.tests);
    QCOMPARE(run.counts.failed, expected.failed);
    QCOMPARE(run.counts.skipped, expected.skipped);
    QCOMPARE(run.counts.passed, expected.passed);
    QCOMPARE(run.counts.errored, expected.errored);
    QCOMPARE(run.counts.tests, 15);
    QCOMPARE(run.counts.failed + run.counts.errored, 6);

    // The run's cases are stored under their suites, as a local import keeps them.
    auto db = store::Database::open(*m_store);
    QVERIFY(db);
    auto details = TestRunStore(*db).run(run.id);
    QVERIFY2(details, qPrintable(details.errorMessage()));

    // Only the reports' artifacts were downloaded, the token only sent to the API.
    QCOMPARE(m_api->requestCount(api(QStringLiteral("/actions/artifacts/101/zip"))), 1);
    QCOMPARE(m_api->requestCount(api(QStringLiteral("/actions/artifacts/104/zip"))), 1);
    QCOMPARE(m_api->requestCount(api(QStringLiteral("/actions/artifacts/102/zip"))), 0);
    QCOMPARE(m_api->requestCount(api(QStringLiteral("/actions/artifacts/103/zip"))), 0); // expired
    QCOMPARE(m_api->requestCount(api(QStringLiteral("/actions/runs/30001/artifacts"))), 2); // both pages
    for (const LoopbackRequest &r : m_api->requests())
        QCOMPARE(r.header("Authorization"), "Bearer " + Token);
    QCOMPARE(m_blobs->requestCount(), 2);
    for (const LoopbackRequest &r : m_blobs->requests()) {
        QVERIFY2(r.header("Authorization").isEmpty(), r.target.constData());
        QCOMPARE(r.query.queryItemValue(QStringLiteral("sig")), QStringLiteral("BLOBSIGNATURE0123"));
    }

    // Again (the window polls; DevDash restarts): nothing is downloaded, the listing
    // is answered 304, the same run comes back.
    m_api->clearRequests();
    m_blobs->clearRequests();
    m_http = std::make_unique<HttpClient>(nullptr, m_http->cacheDirectory()); // a restart: disk caches only
    makeProvider();
    auto again = fetch(githubRun(QString::number(runId)));
    QVERIFY2(again, qPrintable(again.errorMessage()));
    QVERIFY(again->has_value());
    QVERIFY(!(*again)->created);
    QCOMPARE((*again)->run.id, run.id);
    QCOMPARE(m_blobs->requestCount(), 0);
    QCOMPARE(m_api->requestCount(api(QStringLiteral("/actions/artifacts/101/zip"))), 0);
    QCOMPARE(m_api->requestCount(api(QStringLiteral("/actions/artifacts/104/zip"))), 0);
    QCOMPARE(m_api->responsesWithStatus(200), 0);
    QCOMPARE(m_api->responsesWithStatus(304), 2);
    QCOMPARE(storedRuns().size(), 1);

    // What the provider hands over: one report of the three files, what was skipped said.
    auto report = waitForResult<std::optional<TestReport>>([&](CiCallback<std::optional<TestReport>> done) {
        m_provider->fetchTestReport(githubRun(QString::number(runId)), CancelToken(), done);
    });
    QVERIFY2(report, qPrintable(report.errorMessage()));
    QVERIFY(report->has_value());
    QCOMPARE((*report)->format, QStringLiteral("junit"));
    QVERIFY2((*report)->file.contains(QStringLiteral("junit-results/reports/jest/junit.xml")),
        qPrintable((*report)->file));
    QVERIFY((*report)->file.contains(QStringLiteral("pytest-report/pytest.xml")));
    QVERIFY2((*report)->warnings.contains(
                 QStringLiteral("junit-results/coverage/cobertura.xml: not a test report, skipped")),
        qPrintable((*report)->warnings.join(u'\n')));
    QVERIFY((*report)->warnings.contains(QStringLiteral("the artifact \"test-logs-windows\" has expired")));
    QCOMPARE(m_blobs->requestCount(), 0);

    // A run without test artifacts has no report: not an error, nothing stored.
    serveListing(30002, listing({ artifact(201, "build-binaries", 5000, false, 30002) }, 1));
    auto none = fetch(githubRun(QStringLiteral("30002")));
    QVERIFY2(none, qPrintable(none.errorMessage()));
    QVERIFY(!none->has_value());
    QCOMPARE(storedRuns().size(), 1);
}

void TestGitHubArtifacts::testArtifactsOptionNamesTheArtifacts()
{
    makeProvider({ QStringLiteral("surefire-*") });
    serveListing(30010,
        listing({ artifact(301, "surefire-linux", 900, false, 30010),
                    artifact(302, "junit-results", 900, false, 30010) },
            2));
    serveArtifact(301, secondZip());
    serveArtifact(302, goodZip());
    auto imported = fetch(githubRun(QStringLiteral("30010")));
    QVERIFY2(imported, qPrintable(imported.errorMessage()));
    QVERIFY(imported->has_value());
    QCOMPARE((*imported)->run.counts.tests, 8); // pytest.xml only
    QCOMPARE(m_api->requestCount(api(QStringLiteral("/actions/artifacts/302/zip"))), 0);
}

void TestGitHubArtifacts::refusesHostileOrCorruptArchives_data()
{
    QTest::addColumn<QByteArray>("zip");
    QTest::addColumn<QString>("message");
    const QByteArray report = junitFixture(QStringLiteral("jest-junit.xml"));
    QTest::newRow("parent path") << devdash::test::makeZip(
        { { QStringLiteral("ok.xml"), report }, { QStringLiteral("../evil.xml"), report } })
                                 << "unsafe path \"../evil.xml\"";
    QTest::newRow("nested parent") << devdash::test::makeZip(
        { { QStringLiteral("a/../../evil.xml"), report } })
                                   << "unsafe path";
    QTest::newRow("absolute path") << devdash::test::makeZip({ { QStringLiteral("/etc/evil.xml"), report } })
                                   << "unsafe path";
    const QByteArray good = devdash::test::makeZip({ { QStringLiteral("junit.xml"), report } });
    QTest::newRow("truncated") << good.left(good.size() / 2) << "is not a readable zip archive";
    QTest::newRow("not a zip") << QByteArray("<html><body>Sign in to GitHub</body></html>")
                               << "is not a readable zip archive";
    QByteArray flipped = good;
    flipped[40] = char(flipped[40] ^ 0x5a); // inside the deflated report: a bad CRC or stream
    QTest::newRow("corrupt data") << flipped << "is not a readable zip archive";
    QTest::newRow("malformed report")
        << devdash::test::makeZip({ { QStringLiteral("reports/junit.xml"), report.left(report.size() / 2) } })
        << "junit-results/reports/junit.xml:";
}

void TestGitHubArtifacts::refusesHostileOrCorruptArchives()
{
    QFETCH(QByteArray, zip);
    QFETCH(QString, message);
    // A good run first: what a bad artifact must not take away.
    serveListing(30020, listing({ artifact(401, "pytest-report", 900, false, 30020) }, 1));
    serveArtifact(401, secondZip());
    auto good = fetch(githubRun(QStringLiteral("30020")));
    QVERIFY2(good && good->has_value(), qPrintable(good.errorMessage()));

    serveListing(30021, listing({ artifact(402, "junit-results", zip.size(), false, 30021) }, 1));
    serveArtifact(402, zip);
    auto bad = fetch(githubRun(QStringLiteral("30021")));
    QVERIFY(!bad);
    QVERIFY2(bad.errorMessage().contains(message), qPrintable(bad.errorMessage()));
    QVERIFY2(bad.errorMessage().contains(QStringLiteral("GitHub run 30021 of acme/rocket")),
        qPrintable(bad.errorMessage()));
    if (!message.startsWith(QLatin1String("junit-results/")))
        QVERIFY2(
            bad.errorMessage().contains(QStringLiteral("\"junit-results\"")), qPrintable(bad.errorMessage()));
    verifyNoSecretLeft(bad.errorMessage());
    const auto runs = storedRuns();
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.first().source, QStringLiteral("github:acme/rocket#30020"));
    // Nothing of a refused archive is written anywhere: the cache keeps only good ones.
    const QDir artifacts(m_http->cacheDirectory() + QStringLiteral("/artifacts"));
    QCOMPARE(artifacts.entryList(QDir::Files).size(), 1);
}

void TestGitHubArtifacts::zipLimits()
{
    const QByteArray report = junitFixture(QStringLiteral("jest-junit.xml"));
    auto all = [](const QString &) { return true; };

    // A zip bomb over the real cap (256 MiB) through the provider: refused from the
    // declared sizes, before anything is inflated.
    {
        QByteArray zeros(qsizetype(257) * 1024 * 1024, '\0');
        const QByteArray bomb = devdash::test::makeZip({ { QStringLiteral("TEST-bomb.xml"), zeros } });
        zeros = QByteArray();
        QVERIFY(bomb.size() < 2 * 1024 * 1024);
        serveListing(30030, listing({ artifact(501, "junit-results", bomb.size(), false, 30030) }, 1));
        serveArtifact(501, bomb);
        auto refused = fetch(githubRun(QStringLiteral("30030")));
        QVERIFY(!refused);
        QVERIFY2(refused.errorMessage().contains(QStringLiteral("more than 256 MiB (a zip bomb?)")),
            qPrintable(refused.errorMessage()));
        QVERIFY(refused.errorMessage().contains(QStringLiteral("\"junit-results\" of GitHub run 30030")));
        QVERIFY(storedRuns().isEmpty());
    }

    // The cap holds over all entries read, and non-report entries do not count.
    const QByteArray three
        = devdash::test::makeZip({ { QStringLiteral("a.xml"), QByteArray(600 * 1024, ' ') },
            { QStringLiteral("b.xml"), QByteArray(600 * 1024, ' ') },
            { QStringLiteral("video.webm"), QByteArray(4 << 20, 'v') } });
    ZipLimits small;
    small.maxTotalBytes = 1024 * 1024;
    auto over = ZipArchive::read(three, QStringLiteral("the archive"), &ArtifactReports::isReportPath, small);
    QVERIFY(!over);
    QVERIFY2(
        over.errorMessage().contains(QStringLiteral("more than 1 MiB")), qPrintable(over.errorMessage()));
    auto onlyA = ZipArchive::read(
        three, QStringLiteral("the archive"),
        [](const QString &path) { return path == QLatin1String("a.xml"); }, small);
    QVERIFY2(onlyA, qPrintable(onlyA.errorMessage()));
    QCOMPARE(onlyA->size(), 1);
    QCOMPARE(onlyA->first().data.size(), 600 * 1024);

    // Too many entries.
    devdash::test::ZipEntries many;
    for (int i = 0; i < 5; ++i)
        many.append({ QStringLiteral("r%1.xml").arg(i), report });
    ZipLimits few;
    few.maxEntries = 4;
    auto crowded = ZipArchive::read(devdash::test::makeZip(many), QStringLiteral("the archive"), all, few);
    QVERIFY(!crowded);
    QVERIFY2(crowded.errorMessage().contains(QStringLiteral("holds 5 entries, more than the 4")),
        qPrintable(crowded.errorMessage()));
    auto fine = ZipArchive::read(devdash::test::makeZip(many), QStringLiteral("the archive"), all);
    QVERIFY(fine);
    QCOMPARE(fine->size(), 5);
    QCOMPARE(fine->at(3).data, report);
}

void TestGitHubArtifacts::expiredArtifactsAreNotDownloaded()
{
    serveListing(30040, listing({ artifact(601, "junit-results", 900, true, 30040) }, 1));
    serveArtifact(601, secondZip());
    auto expired = fetch(githubRun(QStringLiteral("30040")));
    QVERIFY(!expired);
    QVERIFY2(
        expired.errorMessage().contains(QStringLiteral("have expired")), qPrintable(expired.errorMessage()));
    QVERIFY(expired.errorMessage().contains(QStringLiteral("junit-results")));
    QCOMPARE(m_api->requestCount(api(QStringLiteral("/actions/artifacts/601/zip"))), 0);
    QCOMPARE(m_blobs->requestCount(), 0);

    // Expired between the listing and the download: GitHub answers 410 Gone.
    serveListing(30041,
        listing({ artifact(602, "junit-results", 900, false, 30041),
                    artifact(603, "pytest-report", 900, false, 30041) },
            2));
    m_api->setRoute(api(QStringLiteral("/actions/artifacts/602/zip")),
        LoopbackResponse::json(
            R"({"message":"Artifact has expired","documentation_url":"https://docs.github.com"})", 410));
    serveArtifact(603, secondZip());
    auto partly = fetch(githubRun(QStringLiteral("30041")));
    QVERIFY2(partly, qPrintable(partly.errorMessage()));
    QVERIFY(partly->has_value());
    QCOMPARE((*partly)->run.counts.tests, 8); // pytest.xml only

    // A refused download says which artifact of which run, and what to check.
    serveListing(30042, listing({ artifact(604, "junit-results", 900, false, 30042) }, 1));
    m_api->setRoute(api(QStringLiteral("/actions/artifacts/604/zip")),
        LoopbackResponse::json(R"({"message":"Bad credentials"})", 401));
    auto denied = fetch(githubRun(QStringLiteral("30042")));
    QVERIFY(!denied);
    QVERIFY2(denied.errorMessage().contains(
                 QStringLiteral("Downloading the artifact \"junit-results\" (id 604) of GitHub run 30042")),
        qPrintable(denied.errorMessage()));
    QVERIFY(denied.errorMessage().contains(QStringLiteral("401")));
    verifyNoSecretLeft(denied.errorMessage());

    // The digest GitHub gives is checked: a download that does not match is refused.
    const QByteArray pytestZip = secondZip(); // zips carry times: the digest is of these bytes
    serveListing(30044, listing({ artifact(606, "junit-results", 900, false, 30044, pytestZip) }, 1));
    serveArtifact(606, goodZip());
    auto mismatch = fetch(githubRun(QStringLiteral("30044")));
    QVERIFY(!mismatch);
    QVERIFY2(mismatch.errorMessage().contains(QStringLiteral("does not match its digest sha256:")),
        qPrintable(mismatch.errorMessage()));
    serveArtifact(606, pytestZip);
    auto matching = fetch(githubRun(QStringLiteral("30044")));
    QVERIFY2(matching && matching->has_value(), qPrintable(matching.errorMessage()));

    // The blob storage refuses (its signed URL expired): the signature stays out of the message.
    serveListing(30043, listing({ artifact(605, "junit-results", 900, false, 30043) }, 1));
    serveArtifact(605, secondZip());
    LoopbackResponse refusedBlob = LoopbackResponse::text(
        "<?xml version=\"1.0\"?><Error><Code>AuthenticationFailed</Code></Error>", "application/xml");
    refusedBlob.status = 403;
    m_blobs->setRoute(QStringLiteral("/blobs/artifact-605.zip"), refusedBlob);
    auto blobDenied = fetch(githubRun(QStringLiteral("30043")));
    QVERIFY(!blobDenied);
    QVERIFY2(
        blobDenied.errorMessage().contains(QStringLiteral("\"junit-results\" (id 605) of GitHub run 30043")),
        qPrintable(blobDenied.errorMessage()));
    QVERIFY(blobDenied.errorMessage().contains(QStringLiteral("403")));
    verifyNoSecretLeft(blobDenied.errorMessage());
    QCOMPARE(m_blobs->requests(QStringLiteral("/blobs/artifact-605.zip")).size(), 1);
    QVERIFY(m_blobs->requests().last().header("Authorization").isEmpty());
}

void TestGitHubArtifacts::configOption()
{
    QTemporaryDir repo;
    auto write = [&repo](const QByteArray &json) {
        QFile f(repo.filePath(QStringLiteral(".devdash.json")));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(json);
    };
    write(
        R"({"ci": [{"provider": "github", "project": "o/r", "test_artifacts": ["junit-*", "test-results"]}]})");
    auto config = CiConfig::load(repo.path());
    QVERIFY2(config, qPrintable(config.errorMessage()));
    QCOMPARE(config->sources().first().testArtifacts, (QStringList { "junit-*", "test-results" }));
    // Kept under --provider/--project overrides.
    auto overridden
        = config->withOverrides(CiOverrides { QStringLiteral("github"), QStringLiteral("o/other"), {} });
    QVERIFY(overridden);
    QCOMPARE(overridden->sources().first().testArtifacts, (QStringList { "junit-*", "test-results" }));

    write(R"({"ci": [{"provider": "github", "project": "o/r", "test_artifacts": "surefire-*"}]})");
    QCOMPARE(CiConfig::load(repo.path())->sources().first().testArtifacts, QStringList { "surefire-*" });
    write(R"({"ci": [{"provider": "github", "project": "o/r"}]})");
    QVERIFY(CiConfig::load(repo.path())->sources().first().testArtifacts.isEmpty());

    write(R"({"ci": [{"provider": "github", "project": "o/r", "test_artifacts": [3]}]})");
    auto wrong = CiConfig::load(repo.path());
    QVERIFY(!wrong);
    QVERIFY2(wrong.errorMessage().contains(QStringLiteral("ci[0]: \"test_artifacts\" must list")),
        qPrintable(wrong.errorMessage()));
    write(R"({"ci": [{"provider": "gitlab", "project": "g/a", "test_artifacts": ["junit"]}]})");
    auto gitlab = CiConfig::load(repo.path());
    QVERIFY(!gitlab);
    QVERIFY2(gitlab.errorMessage().contains(QStringLiteral("GitHub sources only")),
        qPrintable(gitlab.errorMessage()));
}

QTEST_GUILESS_MAIN(TestGitHubArtifacts)
#include "tst_githubartifacts.moc"

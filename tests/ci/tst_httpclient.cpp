// HttpClient against a real loopback HTTP server: conditional requests and the disk
// cache (also across a new client = a restart), pagination, rate limits, errors,
// timeouts, cancellation, per-host serialisation, redirects and secrets.

#include "LoopbackHttpServer.h"
#include "ci/CiProvider.h"
#include "ci/HttpClient.h"
#include "ci/HttpErrorText.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QMutex>
#include <QNetworkProxy>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace devdash;
using namespace devdash::ci;
using devdash::test::LoopbackHttpServer;
using devdash::test::LoopbackRequest;
using devdash::test::LoopbackResponse;

namespace {

const QByteArray Token = "ghp_SECRETtoken1234567890abcdef";

QStringList g_messages;
QMutex g_messagesMutex;
void captureMessages(QtMsgType, const QMessageLogContext &, const QString &message)
{
    QMutexLocker lock(&g_messagesMutex);
    g_messages << message;
}

HttpRequest requestFor(const QUrl &url)
{
    HttpRequest r;
    r.url = url;
    r.service = QStringLiteral("github");
    r.credentialHint = QStringLiteral("the token for github in the keychain or GITHUB_TOKEN");
    r.setHeader("Accept", "application/vnd.github+json");
    r.setSecretHeader("Authorization", "Bearer " + Token);
    r.timeoutMs = 5000;
    return r;
}

Result<HttpResponse> fetch(HttpClient &client, const HttpRequest &request, const CancelToken &cancel = {})
{
    return waitForResult<HttpResponse>(
        [&](CiCallback<HttpResponse> done) { client.get(request, cancel, std::move(done)); });
}

Result<QList<HttpResponse>> fetchAll(
    HttpClient &client, const HttpRequest &request, const PageOptions &options)
{
    return waitForResult<QList<HttpResponse>>([&](CiCallback<QList<HttpResponse>> done) {
        client.getAllPages(request, options, {}, std::move(done));
    });
}

bool folderContains(const QString &folder, const QByteArray &needle)
{
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
            return true;
    }
    return false;
}

} // namespace

class TestHttpClient : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_cache.isValid());
        m_server = std::make_unique<LoopbackHttpServer>();
        QVERIFY(m_server->start());
    }
    void cleanup() { m_server.reset(); }

    void sendsHeadersAndReturnsBody()
    {
        m_server->setRoute(QStringLiteral("/hello"), LoopbackResponse::json(R"({"a":1})"));
        HttpClient client(nullptr, m_cache.path());
        auto r = fetch(client, requestFor(m_server->url(QStringLiteral("/hello"))));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body, QByteArray(R"({"a":1})"));
        QVERIFY(!r->fromCache);
        const auto seen = m_server->requests(QStringLiteral("/hello"));
        QCOMPARE(seen.size(), 1);
        QCOMPARE(seen[0].header("Authorization"), "Bearer " + Token);
        QCOMPARE(seen[0].header("Accept"), QByteArray("application/vnd.github+json"));
        QCOMPARE(client.stats().ok, 1);
    }

    void etagGives304AlsoAfterRestart()
    {
        LoopbackResponse runs = LoopbackResponse::json(R"({"workflow_runs":[]})");
        runs.etag = "\"abc123\"";
        m_server->setRoute(QStringLiteral("/runs"), runs);
        const QUrl url = m_server->url(QStringLiteral("/runs?per_page=100"));
        {
            HttpClient client(nullptr, m_cache.path());
            auto first = fetch(client, requestFor(url));
            QVERIFY2(first.ok(), qPrintable(first.errorMessage()));
            QVERIFY(!first->fromCache);
            auto second = fetch(client, requestFor(url));
            QVERIFY2(second.ok(), qPrintable(second.errorMessage()));
            QVERIFY(second->fromCache);
            QCOMPARE(second->status, 304);
            QCOMPARE(second->body, first->body);
            QCOMPARE(client.stats().ok, 1);
            QCOMPARE(client.stats().notModified, 1);
        }
        // A new client (DevDash restarted) reads the validators from disk.
        HttpClient restarted(nullptr, m_cache.path());
        auto third = fetch(restarted, requestFor(url));
        QVERIFY2(third.ok(), qPrintable(third.errorMessage()));
        QVERIFY(third->fromCache);
        QCOMPARE(third->body, QByteArray(R"({"workflow_runs":[]})"));
        QCOMPARE(restarted.stats().notModified, 1);
        QCOMPARE(restarted.stats().ok, 0);
        const auto seen = m_server->requests(QStringLiteral("/runs"));
        QCOMPARE(seen.size(), 3);
        QVERIFY(seen[0].header("If-None-Match").isEmpty());
        QCOMPARE(seen[2].header("If-None-Match"), QByteArray("\"abc123\""));
        QCOMPARE(m_server->responsesWithStatus(304), 2);
        // The cache holds the body but never the token.
        QVERIFY(folderContains(m_cache.path(), "abc123"));
        QVERIFY(!folderContains(m_cache.path(), Token));
    }

    void changedContentGives200Again()
    {
        LoopbackResponse v1 = LoopbackResponse::json("[1]");
        v1.etag = "\"v1\"";
        m_server->setRoute(QStringLiteral("/x"), v1);
        HttpClient client(nullptr, m_cache.path());
        QVERIFY(fetch(client, requestFor(m_server->url(QStringLiteral("/x")))).ok());
        LoopbackResponse v2 = LoopbackResponse::json("[2]");
        v2.etag = "\"v2\"";
        m_server->setRoute(QStringLiteral("/x"), v2);
        auto r = fetch(client, requestFor(m_server->url(QStringLiteral("/x"))));
        QVERIFY(r.ok());
        QVERIFY(!r->fromCache);
        QCOMPARE(r->body, QByteArray("[2]"));
    }

    void lastModifiedGives304()
    {
        LoopbackResponse feed = LoopbackResponse::text("<Projects/>", "application/xml");
        feed.lastModified = "Wed, 21 Oct 2026 07:28:00 GMT";
        m_server->setRoute(QStringLiteral("/cc.xml"), feed);
        HttpClient client(nullptr, m_cache.path());
        QVERIFY(fetch(client, requestFor(m_server->url(QStringLiteral("/cc.xml")))).ok());
        auto r = fetch(client, requestFor(m_server->url(QStringLiteral("/cc.xml"))));
        QVERIFY(r.ok());
        QVERIFY(r->fromCache);
        QCOMPARE(r->body, QByteArray("<Projects/>"));
        QCOMPARE(m_server->requests().last().header("If-Modified-Since"), feed.lastModified);
    }

    void followsLinkHeaderPages()
    {
        m_server->setPages(QStringLiteral("/list"), { "[1,2]", "[3,4]", "[5]" });
        HttpClient client(nullptr, m_cache.path());
        auto r = fetchAll(client, requestFor(m_server->url(QStringLiteral("/list?per_page=2"))), {});
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->size(), 3);
        QCOMPARE(r->at(2).body, QByteArray("[5]"));
        QCOMPARE(
            m_server->requests().at(2).query.queryItemValue(QStringLiteral("page")), QStringLiteral("3"));
        QCOMPARE(
            m_server->requests().at(2).query.queryItemValue(QStringLiteral("per_page")), QStringLiteral("2"));
    }

    void followsGitLabNextPageHeader()
    {
        m_server->setPages(QStringLiteral("/pipelines"), { "[1]", "[2]" }, true);
        HttpClient client(nullptr, m_cache.path());
        auto r = fetchAll(client, requestFor(m_server->url(QStringLiteral("/pipelines"))), {});
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->size(), 2);
    }

    void followsPageParameterWhilePagesAreFull()
    {
        // No pagination headers at all: the next page is asked while pages come back full.
        m_server->setRoute(QStringLiteral("/plain"), LoopbackResponse::json("[1,2]"));
        m_server->setRoute(
            QStringLiteral("/plain"), QStringLiteral("page=2"), LoopbackResponse::json("[3,4]"));
        m_server->setRoute(QStringLiteral("/plain"), QStringLiteral("page=3"), LoopbackResponse::json("[5]"));
        HttpClient client(nullptr, m_cache.path());
        PageOptions options;
        options.pageParam = QStringLiteral("page");
        options.perPage = 2;
        options.countItems
            = [](const QByteArray &body) { return int(QJsonDocument::fromJson(body).array().size()); };
        auto r = fetchAll(client, requestFor(m_server->url(QStringLiteral("/plain"))), options);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->size(), 3);
        // maxItems stops early.
        options.maxItems = 3;
        m_server->clearRequests();
        r = fetchAll(client, requestFor(m_server->url(QStringLiteral("/plain"))), options);
        QVERIFY(r.ok());
        QCOMPARE(r->size(), 2);
        QCOMPARE(m_server->requestCount(), 2);
    }

    void httpErrorsSayWhatToDo_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("expected");
        QTest::newRow("401") << 401 << "GITHUB_TOKEN";
        QTest::newRow("403") << 403 << "denied access";
        QTest::newRow("404") << 404 << "not found or the token has no access";
        QTest::newRow("500") << 500 << "server error (HTTP 500)";
        QTest::newRow("502") << 502 << "try again later";
    }
    void httpErrorsSayWhatToDo()
    {
        QFETCH(int, status);
        QFETCH(QString, expected);
        // A server that (badly) echoes the credential back must not get it into the message.
        m_server->setRoute(QStringLiteral("/e"),
            LoopbackResponse::json(R"({"message":"Bad credentials )" + Token + R"("})", status));
        g_messages.clear();
        auto previous = qInstallMessageHandler(captureMessages);
        HttpClient client(nullptr, m_cache.path());
        auto r = fetch(client, requestFor(m_server->url(QStringLiteral("/e?x=1"))));
        qInstallMessageHandler(previous);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, status);
        QVERIFY2(r.errorMessage().contains(expected), qPrintable(r.errorMessage()));
        QVERIFY2(r.errorMessage().contains(m_server->url(QStringLiteral("/e?x=1")).toDisplayString()),
            qPrintable(r.errorMessage()));
        QVERIFY2(!r.errorMessage().contains(QString::fromUtf8(Token)), qPrintable(r.errorMessage()));
        QVERIFY(!g_messages.join('\n').contains(QString::fromUtf8(Token)));
        QVERIFY(!folderContains(m_cache.path(), Token));
        QCOMPARE(client.stats().errors, 1);
    }

    void urlsInMessagesHideSecrets()
    {
        const QString shown
            = HttpErrorText::displayUrl(QUrl(QStringLiteral("https://u:pw@host/x?private_token=abc&a=1")));
        QVERIFY(!shown.contains(QLatin1String("pw")));
        QVERIFY(!shown.contains(QLatin1String("abc")));
        QVERIFY(shown.contains(QLatin1String("a=1")));
    }

    void malformedJsonNamesOffset()
    {
        m_server->setRoute(
            QStringLiteral("/bad"), LoopbackResponse::json(R"({"workflow_runs": [ {"id": 1,, }])"));
        HttpClient client(nullptr, m_cache.path());
        auto r = fetch(client, requestFor(m_server->url(QStringLiteral("/bad"))));
        QVERIFY(r.ok());
        auto json = HttpErrorText::parseJson(r->body, r->url);
        QVERIFY(!json.ok());
        QCOMPARE(json.error().code, HttpMalformed);
        QVERIFY2(
            json.errorMessage().contains(QLatin1String("malformed JSON")), qPrintable(json.errorMessage()));
        QVERIFY2(json.errorMessage().contains(QLatin1String("offset 30")), qPrintable(json.errorMessage()));
        QVERIFY(json.errorMessage().contains(QLatin1String("/bad")));
    }

    void retryAfterIsHonoured()
    {
        int calls = 0;
        m_server->setHandler(QStringLiteral("/limited"), [&calls](const LoopbackRequest &) {
            if (++calls == 1)
                return LoopbackResponse::json(R"({"message":"slow down"})", 429)
                    .withHeader("Retry-After", "1");
            return LoopbackResponse::json("[]");
        });
        HttpClient client(nullptr, m_cache.path());
        QSignalSpy spy(&client, &HttpClient::rateLimitChanged);
        QElapsedTimer timer;
        timer.start();
        auto r = fetch(client, requestFor(m_server->url(QStringLiteral("/limited"))));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY2(timer.elapsed() >= 900, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(client.stats().rateLimited, 1);
        QCOMPARE(client.stats().retries, 1);
        QCOMPARE(m_server->requestCount(QStringLiteral("/limited")), 2);
        QVERIFY(spy.count() >= 1);
    }

    void exhaustedQuotaBlocksTheHost_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("remainingHeader");
        QTest::addColumn<QByteArray>("resetHeader");
        QTest::newRow("github 403") << 403 << QByteArray("x-ratelimit-remaining")
                                    << QByteArray("x-ratelimit-reset");
        QTest::newRow("gitlab 429") << 429 << QByteArray("RateLimit-Remaining")
                                    << QByteArray("RateLimit-Reset");
    }
    void exhaustedQuotaBlocksTheHost()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, remainingHeader);
        QFETCH(QByteArray, resetHeader);
        const QDateTime reset = QDateTime::currentDateTimeUtc().addSecs(3600);
        m_server->setRoute(QStringLiteral("/q"),
            LoopbackResponse::json(R"({"message":"API rate limit exceeded"})", status)
                .withHeader(remainingHeader, "0")
                .withHeader(resetHeader, QByteArray::number(reset.toSecsSinceEpoch())));
        HttpClient client(nullptr, m_cache.path());
        auto r = fetch(client, requestFor(m_server->url(QStringLiteral("/q"))));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, HttpRateLimited);
        const QString hhmm = reset.toLocalTime().toString(QStringLiteral("HH:mm"));
        QVERIFY2(r.errorMessage().contains(QLatin1String("rate limited")) && r.errorMessage().contains(hhmm),
            qPrintable(r.errorMessage()));
        QCOMPARE(client.rateLimitText(), QStringLiteral("rate limited until %1 (127.0.0.1)").arg(hhmm));
        QCOMPARE(client.rateLimitedUntil().toSecsSinceEpoch(), reset.toSecsSinceEpoch());
        // The host is not asked again until the reset.
        auto again = fetch(client, requestFor(m_server->url(QStringLiteral("/other"))));
        QCOMPARE(again.error().code, HttpRateLimited);
        QCOMPARE(m_server->requestCount(), 1);
    }

    void lastRemainingRequestDelaysTheNext()
    {
        // A 200 with no quota left: the next request waits for the reset instead of failing.
        const QDateTime reset = QDateTime::fromSecsSinceEpoch(
            QDateTime::currentDateTimeUtc().addSecs(2).toSecsSinceEpoch(), Qt::UTC);
        m_server->setRoute(QStringLiteral("/a"),
            LoopbackResponse::json("[]")
                .withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", QByteArray::number(reset.toSecsSinceEpoch())));
        m_server->setRoute(QStringLiteral("/b"), LoopbackResponse::json("[]"));
        HttpClient client(nullptr, m_cache.path());
        QVERIFY(fetch(client, requestFor(m_server->url(QStringLiteral("/a")))).ok());
        QVERIFY(!client.rateLimitText().isEmpty());
        auto r = fetch(client, requestFor(m_server->url(QStringLiteral("/b"))));
        QVERIFY(r.ok());
        QVERIFY(QDateTime::currentDateTimeUtc() >= reset);
    }

    void hangingServerTimesOut()
    {
        LoopbackResponse hang;
        hang.hang = true;
        m_server->setRoute(QStringLiteral("/hang"), hang);
        HttpClient client(nullptr, m_cache.path());
        HttpRequest request = requestFor(m_server->url(QStringLiteral("/hang")));
        request.timeoutMs = 600;
        QElapsedTimer timer;
        timer.start();
        auto r = fetch(client, request);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, HttpTimedOut);
        QVERIFY(timer.elapsed() < 5000);
        QVERIFY2(
            r.errorMessage().contains(QLatin1String("timed out after 0.6 s")), qPrintable(r.errorMessage()));
    }

    void slowBodyTimesOut()
    {
        LoopbackResponse slow = LoopbackResponse::json(QByteArray(200, 'x'));
        slow.dripMs = 50; // 10 s for the whole body
        m_server->setRoute(QStringLiteral("/slow"), slow);
        HttpClient client(nullptr, m_cache.path());
        HttpRequest request = requestFor(m_server->url(QStringLiteral("/slow")));
        request.timeoutMs = 800;
        auto r = fetch(client, request);
        QCOMPARE(r.error().code, HttpTimedOut);
        // A delayed but complete answer within the timeout is fine.
        LoopbackResponse late = LoopbackResponse::json("[]");
        late.delayMs = 300;
        m_server->setRoute(QStringLiteral("/late"), late);
        request.url = m_server->url(QStringLiteral("/late"));
        QVERIFY(fetch(client, request).ok());
    }

    void cancellationStopsAHangingRequest()
    {
        LoopbackResponse hang;
        hang.hang = true;
        m_server->setRoute(QStringLiteral("/hang"), hang);
        HttpClient client(nullptr, m_cache.path());
        CancelToken cancel;
        QTimer::singleShot(200, [cancel] { cancel.cancel(); });
        QElapsedTimer timer;
        timer.start();
        auto r = fetch(client, requestFor(m_server->url(QStringLiteral("/hang"))), cancel);
        QCOMPARE(r.error().code, HttpCanceled);
        QVERIFY(timer.elapsed() < 3000);
    }

    void oneRequestAtATimePerHost()
    {
        QList<qint64> arrivals;
        QMutex mutex;
        QElapsedTimer clock;
        clock.start();
        m_server->setHandler(QStringLiteral("/serial"), [&](const LoopbackRequest &) {
            QMutexLocker lock(&mutex);
            arrivals << clock.elapsed();
            LoopbackResponse r = LoopbackResponse::json("[]");
            r.delayMs = 200;
            return r;
        });
        HttpClient client(nullptr, m_cache.path());
        int finished = 0;
        for (int i = 0; i < 3; ++i)
            client.get(requestFor(m_server->url(QStringLiteral("/serial?i=%1").arg(i))), {},
                [&finished](Result<HttpResponse> r) { finished += r.ok() ? 1 : 0; });
        QTRY_COMPARE_WITH_TIMEOUT(finished, 3, 5000);
        QCOMPARE(arrivals.size(), 3);
        QVERIFY2(arrivals[1] - arrivals[0] >= 180, qPrintable(QString::number(arrivals[1] - arrivals[0])));
        QVERIFY(arrivals[2] - arrivals[1] >= 180);
    }

    void oversizedAnswerIsRefusedAndNotKept()
    {
        QByteArray big(3 * 1024 * 1024, 'x');
        m_server->setRoute(QStringLiteral("/huge"), LoopbackResponse::text(big));
        HttpClient client(nullptr, m_cache.path());
        HttpRequest request = requestFor(m_server->url(QStringLiteral("/huge")));
        request.maxBodyBytes = 1024 * 1024;
        auto r = fetch(client, request);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, HttpTooLarge);
        QVERIFY2(r.errorMessage().contains(QStringLiteral("more than 1 MiB")), qPrintable(r.errorMessage()));
        QVERIFY(!folderContains(m_cache.path(), QByteArray(64, 'x')));
        // Under the cap, the same answer is read whole.
        request.maxBodyBytes = 4 * 1024 * 1024;
        auto whole = fetch(client, request);
        QVERIFY2(whole.ok(), qPrintable(whole.errorMessage()));
        QCOMPARE(whole->body.size(), big.size());
    }

    void redirectToAnotherHostDropsCredentials()
    {
        LoopbackHttpServer blobs;
        QVERIFY(blobs.start());
        blobs.setRoute(QStringLiteral("/log.txt"), LoopbackResponse::text("step 1\nstep 2\n"));
        LoopbackResponse redirect;
        redirect.status = 302;
        redirect.headers.append(
            { QByteArray("Location"), blobs.url(QStringLiteral("/log.txt")).toEncoded() });
        m_server->setRoute(QStringLiteral("/logs"), redirect);
        HttpClient client(nullptr, m_cache.path());
        auto r = fetch(client, requestFor(m_server->url(QStringLiteral("/logs"))));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->body, QByteArray("step 1\nstep 2\n"));
        QCOMPARE(m_server->requests().at(0).header("Authorization"), "Bearer " + Token);
        QVERIFY(blobs.requests().at(0).header("Authorization").isEmpty());
    }

    // The origin rule: a credential goes only to the origin it was given for.
    void nextPageOnAnotherOriginGetsNoToken()
    {
        LoopbackHttpServer other;
        QVERIFY(other.start());
        other.setRoute(QStringLiteral("/page2"), LoopbackResponse::json("[3]"));
        m_server->setRoute(QStringLiteral("/list"),
            LoopbackResponse::json("[1,2]").withHeader(
                "Link", "<" + other.url(QStringLiteral("/page2")).toEncoded() + ">; rel=\"next\""));
        HttpClient client(nullptr, m_cache.path());
        auto r = fetchAll(client, requestFor(m_server->url(QStringLiteral("/list"))), {});
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->size(), 2);
        QCOMPARE(m_server->requests().at(0).header("Authorization"), "Bearer " + Token);
        QCOMPARE(other.requestCount(), 1);
        QVERIFY(other.requests().at(0).header("Authorization").isEmpty());
        QCOMPARE(client.stats().credentialsWithheld, 1);
    }

    // A URL a server hands out (a Jenkins build URL) for another origin: asked without the token.
    void serverGivenUrlOnAnotherOriginGetsNoToken()
    {
        LoopbackHttpServer other;
        QVERIFY(other.start());
        other.setRoute(QStringLiteral("/job/1/api/json"), LoopbackResponse::json("{}"));
        HttpClient client(nullptr, m_cache.path());
        HttpRequest r = requestFor(other.url(QStringLiteral("/job/1/api/json")));
        r.credentialOrigin = m_server->url(QStringLiteral("/"));
        QVERIFY(fetch(client, r).ok());
        QVERIFY(other.requests().at(0).header("Authorization").isEmpty());
        // The same port on another scheme is another origin as well.
        m_server->setRoute(QStringLiteral("/x"), LoopbackResponse::json("{}"));
        HttpRequest sameHost = requestFor(m_server->url(QStringLiteral("/x")));
        sameHost.credentialOrigin = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_server->port()));
        QVERIFY(fetch(client, sameHost).ok());
        QVERIFY(m_server->requests().last().header("Authorization").isEmpty());
    }

    // Plain http carries no credential across a network: only to loopback. Asked through an
    // HTTP proxy on loopback, the request for http://ci.devdash-test.invalid leaves without it.
    void plainHttpToAnotherMachineGetsNoToken()
    {
        m_server->setFallback([](const LoopbackRequest &) { return LoopbackResponse::json("{}"); });
        HttpClient client(nullptr, m_cache.path());
        QNetworkProxy::setApplicationProxy(
            QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), m_server->port()));
        const auto restore = qScopeGuard([] { QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy); });
        auto r = fetch(client, requestFor(QUrl(QStringLiteral("http://ci.devdash-test.invalid/api/runs"))));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(m_server->requestCount(), 1);
        QCOMPARE(m_server->requests().at(0).path, QStringLiteral("/api/runs"));
        QVERIFY(m_server->requests().at(0).header("Authorization").isEmpty());
        QCOMPARE(client.stats().credentialsWithheld, 1);
    }

    void unreachableServerSaysSo()
    {
        const QUrl url = m_server->url(QStringLiteral("/x"));
        m_server.reset(); // nothing listens on that port any more
        HttpClient client(nullptr, m_cache.path());
        auto r = fetch(client, requestFor(url));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, HttpNetworkError);
        QVERIFY2(r.errorMessage().contains(QLatin1String("could not reach")), qPrintable(r.errorMessage()));
    }

    void defaultCacheIsInXdgCache()
    {
        const QByteArray devdashCache = qgetenv("DEVDASH_CACHE_DIR");
        qputenv("DEVDASH_CACHE_DIR", "/tmp/devdash-cache-override");
        QCOMPARE(HttpClient().cacheDirectory(), QStringLiteral("/tmp/devdash-cache-override/http"));
        qunsetenv("DEVDASH_CACHE_DIR");
        const QString xdg = qEnvironmentVariable("XDG_CACHE_HOME");
        QVERIFY(!xdg.isEmpty()); // set by devdash_add_test
        QCOMPARE(HttpClient().cacheDirectory(), xdg + QStringLiteral("/devdash/http"));
        qputenv("DEVDASH_CACHE_DIR", devdashCache);
    }

private:
    QTemporaryDir m_cache;
    std::unique_ptr<LoopbackHttpServer> m_server;
};

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"

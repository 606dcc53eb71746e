// RemoteFetcher against real repositories: a bare "remote" on a file:// URL that
// gets new commits (git rev-parse and ls-remote as the oracle), cancelling from the
// transfer callback, and a server that wants a password (a loopback HTTP server
// answering 401).

#include "GitTestHelpers.h"
#include "LoopbackHttpServer.h"
#include "TestEnvironment.h"
#include "git/RemoteFetcher.h"

#include <QTest>

using namespace devdash;
using namespace devdash::git;
using namespace devdash::test;

class TestRemoteFetcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void fetchesNewCommits();
    void cancelStopsTheTransfer();
    void passwordServerNeedsAuthentication();

private:
    QString upstreamTip(const QString &branch = QStringLiteral("main"));
    std::unique_ptr<TestRepo> m_work; // pushes to the upstream
    std::unique_ptr<TestRepo> m_upstream; // bare, file://
    std::unique_ptr<TestRepo> m_clone; // what DevDash fetches into
};

void TestRemoteFetcher::initTestCase()
{
    QVERIFY(TestEnvironment::setUp());
    m_work = std::make_unique<TestRepo>(QStringLiteral("work"));
    m_work->init();
    m_work->commit(QStringLiteral("Start"), { { QStringLiteral("a.txt"), "a\n" } });
    m_upstream = std::make_unique<TestRepo>(m_work->sibling(QStringLiteral("upstream.git")));
    m_upstream->init({ QStringLiteral("--bare") });
    const QString url = QStringLiteral("file://") + m_upstream->path();
    m_work->git({ QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("origin"), url });
    m_work->git(
        { QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("origin"), QStringLiteral("main") });
    m_clone = std::make_unique<TestRepo>(m_work->sibling(QStringLiteral("clone")));
    m_work->git({ QStringLiteral("clone"), QStringLiteral("-q"), url, m_clone->path() });
    QVERIFY2(m_work->ok(), qPrintable(m_work->errors()));
}

QString TestRemoteFetcher::upstreamTip(const QString &branch)
{
    return m_upstream->revParse(branch);
}

void TestRemoteFetcher::fetchesNewCommits()
{
    const QString before = m_clone->revParse(QStringLiteral("origin/main"));
    m_work->commit(QStringLiteral("Second"), { { QStringLiteral("b.txt"), "b\n" } });
    m_work->checkoutNew(QStringLiteral("topic"));
    m_work->commit(QStringLiteral("Topic"), { { QStringLiteral("c.txt"), "c\n" } });
    m_work->checkout(QStringLiteral("main"));
    m_work->git({ QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("origin"),
        QStringLiteral("main"), QStringLiteral("topic") });
    m_work->lightweightTag(QStringLiteral("v1"));
    m_work->git(
        { QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("origin"), QStringLiteral("v1") });
    QVERIFY2(m_work->ok(), qPrintable(m_work->errors()));
    QVERIFY(before != upstreamTip());

    auto repo = Repository::open(m_clone->path());
    QVERIFY(repo);
    QCOMPARE(RemoteFetcher::remoteNames(*repo), QStringList { QStringLiteral("origin") });
    QList<FetchProgress> seen;
    auto report = RemoteFetcher::fetchAll(*repo, {}, [&](const FetchProgress &p) { seen << p; });
    QVERIFY2(report, qPrintable(report.errorMessage()));
    QVERIFY2(report->ok(), qPrintable(report->summary()));
    QCOMPARE(report->fetched, QStringList { QStringLiteral("origin") });
    QVERIFY(report->updatedRefs >= 2); // origin/main moved, origin/topic appeared
    QVERIFY(!seen.isEmpty());
    QCOMPARE(seen.front().remote, QStringLiteral("origin"));
    QVERIFY(report->summary().startsWith(QStringLiteral("Fetched origin")));

    // The remote-tracking branches are where git sees the upstream's.
    QCOMPARE(m_clone->revParse(QStringLiteral("origin/main")), upstreamTip());
    QCOMPARE(m_clone->revParse(QStringLiteral("origin/topic")), upstreamTip(QStringLiteral("topic")));
    QCOMPARE(m_clone->revParse(QStringLiteral("v1")), upstreamTip(QStringLiteral("v1")));
    const QStringList remote = m_clone->gitLines(
        { QStringLiteral("ls-remote"), QStringLiteral("--heads"), QStringLiteral("origin") });
    QCOMPARE(remote.size(), 2);
}

void TestRemoteFetcher::cancelStopsTheTransfer()
{
    const QString before = m_clone->revParse(QStringLiteral("origin/main"));
    // Enough objects that the pack takes several progress reports.
    QMap<QString, QByteArray> files;
    for (int i = 0; i < 200; ++i)
        files.insert(QStringLiteral("bulk/f%1.txt").arg(i), QByteArray::number(i).repeated(100) + '\n');
    m_work->commit(QStringLiteral("Bulk"), files);
    m_work->git(
        { QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("origin"), QStringLiteral("main") });
    QVERIFY2(m_work->ok(), qPrintable(m_work->errors()));

    auto repo = Repository::open(m_clone->path());
    QVERIFY(repo);
    CancelToken cancel;
    int transfers = 0;
    auto report = RemoteFetcher::fetchAll(*repo, cancel, [&](const FetchProgress &p) {
        if (p.totalObjects > 0 && ++transfers == 1)
            cancel.cancel(); // the user pressed Cancel while objects arrive
    });
    QVERIFY2(report, qPrintable(report.errorMessage()));
    QVERIFY(transfers >= 1);
    QVERIFY(report->cancelled);
    QVERIFY(!report->ok());
    QVERIFY(report->fetched.isEmpty());
    QCOMPARE(m_clone->revParse(QStringLiteral("origin/main")), before); // nothing moved

    // Fetching again brings it.
    auto again = RemoteFetcher::fetchAll(*repo);
    QVERIFY2(again && again->ok(), qPrintable(again ? again->summary() : again.errorMessage()));
    QCOMPARE(m_clone->revParse(QStringLiteral("origin/main")), upstreamTip());
}

void TestRemoteFetcher::passwordServerNeedsAuthentication()
{
    LoopbackHttpServer server;
    QVERIFY(server.start());
    server.setHandler(QStringLiteral("/private.git/info/refs"), [](const LoopbackRequest &) {
        LoopbackResponse r = LoopbackResponse::text("authentication required\n");
        r.status = 401;
        r.withHeader("WWW-Authenticate", "Basic realm=\"git\"");
        return r;
    });
    TestRepo local = m_work->sibling(QStringLiteral("private-clone"));
    local.init();
    local.commit(QStringLiteral("Local"));
    local.git({ QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("private"),
        server.url(QStringLiteral("/private.git")).toString() });
    QVERIFY2(local.ok(), qPrintable(local.errors()));
    auto repo = Repository::open(local.path());
    QVERIFY(repo);
    auto report = RemoteFetcher::fetchAll(*repo);
    QVERIFY2(report, qPrintable(report.errorMessage()));
    QVERIFY(!report->ok());
    QCOMPARE(report->needAuthentication, QStringList { QStringLiteral("private") });
    QVERIFY2(report->summary().contains(QStringLiteral("private needs authentication")),
        qPrintable(report->summary()));
    QVERIFY(report->summary().contains(QStringLiteral("ssh-agent")));
}

QTEST_GUILESS_MAIN(TestRemoteFetcher)
#include "tst_remotefetcher.moc"

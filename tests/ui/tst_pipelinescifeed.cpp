// The Pipelines page polling a real CI server: a real git repository whose
// `.devdash.json` names a `github` source with its `api_url` on a loopback HTTP
// server, the token from GITHUB_TOKEN, and the server answering with a GitHub
// workflow-runs response (tests/data/ci-api) (ETag, then 304), a refused token (401) and an exhausted
// rate limit (403 + x-ratelimit-remaining: 0). What the window wires together —
// PipelineCiFeed, CiCredentials, CiProviderRegistry, CiPoller, HttpClient — runs
// as it does for a user.

#include "LoopbackHttpServer.h"
#include "TestData.h"
#include "TestEnvironment.h"
#include "TestRepo.h"

#include "ci/PipelineRun.h"
#include "ci/PipelineRunModel.h"
#include "common/Workspace.h"
#include "pipelines/CiTestImporter.h"
#include "pipelines/CommitPipelineBadges.h"
#include "pipelines/LogPanel.h"
#include "pipelines/LogView.h"
#include "pipelines/PipelineBanner.h"
#include "pipelines/PipelineCiFeed.h"
#include "pipelines/PipelineRunFilter.h"
#include "pipelines/PipelinesPage.h"
#include "pipelines/StageGraphView.h"
#include "store/Database.h"
#include "testresults/TestRunStore.h"
#include "tests/TestStoreAccess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash;
using namespace devdash::test;

namespace {

constexpr const char *Token = "ghp_feedSECRET0123456789";
const QString RunsFixture = devdash::test::testDataPath(QStringLiteral("ci-api/github/workflow-runs.json"));

const QString JobsFixture = QStringLiteral(DEVDASH_CI_TEST_DATA "/github-jobs.json");

// The first run of GitHub's listing, alone (GET /actions/runs/{id}), on this commit.
QByteArray oneRun(const QByteArray &listing)
{
    const QJsonArray runs
        = QJsonDocument::fromJson(listing).object().value(QStringLiteral("workflow_runs")).toArray();
    return QJsonDocument(runs.first().toObject()).toJson(QJsonDocument::Compact);
}

// GitHub's response, with the runs moved onto this repository's commit.
QByteArray runsForCommit(const QString &sha)
{
    QFile f(RunsFixture);
    if (!f.open(QIODevice::ReadOnly)) // initTestCase has failed already, naming the file
        return {};
    QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
    QJsonArray runs = root.value(QStringLiteral("workflow_runs")).toArray();
    for (auto &&value : runs) {
        QJsonObject run = value.toObject();
        run.insert(QStringLiteral("head_sha"), sha);
        value = run;
    }
    root.insert(QStringLiteral("workflow_runs"), runs);
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

} // namespace

class PipelinesCiFeedTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_storeDir;
    LoopbackHttpServer m_server;
    int m_stores = 0;

    void freshStore()
    {
        auto location = store::StoreLocation::parse(
            m_storeDir.filePath(QStringLiteral("store%1.sqlite").arg(++m_stores)));
        QVERIFY(location.ok());
        ui::TestStoreAccess::setLocation(location.value());
    }

    // A repository whose CI is `project` on the loopback server.
    static QString writeConfig(TestRepo &repo, const QString &project, const QUrl &api)
    {
        repo.writeFile(QStringLiteral(".devdash.json"),
            QStringLiteral("{\"ci\": [{\"provider\": \"github\", \"project\": \"%1\", \"api_url\": \"%2\"}]}")
                .arg(project, api.toString())
                .toUtf8());
        return repo.commit(QStringLiteral("ci config"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(TestEnvironment::setUp());
        qputenv("GITHUB_TOKEN", Token);
        QVERIFY(m_server.start());
        DEVDASH_REQUIRE_TEST_DATA(QStringLiteral("ci-api/github/workflow-runs.json"),
            QStringLiteral("ci-api/gitlab/pipelines.json"));
        QVERIFY2(QFile::exists(JobsFixture), qPrintable(QStringLiteral("missing test data: ") + JobsFixture));
    }
    void cleanupTestCase() { ui::TestStoreAccess::setLocation(std::nullopt); }
    void init()
    {
        m_server.clearRoutes();
        m_server.clearRequests();
        freshStore();
    }

    void showsTheServersRunsAndRepollsWith304()
    {
        TestRepo repo;
        repo.init();
        repo.commit(QStringLiteral("one"));
        const QString head = writeConfig(repo, QStringLiteral("acme/rocket"), m_server.url());
        const QString path = QStringLiteral("/repos/acme/rocket/actions/runs");
        LoopbackResponse runs = LoopbackResponse::json(runsForCommit(head));
        runs.etag = "W/\"runs-v1\"";
        m_server.setRoute(path, runs);
        // Selecting the run fetches its jobs (a listing has none) and the chosen job's log.
        m_server.setRoute(path + QStringLiteral("/7301000042"), LoopbackResponse::json(oneRun(runs.body)));
        m_server.setRoute(path + QStringLiteral("/7301000042/jobs"), LoopbackResponse::file(JobsFixture));
        m_server.setRoute(QStringLiteral("/repos/acme/rocket/actions/jobs/22080000002/logs"),
            LoopbackResponse::text("##[group]Run swiftlint\n\x1b[33mwarning\x1b[0m: line too long\n"));

        ui::Workspace workspace;
        ui::PipelinesPage page(&workspace);
        page.resize(1280, 800);
        page.show();
        page.setRepository(repo.path());
        QVERIFY(QTest::qWaitFor([&] { return page.isReady() && page.proxy()->rowCount() == 1; }, 20000));
        const auto run
            = page.proxy()->index(0, 0).data(ci::PipelineRunModel::RunRole).value<ci::PipelineRun>();
        QCOMPARE(run.provider, QStringLiteral("github"));
        QCOMPARE(run.project, QStringLiteral("acme/rocket"));
        QCOMPARE(run.id, QStringLiteral("7301000042"));
        QCOMPARE(run.name, QStringLiteral("Build and test"));
        QCOMPARE(run.branch, QStringLiteral("main"));
        QCOMPARE(run.commit, head);
        QCOMPARE(run.status, ci::RunStatus::Success);
        QCOMPARE(run.url, QStringLiteral("https://github.com/acme/rocket/actions/runs/7301000042"));
        QCOMPARE(page.selectedRunKey(), run.key());
        // The token from the environment went to the server, in the header only.
        QCOMPARE(m_server.requestCount(path), 1);
        const LoopbackRequest first = m_server.requests(path).constFirst();
        QCOMPARE(first.header("Authorization"), QByteArray("Bearer ") + Token);
        QVERIFY(!first.target.contains(Token));
        QVERIFY(page.banner()->text().isEmpty());

        // The graph: GitHub's jobs in one stage named after the workflow; the running job's log.
        QVERIFY(QTest::qWaitFor([&] { return !page.graph()->run().stages.isEmpty(); }, 10000));
        const ci::PipelineRun drawn = page.graph()->run();
        QCOMPARE(drawn.stages.size(), 1);
        QCOMPARE(drawn.stages.first().name, QStringLiteral("Build and test"));
        QCOMPARE(drawn.stages.first().jobs.size(), 2);
        QCOMPARE(drawn.stages.first().jobs.at(0).name, QStringLiteral("build"));
        QCOMPARE(drawn.stages.first().jobs.at(1).name, QStringLiteral("lint"));
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         const ui::LogView *log = page.logPanel()->view();
                         return log->lineCount() == 2
                             && log->lineText(1) == QLatin1String("warning: line too long");
                     },
                     10000),
            qPrintable(page.logPanel()->view()->placeholder()));
        QCOMPARE(m_server.requestCount(path + QStringLiteral("/7301000042/jobs")), 1);

        // A second poll: answered 304, the runs stay, the model is not reset.
        QSignalSpy resets(page.model(), &QAbstractItemModel::modelReset);
        QSignalSpy removed(page.model(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy updated(page.ciFeed(), &ui::PipelineCiFeed::runsUpdated);
        const int notModified = m_server.responsesWithStatus(304);
        page.ciFeed()->refresh();
        QVERIFY(updated.wait(10000));
        QCOMPARE(m_server.requestCount(path), 2);
        QCOMPARE(m_server.requests(path).last().header("If-None-Match"), QByteArray("W/\"runs-v1\""));
        QCOMPARE(m_server.responsesWithStatus(304), notModified + 1);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(removed.count(), 0);
        QCOMPARE(page.proxy()->rowCount(), 1);
        QCOMPARE(page.selectedRunKey(), run.key());
        QCOMPARE(page.graph()->run().stages.size(), 1); // the jobs stay through the re-poll
        QCOMPARE(m_server.requestCount(path + QStringLiteral("/7301000042/jobs")), 1);
        QVERIFY(page.banner()->text().isEmpty());
    }

    void serverProblemsShowInTheBanner_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("rateLimited");
        QTest::newRow("401 refused token") << 401 << false;
        QTest::newRow("403 rate limit") << 403 << true;
    }

    void serverProblemsShowInTheBanner()
    {
        QFETCH(int, status);
        QFETCH(bool, rateLimited);
        TestRepo repo;
        repo.init();
        writeConfig(repo, QStringLiteral("team/problems"), m_server.url());
        const QString path = QStringLiteral("/repos/team/problems/actions/runs");
        // x-ratelimit-reset is whole seconds since the epoch, an hour from now.
        const QDateTime reset
            = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch() + 3600, Qt::UTC);
        LoopbackResponse answer
            = LoopbackResponse::json(status == 401 ? QByteArray(R"({"message": "Bad credentials"})")
                                                   : QByteArray(R"({"message": "API rate limit exceeded"})"),
                status);
        if (rateLimited) {
            answer.withHeader("x-ratelimit-limit", "5000");
            answer.withHeader("x-ratelimit-remaining", "0");
            answer.withHeader("x-ratelimit-reset", QByteArray::number(reset.toSecsSinceEpoch()));
        }
        m_server.setRoute(path, answer);

        ui::Workspace workspace;
        ui::PipelinesPage page(&workspace);
        page.resize(1280, 800);
        page.show();
        page.setRepository(repo.path());
        QVERIFY(QTest::qWaitFor([&] { return page.isReady() && m_server.requestCount(path) > 0; }, 20000));
        QVERIFY(QTest::qWaitFor([&] { return !page.banner()->text().isEmpty(); }, 10000));
        const QString text = page.banner()->text();
        QVERIFY2(page.banner()->isVisible(), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String(Token)), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("Bearer")), qPrintable(text));
        if (rateLimited) {
            const QString until = reset.toLocalTime().toString(QStringLiteral("HH:mm"));
            QVERIFY2(text.contains(QStringLiteral("rate limited until ") + until), qPrintable(text));
        } else {
            QVERIFY2(text.contains(QLatin1String("401")), qPrintable(text));
            QVERIFY2(text.contains(QLatin1String("GITHUB_TOKEN")), qPrintable(text));
            QVERIFY(page.ciFeed()->problemNeedsSettings());
            QVERIFY(page.banner()->settingsButton()->isVisibleTo(page.banner()));
        }
        QCOMPARE(page.proxy()->rowCount(), 0);
    }

    // A finished CI run's test report lands in the test history with the run's
    // commit, once: GitLab's pipelines and test_report, answered by the loopback server.
    void finishedRunsTestsLandInTheTestHistory()
    {
        freshStore();
        TestRepo repo;
        repo.init();
        repo.commit(QStringLiteral("one"));
        repo.writeFile(QStringLiteral(".devdash.json"),
            QStringLiteral("{\"ci\": [{\"provider\": \"gitlab\", \"project\": \"team/reports\", "
                           "\"api_url\": \"%1/api/v4\"}]}")
                .arg(m_server.url().toString(QUrl::StripTrailingSlash))
                .toUtf8());
        const QString head = repo.commit(QStringLiteral("ci config"));
        qputenv("GITLAB_TOKEN", "glpat-feedSECRET0123456789");
        const auto unsetToken = qScopeGuard([] { qunsetenv("GITLAB_TOKEN"); });
        // GitLab's listing, its runs moved onto this repository's commit; the second one still running.
        QFile listing(devdash::test::testDataPath(QStringLiteral("ci-api/gitlab/pipelines.json")));
        QVERIFY(listing.open(QIODevice::ReadOnly));
        QJsonArray pipelines = QJsonDocument::fromJson(listing.readAll()).array();
        for (int i = 0; i < pipelines.size(); ++i) {
            QJsonObject pipeline = pipelines.at(i).toObject();
            pipeline.insert(QStringLiteral("sha"), head);
            if (i == 1)
                pipeline.insert(QStringLiteral("status"), QStringLiteral("running"));
            pipelines[i] = pipeline;
        }
        const QString root = QStringLiteral("/api/v4/projects/team/reports");
        m_server.setRoute(root + QStringLiteral("/pipelines"),
            LoopbackResponse::json(QJsonDocument(pipelines).toJson(QJsonDocument::Compact)));
        QFile report(QStringLiteral(DEVDASH_CI_TEST_DATA "/gitlab-test-report.json"));
        QVERIFY(report.open(QIODevice::ReadOnly));
        const QByteArray reportJson = report.readAll();
        const QString first = pipelines.at(0).toObject().value(QStringLiteral("id")).toVariant().toString();
        const QString running = pipelines.at(1).toObject().value(QStringLiteral("id")).toVariant().toString();
        m_server.setRoute(root + QStringLiteral("/pipelines/%1/test_report").arg(first),
            LoopbackResponse::json(reportJson));

        ui::Workspace workspace;
        ui::PipelinesPage page(&workspace);
        page.resize(1280, 800);
        page.show();
        QSignalSpy imported(page.ciFeed()->testImporter(), &ui::CiTestImporter::imported);
        page.setRepository(repo.path());
        QVERIFY(imported.wait(20000) || !imported.isEmpty());
        const auto run = imported.first().at(0).value<ci::PipelineRun>();
        QCOMPARE(run.id, first);
        QCOMPARE(imported.first().at(1).toInt(), 3);
        QCOMPARE(imported.first().at(2).toInt(), 1);
        // The running pipeline's report is not asked for.
        QCOMPARE(m_server.requestCount(root + QStringLiteral("/pipelines/%1/test_report").arg(running)), 0);
        QVERIFY(QTest::qWaitFor([&] { return page.ciFeed()->testImporter()->pending() == 0; }, 20000));

        // In the test history, with the run's commit and its CI source.
        auto location = ui::TestStoreAccess::location();
        QVERIFY(location);
        auto db = store::Database::open(*location);
        QVERIFY2(db, qPrintable(db.errorMessage()));
        testresults::TestRunStore store(*db);
        auto runs = store.runs(ui::TestStoreAccess::repositoryKey(repo.path()));
        QVERIFY2(runs, qPrintable(runs.errorMessage()));
        QCOMPARE(runs->size(), 1);
        QCOMPARE(runs->first().commit, head);
        QCOMPARE(runs->first().source, QStringLiteral("gitlab:team/reports#%1").arg(first));
        QCOMPARE(runs->first().counts.failed, 1);

        // The running pipeline finishes: its report is fetched then, once.
        pipelines[1] = [&] {
            QJsonObject p = pipelines.at(1).toObject();
            p.insert(QStringLiteral("status"), QStringLiteral("failed"));
            return p;
        }();
        m_server.setRoute(root + QStringLiteral("/pipelines"),
            LoopbackResponse::json(QJsonDocument(pipelines).toJson(QJsonDocument::Compact)));
        m_server.setRoute(root + QStringLiteral("/pipelines/%1/test_report").arg(running),
            LoopbackResponse::json(reportJson));
        page.refresh();
        QVERIFY(QTest::qWaitFor(
            [&] {
                return m_server.requestCount(root + QStringLiteral("/pipelines/%1/test_report").arg(running))
                    == 1
                    && page.ciFeed()->testImporter()->pending() == 0;
            },
            20000));
        page.refresh();
        QTest::qWait(300);
        QCOMPARE(m_server.requestCount(root + QStringLiteral("/pipelines/%1/test_report").arg(first)), 1);
        QCOMPARE(m_server.requestCount(root + QStringLiteral("/pipelines/%1/test_report").arg(running)), 1);
    }

    // History's dots for commits without stored runs come from the server: GitHub's
    // check runs and commit statuses of that commit (the worst wins), asked once.
    void historyDotsAskTheServerForCommitsWithoutRuns()
    {
        TestRepo repo;
        repo.init();
        const QString first = repo.commit(QStringLiteral("one"));
        const QString head = writeConfig(repo, QStringLiteral("team/dots"), m_server.url());
        m_server.setRoute(QStringLiteral("/repos/team/dots/actions/runs"),
            LoopbackResponse::json("{\"total_count\": 0, \"workflow_runs\": []}"));
        const QString checks = QStringLiteral("/repos/team/dots/commits/%1/check-runs").arg(first);
        m_server.setRoute(
            checks, LoopbackResponse::file(QStringLiteral(DEVDASH_CI_TEST_DATA "/github-check-runs.json")));
        m_server.setRoute(QStringLiteral("/repos/team/dots/commits/%1/status").arg(first),
            LoopbackResponse::file(QStringLiteral(DEVDASH_CI_TEST_DATA "/github-status.json")));
        // `head` is unknown to the server (404): no dot, no error.

        ui::Workspace workspace;
        ui::PipelinesPage page(&workspace);
        page.setRepository(repo.path());
        QVERIFY(QTest::qWaitFor([&] { return page.isReady(); }, 20000));

        ui::CommitPipelineBadges badges;
        badges.setRemoteLookup([feed = page.ciFeed()](const QStringList &commits,
                                   std::function<void(QHash<QString, ci::CommitStatus>)> done) {
            feed->commitStatuses(commits, std::move(done));
        });
        badges.setRepository(repo.path());
        badges.request({ first, head });
        const bool got = QTest::qWaitFor([&] { return badges.statusOf(first).has_value(); }, 20000);
        if (!got)
            for (const LoopbackRequest &r : m_server.requests())
                qWarning("asked: %s", r.target.constData());
        QVERIFY(got);
        // Check runs: success + in progress; commit status: failure → failed.
        QCOMPARE(badges.statusOf(first)->status, ci::RunStatus::Failed);
        QVERIFY(badges.statusOf(first)->checks >= 2);
        QTest::qWait(200);
        QVERIFY(!badges.statusOf(head).has_value());
        const int asked = m_server.requestCount(checks);
        QCOMPARE(asked, 1);
        // Cached: the rows scrolled back into view are not asked again.
        badges.request({ first, head });
        QTest::qWait(300);
        QCOMPARE(m_server.requestCount(checks), asked);
        // The token went in the header only.
        QVERIFY(!m_server.requests(checks).constFirst().target.contains(Token));
    }
};

QTEST_MAIN(PipelinesCiFeedTest)
#include "tst_pipelinescifeed.moc"

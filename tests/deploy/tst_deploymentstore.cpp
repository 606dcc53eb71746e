// DeploymentStore on SQLite and on a real PostgreSQL server: deliveries are stored
// once (same external id, or same environment + commit + time + source), a
// provider's status change updates its deployment in place, and tags following the
// configured patterns are imported idempotently with the right times.

#include "StoreBackend.h"
#include "TestEnvironment.h"
#include "TestRepo.h"
#include "deploy/DeployConfig.h"
#include "deploy/DeploymentLoader.h"
#include "deploy/DeploymentRecord.h"
#include "deploy/DeploymentStore.h"
#include "deploy/TagDeployments.h"
#include "git/Repository.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTest>

using namespace devdash;
using namespace devdash::deploy;
using namespace devdash::test;

namespace {

Deployment make(const QString &env, const QString &commit, const QString &at, const QString &source,
    const QString &externalId = {}, DeploymentStatus status = DeploymentStatus::Success)
{
    Deployment d;
    d.environment = env;
    d.commit = commit;
    d.at = *DeploymentRecord::parseTime(at);
    d.source = source;
    d.externalId = externalId;
    d.status = status;
    return d;
}

const QString C1 = QStringLiteral("1111111111111111111111111111111111111111");
const QString C2 = QStringLiteral("2222222222222222222222222222222222222222");

} // namespace

class TstDeploymentStore : public QObject
{
    Q_OBJECT
public:
    explicit TstDeploymentStore(StoreBackend::Kind kind)
        : m_backend(kind)
    {
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(TestEnvironment::setUp());
        DEVDASH_PREPARE_STORE_BACKEND(m_backend);
    }

    void dedupesDeliveries()
    {
        auto db = store::Database::open(m_backend.freshLocation());
        QVERIFY2(db, qPrintable(db.errorMessage()));
        DeploymentStore store(*db);
        const QString repo = QStringLiteral("/src/app");
        auto first = store.add(repo,
            { make(QStringLiteral("production"), C1, QStringLiteral("2026-01-05T10:00:00Z"),
                  QStringLiteral("record")),
                make(QStringLiteral("production"), C2, QStringLiteral("2026-01-06T10:00:00Z"),
                    QStringLiteral("github"), QStringLiteral("gh-77"), DeploymentStatus::InProgress) });
        QVERIFY2(first, qPrintable(first.errorMessage()));
        QCOMPARE(first->added, 2);

        // The same record again, and the provider's deployment now finished: one update.
        auto again = store.add(repo,
            { make(QStringLiteral("production"), C1, QStringLiteral("2026-01-05T10:00:00Z"),
                  QStringLiteral("record")),
                make(QStringLiteral("production"), C2, QStringLiteral("2026-01-06T10:05:00Z"),
                    QStringLiteral("github"), QStringLiteral("gh-77"), DeploymentStatus::Success) });
        QVERIFY(again);
        QCOMPARE(again->added, 0);
        QCOMPARE(again->unchanged, 1);
        QCOMPARE(again->updated, 1);
        QCOMPARE(again->ids, first->ids);

        // A second deployment of C1 at another time is a deployment of its own.
        auto redeploy = store.add(repo,
            { make(QStringLiteral("production"), C1, QStringLiteral("2026-01-07T10:00:00Z"),
                QStringLiteral("record")) });
        QVERIFY(redeploy);
        QCOMPARE(redeploy->added, 1);

        auto list = store.list(repo);
        QVERIFY(list);
        QCOMPARE(list->size(), 3);
        QCOMPARE(list->at(1).status, DeploymentStatus::Success);
        QCOMPARE(list->at(1).at, *DeploymentRecord::parseTime(QStringLiteral("2026-01-06T10:05:00Z")));
        QCOMPARE(list->at(1).externalId, QStringLiteral("gh-77"));
        QCOMPARE(list->at(1).source, QStringLiteral("github"));
        QVERIFY(list->at(0).at < list->at(1).at && list->at(1).at < list->at(2).at);
        QCOMPARE(*store.environments(repo), QStringList { QStringLiteral("production") });
        QVERIFY(store.list(QStringLiteral("/src/other"))->isEmpty());

        // Nothing half-stored: a bad row fails the whole batch.
        auto bad = store.add(repo,
            { make(QStringLiteral("staging"), C1, QStringLiteral("2026-01-08T10:00:00Z"),
                  QStringLiteral("record")),
                make(QStringLiteral("staging"), QStringLiteral("abc"), QStringLiteral("2026-01-08T10:00:00Z"),
                    QStringLiteral("record")) });
        QVERIFY(!bad);
        QVERIFY(bad.errorMessage().contains(QStringLiteral("full commit id")));
        QCOMPARE(store.list(repo)->size(), 3);
    }

    void importsTagsIdempotently()
    {
        TestRepo repo(QStringLiteral("tags"));
        repo.init();
        const QString a = repo.commit(QStringLiteral("a"), {}, 1767607200); // 2026-01-05T10:00:00Z
        repo.lightweightTag(QStringLiteral("v1.0"));
        const QString b = repo.commit(QStringLiteral("b"), {}, 1767693600); // 2026-01-06T10:00:00Z
        // Annotated, tagged a day after the commit (the clock gives the tagger date).
        repo.freezeClock(true);
        repo.setTime(1767780000); // 2026-01-07T10:00:00Z
        repo.annotatedTag(QStringLiteral("deploy/production/1"), b);
        repo.lightweightTag(QStringLiteral("other"), a);
        repo.writeFile(QStringLiteral(".devdash.json"),
            "{\"environments\": [{\"name\": \"production\", \"tags\": \"deploy/production/*\"},"
            " {\"name\": \"staging\", \"tags\": [\"v*\"]}]}");
        QVERIFY2(repo.ok(), qPrintable(repo.errors()));

        auto db = store::Database::open(m_backend.freshLocation());
        QVERIFY(db);
        auto loaded = DeploymentLoader::load(*db, repo.path());
        QVERIFY2(loaded, qPrintable(loaded.errorMessage()));
        QCOMPARE(loaded->tagsAdded, 2);
        QCOMPARE(
            loaded->environments, (QStringList { QStringLiteral("production"), QStringLiteral("staging") }));
        const auto production = loaded->history.current(QStringLiteral("production"));
        QVERIFY(production);
        QCOMPARE(production->commit, b);
        QCOMPARE(production->at, QDateTime::fromSecsSinceEpoch(1767780000, Qt::UTC)); // tagger date
        QCOMPARE(production->version, QStringLiteral("deploy/production/1"));
        QCOMPARE(production->source, QStringLiteral("tag"));
        const auto staging = loaded->history.current(QStringLiteral("staging"));
        QVERIFY(staging);
        QCOMPARE(staging->commit, a);
        QCOMPARE(staging->at, QDateTime::fromSecsSinceEpoch(1767607200, Qt::UTC)); // commit date

        // Again: nothing new.
        auto again = DeploymentLoader::load(*db, repo.path());
        QVERIFY(again);
        QCOMPARE(again->tagsAdded, 0);
        QCOMPARE(again->tagsUpdated, 0);
        QCOMPARE(again->history.rows().size(), 2);
    }

    void patterns_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("tag");
        QTest::addColumn<bool>("matches");
        QTest::newRow("prefix") << "v*"
                                << "v1.2.3" << true;
        QTest::newRow("not prefix") << "v*"
                                    << "release-v1" << false;
        QTest::newRow("slashes") << "deploy/production/*"
                                 << "deploy/production/2026/01" << true;
        QTest::newRow("other env") << "deploy/production/*"
                                   << "deploy/staging/1" << false;
        QTest::newRow("one char") << "rc?"
                                  << "rc1" << true;
        QTest::newRow("dot is literal") << "v1.*"
                                        << "v10" << false;
    }
    void patterns()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, tag);
        QFETCH(bool, matches);
        QCOMPARE(TagDeployments::matches(pattern, tag), matches);
    }

private:
    StoreBackend m_backend;
};

DEVDASH_STORE_TEST_MAIN(TstDeploymentStore)
#include "tst_deploymentstore.moc"

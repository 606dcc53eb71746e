// The store's migrations on SQLite and on a real PostgreSQL server: every
// version reached from every earlier one keeps the data written before; a newer
// schema is refused untouched; a failing migration changes nothing.

#include "StoreBackend.h"
#include "store/Database.h"
#include "store/StoreMigrations.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace devdash;
using namespace devdash::store;
using namespace devdash::test;

namespace {

// Sample rows written at a version, and what must hold after migrating to the latest.
struct Sample
{
    int version;
    QStringList inserts;
    QList<QPair<QString, QVariant>> checks; // a query returning one value, and that value
};

QList<Sample> samples()
{
    const QString repo = QStringLiteral("(SELECT id FROM repositories WHERE repo_key = '/src/app')");
    const QString run = QStringLiteral("(SELECT id FROM test_runs WHERE content_hash = 'h1')");
    const QString test = QStringLiteral("(SELECT id FROM tests WHERE test_key = 'A::t')");
    return {
        { 1,
            { QStringLiteral(
                  "INSERT INTO repositories (repo_key, name, created_at) VALUES ('/src/app', 'app', 1000)"),
                QStringLiteral("INSERT INTO store_meta (meta_key, value) VALUES ('owner', 'team')") },
            { { QStringLiteral("SELECT name FROM repositories WHERE repo_key = '/src/app'"),
                  QStringLiteral("app") },
                { QStringLiteral("SELECT value FROM store_meta WHERE meta_key = 'owner'"),
                    QStringLiteral("team") } } },
        { 2,
            { QStringLiteral(
                  "INSERT INTO test_runs (repository_id, commit_id, branch, source, imported_at, "
                  "content_hash, tests, passed, failed, errored, skipped, flaky, duration_s) VALUES (")
                    + repo + QStringLiteral(", 'c1', 'main', 'ci', 2000, 'h1', 2, 1, 1, 0, 0, 0, 1.5)"),
                QStringLiteral(
                    "INSERT INTO tests (repository_id, test_key, suite, class_name, name, file, line) "
                    "VALUES (")
                    + repo + QStringLiteral(", 'A::t', 'S', 'A', 't', 'a.cpp', 7)"),
                QStringLiteral(
                    "INSERT INTO tests (repository_id, test_key, suite, class_name, name, file, line) "
                    "VALUES (")
                    + repo + QStringLiteral(", 'A::u', 'S', 'A', 'u', '', 0)"),
                QStringLiteral(
                    "INSERT INTO case_results (run_id, test_id, status, duration_s, flaky, attempts) "
                    "VALUES (")
                    + run + QLatin1Char(',') + test + QStringLiteral(", 1, 0.5, 0, 1)"),
                QStringLiteral(
                    "INSERT INTO case_results (run_id, test_id, status, duration_s, flaky, attempts) "
                    "SELECT ")
                    + run + QStringLiteral(", id, 0, 1.0, 0, 1 FROM tests WHERE test_key = 'A::u'"),
                QStringLiteral("INSERT INTO case_details (run_id, test_id, message) VALUES (") + run
                    + QLatin1Char(',') + test + QStringLiteral(", 'boom')") },
            { { QStringLiteral("SELECT COUNT(*) FROM case_results"), 2 },
                { QStringLiteral("SELECT message FROM case_details"), QStringLiteral("boom") },
                { QStringLiteral("SELECT failed FROM test_runs WHERE content_hash = 'h1'"), 1 },
                { QStringLiteral("SELECT line FROM tests WHERE test_key = 'A::t'"), 7 } } },
        { 3,
            { QStringLiteral("INSERT INTO run_reports (run_id, file, format, tool, report_time) VALUES (")
                    + run + QStringLiteral(", 'junit.xml', 'junit', 'ctest', 3000)"),
                QStringLiteral("INSERT INTO run_suites (run_id, report_id, path, name, hostname) SELECT ")
                    + run
                    + QStringLiteral(", id, 'S', 'S', 'host' FROM run_reports WHERE file = 'junit.xml'"),
                QStringLiteral("UPDATE case_details SET retries = '[]'") },
            { { QStringLiteral("SELECT hostname FROM run_suites"), QStringLiteral("host") },
                { QStringLiteral("SELECT tool FROM run_reports"), QStringLiteral("ctest") },
                { QStringLiteral("SELECT retries FROM case_details"), QStringLiteral("[]") } } },
        { 4,
            { QStringLiteral("INSERT INTO pipeline_runs (repository_id, provider, project, run_id, name, branch, "
                             "commit_id, status, run_trigger, started_at, finished_at, sort_at, url, dirty, "
                             "stages, updated_at) VALUES (")
                    + repo
                    + QStringLiteral(", 'local', '/src/app', 'r1', 'pipeline', 'main', 'c1', 'failed', 'local', "
                                     "4000, 5000, 4000, '', 1, '[]', 5000)"),
                QStringLiteral("INSERT INTO pipeline_logs (pipeline_run_id, job_id, size, truncated, content) "
                               "SELECT id, '1.1', 0, 0, '' FROM pipeline_runs WHERE run_id = 'r1'") },
            { { QStringLiteral("SELECT status FROM pipeline_runs WHERE run_id = 'r1'"), QStringLiteral("failed") },
                { QStringLiteral("SELECT dirty FROM pipeline_runs WHERE run_id = 'r1'"), 1 },
                { QStringLiteral("SELECT job_id FROM pipeline_logs"), QStringLiteral("1.1") } } },
        { 5,
            { QStringLiteral("INSERT INTO schema_snapshots (database_key, repository_id, environment, driver, "
                             "taken_at, content_hash, table_count, catalog) VALUES ('sqlite:///srv/app.db', ")
                    + repo + QStringLiteral(", 'staging', 'QSQLITE', 5500, 'sh1', 3, 'x')") },
            { { QStringLiteral("SELECT table_count FROM schema_snapshots WHERE content_hash = 'sh1'"), 3 },
                { QStringLiteral("SELECT environment FROM schema_snapshots WHERE database_key = "
                                 "'sqlite:///srv/app.db'"),
                    QStringLiteral("staging") } } },
        // (version 5 goes above: samples stay in version order)
        { 6,
            { QStringLiteral("INSERT INTO deployments (repository_id, environment, commit_id, status, deployed_at, "
                             "url, deployed_by, source, version, external_id, dedupe_key, recorded_at) VALUES (")
                    + repo
                    + QStringLiteral(", 'production', 'c1', 1, 6000, '', 'ci', 'record', 'v1', '', "
                                     "'at:production|c1|6000', 6000)") },
            { { QStringLiteral("SELECT status FROM deployments WHERE environment = 'production'"), 1 },
                { QStringLiteral("SELECT version FROM deployments WHERE dedupe_key = 'at:production|c1|6000'"),
                    QStringLiteral("v1") } } },
    };
}

QVariant scalar(const Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next()) {
        qWarning("query failed: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return {};
    }
    return q.value(0);
}

} // namespace

class TstStoreMigrations : public QObject
{
    Q_OBJECT
public:
    explicit TstStoreMigrations(StoreBackend::Kind kind)
        : m_backend(kind)
    {
    }

private Q_SLOTS:
    void initTestCase() { DEVDASH_PREPARE_STORE_BACKEND(m_backend); }

    void samplesCoverEveryVersion()
    {
        // A new migration needs sample data here, so that it is tested from every earlier version.
        const QList<Sample> all = samples();
        QCOMPARE(all.size(), StoreMigrations::standard().latestVersion());
        for (int i = 0; i < all.size(); ++i)
            QCOMPARE(all.at(i).version, i + 1);
    }

    void freshStoreIsLatest()
    {
        auto db = Database::open(m_backend.freshLocation());
        QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
        const int latest = StoreMigrations::standard().latestVersion();
        QCOMPARE(*StoreMigrations::currentVersion(*db), latest);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT COUNT(*) FROM schema_version")).toInt(), latest);
        QCOMPARE(db->dialect(),
            m_backend.kind() == StoreBackend::Kind::Sqlite ? Database::Dialect::Sqlite
                                                           : Database::Dialect::Postgres);
    }

    void migrateFromEveryVersion_data()
    {
        QTest::addColumn<int>("from");
        for (int v = 0; v < StoreMigrations::standard().latestVersion(); ++v)
            QTest::addRow("from %d", v) << v;
    }

    void migrateFromEveryVersion()
    {
        QFETCH(int, from);
        const StoreLocation location = m_backend.freshLocation();
        {
            auto db = Database::connect(location);
            QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
            const auto reached = StoreMigrations::standard().migrate(*db, from);
            QVERIFY2(reached.ok(), qPrintable(reached.errorMessage()));
            QCOMPARE(*reached, from);
            for (const Sample &sample : samples()) {
                if (sample.version > from)
                    break;
                for (const QString &sql : sample.inserts) {
                    QSqlQuery q(db->connection());
                    QVERIFY2(q.exec(sql), qPrintable(sql + QStringLiteral(": ") + q.lastError().text()));
                }
            }
        }
        auto db = Database::open(location);
        QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
        QCOMPARE(*StoreMigrations::currentVersion(*db), StoreMigrations::standard().latestVersion());
        for (const Sample &sample : samples()) {
            if (sample.version > from)
                break;
            for (const auto &[sql, expected] : sample.checks)
                QCOMPARE(scalar(*db, sql).toString(), expected.toString());
        }
        // The versions were recorded one by one, none twice.
        QCOMPARE(scalar(*db, QStringLiteral("SELECT COUNT(DISTINCT version) FROM schema_version")).toInt(),
            StoreMigrations::standard().latestVersion());
        // Older data and new rows live side by side.
        if (from >= 2) {
            QCOMPARE(scalar(*db, QStringLiteral("SELECT COUNT(*) FROM case_results WHERE suite_id IS NULL"))
                         .toInt(),
                2);
        }
        QSqlQuery q(db->connection());
        QVERIFY2(q.exec(QStringLiteral(
                     "INSERT INTO repositories (repo_key, name, created_at) VALUES ('/x', 'x', 1)")),
            qPrintable(q.lastError().text()));
    }

    void reopeningChangesNothing()
    {
        const StoreLocation location = m_backend.freshLocation();
        qint64 appliedAt = 0;
        {
            auto db = Database::open(location);
            QVERIFY(db.ok());
            appliedAt
                = scalar(*db, QStringLiteral("SELECT MAX(applied_at) FROM schema_version")).toLongLong();
        }
        QTest::qWait(5);
        auto db = Database::open(location);
        QVERIFY(db.ok());
        QCOMPARE(scalar(*db, QStringLiteral("SELECT MAX(applied_at) FROM schema_version")).toLongLong(),
            appliedAt);
    }

    void newerSchemaIsRefusedAndUntouched()
    {
        const StoreLocation location = m_backend.freshLocation();
        const int future = StoreMigrations::standard().latestVersion() + 1;
        {
            auto db = Database::open(location);
            QVERIFY(db.ok());
            QSqlQuery q(db->connection());
            QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_version (version, description, applied_at) "
                                          "VALUES (%1, 'from the future', 1)")
                               .arg(future)));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE future_things (id INTEGER)")));
        }
        auto refused = Database::open(location);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.errorMessage().contains(QStringLiteral("newer DevDash")),
            qPrintable(refused.errorMessage()));
        QVERIFY(refused.errorMessage().contains(QString::number(future)));
        // Not even a connection without migrations may use it.
        QVERIFY(!Database::connect(location).ok());
        // Untouched: read it with a migration list that knows the future version.
        auto db = Database::connect(location, future);
        QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
        QCOMPARE(*StoreMigrations::currentVersion(*db), future);
        QVERIFY(db->connection().tables().contains(QStringLiteral("future_things")));
    }

    void failingMigrationChangesNothing()
    {
        const StoreLocation location = m_backend.freshLocation();
        const int latest = StoreMigrations::standard().latestVersion();
        QVERIFY(Database::open(location).ok());
        QList<Migration> list = StoreMigrations::standard().migrations();
        list.append({ latest + 1, QStringLiteral("half good"),
            { { QStringLiteral("CREATE TABLE half_done (id {{pk}}, value {{real}})") },
                { QStringLiteral("ALTER TABLE no_such_table ADD COLUMN x INTEGER") } } });
        const StoreMigrations broken(list);
        auto failed = Database::open(location, broken);
        QVERIFY(!failed.ok());
        QVERIFY2(failed.errorMessage().contains(QStringLiteral("schema version %1").arg(latest + 1)),
            qPrintable(failed.errorMessage()));
        auto db = Database::open(location);
        QVERIFY(db.ok());
        QCOMPARE(*StoreMigrations::currentVersion(*db), latest);
        QVERIFY(!db->connection().tables().contains(QStringLiteral("half_done")));
    }

    void concurrentOpenersMigrateOnce()
    {
        const StoreLocation location = m_backend.freshLocation();
        std::atomic_int failures { 0 };
        QString lastError;
        QList<QThread *> threads;
        for (int i = 0; i < 4; ++i) {
            threads.append(QThread::create([&]() {
                auto db = Database::open(location);
                if (!db) {
                    ++failures;
                    lastError = db.errorMessage();
                }
            }));
        }
        for (QThread *t : threads)
            t->start();
        for (QThread *t : threads) {
            t->wait();
            delete t;
        }
        QVERIFY2(failures == 0, qPrintable(lastError));
        auto db = Database::open(location);
        QVERIFY(db.ok());
        QCOMPARE(scalar(*db, QStringLiteral("SELECT COUNT(*) FROM schema_version")).toInt(),
            StoreMigrations::standard().latestVersion());
    }

    void dialectTokens()
    {
        const QString sql = QStringLiteral("CREATE TABLE t (id {{pk}}, d {{real}}){{without_rowid}}");
        QCOMPARE(StoreMigrations::translate(sql, Database::Dialect::Sqlite),
            QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, d REAL) WITHOUT ROWID"));
        QCOMPARE(StoreMigrations::translate(sql, Database::Dialect::Postgres),
            QStringLiteral("CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, d DOUBLE "
                           "PRECISION)"));
    }

private:
    StoreBackend m_backend;
};

DEVDASH_STORE_TEST_MAIN(TstStoreMigrations)

#include "tst_storemigrations.moc"

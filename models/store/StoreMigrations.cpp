#include "StoreMigrations.h"

#include <QDateTime>
#include <QSqlError>

namespace devdash::store {

namespace {

// Any number: the key of the advisory lock that serialises migrations on PostgreSQL.
constexpr qint64 MigrationLockKey = 0x6465766461736801;

QList<Migration> standardMigrations()
{
    using S = MigrationStep;
    QList<Migration> list;
    list.append({ 1, QStringLiteral("Repositories and store metadata"),
        {
            S { QStringLiteral("CREATE TABLE repositories (id {{pk}}, repo_key TEXT NOT NULL UNIQUE, "
                               "name TEXT NOT NULL, created_at BIGINT NOT NULL)") },
            S { QStringLiteral("CREATE TABLE store_meta (meta_key TEXT PRIMARY KEY, value TEXT NOT NULL)") },
        } });
    // Times are milliseconds since the epoch (UTC): compact, ordered, same in both dialects.
    // Statuses: 0 passed, 1 failed, 2 errored, 3 skipped.
    list.append({ 2, QStringLiteral("Test runs, test identities and case results"),
        {
            S { QStringLiteral("CREATE TABLE test_runs (id {{pk}}, "
                               "repository_id BIGINT NOT NULL REFERENCES repositories(id) ON DELETE CASCADE, "
                               "commit_id TEXT NOT NULL, branch TEXT NOT NULL, source TEXT NOT NULL, "
                               "imported_at BIGINT NOT NULL, content_hash TEXT NOT NULL, "
                               "tests INTEGER NOT NULL, passed INTEGER NOT NULL, failed INTEGER NOT NULL, "
                               "errored INTEGER NOT NULL, skipped INTEGER NOT NULL, flaky INTEGER NOT NULL, "
                               "duration_s {{real}} NOT NULL)") },
            S { QStringLiteral(
                "CREATE UNIQUE INDEX test_runs_content ON test_runs (repository_id, content_hash)") },
            S { QStringLiteral(
                "CREATE INDEX test_runs_branch ON test_runs (repository_id, branch, imported_at)") },
            S { QStringLiteral("CREATE INDEX test_runs_time ON test_runs (repository_id, imported_at)") },
            S { QStringLiteral("CREATE INDEX test_runs_commit ON test_runs (repository_id, commit_id)") },
            S { QStringLiteral("CREATE TABLE tests (id {{pk}}, "
                               "repository_id BIGINT NOT NULL REFERENCES repositories(id) ON DELETE CASCADE, "
                               "test_key TEXT NOT NULL, suite TEXT NOT NULL, class_name TEXT NOT NULL, "
                               "name TEXT NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL)") },
            S { QStringLiteral("CREATE UNIQUE INDEX tests_key ON tests (repository_id, test_key)") },
            // The big table: one narrow row per case, clustered by run on SQLite.
            S { QStringLiteral("CREATE TABLE case_results ("
                               "run_id BIGINT NOT NULL REFERENCES test_runs(id) ON DELETE CASCADE, "
                               "test_id BIGINT NOT NULL REFERENCES tests(id), status SMALLINT NOT NULL, "
                               "duration_s {{real}}, flaky SMALLINT NOT NULL, attempts SMALLINT NOT NULL, "
                               "PRIMARY KEY (run_id, test_id)){{without_rowid}}") },
            // Covers history and flaky detection without touching the table.
            S { QStringLiteral(
                "CREATE INDEX case_results_test ON case_results (test_id, run_id, status, flaky)") },
            // Messages and traces only for cases that did not simply pass.
            S { QStringLiteral(
                "CREATE TABLE case_details (run_id BIGINT NOT NULL, test_id BIGINT NOT NULL, "
                "message TEXT, failure_type TEXT, details TEXT, system_out TEXT, system_err TEXT, "
                "PRIMARY KEY (run_id, test_id), FOREIGN KEY (run_id, test_id) "
                "REFERENCES case_results (run_id, test_id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED)"
                "{{without_rowid}}") },
        } });
    list.append({ 3, QStringLiteral("Report files, suites, retries and the failure index"),
        {
            S { QStringLiteral(
                "CREATE TABLE run_reports (id {{pk}}, "
                "run_id BIGINT NOT NULL REFERENCES test_runs(id) ON DELETE CASCADE, "
                "file TEXT NOT NULL, format TEXT NOT NULL, tool TEXT NOT NULL, report_time BIGINT)") },
            S { QStringLiteral("CREATE INDEX run_reports_run ON run_reports (run_id)") },
            S { QStringLiteral(
                "CREATE TABLE run_suites (id {{pk}}, "
                "run_id BIGINT NOT NULL REFERENCES test_runs(id) ON DELETE CASCADE, "
                "report_id BIGINT REFERENCES run_reports(id) ON DELETE CASCADE, path TEXT NOT NULL, "
                "name TEXT NOT NULL, duration_s {{real}}, suite_time BIGINT, hostname TEXT NOT NULL)") },
            S { QStringLiteral("CREATE INDEX run_suites_run ON run_suites (run_id)") },
            // Older runs keep NULL: their cases group under the test's own suite.
            S { QStringLiteral("ALTER TABLE case_results ADD COLUMN suite_id BIGINT") },
            S { QStringLiteral("ALTER TABLE case_details ADD COLUMN retries TEXT") },
            // Failures and retries are rare: a partial index makes "what failed in these
            // runs" (trends, flaky detection) read only those rows.
            S { QStringLiteral("CREATE INDEX case_results_failing ON case_results (run_id, status, flaky) "
                               "WHERE status IN (1, 2) OR flaky <> 0") },
        } });
    // Pipeline runs, CI (cached by the poller) and local. A run's stages → jobs → steps
    // are one JSON column: always read and written whole, never queried into.
    // Statuses are the CLI's names ("success"…); times are ms since the epoch (UTC);
    // sort_at is the start, or when the run was first seen while still queued.
    list.append({ 4, QStringLiteral("Pipeline runs (CI and local) and local job logs"),
        {
            S { QStringLiteral("CREATE TABLE pipeline_runs (id {{pk}}, "
                               "repository_id BIGINT NOT NULL REFERENCES repositories(id) ON DELETE CASCADE, "
                               "provider TEXT NOT NULL, project TEXT NOT NULL, run_id TEXT NOT NULL, "
                               "name TEXT NOT NULL, branch TEXT NOT NULL, commit_id TEXT NOT NULL, "
                               "status TEXT NOT NULL, run_trigger TEXT NOT NULL, started_at BIGINT, "
                               "finished_at BIGINT, sort_at BIGINT NOT NULL, url TEXT NOT NULL, "
                               "dirty SMALLINT NOT NULL, stages TEXT NOT NULL, updated_at BIGINT NOT NULL)") },
            S { QStringLiteral("CREATE UNIQUE INDEX pipeline_runs_key "
                               "ON pipeline_runs (repository_id, provider, project, run_id)") },
            S { QStringLiteral("CREATE INDEX pipeline_runs_time ON pipeline_runs (repository_id, sort_at)") },
            S { QStringLiteral(
                "CREATE INDEX pipeline_runs_branch ON pipeline_runs (repository_id, branch, sort_at)") },
            S { QStringLiteral(
                "CREATE INDEX pipeline_runs_commit ON pipeline_runs (repository_id, commit_id)") },
            // zlib-compressed (qCompress) output of one job of a local run.
            S { QStringLiteral("CREATE TABLE pipeline_logs ("
                               "pipeline_run_id BIGINT NOT NULL REFERENCES pipeline_runs(id) ON DELETE CASCADE, "
                               "job_id TEXT NOT NULL, size BIGINT NOT NULL, truncated SMALLINT NOT NULL, "
                               "content BLOB NOT NULL, PRIMARY KEY (pipeline_run_id, job_id))"),
                MigrationStep::Only::Sqlite },
            S { QStringLiteral("CREATE TABLE pipeline_logs ("
                               "pipeline_run_id BIGINT NOT NULL REFERENCES pipeline_runs(id) ON DELETE CASCADE, "
                               "job_id TEXT NOT NULL, size BIGINT NOT NULL, truncated SMALLINT NOT NULL, "
                               "content BYTEA NOT NULL, PRIMARY KEY (pipeline_run_id, job_id))"),
                MigrationStep::Only::Postgres },
        } });
    // Schema snapshots of inspected databases (schema/SchemaSnapshotStore). database_key is
    // the URL without its password, or the environment's name; catalog is the
    // qCompress'd JSON of `devdash schema --json`; content_hash covers the structure only
    // (not row estimates), so an unchanged schema adds no row. taken_at: ms since the epoch (UTC).
    list.append({ 5, QStringLiteral("Schema snapshots"),
        {
            S { QStringLiteral("CREATE TABLE schema_snapshots (id {{pk}}, database_key TEXT NOT NULL, "
                               "repository_id BIGINT REFERENCES repositories(id) ON DELETE SET NULL, "
                               "environment TEXT NOT NULL, driver TEXT NOT NULL, taken_at BIGINT NOT NULL, "
                               "content_hash TEXT NOT NULL, table_count INTEGER NOT NULL, catalog BLOB NOT NULL)"),
                MigrationStep::Only::Sqlite },
            S { QStringLiteral("CREATE TABLE schema_snapshots (id {{pk}}, database_key TEXT NOT NULL, "
                               "repository_id BIGINT REFERENCES repositories(id) ON DELETE SET NULL, "
                               "environment TEXT NOT NULL, driver TEXT NOT NULL, taken_at BIGINT NOT NULL, "
                               "content_hash TEXT NOT NULL, table_count INTEGER NOT NULL, catalog BYTEA NOT NULL)"),
                MigrationStep::Only::Postgres },
            S { QStringLiteral(
                "CREATE INDEX schema_snapshots_timeline ON schema_snapshots (database_key, taken_at)") },
        } });
    // (Versions must stay in ascending order in this list: version 5 goes above this line.)
    // Deployments from every source (record, tag, github, gitlab, jenkins). Status: 0
    // success, 1 failure, 2 in progress; times in ms since the epoch (UTC). dedupe_key is
    // "id:<external id>" or "at:<environment>|<commit>|<time>" (deploy/Deployment.cpp).
    list.append({ 6, QStringLiteral("Deployments"),
        {
            S { QStringLiteral("CREATE TABLE deployments (id {{pk}}, "
                               "repository_id BIGINT NOT NULL REFERENCES repositories(id) ON DELETE CASCADE, "
                               "environment TEXT NOT NULL, commit_id TEXT NOT NULL, status SMALLINT NOT NULL, "
                               "deployed_at BIGINT NOT NULL, url TEXT NOT NULL, deployed_by TEXT NOT NULL, "
                               "source TEXT NOT NULL, version TEXT NOT NULL, external_id TEXT NOT NULL, "
                               "dedupe_key TEXT NOT NULL, recorded_at BIGINT NOT NULL)") },
            S { QStringLiteral(
                "CREATE UNIQUE INDEX deployments_dedupe ON deployments (repository_id, source, dedupe_key)") },
            S { QStringLiteral(
                "CREATE INDEX deployments_env_time ON deployments (repository_id, environment, deployed_at)") },
        } });
    return list;
}

} // namespace

StoreMigrations::StoreMigrations(QList<Migration> migrations)
    : m_migrations(std::move(migrations))
{
}

const StoreMigrations &StoreMigrations::standard()
{
    static const StoreMigrations migrations(standardMigrations());
    return migrations;
}

int StoreMigrations::latestVersion() const
{
    return m_migrations.isEmpty() ? 0 : m_migrations.constLast().version;
}

QString StoreMigrations::translate(const QString &sql, Database::Dialect dialect)
{
    const bool pg = dialect == Database::Dialect::Postgres;
    QString out = sql;
    out.replace(QLatin1String("{{pk}}"),
        pg ? QLatin1String("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
           : QLatin1String("INTEGER PRIMARY KEY"));
    out.replace(QLatin1String("{{real}}"), pg ? QLatin1String("DOUBLE PRECISION") : QLatin1String("REAL"));
    out.replace(QLatin1String("{{without_rowid}}"), pg ? QLatin1String("") : QLatin1String(" WITHOUT ROWID"));
    return out;
}

Error StoreMigrations::tooNewError(const Database &db, int version, int knownVersion)
{
    return Error { QStringLiteral(
        "The store %1 has schema version %2, but this DevDash knows versions up to %3: "
        "a newer DevDash wrote it. Update DevDash, or use another store (--store or "
        "DEVDASH_STORE). The store was not changed.")
                       .arg(db.location().displayName())
                       .arg(version)
                       .arg(knownVersion) };
}

Result<int> StoreMigrations::currentVersion(const Database &db)
{
    if (!db.connection().tables().contains(QStringLiteral("schema_version")))
        return 0;
    QSqlQuery query(db.connection());
    if (!query.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")))
        return db.error(QStringLiteral("read the schema version"), query);
    return query.next() ? query.value(0).toInt() : 0;
}

Result<int> StoreMigrations::migrate(const Database &db, int targetVersion) const
{
    const int target = targetVersion < 0 ? latestVersion() : targetVersion;
    // Cheap check first, without a write lock: most opens find nothing to do.
    const auto before = currentVersion(db);
    if (!before)
        return before;
    if (*before > latestVersion())
        return tooNewError(db, *before, latestVersion());
    if (*before >= target)
        return *before;

    if (auto ok = db.beginWrite(); !ok)
        return ok.error();
    auto fail = [&db](Error error) -> Result<int> {
        db.rollback();
        return error;
    };
    if (db.isPostgres()) {
        QSqlQuery lock(db.connection());
        lock.prepare(QStringLiteral("SELECT pg_advisory_xact_lock(?)"));
        lock.addBindValue(MigrationLockKey);
        if (!lock.exec())
            return fail(db.error(QStringLiteral("lock the schema for migration"), lock));
    }
    if (auto ok
        = db.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                                 "description TEXT NOT NULL, applied_at BIGINT NOT NULL)"));
        !ok)
        return fail(ok.error());
    // Another process may have migrated while we waited for the lock.
    const auto current = currentVersion(db);
    if (!current)
        return fail(current.error());
    if (*current > latestVersion())
        return fail(tooNewError(db, *current, latestVersion()));

    int reached = *current;
    for (const Migration &migration : m_migrations) {
        if (migration.version <= reached || migration.version > target)
            continue;
        for (const MigrationStep &step : migration.steps) {
            if ((step.only == MigrationStep::Only::Sqlite && db.isPostgres())
                || (step.only == MigrationStep::Only::Postgres && !db.isPostgres()))
                continue;
            QSqlQuery query(db.connection());
            if (!query.exec(translate(step.sql, db.dialect())))
                return fail(db.error(QStringLiteral("migrate to schema version %1 (%2)")
                                         .arg(migration.version)
                                         .arg(migration.description),
                    query));
        }
        QSqlQuery record(db.connection());
        record.prepare(QStringLiteral("INSERT INTO schema_version (version, description, applied_at) "
                                      "VALUES (?, ?, ?)"));
        record.addBindValue(migration.version);
        record.addBindValue(migration.description);
        record.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!record.exec())
            return fail(db.error(QStringLiteral("record schema version %1").arg(migration.version), record));
        reached = migration.version;
    }
    if (auto ok = db.commit(); !ok)
        return fail(ok.error());
    return reached;
}

} // namespace devdash::store

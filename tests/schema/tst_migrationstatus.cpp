// History tables built to each framework's documented layout in real SQLite files,
// against migration files committed to real git repositories: every state of
// `flyway info` (applied, pending, failed, missing, checksum mismatch, out of order,
// future, baseline, ignored) and framework detection with its name and case variations;
// see tst_migrationmodels for the matrix and the item models.

#include "MigrationFixtures.h"
#include "MigrationHistoryDb.h"
#include "TestEnvironment.h"
#include "TestRepo.h"

#include "schema/migrations/MigrationHistoryReader.h"
#include "schema/migrations/MigrationInspector.h"
#include "schema/migrations/MigrationStatus.h"

#include <QCryptographicHash>
#include <QTest>
#include <QTimeZone>

#include <zlib.h>

using namespace devdash;
using namespace devdash::migrations;
using devdash::test::MigrationHistoryDb;
using devdash::test::TestRepo;

namespace {

const QString Folder = QStringLiteral("src/main/resources/db/migration");
// The library's Flyway history (tests/data/migrations): 1.1 .. 1.12, a repeatable and an
// undo; then the baseline reset B2_0 + V2_1 .. V2_3.
const QString History = QStringLiteral("flyway/library-v1/postgresql");
const QString Reset = QStringLiteral("flyway/library-v2/postgresql");

// Flyway's checksum by the independent formulation (CRC-32 without line ends), so the
// history rows do not come from the code under test.
qint32 flywayCrc(QByteArray bytes)
{
    bytes.replace('\r', QByteArray()).replace('\n', QByteArray());
    return qint32(quint32(crc32(0, reinterpret_cast<const Bytef *>(bytes.constData()), uInt(bytes.size()))));
}

const char *FlywayTable
    = "CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50), "
      "description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, "
      "checksum INT, installed_by VARCHAR(100) NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT "
      "CURRENT_TIMESTAMP, execution_time INT NOT NULL, success BOOLEAN NOT NULL)";

struct FlywayRow
{
    QString version;
    QString script; // file name in the sample folder, or a made-up one
    std::optional<qint32> checksum;
    bool success = true;
    QString type = QStringLiteral("SQL");
};

// Flyway's description of a script: the words after "__", without ".sql".
QString descriptionOf(const QString &script)
{
    if (!script.contains(QStringLiteral("__")))
        return script;
    QString words = script.section(QStringLiteral("__"), 1);
    words.chop(words.endsWith(QLatin1String(".sql")) ? 4 : 0);
    return words.replace(QLatin1Char('_'), QLatin1Char(' '));
}

QString addFlywayRows(const MigrationHistoryDb &db, const QList<FlywayRow> &rows)
{
    if (QString e = db.exec(QString::fromLatin1(FlywayTable)); !e.isEmpty())
        return e;
    int rank = 0;
    for (const FlywayRow &r : rows) {
        ++rank;
        const QString e = db.exec(
            QStringLiteral("INSERT INTO flyway_schema_history VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            { rank, r.version.isEmpty() ? QVariant() : QVariant(r.version), descriptionOf(r.script), r.type,
                r.script, r.checksum ? QVariant(*r.checksum) : QVariant(), QStringLiteral("deployer"),
                QStringLiteral("2024-03-0%1 10:00:00").arg(rank % 9 + 1), 10 * rank, r.success ? 1 : 0 });
        if (!e.isEmpty())
            return e;
    }
    return {};
}

// The row Flyway writes for sample file `name` of `files` (a repeatable has no version).
FlywayRow appliedRow(const QMap<QString, QByteArray> &files, const QString &name)
{
    const QString path = Folder + QLatin1Char('/') + name;
    const QString version = name.startsWith(QLatin1Char('R'))
        ? QString()
        : name.mid(1).section(QStringLiteral("__"), 0, 0).replace(QLatin1Char('_'), QLatin1Char('.'));
    return { version, name, flywayCrc(files.value(path)) };
}

QString fileNameOf(const QMap<QString, QByteArray> &files, const QString &version)
{
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        const QString name = it.key().section(QLatin1Char('/'), -1);
        if (name.startsWith(QLatin1Char('V') + QString(version).replace(QLatin1Char('.'), QLatin1Char('_'))
                + QStringLiteral("__")))
            return name;
    }
    return {};
}

QMap<QString, QString> statesOf(const QList<MigrationEntry> &entries)
{
    QMap<QString, QString> out;
    for (const MigrationEntry &e : entries)
        out.insert(e.key, migrationStateName(e.state));
    return out;
}

Result<MigrationReport> inspect(const MigrationHistoryDb &db, const QString &repo, const QString &ref,
    const QString &folder = Folder, Framework framework = Framework::Unknown)
{
    MigrationInspector::Request request;
    request.repoPath = repo;
    request.ref = ref;
    request.folder = folder;
    request.framework = framework;
    return MigrationInspector::inspect(db.db(), request);
}

} // namespace

class TestMigrationStatus : public QObject
{
    Q_OBJECT

    TestRepo m_library;
    QMap<QString, QByteArray> m_files;
    QString m_editedCommit;
    QString m_resetCommit;

    QList<FlywayRow> appliedRows(int from, int to) const
    {
        QList<FlywayRow> rows;
        for (int v = from; v <= to; ++v)
            rows.append(appliedRow(m_files, fileNameOf(m_files, QStringLiteral("1.%1").arg(v))));
        return rows;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(test::TestEnvironment::setUp());
        // main: the library's 1.x migrations; then one of them edited after it was applied;
        // then the baseline reset (B2_0 + V2_x) on a branch.
        QString why;
        m_files = test::sampleFiles(History, Folder + QLatin1Char('/'), &why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        const auto reset = test::sampleFiles(Reset, Folder + QLatin1Char('/'), &why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        m_library.init();
        m_library.commit(QStringLiteral("1.x"), m_files);
        m_library.lightweightTag(QStringLiteral("original"));
        const QString edited = Folder + QLatin1Char('/') + fileNameOf(m_files, QStringLiteral("1.5"));
        QVERIFY2(m_files.contains(edited), qPrintable(edited));
        m_editedCommit = m_library.commit(QStringLiteral("edit an applied migration"),
            { { edited, m_files.value(edited) + "\n-- reviewed\n" } });
        m_library.checkoutNew(QStringLiteral("baseline-reset"));
        auto resetCommit = test::deletions(m_files);
        resetCommit.insert(reset);
        m_resetCommit = m_library.commit(QStringLiteral("baseline reset"), resetCommit);
        m_library.checkout(QStringLiteral("main"));
        QVERIFY2(m_library.ok(), qPrintable(m_library.errors()));
    }

    void flywayAllApplied()
    {
        MigrationHistoryDb db;
        QList<FlywayRow> rows = appliedRows(1, 12);
        rows.append(appliedRow(m_files, QStringLiteral("R__book_views.sql")));
        QCOMPARE(addFlywayRows(db, rows), QString());
        const auto report = inspect(db, m_library.path(), QStringLiteral("original"));
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        QCOMPARE(report->history.framework, Framework::Flyway);
        QCOMPARE(report->history.table, QStringLiteral("flyway_schema_history"));
        QCOMPARE(report->entries.size(), 13); // the undo script is no entry of its own
        for (const MigrationEntry &e : report->entries) {
            QVERIFY2(e.state == MigrationState::Applied,
                qPrintable(e.key + QLatin1Char(' ') + migrationStateName(e.state)));
            QCOMPARE(e.applied->checksum, e.file->checksum);
            QCOMPARE(e.applied->appliedBy, QStringLiteral("deployer"));
        }
        QCOMPARE(report->entries.last().key, QStringLiteral("R:book views"));
        QCOMPARE(report->entries.last().kind, MigrationKind::Repeatable);
        const MigrationEntry &first = report->entries.first();
        QCOMPARE(first.key, QStringLiteral("1.1"));
        QCOMPARE(first.applied->appliedAt, QDateTime(QDate(2024, 3, 2), QTime(10, 0), QTimeZone::utc()));
        QCOMPARE(first.applied->durationMs, 10);
        QCOMPARE(first.applied->installedRank, 1);
        // Version order: 1.9 before 1.10.
        QCOMPARE(report->entries.at(8).key, QStringLiteral("1.9"));
        QCOMPARE(report->entries.at(9).key, QStringLiteral("1.10"));

        // The same database against the commit that edited 1.5 after it was applied.
        const auto edited = inspect(db, m_library.path(), m_editedCommit);
        QVERIFY2(edited.ok(), qPrintable(edited.errorMessage()));
        const auto states = statesOf(edited->entries);
        QCOMPARE(states.value(QStringLiteral("1.5")), QStringLiteral("checksum_mismatch"));
        QCOMPARE(states.values().count(QStringLiteral("applied")), 12);
    }

    void flywayProblems()
    {
        // Production: 1.1..1.6 applied, 1.7 failed, 1.9 applied before 1.8, 1.10..1.12 and the
        // repeatable not applied, and 1.0.5 applied once but its file is gone.
        MigrationHistoryDb db;
        QList<FlywayRow> rows;
        rows.append({ QStringLiteral("1.0.5"), QStringLiteral("V1_0_5__removed.sql"), 12345 });
        rows.append(appliedRows(1, 6));
        FlywayRow failed = appliedRow(m_files, fileNameOf(m_files, QStringLiteral("1.7")));
        failed.success = false;
        rows.append(failed);
        rows.append(appliedRow(m_files, fileNameOf(m_files, QStringLiteral("1.9"))));
        rows.append(appliedRow(m_files, fileNameOf(m_files, QStringLiteral("1.8"))));
        QCOMPARE(addFlywayRows(db, rows), QString());
        const auto report = inspect(db, m_library.path(), QStringLiteral("original"));
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        const auto states = statesOf(report->entries);
        QCOMPARE(states.value(QStringLiteral("1.0.5")), QStringLiteral("missing"));
        QCOMPARE(states.value(QStringLiteral("1.1")), QStringLiteral("applied"));
        QCOMPARE(states.value(QStringLiteral("1.7")), QStringLiteral("failed"));
        QCOMPARE(states.value(QStringLiteral("1.8")), QStringLiteral("out_of_order"));
        QCOMPARE(states.value(QStringLiteral("1.9")), QStringLiteral("applied"));
        for (int v = 10; v <= 12; ++v)
            QCOMPARE(states.value(QStringLiteral("1.%1").arg(v)), QStringLiteral("pending"));
        QCOMPARE(states.value(QStringLiteral("R:book views")), QStringLiteral("pending"));
        // Version order, as flyway info lists them, repeatables last.
        QCOMPARE(report->entries.first().key, QStringLiteral("1.0.5"));
        QCOMPARE(report->entries.at(report->entries.size() - 2).key, QStringLiteral("1.12"));
        QCOMPARE(report->entries.last().key, QStringLiteral("R:book views"));
        const auto counts = MigrationStatus::count(report->entries);
        QCOMPARE(counts.pending, 4);
        QCOMPARE(counts.problems, 3);
        QCOMPARE(counts.applied, 7);
    }

    void flywayFutureAndBaseline()
    {
        // Staging: baselined at 1.5 (flyway baseline), then 1.6..1.8, then 1.13 from a
        // branch whose file main does not have.
        MigrationHistoryDb db;
        QList<FlywayRow> rows;
        rows.append({ QStringLiteral("1.5"), QStringLiteral("<< Flyway Baseline >>"), std::nullopt, true,
            QStringLiteral("BASELINE") });
        rows.append(appliedRows(6, 8));
        rows.append({ QStringLiteral("1.13"), QStringLiteral("V1_13__next.sql"), 42 });
        QCOMPARE(addFlywayRows(db, rows), QString());
        const auto report = inspect(db, m_library.path(), QStringLiteral("original"));
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        const auto states = statesOf(report->entries);
        QCOMPARE(states.value(QStringLiteral("1.5")), QStringLiteral("baseline"));
        QCOMPARE(states.value(QStringLiteral("1.1")), QStringLiteral("ignored")); // below the baseline
        QCOMPARE(states.value(QStringLiteral("1.8")), QStringLiteral("applied"));
        QCOMPARE(states.value(QStringLiteral("1.9")), QStringLiteral("ignored")); // below the current 1.13
        QCOMPARE(states.value(QStringLiteral("1.13")), QStringLiteral("future"));
        QCOMPARE(states.value(QStringLiteral("R:book views")), QStringLiteral("pending"));
        QCOMPARE(report->entries.size(), 14);
    }

    void flywayBaselineReset()
    {
        // A database migrated with the 1.x files, read at the commit that replaced them with
        // B2_0 + V2_x.
        MigrationHistoryDb db;
        QCOMPARE(addFlywayRows(db, appliedRows(1, 12)), QString());
        const auto report = inspect(db, m_library.path(), QStringLiteral("baseline-reset"));
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        QCOMPARE(report->files.commit, m_resetCommit);
        const auto states = statesOf(report->entries);
        QCOMPARE(states.value(QStringLiteral("1.1")), QStringLiteral("missing"));
        QCOMPARE(states.value(QStringLiteral("2.0")), QStringLiteral("ignored")); // not an empty database
        QCOMPARE(states.value(QStringLiteral("2.1")), QStringLiteral("pending"));
        QCOMPARE(states.value(QStringLiteral("2.3")), QStringLiteral("pending"));

        // A new, empty database: Flyway starts from the baseline migration.
        MigrationHistoryDb empty;
        QCOMPARE(addFlywayRows(empty, {}), QString());
        const auto fresh = inspect(empty, m_library.path(), QStringLiteral("baseline-reset"));
        QVERIFY2(fresh.ok(), qPrintable(fresh.errorMessage()));
        const auto freshStates = statesOf(fresh->entries);
        QCOMPARE(freshStates.value(QStringLiteral("2.0")), QStringLiteral("pending"));
        QCOMPARE(fresh->entries.first().kind, MigrationKind::Baseline);
        QCOMPARE(freshStates.values().count(QStringLiteral("pending")), 4);
    }

    void detection_data()
    {
        QTest::addColumn<QStringList>("ddl");
        QTest::addColumn<QString>("framework");
        QTest::addColumn<QString>("table");
        QTest::newRow("flyway") << QStringList { QString::fromLatin1(FlywayTable) } << "flyway"
                                << "flyway_schema_history";
        QTest::newRow("flyway 5 schema_version")
            << QStringList { QString::fromLatin1(FlywayTable)
                                 .replace("flyway_schema_history", "schema_version") }
            << "flyway"
            << "schema_version";
        QTest::newRow("liquibase upper case")
            << QStringList { "CREATE TABLE DATABASECHANGELOG (ID VARCHAR(255) NOT NULL, AUTHOR VARCHAR(255) "
                             "NOT NULL, FILENAME "
                             "VARCHAR(255) NOT NULL, DATEEXECUTED DATETIME NOT NULL, ORDEREXECUTED INT NOT "
                             "NULL, EXECTYPE "
                             "VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35), DESCRIPTION VARCHAR(255), COMMENTS "
                             "VARCHAR(255), TAG "
                             "VARCHAR(255), LIQUIBASE VARCHAR(20), CONTEXTS VARCHAR(255), LABELS "
                             "VARCHAR(255), "
                             "DEPLOYMENT_ID VARCHAR(10))" }
            << "liquibase"
            << "DATABASECHANGELOG";
        QTest::newRow("alembic")
            << QStringList { "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)" }
            << "alembic"
            << "alembic_version";
        QTest::newRow("django")
            << QStringList { "CREATE TABLE django_migrations (id integer PRIMARY KEY AUTOINCREMENT, app "
                             "varchar(255) NOT NULL, name varchar(255) NOT NULL, applied datetime NOT NULL)" }
            << "django"
            << "django_migrations";
        QTest::newRow("rails")
            << QStringList { "CREATE TABLE schema_migrations (version varchar NOT NULL PRIMARY KEY)",
                   "CREATE TABLE ar_internal_metadata (key varchar NOT NULL PRIMARY KEY, value varchar, "
                   "created_at datetime(6) NOT "
                   "NULL, updated_at datetime(6) NOT NULL)" }
            << "rails"
            << "schema_migrations";
        QTest::newRow("golang-migrate")
            << QStringList { "CREATE TABLE schema_migrations (version bigint not null primary key, "
                             "dirty boolean not null)" }
            << "golang-migrate"
            << "schema_migrations";
        QTest::newRow("dbmate")
            << QStringList { "CREATE TABLE schema_migrations (version varchar(128) primary key)" } << "dbmate"
            << "schema_migrations";
        QTest::newRow("goose")
            << QStringList { "CREATE TABLE goose_db_version (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                             "version_id "
                             "INTEGER NOT NULL, is_applied INTEGER NOT NULL, tstamp TIMESTAMP DEFAULT "
                             "(datetime('now')))" }
            << "goose"
            << "goose_db_version";
        QTest::newRow("knex") << QStringList { "CREATE TABLE knex_migrations (id integer not null primary "
                                               "key autoincrement, name "
                                               "varchar(255), batch integer, migration_time datetime)",
            "CREATE TABLE knex_migrations_lock (`index` integer not null primary key autoincrement, "
            "is_locked integer)" }
                              << "knex"
                              << "knex_migrations";
        QTest::newRow("sequelize") << QStringList { "CREATE TABLE `SequelizeMeta` (`name` VARCHAR(255) NOT "
                                                    "NULL UNIQUE PRIMARY KEY)" }
                                   << "sequelize"
                                   << "SequelizeMeta";
        QTest::newRow("typeorm")
            << QStringList { "CREATE TABLE \"migrations\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT "
                             "NULL, "
                             "\"timestamp\" bigint NOT NULL, \"name\" varchar NOT NULL)" }
            << "typeorm"
            << "migrations";
        QTest::newRow("laravel is not typeorm")
            << QStringList { "CREATE TABLE migrations (id integer primary key autoincrement, migration "
                             "varchar, batch integer)" }
            << ""
            << "";
        QTest::newRow("prisma")
            << QStringList { "CREATE TABLE \"_prisma_migrations\" (\"id\" TEXT PRIMARY KEY NOT NULL, "
                             "\"checksum\" "
                             "TEXT NOT NULL, \"finished_at\" DATETIME, \"migration_name\" TEXT NOT NULL, "
                             "\"logs\" TEXT, \"rolled_back_at\" DATETIME, \"started_at\" DATETIME NOT NULL "
                             "DEFAULT current_timestamp, \"applied_steps_count\" INTEGER UNSIGNED NOT NULL "
                             "DEFAULT 0)" }
            << "prisma"
            << "_prisma_migrations";
        QTest::newRow("efcore")
            << QStringList { "CREATE TABLE \"__EFMigrationsHistory\" (\"MigrationId\" TEXT NOT NULL "
                             "CONSTRAINT "
                             "\"PK___EFMigrationsHistory\" PRIMARY KEY, \"ProductVersion\" TEXT NOT NULL)" }
            << "efcore"
            << "__EFMigrationsHistory";
        QTest::newRow("diesel")
            << QStringList { "CREATE TABLE __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT "
                             "NULL, run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)" }
            << "diesel"
            << "__diesel_schema_migrations";
        QTest::newRow("sqitch registry")
            << QStringList { "CREATE TABLE changes (change_id TEXT PRIMARY KEY, script_hash TEXT, "
                             "change TEXT NOT NULL, project TEXT NOT NULL, note TEXT NOT NULL "
                             "DEFAULT '', committed_at DATETIME NOT NULL, committer_name TEXT NOT "
                             "NULL, committer_email TEXT NOT NULL, planned_at DATETIME NOT NULL, "
                             "planner_name TEXT NOT NULL, planner_email TEXT NOT NULL)" }
            << "sqitch"
            << "changes";
        QTest::newRow("nothing") << QStringList { "CREATE TABLE users (id integer)" } << ""
                                 << "";
    }
    void detection()
    {
        QFETCH(QStringList, ddl);
        QFETCH(QString, framework);
        QFETCH(QString, table);
        MigrationHistoryDb db;
        for (const QString &statement : ddl)
            QCOMPARE(db.exec(statement), QString());
        const auto found = MigrationHistoryReader::detect(db.db());
        QVERIFY2(found.ok(), qPrintable(found.errorMessage()));
        if (framework.isEmpty()) {
            QVERIFY(found->isEmpty());
            const auto none = MigrationHistoryReader::readDetected(db.db());
            QVERIFY(!none.ok());
            QVERIFY2(none.errorMessage().contains(QStringLiteral("flyway_schema_history")),
                qPrintable(none.errorMessage()));
            return;
        }
        QCOMPARE(found->size(), 1);
        QCOMPARE(frameworkName(found->first().framework), framework);
        QCOMPARE(found->first().table, table);
        const auto history = MigrationHistoryReader::read(db.db(), found->first());
        QVERIFY2(history.ok(), qPrintable(history.errorMessage()));
        QVERIFY(history->applied.isEmpty());
    }

    void liquibaseRows()
    {
        MigrationHistoryDb db;
        QCOMPARE(db.exec(QStringLiteral(
                     "CREATE TABLE DATABASECHANGELOG (ID VARCHAR(255), AUTHOR VARCHAR(255), FILENAME "
                     "VARCHAR(255), DATEEXECUTED DATETIME, ORDEREXECUTED INT, EXECTYPE VARCHAR(10), MD5SUM "
                     "VARCHAR(35), DESCRIPTION VARCHAR(255))")),
            QString());
        const QString insert
            = QStringLiteral("INSERT INTO DATABASECHANGELOG VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        QCOMPARE(db.exec(insert,
                     { "1", "alice", "db/changelog/001.sql", "2024-01-01 09:00:00", 1, "EXECUTED",
                         "9:c89e591e0fb4b4e3115b62802f20a3e5", "sql" }),
            QString());
        QCOMPARE(
            db.exec(insert,
                { "2", "bob", "db/changelog/001.sql", "2024-01-01 09:00:01", 2, "FAILED", "9:bbb", "sql" }),
            QString());
        QCOMPARE(db.exec(insert,
                     { "9", "zed", "old.xml", "2024-01-01 09:00:02", 3, "EXECUTED", "9:ccc", "createTable" }),
            QString());
        TestRepo repo;
        repo.init();
        repo.commit(QStringLiteral("changelog"),
            { { QStringLiteral("db/changelog/001.sql"),
                "--liquibase formatted sql\n--changeset alice:1\nCREATE TABLE a (id int);\n--changeset "
                "bob:2\nCREATE TABLE b (id "
                "int);\n--changeset carol:3\nCREATE TABLE c (id int);\n" } });
        const auto report = inspect(db, repo.path(), QStringLiteral("main"), QStringLiteral("db/changelog"));
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        const auto states = statesOf(report->entries);
        QCOMPARE(states.value(QStringLiteral("1::alice")), QStringLiteral("applied"));
        QCOMPARE(states.value(QStringLiteral("2::bob")), QStringLiteral("failed"));
        QCOMPARE(states.value(QStringLiteral("3::carol")), QStringLiteral("pending"));
        QCOMPARE(states.value(QStringLiteral("9::zed")), QStringLiteral("missing"));
        QCOMPARE(
            report->entries.first().applied->checksum, QStringLiteral("9:c89e591e0fb4b4e3115b62802f20a3e5"));
        QCOMPARE(
            report->entries.first().file->checksum, QStringLiteral("9:c89e591e0fb4b4e3115b62802f20a3e5"));
        QCOMPARE(report->entries.first().applied->installedRank, 1);
    }

    void liquibaseChecksums_data()
    {
        // The MD5SUMs real Liquibase wrote for "CREATE TABLE a (id int);" as a formatted
        // changeset: 4.28 ("9:") and 4.4 ("8:"); tst_migrationliquibase runs both.
        QTest::addColumn<QString>("md5sum");
        QTest::addColumn<QByteArray>("changeset");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("fileChecksum");
        const QString v9 = QStringLiteral("9:c89e591e0fb4b4e3115b62802f20a3e5");
        const QString v8 = QStringLiteral("8:c3d84c4b475c6ebe75b640c74acf6444");
        const QByteArray same = "--changeset alice:1\nCREATE TABLE a (id int);\n";
        const QByteArray edited = "--changeset alice:1\nCREATE TABLE a (id bigint);\n";
        QTest::newRow("9: same") << v9 << same << "applied" << v9;
        QTest::newRow("8: same, other whitespace")
            << v8 << QByteArray("--changeset alice:1\n  CREATE TABLE\ta (id int);\r\n\n") << "applied" << v8;
        QTest::newRow("9: edited") << v9 << edited << "checksum_mismatch"
                                   << "9:";
        QTest::newRow("8: edited") << v8 << edited << "checksum_mismatch"
                                   << "8:";
        QTest::newRow("edited, runOnChange")
            << v9 << QByteArray("--changeset alice:1 runOnChange:true\nCREATE TABLE a (id bigint);\n")
            << "outdated"
            << "9:";
        QTest::newRow("edited, validCheckSum of the recorded one")
            << v9
            << "--changeset alice:1\n--validCheckSum: " + v9.toUtf8() + "\nCREATE TABLE a (id bigint);\n"
            << "applied"
            << "9:";
        QTest::newRow("edited, validCheckSum ANY")
            << v8 << QByteArray("--changeset alice:1\n--validCheckSum: ANY\nCREATE TABLE a (id bigint);\n")
            << "applied"
            << "8:";
        QTest::newRow("a Liquibase 3 checksum: not verified")
            << "7:0123456789abcdef0123456789abcdef" << edited << "applied"
            << "";
        QTest::newRow("no checksum recorded (clear-checksums)") << "" << edited << "applied"
                                                                << "9:";
        QTest::newRow("${} parameters: not verified")
            << v9 << QByteArray("--changeset alice:1\nCREATE TABLE ${prefix}a (id int);\n") << "applied"
            << "";
    }
    // The recorded checksum's version chooses what it is compared with, as in
    // ChangeSet.isCheckSumValid.
    void liquibaseChecksums()
    {
        QFETCH(QString, md5sum);
        QFETCH(QByteArray, changeset);
        QFETCH(QString, state);
        QFETCH(QString, fileChecksum);
        MigrationHistoryDb db;
        QCOMPARE(
            db.exec(QStringLiteral("CREATE TABLE DATABASECHANGELOG (ID VARCHAR(255), AUTHOR VARCHAR(255), "
                                   "FILENAME VARCHAR(255), DATEEXECUTED DATETIME, ORDEREXECUTED INT, "
                                   "EXECTYPE VARCHAR(10), MD5SUM VARCHAR(35))")),
            QString());
        QCOMPARE(db.exec(QStringLiteral("INSERT INTO DATABASECHANGELOG VALUES ('1', 'alice', "
                                        "'db/changelog/001.sql', '2024-01-01 09:00:00', 1, 'EXECUTED', ?)"),
                     { md5sum.isEmpty() ? QVariant() : QVariant(md5sum) }),
            QString());
        TestRepo repo;
        repo.init();
        repo.commit(QStringLiteral("changelog"),
            { { QStringLiteral("db/changelog/001.sql"), "--liquibase formatted sql\n" + changeset } });
        const auto report = inspect(db, repo.path(), QStringLiteral("main"), QStringLiteral("db/changelog"));
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        QCOMPARE(report->entries.size(), 1);
        const MigrationEntry &e = report->entries.first();
        QCOMPARE(migrationStateName(e.state), state);
        QVERIFY(e.file.has_value());
        // The file's checksum in the recorded one's version; empty when not verified.
        if (fileChecksum.size() > 2)
            QCOMPARE(e.file->checksum, fileChecksum);
        else if (fileChecksum.isEmpty())
            QCOMPARE(e.file->checksum, QString());
        else
            QVERIFY2(e.file->checksum.startsWith(fileChecksum) && e.file->checksum.size() == 34,
                qPrintable(e.file->checksum));
    }

    void golangMigrate_data()
    {
        QTest::addColumn<int>("version");
        QTest::addColumn<bool>("dirty");
        QTest::addColumn<QStringList>("states"); // for 1..4, then the extra one if any
        QTest::newRow("clean at 2") << 2 << false
                                    << QStringList { "applied", "applied", "pending", "pending" };
        QTest::newRow("dirty at 3") << 3 << true << QStringList { "applied", "applied", "failed", "pending" };
        QTest::newRow("all") << 4 << false << QStringList { "applied", "applied", "applied", "applied" };
        QTest::newRow("future 7") << 7 << false
                                  << QStringList { "applied", "applied", "applied", "applied", "future" };
    }
    void golangMigrate()
    {
        QFETCH(int, version);
        QFETCH(bool, dirty);
        QFETCH(QStringList, states);
        TestRepo repo;
        repo.init();
        QMap<QString, QByteArray> files;
        for (int v = 1; v <= 4; ++v) {
            files.insert(
                QStringLiteral("db/migrations/%1_step%2.up.sql").arg(v, 6, 10, QLatin1Char('0')).arg(v),
                "SELECT 1;");
            files.insert(
                QStringLiteral("db/migrations/%1_step%2.down.sql").arg(v, 6, 10, QLatin1Char('0')).arg(v),
                "SELECT 2;");
        }
        repo.commit(QStringLiteral("migrations"), files);
        MigrationHistoryDb db;
        QCOMPARE(db.exec(QStringLiteral("CREATE TABLE schema_migrations (version bigint not null primary "
                                        "key, dirty boolean not null)")),
            QString());
        QCOMPARE(db.exec(QStringLiteral("INSERT INTO schema_migrations VALUES (?, ?)"), { version, dirty }),
            QString());
        const auto report = inspect(db, repo.path(), QStringLiteral("main"), QString());
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        QCOMPARE(report->history.framework, Framework::GolangMigrate);
        QStringList got;
        for (const MigrationEntry &e : report->entries)
            got.append(migrationStateName(e.state));
        QCOMPARE(got, states);
        QCOMPARE(report->entries.first().key, QStringLiteral("1"));
        QCOMPARE(report->entries.first().description, QStringLiteral("step1"));
    }

    void gooseLatestRowWins()
    {
        TestRepo repo;
        repo.init();
        QString why;
        repo.commit(QStringLiteral("goose"),
            test::sampleFiles(QStringLiteral("goose/db_sqlite3/migrations"),
                QStringLiteral("db/db_sqlite3/migrations/"), &why));
        QVERIFY2(why.isEmpty(), qPrintable(why));
        MigrationHistoryDb db;
        QCOMPARE(
            db.exec(QStringLiteral(
                "CREATE TABLE goose_db_version (id INTEGER PRIMARY KEY AUTOINCREMENT, version_id INTEGER "
                "NOT NULL, is_applied INTEGER NOT NULL, tstamp TIMESTAMP DEFAULT (datetime('now')))")),
            QString());
        const QString insert = QStringLiteral(
            "INSERT INTO goose_db_version (version_id, is_applied, tstamp) VALUES (?, ?, ?)");
        // goose's own marker row, three ups, one down (rolled back), then a re-up of another.
        QCOMPARE(db.exec(insert, { 0, 1, "2024-01-01 00:00:00" }), QString());
        QCOMPARE(db.exec(insert, { 20230105093000LL, 1, "2024-01-01 00:00:01" }), QString());
        QCOMPARE(db.exec(insert, { 20230112150000LL, 1, "2024-01-01 00:00:02" }), QString());
        QCOMPARE(db.exec(insert, { 20230201101500LL, 1, "2024-01-01 00:00:03" }), QString());
        QCOMPARE(db.exec(insert, { 20230112150000LL, 0, "2024-01-01 00:00:04" }), QString());
        const auto report
            = inspect(db, repo.path(), QStringLiteral("main"), QStringLiteral("db/db_sqlite3/migrations"));
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        QCOMPARE(report->history.framework, Framework::Goose);
        const auto states = statesOf(report->entries);
        QCOMPARE(states.value(QStringLiteral("20230105093000")), QStringLiteral("applied"));
        QCOMPARE(states.value(QStringLiteral("20230112150000")), QStringLiteral("pending"));
        QCOMPARE(states.value(QStringLiteral("20230201101500")), QStringLiteral("applied"));
        QVERIFY(!states.contains(QStringLiteral("0")));
        QCOMPARE(states.values().count(QStringLiteral("pending")), 7); // 9 migrations (8 SQL, 1 Go)
        const MigrationEntry &first = report->entries.first();
        QCOMPARE(first.applied->appliedAt, QDateTime(QDate(2024, 1, 1), QTime(0, 0, 1), QTimeZone::utc()));
    }

    void prismaChecksums()
    {
        TestRepo repo;
        repo.init();
        const QByteArray init = "CREATE TABLE \"User\" (\"id\" INTEGER NOT NULL PRIMARY KEY);\n";
        const QByteArray posts = "CREATE TABLE \"Post\" (\"id\" INTEGER NOT NULL PRIMARY KEY);\n";
        repo.commit(QStringLiteral("prisma"),
            { { QStringLiteral("prisma/migrations/20240101000000_init/migration.sql"), init },
                { QStringLiteral("prisma/migrations/20240201000000_posts/migration.sql"), posts },
                { QStringLiteral("prisma/migrations/20240301000000_tags/migration.sql"), "SELECT 1;" },
                { QStringLiteral("prisma/migrations/20240401000000_likes/migration.sql"), "SELECT 2;" },
                { QStringLiteral("prisma/migrations/migration_lock.toml"), "provider = \"sqlite\"\n" } });
        MigrationHistoryDb db;
        QCOMPARE(
            db.exec(QStringLiteral(
                "CREATE TABLE \"_prisma_migrations\" (\"id\" TEXT PRIMARY KEY NOT NULL, \"checksum\" TEXT "
                "NOT "
                "NULL, \"finished_at\" DATETIME, \"migration_name\" TEXT NOT NULL, \"logs\" TEXT, "
                "\"rolled_back_at\" DATETIME, \"started_at\" DATETIME NOT NULL DEFAULT current_timestamp, "
                "\"applied_steps_count\" INTEGER UNSIGNED NOT NULL DEFAULT 0)")),
            QString());
        const QString insert
            = QStringLiteral("INSERT INTO _prisma_migrations VALUES (?, ?, ?, ?, NULL, ?, ?, 1)");
        const auto sha = [](const QByteArray &b) {
            return QString::fromLatin1(QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex());
        };
        QCOMPARE(db.exec(insert,
                     { "a", sha(init), 1704067201000LL, "20240101000000_init", QVariant(), 1704067200000LL }),
            QString());
        // Applied, then the file was edited.
        QCOMPARE(
            db.exec(insert,
                { "b", sha("old"), 1706745600500LL, "20240201000000_posts", QVariant(), 1706745600000LL }),
            QString());
        // Started, never finished.
        QCOMPARE(
            db.exec(insert,
                { "c", sha("SELECT 1;"), QVariant(), "20240301000000_tags", QVariant(), 1709251200000LL }),
            QString());
        // Failed and resolved as rolled back: does not count.
        QCOMPARE(db.exec(insert,
                     { "d", sha("SELECT 2;"), QVariant(), "20240401000000_likes", 1711929600000LL,
                         1711929600000LL }),
            QString());
        const auto report = inspect(db, repo.path(), QStringLiteral("main"), QString());
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        const auto states = statesOf(report->entries);
        QCOMPARE(states.value(QStringLiteral("20240101000000_init")), QStringLiteral("applied"));
        QCOMPARE(states.value(QStringLiteral("20240201000000_posts")), QStringLiteral("checksum_mismatch"));
        QCOMPARE(states.value(QStringLiteral("20240301000000_tags")), QStringLiteral("failed"));
        QCOMPARE(states.value(QStringLiteral("20240401000000_likes")), QStringLiteral("pending"));
        QCOMPARE(report->entries.first().applied->durationMs, 1000);
        QCOMPARE(report->entries.first().applied->appliedAt,
            QDateTime::fromMSecsSinceEpoch(1704067201000LL, QTimeZone::utc()));
    }
};

QTEST_GUILESS_MAIN(TestMigrationStatus)
#include "tst_migrationstatus.moc"

// Migration history on a real PostgreSQL server started by the test: Flyway's table in a
// schema of its own (the library's Flyway sample of tests/data/migrations and their CRC-32
// checksums, a repeatable among them), golang-migrate's,
// and Knex's written by the real knex (npm) through the pure-JavaScript pg driver. Read
// through the same read-only connection the CLI and the Database page use.

#include "MigrationFixtures.h"
#include "PostgresServer.h"
#include "TestEnvironment.h"
#include "TestRepo.h"

#include "schema/DatabaseUrl.h"
#include "schema/ReadOnlyConnection.h"
#include "schema/migrations/MigrationHistoryReader.h"
#include "schema/migrations/MigrationInspector.h"

#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <zlib.h>

#include <algorithm>
#include <climits>

using namespace devdash;
using namespace devdash::migrations;
using devdash::test::PostgresServer;
using devdash::test::TestRepo;

namespace {

const QString Folder = QStringLiteral("src/main/resources/db/migration");

qint32 flywayCrc(QByteArray bytes)
{
    bytes.replace('\r', QByteArray()).replace('\n', QByteArray());
    return qint32(quint32(crc32(0, reinterpret_cast<const Bytef *>(bytes.constData()), uInt(bytes.size()))));
}

QMap<QString, QString> states(const QList<MigrationEntry> &entries)
{
    QMap<QString, QString> out;
    for (const MigrationEntry &e : entries)
        out.insert(e.key, migrationStateName(e.state));
    return out;
}

} // namespace

class TestMigrationPg : public QObject
{
    Q_OBJECT

    PostgresServer m_server;

    // A writable superuser connection to `database`, for building the history tables.
    QSqlDatabase admin(const QString &database)
    {
        return m_server.superuserConnection(database, QStringLiteral("admin-") + database);
    }
    static QString exec(QSqlDatabase db, const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery q(db);
        if (values.isEmpty()) // PostgreSQL cannot PREPARE DDL
            return q.exec(sql) ? QString() : q.lastError().text() + QStringLiteral(" in ") + sql;
        if (!q.prepare(sql))
            return q.lastError().text();
        for (const QVariant &v : values)
            q.addBindValue(v);
        return q.exec() ? QString() : q.lastError().text() + QStringLiteral(" in ") + sql;
    }
    Result<MigrationReport> inspect(
        const QString &url, const QString &repo, const QString &ref, const QString &folder)
    {
        const auto parsed = schema::DatabaseUrl::parse(url);
        if (!parsed)
            return parsed.error();
        auto connection = schema::ReadOnlyConnection::open(*parsed);
        if (!connection)
            return connection.error();
        MigrationInspector::Request request;
        request.repoPath = repo;
        request.ref = ref;
        request.folder = folder;
        return MigrationInspector::inspect((*connection)->database(), request);
    }

private slots:
    void initTestCase()
    {
        // This machine's clock in New York, the database's in Tokyo: a `timestamp without
        // time zone` history column holds Tokyo time.
        qputenv("TZ", "America/New_York");
        QVERIFY(test::TestEnvironment::setUp());
        DEVDASH_REQUIRE_POSTGRES(m_server);
    }

    void flywayInOwnSchema()
    {
        const QString url = m_server.createDatabase(QStringLiteral("library"));
        QVERIFY2(!url.isEmpty(), qPrintable(m_server.errorString()));
        TestRepo repo;
        repo.init();
        QString why;
        const auto files = test::sampleFiles(
            QStringLiteral("flyway/library-v1/postgresql"), Folder + QLatin1Char('/'), &why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        const QString first = repo.commit(QStringLiteral("library"), files);
        // Edited after they were applied: a versioned migration and the repeatable.
        const QString versioned = Folder + QStringLiteral("/V1_1__create_branches.sql");
        const QString repeatable = Folder + QStringLiteral("/R__book_views.sql");
        QVERIFY2(files.contains(versioned) && files.contains(repeatable), "the sample's V1_1 and R__ files");
        const QString second = repo.commit(QStringLiteral("edit"),
            { { versioned, files.value(versioned) + "-- edited\n" },
                { repeatable, files.value(repeatable) + "-- edited\n" } });
        QVERIFY2(repo.ok(), qPrintable(repo.errors()));

        QSqlDatabase db = admin(QStringLiteral("library"));
        QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
        QCOMPARE(exec(db, QStringLiteral("ALTER DATABASE library SET timezone = 'Asia/Tokyo'")), QString());
        // Flyway's own DDL for PostgreSQL, with flyway.schemas=sp (the application's own schema).
        QCOMPARE(exec(db, QStringLiteral("CREATE SCHEMA sp")), QString());
        QCOMPARE(
            exec(db,
                QStringLiteral(
                    "CREATE TABLE \"sp\".\"flyway_schema_history\" (\"installed_rank\" INT NOT NULL, "
                    "\"version\" VARCHAR(50), \"description\" VARCHAR(200) NOT NULL, \"type\" VARCHAR(20) "
                    "NOT NULL, \"script\" VARCHAR(1000) NOT NULL, \"checksum\" INTEGER, \"installed_by\" "
                    "VARCHAR(100) NOT NULL, \"installed_on\" TIMESTAMP NOT NULL DEFAULT now(), "
                    "\"execution_time\" INTEGER NOT NULL, \"success\" BOOLEAN NOT NULL)")),
            QString());
        QCOMPARE(exec(db,
                     QStringLiteral("ALTER TABLE \"sp\".\"flyway_schema_history\" ADD CONSTRAINT "
                                    "\"flyway_schema_history_pk\" "
                                    "PRIMARY KEY (\"installed_rank\")")),
            QString());
        // In the order Flyway applies them: by version (1.9 before 1.10), the repeatable last.
        QStringList order = files.keys();
        const auto versionParts = [](const QString &path) {
            const QString name = path.section(QLatin1Char('/'), -1);
            QList<int> parts;
            if (name.startsWith(QLatin1Char('R')))
                return QList<int> { INT_MAX };
            for (const QString &p : name.mid(1).section(QStringLiteral("__"), 0, 0).split(QLatin1Char('_')))
                parts << p.toInt();
            return parts;
        };
        std::sort(order.begin(), order.end(),
            [&](const QString &a, const QString &b) { return versionParts(a) < versionParts(b); });
        int rank = 0;
        for (const QString &path : std::as_const(order)) {
            const auto it = files.constFind(path);
            const QString name = it.key().section(QLatin1Char('/'), -1);
            if (name.startsWith(QLatin1Char('U')))
                continue; // an undo script is run by `flyway undo` only
            // A repeatable's row has no version; its description names it.
            const QVariant version = name.startsWith(QLatin1Char('R'))
                ? QVariant()
                : QVariant(name.mid(1)
                               .section(QStringLiteral("__"), 0, 0)
                               .replace(QLatin1Char('_'), QLatin1Char('.')));
            if (version == QVariant(QStringLiteral("1.12")))
                continue; // not yet applied
            ++rank;
            const bool success = version != QVariant(QStringLiteral("1.11"));
            const QString description = name.section(QStringLiteral("__"), 1)
                                            .chopped(4)
                                            .replace(QLatin1Char('_'), QLatin1Char(' '));
            QCOMPARE(exec(db,
                         QStringLiteral(
                             "INSERT INTO sp.flyway_schema_history VALUES (?, ?, ?, ?, ?, ?, 'librarian', "
                             "'2024-03-01 10:00:00', ?, ?)"),
                         { rank, version, description, QStringLiteral("SQL"), name, flywayCrc(it.value()),
                             100 + rank, success }),
                QString());
        }
        QCOMPARE(rank, 12); // 1.1 .. 1.11 and the repeatable
        const auto report = inspect(url, repo.path(), first, Folder);
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        QCOMPARE(report->history.framework, Framework::Flyway);
        QCOMPARE(report->history.table, QStringLiteral("sp.flyway_schema_history"));
        auto s = states(report->entries);
        QCOMPARE(s.value(QStringLiteral("1.1")), QStringLiteral("applied"));
        QCOMPARE(s.value(QStringLiteral("1.10")), QStringLiteral("applied"));
        QCOMPARE(s.value(QStringLiteral("1.11")), QStringLiteral("failed"));
        QCOMPARE(s.value(QStringLiteral("1.12")), QStringLiteral("pending"));
        QCOMPARE(s.value(QStringLiteral("R:book views")), QStringLiteral("applied"));
        QCOMPARE(s.values().count(QStringLiteral("applied")), 11);
        const MigrationEntry &e = report->entries.first();
        // 10:00 in Tokyo (UTC+9) is 01:00 UTC — not 15:00 (read as New York time) nor 10:00.
        QCOMPARE(e.applied->appliedAt, QDateTime(QDate(2024, 3, 1), QTime(1, 0), QTimeZone::utc()));
        QCOMPARE(e.applied->appliedBy, QStringLiteral("librarian"));
        QCOMPARE(e.applied->checksum, e.file->checksum);

        const auto afterEdit = inspect(url, repo.path(), second, Folder);
        QVERIFY2(afterEdit.ok(), qPrintable(afterEdit.errorMessage()));
        QCOMPARE(
            states(afterEdit->entries).value(QStringLiteral("1.1")), QStringLiteral("checksum_mismatch"));
        // A changed repeatable is not an error: Flyway runs it again.
        QCOMPARE(
            states(afterEdit->entries).value(QStringLiteral("R:book views")), QStringLiteral("outdated"));
    }

    void golangMigrate()
    {
        const QString url = m_server.createDatabase(QStringLiteral("gm"));
        QVERIFY2(!url.isEmpty(), qPrintable(m_server.errorString()));
        QSqlDatabase db = admin(QStringLiteral("gm"));
        // golang-migrate's postgres driver.
        QCOMPARE(
            exec(db,
                QStringLiteral(
                    "CREATE TABLE IF NOT EXISTS \"schema_migrations\" (version bigint not null primary key, "
                    "dirty boolean not null)")),
            QString());
        QCOMPARE(exec(db, QStringLiteral("INSERT INTO schema_migrations (version, dirty) VALUES (?, ?)"),
                     { 2, true }),
            QString());
        TestRepo repo;
        repo.init();
        repo.commit(QStringLiteral("migrations"),
            { { QStringLiteral("db/migrations/000001_users.up.sql"), "CREATE TABLE users (id int);" },
                { QStringLiteral("db/migrations/000001_users.down.sql"), "DROP TABLE users;" },
                { QStringLiteral("db/migrations/000002_email.up.sql"), "ALTER TABLE users ADD email text;" },
                { QStringLiteral("db/migrations/000003_index.up.sql"), "CREATE INDEX ON users (email);" } });
        const auto report = inspect(url, repo.path(), QStringLiteral("main"), QString());
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        QCOMPARE(report->history.framework, Framework::GolangMigrate);
        QCOMPARE(states(report->entries),
            (QMap<QString, QString> { { "1", "applied" }, { "2", "failed" }, { "3", "pending" } }));
    }

    void knex()
    {
        const QString npm = QStandardPaths::findExecutable(QStringLiteral("npm"));
        const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (npm.isEmpty() || node.isEmpty())
            QSKIP("node and npm are not installed: the real knex cannot run");
        QTemporaryDir tools;
        QFile package(tools.filePath(QStringLiteral("package.json")));
        QVERIFY(package.open(QIODevice::WriteOnly));
        package.write(R"({"name": "devdash-knex-test", "version": "1.0.0", "private": true})");
        package.close();
        QProcess install;
        install.setWorkingDirectory(tools.path());
        install.setProcessChannelMode(QProcess::MergedChannels);
        install.start(npm, { "install", "--no-audit", "--no-fund", "--silent", "knex@3", "pg@8" });
        if (!install.waitForFinished(240000) || install.exitCode() != 0)
            QSKIP(qPrintable(
                QStringLiteral("npm could not install knex and pg (is the npm registry reachable?): ")
                + QString::fromUtf8(install.readAll()).left(300)));
        QFile runner(tools.filePath(QStringLiteral("migrate.js")));
        QVERIFY(runner.open(QIODevice::WriteOnly));
        runner.write("const knex = require('knex')({ client: 'pg', connection: process.env.DATABASE_URL,\n"
                     "  migrations: { directory: process.argv[2] } });\n"
                     "knex.migrate.latest().then(() => knex.destroy()).catch((e) => { console.error(e); "
                     "process.exit(1); });\n");
        runner.close();

        const QString url = m_server.createDatabase(QStringLiteral("knexdb"));
        QVERIFY2(!url.isEmpty(), qPrintable(m_server.errorString()));
        TestRepo repo;
        repo.init();
        auto migration = [](const QString &table) {
            return QStringLiteral(
                "exports.up = (knex) => knex.schema.createTable('%1', (t) => { t.increments('id'); });\n"
                "exports.down = (knex) => knex.schema.dropTable('%1');\n")
                .arg(table)
                .toUtf8();
        };
        const QString first = repo.commit(QStringLiteral("two migrations"),
            { { QStringLiteral("migrations/20240101000000_create_users.js"),
                  migration(QStringLiteral("users")) },
                { QStringLiteral("migrations/20240102000000_create_posts.js"),
                    migration(QStringLiteral("posts")) } });
        QProcess migrate;
        migrate.setWorkingDirectory(tools.path());
        migrate.setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DATABASE_URL"), url);
        migrate.setProcessEnvironment(env);
        migrate.start(node, { QStringLiteral("migrate.js"), repo.path() + QStringLiteral("/migrations") });
        QVERIFY(migrate.waitForFinished(120000));
        QVERIFY2(migrate.exitCode() == 0, migrate.readAll().constData());
        const QString second = repo.commit(QStringLiteral("a third"),
            { { QStringLiteral("migrations/20240103000000_create_tags.js"),
                migration(QStringLiteral("tags")) } });
        QVERIFY2(repo.ok(), qPrintable(repo.errors()));

        const auto atFirst = inspect(url, repo.path(), first, QString());
        QVERIFY2(atFirst.ok(), qPrintable(atFirst.errorMessage()));
        QCOMPARE(atFirst->history.framework, Framework::Knex);
        QCOMPARE(atFirst->history.table, QStringLiteral("knex_migrations"));
        QCOMPARE(states(atFirst->entries),
            (QMap<QString, QString> { { "20240101000000_create_users.js", "applied" },
                { "20240102000000_create_posts.js", "applied" } }));
        const MigrationEntry &e = atFirst->entries.first();
        QVERIFY(e.applied->appliedAt.has_value());
        QVERIFY2(qAbs(e.applied->appliedAt->secsTo(QDateTime::currentDateTimeUtc())) < 600,
            qPrintable(e.applied->appliedAt->toString(Qt::ISODate)));
        QCOMPARE(e.applied->type, QStringLiteral("batch 1"));
        const auto atSecond = inspect(url, repo.path(), second, QString());
        QVERIFY2(atSecond.ok(), qPrintable(atSecond.errorMessage()));
        QCOMPARE(states(atSecond->entries).value(QStringLiteral("20240103000000_create_tags.js")),
            QStringLiteral("pending"));
    }
};

QTEST_GUILESS_MAIN(TestMigrationPg)
#include "tst_migrationpg.moc"

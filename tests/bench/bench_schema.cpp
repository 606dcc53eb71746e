// Schema inspection at scale (issue 5): a PostgreSQL database and a MariaDB
// database of 5,000 tables, 50,000 columns, 5,000 foreign keys and 10,000
// indexes; `devdash schema URL --json` timed against the engines' own schema
// dumps (`pg_dump --schema-only`, `mysqldump --no-data`), median of N runs
// (on PostgreSQL after one untimed run of each, so both find the catalog cached).
//
//   bench_schema --devdash BUILD/app/devdash [--dir DIR] [--runs 3] [--tables 5000] [--engines pg,mariadb]
//
// The servers keep their files in DIR (default /tmp/devdash-bench/schema): the
// databases are generated once and reused.

#include "MariaDbServer.h"
#include "PostgresServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using devdash::test::MariaDbServer;
using devdash::test::PostgresServer;

namespace {

struct Timing
{
    double medianMs = 0;
    qint64 bytes = 0;
    bool ok = false;
    QString error;
};

// Runs a program N times with its output written to a file (as `tool > file`
// would: a reading pipe would time the reader too), returns the median wall time.
Timing timeCommand(
    const QString &program, const QStringList &arguments, const QProcessEnvironment &env, int runs)
{
    Timing timing;
    QList<double> times;
    QTemporaryDir outputDir;
    const QString output = outputDir.filePath(QStringLiteral("out"));
    for (int i = 0; i < runs; ++i) {
        QProcess process;
        process.setProcessEnvironment(env);
        process.setStandardOutputFile(output, QIODevice::Truncate);
        QElapsedTimer timer;
        timer.start();
        process.start(program, arguments);
        process.waitForFinished(-1);
        const double ms = timer.nsecsElapsed() / 1e6;
        const qint64 bytes = QFileInfo(output).size();
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
            timing.error = QString::fromLocal8Bit(process.readAllStandardError()).left(500);
            return timing;
        }
        times << ms;
        timing.bytes = bytes;
    }
    std::sort(times.begin(), times.end());
    timing.medianMs = times.at(times.size() / 2);
    timing.ok = true;
    return timing;
}

bool pgExec(const PostgresServer &server, const QString &database, const QString &sql, QString *error)
{
    const QString name = QStringLiteral("bench-pg");
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(server.host());
        db.setPort(server.port());
        db.setUserName(server.user());
        db.setDatabaseName(database);
        if (db.open()) {
            QSqlQuery q(db);
            ok = q.exec(sql);
            if (!ok)
                *error = q.lastError().text();
        } else {
            *error = db.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

// One transaction: 5,000 tables of 10 columns, each with a primary key, an index
// on c1 and a foreign key to the next table.
QString postgresGenerator(int tables)
{
    return QStringLiteral(R"(DO $$
DECLARE i int;
BEGIN
  FOR i IN 1..%1 LOOP
    EXECUTE format('CREATE TABLE t%s (id bigint PRIMARY KEY, parent_id bigint, c1 text NOT NULL DEFAULT '''', '
                   'c2 integer, c3 numeric(12,2), c4 timestamptz DEFAULT now(), c5 boolean, c6 varchar(40), '
                   'c7 jsonb, c8 date)', i);
  END LOOP;
  FOR i IN 1..%1 LOOP
    EXECUTE format('ALTER TABLE t%s ADD CONSTRAINT t%s_parent_fk FOREIGN KEY (parent_id) REFERENCES t%s (id) '
                   'ON DELETE CASCADE', i, i, (i % %1) + 1);
    EXECUTE format('CREATE INDEX t%s_c1 ON t%s (c1)', i, i);
  END LOOP;
END $$)")
        .arg(tables);
}

QByteArray mariaDbGenerator(int tables)
{
    QByteArray sql = "SET FOREIGN_KEY_CHECKS = 0;\n";
    for (int i = 1; i <= tables; ++i) {
        sql += QStringLiteral(
            "CREATE TABLE t%1 (id BIGINT PRIMARY KEY, parent_id BIGINT, c1 VARCHAR(100) NOT NULL "
            "DEFAULT '', c2 INT, c3 DECIMAL(12,2), c4 TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP, "
            "c5 BOOLEAN, c6 VARCHAR(40), c7 TEXT, c8 DATE, KEY t%1_c1 (c1), "
            "CONSTRAINT t%1_parent_fk FOREIGN KEY (parent_id) REFERENCES t%2 (id) ON DELETE CASCADE);\n")
                   .arg(i)
                   .arg(i % tables + 1)
                   .toUtf8();
    }
    return sql;
}

void printRow(const QString &engine, const QString &tool, const Timing &t, const Timing &devdash)
{
    if (!t.ok) {
        std::printf(
            "| %-8s | %-28s | failed: %s\n", qPrintable(engine), qPrintable(tool), qPrintable(t.error));
        return;
    }
    std::printf("| %-8s | %-28s | %10.0f | %12lld | %6.1f%% |\n", qPrintable(engine), qPrintable(tool),
        t.medianMs, t.bytes, devdash.ok ? 100.0 * devdash.medianMs / t.medianMs : 0.0);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({
        { QStringLiteral("devdash"), QStringLiteral("The devdash binary."), QStringLiteral("path") },
        { QStringLiteral("dir"), QStringLiteral("Where the servers keep their files."), QStringLiteral("dir"),
            QStringLiteral("/tmp/devdash-bench/schema") },
        { QStringLiteral("runs"), QStringLiteral("Runs per measure (median)."), QStringLiteral("n"),
            QStringLiteral("3") },
        { QStringLiteral("tables"), QStringLiteral("Tables to generate."), QStringLiteral("n"),
            QStringLiteral("5000") },
        { QStringLiteral("engines"), QStringLiteral("pg,mariadb"), QStringLiteral("list"),
            QStringLiteral("pg,mariadb") },
    });
    parser.process(app);
    const QString devdash = parser.value(QStringLiteral("devdash"));
    if (devdash.isEmpty() || !QFile::exists(devdash)) {
        std::fprintf(stderr, "bench_schema: give the devdash binary with --devdash\n");
        return 2;
    }
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());
    const int tables = std::max(2, parser.value(QStringLiteral("tables")).toInt());
    const QString dir = parser.value(QStringLiteral("dir"));
    const QStringList engines = parser.value(QStringLiteral("engines")).split(QLatin1Char(','));
    const QString database = QStringLiteral("bench%1").arg(tables);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DEVDASH_NO_KEYCHAIN"), QStringLiteral("1"));

    std::printf(
        "Schema inspection: %d tables, %d columns, %d foreign keys, %d indexes; median of %d runs\n\n",
        tables, tables * 10, tables, tables * 2, runs);
    std::printf(
        "| engine   | command                      |    ms (med) | output bytes | devdash / tool |\n");
    std::printf("|----------|------------------------------|------------:|-------------:|--------:|\n");

    PostgresServer pg;
    if (engines.contains(QLatin1String("pg"))) {
        pg.setPersistentDir(dir + QStringLiteral("/pg"));
        QString error;
        if (!pg.start()) {
            std::fprintf(stderr, "PostgreSQL: %s\n", qPrintable(pg.errorString()));
            return 1;
        }
        // One transaction takes a lock per table and index: make room once, then restart.
        if (pgExec(
                pg, QStringLiteral("postgres"), QStringLiteral("SHOW max_locks_per_transaction"), &error)) {
            pgExec(pg, QStringLiteral("postgres"),
                QStringLiteral("ALTER SYSTEM SET max_locks_per_transaction = 1024"), &error);
            pg.stop();
            pg.start();
        }
        if (!pgExec(pg, database, QStringLiteral("SELECT 1 FROM t%1").arg(tables), &error)) {
            std::fprintf(stderr, "generating the PostgreSQL database (%d tables)...\n", tables);
            pg.dropDatabase(database);
            pg.createDatabase(database);
            QElapsedTimer timer;
            timer.start();
            if (!pgExec(pg, database, postgresGenerator(tables), &error)) {
                std::fprintf(stderr, "PostgreSQL generation failed: %s\n", qPrintable(error));
                return 1;
            }
            pgExec(pg, database, QStringLiteral("ANALYZE"), &error);
            std::fprintf(stderr, "generated in %.1f s\n", timer.elapsed() / 1000.0);
        }
        const QStringList mineArguments { QStringLiteral("schema"), pg.url(database),
            QStringLiteral("--json") };
        const QString dumpProgram = PostgresServer::binDir() + QStringLiteral("/pg_dump");
        const QStringList dumpArguments { QStringLiteral("--schema-only"), QStringLiteral("-h"), pg.host(),
            QStringLiteral("-p"), QString::number(pg.port()), QStringLiteral("-U"), pg.user(), database };
        // One untimed run of each first: the server was just started, and whichever
        // ran first would otherwise pay for reading the catalog into shared buffers.
        timeCommand(devdash, mineArguments, env, 1);
        timeCommand(dumpProgram, dumpArguments, env, 1);
        const Timing mine = timeCommand(devdash, mineArguments, env, runs);
        const Timing dump = timeCommand(dumpProgram, dumpArguments, env, runs);
        printRow(QStringLiteral("postgres"), QStringLiteral("devdash schema URL --json"), mine, mine);
        printRow(QStringLiteral("postgres"), QStringLiteral("pg_dump --schema-only"), dump, mine);
        pg.stop();
    }

    MariaDbServer maria;
    if (engines.contains(QLatin1String("mariadb"))) {
        maria.setPersistentDir(dir + QStringLiteral("/mariadb"));
        if (!maria.start()) {
            std::fprintf(stderr, "MariaDB: %s\n", qPrintable(maria.errorString()));
            return 1;
        }
        if (!QFile::exists(dir + QStringLiteral("/mariadb/data/%1/t%2.frm").arg(database).arg(tables))) {
            std::fprintf(stderr, "generating the MariaDB database (%d tables)...\n", tables);
            QElapsedTimer timer;
            timer.start();
            maria.execRoot(QStringLiteral("DROP DATABASE IF EXISTS %1; CREATE DATABASE %1").arg(database));
            const QString file = dir + QStringLiteral("/mariadb-generate.sql");
            QFile out(file);
            out.open(QIODevice::WriteOnly);
            out.write(mariaDbGenerator(tables));
            out.close();
            if (!maria.loadFile(file, database)) {
                std::fprintf(stderr, "MariaDB generation failed: %s\n", qPrintable(maria.errorString()));
                return 1;
            }
            maria.execRoot(QStringLiteral("ANALYZE TABLE t1"), database);
            std::fprintf(stderr, "generated in %.1f s\n", timer.elapsed() / 1000.0);
        }
        QProcessEnvironment withPassword = env;
        withPassword.insert(QStringLiteral("MYSQL_PWD"), maria.password());
        const Timing mine = timeCommand(devdash,
            { QStringLiteral("schema"), maria.url(database), QStringLiteral("--json") }, withPassword, runs);
        const Timing dump = timeCommand(QStringLiteral("mysqldump"),
            { QStringLiteral("--no-defaults"), QStringLiteral("--no-data"), QStringLiteral("-h"),
                maria.host(), QStringLiteral("-P"), QString::number(maria.port()), QStringLiteral("-u"),
                maria.user(), database },
            withPassword, runs);
        printRow(QStringLiteral("mariadb"), QStringLiteral("devdash schema URL --json"), mine, mine);
        printRow(QStringLiteral("mariadb"), QStringLiteral("mysqldump --no-data"), dump, mine);
        maria.stop();
    }
    return 0;
}

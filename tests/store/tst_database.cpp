// Database: where the store lives (URLs, XDG default, DEVDASH_STORE), how a
// SQLite store is set up (WAL, foreign keys, busy timeout), connections per
// thread, and a real PostgreSQL server.

#include "PostgresServer.h"
#include "store/BulkInsert.h"
#include "store/Database.h"
#include "store/PostgresBinding.h"
#include "store/StoreMigrations.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace devdash;
using namespace devdash::store;
using namespace devdash::test;

namespace {

QVariant scalar(const Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    return q.exec(sql) && q.next() ? q.value(0) : QVariant();
}

} // namespace

class TstDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qunsetenv("DEVDASH_STORE");
        qunsetenv("PGPASSWORD");
        qunsetenv("DEVDASH_STORE_PASSWORD");
    }

    void cleanupTestCase() { m_server.stop(); }

    void parse_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<bool>("postgres");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("options");
        QTest::newRow("full") << "postgresql://dev@db.example.com:5433/devdash" << true << "db.example.com"
                              << 5433 << "dev"
                              << ""
                              << "devdash"
                              << "";
        QTest::newRow("postgres scheme, default port")
            << "postgres://dev@localhost/team" << true << "localhost" << 5432 << "dev"
            << ""
            << "team"
            << "";
        QTest::newRow("password in url") << "postgresql://dev:s%40cret@h:1/d" << true << "h" << 1 << "dev"
                                         << "s@cret"
                                         << "d"
                                         << "";
        QTest::newRow("socket folder and options")
            << "postgresql://dev@/d?host=/run/postgresql&sslmode=disable" << true << "/run/postgresql" << 5432
            << "dev"
            << ""
            << "d"
            << "sslmode=disable";
        QTest::newRow("ipv6") << "postgresql://u@[::1]:5434/d" << true << "::1" << 5434 << "u"
                              << ""
                              << "d"
                              << "";
        QTest::newRow("sqlite path") << "/tmp/x/store.sqlite" << false << "" << 5432 << ""
                                     << ""
                                     << ""
                                     << "";
        QTest::newRow("sqlite url") << "sqlite:///tmp/y.db" << false << "" << 5432 << ""
                                    << ""
                                    << ""
                                    << "";
    }

    void parse()
    {
        QFETCH(QString, spec);
        QFETCH(bool, postgres);
        const auto location = StoreLocation::parse(spec);
        QVERIFY2(location.ok(), qPrintable(location.errorMessage()));
        QCOMPARE(location->isPostgres(), postgres);
        if (!postgres) {
            QVERIFY(location->path.startsWith(QLatin1String("/tmp/")));
            return;
        }
        QTEST(location->host, "host");
        QTEST(location->port, "port");
        QTEST(location->user, "user");
        QTEST(location->password, "password");
        QTEST(location->database, "database");
        QTEST(location->connectOptions, "options");
        QVERIFY(!location->displayName().contains(QLatin1String("cret")));
    }

    void parseErrors_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no database") << "postgresql://u@h:5432/"
                                     << "names no database";
        QTest::newRow("other scheme") << "mysql://u@h/d"
                                      << "Unsupported store";
    }

    void parseErrors()
    {
        QFETCH(QString, spec);
        QFETCH(QString, expected);
        const auto location = StoreLocation::parse(spec);
        QVERIFY(!location.ok());
        QVERIFY2(location.errorMessage().contains(expected), qPrintable(location.errorMessage()));
    }

    void passwordFromEnvironmentNeverShown()
    {
        qputenv("PGPASSWORD", "from-pg");
        auto location = StoreLocation::parse(QStringLiteral("postgresql://u@h/d"));
        QCOMPARE(location->password, QStringLiteral("from-pg"));
        qputenv("DEVDASH_STORE_PASSWORD", "from-devdash");
        location = StoreLocation::parse(QStringLiteral("postgresql://u@h/d"));
        QCOMPARE(location->password, QStringLiteral("from-devdash"));
        location = StoreLocation::parse(QStringLiteral("postgresql://u:inurl@h/d"));
        QCOMPARE(location->password, QStringLiteral("inurl"));
        QVERIFY(!location->displayName().contains(QLatin1String("inurl")));
        qunsetenv("PGPASSWORD");
        qunsetenv("DEVDASH_STORE_PASSWORD");
    }

    void defaultLocation()
    {
        const QString data = m_dir.filePath(QStringLiteral("xdg-data"));
        qputenv("XDG_DATA_HOME", data.toUtf8());
        auto location = StoreLocation::defaultLocation();
        QVERIFY(location.ok());
        QVERIFY(!location->isPostgres());
        QCOMPARE(location->path,
            QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
                + QStringLiteral("/devdash.sqlite"));
        QVERIFY2(location->path.startsWith(data), qPrintable(location->path));
        QCOMPARE(StoreLocation::parse(QString())->path, location->path);

        qputenv("DEVDASH_STORE", "postgresql://team@db/devdash");
        location = StoreLocation::defaultLocation();
        QVERIFY(location->isPostgres());
        QCOMPARE(location->database, QStringLiteral("devdash"));
        qunsetenv("DEVDASH_STORE");
    }

    void sqliteSetUp()
    {
        // The folder is created; WAL, foreign keys and a busy timeout are on.
        const QString path = m_dir.filePath(QStringLiteral("nested/folder/store.sqlite"));
        auto db = Database::open(*StoreLocation::parse(path));
        QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
        QVERIFY(QFile::exists(path));
        QCOMPARE(scalar(*db, QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(scalar(*db, QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
        QVERIFY(scalar(*db, QStringLiteral("PRAGMA busy_timeout")).toInt() >= 5000);
        QSqlQuery q(db->connection());
        QVERIFY(!q.exec(
            QStringLiteral("INSERT INTO test_runs (repository_id, commit_id, branch, source, imported_at, "
                           "content_hash, tests, passed, failed, errored, skipped, flaky, duration_s) "
                           "VALUES (999, '', '', '', 0, 'x', 0, 0, 0, 0, 0, 0, 0)")));
    }

    void unwritableFolderSaysWhat()
    {
        if (QFileInfo(QStringLiteral("/proc/devdash")).exists())
            QSKIP("unexpected /proc layout");
        auto db = Database::open(*StoreLocation::parse(QStringLiteral("/proc/devdash/store.sqlite")));
        QVERIFY(!db.ok());
        QVERIFY2(db.errorMessage().contains(QLatin1String("/proc/devdash")), qPrintable(db.errorMessage()));
    }

    void connectionsAreClosed()
    {
        QString name;
        {
            auto db = Database::open(*StoreLocation::parse(m_dir.filePath(QStringLiteral("c.sqlite"))));
            QVERIFY(db.ok());
            name = db->connectionName();
            QVERIFY(QSqlDatabase::connectionNames().contains(name));
            Database moved = std::move(*db);
            QCOMPARE(moved.connectionName(), name);
        }
        QVERIFY(!QSqlDatabase::connectionNames().contains(name));
    }

    void workerThreadHasItsOwnConnection()
    {
        auto db = Database::open(*StoreLocation::parse(m_dir.filePath(QStringLiteral("t.sqlite"))));
        QVERIFY(db.ok());
        QString workerName;
        QString workerError;
        QThread *worker = QThread::create([&]() {
            auto mine = db->cloneForThread();
            if (!mine) {
                workerError = mine.errorMessage();
                return;
            }
            workerName = mine->connectionName();
            QSqlQuery q(mine->connection());
            if (!q.exec(
                    QStringLiteral("INSERT INTO store_meta (meta_key, value) VALUES ('w', 'from worker')")))
                workerError = q.lastError().text();
        });
        worker->start();
        worker->wait();
        delete worker;
        QVERIFY2(workerError.isEmpty(), qPrintable(workerError));
        QVERIFY(!workerName.isEmpty() && workerName != db->connectionName());
        QCOMPARE(scalar(*db, QStringLiteral("SELECT value FROM store_meta WHERE meta_key = 'w'")).toString(),
            QStringLiteral("from worker"));
    }

    void writersWaitForEachOther()
    {
        // A second writer waits for the first one's transaction instead of failing.
        const StoreLocation location = *StoreLocation::parse(m_dir.filePath(QStringLiteral("w.sqlite")));
        auto first = Database::open(location);
        QVERIFY(first.ok());
        QVERIFY(first->beginWrite().ok());
        QVERIFY(
            first->exec(QStringLiteral("INSERT INTO store_meta (meta_key, value) VALUES ('a', '1')")).ok());
        QString error;
        QThread *second = QThread::create([&]() {
            auto db = Database::connect(location);
            if (!db) {
                error = db.errorMessage();
                return;
            }
            if (auto ok = db->beginWrite(); !ok) {
                error = ok.errorMessage();
                return;
            }
            (void)db->exec(QStringLiteral("INSERT INTO store_meta (meta_key, value) VALUES ('b', '2')"));
            if (auto ok = db->commit(); !ok)
                error = ok.errorMessage();
        });
        second->start();
        QThread::msleep(300);
        QVERIFY(first->commit().ok());
        second->wait();
        delete second;
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(scalar(*first, QStringLiteral("SELECT COUNT(*) FROM store_meta")).toInt(), 2);
    }

    void postgres()
    {
        DEVDASH_REQUIRE_POSTGRES(m_server);
        const QString url = m_server.createDatabase(QStringLiteral("devdash_team"));
        QVERIFY2(!url.isEmpty(), qPrintable(m_server.errorString()));
        auto db = Database::open(*StoreLocation::parse(url));
        QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
        QVERIFY(db->isPostgres());
        QCOMPARE(*StoreMigrations::currentVersion(*db), StoreMigrations::standard().latestVersion());
        QCOMPARE(scalar(*db, QStringLiteral("SELECT current_setting('application_name')")).toString(),
            QStringLiteral("devdash"));
        // A worker's connection on PostgreSQL.
        QString workerError;
        QThread *worker = QThread::create([&]() {
            auto mine = db->cloneForThread();
            if (!mine)
                workerError = mine.errorMessage();
            else if (auto ok = mine->exec(
                         QStringLiteral("INSERT INTO store_meta (meta_key, value) VALUES ('pg', 'w')"));
                     !ok)
                workerError = ok.errorMessage();
        });
        worker->start();
        worker->wait();
        delete worker;
        QVERIFY2(workerError.isEmpty(), qPrintable(workerError));
        QCOMPARE(scalar(*db, QStringLiteral("SELECT value FROM store_meta WHERE meta_key = 'pg'")).toString(),
            QStringLiteral("w"));
    }

    // COPY and libpq's own queries behind QPSQL: text that needs escaping, NULLs,
    // doubles, a RETURNING suffix through the staging table, "?" parameters.
    void postgresBinding()
    {
        DEVDASH_REQUIRE_POSTGRES(m_server);
        const QString url = m_server.createDatabase(QStringLiteral("devdash_binding"));
        QVERIFY2(!url.isEmpty(), qPrintable(m_server.errorString()));
        auto db = Database::open(*StoreLocation::parse(url));
        QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
        QVERIFY(postgresHandle(*db) != nullptr);
        QVERIFY(
            db->exec(QStringLiteral("CREATE TABLE bind_test (id BIGSERIAL PRIMARY KEY, label TEXT NOT NULL "
                                    "UNIQUE, note TEXT, amount DOUBLE PRECISION, n SMALLINT)"))
                .ok());
        const QString awkward = QStringLiteral("tab\there\nnew\\line \\N 'q' \"d\" ü 😀\r");
        QVERIFY(db->beginWrite().ok());
        QHash<QString, qint64> ids;
        {
            BulkInsert insert(*db, QStringLiteral("bind_test"),
                { QStringLiteral("label"), QStringLiteral("note"), QStringLiteral("amount"),
                    QStringLiteral("n") },
                QStringLiteral("ON CONFLICT (label) DO NOTHING RETURNING id, label"));
            insert.setResultHandler(
                [&](const QVariantList &row) { ids.insert(row.at(1).toString(), row.at(0).toLongLong()); });
            QVERIFY(insert.addRow({ awkward, QVariant(QMetaType::fromType<QString>()), 0.1 + 0.2, 3 }).ok());
            QVERIFY(insert
                        .addRow({ QStringLiteral("plain"), QStringLiteral(""),
                            QVariant(QMetaType::fromType<double>()), true })
                        .ok());
            QVERIFY(insert.flush().ok());
            // Again: the conflicting row is skipped, the new one returned.
            QVERIFY(insert.addRow({ QStringLiteral("plain"), QStringLiteral("x"), 1.0, 1 }).ok());
            QVERIFY(insert.addRow({ QStringLiteral("third"), QStringLiteral("y"), 2.5, 2 }).ok());
            QVERIFY(insert.flush().ok());
        }
        {
            BulkInsert insert(
                *db, QStringLiteral("bind_test"), { QStringLiteral("label"), QStringLiteral("n") });
            QVERIFY(insert.addRow({ QStringLiteral("fourth"), 4 }).ok());
            QVERIFY(insert.flush().ok());
        }
        QVERIFY(db->commit().ok());
        QCOMPARE(ids.size(), 3);
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT label, note, amount, n FROM bind_test ORDER BY id")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), awkward);
        QVERIFY(q.value(1).isNull());
        QCOMPARE(q.value(2).toDouble(), 0.1 + 0.2);
        QCOMPARE(q.value(3).toInt(), 3);
        QVERIFY(q.next());
        QCOMPARE(q.value(1).toString(), QString());
        QVERIFY(!q.value(1).isNull());
        QVERIFY(q.value(2).isNull());
        QCOMPARE(q.value(3).toInt(), 1);
        q.finish();
        QList<qint64> seen;
        QVERIFY(db->forEachIntegerRow(QStringLiteral("SELECT id, n, NULL FROM bind_test WHERE label <> ? "
                                                     "AND n >= ? ORDER BY id"),
                      { awkward, 2 }, [&](const qint64 *row) { seen << row[1] << row[2]; })
                    .ok());
        QCOMPARE(seen, (QList<qint64> { 2, 0, 4, 0 }));
        // libpq's errors say where, like Qt's.
        auto bad
            = db->forEachIntegerRow(QStringLiteral("SELECT nope FROM bind_test"), {}, [](const qint64 *) {});
        QVERIFY(!bad.ok());
        QVERIFY2(bad.errorMessage().contains(QLatin1String("nope")), qPrintable(bad.errorMessage()));
    }

    void postgresErrorsSayWhere()
    {
        DEVDASH_REQUIRE_POSTGRES(m_server);
        auto missing = Database::open(*StoreLocation::parse(m_server.url(QStringLiteral("no_such_db"))));
        QVERIFY(!missing.ok());
        QVERIFY2(
            missing.errorMessage().contains(QLatin1String("no_such_db")), qPrintable(missing.errorMessage()));
        // Nobody listens on the port next to ours (most likely); the password never shows.
        auto unreachable = Database::open(
            *StoreLocation::parse(QStringLiteral("postgresql://u:secret@127.0.0.1:1/d?connect_timeout=2")));
        QVERIFY(!unreachable.ok());
        QVERIFY2(unreachable.errorMessage().contains(QLatin1String("127.0.0.1")),
            qPrintable(unreachable.errorMessage()));
        QVERIFY(!unreachable.errorMessage().contains(QLatin1String("secret")));
    }

private:
    QTemporaryDir m_dir;
    PostgresServer m_server;
};

QTEST_GUILESS_MAIN(TstDatabase)

#include "tst_database.moc"

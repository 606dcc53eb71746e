// `devdash migrations` as a script runs it: the real binary against SQLite files with
// golang-migrate's history table and a repository with .devdash.json, JSON and text,
// the matrix over the configured environments, and the errors.

#include "CliProcess.h"
#include "MigrationHistoryDb.h"
#include "TestEnvironment.h"
#include "TestRepo.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace devdash;
using devdash::test::MigrationHistoryDb;
using devdash::test::TestRepo;

namespace {

const QString Binary = QStringLiteral(DEVDASH_BINARY);

QString file(int v)
{
    return QStringLiteral("db/migrations/%1_step%2.up.sql").arg(v, 6, 10, QLatin1Char('0')).arg(v);
}

} // namespace

class TestMigrationCli : public QObject
{
    Q_OBJECT

    TestRepo m_repo;
    std::unique_ptr<MigrationHistoryDb> m_staging;
    std::unique_ptr<MigrationHistoryDb> m_production;
    QString m_main;
    QString m_feature;

    static std::unique_ptr<MigrationHistoryDb> database(int version, bool dirty)
    {
        auto db = std::make_unique<MigrationHistoryDb>();
        db->exec(QStringLiteral(
            "CREATE TABLE schema_migrations (version bigint not null primary key, dirty boolean not null)"));
        db->exec(QStringLiteral("INSERT INTO schema_migrations VALUES (?, ?)"), { version, dirty });
        return db;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(test::TestEnvironment::setUp());
        m_staging = database(4, false);
        m_production = database(3, false);
        m_repo.init();
        const QByteArray config = QStringLiteral(
            "{\"databases\": [ {\"name\": \"staging\", \"url\": \"sqlite://%1\", \"migrations\": "
            "{\"framework\": \"golang-migrate\", \"path\": \"db/migrations\"}}, {\"name\": \"production\", "
            "\"url\": \"sqlite://%2\", \"migrations\": {\"framework\": \"golang-migrate\", \"path\": "
            "\"db/migrations\"}}, {\"name\": \"qa\", \"url\": \"sqlite://%3/missing.db\"}]}")
                                      .arg(m_staging->path(), m_production->path(), m_repo.root())
                                      .toUtf8();
        m_main = m_repo.commit(QStringLiteral("1..3"),
            { { QStringLiteral(".devdash.json"), config }, { file(1), "CREATE TABLE a (id int);" },
                { file(2), "SELECT 2;" }, { file(3), "SELECT 3;" } });
        m_repo.checkoutNew(QStringLiteral("feature/x"));
        m_feature
            = m_repo.commit(QStringLiteral("4, 5"), { { file(4), "SELECT 4;" }, { file(5), "SELECT 5;" } });
        m_repo.checkout(QStringLiteral("main"));
        QVERIFY2(m_repo.ok(), qPrintable(m_repo.errors()));
    }

    void json()
    {
        const QDateTime before = QFileInfo(m_staging->path()).lastModified();
        const auto run = test::runCli(Binary,
            { "migrations", QStringLiteral("sqlite://") + m_staging->path(), "--repo", m_repo.path(), "--ref",
                "feature/x", "--json" });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject o = run.object();
        QCOMPARE(o.value("framework").toString(), QStringLiteral("golang-migrate"));
        QCOMPARE(o.value("table").toString(), QStringLiteral("schema_migrations"));
        QCOMPARE(o.value("ref").toString(), QStringLiteral("feature/x"));
        QCOMPARE(o.value("commit").toString(), m_feature);
        QCOMPARE(o.value("directory").toString(), QStringLiteral("db/migrations"));
        QCOMPARE(o.value("database").toString(), QStringLiteral("sqlite://") + m_staging->path());
        const QJsonArray migrations = o.value("migrations").toArray();
        QCOMPARE(migrations.size(), 5);
        QStringList states;
        for (const QJsonValue &m : migrations)
            states.append(m.toObject().value("state").toString());
        QCOMPARE(states, QStringList({ "applied", "applied", "applied", "applied", "pending" }));
        const QJsonObject first = migrations.first().toObject();
        QCOMPARE(first.value("version").toString(), QStringLiteral("000001"));
        QCOMPARE(first.value("key").toString(), QStringLiteral("1"));
        QCOMPARE(first.value("description").toString(), QStringLiteral("step1"));
        QCOMPARE(first.value("path").toString(), file(1));
        QCOMPARE(first.value("script").toString(), QStringLiteral("000001_step1.up.sql"));
        for (const char *key :
            { "applied_at", "applied_by", "duration_ms", "checksum", "file_checksum", "installed_rank" })
            QVERIFY2(first.contains(QLatin1String(key)) && first.value(QLatin1String(key)).isNull(), key);
        QCOMPARE(o.value("counts").toObject().value("pending").toInt(), 1);
        // Read-only: the inspected file is untouched.
        QCOMPARE(QFileInfo(m_staging->path()).lastModified(), before);
    }

    void text()
    {
        const auto run = test::runCli(Binary,
            { "migrations", QStringLiteral("sqlite://") + m_production->path(), "--repo", m_repo.path() });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QString out = QString::fromUtf8(run.out);
        QVERIFY2(out.contains(QStringLiteral("golang-migrate (schema_migrations)")), qPrintable(out));
        QVERIFY2(out.contains(QRegularExpression(QStringLiteral("000003\\s+applied"))), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("3 applied, 0 pending, 0 need attention")), qPrintable(out));
    }

    void matrix()
    {
        const auto run = test::runCli(Binary,
            { "migrations", "matrix", m_repo.path(), "--ref", "main", "--ref", "feature/x", "--json" });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject o = run.object();
        QCOMPARE(o.value("framework").toString(), QStringLiteral("golang-migrate"));
        QCOMPARE(o.value("against").toString(), QStringLiteral("feature/x"));
        const QJsonArray refs = o.value("refs").toArray();
        QCOMPARE(refs.size(), 2);
        QCOMPARE(refs.at(0).toObject().value("commit").toString(), m_main);
        QCOMPARE(refs.at(1).toObject().value("migrations").toInt(), 5);
        const QJsonArray envs = o.value("environments").toArray();
        QCOMPARE(envs.size(), 3);
        QVERIFY(envs.at(0).toObject().value("error").isNull());
        QVERIFY(!envs.at(2).toObject().value("error").toString().isEmpty());
        const QJsonArray rows = o.value("migrations").toArray();
        QCOMPARE(rows.size(), 5);
        const QJsonObject row4 = rows.at(3).toObject();
        QCOMPARE(row4.value("key").toString(), QStringLiteral("4"));
        QCOMPARE(row4.value("refs").toObject().value("main").toBool(), false);
        QCOMPARE(row4.value("refs").toObject().value("feature/x").toBool(), true);
        QCOMPARE(
            row4.value("environments").toObject().value("staging").toString(), QStringLiteral("applied"));
        QCOMPARE(
            row4.value("environments").toObject().value("production").toString(), QStringLiteral("pending"));
        QVERIFY(row4.value("environments").toObject().value("qa").isNull());
        const QJsonObject summary = o.value("summaries").toArray().first().toObject();
        QCOMPARE(summary.value("added").toArray(), QJsonArray({ "4", "5" }));
        QCOMPARE(summary.value("applied").toObject().value("staging").toInt(), 1);
        QVERIFY2(summary.value("text").toString().startsWith(QStringLiteral(
                     "feature/x adds 2 migrations; staging has 1 of them; production none; qa unknown")),
            qPrintable(summary.value("text").toString()));

        const auto textRun = test::runCli(
            Binary, { "migrations", "matrix", m_repo.path(), "--ref", "main", "--ref", "feature/x" });
        QVERIFY2(textRun.exitCode == 0, textRun.err.constData());
        QVERIFY(QString::fromUtf8(textRun.out)
                    .contains(QStringLiteral("feature/x adds 2 migrations; staging has 1 of them")));
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("no repo option")
            << QStringList { "migrations", "sqlite:///nowhere.db" } << 2 << "--repo is required";
        QTest::newRow("unknown framework") << QStringList { "migrations", "sqlite:///x.db", "--repo", ".",
            "--framework", "nope" } << 2 << "unknown framework 'nope'";
        QTest::newRow("bad ref") << QStringList { "migrations", "STAGING", "--repo", "REPO", "--ref",
            "no-such-ref" } << 1 << "no-such-ref";
        QTest::newRow("no history table")
            << QStringList { "migrations", "EMPTY", "--repo", "REPO" } << 1 << "no migration history table";
    }
    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        MigrationHistoryDb empty;
        empty.exec(QStringLiteral("CREATE TABLE users (id int)"));
        for (QString &a : args) {
            if (a == QLatin1String("REPO"))
                a = m_repo.path();
            else if (a == QLatin1String("STAGING"))
                a = QStringLiteral("sqlite://") + m_staging->path();
            else if (a == QLatin1String("EMPTY"))
                a = QStringLiteral("sqlite://") + empty.path();
        }
        const auto run = test::runCli(Binary, args);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
        QVERIFY(run.err.startsWith("devdash: "));
    }
};

QTEST_GUILESS_MAIN(TestMigrationCli)
#include "tst_migrationcli.moc"

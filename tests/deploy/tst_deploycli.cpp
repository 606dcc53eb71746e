// `devdash deploy record`, `deployments`, `dora`, `sprints` and `release-diff` run as
// a process against a real repository and a temporary SQLite store: what a script
// records, what a lead reads back, and the errors both meet.

#include "CliProcess.h"
#include "TestEnvironment.h"
#include "TestRepo.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash::test;

namespace {

const QRegularExpression fullId(QStringLiteral("^[0-9a-f]{40}$"));

} // namespace

class TstDeployCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    std::unique_ptr<TestRepo> m_repo;
    QString m_store;
    QStringList m_c;

    CliRun devdash(QStringList args)
    {
        args << QStringLiteral("--store") << m_store;
        return runCli(QStringLiteral(DEVDASH_BINARY), args);
    }
    CliRun record(const QString &env, const QString &commit, const QString &status, const QString &at)
    {
        return devdash({ QStringLiteral("deploy"), QStringLiteral("record"), m_repo->path(),
            QStringLiteral("--env"), env, QStringLiteral("--commit"), commit, QStringLiteral("--status"),
            status, QStringLiteral("--at"), at, QStringLiteral("--by"), QStringLiteral("ansible"),
            QStringLiteral("--json") });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(TestEnvironment::setUp());
        m_store = m_tmp.filePath(QStringLiteral("store.sqlite"));
        m_repo = std::make_unique<TestRepo>();
        m_repo->init();
        // c1 authored 2026-01-05T08:00Z, c2 2026-01-06T08:00Z (DEV-1), a feature branch with
        // a migration merged as c4 2026-01-08T08:00Z (DEV-2 in the branch commit).
        auto commit
            = [&](const QString &msg, const QString &date, const QMap<QString, QByteArray> &files = {}) {
                  for (auto it = files.cbegin(); it != files.cend(); ++it)
                      m_repo->writeFile(it.key(), it.value());
                  m_repo->git({ QStringLiteral("add"), QStringLiteral("-A") });
                  m_repo->git({ QStringLiteral("commit"), QStringLiteral("--allow-empty"),
                      QStringLiteral("-q"), QStringLiteral("-m"), msg, QStringLiteral("--date"), date });
                  return m_repo->head();
              };
        m_repo->writeFile(QStringLiteral(".devdash.json"),
            "{\"sprints\": {\"start\": \"2026-01-05\", \"length_days\": 7},"
            " \"issues\": {\"url\": \"https://jira.example.com/browse/{key}\"}}");
        m_c << QString();
        m_c << commit(QStringLiteral("c1 initial"), QStringLiteral("2026-01-05T08:00:00Z"));
        m_c << commit(QStringLiteral("DEV-1 fix login"), QStringLiteral("2026-01-06T08:00:00Z"));
        m_repo->checkoutNew(QStringLiteral("feature/orders"));
        m_c << commit(QStringLiteral("DEV-2 orders table"), QStringLiteral("2026-01-07T08:00:00Z"),
            { { QStringLiteral("db/migrations/V2__orders.sql"), "create table orders(id int);\n" } });
        m_repo->checkout(QStringLiteral("main"));
        m_repo->git(
            { QStringLiteral("merge"), QStringLiteral("--no-ff"), QStringLiteral("-q"), QStringLiteral("-m"),
                QStringLiteral("Merge branch 'feature/orders'"), QStringLiteral("feature/orders") });
        m_repo->git({ QStringLiteral("commit"), QStringLiteral("--amend"), QStringLiteral("--no-edit"),
            QStringLiteral("-q"), QStringLiteral("--date"), QStringLiteral("2026-01-08T08:00:00Z") });
        m_c << m_repo->head();
        QVERIFY2(m_repo->ok(), qPrintable(m_repo->errors()));
    }

    void recordResolvesRevisions()
    {
        // A short id and a branch name are stored as full ids.
        CliRun r = record(QStringLiteral("production"), m_c[2].left(8), QStringLiteral("success"),
            QStringLiteral("2026-01-06T10:00:00Z"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.object().value(u"commit").toString(), m_c[2]);
        QCOMPARE(r.object().value(u"deployed_at").toString(), QStringLiteral("2026-01-06T10:00:00+00:00"));
        QCOMPARE(r.object().value(u"created").toBool(), true);
        QCOMPARE(r.object().value(u"source").toString(), QStringLiteral("record"));
        // The same report again (a retried script) is not a second deployment.
        r = record(QStringLiteral("production"), m_c[2], QStringLiteral("success"),
            QStringLiteral("2026-01-06T11:00:00+01:00"));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.object().value(u"created").toBool(), false);

        QCOMPARE(record(QStringLiteral("staging"), QStringLiteral("main"), QStringLiteral("success"),
                     QStringLiteral("2026-01-08T09:00:00Z"))
                     .object()
                     .value(u"commit")
                     .toString(),
            m_c[4]);
        QCOMPARE(record(QStringLiteral("production"), m_c[4], QStringLiteral("failure"),
                     QStringLiteral("2026-01-08T12:00:00Z"))
                     .exitCode,
            0);
        QCOMPARE(record(QStringLiteral("production"), m_c[4], QStringLiteral("success"),
                     QStringLiteral("2026-01-08T13:30:00Z"))
                     .exitCode,
            0);
        // A rollback to c2, then c4 again.
        QCOMPARE(record(QStringLiteral("production"), m_c[2], QStringLiteral("success"),
                     QStringLiteral("2026-01-12T09:00:00Z"))
                     .exitCode,
            0);
    }

    void recordErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown commit") << QStringList { "--env", "production", "--commit", "deadbeef",
            "--status", "success" } << 2 << "Unknown revision 'deadbeef'";
        QTest::newRow("bad status") << QStringList { "--env", "production", "--commit", "main", "--status",
            "ok" } << 2 << "--status must be success or failure";
        QTest::newRow("bad time") << QStringList { "--env", "p", "--commit", "main", "--status", "success",
            "--at", "yesterday" } << 2
                                  << "is not a time";
        QTest::newRow("no env") << QStringList { "--commit", "main", "--status", "success" } << 2
                                << "--env is required";
    }
    void recordErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        CliRun r = devdash(
            QStringList { QStringLiteral("deploy"), QStringLiteral("record"), m_repo->path() } + args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    }

    void listsDeployments()
    {
        CliRun r = devdash({ QStringLiteral("deployments"), m_repo->path(), QStringLiteral("--env"),
            QStringLiteral("production"), QStringLiteral("--json") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray list = r.array();
        QCOMPARE(list.size(), 4);
        QStringList statuses, rollbacks;
        for (const QJsonValue &v : list) {
            const QJsonObject o = v.toObject();
            QVERIFY(fullId.match(o.value(u"commit").toString()).hasMatch());
            statuses << o.value(u"status").toString();
            rollbacks << (o.value(u"rollback").toBool() ? QStringLiteral("R") : QStringLiteral("-"));
            QCOMPARE(o.value(u"deployed_by").toString(), QStringLiteral("ansible"));
        }
        QCOMPARE(statuses, (QStringList { "success", "failure", "success", "success" }));
        QCOMPARE(rollbacks, (QStringList { "-", "-", "-", "R" }));
        r = devdash({ QStringLiteral("deployments"), m_repo->path(), QStringLiteral("--env"),
            QStringLiteral("prod") });
        QCOMPARE(r.exitCode, 1);
        QVERIFY(QString::fromUtf8(r.err).contains(QStringLiteral("known: production, staging")));
    }

    void doraJsonShape()
    {
        // Sprint 1 = [Jan 5, Jan 12). Production: c2 at Jan 6 10:00 (brings c1: 26 h, c2: 2 h),
        // failure Jan 8 12:00, c4 at Jan 8 13:30 (brings c3: 29.5 h, c4: 5.5 h).
        // Lead times [2, 5.5, 26, 29.5] → 15.75 h. Days Jan 6, Jan 8 → 2 per week (high).
        // 1 failed of 3 → 0.3333 (low). Restore 1.5 h (high).
        CliRun r = devdash(
            { QStringLiteral("dora"), m_repo->path(), QStringLiteral("--env"), QStringLiteral("production"),
                QStringLiteral("--sprint"), QStringLiteral("1"), QStringLiteral("--json") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = r.object();
        QCOMPARE(o.value(u"environment").toString(), QStringLiteral("production"));
        QCOMPARE(o.value(u"from").toString(), QStringLiteral("2026-01-05T00:00:00+00:00"));
        QCOMPARE(o.value(u"to").toString(), QStringLiteral("2026-01-12T00:00:00+00:00"));
        const QJsonObject df = o.value(u"deployment_frequency").toObject();
        QCOMPARE(df.value(u"deployment_days_per_week").toDouble(), 2.0);
        QCOMPARE(df.value(u"deployments").toInt(), 2);
        QCOMPARE(df.value(u"level").toString(), QStringLiteral("high"));
        const QJsonObject lt = o.value(u"lead_time_for_changes").toObject();
        QCOMPARE(lt.value(u"median_hours").toDouble(), 15.75);
        QCOMPARE(lt.value(u"changes").toInt(), 4);
        QCOMPARE(lt.value(u"level").toString(), QStringLiteral("high"));
        const QJsonObject cfr = o.value(u"change_failure_rate").toObject();
        QCOMPARE(cfr.value(u"rate").toDouble(), 0.3333);
        QCOMPARE(cfr.value(u"failed").toInt(), 1);
        QCOMPARE(cfr.value(u"deployments").toInt(), 3);
        QCOMPARE(cfr.value(u"level").toString(), QStringLiteral("low"));
        const QJsonObject ttr = o.value(u"time_to_restore").toObject();
        QCOMPARE(ttr.value(u"median_hours").toDouble(), 1.5);
        QCOMPARE(ttr.value(u"incidents").toInt(), 1);
        QCOMPARE(ttr.value(u"level").toString(), QStringLiteral("high"));

        // Dates: --to includes its day. Jan 12 only: the rollback, which brings nothing.
        r = devdash({ QStringLiteral("dora"), m_repo->path(), QStringLiteral("--env"),
            QStringLiteral("production"), QStringLiteral("--from"), QStringLiteral("2026-01-12"),
            QStringLiteral("--to"), QStringLiteral("2026-01-12"), QStringLiteral("--json") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject empty = r.object();
        QCOMPARE(empty.value(u"to").toString(), QStringLiteral("2026-01-13T00:00:00+00:00"));
        const QJsonObject noLead = empty.value(u"lead_time_for_changes").toObject();
        QVERIFY(noLead.value(u"median_hours").isNull());
        QVERIFY(noLead.value(u"level").isNull());
        QCOMPARE(noLead.value(u"changes").toInt(), 0);
        QVERIFY(noLead.value(u"note").toString().contains(QStringLiteral("no sample")));
        QVERIFY(empty.value(u"time_to_restore").toObject().value(u"median_hours").isNull());

        r = devdash({ QStringLiteral("dora"), m_repo->path(), QStringLiteral("--env"),
            QStringLiteral("production") });
        QCOMPARE(r.exitCode, 2);
        QVERIFY(QString::fromUtf8(r.err).contains(QStringLiteral("--from DATE --to DATE or --sprint N")));
    }

    void sprintsAndReleaseDiff()
    {
        CliRun r = devdash({ QStringLiteral("sprints"), m_repo->path(), QStringLiteral("--json") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray sprints = r.array();
        QCOMPARE(sprints.size(), 2); // Jan 5–11 and Jan 12–18
        const QJsonObject s1 = sprints.at(0).toObject();
        QCOMPARE(s1.value(u"sprint").toInt(), 1);
        QJsonObject production;
        for (const QJsonValue &e : s1.value(u"environments").toArray())
            if (e.toObject().value(u"environment").toString() == QLatin1String("production"))
                production = e.toObject();
        QCOMPARE(production.value(u"deployments").toInt(), 3);
        QCOMPARE(production.value(u"failed").toInt(), 1);
        QCOMPARE(production.value(u"commits_shipped").toArray().size(), 4);
        QStringList keys;
        for (const QJsonValue &k : production.value(u"issue_keys").toArray())
            keys << k.toObject().value(u"key").toString();
        keys.sort();
        QCOMPARE(keys, (QStringList { "DEV-1", "DEV-2" }));
        QCOMPARE(production.value(u"issue_keys").toArray().at(0).toObject().value(u"url").toString().left(35),
            QStringLiteral("https://jira.example.com/browse/DEV"));
        const QJsonObject s2 = sprints.at(1).toObject();
        for (const QJsonValue &e : s2.value(u"environments").toArray())
            if (e.toObject().value(u"environment").toString() == QLatin1String("production"))
                QCOMPARE(e.toObject().value(u"rollbacks").toInt(), 1);

        // Production runs c2 (rolled back), staging c4: c3 and c4 are ahead, with the
        // merged branch, DEV-2 and the migration it adds.
        r = devdash({ QStringLiteral("release-diff"), m_repo->path(), QStringLiteral("--env"),
            QStringLiteral("staging"), QStringLiteral("--base"), QStringLiteral("production"),
            QStringLiteral("--json") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject diff = r.object();
        QCOMPARE(diff.value(u"head").toString(), m_c[4]);
        QCOMPARE(diff.value(u"base").toString(), m_c[2]);
        QCOMPARE(diff.value(u"commits").toArray().size(), 2);
        QCOMPARE(diff.value(u"commits").toArray().at(0).toObject().value(u"commit").toString(), m_c[4]);
        QCOMPARE(diff.value(u"merged_branches").toArray(), QJsonArray { QStringLiteral("feature/orders") });
        QCOMPARE(diff.value(u"migrations").toArray(),
            QJsonArray { QStringLiteral("db/migrations/V2__orders.sql") });
        QCOMPARE(diff.value(u"issue_keys").toArray().at(0).toObject().value(u"key").toString(),
            QStringLiteral("DEV-2"));
    }
};

QTEST_GUILESS_MAIN(TstDeployCli)
#include "tst_deploycli.moc"

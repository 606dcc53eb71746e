// The DORA metrics (deploy/DoraMetrics.h has the definitions) on hand-built
// histories: real git repositories with chosen author dates (some with offsets),
// deployments placed by hand, and expected values worked out by hand below.

#include "TestEnvironment.h"
#include "TestRepo.h"
#include "deploy/CommitReach.h"
#include "deploy/DeploymentHistory.h"
#include "deploy/DeploymentRecord.h"
#include "deploy/DeploymentsSnapshot.h"
#include "deploy/DoraMetrics.h"

#include <QTest>

#include <ctime>

using namespace devdash;
using namespace devdash::deploy;
using namespace devdash::test;

Q_DECLARE_METATYPE(devdash::deploy::PerformanceLevel)

namespace {

QDateTime utc(const QString &iso)
{
    auto t = DeploymentRecord::parseTime(iso);
    return t ? *t : QDateTime();
}

// An empty commit whose author date is `authorDate` (ISO 8601, offsets kept by git).
QString commitAuthoredAt(TestRepo &repo, const QString &message, const QString &authorDate)
{
    repo.git({ QStringLiteral("commit"), QStringLiteral("--allow-empty"), QStringLiteral("-q"),
        QStringLiteral("-m"), message, QStringLiteral("--date"), authorDate });
    return repo.head();
}

Deployment deployment(
    qint64 id, const QString &env, const QString &commit, DeploymentStatus status, const QString &at)
{
    Deployment d;
    d.id = id;
    d.environment = env;
    d.commit = commit;
    d.status = status;
    d.at = utc(at);
    d.source = QStringLiteral("record");
    return d;
}

constexpr auto OK = DeploymentStatus::Success;
constexpr auto KO = DeploymentStatus::Failure;

} // namespace

class TstDoraMetrics : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestRepo> m_repo;
    QStringList m_c; // c1..c6 at m_c[1..6]
    QList<Deployment> m_deployments;

private Q_SLOTS:
    void initTestCase()
    {
        // Local time must not matter: a zone with daylight saving time (changes on 2026-03-29).
        qputenv("TZ", "Europe/Berlin");
        tzset();
        QVERIFY(TestEnvironment::setUp());

        // The main history, one line (author dates; UTC in brackets):
        //   c1 2026-01-05T08:00:00Z         (Mon Jan 5 08:00)
        //   c2 2026-01-05T12:00:00+02:00    (Mon Jan 5 10:00)
        //   c3 2026-01-06T09:00:00-05:00    (Tue Jan 6 14:00)
        //   c4 2026-01-07T08:00:00Z         (Wed Jan 7 08:00)
        //   c5 2026-01-08T00:30:00+01:00    (Wed Jan 7 23:30)
        //   c6 2026-01-13T08:00:00Z         (Tue Jan 13 08:00)
        m_repo = std::make_unique<TestRepo>();
        m_repo->init();
        m_c << QString();
        m_c << commitAuthoredAt(*m_repo, QStringLiteral("c1"), QStringLiteral("2026-01-05T08:00:00Z"));
        m_c << commitAuthoredAt(*m_repo, QStringLiteral("c2"), QStringLiteral("2026-01-05T12:00:00+02:00"));
        m_c << commitAuthoredAt(*m_repo, QStringLiteral("c3"), QStringLiteral("2026-01-06T09:00:00-05:00"));
        m_c << commitAuthoredAt(*m_repo, QStringLiteral("c4"), QStringLiteral("2026-01-07T08:00:00Z"));
        m_c << commitAuthoredAt(*m_repo, QStringLiteral("c5"), QStringLiteral("2026-01-08T00:30:00+01:00"));
        m_c << commitAuthoredAt(*m_repo, QStringLiteral("c6"), QStringLiteral("2026-01-13T08:00:00Z"));
        QVERIFY2(m_repo->ok(), qPrintable(m_repo->errors()));

        // Deployments to production (what each brings first, and its lead times):
        //   D1 ok  c2 Mon Jan 5 12:00Z  → c1 (4 h), c2 (2 h)
        //   D2 ok  c2 Mon Jan 5 18:00Z  → nothing (the same commit again)
        //   D3 KO  c4 Wed Jan 7 10:00Z
        //   D4 ok  c4 Wed Jan 7 12:00Z  → c3 (22 h), c4 (4 h)
        //   D5 ok  c5 Thu Jan 8 01:30Z  → c5 (2 h)
        //   (no deployment in the week of Jan 12–18)
        //   D6 ok  c6 Mon Jan 19 09:00Z → c6 (6 d 1 h = 145 h)
        //   D7 ok  c4 Tue Jan 20 10:00Z → nothing; a rollback (c4 is an ancestor of c6)
        //   D8 KO  c6 Wed Jan 21 10:00Z
        //   D9 ok  c6 Wed Jan 21 10:30Z → nothing
        const QString p = QStringLiteral("production");
        m_deployments = {
            deployment(1, p, m_c[2], OK, QStringLiteral("2026-01-05T12:00:00Z")),
            deployment(2, p, m_c[2], OK, QStringLiteral("2026-01-05T18:00:00Z")),
            deployment(3, p, m_c[4], KO, QStringLiteral("2026-01-07T10:00:00Z")),
            deployment(4, p, m_c[4], OK, QStringLiteral("2026-01-07T12:00:00Z")),
            deployment(5, p, m_c[5], OK, QStringLiteral("2026-01-08T01:30:00Z")),
            deployment(6, p, m_c[6], OK, QStringLiteral("2026-01-19T09:00:00Z")),
            deployment(7, p, m_c[4], OK, QStringLiteral("2026-01-20T10:00:00Z")),
            deployment(8, p, m_c[6], KO, QStringLiteral("2026-01-21T10:00:00Z")),
            deployment(9, p, m_c[6], OK, QStringLiteral("2026-01-21T10:30:00Z")),
        };
    }

    void threeWeeks()
    {
        // Given in reverse order: the history sorts by time.
        QList<Deployment> reversed(m_deployments.crbegin(), m_deployments.crend());
        auto history = DeploymentHistory::load(m_repo->path(), reversed);
        QVERIFY2(history, qPrintable(history.errorMessage()));
        // [Mon Jan 5, Mon Jan 26): ISO weeks 2, 3, 4.
        auto r = history->dora(QStringLiteral("production"), utc(QStringLiteral("2026-01-05")),
            utc(QStringLiteral("2026-01-26")));
        QVERIFY2(r, qPrintable(r.errorMessage()));

        // Successful deployment days: week 2 {5, 7, 8} = 3; week 3 {} = 0; week 4 {19, 20, 21} = 3.
        // Median of [0, 3, 3] = 3 → elite (≥ 3). Successful deployments: D1 D2 D4 D5 D6 D7 D9 = 7.
        QCOMPARE(r->frequency.weeks, 3);
        QCOMPARE(r->frequency.deploymentDaysPerWeek, 3.0);
        QCOMPARE(r->frequency.deployments, 7);
        QCOMPARE(r->frequency.level, PerformanceLevel::Elite);
        // Lead times [2, 2, 4, 4, 22, 145] h: median (4 + 4) / 2 = 4 h → high (< 1 week, not < 1 h).
        QCOMPARE(r->leadTime.changes, 6);
        QCOMPARE(*r->leadTime.medianHours, 4.0);
        QCOMPARE(*r->leadTime.level, PerformanceLevel::High);
        // Failed D3, D8 of 9 → 2/9 = 22.2 % → low (> 15 %).
        QCOMPARE(r->failureRate.failed, 2);
        QCOMPARE(r->failureRate.deployments, 9);
        QCOMPARE(*r->failureRate.rate, 2.0 / 9.0);
        QCOMPARE(*r->failureRate.level, PerformanceLevel::Low);
        // D3 → D4: 2 h; D8 → D9: 0.5 h; median 1.25 h → high (< 1 day).
        QCOMPARE(r->timeToRestore.incidents, 2);
        QCOMPARE(*r->timeToRestore.medianHours, 1.25);
        QCOMPARE(*r->timeToRestore.level, PerformanceLevel::High);
        QCOMPARE(r->timeToRestore.unrestored, 0);
    }

    void rollbacksAndRedeploys()
    {
        auto history = DeploymentHistory::load(m_repo->path(), m_deployments);
        QVERIFY(history);
        const QList<DeploymentRow> rows = history->rows(QStringLiteral("production"));
        QCOMPARE(rows.size(), 9);
        QStringList rollbacks;
        for (const DeploymentRow &row : rows)
            if (row.rollback)
                rollbacks << QString::number(row.deployment.id);
        // Only D7 (c4 after c6). D2 (c2 again) and D9 (c6 again after a failure) are not.
        QCOMPARE(rollbacks, QStringList { QStringLiteral("7") });
        QCOMPARE(history->current(QStringLiteral("production"))->id, qint64(9));
        // What shipped in week 4: nothing but c6 (D6); D7 and D9 bring nothing new.
        auto shipped = history->shipped(QStringLiteral("production"), utc(QStringLiteral("2026-01-19")),
            utc(QStringLiteral("2026-01-26")));
        QVERIFY(shipped);
        QCOMPARE(shipped->size(), 1);
        QCOMPARE(shipped->first().commit, m_c[6]);
        QCOMPARE(shipped->first().deploymentId, qint64(6));
    }

    void emptySprint()
    {
        auto history = DeploymentHistory::load(m_repo->path(), m_deployments);
        QVERIFY(history);
        // Week 3 [Jan 12, Jan 19) has no deployment at all.
        auto r = history->dora(QStringLiteral("production"), utc(QStringLiteral("2026-01-12")),
            utc(QStringLiteral("2026-01-19")));
        QVERIFY(r);
        QCOMPARE(r->frequency.weeks, 1);
        QCOMPARE(r->frequency.deploymentDaysPerWeek, 0.0);
        QCOMPARE(r->frequency.deployments, 0);
        QCOMPARE(r->frequency.level, PerformanceLevel::Low); // 0 days per month too
        QVERIFY(!r->leadTime.medianHours && !r->leadTime.level);
        QCOMPARE(r->leadTime.changes, 0);
        QVERIFY(!r->failureRate.rate && !r->failureRate.level);
        QCOMPARE(r->failureRate.deployments, 0);
        QVERIFY(!r->timeToRestore.medianHours && !r->timeToRestore.level);
        QCOMPARE(r->timeToRestore.incidents, 0);
    }

    // The Deployments page opens on the latest sprint that has deployments: an empty
    // current sprint ("0 days/week — low") is passed over, a busy one is chosen.
    void defaultSprintHasDeployments()
    {
        auto history = DeploymentHistory::load(m_repo->path(), m_deployments);
        QVERIFY(history);
        const QStringList weeks { QStringLiteral("2026-01-05"), QStringLiteral("2026-01-12"),
            QStringLiteral("2026-01-19") };
        auto week = [&](int i) {
            Sprint sprint;
            sprint.number = i + 1;
            sprint.first = QDate::fromString(weeks.at(i), Qt::ISODate);
            sprint.last = sprint.first.addDays(6);
            auto dora = history->dora(QStringLiteral("production"), sprint.from(), sprint.to());
            return SprintMetrics { sprint, dora ? *dora : DoraReport {} };
        };
        // Weeks 1 and 2: week 2 [Jan 12, Jan 19) is empty (see emptySprint).
        const QList<SprintMetrics> endsEmpty { week(0), week(1) };
        QCOMPARE(DeploymentsSnapshot::defaultSprintIndex(endsEmpty), 0);
        const QList<SprintMetrics> endsBusy { week(0), week(1), week(2) };
        QVERIFY(endsBusy.last().dora.failureRate.deployments > 0);
        QCOMPARE(DeploymentsSnapshot::defaultSprintIndex(endsBusy), 2);
        QCOMPARE(DeploymentsSnapshot::defaultSprintIndex({ week(1) }), 0); // nothing anywhere: the last
        QCOMPARE(DeploymentsSnapshot::defaultSprintIndex({}), -1);
    }

    void periodWithoutFailure()
    {
        auto history = DeploymentHistory::load(m_repo->path(), m_deployments);
        QVERIFY(history);
        // [Jan 5, Jan 7): D1, D2, both successful, one day (Jan 5) in week 2.
        auto r = history->dora(QStringLiteral("production"), utc(QStringLiteral("2026-01-05")),
            utc(QStringLiteral("2026-01-07")));
        QVERIFY(r);
        QCOMPARE(r->frequency.deploymentDaysPerWeek, 1.0); // high (≥ 1)
        QCOMPARE(r->frequency.level, PerformanceLevel::High);
        QCOMPARE(r->frequency.deployments, 2);
        // c1 4 h, c2 2 h → 3 h; D2 (the same commit again) adds no change.
        QCOMPARE(r->leadTime.changes, 2);
        QCOMPARE(*r->leadTime.medianHours, 3.0);
        // 0 failed of 2: rate 0 → elite; no incident: no time to restore.
        QCOMPARE(*r->failureRate.rate, 0.0);
        QCOMPARE(*r->failureRate.level, PerformanceLevel::Elite);
        QCOMPARE(r->timeToRestore.incidents, 0);
        QVERIFY(!r->timeToRestore.medianHours);
    }

    void periodStartingMidWeek()
    {
        auto history = DeploymentHistory::load(m_repo->path(), m_deployments);
        QVERIFY(history);
        // [Wed Jan 7, Wed Jan 14): weeks 2 (days 7, 8 in the period) and 3 (none): [2, 0] → 1.
        auto r = history->dora(QStringLiteral("production"), utc(QStringLiteral("2026-01-07")),
            utc(QStringLiteral("2026-01-14")));
        QVERIFY(r);
        QCOMPARE(r->frequency.weeks, 2);
        QCOMPARE(r->frequency.deploymentDaysPerWeek, 1.0);
        QCOMPARE(r->frequency.deployments, 2); // D4, D5
        // c3 22 h, c4 4 h, c5 2 h → 4 h (c1, c2 reached before the period: not counted).
        QCOMPARE(r->leadTime.changes, 3);
        QCOMPARE(*r->leadTime.medianHours, 4.0);
        // D3 failed of 3 → 1/3; restored by D4 2 h later.
        QCOMPARE(*r->failureRate.rate, 1.0 / 3.0);
        QCOMPARE(*r->timeToRestore.medianHours, 2.0);
    }

    void tiesAndMerges()
    {
        // a1 ─ a2 ────────── m (merge of feature)
        //   └─ f1 ─────────┘
        // Author dates: a1 Feb 2 00:00Z, f1 Feb 2 06:00Z, a2 Feb 2 03:00Z, m Feb 4 00:00Z.
        TestRepo repo(QStringLiteral("ties"));
        repo.init();
        const QString a1
            = commitAuthoredAt(repo, QStringLiteral("a1"), QStringLiteral("2026-02-02T00:00:00Z"));
        repo.checkoutNew(QStringLiteral("feature"));
        const QString f1
            = commitAuthoredAt(repo, QStringLiteral("f1"), QStringLiteral("2026-02-02T06:00:00Z"));
        repo.checkout(QStringLiteral("main"));
        const QString a2
            = commitAuthoredAt(repo, QStringLiteral("a2"), QStringLiteral("2026-02-02T03:00:00Z"));
        repo.git({ QStringLiteral("merge"), QStringLiteral("--no-ff"), QStringLiteral("-q"),
            QStringLiteral("-m"), QStringLiteral("Merge branch 'feature'"), QStringLiteral("feature"),
            QStringLiteral("--no-edit") });
        repo.git({ QStringLiteral("commit"), QStringLiteral("--amend"), QStringLiteral("--no-edit"),
            QStringLiteral("-q"), QStringLiteral("--date"), QStringLiteral("2026-02-04T00:00:00Z") });
        const QString m = repo.head();
        QVERIFY2(repo.ok(), qPrintable(repo.errors()));

        // S1 (f1) and S2 (a2) at the same instant Feb 3 00:00Z; S3 (m) Feb 4 06:00Z.
        // S1 is stored first, so it reaches a1 (24 h) and f1 (18 h); S2 reaches a2 (21 h);
        // S3 reaches only m (6 h): its parents were reached. Median of [6, 18, 21, 24] = 19.5 h.
        // Were the tie broken the other way, a1 would still count 24 h: ties do not change it.
        const QString s = QStringLiteral("staging");
        QList<Deployment> list { deployment(2, s, a2, OK, QStringLiteral("2026-02-03T00:00:00Z")),
            deployment(1, s, f1, OK, QStringLiteral("2026-02-03T00:00:00Z")),
            deployment(3, s, m, OK, QStringLiteral("2026-02-04T06:00:00Z")) };
        auto history = DeploymentHistory::load(repo.path(), list);
        QVERIFY(history);
        auto r = history->dora(s, utc(QStringLiteral("2026-02-02")), utc(QStringLiteral("2026-02-09")));
        QVERIFY(r);
        QCOMPARE(r->leadTime.changes, 4);
        QCOMPARE(*r->leadTime.medianHours, 19.5);
        // Days Feb 3 and Feb 4 in week 6 → 2 → high.
        QCOMPARE(r->frequency.deploymentDaysPerWeek, 2.0);
        QCOMPARE(r->frequency.level, PerformanceLevel::High);
        auto shipped
            = history->shipped(s, utc(QStringLiteral("2026-02-03")), utc(QStringLiteral("2026-02-04")));
        QVERIFY(shipped);
        QStringList byS1;
        for (const ShippedCommit &c : *shipped)
            if (c.deploymentId == 1)
                byS1 << c.commit;
        byS1.sort();
        QStringList expected { a1, f1 };
        expected.sort();
        QCOMPARE(byS1, expected);
        // Neither S2 (a2 is not an ancestor of f1) nor S3 is a rollback.
        for (const DeploymentRow &row : history->rows(s))
            QVERIFY(!row.rollback);
    }

    void daylightSavingAndTimeZones()
    {
        // Berlin moves to summer time on 2026-03-29 at 01:00Z. A commit authored at
        // 2026-03-28T12:00:00+01:00 (11:00Z) deployed at 2026-03-29T12:00:00+02:00 (10:00Z)
        // waited 23 h — not 24 (wall clock) nor 22.
        TestRepo repo(QStringLiteral("dst"));
        repo.init();
        const QString c
            = commitAuthoredAt(repo, QStringLiteral("c"), QStringLiteral("2026-03-28T12:00:00+01:00"));
        // A deployment late on Sunday evening in New York is on Monday in UTC (week 14).
        QList<Deployment> list { deployment(1, QStringLiteral("production"), c, OK,
                                     QStringLiteral("2026-03-29T12:00:00+02:00")),
            deployment(2, QStringLiteral("production"), c, OK, QStringLiteral("2026-03-29T22:30:00-04:00")) };
        QCOMPARE(list.at(1).at, utc(QStringLiteral("2026-03-30T02:30:00Z")));
        auto history = DeploymentHistory::load(repo.path(), list);
        QVERIFY(history);
        auto r = history->dora(QStringLiteral("production"), utc(QStringLiteral("2026-03-23")),
            utc(QStringLiteral("2026-04-06")));
        QVERIFY(r);
        QCOMPARE(*r->leadTime.medianHours, 23.0);
        // Week 13 (Mar 23–29): 1 day; week 14 (Mar 30–Apr 5): 1 day → 1.
        QCOMPARE(r->frequency.weeks, 2);
        QCOMPARE(r->frequency.deploymentDaysPerWeek, 1.0);
    }

    void unrestoredFailure()
    {
        // A failure with no success after it has no time to restore: counted apart.
        auto history = DeploymentHistory::load(m_repo->path(),
            { deployment(1, QStringLiteral("qa"), m_c[1], OK, QStringLiteral("2026-01-05T09:00:00Z")),
                deployment(2, QStringLiteral("qa"), m_c[2], KO, QStringLiteral("2026-01-05T10:00:00Z")) });
        QVERIFY(history);
        auto r = history->dora(
            QStringLiteral("qa"), utc(QStringLiteral("2026-01-05")), utc(QStringLiteral("2026-01-12")));
        QVERIFY(r);
        QCOMPARE(*r->failureRate.rate, 0.5);
        QCOMPARE(r->timeToRestore.incidents, 0);
        QCOMPARE(r->timeToRestore.unrestored, 1);
        QVERIFY(!r->timeToRestore.medianHours);
        // Only c1 reached qa (1 h); the failed deployment of c2 brings nothing.
        QCOMPARE(r->leadTime.changes, 1);
        QCOMPARE(*r->leadTime.medianHours, 1.0);
    }

    void levels_data()
    {
        QTest::addColumn<QString>("metric");
        QTest::addColumn<double>("value");
        QTest::addColumn<PerformanceLevel>("level");
        // Each boundary on both sides (DevLake's thresholds, see DoraMetrics.h).
        QTest::newRow("lead 59 min") << "lead" << 59.0 / 60 << PerformanceLevel::Elite;
        QTest::newRow("lead 1 h") << "lead" << 1.0 << PerformanceLevel::High;
        QTest::newRow("lead 1 week") << "lead" << 168.0 << PerformanceLevel::Medium;
        QTest::newRow("lead 180 d") << "lead" << 180.0 * 24 << PerformanceLevel::Low;
        QTest::newRow("cfr 5%") << "cfr" << 0.05 << PerformanceLevel::Elite;
        QTest::newRow("cfr 10%") << "cfr" << 0.10 << PerformanceLevel::High;
        QTest::newRow("cfr 15%") << "cfr" << 0.15 << PerformanceLevel::Medium;
        QTest::newRow("cfr 16%") << "cfr" << 0.16 << PerformanceLevel::Low;
        QTest::newRow("ttr 0.5 h") << "ttr" << 0.5 << PerformanceLevel::Elite;
        QTest::newRow("ttr 23 h") << "ttr" << 23.0 << PerformanceLevel::High;
        QTest::newRow("ttr 24 h") << "ttr" << 24.0 << PerformanceLevel::Medium;
        QTest::newRow("ttr 1 week") << "ttr" << 168.0 << PerformanceLevel::Low;
        QTest::newRow("df 3 days") << "df" << 3.0 << PerformanceLevel::Elite;
        QTest::newRow("df 1 day") << "df" << 1.0 << PerformanceLevel::High;
        QTest::newRow("df 0.5") << "df" << 0.5 << PerformanceLevel::Medium; // with 1 day per month
    }
    void levels()
    {
        QFETCH(QString, metric);
        QFETCH(double, value);
        QFETCH(PerformanceLevel, level);
        if (metric == QLatin1String("lead"))
            QCOMPARE(DoraMetrics::leadTimeLevel(value), level);
        else if (metric == QLatin1String("cfr"))
            QCOMPARE(DoraMetrics::failureRateLevel(value), level);
        else if (metric == QLatin1String("ttr"))
            QCOMPARE(DoraMetrics::restoreLevel(value), level);
        else
            QCOMPARE(DoraMetrics::frequencyLevel(value, 1.0), level);
        QCOMPARE(DoraMetrics::frequencyLevel(0.0, 0.9), PerformanceLevel::Low);
    }

    void medianOfEvenAndOdd()
    {
        QCOMPARE(*DoraMetrics::median({ 3, 1, 2 }), 2.0);
        QCOMPARE(*DoraMetrics::median({ 4, 1, 3, 2 }), 2.5);
        QVERIFY(!DoraMetrics::median({}));
    }

    void reachVisitsEachCommitOnce()
    {
        auto history = DeploymentHistory::load(m_repo->path(), {});
        QVERIFY(history);
        const auto &dag = history->dag();
        git_oid oid;
        std::vector<int64_t> commits;
        for (int i : { 2, 2, 5, 1, 6 }) {
            QCOMPARE(git_oid_fromstr(&oid, m_c[i].toLatin1().constData()), 0);
            auto index = dag.find(oid);
            QVERIFY(index);
            commits.push_back(*index);
        }
        const CommitReach reach = CommitReach::compute(dag, commits);
        // c2 → {c1, c2}; c2 again → {}; c5 → {c3, c4, c5}; c1 → {}; c6 → {c6}: 6 commits, each once.
        QCOMPARE(reach.count(0), size_t(2));
        QCOMPARE(reach.count(1), size_t(0));
        QCOMPARE(reach.count(2), size_t(3));
        QCOMPARE(reach.count(3), size_t(0));
        QCOMPARE(reach.count(4), size_t(1));
        QVERIFY(CommitReach::isAncestor(dag, uint32_t(commits[3]), uint32_t(commits[4])));
        QVERIFY(!CommitReach::isAncestor(dag, uint32_t(commits[4]), uint32_t(commits[3])));
    }
};

QTEST_GUILESS_MAIN(TstDoraMetrics)
#include "tst_dorametrics.moc"

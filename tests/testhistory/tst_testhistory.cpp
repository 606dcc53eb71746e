// TestHistory::currentStreak without a store: age and "failing since" as
// Jenkins counts them, per branch.

#include "testresults/TestHistory.h"

#include <QTest>

using namespace devdash::testresults;

namespace {

// Newest first: "FFP" is failed, failed, then (older) passed. Branch per entry
// from `branches` ("m" main, "f" feature); default main.
QList<HistoryEntry> entries(const QString &statuses, const QString &branches = {})
{
    QList<HistoryEntry> list;
    for (int i = 0; i < statuses.size(); ++i) {
        HistoryEntry e;
        e.runId = 100 - i;
        const QChar s = statuses.at(i);
        e.status = s == QLatin1Char('F') ? TestStatus::Failed
            : s == QLatin1Char('E')      ? TestStatus::Errored
            : s == QLatin1Char('S')      ? TestStatus::Skipped
                                         : TestStatus::Passed;
        e.branch = i < branches.size() && branches.at(i) == QLatin1Char('f') ? QStringLiteral("feature")
                                                                             : QStringLiteral("main");
        list.append(e);
    }
    return list;
}

} // namespace

class TstTestHistory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void streak_data()
    {
        QTest::addColumn<QString>("statuses");
        QTest::addColumn<QString>("branches");
        QTest::addColumn<QString>("branch");
        QTest::addColumn<int>("age");
        QTest::addColumn<int>("firstIndex");
        QTest::addColumn<bool>("complete");
        QTest::newRow("passing") << "PFF"
                                 << ""
                                 << "main" << 0 << -1 << true;
        QTest::newRow("one failure") << "FP"
                                     << ""
                                     << "main" << 1 << 0 << true;
        QTest::newRow("three, errors count") << "FEFPF"
                                             << ""
                                             << "main" << 3 << 2 << true;
        QTest::newRow("skip breaks") << "FSF"
                                     << ""
                                     << "main" << 1 << 0 << true;
        QTest::newRow("all failing: maybe longer") << "FFF"
                                                   << ""
                                                   << "main" << 3 << 2 << false;
        QTest::newRow("other branch ignored") << "FPFFP"
                                              << "mfmmm"
                                              << "main" << 3 << 3 << true;
        QTest::newRow("feature only") << "FPFFP"
                                      << "mfmmm"
                                      << "feature" << 0 << -1 << true;
        QTest::newRow("every branch") << "FPFFP"
                                      << "mfmmm"
                                      << "" << 1 << 0 << true;
        QTest::newRow("empty") << ""
                               << ""
                               << "main" << 0 << -1 << true;
    }

    void streak()
    {
        QFETCH(QString, statuses);
        QFETCH(QString, branches);
        QFETCH(QString, branch);
        const TestHistory::Streak s = TestHistory::currentStreak(entries(statuses, branches), branch);
        QTEST(s.age, "age");
        QTEST(s.firstIndex, "firstIndex");
        QTEST(s.complete, "complete");
    }
};

QTEST_GUILESS_MAIN(TstTestHistory)

#include "tst_testhistory.moc"

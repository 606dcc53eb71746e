// FlakyDetector without a store: each definition, its rate and evidence, the
// thresholds, and partial observations.

#include "testresults/FlakyDetector.h"

#include <QTest>

using namespace devdash::testresults;

namespace {

// Runs oldest first; commits and branches given per run.
FlakyInput makeInput(const QStringList &commits, const QStringList &branches = {})
{
    FlakyInput input;
    for (int i = 0; i < commits.size(); ++i) {
        input.runs.append(
            { 1000 + i, commits.at(i), i < branches.size() ? branches.at(i) : QStringLiteral("main"),
                QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC).addSecs(i * 60) });
    }
    return input;
}

// "PFPR-S": one status per run ('R' passed on retry, '-' absent).
QList<FlakyObservation> observe(const QString &pattern)
{
    QList<FlakyObservation> list;
    for (int i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == QLatin1Char('-'))
            continue;
        FlakyObservation o;
        o.run = i;
        o.status = c == QLatin1Char('F') ? TestStatus::Failed
            : c == QLatin1Char('E')      ? TestStatus::Errored
            : c == QLatin1Char('S')      ? TestStatus::Skipped
                                         : TestStatus::Passed;
        o.flaky = c == QLatin1Char('R');
        list.append(o);
    }
    return list;
}

FlakyOptions only(FlakyKind kind)
{
    FlakyOptions o;
    o.sameCommit = kind == FlakyKind::SameCommit;
    o.retries = kind == FlakyKind::RetryPassed;
    o.flips = kind == FlakyKind::StatusFlips;
    return o;
}

} // namespace

class TstFlakyDetector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void countFlips_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<int>("flips");
        QTest::newRow("stable") << "PPPP" << 0;
        QTest::newRow("regression") << "PPFF" << 1;
        QTest::newRow("flaky") << "PFPF" << 3;
        QTest::newRow("errors are failures") << "FEFE" << 0;
        QTest::newRow("skips ignored") << "PSPSF" << 1;
        QTest::newRow("empty") << "" << 0;
    }

    void countFlips()
    {
        QFETCH(QString, pattern);
        QList<TestStatus> statuses;
        for (const FlakyObservation &o : observe(pattern))
            statuses.append(o.status);
        QTEST(FlakyDetector::countFlips(statuses), "flips");
    }

    void sameCommit()
    {
        FlakyInput input = makeInput({ "a", "a", "b", "b", "c", "", "" });
        input.observations.insert(1, observe("FPFFP")); // mixed on a; b failed twice
        input.observations.insert(2, observe("FF")); // broken on a: not flaky
        input.observations.insert(3, observe("-----FP")); // unknown commits prove nothing
        const auto found = FlakyDetector(only(FlakyKind::SameCommit)).detect(input);
        QCOMPARE(found.size(), 1);
        const FlakyFinding &f = found.first();
        QCOMPARE(f.testId, qint64(1));
        QCOMPARE(f.occurrences, 1);
        QCOMPARE(f.observations, 3); // commits a, b, c
        QCOMPARE(f.rate, 1.0 / 3);
        QCOMPARE(f.runIds, QList<qint64>({ 1000, 1001 }));
        QCOMPARE(f.commits, QStringList({ "a" }));
        QCOMPARE(f.lastSeen, input.runs.at(1).time);
        // Presence from the store overrides what the observations show.
        input.ranIn.insert(1, { 20, 10 });
        QCOMPARE(FlakyDetector(only(FlakyKind::SameCommit)).detect(input).first().rate, 0.1);
    }

    void retries()
    {
        FlakyInput input = makeInput({ "a", "b", "c", "d" });
        input.observations.insert(5, observe("RPRS"));
        input.observations.insert(6, observe("PPPP")); // never suspicious
        FlakyOptions options = only(FlakyKind::RetryPassed);
        auto found = FlakyDetector(options).detect(input);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().occurrences, 2);
        QCOMPARE(found.first().observations, 3);
        QCOMPARE(found.first().runIds, QList<qint64>({ 1000, 1002 }));
        QCOMPARE(found.first().commits, QStringList({ "a", "c" }));
        options.minOccurrences = 3;
        QVERIFY(FlakyDetector(options).detect(input).isEmpty());
        options.minOccurrences = 1;
        options.minRate = 0.9;
        QVERIFY(FlakyDetector(options).detect(input).isEmpty());
    }

    void flips()
    {
        // 12 runs of main, 2 of feature interleaved at the end.
        QStringList commits;
        QStringList branches;
        for (int i = 0; i < 14; ++i) {
            commits << QStringLiteral("c%1").arg(i);
            branches << (i >= 12 ? QStringLiteral("feature") : QStringLiteral("main"));
        }
        FlakyInput input = makeInput(commits, branches);
        input.observations.insert(
            1, observe("FPPPFPFPPPPPFP")); // main's last 10: P P F P F P P P P P → 4 flips
        input.observations.insert(2, observe("PPPPPPPPPPFFPP")); // one regression: 1 flip
        input.observations.insert(3, observe("FPPPPPPPPPPP--")); // flipped before main's last 10
        FlakyOptions options = only(FlakyKind::StatusFlips);
        auto found = FlakyDetector(options).detect(input);
        QCOMPARE(found.size(), 1);
        const FlakyFinding &f = found.first();
        QCOMPARE(f.testId, qint64(1));
        QCOMPARE(f.branch, QStringLiteral("main"));
        QCOMPARE(f.occurrences, 4);
        QCOMPARE(f.observations, 10);
        QCOMPARE(f.rate, 4.0 / 9);
        QCOMPARE(f.runIds, QList<qint64>({ 1004, 1005, 1006, 1007 }));
        // One flip: test 1 on feature (F then P) and test 2's regression too.
        options.minFlips = 1;
        found = FlakyDetector(options).detect(input);
        QCOMPARE(found.size(), 3);
        QVERIFY(std::any_of(found.cbegin(), found.cend(),
            [](const FlakyFinding &x) { return x.testId == 1 && x.branch == QLatin1String("feature"); }));
        QVERIFY(
            std::none_of(found.cbegin(), found.cend(), [](const FlakyFinding &x) { return x.testId == 3; }));
        // A longer window reaches test 3's old flip.
        options.flipWindow = 14;
        found = FlakyDetector(options).detect(input);
        QVERIFY(
            std::any_of(found.cbegin(), found.cend(), [](const FlakyFinding &x) { return x.testId == 3; }));
    }

    void sortedAndLimited()
    {
        FlakyInput input = makeInput({ "a", "b", "c", "d" });
        input.observations.insert(1, observe("RPPP"));
        input.observations.insert(2, observe("RRPP"));
        input.observations.insert(3, observe("RRRP"));
        FlakyOptions options = only(FlakyKind::RetryPassed);
        options.limit = 2;
        const auto found = FlakyDetector(options).detect(input);
        QCOMPARE(found.size(), 2);
        QCOMPARE(found.at(0).testId, qint64(3));
        QCOMPARE(found.at(1).testId, qint64(2));
        QCOMPARE(flakyKindName(FlakyKind::SameCommit), QStringLiteral("same_commit"));
    }
};

QTEST_GUILESS_MAIN(TstFlakyDetector)

#include "tst_flakydetector.moc"

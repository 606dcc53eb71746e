// RunComparison::classify without a store: GitLab's categories for every
// combination of base and head status, and absent tests.

#include "testresults/RunComparison.h"

#include <QTest>

using namespace devdash::testresults;

Q_DECLARE_METATYPE(std::optional<TestStatus>)

namespace {

std::optional<TestStatus> parseStatus(char c)
{
    switch (c) {
    case 'P':
        return TestStatus::Passed;
    case 'F':
        return TestStatus::Failed;
    case 'E':
        return TestStatus::Errored;
    case 'S':
        return TestStatus::Skipped;
    default:
        return std::nullopt;
    }
}

} // namespace

class TstRunComparison : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void classify_data()
    {
        QTest::addColumn<QString>("transition"); // base→head, '-' absent
        QTest::addColumn<QString>("expected"); // lists the test lands in: n f s a r
        QTest::newRow("P→P") << "PP"
                             << "";
        QTest::newRow("P→F") << "PF"
                             << "n";
        QTest::newRow("P→E") << "PE"
                             << "n";
        QTest::newRow("P→S") << "PS"
                             << "";
        QTest::newRow("F→P") << "FP"
                             << "f";
        QTest::newRow("E→P") << "EP"
                             << "f";
        QTest::newRow("F→F") << "FF"
                             << "s";
        QTest::newRow("F→E") << "FE"
                             << "s";
        QTest::newRow("F→S") << "FS"
                             << ""; // a skip fixes nothing
        QTest::newRow("S→F") << "SF"
                             << "n";
        QTest::newRow("S→P") << "SP"
                             << "";
        QTest::newRow("new passing") << "-P"
                                     << "a";
        QTest::newRow("new failing") << "-F"
                                     << "na";
        QTest::newRow("removed passing") << "P-"
                                         << "r";
        QTest::newRow("removed failing") << "F-"
                                         << "r"; // removed, not fixed
    }

    void classify()
    {
        QFETCH(QString, transition);
        QFETCH(QString, expected);
        QList<RunComparison::Case> base;
        QList<RunComparison::Case> head;
        if (auto s = parseStatus(transition.at(0).toLatin1()))
            base.append({ 7, *s, 1.0 });
        if (auto s = parseStatus(transition.at(1).toLatin1()))
            head.append({ 7, *s, 2.0 });
        // An unrelated passing test on both sides stays out of every list.
        base.append({ 1, TestStatus::Passed, 0.1 });
        head.append({ 1, TestStatus::Passed, 0.1 });
        const RunComparison c = RunComparison::classify(base, head);
        QString got;
        if (!c.newFailures.isEmpty())
            got += QLatin1Char('n');
        if (!c.fixed.isEmpty())
            got += QLatin1Char('f');
        if (!c.stillFailing.isEmpty())
            got += QLatin1Char('s');
        if (!c.newTests.isEmpty())
            got += QLatin1Char('a');
        if (!c.removedTests.isEmpty())
            got += QLatin1Char('r');
        QCOMPARE(got, expected);
        RunComparison copy = c;
        for (ComparedTest *t : copy.all()) {
            QCOMPARE(t->testId, qint64(7));
            QCOMPARE(t->base, parseStatus(transition.at(0).toLatin1()));
            QCOMPARE(t->head, parseStatus(transition.at(1).toLatin1()));
            if (t->base)
                QCOMPARE(t->baseDurationS, 1.0);
            if (t->head)
                QCOMPARE(t->headDurationS, 2.0);
        }
    }

    void emptyRuns()
    {
        const RunComparison c = RunComparison::classify({}, { { 1, TestStatus::Failed, 0 } });
        QCOMPARE(c.newTests.size(), 1);
        QCOMPARE(c.newFailures.size(), 1);
        QVERIFY(RunComparison::classify({}, {}).newTests.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstRunComparison)

#include "tst_runcomparison.moc"

// LaneLayout invariants over real histories (rows in git's topological order):
// a commit sits in the lane its first child reserved, no commit waits in two
// lanes, first-parent chains keep their lane, merge parents get distinct lanes.

#include "GitTestHelpers.h"
#include "TestEnvironment.h"
#include "git/HistorySession.h"
#include "git/LaneLayout.h"

#include <QTest>

#include <algorithm>
#include <set>
#include <unordered_map>

using namespace devdash;
using namespace devdash::git;
using namespace devdash::test;

namespace {

struct Row
{
    uint32_t commit;
    std::vector<uint32_t> parents;
    uint16_t sessionLane;
};

// Every row of a history, with the lanes HistorySession computed.
QList<Row> allRows(HistorySession &session, std::vector<std::pair<uint32_t, LaneLayout::State>> *checkpoints)
{
    QList<Row> rows;
    for (;;) {
        HistoryBatch batch = session.next(50);
        for (size_t i = 0; i < batch.size(); ++i) {
            Row row { batch.dagIndex[i], {}, batch.lanes[i] };
            row.parents.assign(batch.parents.begin() + batch.parentOffsets[i],
                batch.parents.begin() + batch.parentOffsets[i + 1]);
            rows.append(row);
        }
        if (checkpoints)
            checkpoints->insert(checkpoints->end(), batch.checkpoints.begin(), batch.checkpoints.end());
        if (batch.atEnd || batch.size() == 0)
            return rows;
    }
}

} // namespace

class TestLaneLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void invariants_data();
    void invariants();
    void linearStaysInLaneZero();
    void octopusFansOut();
    void syntheticMergeShapes();
    void checkpointsReplay();

private:
    ScenarioCache m_scenarios;
};

void TestLaneLayout::initTestCase()
{
    QVERIFY(TestEnvironment::setUp());
}

void TestLaneLayout::invariants_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<bool>("all");
    for (const QString &name : Scenarios::namesWithHistory()) {
        QTest::addRow("%s/head", qPrintable(name)) << name << false;
        QTest::addRow("%s/all", qPrintable(name)) << name << true;
    }
}

void TestLaneLayout::invariants()
{
    QFETCH(QString, scenario);
    QFETCH(bool, all);
    auto *entry = m_scenarios.get(scenario);
    DEVDASH_VERIFY_REPO(entry->repo);
    auto session
        = HistorySession::open(entry->scenario.path, all ? HistoryScope::all() : HistoryScope::head());
    QVERIFY2(session, qPrintable(session.errorMessage()));
    const QList<Row> rows = allRows(**session, nullptr);
    QVERIFY(!rows.isEmpty());

    std::unordered_map<uint32_t, int> rowOf;
    for (int i = 0; i < rows.size(); ++i)
        rowOf[rows[i].commit] = i;
    std::unordered_map<uint32_t, int> firstChildRow; // the child that reserves a lane first
    std::unordered_map<uint32_t, uint16_t> reservedLane;

    LaneLayout::State state;
    for (int r = 0; r < rows.size(); ++r) {
        const Row &row = rows[r];
        const QByteArray where = QByteArray("row ") + QByteArray::number(r);

        // Before placing: no commit waits in two lanes.
        std::set<uint32_t> waiting;
        for (uint32_t c : state) {
            if (c == LaneLayout::Free)
                continue;
            QVERIFY2(waiting.insert(c).second, where.constData());
            // Everything waited for comes later (rows are topologically ordered).
            QVERIFY2(rowOf.count(c) && rowOf[c] > r - 1, where.constData());
        }
        const LaneLayout::State before = state;
        const bool reserved = std::find(before.begin(), before.end(), row.commit) != before.end();

        GraphRow g;
        const uint16_t lane = LaneLayout::place(state, row.commit, row.parents, &g);
        QCOMPARE(lane, row.sessionLane); // the session used the same layout
        QCOMPARE(g.lane, lane);
        QCOMPARE(g.hasChild, reserved);
        // A commit with a child shown above sits in the lane reserved for it.
        if (reservedLane.count(row.commit)) {
            QVERIFY2(reserved, where.constData());
            QCOMPARE(lane, reservedLane[row.commit]);
        } else {
            QVERIFY2(!reserved, where.constData());
            // A new line starts in the leftmost free lane.
            for (size_t i = 0; i < lane; ++i)
                QVERIFY2(i < before.size() && before[i] != LaneLayout::Free, where.constData());
        }

        // Lines passing through: exactly the other busy lanes, never the dot's.
        std::vector<uint16_t> through;
        for (size_t i = 0; i < before.size(); ++i)
            if (i != lane && before[i] != LaneLayout::Free)
                through.push_back(uint16_t(i));
        QCOMPARE(g.through, through);
        QVERIFY(std::find(g.through.begin(), g.through.end(), lane) == g.through.end());

        // Parents: each ends up waiting in exactly one lane, which toParents lists;
        // distinct parents are in distinct lanes.
        std::set<uint16_t> parentLanes;
        for (size_t i = 0; i < row.parents.size(); ++i) {
            const uint32_t p = row.parents[i];
            const auto it = std::find(state.begin(), state.end(), p);
            QVERIFY2(it != state.end(), where.constData());
            const uint16_t pl = uint16_t(it - state.begin());
            QVERIFY2(std::count(state.begin(), state.end(), p) == 1, where.constData());
            QVERIFY2(std::find(g.toParents.begin(), g.toParents.end(), pl) != g.toParents.end(),
                where.constData());
            parentLanes.insert(pl);
            const bool wasWaiting = std::find(before.begin(), before.end(), p) != before.end();
            if (!wasWaiting) {
                // First parent continues the commit's lane; others go to its right.
                if (i == 0)
                    QVERIFY2(pl == lane, where.constData());
                else
                    QVERIFY2(pl > lane, where.constData());
                reservedLane[p] = pl;
                firstChildRow[p] = r;
            } else {
                QCOMPARE(pl, reservedLane[p]); // a reserved lane does not move
            }
        }
        QCOMPARE(parentLanes.size(), std::set<uint32_t>(row.parents.begin(), row.parents.end()).size());
        QCOMPARE(g.toParents.size(), parentLanes.size());
        // The dot's lane is free again unless its first parent continues it.
        if (row.parents.empty())
            QVERIFY(lane >= state.size() || state[lane] == LaneLayout::Free);

        // Width covers every lane drawn on the row; the state has no trailing free lanes.
        QVERIFY(g.width >= lane + 1);
        for (uint16_t t : g.through)
            QVERIFY(g.width > t);
        for (uint16_t t : g.toParents)
            QVERIFY(g.width > t);
        QVERIFY(state.empty() || state.back() != LaneLayout::Free);
    }
    // Every parent was shown, so nothing is left waiting.
    QVERIFY(state.empty());
}

void TestLaneLayout::linearStaysInLaneZero()
{
    auto *entry = m_scenarios.get(QStringLiteral("linear"));
    DEVDASH_VERIFY_REPO(entry->repo);
    auto session = HistorySession::open(entry->scenario.path, HistoryScope::head());
    QVERIFY(session);
    for (const Row &row : allRows(**session, nullptr))
        QCOMPARE(row.sessionLane, uint16_t(0));
}

void TestLaneLayout::octopusFansOut()
{
    auto *entry = m_scenarios.get(QStringLiteral("octopus"));
    DEVDASH_VERIFY_REPO(entry->repo);
    auto session = HistorySession::open(entry->scenario.path, HistoryScope::head());
    QVERIFY(session);
    LaneLayout::State state;
    bool sawOctopus = false;
    for (const Row &row : allRows(**session, nullptr)) {
        GraphRow g;
        LaneLayout::place(state, row.commit, row.parents, &g);
        if (row.parents.size() == 5) {
            sawOctopus = true;
            QCOMPARE(g.toParents.size(), size_t(5));
            QCOMPARE(g.toParents.front(), g.lane);
            QCOMPARE(std::set<uint16_t>(g.toParents.begin(), g.toParents.end()).size(), size_t(5));
            QCOMPARE(g.width, uint16_t(5));
        }
    }
    QVERIFY(sawOctopus);
}

// Hand-made rows for the cases histories rarely produce in a fixed order.
void TestLaneLayout::syntheticMergeShapes()
{
    LaneLayout::State state;
    GraphRow g;
    // 10 = merge(9, 8); 9 = child of 7; 8 = child of 7: both sides meet at 7.
    const uint32_t p10[] = { 9, 8 };
    QCOMPARE(LaneLayout::place(state, 10, p10, &g), uint16_t(0));
    QVERIFY(!g.hasChild);
    QCOMPARE(g.toParents, (std::vector<uint16_t> { 0, 1 }));
    const uint32_t p9[] = { 7 };
    QCOMPARE(LaneLayout::place(state, 9, p9, &g), uint16_t(0));
    QVERIFY(g.hasChild);
    QCOMPARE(g.through, (std::vector<uint16_t> { 1 }));
    const uint32_t p8[] = { 7 };
    QCOMPARE(LaneLayout::place(state, 8, p8, &g), uint16_t(1));
    // 7 already waits in lane 0: lane 1 closes into it.
    QCOMPARE(g.toParents, (std::vector<uint16_t> { 0 }));
    QCOMPARE(state, (LaneLayout::State { 7 }));
    // A commit nobody waits for while lane 0 is busy: leftmost free lane (1).
    const uint32_t p20[] = { 21 };
    QCOMPARE(LaneLayout::place(state, 20, p20, &g), uint16_t(1));
    QVERIFY(!g.hasChild);
    QCOMPARE(LaneLayout::place(state, 7, {}, &g), uint16_t(0));
    QCOMPARE(g.through, (std::vector<uint16_t> { 1 }));
    QCOMPARE(g.width, uint16_t(2));
    QCOMPARE(state, (LaneLayout::State { LaneLayout::Free, 21 }));
    // The freed lane 0 is reused by the next new line.
    QCOMPARE(LaneLayout::place(state, 30, {}, &g), uint16_t(0));
    QCOMPARE(LaneLayout::place(state, 21, {}, &g), uint16_t(1));
    QVERIFY(state.empty());
    // Without a GraphRow it computes the same lanes.
    const uint32_t p1[] = { 2, 3, 4 };
    QCOMPARE(LaneLayout::place(state, 1, p1), uint16_t(0));
    QCOMPARE(state, (LaneLayout::State { 2, 3, 4 }));
}

// Checkpoints hold the lane state before their row: replaying from one gives the
// same lanes as the full walk.
void TestLaneLayout::checkpointsReplay()
{
    auto *entry = m_scenarios.get(QStringLiteral("random_dag"));
    DEVDASH_VERIFY_REPO(entry->repo);
    auto session = HistorySession::open(entry->scenario.path, HistoryScope::all());
    QVERIFY(session);
    std::vector<std::pair<uint32_t, LaneLayout::State>> checkpoints;
    const QList<Row> rows = allRows(**session, &checkpoints);
    QVERIFY(rows.size() > int(HistorySession::CheckpointInterval) * 3);
    QCOMPARE(checkpoints.size(),
        size_t((rows.size() + HistorySession::CheckpointInterval - 1) / HistorySession::CheckpointInterval));
    LaneLayout::State state;
    size_t next = 0;
    for (int r = 0; r < rows.size(); ++r) {
        if (next < checkpoints.size() && checkpoints[next].first == uint32_t(r)) {
            QCOMPARE(checkpoints[next].second, state);
            ++next;
        }
        LaneLayout::place(state, rows[r].commit, rows[r].parents);
    }
    QCOMPARE(next, checkpoints.size());
    for (const auto &[first, saved] : checkpoints) {
        LaneLayout::State replay = saved;
        for (uint32_t r = first; r < std::min<uint32_t>(first + 10, uint32_t(rows.size())); ++r)
            QCOMPARE(LaneLayout::place(replay, rows[int(r)].commit, rows[int(r)].parents),
                rows[int(r)].sessionLane);
    }
}

QTEST_GUILESS_MAIN(TestLaneLayout)
#include "tst_lanelayout.moc"

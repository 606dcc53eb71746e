// CommitGraphFile against git: graphs written by git (v2: GDA2 chunk, topological
// levels in CDAT) and by DevDash's cache (libgit2's writer, v1) must give every
// commit git's parents (octopus extra edges included) and commit times, with
// consistent generations. Damaged files must be refused or stay in bounds.

#include "GitTestHelpers.h"
#include "TestEnvironment.h"
#include "git/CommitDag.h"
#include "git/CommitGraphFile.h"

#include <QRandomGenerator>
#include <QTest>

using namespace devdash;
using namespace devdash::git;
using namespace devdash::test;

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

quint64 readBe64(const QByteArray &data, qsizetype at)
{
    quint64 v = 0;
    for (int i = 0; i < 8; ++i)
        v = (v << 8) | uint8_t(data[at + i]);
    return v;
}

void writeBe64(QByteArray &data, qsizetype at, quint64 v)
{
    for (int i = 7; i >= 0; --i, v >>= 8)
        data[at + i] = char(v & 0xff);
}

void writeBe32(QByteArray &data, qsizetype at, quint32 v)
{
    for (int i = 3; i >= 0; --i, v >>= 8)
        data[at + i] = char(v & 0xff);
}

// Offset of the chunk-table entry for `id` ("CDAT"), or -1.
qsizetype chunkEntry(const QByteArray &data, const char *id)
{
    const int count = uint8_t(data[6]);
    for (int i = 0; i < count; ++i)
        if (data.mid(8 + i * 12, 4) == id)
            return 8 + i * 12;
    return -1;
}

// Reads everything a parsed file offers, checking what can be checked without the
// repository: it must neither crash nor hand out pointers outside the data.
bool exerciseAll(const CommitGraphFile &file, const QByteArray &data)
{
    const char *begin = data.constData();
    const char *end = begin + data.size();
    for (uint32_t i = 0; i < file.commitCount(); ++i) {
        const auto *oid = reinterpret_cast<const char *>(file.oidAt(i));
        if (oid < begin || oid + GIT_OID_RAWSZ > end)
            return false;
        (void)file.find(*file.oidAt(i));
        int parents = 0;
        file.forEachParent(i, [&](uint32_t) { ++parents; });
        (void)file.generation(i);
        (void)file.commitTime(i);
    }
    git_oid zero {};
    (void)file.find(zero);
    return true;
}

} // namespace

class TestCommitGraphFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void matchesGitLog_data();
    void matchesGitLog();
    void splitChainAcrossLayers();
    void dagFromGraphFiles();
    void truncatedFiles();
    void badHeader();
    void chunkOffsetsOutOfRange();
    void inconsistentEdges();
    void randomByteFlips();

private:
    QByteArray gitGraph(); // a v2 graph of the random history (written once)
    ScenarioCache m_scenarios;
    QByteArray m_gitGraph;
};

void TestCommitGraphFile::initTestCase()
{
    QVERIFY(TestEnvironment::setUp());
}

void TestCommitGraphFile::matchesGitLog_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<bool>("writtenByGit");
    for (const char *name : { "linear", "merges", "octopus", "crisscross", "orphan", "same_time",
             "skewed_dates", "tags", "many_refs", "random_dag", "detached" }) {
        QTest::addRow("%s/git", name) << QString::fromLatin1(name) << true;
        QTest::addRow("%s/libgit2", name) << QString::fromLatin1(name) << false;
    }
}

void TestCommitGraphFile::matchesGitLog()
{
    QFETCH(QString, scenario);
    QFETCH(bool, writtenByGit);
    auto *entry = m_scenarios.get(scenario);
    DEVDASH_VERIFY_REPO(entry->repo);
    QVERIFY(setGraphMode(entry->repo, entry->scenario.path, writtenByGit ? GraphMode::Git : GraphMode::Cache)
                .isEmpty());
    DEVDASH_VERIFY_REPO(entry->repo);
    auto repo = Repository::open(entry->scenario.path);
    QVERIFY(repo);
    const QStringList layers = CommitGraphCache::layersFor(*repo);
    QCOMPARE(layers.size(), 1);
    QCOMPARE(layers.first().startsWith(TestEnvironment::cacheDir()), !writtenByGit);

    const QByteArray data = readFile(layers.first());
    QVERIFY(!data.isEmpty());
    QCOMPARE(data.left(4), QByteArray("CGPH"));
    // git 2.39 writes generation data (v2); libgit2's writer does not.
    QCOMPARE(chunkEntry(data, "GDA2") >= 0, writtenByGit);
    auto parsed = CommitGraphFile::parse(QByteArrayView(data));
    QVERIFY2(parsed, qPrintable(parsed.errorMessage()));
    const CommitGraphFile &file = *parsed;
    QCOMPARE(file.baseGraphCount(), 0u);

    // DevDash writes what the refs and HEAD reach (as `git log --all`); git's
    // --reachable only what the refs reach (a detached HEAD's own commits are not in).
    TestRepo git = entry->repo.at(entry->scenario.path);
    QStringList logArgs { QStringLiteral("log"), QStringLiteral("--format=%H %ct %P") };
    if (writtenByGit)
        logArgs << git.gitLines({ QStringLiteral("for-each-ref"), QStringLiteral("--format=%(objectname)") });
    else
        logArgs << QStringLiteral("--all");
    const QStringList log = git.gitLines(logArgs);
    DEVDASH_VERIFY_REPO(git);
    QCOMPARE(int(file.commitCount()), log.size());

    int octopusParents = 0;
    QHash<uint32_t, uint32_t> generationOf;
    for (const QString &line : log) {
        const QStringList f = line.trimmed().split(QLatin1Char(' '));
        const int64_t local = file.find(oidFromHex(f[0]));
        QVERIFY2(local >= 0, qPrintable(f[0]));
        QCOMPARE(hex(*file.oidAt(uint32_t(local))), f[0]);
        QCOMPARE(file.commitTime(uint32_t(local)), f[1].toLongLong());
        QStringList parents;
        const bool consistent = file.forEachParent(uint32_t(local), [&](uint32_t p) {
            QVERIFY(p < file.commitCount());
            parents << hex(*file.oidAt(p));
        });
        QVERIFY(consistent);
        QCOMPARE(parents, f.mid(2));
        if (parents.size() > 2)
            octopusParents += int(parents.size()) - 2;
    }
    if (scenario == u"octopus" || scenario == u"random_dag")
        QVERIFY(octopusParents > 0); // the extra-edge list was read

    // Generations are topological levels: a root is 1, a child one more than its
    // highest parent (the walkers rely on gen(child) > gen(parent)).
    for (uint32_t i = 0; i < file.commitCount(); ++i) {
        uint32_t highest = 0;
        file.forEachParent(i, [&](uint32_t p) {
            highest = std::max(highest, file.generation(p));
            QVERIFY2(file.generation(i) > file.generation(p),
                qPrintable(QStringLiteral("generation of %1 (%2) not above its parent %3 (%4)")
                               .arg(hex(*file.oidAt(i)))
                               .arg(file.generation(i))
                               .arg(hex(*file.oidAt(p)))
                               .arg(file.generation(p))));
        });
        QCOMPARE(file.generation(i), highest + 1);
    }
    QVERIFY(exerciseAll(file, data));

    // Lookups of ids that are not in the file.
    QCOMPARE(file.find(oidFromHex(QStringLiteral("0000000000000000000000000000000000000000"))), int64_t(-1));
    QCOMPARE(file.find(oidFromHex(QStringLiteral("ffffffffffffffffffffffffffffffffffffffff"))), int64_t(-1));
}

// Split graphs: a second layer's parents point into the first (global positions).
void TestCommitGraphFile::splitChainAcrossLayers()
{
    TestRepo repo;
    Scenarios::build(QStringLiteral("octopus"), repo);
    repo.git({ QStringLiteral("commit-graph"), QStringLiteral("write"), QStringLiteral("--reachable"),
        QStringLiteral("--split") });
    repo.checkoutNew(QStringLiteral("later"), QStringLiteral("b2"));
    repo.commit(QStringLiteral("later 1"));
    repo.checkout(QStringLiteral("main"));
    repo.merge({ QStringLiteral("later"), QStringLiteral("b1") }, QStringLiteral("second octopus"));
    repo.git({ QStringLiteral("commit-graph"), QStringLiteral("write"), QStringLiteral("--reachable"),
        QStringLiteral("--split=no-merge") });
    DEVDASH_VERIFY_REPO(repo);

    const QString dir = repo.path() + QStringLiteral("/.git/objects/info/commit-graphs/");
    const QStringList chain = QString::fromLatin1(readFile(dir + QStringLiteral("commit-graph-chain")))
                                  .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(chain.size(), 2);
    const QByteArray bottom = readFile(dir + QStringLiteral("graph-") + chain[0] + QStringLiteral(".graph"));
    const QByteArray top = readFile(dir + QStringLiteral("graph-") + chain[1] + QStringLiteral(".graph"));
    auto lower = CommitGraphFile::parse(QByteArrayView(bottom));
    auto upper = CommitGraphFile::parse(QByteArrayView(top));
    QVERIFY2(lower && upper, qPrintable(lower.errorMessage() + upper.errorMessage()));
    QCOMPARE(lower->baseGraphCount(), 0u);
    QCOMPARE(upper->baseGraphCount(), 1u);
    QCOMPARE(hex(*upper->baseGraphOid(0)), chain[0]);

    auto oidAtGlobal = [&](uint32_t g) {
        return g < lower->commitCount() ? hex(*lower->oidAt(g))
                                        : hex(*upper->oidAt(g - lower->commitCount()));
    };
    const QStringList log
        = repo.gitLines({ QStringLiteral("log"), QStringLiteral("--all"), QStringLiteral("--format=%H %P") });
    QCOMPARE(int(lower->commitCount() + upper->commitCount()), log.size());
    for (const QString &line : log) {
        const QStringList f = line.trimmed().split(QLatin1Char(' '));
        const git_oid oid = oidFromHex(f[0]);
        QStringList parents;
        if (int64_t l = lower->find(oid); l >= 0) {
            lower->forEachParent(uint32_t(l), [&](uint32_t p) { parents << oidAtGlobal(p); });
        } else {
            const int64_t u = upper->find(oid);
            QVERIFY2(u >= 0, qPrintable(f[0]));
            upper->forEachParent(uint32_t(u), [&](uint32_t p) { parents << oidAtGlobal(p); });
        }
        QCOMPARE(parents, f.mid(1));
    }
}

// CommitDag over the layers: the same answers through global indices.
void TestCommitGraphFile::dagFromGraphFiles()
{
    auto *entry = m_scenarios.get(QStringLiteral("random_dag"));
    DEVDASH_VERIFY_REPO(entry->repo);
    QVERIFY(setGraphMode(entry->repo, entry->scenario.path, GraphMode::Git).isEmpty());
    auto repo = Repository::open(entry->scenario.path);
    QVERIFY(repo);
    auto dag = CommitDag::fromGraphFiles(CommitGraphCache::layersFor(*repo));
    QVERIFY2(dag, qPrintable(dag.errorMessage()));
    const QStringList log = entry->repo.gitLines(
        { QStringLiteral("log"), QStringLiteral("--all"), QStringLiteral("--format=%H %ct %P") });
    QCOMPARE(int(dag->size()), log.size());
    QCOMPARE(dag->overlayCount(), 0u);
    for (const QString &line : log) {
        const QStringList f = line.trimmed().split(QLatin1Char(' '));
        const auto index = dag->find(oidFromHex(f[0]));
        QVERIFY(index);
        QCOMPARE(hex(dag->oid(*index)), f[0]);
        QCOMPARE(dag->commitTime(*index), f[1].toLongLong());
        QStringList parents;
        dag->forEachParent(*index, [&](uint32_t p) { parents << hex(dag->oid(p)); });
        QCOMPARE(parents, f.mid(2));
    }

    // Missing or unreadable layers are errors, not crashes.
    QVERIFY(!CommitDag::fromGraphFiles({ TestEnvironment::root() + QStringLiteral("/no-such-graph") }));
    QFile junk(TestEnvironment::root() + QStringLiteral("/junk-graph"));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("not a graph at all, just text");
    junk.close();
    auto bad = CommitDag::fromGraphFiles({ junk.fileName() });
    QVERIFY(!bad);
    QVERIFY2(bad.errorMessage().contains(junk.fileName()), qPrintable(bad.errorMessage()));
    QFile empty(TestEnvironment::root() + QStringLiteral("/empty-graph"));
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.close();
    QVERIFY(!CommitDag::fromGraphFiles({ empty.fileName() }));
}

QByteArray TestCommitGraphFile::gitGraph()
{
    if (m_gitGraph.isEmpty()) {
        auto *entry = m_scenarios.get(QStringLiteral("octopus"));
        if (setGraphMode(entry->repo, entry->scenario.path, GraphMode::Git).isEmpty())
            m_gitGraph = readFile(entry->scenario.path + QStringLiteral("/.git/objects/info/commit-graph"));
    }
    return m_gitGraph;
}

void TestCommitGraphFile::truncatedFiles()
{
    const QByteArray full = gitGraph();
    QVERIFY(full.size() > 100);
    QVERIFY(CommitGraphFile::parse(QByteArrayView(full)));
    // Every prefix: the chunk table then points past the end at some point.
    for (qsizetype n = 0; n < full.size() - 20; ++n) {
        const QByteArray cut = full.left(n); // a copy: reading past it is a real overrun
        auto parsed = CommitGraphFile::parse(QByteArrayView(cut));
        if (parsed)
            QVERIFY2(exerciseAll(*parsed, cut), qPrintable(QString::number(n)));
        else
            QVERIFY(parsed.errorMessage().startsWith(QStringLiteral("invalid commit-graph file")));
    }
    QVERIFY(!CommitGraphFile::parse(QByteArrayView()));
    QVERIFY(!CommitGraphFile::parse(QByteArrayView(full.left(full.size() / 2))));
}

void TestCommitGraphFile::badHeader()
{
    const QByteArray full = gitGraph();
    QByteArray signature = full;
    signature[0] = 'X';
    QVERIFY(!CommitGraphFile::parse(QByteArrayView(signature)));
    QByteArray version = full;
    version[4] = 2;
    QVERIFY(!CommitGraphFile::parse(QByteArrayView(version)));
    QByteArray hash = full;
    hash[5] = 2; // SHA-256
    QVERIFY(!CommitGraphFile::parse(QByteArrayView(hash)));
    QByteArray chunks = full;
    chunks[6] = char(200); // a chunk table longer than the file
    QVERIFY(!CommitGraphFile::parse(QByteArrayView(chunks)));
    QByteArray base = full;
    base[7] = 1; // claims a base layer without a BASE chunk
    QVERIFY(!CommitGraphFile::parse(QByteArrayView(base)));
}

void TestCommitGraphFile::chunkOffsetsOutOfRange()
{
    const QByteArray full = gitGraph();
    const int count = uint8_t(full[6]);
    QVERIFY(count >= 3);
    // Every entry of the table (the terminator included) pushed past the end,
    // to the end exactly, to 2^63, and swapped with the next (decreasing offsets).
    for (int i = 0; i <= count; ++i) {
        const qsizetype at = 8 + i * 12 + 4;
        for (quint64 bad : { quint64(full.size()) + 1, quint64(1) << 63, ~quint64(0) }) {
            QByteArray data = full;
            writeBe64(data, at, bad);
            auto parsed = CommitGraphFile::parse(QByteArrayView(data));
            QVERIFY2(!parsed, qPrintable(QStringLiteral("entry %1 offset %2 accepted").arg(i).arg(bad)));
        }
        if (i < count) {
            QByteArray data = full;
            const quint64 mine = readBe64(full, at), next = readBe64(full, at + 12);
            writeBe64(data, at, next);
            writeBe64(data, at + 12, mine);
            auto parsed = CommitGraphFile::parse(QByteArrayView(data));
            if (parsed)
                QVERIFY(exerciseAll(*parsed, data));
        }
    }
    // The fanout says more commits than the OIDL/CDAT chunks hold.
    QByteArray fanout = full;
    const qsizetype oidf = chunkEntry(full, "OIDF");
    const qsizetype fanoutAt = qsizetype(readBe64(full, oidf + 4));
    writeBe32(fanout, fanoutAt + 255 * 4, 0x7fffffff);
    QVERIFY(!CommitGraphFile::parse(QByteArrayView(fanout)));
    // A fanout that is not monotonic.
    QByteArray monotonic = full;
    writeBe32(monotonic, fanoutAt + 10 * 4, 0x7fffffff);
    QVERIFY(!CommitGraphFile::parse(QByteArrayView(monotonic)));
}

// Parent positions and extra edges that point nowhere: the reader reports it
// (forEachParent returns false) and CommitDag drops such parents.
void TestCommitGraphFile::inconsistentEdges()
{
    const QByteArray full = gitGraph();
    auto parsed = CommitGraphFile::parse(QByteArrayView(full));
    QVERIFY(parsed);
    const qsizetype cdat = qsizetype(readBe64(full, chunkEntry(full, "CDAT") + 4));
    const qsizetype record = GIT_OID_RAWSZ + 16;
    // Find the octopus merge: its second-parent field has the extra-edge bit.
    int octopus = -1;
    for (uint32_t i = 0; i < parsed->commitCount(); ++i)
        if (uint8_t(full[cdat + i * record + GIT_OID_RAWSZ + 4]) & 0x80)
            octopus = int(i);
    QVERIFY(octopus >= 0);

    QByteArray data = full;
    writeBe32(data, cdat + octopus * record + GIT_OID_RAWSZ + 4, 0x80000000u | 100000u);
    auto edges = CommitGraphFile::parse(QByteArrayView(data));
    QVERIFY(edges);
    int seen = 0;
    QVERIFY(!edges->forEachParent(uint32_t(octopus), [&](uint32_t) { ++seen; }));
    QCOMPARE(seen, 1); // only the first parent is trustworthy

    // An extra-edge list that never ends (no terminating bit) stops at the chunk end.
    QByteArray open = full;
    const qsizetype edgeAt = qsizetype(readBe64(full, chunkEntry(full, "EDGE") + 4));
    const qsizetype edgeEnd = qsizetype(readBe64(full, chunkEntry(full, "EDGE") + 16));
    for (qsizetype at = edgeAt; at < edgeEnd; at += 4)
        open[at] = char(uint8_t(open[at]) & 0x7f);
    auto unterminated = CommitGraphFile::parse(QByteArrayView(open));
    QVERIFY(unterminated);
    QVERIFY(!unterminated->forEachParent(uint32_t(octopus), [](uint32_t) {}));

    // Parent positions beyond the commit count: the DAG must not follow them.
    QByteArray far = full;
    writeBe32(far, cdat + octopus * record + GIT_OID_RAWSZ, 0x6fffffffu);
    const QString path = TestEnvironment::root() + QStringLiteral("/far-parents.graph");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(far);
    f.close();
    auto dag = CommitDag::fromGraphFiles({ path });
    QVERIFY2(dag, qPrintable(dag.errorMessage()));
    dag->forEachParent(uint32_t(octopus), [&](uint32_t p) { QVERIFY(p < dag->size()); });
}

void TestCommitGraphFile::randomByteFlips()
{
    const QByteArray full = gitGraph();
    QRandomGenerator rng(4242);
    int accepted = 0;
    for (int round = 0; round < 3000; ++round) {
        QByteArray data = full;
        const int flips = 1 + int(rng.bounded(4u));
        for (int k = 0; k < flips; ++k) {
            // Mostly the header and chunk table, where damage matters most.
            const qsizetype at = rng.bounded(3u) == 0
                ? qsizetype(rng.bounded(quint32(data.size())))
                : qsizetype(rng.bounded(quint32(std::min<qsizetype>(data.size(), 8 + 12 * 8))));
            data[at] = char(uint8_t(data[at]) ^ (1u << rng.bounded(8u)));
        }
        auto parsed = CommitGraphFile::parse(QByteArrayView(data));
        if (parsed) {
            ++accepted;
            QVERIFY2(exerciseAll(*parsed, data), qPrintable(QString::number(round)));
        }
    }
    QVERIFY(accepted > 0); // flips in the commit data are accepted (no checksum check)
}

QTEST_GUILESS_MAIN(TestCommitGraphFile)
#include "tst_commitgraphfile.moc"

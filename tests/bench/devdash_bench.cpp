// Measures DevDash's history, ref and memory costs against git on repositories made
// by gen_repo, and prints one table (medians of --runs runs).
//
//   devdash_bench [--runs N] [--history REPO] [--first-screen REPO] [--refs REPO]
//                 [--memory REPO] [--demo DIR]
//
// Every repository is only read, except that its commit-graph files are removed
// (to measure DevDash's first, indexing, open) and rewritten by git for git's runs.
// DevDash's own index goes to $DEVDASH_CACHE_DIR (the script sets it).

#include "git/CommitGraphCache.h"
#include "git/DemoRepository.h"
#include "git/HistoryModel.h"
#include "git/HistorySession.h"
#include "git/RefLister.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTimer>

#include <malloc.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <functional>
#include <vector>

using namespace devdash;
using namespace devdash::git;

namespace {

struct Row
{
    QString measure;
    QString devdash;
    QString reference;
    QString result;
};
std::vector<Row> g_rows;
bool g_failed = false;
int g_runs = 5;

void fail(const QString &what)
{
    std::fprintf(stderr, "devdash_bench: %s\n", qPrintable(what));
    g_failed = true;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

double timeMs(const std::function<void()> &fn)
{
    QElapsedTimer t;
    t.start();
    fn();
    return double(t.nsecsElapsed()) / 1e6;
}

double medianMs(int runs, const std::function<void()> &fn)
{
    std::vector<double> times;
    for (int i = 0; i < runs; ++i)
        times.push_back(timeMs(fn));
    return median(times);
}

QString ms(double v)
{
    return QStringLiteral("%1 ms").arg(v, 0, 'f', v < 10 ? 2 : 0);
}

// git, output discarded (its cost of writing to a pipe is not ours to count).
double runGit(const QString &repo, const QStringList &args)
{
    QProcess p;
    p.setStandardOutputFile(QProcess::nullDevice());
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral("git"), QStringList { QStringLiteral("-C"), repo } + args);
    if (!p.waitForFinished(-1) || p.exitCode() != 0)
        fail(QStringLiteral("git %1 failed in %2").arg(args.join(QLatin1Char(' ')), repo));
    return double(t.nsecsElapsed()) / 1e6;
}

QByteArray captureGit(const QString &repo, const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral("git"), QStringList { QStringLiteral("-C"), repo } + args);
    p.waitForFinished(-1);
    if (p.exitCode() != 0)
        fail(QStringLiteral("git %1 failed in %2").arg(args.join(QLatin1Char(' ')), repo));
    return p.readAllStandardOutput();
}

// Forgets every commit-graph: git's in the repository and DevDash's in its cache.
void forgetIndexes(const QString &repo)
{
    auto opened = Repository::open(repo);
    if (!opened) {
        fail(opened.errorMessage());
        return;
    }
    CommitGraphCache::remove(opened.value());
    const QString info = opened->commonDir() + QStringLiteral("/objects/info");
    QFile::remove(info + QStringLiteral("/commit-graph"));
    QDir(info + QStringLiteral("/commit-graphs")).removeRecursively();
}

std::unique_ptr<HistorySession> openAll(const QString &repo)
{
    auto session = HistorySession::open(repo, HistoryScope::all());
    if (!session) {
        fail(session.errorMessage());
        return nullptr;
    }
    return std::move(session.value());
}

// open + next() until the end: what the History page does for the whole history.
size_t fullWalk(const QString &repo, std::vector<git_oid> *order = nullptr)
{
    auto session = openAll(repo);
    if (!session)
        return 0;
    size_t rows = 0;
    while (!session->atEnd()) {
        HistoryBatch batch = session->next(4096);
        rows += batch.size();
        if (order)
            order->insert(order->end(), batch.oids.begin(), batch.oids.end());
    }
    return rows;
}

// The same order as git's, commit for commit (the benchmark must not time a wrong walk).
void checkOrder(const QString &repo)
{
    std::vector<git_oid> ours;
    fullWalk(repo, &ours);
    const QList<QByteArray> lines
        = captureGit(repo, { "log", "--topo-order", "--all", "--format=%H" }).split('\n');
    size_t i = 0;
    for (const QByteArray &line : lines) {
        if (line.isEmpty())
            continue;
        if (i >= ours.size() || toHex(ours[i]).toLatin1() != line) {
            fail(QStringLiteral("order differs from git's at row %1 in %2").arg(i).arg(repo));
            return;
        }
        ++i;
    }
    if (i != ours.size())
        fail(QStringLiteral("%1 rows, git has %2 (%3)").arg(ours.size()).arg(i).arg(repo));
}

void benchHistory(const QString &repo)
{
    forgetIndexes(repo);
    size_t rows = 0;
    const double cold = timeMs([&] { rows = fullWalk(repo); });
    const double warm = medianMs(g_runs, [&] { fullWalk(repo); });
    const double graphWrite = runGit(repo, { "commit-graph", "write", "--reachable" });
    checkOrder(repo);
    const double git = medianMs(g_runs, [&] {
        runGit(repo, { "log", "--topo-order", "--all", "--format=%H %P" });
    });
    g_rows.push_back({ QStringLiteral("a. full topo history + lanes, %1 commits").arg(rows),
        ms(warm) + QStringLiteral(" warm (cold, indexing: ") + ms(cold) + QLatin1Char(')'),
        ms(git) + QStringLiteral(" git log --topo-order --all (graph write ") + ms(graphWrite)
            + QLatin1Char(')'),
        QStringLiteral("%1× git").arg(warm / git, 0, 'f', 2) });
}

void benchFirstScreen(const QString &repo)
{
    forgetIndexes(repo);
    const double index = timeMs([&] { openAll(repo); }); // writes DevDash's index
    const double first = medianMs(std::max(g_runs, 5), [&] {
        auto session = openAll(repo);
        if (session && session->next(100).size() != 100)
            fail(QStringLiteral("first screen is not 100 rows"));
    });
    size_t rows = 0;
    const double full = medianMs(std::min(g_runs, 3), [&] { rows = fullWalk(repo); });
    runGit(repo, { "commit-graph", "write", "--reachable" });
    const double gitFirst = medianMs(g_runs, [&] {
        runGit(repo, { "log", "--topo-order", "--all", "-n", "100", "--format=%H %P" });
    });
    const double ratio = 100.0 * first / full;
    g_rows.push_back({ QStringLiteral("b. first screen (100 rows + lanes), %1 commits").arg(rows),
        ms(first) + QStringLiteral(" vs full walk ") + ms(full) + QStringLiteral(" (index build ") + ms(index)
            + QLatin1Char(')'),
        ms(gitFirst) + QStringLiteral(" git log --topo-order --all -n 100"),
        QStringLiteral("%1% of full walk (target ≤5%) %2")
            .arg(ratio, 0, 'f', 2)
            .arg(ratio <= 5 ? QStringLiteral("OK") : QStringLiteral("MISSED")) });
}

// A few counts against git rev-list, so that the timing is of a right answer.
void checkCounts(const QString &repo, const RefListing &listing)
{
    int checked = 0;
    for (const RefInfo &ref : listing.refs) {
        if (!ref.ahead || checked >= 6)
            continue;
        ++checked;
        const QString range = ref.fullName + QStringLiteral("...refs/remotes/") + ref.upstream;
        const QByteArray out = captureGit(repo, { "rev-list", "--left-right", "--count", range }).trimmed();
        const QByteArray expected = QByteArray::number(*ref.ahead) + '\t' + QByteArray::number(*ref.behind);
        if (out != expected)
            fail(QStringLiteral("%1: ahead/behind %2, git says %3")
                     .arg(ref.name, QString::fromLatin1(expected), QString::fromLatin1(out)));
    }
    // And against the default branch, for refs spread over the list.
    const qsizetype step = std::max<qsizetype>(1, listing.refs.size() / 12);
    for (qsizetype i = 0; i < listing.refs.size(); i += step) {
        const RefInfo &ref = listing.refs[i];
        if (!ref.baseAhead)
            continue;
        const QString range = ref.fullName + QStringLiteral("...") + ref.baseFullName;
        const QByteArray out = captureGit(repo, { "rev-list", "--left-right", "--count", range }).trimmed();
        const QByteArray expected
            = QByteArray::number(*ref.baseAhead) + '\t' + QByteArray::number(*ref.baseBehind);
        if (out != expected)
            fail(QStringLiteral("%1: ahead/behind %2 of %3, git says %4")
                     .arg(ref.name, QString::fromLatin1(expected), ref.base, QString::fromLatin1(out)));
    }
}

void benchRefs(const QString &repo)
{
    openAll(repo); // the index exists, as for any repository opened before
    RefListing listing;
    const double refs = medianMs(g_runs, [&] {
        auto result = RefLister::list(repo);
        if (!result)
            fail(result.errorMessage());
        else
            listing = std::move(result.value());
    });
    checkCounts(repo, listing);
    int pairs = 0;
    for (const RefInfo &ref : listing.refs)
        pairs += (ref.ahead ? 1 : 0) + (ref.baseAhead ? 1 : 0);
    size_t rows = 0;
    const double walk = medianMs(g_runs, [&] { rows = fullWalk(repo); });
    const double ratio = refs / walk;
    g_rows.push_back({ QStringLiteral("c. ahead/behind of %1 refs (%2 pairs), %3 commits")
                           .arg(listing.refs.size())
                           .arg(pairs)
                           .arg(rows),
        ms(refs) + QStringLiteral(" RefLister::list"),
        ms(walk) + QStringLiteral(" DevDash full history walk"),
        QStringLiteral("%1× walk (target ≤2×) %2")
            .arg(ratio, 0, 'f', 2)
            .arg(ratio <= 2 ? QStringLiteral("OK") : QStringLiteral("MISSED")) });
}

struct Rss
{
    qint64 total = 0;
    qint64 anon = 0;
};
// After giving freed heap back to the system, so that growth is not hidden by reuse.
Rss rss()
{
    malloc_trim(0);
    Rss r;
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return r;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QList<QByteArray> parts = line.simplified().split(' ');
        if (parts.size() >= 2 && parts[0] == "VmRSS:")
            r.total = parts[1].toLongLong() * 1024;
        if (parts.size() >= 2 && parts[0] == "RssAnon:")
            r.anon = parts[1].toLongLong() * 1024;
    }
    return r;
}

size_t batchBytes(const HistoryBatch &b)
{
    size_t bytes = sizeof b + b.oids.capacity() * sizeof(git_oid) + b.dagIndex.capacity() * 4
        + b.lanes.capacity() * 2 + b.parentOffsets.capacity() * 4 + b.parents.capacity() * 4
        + b.checkpoints.capacity() * sizeof(b.checkpoints[0]);
    for (const auto &checkpoint : b.checkpoints)
        bytes += checkpoint.second.capacity() * sizeof(uint32_t);
    return bytes;
}

void benchMemory(const QString &repo)
{
    openAll(repo);
    // The rows as HistorySession hands them out.
    size_t rows = 0, bytes = 0;
    Rss before = rss(), after;
    {
        auto session = openAll(repo);
        std::vector<HistoryBatch> batches;
        while (session && !session->atEnd()) {
            batches.push_back(session->next(HistoryModel::BatchRows));
            rows += batches.back().size();
            bytes += batchBytes(batches.back());
        }
        after = rss();
    }
    const double perRow = double(bytes) / double(std::max<size_t>(rows, 1));
    const double anonPerRow = double(after.anon - before.anon) / double(std::max<size_t>(rows, 1));
    g_rows.push_back({ QStringLiteral("d. memory of %1 loaded rows (batches)").arg(rows),
        QStringLiteral("%1 B/commit counted").arg(perRow, 0, 'f', 1),
        QStringLiteral("RSS +%1 B/commit (anon +%2 B/commit, incl. the walk's state)")
            .arg(double(after.total - before.total) / double(std::max<size_t>(rows, 1)), 0, 'f', 1)
            .arg(anonPerRow, 0, 'f', 1),
        perRow <= 200 ? QStringLiteral("OK (target ≤200 B)") : QStringLiteral("MISSED (target ≤200 B)") });

    // The same rows held by HistoryModel, as the History page holds them.
    before = rss();
    HistoryModel model;
    bool done = false;
    QObject::connect(&model, &HistoryModel::opened, &model, [&] { model.fetchUntil(INT_MAX - 1); });
    QObject::connect(&model, &HistoryModel::failed, &model, [&](const QString &message) {
        fail(message);
        done = true;
    });
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done || (model.isComplete() && !model.isLoading() && model.rowCount() > 0))
            loop.quit();
        else if (!model.isLoading() && model.canFetchMore({}))
            model.fetchUntil(INT_MAX - 1);
    });
    poll.start(5);
    model.open(repo, HistoryScope::all());
    loop.exec();
    after = rss();
    const size_t modelRows = size_t(model.rowCount());
    const double modelPerRow = double(model.memoryBytes()) / double(std::max<size_t>(modelRows, 1));
    g_rows.push_back({ QStringLiteral("d. memory of %1 loaded rows (HistoryModel)").arg(modelRows),
        QStringLiteral("%1 B/commit memoryBytes()").arg(modelPerRow, 0, 'f', 1),
        QStringLiteral("RSS +%1 B/commit (anon +%2 B/commit)")
            .arg(double(after.total - before.total) / double(std::max<size_t>(modelRows, 1)), 0, 'f', 1)
            .arg(double(after.anon - before.anon) / double(std::max<size_t>(modelRows, 1)), 0, 'f', 1),
        modelPerRow <= 200 ? QStringLiteral("OK (target ≤200 B)")
                           : QStringLiteral("MISSED (target ≤200 B)") });
}

void benchDemo(const QString &dir)
{
    std::vector<double> times;
    int commits = 0;
    for (int i = 0; i < std::max(1, std::min(g_runs, 3)); ++i) {
        const QString folder = QStringLiteral("%1/run%2").arg(dir).arg(i);
        QDir(folder).removeRecursively();
        Result<QString> created = Error {};
        times.push_back(timeMs([&] { created = DemoRepository::create(folder); }));
        if (!created) {
            fail(created.errorMessage());
            return;
        }
        commits = int(fullWalk(created.value()));
    }
    const double t = median(times);
    g_rows.push_back(
        { QStringLiteral("demo repository (%1 commits)").arg(commits), ms(t), QStringLiteral("-"),
            t < 2000 ? QStringLiteral("OK (target <2 s)") : QStringLiteral("MISSED (target <2 s)") });
}

void printTable()
{
    std::vector<int> width(4, 0);
    auto cells = [](const Row &r) { return QStringList { r.measure, r.devdash, r.reference, r.result }; };
    const Row header { QStringLiteral("measure"), QStringLiteral("DevDash"), QStringLiteral("reference"),
        QStringLiteral("result") };
    std::vector<Row> all { header };
    all.insert(all.end(), g_rows.begin(), g_rows.end());
    for (const Row &r : all)
        for (int i = 0; i < 4; ++i)
            width[i] = std::max(width[i], int(cells(r)[i].size()));
    for (const Row &r : all) {
        QString line = QStringLiteral("|");
        for (int i = 0; i < 4; ++i)
            line += QLatin1Char(' ') + cells(r)[i].leftJustified(width[i]) + QStringLiteral(" |");
        std::printf("%s\n", line.toUtf8().constData());
        if (&r == &all.front()) {
            QString rule = QStringLiteral("|");
            for (int i = 0; i < 4; ++i)
                rule += QString(width[i] + 2, QLatin1Char('-')) + QLatin1Char('|');
            std::printf("%s\n", rule.toUtf8().constData());
        }
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsEmpty("DEVDASH_CACHE_DIR"))
        qputenv(
            "DEVDASH_CACHE_DIR", QDir::temp().filePath(QStringLiteral("devdash-bench/cache")).toLocal8Bit());
    const QStringList args = app.arguments();
    QString history, firstScreen, refs, memory, demo;
    for (int i = 1; i < args.size(); ++i) {
        const QString value = i + 1 < args.size() ? args[i + 1] : QString();
        if (args[i] == QLatin1String("--runs"))
            g_runs = std::max(1, value.toInt());
        else if (args[i] == QLatin1String("--history"))
            history = value;
        else if (args[i] == QLatin1String("--first-screen"))
            firstScreen = value;
        else if (args[i] == QLatin1String("--refs"))
            refs = value;
        else if (args[i] == QLatin1String("--memory"))
            memory = value;
        else if (args[i] == QLatin1String("--demo"))
            demo = value;
        else {
            std::fprintf(stderr,
                "usage: devdash_bench [--runs N] [--history REPO] [--first-screen REPO] "
                "[--refs REPO] [--memory REPO] [--demo DIR]\n");
            return 2;
        }
        ++i;
    }
    if (!demo.isEmpty())
        benchDemo(demo);
    if (!history.isEmpty())
        benchHistory(history);
    if (!firstScreen.isEmpty())
        benchFirstScreen(firstScreen);
    if (!refs.isEmpty())
        benchRefs(refs);
    if (!memory.isEmpty())
        benchMemory(memory);
    printTable();
    return g_failed ? 1 : 0;
}

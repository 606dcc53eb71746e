// Benchmark of the test-run store (issue 3, performance b and c):
//  (b) importing a large run costs at most 2x parsing it: a 5,000-case report and a
//      ~200 MB report (generated here, same shape as bench_report_parser's), each
//      parsed with ReportParser, then imported into a fresh store;
//  (c) the trend query and flaky detection over 10,000 runs x 2,000 cases take
//      <= 200 ms each: the store is generated once into DIR and reused.
//
//   devdash_bench_store [--dir /tmp/devdash-bench] [--runs 10000] [--cases 2000]
//                       [--import-cases 5000] [--report-mb 200] [--report FILE]
//                       [--repeat 5] [--pg] [--pg-runs N] [--pg-keep] [--skip-import] [--skip-history]
//
// --pg repeats both on a private PostgreSQL server (needs the server binaries);
// its history store is rebuilt each time (--pg-runs, default --runs), unless
// --pg-keep: then the server keeps its files in DIR/pg-server and the history
// store, built once (~10 minutes), is reused by later runs.

#include "PostgresServer.h"
#include "store/Database.h"
#include "testresults/ReportParser.h"
#include "testresults/TestRunStore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace devdash;
using namespace devdash::store;
using namespace devdash::testresults;

namespace {

class Lcg
{
public:
    explicit Lcg(quint64 seed = 42)
        : m_state(seed)
    {
    }
    quint32 next()
    {
        m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
        return quint32(m_state >> 33);
    }
    int below(int n) { return int(next() % quint32(n)); }
    double unit() { return next() / 4294967296.0; }

private:
    quint64 m_state;
};

QByteArray logLines(Lcg &rng, int bytes)
{
    static const char *const words[] = { "connecting", "to", "database", "pool", "started", "request", "GET",
        "/api/v1/orders", "200", "OK", "cache", "miss", "for", "key", "user:1234", "took", "ms", "retrying" };
    QByteArray out;
    while (out.size() < bytes) {
        out += "2023-05-04 10:11:12 INFO ";
        for (int i = 0, n = 6 + rng.below(8); i < n; ++i)
            out += QByteArray(words[rng.below(int(std::size(words)))]) + ' ';
        out += '\n';
    }
    return out;
}

QByteArray stackTrace(Lcg &rng, int frames)
{
    QByteArray out = "java.lang.AssertionError: expected:&lt;1&gt; but was:&lt;2&gt;\n";
    for (int i = 0; i < frames; ++i)
        out += "\tat com.acme.Service" + QByteArray::number(rng.below(90))
            + ".handle(Service.java:" + QByteArray::number(rng.below(900)) + ")\n";
    return out;
}

// A JUnit report: `cases` cases (0: until `targetBytes`), 8% failing with a trace and
// output, 27% passing with output (the "output" shape), or bare cases.
qint64 generateReport(const QString &path, int cases, qint64 targetBytes, int casesPerSuite, bool output)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    Lcg rng;
    qint64 written = 0;
    int made = 0;
    QByteArray buf = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"bench\">\n";
    for (int suite = 0; cases > 0 ? made < cases : written + buf.size() < targetBytes; ++suite) {
        const QByteArray name = "com.acme.module" + QByteArray::number(suite % 40) + ".Feature"
            + QByteArray::number(suite) + "Test";
        buf += "  <testsuite name=\"" + name
            + "\" time=\"12.5\" timestamp=\"2023-05-04T10:11:12\" hostname=\"ci\">\n";
        for (int c = 0; c < casesPerSuite && (cases == 0 || made < cases); ++c, ++made) {
            buf += "    <testcase name=\"test" + QByteArray::number(c) + "\" classname=\"" + name
                + "\" time=\"0." + QByteArray::number(rng.below(999)) + "\"";
            const int roll = rng.below(100);
            if (roll < (output ? 8 : 2)) {
                buf += "><failure message=\"expected 1\" type=\"AssertionError\">"
                    + stackTrace(rng, output ? 60 : 10) + "</failure><system-out><![CDATA["
                    + logLines(rng, output ? 3000 : 200) + "]]></system-out></testcase>\n";
            } else if (output && roll < 35) {
                buf += "><system-out><![CDATA[" + logLines(rng, 1500) + "]]></system-out></testcase>\n";
            } else if (roll == 99) {
                buf += "><skipped message=\"not here\"/></testcase>\n";
            } else {
                buf += "/>\n";
            }
        }
        buf += "  </testsuite>\n";
        if (buf.size() > (1 << 20)) {
            written += file.write(buf);
            buf.clear();
        }
    }
    buf += "</testsuites>\n";
    written += file.write(buf);
    return written;
}

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

struct Stats
{
    double first = 0;
    double median = 0;
    double max = 0;
};

Stats measure(int repeat, const std::function<void()> &fn)
{
    QList<double> times;
    for (int i = 0; i < repeat; ++i) {
        QElapsedTimer t;
        t.start();
        fn();
        times.append(msSince(t));
    }
    Stats s;
    s.first = times.first();
    std::sort(times.begin(), times.end());
    s.median = times.at(times.size() / 2);
    s.max = times.last();
    return s;
}

template<typename T> T must(Result<T> result, const char *what)
{
    if (!result)
        qFatal("%s: %s", what, qPrintable(result.errorMessage()));
    return std::move(result).value();
}

// One run of the history store: 2,000 (or `cases`) tests in classes of 100.
TestReport historyRun(int run, int cases, const QDateTime &time, const QString &branch)
{
    Lcg rng(quint64(run) * 7919 + 1);
    TestReport report;
    report.file = QStringLiteral("junit.xml");
    report.format = QStringLiteral("junit");
    report.timestamp = time;
    report.cases.reserve(cases);
    const int regressed = 200 + (run / 400) % 50; // a regression on main every 400 runs, for 15 runs
    for (int t = 0; t < cases; ++t) {
        TestCase c;
        c.className = QStringLiteral("com.acme.Class%1").arg(t / 100);
        c.suite = c.className;
        c.name = QStringLiteral("test%1").arg(t);
        c.durationS = (t >= cases - 10 ? 2.0 + t % 10 : 0.005 + (t % 97) * 0.002) * (0.9 + 0.2 * rng.unit());
        if (t < 40) {
            c.status = TestStatus::Skipped;
        } else if (t >= 100 && t < 120 && rng.below(100) < 5) {
            c.status = TestStatus::Failed; // 20 flaky tests
            c.message = QStringLiteral("timeout after 30 s");
            c.details = QStringLiteral("at com.acme.Flaky.wait(Flaky.java:12)");
        } else if (t >= 100 && t < 120 && rng.below(100) < 3) {
            c.flaky = true;
            TestAttempt first;
            first.status = TestStatus::Failed;
            first.message = QStringLiteral("connection reset");
            c.retries.push_back(first);
        } else if (t == regressed && branch == QLatin1String("main") && run % 400 < 15) {
            c.status = TestStatus::Errored;
            c.message = QStringLiteral("NullPointerException");
        }
        report.cases.push_back(std::move(c));
    }
    return report;
}

void buildHistory(const Database &db, int runs, int cases)
{
    TestRunStore store(db);
    const QDateTime start(QDate(2023, 1, 1), QTime(0, 0), Qt::UTC);
    QElapsedTimer timer;
    timer.start();
    QString commit;
    for (int r = 0; r < runs; ++r) {
        const QString branch = r % 10 < 6 ? QStringLiteral("main") : QStringLiteral("feature/%1").arg(r / 37);
        // 8% of runs re-run the previous commit (a retried pipeline).
        if (r == 0 || r % 13 != 0)
            commit = QString::fromLatin1(
                QCryptographicHash::hash(QByteArray::number(r), QCryptographicHash::Sha1).toHex());
        RunInfo info { QStringLiteral("/bench/repo"), commit, branch, QStringLiteral("ci"),
            start.addSecs(r * 600) };
        must(store.importRun(info, { historyRun(r, cases, info.importedAt, branch) }), "import");
        if ((r + 1) % 500 == 0) {
            printf("  %d runs, %.0f s\n", r + 1, msSince(timer) / 1000);
            fflush(stdout);
        }
    }
    (void)db.exec(QStringLiteral("INSERT INTO store_meta (meta_key, value) VALUES ('bench', 'complete')"));
    printf("  built %d runs x %d cases in %.1f s\n", runs, cases, msSince(timer) / 1000);
}

bool historyComplete(const Database &db)
{
    QSqlQuery q(db.connection());
    return q.exec(QStringLiteral("SELECT value FROM store_meta WHERE meta_key = 'bench'")) && q.next();
}

void benchImport(
    const QString &label, const QString &report, const std::function<StoreLocation()> &freshStore, int repeat)
{
    TestReport parsed;
    const Stats parse = measure(repeat, [&]() { parsed = must(ReportParser::parseFile(report), "parse"); });
    // Each import goes into a fresh store, opened (and migrated) before the clock starts.
    QList<double> times;
    for (int i = 0; i < repeat; ++i) {
        const Database db = must(Database::open(freshStore()), "open");
        TestRunStore store(db);
        RunInfo info { QStringLiteral("/bench/import"), QStringLiteral("c%1").arg(i), QStringLiteral("main"),
            QStringLiteral("bench"), {} };
        QElapsedTimer timer;
        timer.start();
        must(store.importRun(info, { parsed }), "import");
        times.append(msSince(timer));
    }
    std::sort(times.begin(), times.end());
    Stats import;
    import.median = times.at(times.size() / 2);
    // The usual case: the store knows the tests already (a later run of the same suite).
    TestReport later = parsed;
    for (TestCase &c : later.cases)
        c.durationS += 0.001;
    QList<double> knownTimes;
    {
        const Database db = must(Database::open(freshStore()), "open");
        TestRunStore store(db);
        must(store.importRun(
                 { QStringLiteral("/bench/import"), QStringLiteral("a"), QStringLiteral("main"), {}, {} },
                 { parsed }),
            "import");
        for (int i = 0; i < repeat; ++i) {
            for (TestCase &c : later.cases)
                c.durationS += 0.001;
            QElapsedTimer timer;
            timer.start();
            must(store.importRun({ QStringLiteral("/bench/import"), QStringLiteral("b%1").arg(i),
                                     QStringLiteral("main"), {}, {} },
                     { later }),
                "import");
            knownTimes.append(msSince(timer));
        }
    }
    std::sort(knownTimes.begin(), knownTimes.end());
    const double known = knownTimes.at(knownTimes.size() / 2);
    printf("%-26s %7lld cases  parse %8.1f ms | import into a new store %8.1f ms = %.2fx parse | "
           "tests known %8.1f ms = %.2fx parse (medians of %d)\n",
        qPrintable(label), qint64(parsed.cases.size()), parse.median, import.median,
        import.median / parse.median, known, known / parse.median, repeat);
}

void benchQueries(const QString &label, const Database &db, int repeat)
{
    TestRunStore store(db);
    const QString repo = QStringLiteral("/bench/repo");
    struct Case
    {
        const char *name;
        std::function<qsizetype()> run;
    };
    TrendOptions allMain;
    allMain.branch = QStringLiteral("main");
    allMain.lastRuns = 0;
    TrendOptions allRuns;
    allRuns.lastRuns = 0;
    TrendOptions last50;
    last50.branch = QStringLiteral("main");
    FlakyOptions flakyAll;
    flakyAll.windowRuns = 0;
    const QList<Case> cases {
        { "trends, all runs", [&]() { return must(store.trends(repo, allRuns), "trends").points.size(); } },
        { "trends, main (all its runs)",
            [&]() { return must(store.trends(repo, allMain), "trends").points.size(); } },
        { "trends, main, last 50",
            [&]() { return must(store.trends(repo, last50), "trends").points.size(); } },
        { "flaky, all runs", [&]() { return must(store.flaky(repo, flakyAll), "flaky").size(); } },
        { "flaky, default (last 500)", [&]() { return must(store.flaky(repo, {}), "flaky").size(); } },
        { "runs page (100)", [&]() { return must(store.runs(repo, {}), "runs").size(); } },
        { "history of a flaky test",
            [&]() {
                return must(store.history(repo, QStringLiteral("com.acme.Class1::test105")), "history")
                    .entries.size();
            } },
    };
    for (const Case &c : cases) {
        qsizetype size = 0;
        const Stats s = measure(repeat, [&]() { size = c.run(); });
        printf("%-12s %-30s first %7.1f ms  median %7.1f ms  max %7.1f ms  (%lld rows)\n", qPrintable(label),
            c.name, s.first, s.median, s.max, qint64(size));
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString dir = QStringLiteral("/tmp/devdash-bench");
    QString reportFile;
    int runs = 10000, cases = 2000, importCases = 5000, reportMb = 200, repeat = 5, pgRuns = 0;
    bool pg = false, pgKeep = false, skipImport = false, skipHistory = false;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        auto next = [&]() { return i + 1 < args.size() ? args.at(++i) : QString(); };
        if (a == u"--dir")
            dir = next();
        else if (a == u"--runs")
            runs = next().toInt();
        else if (a == u"--cases")
            cases = next().toInt();
        else if (a == u"--import-cases")
            importCases = next().toInt();
        else if (a == u"--report-mb")
            reportMb = next().toInt();
        else if (a == u"--report")
            reportFile = next();
        else if (a == u"--repeat")
            repeat = std::max(1, next().toInt());
        else if (a == u"--pg")
            pg = true;
        else if (a == u"--pg-runs")
            pgRuns = next().toInt();
        else if (a == u"--pg-keep")
            pgKeep = true;
        else if (a == u"--skip-import")
            skipImport = true;
        else if (a == u"--skip-history")
            skipHistory = true;
        else {
            fprintf(stderr,
                "usage: %s [--dir DIR] [--runs N] [--cases N] [--import-cases N] [--report-mb N] "
                "[--report FILE] [--repeat N] [--pg] [--pg-runs N] [--pg-keep] [--skip-import] "
                "[--skip-history]\n",
                argv[0]);
            return 2;
        }
    }
    QDir().mkpath(dir);
    test::PostgresServer server;
    if (pgKeep)
        server.setPersistentDir(QDir(dir).filePath(QStringLiteral("pg-server")));
    if (pg && !server.start())
        qFatal("PostgreSQL: %s", qPrintable(server.errorString()));
    int fresh = 0;
    const auto sqliteStore = [&]() {
        const QString path = QDir(dir).filePath(QStringLiteral("import-%1.sqlite").arg(++fresh));
        for (const QString &suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") })
            QFile::remove(path + suffix);
        return must(StoreLocation::parse(path), "location");
    };
    const auto pgStore = [&]() { return must(StoreLocation::parse(server.createDatabase()), "location"); };

    if (!skipImport) {
        printf("== (b) import vs parse\n");
        const QString small = QDir(dir).filePath(QStringLiteral("cases-%1.xml").arg(importCases));
        generateReport(small, importCases, 0, std::max(1, importCases / 5), false);
        QString big = reportFile;
        if (big.isEmpty()) {
            big = QDir(dir).filePath(QStringLiteral("report-%1mb.xml").arg(reportMb));
            if (QFileInfo(big).size() < qint64(reportMb) * 990000)
                generateReport(big, 0, qint64(reportMb) * 1000 * 1000, 25, true);
        }
        printf("   %s: %.1f MB\n", qPrintable(big), QFileInfo(big).size() / 1e6);
        benchImport(QStringLiteral("SQLite, %1 cases").arg(importCases), small, sqliteStore, repeat);
        benchImport(QStringLiteral("SQLite, %1 MB").arg(QFileInfo(big).size() / 1000000), big, sqliteStore,
            std::min(repeat, 3));
        if (pg) {
            benchImport(QStringLiteral("PostgreSQL, %1 cases").arg(importCases), small, pgStore, repeat);
            benchImport(QStringLiteral("PostgreSQL, %1 MB").arg(QFileInfo(big).size() / 1000000), big,
                pgStore, std::min(repeat, 3));
        }
        for (int i = 1; i <= fresh; ++i) {
            for (const QString &suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") })
                QFile::remove(QDir(dir).filePath(QStringLiteral("import-%1.sqlite").arg(i)) + suffix);
        }
    }

    if (!skipHistory) {
        printf("== (c) queries over %d runs x %d cases\n", runs, cases);
        const QString path = QDir(dir).filePath(QStringLiteral("history-%1x%2.sqlite").arg(runs).arg(cases));
        {
            Database db = must(Database::open(must(StoreLocation::parse(path), "location")), "open");
            if (!historyComplete(db)) {
                printf("   generating %s (once)\n", qPrintable(path));
                buildHistory(db, runs, cases);
            }
        }
        Database db = must(Database::open(must(StoreLocation::parse(path), "location")), "open");
        printf("   %s: %.0f MB\n", qPrintable(path), QFileInfo(path).size() / 1e6);
        benchQueries(QStringLiteral("SQLite"), db, repeat);
        if (pg) {
            const int n = pgRuns > 0 ? pgRuns : runs;
            QString url;
            bool built = false;
            if (pgKeep) {
                const QString name = QStringLiteral("history_%1x%2").arg(n).arg(cases);
                url = server.url(name);
                (void)server.createDatabase(name); // fails harmlessly when an earlier run created it
                {
                    const Database kept
                        = must(Database::open(must(StoreLocation::parse(url), "location")), "open");
                    built = historyComplete(kept);
                }
                if (!built) { // missing or cut short: start again from an empty store
                    server.dropDatabase(name);
                    url = server.createDatabase(name);
                }
            } else {
                url = server.createDatabase();
            }
            Database pgdb = must(Database::open(must(StoreLocation::parse(url), "location")), "open");
            if (!built) {
                printf("   generating the PostgreSQL history (%d runs x %d cases)\n", n, cases);
                buildHistory(pgdb, n, cases);
                (void)pgdb.exec(QStringLiteral("VACUUM ANALYZE"));
            }
            benchQueries(QStringLiteral("PostgreSQL"), pgdb, repeat);
            // The backends read differently (PostgreSQL counts in SQL); the findings must not differ.
            TestRunStore sqliteRuns(db), pgRuns(pgdb);
            FlakyOptions all;
            all.windowRuns = 0;
            for (const FlakyOptions &options : { all, FlakyOptions() }) {
                const auto a = must(sqliteRuns.flaky(QStringLiteral("/bench/repo"), options), "flaky");
                const auto b = must(pgRuns.flaky(QStringLiteral("/bench/repo"), options), "flaky");
                bool same = a.size() == b.size();
                for (qsizetype i = 0; same && i < a.size(); ++i) {
                    const FlakyFinding &x = a.at(i), &y = b.at(i);
                    same = x.testId == y.testId && x.key == y.key && x.kind == y.kind && x.rate == y.rate
                        && x.occurrences == y.occurrences && x.observations == y.observations
                        && x.branch == y.branch && x.runIds == y.runIds && x.commits == y.commits
                        && x.lastSeen == y.lastSeen;
                }
                printf("PostgreSQL   flaky (window %d) findings %s SQLite's\n", options.windowRuns,
                    same ? "identical to" : "DIFFER from");
            }
        }
    }
    return 0;
}

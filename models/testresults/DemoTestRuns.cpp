#include "DemoTestRuns.h"

#include "ReportParser.h"
#include "RunImport.h"
#include "TestRunStore.h"
#include "git/Repository.h"

#include <QBuffer>
#include <QXmlStreamWriter>

#include <algorithm>
#include <cmath>
#include <vector>

namespace devdash::testresults {

namespace {

using git::toHex;

// A test of the demo project: its suite (GoogleTest fixture), name, the source
// file whose presence in the tree means the test exists, and a typical duration.
struct DemoTest
{
    const char *suite;
    const char *name;
    const char *source; // the src/… file the test needs
    const char *testFile;
    int line;
    double seconds;
};

const std::vector<DemoTest> Catalog {
    { "ServerTest", "StartsOnConfiguredPort", "src/server.cpp", "tests/test_server.cpp", 14, 0.120 },
    { "ServerTest", "AnswersHealthCheck", "src/server.cpp", "tests/test_server.cpp", 31, 0.045 },
    { "ServerTest", "ShutsDownGracefully", "src/server.cpp", "tests/test_server.cpp", 48, 1.800 },
    { "ServerTest", "RejectsOversizedRequests", "src/server.cpp", "tests/test_server.cpp", 77, 0.030 },
    { "ConfigTest", "ParsesListenPort", "src/config.cpp", "tests/test_config.cpp", 12, 0.002 },
    { "ConfigTest", "ReadsDatabaseUrlFromEnvironment", "src/config.cpp", "tests/test_config.cpp", 25, 0.003 },
    { "ConfigTest", "RejectsUnknownKeys", "src/config.cpp", "tests/test_config.cpp", 40, 0.002 },
    { "ConfigTest", "AppliesRateLimitDefaults", "src/config.cpp", "tests/test_config.cpp", 58, 0.004 },
    { "RouterTest", "MatchesStaticRoutes", "src/router.cpp", "tests/test_router.cpp", 11, 0.001 },
    { "RouterTest", "MatchesTrailingSlash", "src/router.cpp", "tests/test_router.cpp", 57, 0.001 },
    { "RouterTest", "ExtractsPathParameters", "src/router.cpp", "tests/test_router.cpp", 73, 0.002 },
    { "RouterTest", "Returns404ForUnknownRoute", "src/router.cpp", "tests/test_router.cpp", 96, 0.001 },
    { "DbTest", "OpensConnectionPool", "src/db.cpp", "tests/test_db.cpp", 18, 0.210 },
    { "DbTest", "MigrationsApplyInOrder", "src/db.cpp", "tests/test_db.cpp", 44, 0.350 },
    { "DbTest", "PoolRecyclesIdleConnections", "src/db.cpp", "tests/test_db.cpp", 81, 0.640 },
    { "DbTest", "PostgresIntegration", "src/db.cpp", "tests/test_db.cpp", 120, 0.0 },
    { "UtilTest", "TrimsWhitespace", "src/util.cpp", "tests/test_util.cpp", 9, 0.001 },
    { "UtilTest", "SplitsOnDelimiter", "src/util.cpp", "tests/test_util.cpp", 22, 0.001 },
    { "StringsTest", "TrimsWhitespace", "src/strings.cpp", "tests/test_strings.cpp", 9, 0.001 },
    { "StringsTest", "SplitsOnDelimiter", "src/strings.cpp", "tests/test_strings.cpp", 22, 0.001 },
    { "LegacyParserTest", "ParsesVersion1Headers", "src/legacy_parser.cpp", "tests/test_legacy_parser.cpp",
        15, 0.008 },
    { "AuthTest", "IssuesTokenForValidLogin", "src/auth.cpp", "tests/test_auth.cpp", 20, 0.015 },
    { "AuthTest", "RejectsExpiredToken", "src/auth.cpp", "tests/test_auth.cpp", 41, 0.004 },
    { "AuthTest", "HashesPasswordsWithSalt", "src/auth.cpp", "tests/test_auth.cpp", 63, 0.260 },
    { "LoginTest", "RedirectsAfterLogin", "src/login.cpp", "tests/test_login.cpp", 16, 0.020 },
    { "LoginTest", "LocksAccountAfterFiveFailures", "src/login.cpp", "tests/test_login.cpp", 38, 0.055 },
    { "SearchTest", "FindsByPrefix", "src/search.cpp", "tests/test_search.cpp", 12, 0.018 },
    { "SearchTest", "RanksExactMatchFirst", "src/search.cpp", "tests/test_search.cpp", 34, 0.022 },
    { "SearchTest", "HandlesEmptyQuery", "src/search.cpp", "tests/test_search.cpp", 59, 0.002 },
    { "ChartsTest", "RendersEmptySeries", "src/charts.cpp", "tests/test_charts.cpp", 10, 0.090 },
};

// What happens to one test in one run beyond passing.
struct Outcome
{
    enum Kind { Pass, Fail, Skip, PassOnRetry } kind = Pass;
    QString message; // GoogleTest's "file:line\nExpected…"
};

struct PlannedRun
{
    git_oid commit {};
    QString branch;
    QString source;
    QDateTime time;
    QSet<QString> files; // src/… files present at the commit
    QHash<QString, Outcome> outcomes; // "Suite.Name" → what is not a plain pass
};

QString testId(const DemoTest &t)
{
    return QLatin1String(t.suite) + QLatin1Char('.') + QLatin1String(t.name);
}

// A stable pseudo-random number in [0, 1) per (commit, test): durations jitter
// between runs but the demo never changes.
double jitter(const git_oid &commit, const QString &test)
{
    uint h = qHash(test, uint(commit.id[0]) << 8 | commit.id[1]);
    h ^= uint(commit.id[2]) << 16 | uint(commit.id[3]);
    h *= 2654435761u;
    return double(h % 10000) / 10000.0;
}

QString failureText(const DemoTest &t, const char *body)
{
    return QStringLiteral("%1:%2\n%3")
        .arg(QLatin1String(t.testFile))
        .arg(t.line + 6)
        .arg(QLatin1String(body));
}

const DemoTest &test(const char *suite, const char *name)
{
    for (const DemoTest &t : Catalog)
        if (qstrcmp(t.suite, suite) == 0 && qstrcmp(t.name, name) == 0)
            return t;
    Q_UNREACHABLE();
}

QByteArray gtestXml(const PlannedRun &run)
{
    QByteArray xml;
    QXmlStreamWriter w(&xml);
    w.setAutoFormatting(true);
    w.writeStartDocument();
    const QString stamp = run.time.toString(Qt::ISODate);

    // Suites in catalogue order, with only the tests whose source exists.
    QList<QPair<QString, QList<const DemoTest *>>> suites;
    for (const DemoTest &t : Catalog) {
        if (!run.files.contains(QLatin1String(t.source)))
            continue;
        if (suites.isEmpty() || suites.last().first != QLatin1String(t.suite))
            suites.append({ QLatin1String(t.suite), {} });
        suites.last().second.append(&t);
    }
    int total = 0, failures = 0, skipped = 0;
    double totalTime = 0;
    for (const auto &suite : suites) {
        for (const DemoTest *t : suite.second) {
            const Outcome o = run.outcomes.value(testId(*t));
            ++total;
            failures += o.kind == Outcome::Fail;
            skipped += o.kind == Outcome::Skip;
            totalTime += t->seconds;
        }
    }
    w.writeStartElement(QStringLiteral("testsuites"));
    w.writeAttribute(QStringLiteral("tests"), QString::number(total));
    w.writeAttribute(QStringLiteral("failures"), QString::number(failures));
    w.writeAttribute(QStringLiteral("disabled"), QStringLiteral("0"));
    w.writeAttribute(QStringLiteral("errors"), QStringLiteral("0"));
    w.writeAttribute(QStringLiteral("time"), QString::number(totalTime, 'f', 3));
    w.writeAttribute(QStringLiteral("timestamp"), stamp);
    w.writeAttribute(QStringLiteral("name"), QStringLiteral("AllTests"));
    for (const auto &suite : suites) {
        w.writeStartElement(QStringLiteral("testsuite"));
        w.writeAttribute(QStringLiteral("name"), suite.first);
        w.writeAttribute(QStringLiteral("tests"), QString::number(suite.second.size()));
        w.writeAttribute(QStringLiteral("timestamp"), stamp);
        for (const DemoTest *t : suite.second) {
            const Outcome o = run.outcomes.value(testId(*t));
            // Durations: ±30% around the typical; the migration test slows as migrations pile up.
            double seconds = t->seconds * (0.7 + 0.6 * jitter(run.commit, testId(*t)));
            if (qstrcmp(t->name, "MigrationsApplyInOrder") == 0)
                seconds += 0.04 * run.files.size();
            auto writeCase = [&](const QString &failure) {
                w.writeStartElement(QStringLiteral("testcase"));
                w.writeAttribute(QStringLiteral("name"), QLatin1String(t->name));
                w.writeAttribute(QStringLiteral("file"), QLatin1String(t->testFile));
                w.writeAttribute(QStringLiteral("line"), QString::number(t->line));
                w.writeAttribute(QStringLiteral("status"), QStringLiteral("run"));
                w.writeAttribute(QStringLiteral("result"),
                    o.kind == Outcome::Skip ? QStringLiteral("skipped") : QStringLiteral("completed"));
                w.writeAttribute(
                    QStringLiteral("time"), QString::number(o.kind == Outcome::Skip ? 0.0 : seconds, 'f', 3));
                w.writeAttribute(QStringLiteral("timestamp"), stamp);
                w.writeAttribute(QStringLiteral("classname"), QLatin1String(t->suite));
                if (o.kind == Outcome::Skip) {
                    w.writeStartElement(QStringLiteral("skipped"));
                    w.writeAttribute(QStringLiteral("message"), o.message);
                    w.writeEndElement();
                } else if (!failure.isEmpty()) {
                    w.writeStartElement(QStringLiteral("failure"));
                    w.writeAttribute(QStringLiteral("message"), failure);
                    w.writeAttribute(QStringLiteral("type"), QString());
                    w.writeCDATA(failure);
                    w.writeEndElement();
                }
                w.writeEndElement();
            };
            if (o.kind == Outcome::PassOnRetry)
                writeCase(o.message); // the failed first attempt; the repeated case is the retry
            writeCase(o.kind == Outcome::Fail ? o.message : QString());
        }
        w.writeEndElement();
    }
    w.writeEndElement();
    w.writeEndDocument();
    return xml;
}

// The src/ files of a commit's tree.
QSet<QString> sourceFiles(git_repository *repo, const git_oid &commitId)
{
    QSet<QString> files;
    git_commit *commit = nullptr;
    if (git_commit_lookup(&commit, repo, &commitId) < 0)
        return files;
    git::CommitPtr commitPtr(commit);
    git_tree *tree = nullptr;
    if (git_commit_tree(&tree, commit) < 0)
        return files;
    git::TreePtr treePtr(tree);
    git_tree_entry *src = nullptr;
    if (git_tree_entry_bypath(&src, tree, "src") < 0)
        return files;
    git::TreeEntryPtr srcPtr(src);
    git_tree *srcTree = nullptr;
    if (git_tree_lookup(&srcTree, repo, git_tree_entry_id(src)) < 0)
        return files;
    git::TreePtr srcTreePtr(srcTree);
    for (size_t i = 0; i < git_tree_entrycount(srcTree); ++i)
        files.insert(QStringLiteral("src/")
            + QString::fromUtf8(git_tree_entry_name(git_tree_entry_byindex(srcTree, i))));
    return files;
}

QDateTime commitTime(git_repository *repo, const git_oid &id)
{
    git_commit *commit = nullptr;
    if (git_commit_lookup(&commit, repo, &id) < 0)
        return {};
    git::CommitPtr ptr(commit);
    return QDateTime::fromSecsSinceEpoch(git_commit_time(commit), Qt::UTC);
}

// First-parent history of a ref, oldest first.
Result<std::vector<git_oid>> firstParents(git_repository *repo, const char *ref)
{
    git_revwalk *walk = nullptr;
    if (git_revwalk_new(&walk, repo) < 0)
        return git::lastError(QStringLiteral("Could not walk the demo history"));
    git::RevwalkPtr walkPtr(walk);
    git_revwalk_simplify_first_parent(walk);
    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
    if (git_revwalk_push_ref(walk, ref) < 0)
        return git::lastError(QStringLiteral("The demo repository has no %1").arg(QLatin1String(ref)));
    std::vector<git_oid> ids;
    git_oid id;
    while (git_revwalk_next(&id, walk) == 0)
        ids.push_back(id);
    return ids;
}

} // namespace

Result<void> DemoTestRuns::create(const QString &repoPath, const store::Database &db)
{
    auto repository = git::Repository::open(repoPath);
    if (!repository)
        return repository.error();
    git_repository *repo = repository->raw();

    auto main = firstParents(repo, "refs/heads/main");
    if (!main)
        return main.error();
    // Runs start once the project has tests, and keep to about 25 commits of main.
    std::vector<git_oid> tested;
    for (const git_oid &id : *main)
        if (sourceFiles(repo, id).contains(QStringLiteral("src/config.cpp")))
            tested.push_back(id);
    if (tested.empty())
        return Error { QStringLiteral(
            "%1 does not look like the demo repository (no src/config.cpp on main).")
                           .arg(repoPath) };
    const int wanted = 25;
    std::vector<git_oid> picked;
    const size_t n = tested.size();
    for (int i = 0; i < wanted && size_t(i) < n; ++i) {
        const size_t index = n <= size_t(wanted)
            ? size_t(i)
            : size_t(std::llround(double(i) * double(n - 1) / (wanted - 1)));
        if (picked.empty() || git_oid_cmp(&picked.back(), &tested[index]) != 0)
            picked.push_back(tested[index]);
    }

    QList<PlannedRun> runs;
    auto plan = [&](const git_oid &id, const QString &branch, int minutesAfter) {
        PlannedRun run;
        run.commit = id;
        run.branch = branch;
        run.source = QStringLiteral("github:ci.yml");
        run.time = commitTime(repo, id).addSecs(60 * minutesAfter);
        run.files = sourceFiles(repo, id);
        run.outcomes.insert(QStringLiteral("DbTest.PostgresIntegration"),
            { Outcome::Skip, QStringLiteral("HARBOR_TEST_POSTGRES is not set") });
        return run;
    };
    const Outcome trailingSlash { Outcome::Fail,
        failureText(test("RouterTest", "MatchesTrailingSlash"),
            "Expected equality of these values:\n  router.match(\"/orders/\").status\n    Which is: 404\n  "
            "200") };
    const Outcome shutdown { Outcome::Fail,
        failureText(test("ServerTest", "ShutsDownGracefully"),
            "Value of: server.waitForShutdown(2s)\n  Actual: false (1 connection still open)\nExpected: "
            "true") };
    const Outcome idlePool { Outcome::Fail,
        failureText(test("DbTest", "PoolRecyclesIdleConnections"),
            "Expected: (pool.idleCount()) <= (2), actual: 5 vs 2") };

    // The story on main, by position in the picked commits.
    const int count = int(picked.size());
    const int regression = count * 35 / 100; // MatchesTrailingSlash breaks here…
    const int fix = regression + 5; // …and is fixed five runs later
    const int flakyCommit = count * 70 / 100; // fails, then passes when CI re-runs the same commit
    const int flakyRetry = count * 85 / 100; // fails, passes on retry within the run
    for (int i = 0; i < count; ++i) {
        PlannedRun run = plan(picked[size_t(i)], QStringLiteral("main"), 7);
        if (i >= regression && i < fix)
            run.outcomes.insert(QStringLiteral("RouterTest.MatchesTrailingSlash"), trailingSlash);
        if (i == flakyRetry)
            run.outcomes.insert(
                QStringLiteral("ServerTest.ShutsDownGracefully"), { Outcome::PassOnRetry, shutdown.message });
        if (i >= count - 2) // failing at the head: "failing since", age 2
            run.outcomes.insert(QStringLiteral("DbTest.PoolRecyclesIdleConnections"), idlePool);
        if (i == flakyCommit) {
            PlannedRun failed = run;
            failed.outcomes.insert(QStringLiteral("ServerTest.ShutsDownGracefully"), shutdown);
            runs.append(failed);
            run.time = run.time.addSecs(25 * 60);
            run.source = QStringLiteral("github:ci.yml (re-run)");
        }
        runs.append(run);
    }

    // Feature branches: the search branch's last two commits (a failure, then its
    // fix) and the login branch's tip.
    auto search = firstParents(repo, "refs/heads/feature/search");
    if (search && search->size() >= 2) {
        PlannedRun red = plan((*search)[search->size() - 2], QStringLiteral("feature/search"), 9);
        red.outcomes.insert(QStringLiteral("SearchTest.RanksExactMatchFirst"),
            { Outcome::Fail,
                failureText(test("SearchTest", "RanksExactMatchFirst"),
                    "Expected equality of these values:\n  results.front().title\n    Which is: \"Harbor "
                    "guide\"\n  \"harbor\"") });
        runs.append(red);
        runs.append(plan(search->back(), QStringLiteral("feature/search"), 9));
    }
    auto login = firstParents(repo, "refs/heads/feature/login");
    if (login && !login->empty())
        runs.append(plan(login->back(), QStringLiteral("feature/login"), 8));

    const QString key = RunImport::repositoryKey(*repository);
    TestRunStore store(db);
    for (const PlannedRun &run : runs) {
        QByteArray xml = gtestXml(run);
        QBuffer buffer(&xml);
        buffer.open(QIODevice::ReadOnly);
        auto report = ReportParser::parse(buffer, QStringLiteral("build/test-results/harbor_tests.xml"));
        if (!report)
            return report.error();
        RunInfo info;
        info.repository = key;
        info.commit = toHex(run.commit);
        info.branch = run.branch;
        info.source = run.source;
        info.importedAt = run.time;
        auto imported = store.importRun(info, { *report });
        if (!imported)
            return imported.error();
    }
    return {};
}

} // namespace devdash::testresults

#include "TestsCommands.h"
#include "CliHelp.h"
#include "CliOutput.h"
#include "CommandSpec.h"

#include "TestsJson.h"
#include "common/JsonWriter.h"
#include "git/DemoRepository.h"
#include "store/Database.h"
#include "testresults/DemoTestRuns.h"
#include "testresults/RunImport.h"
#include "testresults/TestRunStore.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

#include <cmath>
#include <cstdio>

namespace devdash::cli {

using namespace devdash::testresults;

namespace {

// Marks this file's own usage errors; the models' error codes mean other things.
constexpr int UsageError = -0x7553;

// One subcommand's parser, with the options the command table gives it.
struct Command
{
    QCommandLineParser parser;
    const CommandSpec &spec;
    QString usage;

    // `name`: the command table's entry ("tests import"), which gives the options.
    explicit Command(const QString &name)
        : spec(command(name))
        , usage(usageLine(spec))
    {
        configure(parser, spec);
    }
    // False when the caller should return *exitCode (usage error or --help).
    bool parse(const QStringList &arguments, int minPositional, int maxPositional, int *exitCode)
    {
        const QStringList args = QStringList { arguments.at(0) + QStringLiteral(" tests ") + arguments.at(2) }
            + arguments.mid(3);
        if (!parser.parse(args)) {
            *exitCode = fail(parser.errorText() + QStringLiteral(" — usage: ") + usage, 2);
            return false;
        }
        if (parser.isSet(QStringLiteral("help"))) {
            out(commandHelp(spec));
            *exitCode = 0;
            return false;
        }
        const qsizetype n = parser.positionalArguments().size();
        if (n < minPositional || (maxPositional >= 0 && n > maxPositional)) {
            *exitCode = fail(QStringLiteral("wrong number of arguments — usage: %1").arg(usage), 2);
            return false;
        }
        return true;
    }
    bool json() const { return parser.isSet(QStringLiteral("json")); }
    QString value(const QString &name) const { return parser.value(name); }
    bool isSet(const QString &name) const { return parser.isSet(name); }
    QStringList positional() const { return parser.positionalArguments(); }

    // A whole number ≥ minimum, or the default when not given; -1 after a usage error.
    int number(const QString &name, int fallback, int minimum, int *exitCode) const
    {
        if (!parser.isSet(name))
            return fallback;
        bool ok = false;
        const int n = parser.value(name).toInt(&ok);
        if (!ok || n < minimum) {
            *exitCode = fail(QStringLiteral("--%1 needs a whole number ≥ %2, not '%3'")
                                 .arg(name)
                                 .arg(minimum)
                                 .arg(parser.value(name)),
                2);
            return -1;
        }
        return n;
    }

    Result<store::Database> openStore() const
    {
        // Empty: $DEVDASH_STORE, else the per-user SQLite file.
        auto location = store::StoreLocation::parse(parser.value(QStringLiteral("store")));
        if (!location)
            return location.error();
        return store::Database::open(*location);
    }

    Result<QString> repositoryKey() const
    {
        if (!parser.isSet(QStringLiteral("repo")))
            return Error { QStringLiteral("--repo REPO is required — usage: %1").arg(usage), UsageError };
        return RunImport::repositoryKey(parser.value(QStringLiteral("repo")));
    }

    // What the per-repository queries need: the key runs are filed under, and the store.
    struct RepositoryStore
    {
        QString key;
        store::Database db;
    };
    Result<RepositoryStore> openRepositoryStore() const
    {
        auto key = repositoryKey();
        if (!key)
            return key.error();
        auto db = openStore();
        if (!db)
            return db.error();
        return RepositoryStore { key.value(), std::move(db).value() };
    }
};

int failWith(const Error &error)
{
    return fail(error.message, error.code == UsageError ? 2 : 1);
}

Result<qint64> runId(const QString &text)
{
    bool ok = false;
    const qint64 id = text.startsWith(QLatin1Char('#')) ? text.mid(1).toLongLong(&ok) : text.toLongLong(&ok);
    if (!ok || id <= 0)
        return Error {
            QStringLiteral("'%1' is not a run id (a number, as `devdash tests runs` prints)").arg(text),
            UsageError
        };
    return id;
}

QString seconds(double s)
{
    return std::isfinite(s) ? QString::number(s, 'f', s < 10 ? 3 : 1) + QLatin1Char('s')
                            : QStringLiteral("-");
}

QString shortId(const QString &commit)
{
    return commit.left(10);
}

// A failure message on one line, for the tables ("file:line Expected…").
QString oneLine(const QString &message)
{
    const QString line = message.simplified();
    return line.size() > 160 ? line.left(159) + QStringLiteral("…") : line;
}

QString runLine(const RunSummary &r)
{
    return QStringLiteral("#%1  %2  %3 %4  %5 tests: %6 passed, %7 failed, %8 errored, %9 skipped")
               .arg(r.id)
               .arg(r.isFailing() ? QStringLiteral("FAIL") : QStringLiteral("ok  "))
               .arg(shortId(r.commit))
               .arg(r.branch.isEmpty() ? QStringLiteral("(no branch)") : r.branch)
               .arg(r.counts.tests)
               .arg(r.counts.passed)
               .arg(r.counts.failed)
               .arg(r.counts.errored)
               .arg(r.counts.skipped)
        + (r.counts.flaky ? QStringLiteral(" (%1 flaky)").arg(r.counts.flaky) : QString())
        + QStringLiteral(", %1, %2, %3\n")
              .arg(seconds(r.counts.durationS), r.source,
                  r.importedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
}

int importCommand(const QStringList &arguments)
{
    Command cmd(QStringLiteral("tests import"));
    int code = 0;
    if (!cmd.parse(arguments, 1, -1, &code))
        return code;
    if (!cmd.isSet(QStringLiteral("repo")))
        return fail(QStringLiteral("--repo REPO is required — usage: %1").arg(cmd.usage), 2);

    ImportRequest request;
    request.paths = cmd.positional();
    request.repository = cmd.value(QStringLiteral("repo"));
    request.commit = cmd.value(QStringLiteral("commit"));
    request.branch = cmd.value(QStringLiteral("branch"));
    request.source = cmd.value(QStringLiteral("source"));
    // Everything that can fail before the store is touched is checked first: a bad
    // report leaves no trace, not even a new store file.
    auto info = RunImport::runInfo(request);
    if (!info)
        return failWith(info.error());
    auto files = RunImport::resolveFiles(request.paths, QDir::currentPath());
    if (!files)
        return failWith(files.error());
    auto reports = RunImport::parseAll(*files);
    if (!reports)
        return failWith(reports.error());
    auto db = cmd.openStore();
    if (!db)
        return failWith(db.error());
    TestRunStore store(*db);
    auto imported = store.importRun(*info, *reports);
    if (!imported)
        return failWith(imported.error());

    if (cmd.json()) {
        QJsonObject object = testsjson::run(imported->run);
        object.insert(QStringLiteral("created"), imported->created);
        object.insert(QStringLiteral("files"), QJsonArray::fromStringList(*files));
        QStringList warnings;
        for (const TestReport &report : *reports)
            for (const QString &warning : report.warnings)
                warnings << report.file + QStringLiteral(": ") + warning;
        object.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(warnings));
        json::print(object);
        return 0;
    }
    out((imported->created ? QStringLiteral("imported %1 file(s) as run ")
                           : QStringLiteral("already imported: run "))
            .arg(files->size())
        + runLine(imported->run).mid(1));
    return 0;
}

int runsCommand(const QStringList &arguments)
{
    Command cmd(QStringLiteral("tests runs"));
    int code = 0;
    if (!cmd.parse(arguments, 0, 0, &code))
        return code;
    RunFilter filter;
    filter.branch = cmd.value(QStringLiteral("branch"));
    filter.limit = cmd.number(QStringLiteral("limit"), 50, 0, &code);
    if (filter.limit < 0)
        return code;
    auto opened = cmd.openRepositoryStore();
    if (!opened)
        return failWith(opened.error());
    auto runs = TestRunStore(opened->db).runs(opened->key, filter);
    if (!runs)
        return failWith(runs.error());
    if (cmd.json()) {
        QJsonArray array;
        for (const RunSummary &r : *runs)
            array.append(testsjson::run(r));
        json::print(array);
        return 0;
    }
    QString text;
    for (const RunSummary &r : *runs)
        text += runLine(r);
    out(text.isEmpty() ? QStringLiteral("no test runs of %1\n").arg(opened->key) : text);
    return 0;
}

int showCommand(const QStringList &arguments)
{
    Command cmd(QStringLiteral("tests show"));
    int code = 0;
    if (!cmd.parse(arguments, 1, 1, &code))
        return code;
    auto id = runId(cmd.positional().at(0));
    if (!id)
        return failWith(id.error());
    auto db = cmd.openStore();
    if (!db)
        return failWith(db.error());
    auto details = TestRunStore(*db).run(*id);
    if (!details)
        return failWith(details.error());
    const bool failedOnly = cmd.isSet(QStringLiteral("failed"));
    if (cmd.json()) {
        json::print(testsjson::runDetails(*details, failedOnly));
        return 0;
    }
    QString text = runLine(details->run);
    for (const SuiteResult &suite : details->suites) {
        QString cases;
        for (const CaseResult &c : suite.cases) {
            if (failedOnly && !isFailing(c.status))
                continue;
            cases += QStringLiteral("    %1 %2  %3%4\n")
                         .arg(statusName(c.status).leftJustified(8), seconds(c.durationS).rightJustified(8),
                             c.className.isEmpty() ? c.name : c.className + QStringLiteral("::") + c.name,
                             c.flaky ? QStringLiteral("  (flaky, %1 attempts)").arg(c.attempts) : QString());
            if (isFailing(c.status) && !c.message.isEmpty())
                cases += QStringLiteral("             %1\n").arg(oneLine(c.message));
        }
        if (!cases.isEmpty())
            text += QStringLiteral("  %1\n").arg(suite.path) + cases;
    }
    out(text);
    return 0;
}

QString comparedLines(const QString &title, const QList<ComparedTest> &tests)
{
    if (tests.isEmpty())
        return {};
    QString text = QStringLiteral("%1 (%2):\n").arg(title).arg(tests.size());
    for (const ComparedTest &t : tests)
        text
            += QStringLiteral("  %1%2\n")
                   .arg(t.key, t.message.isEmpty() ? QString() : QStringLiteral("  — ") + oneLine(t.message));
    return text;
}

int compareCommand(const QStringList &arguments)
{
    Command cmd(QStringLiteral("tests compare"));
    int code = 0;
    if (!cmd.parse(arguments, 2, 2, &code))
        return code;
    auto a = runId(cmd.positional().at(0));
    if (!a)
        return failWith(a.error());
    auto b = runId(cmd.positional().at(1));
    if (!b)
        return failWith(b.error());
    auto db = cmd.openStore();
    if (!db)
        return failWith(db.error());
    TestRunStore store(*db);
    auto base = store.runSummary(*a);
    if (!base)
        return failWith(base.error());
    auto head = store.runSummary(*b);
    if (!head)
        return failWith(head.error());
    auto comparison = store.compare(*a, *b);
    if (!comparison)
        return failWith(comparison.error());
    if (cmd.json()) {
        json::print(testsjson::comparison(*comparison, *base, *head));
        return 0;
    }
    QString text = QStringLiteral("base ") + runLine(*base) + QStringLiteral("head ") + runLine(*head);
    text += comparedLines(QStringLiteral("new failures"), comparison->newFailures);
    text += comparedLines(QStringLiteral("fixed"), comparison->fixed);
    text += comparedLines(QStringLiteral("still failing"), comparison->stillFailing);
    text += comparedLines(QStringLiteral("new tests"), comparison->newTests);
    text += comparedLines(QStringLiteral("removed tests"), comparison->removedTests);
    out(text);
    return 0;
}

int flakyCommand(const QStringList &arguments)
{
    Command cmd(QStringLiteral("tests flaky"));
    int code = 0;
    if (!cmd.parse(arguments, 0, 0, &code))
        return code;
    FlakyOptions options;
    options.branch = cmd.value(QStringLiteral("branch"));
    options.flipWindow = cmd.number(QStringLiteral("window"), options.flipWindow, 2, &code);
    options.minFlips = cmd.number(QStringLiteral("min-flips"), options.minFlips, 1, &code);
    options.windowRuns = cmd.number(QStringLiteral("runs"), options.windowRuns, 0, &code);
    if (options.flipWindow < 0 || options.minFlips < 0 || options.windowRuns < 0)
        return code;
    auto opened = cmd.openRepositoryStore();
    if (!opened)
        return failWith(opened.error());
    auto findings = TestRunStore(opened->db).flaky(opened->key, options);
    if (!findings)
        return failWith(findings.error());
    if (cmd.json()) {
        QJsonArray array;
        for (const FlakyFinding &f : *findings)
            array.append(testsjson::flakyFinding(f));
        json::print(array);
        return 0;
    }
    QString text;
    for (const FlakyFinding &f : *findings)
        text += QStringLiteral("%1  %2 %3  %4 of %5%6\n")
                    .arg(QString::number(f.rate * 100, 'f', 0).rightJustified(3) + QLatin1Char('%'),
                        flakyKindName(f.kind).leftJustified(12), f.key)
                    .arg(f.occurrences)
                    .arg(f.observations)
                    .arg(f.branch.isEmpty() ? QString() : QStringLiteral(" on ") + f.branch);
    out(text.isEmpty() ? QStringLiteral("no flaky tests\n") : text);
    return 0;
}

int historyCommand(const QStringList &arguments)
{
    Command cmd(QStringLiteral("tests history"));
    int code = 0;
    if (!cmd.parse(arguments, 1, 1, &code))
        return code;
    HistoryOptions options;
    options.branch = cmd.value(QStringLiteral("branch"));
    options.limit = cmd.number(QStringLiteral("limit"), options.limit, 1, &code);
    if (options.limit < 0)
        return code;
    auto opened = cmd.openRepositoryStore();
    if (!opened)
        return failWith(opened.error());
    auto history = TestRunStore(opened->db).history(opened->key, cmd.positional().at(0), options);
    if (!history)
        return failWith(history.error());
    if (cmd.json()) {
        json::print(testsjson::history(*history));
        return 0;
    }
    QString text = history->key + QLatin1Char('\n');
    if (history->age > 0 && history->failingSince)
        text += QStringLiteral("failing for %1 run(s), since run #%2 (%3)\n")
                    .arg(history->age)
                    .arg(history->failingSince->runId)
                    .arg(shortId(history->failingSince->commit));
    for (const HistoryEntry &e : history->entries)
        text += QStringLiteral("  #%1  %2 %3  %4  %5%6\n")
                    .arg(e.runId)
                    .arg(shortId(e.commit), e.branch.leftJustified(16), statusName(e.status).leftJustified(8),
                        seconds(e.durationS), e.flaky ? QStringLiteral("  (flaky)") : QString());
    out(text);
    return 0;
}

int demoCommand(const QStringList &arguments)
{
    Command cmd(QStringLiteral("tests demo"));
    int code = 0;
    if (!cmd.parse(arguments, 0, 0, &code))
        return code;
    if (!cmd.isSet(QStringLiteral("folder")))
        return fail(QStringLiteral("--folder DIR is required — usage: %1").arg(cmd.usage), 2);
    const QString folder = QFileInfo(cmd.value(QStringLiteral("folder"))).absoluteFilePath();
    if (!QDir().mkpath(folder))
        return fail(QStringLiteral("Could not create the folder %1.").arg(folder));
    auto repo = git::DemoRepository::create(folder);
    if (!repo)
        return failWith(repo.error());
    auto db = cmd.openStore();
    if (!db)
        return failWith(db.error());
    if (auto made = DemoTestRuns::create(*repo, *db); !made)
        return failWith(made.error());
    auto key = RunImport::repositoryKey(*repo);
    if (!key)
        return failWith(key.error());
    RunFilter all;
    all.limit = 0;
    auto runs = TestRunStore(*db).runs(*key, all);
    if (!runs)
        return failWith(runs.error());
    if (cmd.json()) {
        json::print(QJsonObject {
            { QStringLiteral("repository"), *key }, { QStringLiteral("runs"), int(runs->size()) } });
        return 0;
    }
    out(QStringLiteral("%1: %2 test runs\n").arg(*key).arg(runs->size()));
    return 0;
}

} // namespace

int runTests(const QStringList &arguments)
{
    const QString sub = arguments.value(2);
    if (sub == QLatin1String("import"))
        return importCommand(arguments);
    if (sub == QLatin1String("runs"))
        return runsCommand(arguments);
    if (sub == QLatin1String("show"))
        return showCommand(arguments);
    if (sub == QLatin1String("compare"))
        return compareCommand(arguments);
    if (sub == QLatin1String("flaky"))
        return flakyCommand(arguments);
    if (sub == QLatin1String("history"))
        return historyCommand(arguments);
    if (sub == QLatin1String("demo"))
        return demoCommand(arguments);
    // The dispatcher (CliCommands.cpp) answers a missing subcommand and --help.
    return unknownCommand(sub, QStringLiteral("tests"));
}

} // namespace devdash::cli

// The table of every command (CommandSpec.h): the one place an option is declared.

#include "CliCommands.h"
#include "CommandSpec.h"
#include "DeployCommands.h"
#include "MigrationsCommands.h"
#include "PipelineRunCommand.h"
#include "PipelinesCommands.h"
#include "SchemaCommands.h"
#include "TestsCommands.h"
#include "TrustCommands.h"

namespace devdash::cli {

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

OptionSpec flag(const char *name, const char *help)
{
    return { s(name), {}, s(help), Values::None, {} };
}

OptionSpec valued(const char *name, const char *value, const char *help, Values values = Values::None,
    QStringList choices = {})
{
    return { s(name), s(value), s(help), values, std::move(choices) };
}

ArgumentSpec argument(const char *name, const char *help, Values values = Values::None)
{
    return { s(name), s(help), values };
}

// Options several commands share, worded once.
const OptionSpec Json = flag("json", "Print JSON (shapes in docs/cli.md).");
const OptionSpec Store = valued("store", "URL_OR_FILE",
    "The store: a SQLite file or postgresql:// URL (default: $DEVDASH_STORE, else the user's).",
    Values::Path);
const ArgumentSpec Repo = argument("REPO", "A repository (or any folder inside one).", Values::Path);
const OptionSpec RepoOption = valued("repo", "REPO", "The repository.", Values::Path);
const QStringList CiProviders { QStringLiteral("github"), QStringLiteral("gitlab"), QStringLiteral("jenkins"),
    QStringLiteral("cctray") };

// Reading a DBMS behind ODBC that DevDash cannot make read-only.
const OptionSpec AllowUnverified = flag("allow-unverified-readonly",
    "Read a DBMS behind ODBC that DevDash cannot make read-only (not SQLite, PostgreSQL, MySQL or "
    "MariaDB): only the driver's read-only mode, which it may ignore, then stands between DevDash and a "
    "write.");

// The schema commands' shared options.
QList<OptionSpec> schemaOptions(QList<OptionSpec> own = {})
{
    QList<OptionSpec> options {
        Json,
        AllowUnverified,
        valued("name", "ENV", "Environment name (password from DEVDASH_DB_PASSWORD_<ENV>).",
            Values::Environment),
        valued("schema", "S", "Inspect only this schema (repeatable)."),
        valued("timeout", "SECONDS", "Connect timeout in seconds (default 10)."),
        Store,
    };
    return options + own;
}

int runPipelinesOrLocal(const QStringList &arguments)
{
    // `pipelines run REPO` runs the local pipeline; `pipelines REPO` lists CI runs.
    return arguments.value(2) == QLatin1String("run") ? pipelineRunCommand(arguments)
                                                      : runPipelines(arguments);
}

QList<CommandSpec> table()
{
    QList<CommandSpec> t;
    t << CommandSpec { {}, s("Open the window on a repository, the last one, or the demo"),
        s("[--demo | REPO]"),
        { argument("[REPO]", "A repository (or any folder inside one) to open.", Values::Path) },
        { flag("demo", "Open a demo workspace built on the fly."), flag("version", "Print the version.") } };

    // Git: the Branches, History and Compare pages.
    t << CommandSpec { s("branches"), s("List branches and tags with ahead/behind counts"),
        s("REPO [--json]"), { Repo }, { Json }, runBranches };
    t << CommandSpec { s("log"), s("Print the history in display order, streamed"),
        s("REPO [--ref REF | --all] [--max N] [--json]"), { Repo },
        { Json, flag("all", "All refs and HEAD."), valued("ref", "REF", "Start from REF (default HEAD)."),
            valued("max", "N", "At most N commits.") },
        runLog };
    t.last().hintedBy = QStringList { QStringLiteral("history") }; // the History page
    t << CommandSpec { s("show"), s("Show a commit and the files it changes"), s("REPO COMMIT [--json]"),
        { Repo, argument("COMMIT", "Any revision: HEAD~2, a tag, a short id.") }, { Json }, runShow };
    t << CommandSpec { s("compare"), s("Compare two revisions: commits on each side, files changed"),
        s("REPO A B [--json]"),
        { Repo, argument("A", "The base revision."), argument("B", "The compared revision.") }, { Json },
        runCompare };

    // Test results: the Tests page.
    t << CommandSpec { s("tests"), s("Import test reports, list and compare runs, find flaky tests"),
        s("SUBCOMMAND …"), {}, {}, runTests, false, true };
    t << CommandSpec { s("tests import"), s("Import test reports (JUnit XML, CTest, TRX, …) as one run"),
        s("PATH... --repo REPO [--commit SHA] [--branch B] [--source NAME] [--store URL_OR_FILE] [--json]"),
        { argument("PATH...", "Report files, folders or globs.", Values::Path) },
        { valued("repo", "REPO", "The repository the reports belong to.", Values::Path),
            valued("commit", "SHA", "The commit tested (default: HEAD)."),
            valued("branch", "B", "The branch (default: the current one)."),
            valued("source", "NAME", "Where the reports come from (default: local)."), Store, Json } };
    t << CommandSpec { s("tests runs"), s("List a repository's test runs, newest first"),
        s("--repo REPO [--branch B] [--limit N] [--store URL_OR_FILE] [--json]"), {},
        { RepoOption, valued("branch", "B", "Only this branch's runs."),
            valued("limit", "N", "At most N runs, newest first (default 50, 0: all)."), Store, Json } };
    t << CommandSpec { s("tests show"), s("Show one run's tests"),
        s("RUN [--failed] [--store URL_OR_FILE] [--json]"),
        { argument("RUN", "Run id, as `devdash tests runs` prints it.") },
        { flag("failed", "Only failed and errored tests."), Store, Json } };
    t << CommandSpec { s("tests compare"), s("What changed between two runs"),
        s("RUN_A RUN_B [--store URL_OR_FILE] [--json]"),
        { argument("RUN_A", "The base run."), argument("RUN_B", "The run compared with it.") },
        { Store, Json } };
    t << CommandSpec { s("tests flaky"), s("Tests that flip between passing and failing"),
        s("--repo REPO [--branch B] [--window N] [--min-flips N] [--runs N] [--store URL_OR_FILE] [--json]"),
        {},
        { RepoOption, valued("branch", "B", "Only this branch's runs."),
            valued("window", "N", "Flips are counted in a branch's last N runs (default 10)."),
            valued("min-flips", "N", "At least N flips make a test flaky (default 2)."),
            valued("runs", "N", "The newest N runs are looked at (default 500, 0: all)."), Store, Json } };
    t << CommandSpec { s("tests history"), s("One test's results over the runs"),
        s("TEST --repo REPO [--branch B] [--limit N] [--store URL_OR_FILE] [--json]"),
        { argument("TEST", "The test: \"Class::name\".") },
        { RepoOption, valued("branch", "B", "Only this branch's runs."),
            valued("limit", "N", "At most N runs, newest first (default 100)."), Store, Json } };
    t << CommandSpec { s("tests demo"), s("Create a demo repository with test runs"),
        s("--folder DIR [--store URL_OR_FILE] [--json]"), {},
        { valued("folder", "DIR", "Where to create the demo repository.", Values::Path), Store, Json } };

    // CI: the Pipelines page.
    t << CommandSpec { s("pipelines"),
        s("CI runs from GitHub, GitLab, Jenkins or cctray; `run`: the local pipeline"),
        s("REPO [--branch B] [--commit SHA] [--limit N] [--provider P --project X --api-url URL] "
          "[--import-tests [--store S]] [--json]"),
        { argument("REPO", "The repository (its .devdash.json names the CI).", Values::Path) },
        { valued("branch", "B", "Only runs of this branch."),
            valued("commit", "SHA", "Only runs of this commit (full id)."),
            valued("limit", "N", "At most N runs (default 20; 0: all)."),
            valued("provider", "P", "The CI, overriding .devdash.json.", Values::None, CiProviders),
            valued("project", "X", "owner/repo, GitLab path or id, Jenkins job path."),
            valued("api-url", "URL", "API root, Jenkins server or feed URL."),
            flag("import-tests", "Import the finished runs' test reports into the test history."),
            valued("store", "S", "The store for --import-tests (default: the user's).", Values::Path), Json },
        runPipelinesOrLocal };
    t << CommandSpec { s("pipelines run"), s("Run the repository's local pipeline (.devdash.json), headless"),
        s("REPO [--json] [--store URL_OR_FILE]"), { Repo },
        { flag("json", "Print the run as JSON; the steps' output goes to stderr."), Store } };

    // Databases: the Database page.
    t << CommandSpec { s("schema"), s("Inspect a database schema; diff, snapshot and history of schemas"),
        s("URL [--json] [--schema S]... [--name ENV] [--timeout SECONDS] [--allow-unverified-readonly]"),
        { argument("URL", "Database URL: sqlite:///file, postgresql://…, mysql://…, odbc://…") },
        schemaOptions(), runSchema };
    t << CommandSpec { s("schema diff"), s("Compare two schemas: URLs, snapshots or JSON files"),
        s("A B [--json | --markdown] [--include-schema GLOB]... [--exclude-schema GLOB]... "
          "[--include-table GLOB]... [--exclude-table GLOB]..."),
        { argument("A", "Before: a URL, snapshot:ID or a file from `schema --json`.", Values::Path),
            argument("B", "After: the same kinds.", Values::Path) },
        schemaOptions({ flag("markdown", "Print a Markdown report."),
            valued("include-schema", "GLOB", "Compare only schemas matching (repeatable)."),
            valued("exclude-schema", "GLOB", "Skip schemas matching (repeatable)."),
            valued("include-table", "GLOB", "Compare only tables matching (repeatable)."),
            valued("exclude-table", "GLOB", "Skip tables matching (repeatable).") }) };
    t << CommandSpec { s("schema snapshot"), s("Record a database's schema in the store"),
        s("URL [--repo REPO] [--name ENV] [--store STORE] [--json]"), { argument("URL", "Database URL.") },
        schemaOptions({ valued("repo", "REPO", "Repository the database belongs to.", Values::Path) }) };
    t << CommandSpec { s("schema history"), s("The recorded schema snapshots of a database or environment"),
        s("URL|ENV [--name ENV] [--repo REPO] [--store STORE] [--json]"),
        { argument("URL|ENV", "Database URL or environment name.", Values::Environment) },
        schemaOptions({ valued("repo", "REPO",
            "Repository whose environment it is (needed when several have one of that name).",
            Values::Path) }) };
    t << CommandSpec { s("migrations"),
        s("Applied migrations of a database against the files in git; `matrix`"),
        s("URL --repo REPO [--ref REF] [--path DIR] [--framework F] [--env NAME] [--json] "
          "[--allow-unverified-readonly]"),
        { argument("URL", "The database: sqlite:///file, postgresql://…, mysql://…") },
        { Json, valued("repo", "REPO", "The repository holding the migration files.", Values::Path),
            valued("ref", "REF", "Branch, tag or commit to read the files at (default HEAD)."),
            valued("path", "DIR", "The migrations folder, relative to the repository root.", Values::Path),
            valued("framework", "F", "flyway, liquibase, alembic, … (default: from the history table).",
                Values::Framework),
            valued("env", "NAME", "Environment name, for DEVDASH_DB_PASSWORD_<NAME>.", Values::Environment),
            AllowUnverified },
        runMigrations };
    t << CommandSpec { s("migrations matrix"), s("Which migrations each configured environment has, per ref"),
        s("REPO [--ref REF]... [--against REF] [--json] [--allow-unverified-readonly]"),
        { argument("REPO", "The repository with .devdash.json.", Values::Path) },
        { Json, valued("ref", "REF", "A ref to compare (repeat; default: the default branch and HEAD)."),
            valued("against", "REF",
                "The ref the environments are compared with (default: the last --ref)."),
            AllowUnverified } };

    // Deployments: the Deployments page.
    const OptionSpec env = valued("env", "E", "Only this environment.", Values::Environment);
    t << CommandSpec { s("deploy"), s("Record deployments: one by hand, or from tags"),
        s("SUBCOMMAND REPO …"), {}, {}, runDeploy, false, true };
    t << CommandSpec { s("deploy record"), s("Record one deployment"),
        s("REPO --env NAME --commit SHA --status success|failure [--at TIME] [--url URL] [--by NAME] "
          "[--version V] [--store URL_OR_FILE] [--json]"),
        { Repo },
        { valued("env", "NAME", "Environment.", Values::Environment),
            valued("commit", "SHA", "The deployed revision."),
            valued("status", "STATUS", "How it went.", Values::None,
                { QStringLiteral("success"), QStringLiteral("failure") }),
            valued("at", "TIME", "When (ISO 8601; default now)."),
            valued("url", "URL", "A link to the deployment."), valued("by", "NAME", "Who or what deployed."),
            valued("version", "V", "Version or release name."), Store, Json } };
    t << CommandSpec { s("deploy import-tags"), s("Record deployments from the environments' tag patterns"),
        s("REPO [--store URL_OR_FILE] [--json]"), { Repo }, { Store, Json } };
    t << CommandSpec { s("deployments"),
        s("List a repository's deployments, optionally fetched from CI first"),
        s("REPO [--env E] [--fetch [--provider P --project X --api-url URL]] [--store URL_OR_FILE] [--json]"),
        { Repo },
        { env, flag("fetch", "Fetch the CI providers' deployments first."),
            valued("provider", "P", "With --fetch: the CI.", Values::None, CiProviders.mid(0, 3)),
            valued("project", "X", "With --fetch: owner/repo, GitLab path or id."),
            valued("api-url", "URL", "With --fetch: API root or Jenkins server URL."), Store, Json },
        runDeployments };
    t << CommandSpec { s("dora"), s("DORA metrics of an environment over a period or sprint"),
        s("REPO --env E (--from DATE --to DATE | --sprint N) [--store URL_OR_FILE] [--json]"), { Repo },
        { valued("env", "E", "Environment.", Values::Environment),
            valued("from", "DATE", "First day (or instant) of the period."),
            valued("to", "DATE", "Last day (included), or the instant the period ends."),
            valued("sprint", "N", "Sprint number (.devdash.json sprints)."), Store, Json },
        runDora };
    t << CommandSpec { s("sprints"), s("Every sprint with what each environment shipped in it"),
        s("REPO [--env E] [--store URL_OR_FILE] [--json]"), { Repo }, { env, Store, Json }, runSprints };
    t << CommandSpec { s("release-diff"), s("What runs in one environment and not yet in another"),
        s("REPO --env E --base B [--store URL_OR_FILE] [--json]"), { Repo },
        { valued("env", "E", "The environment ahead (staging).", Values::Environment),
            valued("base", "B", "The environment behind (production).", Values::Environment), Store, Json },
        runReleaseDiff };

    // The user's trust in a repository's .devdash.json (models/config).
    t << CommandSpec { s("trust"),
        s("Trust a repository's .devdash.json (its hosts, databases, commands), or list decisions"),
        s("(REPO [--revoke] | --list) [--json]"),
        { argument("[REPO]", "The repository whose .devdash.json to trust.", Values::Path) },
        { flag("revoke", "Take the trust back: the file is untrusted again."),
            flag("list", "List the decisions kept."), Json },
        runTrust };

    // The window, rendered to a file.
    t << CommandSpec { s("screenshot"), s("Render a page of the window to a PNG file, offscreen"),
        s("--page NAME --out FILE.png [--size WxH] [--theme light|dark] (REPO | --demo)"),
        { argument("[REPO]", "Repository path (or --demo).", Values::Path) },
        { valued("page", "NAME", "The page, or a page's view after a slash (database/er).", Values::None,
              screenshotPages()),
            valued("out", "FILE", "Output PNG file.", Values::Path),
            valued("size", "WxH", "Window size (default 1280x800)."), flag("demo", "Use the demo workspace."),
            valued("theme", "THEME", "The theme (default light).", Values::None,
                { QStringLiteral("light"), QStringLiteral("dark") }) },
        nullptr, true };

    t << CommandSpec { s("help"), s("Show a command's usage and options, or the manual page"),
        s("[COMMAND [SUBCOMMAND]] [--man]"), { argument("[COMMAND]", "The command to describe.") },
        { flag("man", "Print the devdash(1) manual page (roff).") } };
    // The shell completion scripts' helper: prints the candidates for the last word.
    t << CommandSpec { s("__complete"), s("Completion candidates for the shells"), s("WORD..."), {}, {},
        nullptr, false, false, true };
    return t;
}

} // namespace

QStringList screenshotPages()
{
    // MainWindow::pageNames() in sidebar order, and the Database page's views; a test
    // compares this with what `devdash screenshot` accepts.
    return { QStringLiteral("overview"), QStringLiteral("branches"), QStringLiteral("history"),
        QStringLiteral("compare"), QStringLiteral("tests"), QStringLiteral("pipelines"),
        QStringLiteral("database"), QStringLiteral("database/object"), QStringLiteral("database/er"),
        QStringLiteral("database/diff"), QStringLiteral("database/history"),
        QStringLiteral("database/migrations"), QStringLiteral("deployments") };
}

const QList<CommandSpec> &commands()
{
    static const QList<CommandSpec> all = table();
    return all;
}

} // namespace devdash::cli

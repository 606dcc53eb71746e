#include "DeployCommands.h"
#include "CliHelp.h"
#include "CliOutput.h"
#include "CommandSpec.h"

#include "CiDeploymentsFetch.h"
#include "DeployJson.h"
#include "common/JsonWriter.h"
#include "deploy/DeploymentLoader.h"
#include "deploy/DeploymentRecord.h"
#include "deploy/DeploymentStore.h"
#include "deploy/ReleaseDiff.h"
#include "deploy/SprintSummaries.h"
#include "deploy/TagDeployments.h"
#include "git/Repository.h"
#include "store/Database.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

namespace devdash::cli {

using namespace devdash::deploy;

namespace {

// One command's parser, with the options the command table gives it.
struct Command
{
    QCommandLineParser parser;
    const CommandSpec &spec;
    QString usage;
    QString name; // "deploy record", "dora"…

    explicit Command(const QString &commandName)
        : spec(command(commandName))
        , usage(usageLine(spec))
        , name(commandName)
    {
        configure(parser, spec);
    }
    // `skip`: how many words name the command (1 for "dora", 2 for "deploy record").
    bool parse(const QStringList &arguments, int skip, int *exitCode)
    {
        const QStringList args
            = QStringList { arguments.at(0) + QLatin1Char(' ') + name } + arguments.mid(1 + skip);
        if (!parser.parse(args)) {
            *exitCode = fail(parser.errorText() + QStringLiteral(" — usage: ") + usage, 2);
            return false;
        }
        if (parser.isSet(QStringLiteral("help"))) {
            out(commandHelp(spec));
            *exitCode = 0;
            return false;
        }
        if (parser.positionalArguments().size() != 1) {
            *exitCode = fail(QStringLiteral("expected one repository — usage: %1").arg(usage), 2);
            return false;
        }
        return true;
    }
    bool json() const { return parser.isSet(QStringLiteral("json")); }
    QString value(const QString &n) const { return parser.value(n); }
    bool isSet(const QString &n) const { return parser.isSet(n); }
    QString repo() const { return parser.positionalArguments().at(0); }
    Result<store::Database> openStore() const
    {
        auto location = store::StoreLocation::parse(parser.value(QStringLiteral("store")));
        if (!location)
            return location.error();
        return store::Database::open(*location);
    }
};

QString hours(const std::optional<double> &h)
{
    if (!h)
        return QStringLiteral("— (no sample)");
    if (*h < 48)
        return QString::number(*h, 'f', 1) + QStringLiteral(" h");
    return QString::number(*h / 24, 'f', 1) + QStringLiteral(" d");
}

QString levelText(const std::optional<PerformanceLevel> &l)
{
    return l ? QStringLiteral("[%1]").arg(levelName(*l)) : QString();
}

int record(const QStringList &arguments)
{
    Command c(QStringLiteral("deploy record"));
    int code = 0;
    if (!c.parse(arguments, 2, &code))
        return code;
    for (const char *required : { "env", "commit", "status" })
        if (!c.isSet(QLatin1String(required)))
            return fail(
                QStringLiteral("--%1 is required — usage: %2").arg(QLatin1String(required), c.usage), 2);
    auto repo = git::Repository::open(c.repo());
    if (!repo)
        return fail(repo.errorMessage());
    RecordRequest request { c.value(QStringLiteral("env")), c.value(QStringLiteral("commit")),
        c.value(QStringLiteral("status")), c.value(QStringLiteral("at")), c.value(QStringLiteral("url")),
        c.value(QStringLiteral("by")), c.value(QStringLiteral("version")) };
    auto deployment = DeploymentRecord::make(*repo, request);
    if (!deployment)
        return fail(deployment.errorMessage(), 2);
    auto db = c.openStore();
    if (!db)
        return fail(db.errorMessage());
    DeploymentStore store(*db);
    auto added = store.add(DeploymentStore::repositoryKey(*repo), { *deployment });
    if (!added)
        return fail(added.errorMessage());
    deployment->id = added->ids.value(0);
    if (c.json()) {
        QJsonObject o = DeployJson::deployment({ *deployment, false, true });
        o.insert(QStringLiteral("created"), added->added == 1);
        o.remove(QStringLiteral("rollback"));
        o.remove(QStringLiteral("commit_known"));
        json::print(o);
    } else {
        out(QStringLiteral("%1 deployment #%2: %3 %4 to %5 at %6\n")
                .arg(added->added ? QStringLiteral("Recorded") : QStringLiteral("Already recorded"))
                .arg(deployment->id)
                .arg(statusName(deployment->status), deployment->commit.left(10), deployment->environment,
                    DeployJson::time(deployment->at)));
    }
    return 0;
}

int importTags(const QStringList &arguments)
{
    Command c(QStringLiteral("deploy import-tags"));
    int code = 0;
    if (!c.parse(arguments, 2, &code))
        return code;
    auto repo = git::Repository::open(c.repo());
    if (!repo)
        return fail(repo.errorMessage());
    auto config = DeployConfig::load(repo->isBare() ? repo->gitDir() : repo->workDir());
    if (!config)
        return fail(config.errorMessage());
    auto tags = TagDeployments::read(*repo, config->environments);
    if (!tags)
        return fail(tags.errorMessage());
    auto db = c.openStore();
    if (!db)
        return fail(db.errorMessage());
    DeploymentStore store(*db);
    auto added = tags->isEmpty() ? Result<DeploymentStore::AddResult>(DeploymentStore::AddResult {})
                                 : store.add(DeploymentStore::repositoryKey(*repo), *tags);
    if (!added)
        return fail(added.errorMessage());
    if (c.json()) {
        json::print(QJsonObject { { QStringLiteral("tags"), int(tags->size()) },
            { QStringLiteral("added"), added->added }, { QStringLiteral("updated"), added->updated },
            { QStringLiteral("unchanged"), added->unchanged } });
    } else {
        out(QStringLiteral("%1 tag deployment(s): %2 new, %3 updated, %4 unchanged\n")
                .arg(tags->size())
                .arg(added->added)
                .arg(added->updated)
                .arg(added->unchanged));
    }
    return 0;
}

Result<LoadedDeployments> loadAll(const Command &c, std::optional<store::Database> &db)
{
    auto opened = c.openStore();
    if (!opened)
        return opened.error();
    db.emplace(std::move(opened.value()));
    return DeploymentLoader::load(*db, c.repo());
}

// [from, to) from --from/--to (a date is a whole day: --to includes it) or --sprint N.
Result<QPair<QDateTime, QDateTime>> period(const Command &c, const DeployConfig &config)
{
    const bool bySprint = c.isSet(QStringLiteral("sprint"));
    const bool byDates = c.isSet(QStringLiteral("from")) || c.isSet(QStringLiteral("to"));
    if (bySprint == byDates)
        return Error {
            QStringLiteral("give either --from DATE --to DATE or --sprint N — usage: %1").arg(c.usage), 2
        };
    if (bySprint) {
        bool ok = false;
        const int n = c.value(QStringLiteral("sprint")).toInt(&ok);
        if (!ok || n < 1)
            return Error { QStringLiteral("--sprint needs a sprint number ≥ 1, not '%1'")
                               .arg(c.value(QStringLiteral("sprint"))),
                2 };
        if (config.sprints.isEmpty())
            return Error { QStringLiteral(
                               "No sprints are configured: add {\"sprints\": {\"start\": \"2026-01-05\", "
                               "\"length_days\": 14}} to .devdash.json, or give --from and --to."),
                2 };
        const auto sprint = config.sprints.sprint(n);
        if (!sprint)
            return Error { QStringLiteral("There is no sprint %1 in .devdash.json.").arg(n), 2 };
        return qMakePair(sprint->from(), sprint->to());
    }
    if (!c.isSet(QStringLiteral("from")) || !c.isSet(QStringLiteral("to")))
        return Error { QStringLiteral("--from and --to go together — usage: %1").arg(c.usage), 2 };
    auto from = DeploymentRecord::parseTime(c.value(QStringLiteral("from")));
    auto to = DeploymentRecord::parseTime(c.value(QStringLiteral("to")));
    if (!from || !to)
        return Error { (!from ? from : to).errorMessage(), 2 };
    QDateTime end = *to;
    if (QDate::fromString(c.value(QStringLiteral("to")).trimmed(), Qt::ISODate).isValid())
        end = end.addDays(1); // a date: through the end of that day
    if (end <= *from)
        return Error { QStringLiteral("--to must come after --from"), 2 };
    return qMakePair(*from, end);
}

} // namespace

int runDeploy(const QStringList &arguments)
{
    const QString sub = arguments.value(2);
    if (sub == QLatin1String("record"))
        return record(arguments);
    if (sub == QLatin1String("import-tags"))
        return importTags(arguments);
    return unknownCommand(sub, QStringLiteral("deploy"));
}

int runDeployments(const QStringList &arguments)
{
    Command c(QStringLiteral("deployments"));
    int code = 0;
    if (!c.parse(arguments, 1, &code))
        return code;
    bool partial = false;
    if (c.isSet(QStringLiteral("fetch"))) {
        const int fetched = fetchCiDeployments({ c.repo(), c.value(QStringLiteral("store")),
            c.value(QStringLiteral("provider")), c.value(QStringLiteral("project")),
            c.value(QStringLiteral("api-url")), c.value(QStringLiteral("env")) });
        if (fetched != 0 && fetched != CiDeploymentsPartial)
            return fetched;
        partial = fetched == CiDeploymentsPartial; // the listing still follows
    }
    std::optional<store::Database> db;
    auto loaded = loadAll(c, db);
    if (!loaded)
        return fail(loaded.errorMessage());
    const QString env = c.value(QStringLiteral("env"));
    if (!env.isEmpty() && !loaded->environments.contains(env))
        return fail(
            QStringLiteral("No environment '%1' in %2 (known: %3).")
                .arg(env, c.repo(),
                    loaded->environments.isEmpty() ? QStringLiteral("none yet")
                                                   : loaded->environments.join(QStringLiteral(", "))));
    const QList<DeploymentRow> rows = loaded->history.rows(env);
    if (c.json()) {
        QJsonArray array;
        for (const DeploymentRow &row : rows)
            array.append(DeployJson::deployment(row));
        json::print(array);
        return partial ? CiDeploymentsPartial : 0;
    }
    QString text;
    for (const DeploymentRow &row : rows) {
        const Deployment &d = row.deployment;
        text += QStringLiteral("#%1  %2  %3  %4  %5  %6%7%8\n")
                    .arg(d.id)
                    .arg(DeployJson::time(d.at), d.environment.leftJustified(12),
                        statusName(d.status).leftJustified(8), d.commit.left(10),
                        d.version.isEmpty() ? d.source : d.version)
                    .arg(row.rollback ? QStringLiteral("  ROLLBACK") : QString())
                    .arg(d.by.isEmpty() ? QString() : QStringLiteral("  by ") + d.by);
    }
    out(text.isEmpty() ? QStringLiteral("No deployments.\n") : text);
    return partial ? CiDeploymentsPartial : 0;
}

int runDora(const QStringList &arguments)
{
    Command c(QStringLiteral("dora"));
    int code = 0;
    if (!c.parse(arguments, 1, &code))
        return code;
    if (!c.isSet(QStringLiteral("env")))
        return fail(QStringLiteral("--env is required — usage: %1").arg(c.usage), 2);
    std::optional<store::Database> db;
    auto loaded = loadAll(c, db);
    if (!loaded)
        return fail(loaded.errorMessage());
    const QString env = c.value(QStringLiteral("env"));
    if (!loaded->environments.contains(env))
        return fail(
            QStringLiteral("No environment '%1' in %2 (known: %3).")
                .arg(env, c.repo(),
                    loaded->environments.isEmpty() ? QStringLiteral("none yet")
                                                   : loaded->environments.join(QStringLiteral(", "))));
    auto range = period(c, loaded->config);
    if (!range)
        return fail(range.errorMessage(), range.error().code == 2 ? 2 : 1);
    auto report = loaded->history.dora(env, range->first, range->second);
    if (!report)
        return fail(report.errorMessage());
    if (c.json()) {
        json::print(DeployJson::dora(*report));
        return 0;
    }
    const DoraReport &r = *report;
    out(QStringLiteral("DORA metrics of %1, %2 to %3\n")
            .arg(env, DeployJson::time(r.from), DeployJson::time(r.to))
        + QStringLiteral("  deployment frequency   %1 deployment days/week (%2 deployments)  [%3]\n")
              .arg(r.frequency.deploymentDaysPerWeek)
              .arg(r.frequency.deployments)
              .arg(levelName(r.frequency.level))
        + QStringLiteral("  lead time for changes  %1 (%2 changes)  %3\n")
              .arg(hours(r.leadTime.medianHours))
              .arg(r.leadTime.changes)
              .arg(levelText(r.leadTime.level))
        + QStringLiteral("  change failure rate    %1 (%2 of %3)  %4\n")
              .arg(r.failureRate.rate ? QString::number(*r.failureRate.rate * 100, 'f', 1) + QLatin1Char('%')
                                      : QStringLiteral("— (no sample)"))
              .arg(r.failureRate.failed)
              .arg(r.failureRate.deployments)
              .arg(levelText(r.failureRate.level))
        + QStringLiteral("  time to restore        %1 (%2 incidents)  %3\n")
              .arg(hours(r.timeToRestore.medianHours))
              .arg(r.timeToRestore.incidents)
              .arg(levelText(r.timeToRestore.level)));
    return 0;
}

int runSprints(const QStringList &arguments)
{
    Command c(QStringLiteral("sprints"));
    int code = 0;
    if (!c.parse(arguments, 1, &code))
        return code;
    std::optional<store::Database> db;
    auto loaded = loadAll(c, db);
    if (!loaded)
        return fail(loaded.errorMessage());
    if (loaded->config.sprints.isEmpty())
        return fail(
            QStringLiteral("No sprints are configured in %1/.devdash.json: add {\"sprints\": {\"start\": "
                           "\"2026-01-05\", \"length_days\": 14}}.")
                .arg(c.repo()),
            2);
    const QString env = c.value(QStringLiteral("env"));
    const QStringList envs = env.isEmpty() ? loaded->environments : QStringList { env };
    auto sprints = SprintSummaries::compute(loaded->history, loaded->config, envs, QDate());
    if (!sprints)
        return fail(sprints.errorMessage());
    if (c.json()) {
        QJsonArray array;
        for (const SprintSummary &s : *sprints) {
            QJsonArray environments;
            for (const EnvironmentSprint &e : s.environments) {
                QJsonArray commits;
                for (const ShippedCommit &sc : e.shipped)
                    commits.append(sc.commit);
                QJsonArray keys;
                for (const QString &key : e.issueKeys)
                    keys.append(QJsonObject { { QStringLiteral("key"), key },
                        { QStringLiteral("url"), json::nullable(loaded->config.issueUrl(key)) } });
                environments.append(QJsonObject {
                    { QStringLiteral("environment"), e.environment },
                    { QStringLiteral("deployments"), e.deployments },
                    { QStringLiteral("successful"), e.successful },
                    { QStringLiteral("failed"), e.failed },
                    { QStringLiteral("rollbacks"), e.rollbacks },
                    { QStringLiteral("commits_shipped"), commits },
                    { QStringLiteral("issue_keys"), keys },
                });
            }
            array.append(QJsonObject {
                { QStringLiteral("sprint"), s.sprint.number },
                { QStringLiteral("name"), s.sprint.name },
                { QStringLiteral("from"), DeployJson::time(s.sprint.from()) },
                { QStringLiteral("to"), DeployJson::time(s.sprint.to()) },
                { QStringLiteral("environments"), environments },
            });
        }
        json::print(array);
        return 0;
    }
    QString text;
    for (const SprintSummary &s : *sprints) {
        text += QStringLiteral("%1 (%2 – %3)\n")
                    .arg(s.sprint.name, s.sprint.first.toString(Qt::ISODate),
                        s.sprint.last.toString(Qt::ISODate));
        for (const EnvironmentSprint &e : s.environments)
            text += QStringLiteral("  %1 %2 deployments, %3 failed, %4 rollbacks, %5 commits shipped%6\n")
                        .arg(e.environment.leftJustified(12))
                        .arg(e.deployments)
                        .arg(e.failed)
                        .arg(e.rollbacks)
                        .arg(e.shipped.size())
                        .arg(e.issueKeys.isEmpty()
                                ? QString()
                                : QStringLiteral("; ") + e.issueKeys.join(QStringLiteral(", ")));
    }
    out(text.isEmpty() ? QStringLiteral("No deployments yet.\n") : text);
    return 0;
}

int runReleaseDiff(const QStringList &arguments)
{
    Command c(QStringLiteral("release-diff"));
    int code = 0;
    if (!c.parse(arguments, 1, &code))
        return code;
    if (!c.isSet(QStringLiteral("env")) || !c.isSet(QStringLiteral("base")))
        return fail(QStringLiteral("--env and --base are required — usage: %1").arg(c.usage), 2);
    std::optional<store::Database> db;
    auto loaded = loadAll(c, db);
    if (!loaded)
        return fail(loaded.errorMessage());
    const auto head = loaded->history.current(c.value(QStringLiteral("env")));
    if (!head)
        return fail(QStringLiteral("Nothing was deployed successfully to '%1' in %2 (known: %3).")
                        .arg(c.value(QStringLiteral("env")), c.repo(),
                            loaded->environments.join(QStringLiteral(", "))));
    const auto base = loaded->history.current(c.value(QStringLiteral("base")));
    auto diff = ReleaseDiff::compute(
        loaded->history.repository(), loaded->config, base ? base->commit : QString(), head->commit);
    if (!diff)
        return fail(diff.errorMessage());
    if (c.json()) {
        QJsonArray commits;
        for (const ReleaseCommit &rc : diff->commits)
            commits.append(QJsonObject {
                { QStringLiteral("commit"), rc.commit },
                { QStringLiteral("summary"), rc.summary },
                { QStringLiteral("author"), rc.author },
                { QStringLiteral("authored_at"), json::isoDateTime(rc.authoredAt) },
                { QStringLiteral("issue_keys"), QJsonArray::fromStringList(rc.issueKeys) },
                { QStringLiteral("merged_branch"),
                    json::nullable(rc.mergedBranch.isEmpty() ? QString() : rc.mergedBranch) },
            });
        QJsonArray keys;
        for (const QString &key : diff->issueKeys)
            keys.append(QJsonObject { { QStringLiteral("key"), key },
                { QStringLiteral("url"), json::nullable(loaded->config.issueUrl(key)) } });
        json::print(QJsonObject {
            { QStringLiteral("environment"), c.value(QStringLiteral("env")) },
            { QStringLiteral("base_environment"), c.value(QStringLiteral("base")) },
            { QStringLiteral("head"), diff->head },
            { QStringLiteral("base"), json::nullable(diff->base.isEmpty() ? QString() : diff->base) },
            { QStringLiteral("diverged"), diff->diverged },
            { QStringLiteral("commits"), commits },
            { QStringLiteral("merged_branches"), QJsonArray::fromStringList(diff->mergedBranches) },
            { QStringLiteral("issue_keys"), keys },
            { QStringLiteral("migrations"), QJsonArray::fromStringList(diff->migrations) },
        });
        return 0;
    }
    QString text
        = QStringLiteral("%1 commit(s) in %2 (%3) not yet in %4 (%5)%6\n")
              .arg(diff->commits.size())
              .arg(c.value(QStringLiteral("env")), diff->head.left(10), c.value(QStringLiteral("base")),
                  diff->base.isEmpty() ? QStringLiteral("nothing deployed") : diff->base.left(10),
                  diff->diverged ? QStringLiteral(" — diverged") : QString());
    for (const ReleaseCommit &rc : diff->commits)
        text += QStringLiteral("  %1 %2\n").arg(rc.commit.left(10), rc.summary);
    if (!diff->mergedBranches.isEmpty())
        text += QStringLiteral("merged branches: %1\n").arg(diff->mergedBranches.join(QStringLiteral(", ")));
    if (!diff->issueKeys.isEmpty())
        text += QStringLiteral("issues: %1\n").arg(diff->issueKeys.join(QStringLiteral(", ")));
    if (!diff->migrations.isEmpty())
        text += QStringLiteral("migrations: %1\n").arg(diff->migrations.join(QStringLiteral(", ")));
    out(text);
    return 0;
}

} // namespace devdash::cli

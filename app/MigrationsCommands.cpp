#include "MigrationsCommands.h"
#include "CliHelp.h"
#include "CliOutput.h"
#include "CommandSpec.h"

#include "config/ConfigError.h"
#include "config/ProjectConfig.h"

#include "common/JsonWriter.h"
#include "git/Repository.h"
#include "schema/DatabaseUrl.h"
#include "schema/ReadOnlyConnection.h"
#include "schema/migrations/MigrationDatabaseConfig.h"
#include "schema/migrations/MigrationHistoryReader.h"
#include "schema/migrations/MigrationInspector.h"
#include "schema/migrations/MigrationMatrix.h"
#include "schema/migrations/MigrationStatus.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

namespace devdash::cli {

using namespace devdash::migrations;

namespace {

QJsonValue text(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QJsonObject entryJson(const MigrationEntry &e)
{
    const auto &a = e.applied;
    return QJsonObject {
        { QStringLiteral("key"), e.key },
        { QStringLiteral("version"), text(e.version) },
        { QStringLiteral("description"), e.description },
        { QStringLiteral("script"), text(e.script) },
        { QStringLiteral("kind"), migrationKindName(e.kind) },
        { QStringLiteral("state"), migrationStateName(e.state) },
        { QStringLiteral("applied_at"),
            a && a->appliedAt ? QJsonValue(json::isoDateTime(*a->appliedAt)) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("applied_by"), a ? text(a->appliedBy) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("duration_ms"), a ? json::nullable(a->durationMs) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("success"), a ? QJsonValue(a->success) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("installed_rank"),
            a ? json::nullable(a->installedRank) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("checksum"), a ? text(a->checksum) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("file_checksum"), e.file ? text(e.file->checksum) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("path"), e.file ? QJsonValue(e.file->path) : QJsonValue(QJsonValue::Null) },
    };
}

QString entriesText(const QList<MigrationEntry> &entries)
{
    QString t;
    t += QStringLiteral("%1 %2 %3 %4\n")
             .arg(QStringLiteral("VERSION").leftJustified(22), QStringLiteral("STATE").leftJustified(18),
                 QStringLiteral("APPLIED AT").leftJustified(21), QStringLiteral("DESCRIPTION"));
    for (const MigrationEntry &e : entries) {
        const QString at = e.applied && e.applied->appliedAt
            ? e.applied->appliedAt->toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
            : QString();
        t += QStringLiteral("%1 %2 %3 %4\n")
                 .arg((e.version.isEmpty() ? e.key : e.version).leftJustified(22),
                     migrationStateName(e.state)
                         .replace(QLatin1Char('_'), QLatin1Char(' '))
                         .leftJustified(18),
                     at.leftJustified(21), e.description);
    }
    return t;
}

// Opens `url` read-only on this thread and inspects it. `origin`: typed on the command
// line, or named by the repository's .devdash.json (then an ODBC DSN only).
Result<MigrationReport> inspectUrl(const QString &url, schema::DatabaseUrl::Origin origin,
    const QString &environment, const MigrationInspector::Request &request, bool allowUnverified,
    QString *displayUrl)
{
    const auto parsed = schema::DatabaseUrl::parse(url, origin);
    if (!parsed)
        return parsed.error();
    *displayUrl = parsed->displayUrl();
    schema::ConnectionOptions options;
    options.environmentName = environment;
    options.allowUnverifiedReadOnly = allowUnverified;
    auto connection = schema::ReadOnlyConnection::open(*parsed, options);
    if (!connection)
        return connection.error();
    return MigrationInspector::inspect((*connection)->database(), request);
}

int single(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QString Usage = usageLine(QStringLiteral("migrations"));
    configure(parser, command(QStringLiteral("migrations")));
    if (!parser.parse(QStringList { arguments.at(0) + QStringLiteral(" migrations") } + arguments.mid(2)))
        return fail(parser.errorText() + QStringLiteral(" — usage: ") + Usage, 2);
    if (parser.isSet(QStringLiteral("help"))) {
        out(commandHelp(command(QStringLiteral("migrations"))));
        return 0;
    }
    if (parser.positionalArguments().size() != 1)
        return fail(QStringLiteral("expected one database URL — usage: ") + Usage, 2);
    MigrationInspector::Request request;
    request.repoPath = parser.value(QStringLiteral("repo"));
    request.ref = parser.value(QStringLiteral("ref"));
    request.folder = parser.value(QStringLiteral("path"));
    const QString env = parser.value(QStringLiteral("env"));
    if (parser.isSet(QStringLiteral("framework"))) {
        request.framework = frameworkFromName(parser.value(QStringLiteral("framework")));
        if (request.framework == Framework::Unknown)
            return fail(
                QStringLiteral("unknown framework '%1'").arg(parser.value(QStringLiteral("framework"))), 2);
    }
    if (request.repoPath.isEmpty())
        return fail(QStringLiteral("--repo is required — usage: ") + Usage, 2);
    // The folder and framework from .devdash.json when the URL is one of its databases.
    if (request.folder.isEmpty() || request.framework == Framework::Unknown) {
        if (const auto repo = git::Repository::open(request.repoPath); repo && !repo->workDir().isEmpty()) {
            // The URL is the user's: its folder and framework may come from any file, trusted or not
            // (nothing the file names is connected), but a folder outside the repository only when trusted.
            const auto project = config::ProjectConfig::load(repo->workDir());
            if (const auto config = project ? MigrationDatabaseConfig::fromProjectConfig(*project)
                                            : Result<QList<ConfiguredDatabase>>(project.error())) {
                for (const ConfiguredDatabase &db : *config) {
                    if (!project->isTrusted() && !config::ProjectConfig::staysInside(db.path))
                        continue;
                    if (db.url != parser.positionalArguments().at(0) && (env.isEmpty() || db.name != env))
                        continue;
                    if (request.folder.isEmpty())
                        request.folder = db.path;
                    if (request.framework == Framework::Unknown)
                        request.framework = db.framework;
                    break;
                }
            }
        }
    }
    QString displayUrl;
    const auto report = inspectUrl(parser.positionalArguments().at(0), schema::DatabaseUrl::Origin::UserTyped,
        env, request, parser.isSet(QStringLiteral("allow-unverified-readonly")), &displayUrl);
    if (!report)
        return fail(report.errorMessage());
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray migrations;
        for (const MigrationEntry &e : report->entries)
            migrations.append(entryJson(e));
        const auto counts = MigrationStatus::count(report->entries);
        json::print(QJsonObject {
            { QStringLiteral("framework"), frameworkName(report->history.framework) },
            { QStringLiteral("table"), report->history.table },
            { QStringLiteral("database"), displayUrl },
            { QStringLiteral("ref"), report->files.ref },
            { QStringLiteral("commit"), report->files.commit },
            { QStringLiteral("directory"), report->files.directory },
            { QStringLiteral("notes"), QJsonArray::fromStringList(report->files.notes) },
            { QStringLiteral("counts"),
                QJsonObject { { QStringLiteral("applied"), counts.applied },
                    { QStringLiteral("pending"), counts.pending },
                    { QStringLiteral("problems"), counts.problems } } },
            { QStringLiteral("migrations"), migrations },
        });
        return 0;
    }
    const auto counts = MigrationStatus::count(report->entries);
    QString t = QStringLiteral("%1 (%2) in %3; files at %4 (%5) in %6\n")
                    .arg(frameworkName(report->history.framework), report->history.table, displayUrl,
                        report->files.ref, report->files.commit.left(12),
                        report->files.directory.isEmpty() ? QStringLiteral("-") : report->files.directory);
    for (const QString &note : report->files.notes)
        t += QStringLiteral("note: ") + note + QLatin1Char('\n');
    t += entriesText(report->entries);
    t += QStringLiteral("%1 applied, %2 pending, %3 need attention\n")
             .arg(counts.applied)
             .arg(counts.pending)
             .arg(counts.problems);
    out(t);
    return 0;
}

int matrix(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QString Usage = usageLine(QStringLiteral("migrations matrix"));
    configure(parser, command(QStringLiteral("migrations matrix")));
    if (!parser.parse(
            QStringList { arguments.at(0) + QStringLiteral(" migrations matrix") } + arguments.mid(3)))
        return fail(parser.errorText() + QStringLiteral(" — usage: ") + Usage, 2);
    if (parser.isSet(QStringLiteral("help"))) {
        out(commandHelp(command(QStringLiteral("migrations matrix"))));
        return 0;
    }
    if (parser.positionalArguments().size() != 1)
        return fail(QStringLiteral("expected one repository — usage: ") + Usage, 2);
    const QString repoPath = parser.positionalArguments().at(0);
    const auto repo = git::Repository::open(repoPath);
    if (!repo)
        return fail(repo.errorMessage());
    const auto config = MigrationDatabaseConfig::load(repo->workDir());
    if (!config) // an untrusted file's databases are not connected: say so, exit 2
        return fail(config.errorMessage(), config::ConfigError::isNotTrusted(config.error()) ? 2 : 1);
    if (config->isEmpty())
        return fail(
            QStringLiteral("%1 has no databases in .devdash.json — add {\"databases\": [{\"name\", \"url\", "
                           "\"migrations\": {\"framework\", \"path\"}}]}")
                .arg(repoPath));
    QStringList refs = parser.values(QStringLiteral("ref"));
    if (refs.isEmpty()) {
        const QString base = repo->defaultBranch().shortName;
        const QString current = repo->currentBranch();
        if (!base.isEmpty())
            refs.append(base);
        if (!current.isEmpty() && !refs.contains(current))
            refs.append(current);
        if (refs.isEmpty())
            refs.append(QStringLiteral("HEAD"));
    }
    const QString against
        = parser.isSet(QStringLiteral("against")) ? parser.value(QStringLiteral("against")) : refs.last();

    // Framework and folder: the first database that names them (one repository, one framework).
    Framework framework = Framework::Unknown;
    QString folder;
    for (const ConfiguredDatabase &db : *config) {
        if (framework == Framework::Unknown)
            framework = db.framework;
        if (folder.isEmpty())
            folder = db.path;
    }
    QList<EnvironmentMigrations> environments;
    QJsonArray environmentsJson;
    for (const ConfiguredDatabase &db : *config) {
        MigrationInspector::Request request;
        request.repoPath = repoPath;
        request.ref = against;
        request.folder = db.path.isEmpty() ? folder : db.path;
        request.framework = db.framework != Framework::Unknown ? db.framework : framework;
        QString displayUrl = db.url;
        const auto report = inspectUrl(db.url, schema::DatabaseUrl::Origin::Repository, db.name, request,
            parser.isSet(QStringLiteral("allow-unverified-readonly")), &displayUrl);
        EnvironmentMigrations env { db.name, {}, {} };
        if (report) {
            env.entries = report->entries;
            if (framework == Framework::Unknown)
                framework = report->history.framework;
        } else {
            env.error = report.errorMessage();
        }
        environments.append(env);
        environmentsJson.append(
            QJsonObject { { QStringLiteral("name"), db.name }, { QStringLiteral("database"), displayUrl },
                { QStringLiteral("framework"),
                    report ? QJsonValue(frameworkName(report->history.framework))
                           : QJsonValue(QJsonValue::Null) },
                { QStringLiteral("error"), text(env.error) } });
    }
    if (framework == Framework::Unknown)
        return fail(
            QStringLiteral("no database could be read and .devdash.json names no migrations.framework"));
    QList<RefMigrations> refFiles;
    QJsonArray refsJson;
    for (const QString &ref : refs) {
        MigrationInspector::Request request;
        request.repoPath = repoPath;
        request.ref = ref;
        request.folder = folder;
        request.framework = framework;
        const auto files = MigrationInspector::files(request);
        if (!files)
            return fail(files.errorMessage());
        refFiles.append({ ref, *files });
        refsJson.append(QJsonObject { { QStringLiteral("name"), ref },
            { QStringLiteral("commit"), files->commit }, { QStringLiteral("directory"), files->directory },
            { QStringLiteral("migrations"), int(files->files.size()) } });
    }
    const MigrationMatrix m = MigrationMatrix::build(refFiles, environments);
    QStringList summaries;
    QJsonArray summariesJson;
    for (int r = 1; r < refs.size(); ++r) {
        summaries.append(m.summary(r, 0));
        QJsonObject applied;
        const QStringList added = m.addedBy(r, 0);
        for (int e = 0; e < environments.size(); ++e)
            applied.insert(environments.at(e).name,
                environments.at(e).error.isEmpty() ? QJsonValue(m.appliedCount(added, e))
                                                   : QJsonValue(QJsonValue::Null));
        summariesJson.append(
            QJsonObject { { QStringLiteral("ref"), refs.at(r) }, { QStringLiteral("base"), refs.first() },
                { QStringLiteral("added"), QJsonArray::fromStringList(added) },
                { QStringLiteral("applied"), applied }, { QStringLiteral("text"), summaries.last() } });
    }
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray rows;
        for (const MigrationMatrix::Row &row : m.rows()) {
            QJsonObject inRefs, states;
            for (int r = 0; r < refs.size(); ++r)
                inRefs.insert(refs.at(r), row.inRef.at(r));
            for (int e = 0; e < environments.size(); ++e)
                states.insert(environments.at(e).name,
                    row.states.at(e) ? QJsonValue(migrationStateName(*row.states.at(e)))
                                     : QJsonValue(QJsonValue::Null));
            rows.append(
                QJsonObject { { QStringLiteral("key"), row.key }, { QStringLiteral("version"), row.version },
                    { QStringLiteral("description"), row.description }, { QStringLiteral("refs"), inRefs },
                    { QStringLiteral("environments"), states } });
        }
        json::print(QJsonObject { { QStringLiteral("framework"), frameworkName(framework) },
            { QStringLiteral("against"), against }, { QStringLiteral("refs"), refsJson },
            { QStringLiteral("environments"), environmentsJson }, { QStringLiteral("migrations"), rows },
            { QStringLiteral("summaries"), summariesJson } });
        return 0;
    }
    QString t = QStringLiteral("%1 ").arg(QStringLiteral("MIGRATION").leftJustified(40));
    for (const QString &r : refs)
        t += r.leftJustified(12) + QLatin1Char(' ');
    for (const EnvironmentMigrations &e : environments)
        t += e.name.leftJustified(18) + QLatin1Char(' ');
    t += QLatin1Char('\n');
    for (const MigrationMatrix::Row &row : m.rows()) {
        t += QString(row.version + QLatin1Char(' ') + row.description).left(40).leftJustified(40)
            + QLatin1Char(' ');
        for (bool in : row.inRef)
            t += QString(in ? QStringLiteral("yes") : QStringLiteral("-")).leftJustified(12)
                + QLatin1Char(' ');
        for (const auto &state : row.states)
            t += (state ? migrationStateName(*state) : QStringLiteral("?")).leftJustified(18)
                + QLatin1Char(' ');
        t += QLatin1Char('\n');
    }
    for (const EnvironmentMigrations &e : environments) {
        if (!e.error.isEmpty())
            t += QStringLiteral("%1: %2\n").arg(e.name, e.error);
    }
    for (const QString &s : summaries)
        t += s + QLatin1Char('\n');
    out(t);
    return 0;
}

} // namespace

int runMigrations(const QStringList &arguments)
{
    if (arguments.value(2) == QLatin1String("matrix"))
        return matrix(arguments);
    return single(arguments);
}

} // namespace devdash::cli

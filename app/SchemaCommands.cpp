#include "SchemaCommands.h"
#include "CliHelp.h"
#include "CliOutput.h"
#include "CommandSpec.h"

#include "common/JsonWriter.h"
#include "schema/DatabaseUrl.h"
#include "schema/ReadOnlyConnection.h"
#include "schema/SchemaDiff.h"
#include "schema/SchemaDiffReport.h"
#include "schema/SchemaInspector.h"
#include "schema/SchemaJson.h"
#include "schema/SchemaSnapshotStore.h"
#include "store/Database.h"
#include "store/StoreLocation.h"
#include "testresults/RunImport.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

namespace devdash::cli {

using namespace devdash::schema;

namespace {

// Gives `parser` the options of `name` (the command table's "schema diff"…) and parses.
bool parse(QCommandLineParser &parser, const QString &name, const QStringList &arguments, int skip,
    int positional, int *exitCode)
{
    const CommandSpec &spec = command(name);
    configure(parser, spec);
    const QString usage = usageLine(spec);
    const QStringList args
        = QStringList { arguments.mid(0, skip).join(QLatin1Char(' ')) } + arguments.mid(skip);
    if (!parser.parse(args)) {
        *exitCode = fail(parser.errorText() + QStringLiteral(" — usage: ") + usage, 2);
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out(commandHelp(spec));
        *exitCode = 0;
        return false;
    }
    if (parser.positionalArguments().size() != positional) {
        *exitCode = fail(QStringLiteral("expected %1 argument(s) — usage: %2").arg(positional).arg(usage), 2);
        return false;
    }
    return true;
}

Result<SchemaCatalog> inspectUrl(const QString &text, const QCommandLineParser &parser)
{
    // A URL on the command line is the user's own: it may be a full ODBC connection string.
    auto url = DatabaseUrl::parse(text, DatabaseUrl::Origin::UserTyped);
    if (!url)
        return url.error();
    ConnectionOptions options;
    options.environmentName = parser.value(QStringLiteral("name"));
    options.allowUnverifiedReadOnly = parser.isSet(QStringLiteral("allow-unverified-readonly"));
    if (parser.isSet(QStringLiteral("timeout")))
        options.connectTimeoutSeconds = std::max(1, parser.value(QStringLiteral("timeout")).toInt());
    auto connection = ReadOnlyConnection::open(*url, options);
    if (!connection)
        return connection.error();
    InspectOptions inspect;
    inspect.schemas = parser.values(QStringLiteral("schema"));
    return SchemaInspector::inspect(**connection, inspect);
}

Result<store::Database> openStore(const QCommandLineParser &parser)
{
    auto location = store::StoreLocation::parse(parser.value(QStringLiteral("store")));
    if (!location)
        return location.error();
    return store::Database::open(*location);
}

QString sizeText(qint64 bytes)
{
    if (bytes < 0)
        return QString();
    if (bytes < 10 * 1024)
        return QStringLiteral("%1 B").arg(bytes);
    if (bytes < 10 * 1024 * 1024)
        return QStringLiteral("%1 kB").arg(bytes / 1024);
    return QStringLiteral("%1 MB").arg(bytes / (1024 * 1024));
}

QString catalogText(const SchemaCatalog &catalog)
{
    QString text = QStringLiteral("%1 %2 (%3), %4 table(s)/view(s)\n")
                       .arg(catalog.driver, catalog.database, catalog.serverVersion)
                       .arg(catalog.tables.size());
    for (const QString &warning : catalog.warnings)
        text += QStringLiteral("warning: ") + warning + QLatin1Char('\n');
    for (const Table &table : catalog.tables) {
        QStringList facts { tableKindName(table.kind) };
        if (table.estimatedRows >= 0)
            facts << QStringLiteral("~%1 rows").arg(table.estimatedRows);
        if (table.sizeBytes >= 0)
            facts << sizeText(table.sizeBytes);
        if (!table.partitionOf.isEmpty())
            facts << QStringLiteral("partition of ") + table.partitionOf;
        text += QStringLiteral("\n%1 (%2)%3\n")
                    .arg(table.qualifiedName(), facts.join(QStringLiteral(", ")),
                        table.comment.isEmpty() ? QString() : QStringLiteral(" -- ") + table.comment);
        for (const Column &column : table.columns)
            text += QStringLiteral("  %1%2 %3\n")
                        .arg(table.primaryKey.contains(column.name) ? QStringLiteral("*")
                                                                    : QStringLiteral(" "),
                            column.name, SchemaDiff::describe(column));
        for (const ForeignKey &fk : table.foreignKeys)
            text += QStringLiteral("  fk %1 %2\n").arg(fk.name, SchemaDiff::describe(fk));
        for (const Index &index : table.indexes)
            text += QStringLiteral("  index %1 %2\n").arg(index.name, SchemaDiff::describe(index));
        for (const CheckConstraint &check : table.checks)
            text += QStringLiteral("  check %1 %2\n").arg(check.name, check.expression);
        for (const Trigger &trigger : table.triggers)
            text += QStringLiteral("  trigger %1 %2 %3\n").arg(trigger.name, trigger.timing, trigger.events);
    }
    for (const Sequence &sequence : catalog.sequences)
        text += QStringLiteral("sequence %1.%2 %3\n").arg(sequence.schema, sequence.name, sequence.type);
    for (const UserType &type : catalog.types)
        text += QStringLiteral("type %1.%2 %3 (%4)\n")
                    .arg(type.schema, type.name, type.kind, type.values.join(QStringLiteral(", ")));
    return text;
}

int inspectCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    int code = 0;
    if (!parse(parser, QStringLiteral("schema"), arguments, 2, 1, &code))
        return code;
    auto catalog = inspectUrl(parser.positionalArguments().at(0), parser);
    if (!catalog)
        return fail(catalog.errorMessage());
    if (parser.isSet(QStringLiteral("json"))) {
        // Streamed: the same text as json::print(SchemaJson::toJson()), without the tree.
        const QByteArray text = SchemaJson::toJsonText(*catalog);
        std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
        std::fflush(stdout);
    } else {
        out(catalogText(*catalog));
    }
    return 0;
}

// A side of a diff: "snapshot:ID", a JSON file written by `schema --json`, or a URL.
Result<SchemaCatalog> loadSide(const QString &side, const QCommandLineParser &parser, QString *label)
{
    if (side.startsWith(QLatin1String("snapshot:"))) {
        bool ok = false;
        const qint64 id = side.mid(9).toLongLong(&ok);
        if (!ok)
            return Error { QStringLiteral(
                "'%1' is not a snapshot: write snapshot:ID (see `devdash schema history`).")
                               .arg(side) };
        auto db = openStore(parser);
        if (!db)
            return db.error();
        *label = side;
        return SchemaSnapshotStore(*db).load(id);
    }
    if (!side.contains(QLatin1String("://"))) {
        QFile file(side);
        if (!file.open(QIODevice::ReadOnly))
            return Error { QStringLiteral(
                "Cannot read %1: %2. A side of the diff is a database URL, snapshot:ID or a "
                "file written by `devdash schema URL --json`.")
                               .arg(side, file.errorString()) };
        *label = QFileInfo(side).fileName();
        return SchemaJson::fromText(file.readAll(), side);
    }
    auto url = DatabaseUrl::parse(side, DatabaseUrl::Origin::UserTyped);
    if (!url)
        return url.error();
    *label = url->displayUrl();
    return inspectUrl(side, parser);
}

int diffCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    int code = 0;
    if (!parse(parser, QStringLiteral("schema diff"), arguments, 3, 2, &code))
        return code;
    QString beforeLabel, afterLabel;
    auto before = loadSide(parser.positionalArguments().at(0), parser, &beforeLabel);
    if (!before)
        return fail(before.errorMessage());
    auto after = loadSide(parser.positionalArguments().at(1), parser, &afterLabel);
    if (!after)
        return fail(after.errorMessage());
    DiffFilter filter;
    filter.includeSchemas = parser.values(QStringLiteral("include-schema"));
    filter.excludeSchemas = parser.values(QStringLiteral("exclude-schema"));
    filter.includeTables = parser.values(QStringLiteral("include-table"));
    filter.excludeTables = parser.values(QStringLiteral("exclude-table"));
    SchemaDifferences diff = SchemaDiff::compare(*before, *after, filter);
    diff.beforeLabel = beforeLabel;
    diff.afterLabel = afterLabel;
    if (parser.isSet(QStringLiteral("json")))
        json::print(SchemaDiffReport::toJson(diff));
    else if (parser.isSet(QStringLiteral("markdown")))
        out(SchemaDiffReport::toMarkdown(diff));
    else
        out(SchemaDiffReport::toText(diff));
    return 0;
}

QJsonObject snapshotJson(const SchemaSnapshotInfo &info)
{
    return QJsonObject {
        { QStringLiteral("id"), info.id },
        { QStringLiteral("database_key"), info.databaseKey },
        { QStringLiteral("environment"), json::nullable(info.environment) },
        { QStringLiteral("repository_id"), json::nullable(info.repositoryId) },
        { QStringLiteral("driver"), info.driver },
        { QStringLiteral("taken_at"), json::isoDateTime(info.takenAt) },
        { QStringLiteral("content_hash"), info.contentHash },
        { QStringLiteral("table_count"), info.tableCount },
    };
}

int snapshotCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    int code = 0;
    if (!parse(parser, QStringLiteral("schema snapshot"), arguments, 3, 1, &code))
        return code;
    const QString text = parser.positionalArguments().at(0);
    auto url = DatabaseUrl::parse(text, DatabaseUrl::Origin::UserTyped);
    if (!url)
        return fail(url.errorMessage());
    QString repository;
    if (parser.isSet(QStringLiteral("repo"))) {
        auto key = testresults::RunImport::repositoryKey(parser.value(QStringLiteral("repo")));
        if (!key)
            return fail(key.errorMessage());
        repository = *key;
    }
    auto catalog = inspectUrl(text, parser);
    if (!catalog)
        return fail(catalog.errorMessage());
    auto db = openStore(parser);
    if (!db)
        return fail(db.errorMessage());
    const QString environment = parser.value(QStringLiteral("name"));
    auto saved = SchemaSnapshotStore(*db).save(
        *catalog, SchemaSnapshotStore::databaseKey(*url, environment), repository, environment);
    if (!saved)
        return fail(saved.errorMessage());
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject object = snapshotJson(saved->snapshot);
        object.insert(QStringLiteral("added"), saved->added);
        json::print(object);
    } else {
        out(saved->added ? QStringLiteral("snapshot:%1 saved for %2 (%3 tables)\n")
                               .arg(saved->snapshot.id)
                               .arg(saved->snapshot.databaseKey)
                               .arg(saved->snapshot.tableCount)
                         : QStringLiteral("schema unchanged since snapshot:%1 (%2): nothing added\n")
                               .arg(saved->snapshot.id)
                               .arg(json::isoDateTime(saved->snapshot.takenAt)));
    }
    return 0;
}

int historyCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    int code = 0;
    if (!parse(parser, QStringLiteral("schema history"), arguments, 3, 1, &code))
        return code;
    QString repository;
    if (parser.isSet(QStringLiteral("repo"))) {
        auto repoKey = testresults::RunImport::repositoryKey(parser.value(QStringLiteral("repo")));
        if (!repoKey)
            return fail(repoKey.errorMessage());
        repository = *repoKey;
    }
    const QString text = parser.positionalArguments().at(0);
    QString key = parser.value(QStringLiteral("name"));
    if (key.isEmpty()) {
        if (text.contains(QLatin1String("://"))) {
            auto url = DatabaseUrl::parse(text, DatabaseUrl::Origin::UserTyped);
            if (!url)
                return fail(url.errorMessage());
            key = SchemaSnapshotStore::databaseKey(*url);
        } else {
            key = text; // an environment name
        }
    }
    auto db = openStore(parser);
    if (!db)
        return fail(db.errorMessage());
    const SchemaSnapshotStore snapshots(*db);
    const bool environment = parser.isSet(QStringLiteral("name")) || !text.contains(QLatin1String("://"));
    if (repository.isEmpty() && environment) {
        // An environment name: its snapshots are its repository's.
        auto repositories = snapshots.repositoriesOf(key);
        if (!repositories)
            return fail(repositories.errorMessage());
        if (repositories->size() > 1)
            return fail(QStringLiteral("%1 is an environment of %2 repositories (%3): say which with --repo")
                            .arg(key)
                            .arg(repositories->size())
                            .arg(repositories->join(QStringLiteral(", "))),
                2);
    }
    auto timeline = snapshots.timeline(key, {}, environment ? repository : QString());
    if (!timeline)
        return fail(timeline.errorMessage());
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray snapshots;
        for (const SchemaTimelineEntry &entry : *timeline) {
            QJsonObject object = snapshotJson(entry.snapshot);
            object.insert(QStringLiteral("changes"),
                entry.changes ? QJsonValue(SchemaDiffReport::toJson(*entry.changes))
                              : QJsonValue(QJsonValue::Null));
            snapshots.append(object);
        }
        json::print(QJsonObject {
            { QStringLiteral("database_key"), key }, { QStringLiteral("snapshots"), snapshots } });
        return 0;
    }
    if (timeline->isEmpty()) {
        out(QStringLiteral("No schema snapshot of %1: take one with `devdash schema snapshot URL`.\n")
                .arg(key));
        return 0;
    }
    for (const SchemaTimelineEntry &entry : *timeline) {
        out(QStringLiteral("snapshot:%1  %2  %3 tables\n")
                .arg(entry.snapshot.id)
                .arg(json::isoDateTime(entry.snapshot.takenAt))
                .arg(entry.snapshot.tableCount));
        if (entry.changes) {
            QString report = SchemaDiffReport::toText(*entry.changes);
            report
                = report.mid(report.indexOf(QLatin1Char('\n')) + 1); // without the "Schema diff: a → b" line
            for (const QString &line : report.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                out(QStringLiteral("    ") + line + QLatin1Char('\n'));
        }
    }
    return 0;
}

} // namespace

int runSchema(const QStringList &arguments)
{
    const QString sub = arguments.value(2);
    if (sub == QLatin1String("diff"))
        return diffCommand(arguments);
    if (sub == QLatin1String("snapshot"))
        return snapshotCommand(arguments);
    if (sub == QLatin1String("history"))
        return historyCommand(arguments);
    if (sub.isEmpty())
        return fail(
            QStringLiteral("missing database URL — usage: ") + usageLine(QStringLiteral("schema")), 2);
    return inspectCommand(arguments);
}

} // namespace devdash::cli

#include "schema/SchemaJson.h"

#include "common/JsonWriter.h"
#include "schema/IndentedJsonText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <future>
#include <vector>

namespace devdash::schema {

namespace {

QJsonArray strings(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QStringList stringList(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &item : value.toArray())
        out << item.toString();
    return out;
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonValue countOrNull(qint64 value)
{
    return value < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

TableKind kindFromName(const QString &name)
{
    if (name == QLatin1String("view"))
        return TableKind::View;
    if (name == QLatin1String("materialized_view"))
        return TableKind::MaterializedView;
    return TableKind::Table;
}

qint64 countFrom(const QJsonValue &value)
{
    return value.isDouble() ? static_cast<qint64>(value.toDouble()) : -1;
}

void writeTable(IndentedJsonText &out, const Table &table)
{
    out.beginObject();
    out.key("checks");
    out.beginArray();
    for (const CheckConstraint &check : table.checks) {
        out.beginObject();
        out.key("expression");
        out.text(check.expression);
        out.key("name");
        out.textOrNull(check.name);
        out.endObject();
    }
    out.endArray();
    out.key("columns");
    out.beginArray();
    for (const Column &column : table.columns) {
        out.beginObject();
        out.key("comment");
        out.textOrNull(column.comment);
        out.key("default");
        column.defaultValue ? out.text(*column.defaultValue) : out.null();
        out.key("generated");
        out.textOrNull(column.generated);
        out.key("name");
        out.text(column.name);
        out.key("nullable");
        out.boolean(column.nullable);
        out.key("type");
        out.text(column.type);
        out.endObject();
    }
    out.endArray();
    out.key("comment");
    out.textOrNull(table.comment);
    out.key("definition");
    out.textOrNull(table.definition);
    out.key("estimated_rows");
    out.countOrNull(table.estimatedRows);
    out.key("foreign_keys");
    out.beginArray();
    for (const ForeignKey &fk : table.foreignKeys) {
        out.beginObject();
        out.key("columns");
        out.strings(fk.columns);
        out.key("name");
        out.textOrNull(fk.name);
        out.key("on_delete");
        out.text(fk.onDelete);
        out.key("on_update");
        out.text(fk.onUpdate);
        out.key("ref_columns");
        out.strings(fk.refColumns);
        out.key("ref_schema");
        out.text(fk.refSchema);
        out.key("ref_table");
        out.text(fk.refTable);
        out.endObject();
    }
    out.endArray();
    out.key("indexes");
    out.beginArray();
    for (const Index &index : table.indexes) {
        out.beginObject();
        out.key("columns");
        out.strings(index.columns);
        out.key("method");
        out.text(index.method);
        out.key("name");
        out.text(index.name);
        out.key("predicate");
        out.textOrNull(index.predicate);
        out.key("primary");
        out.boolean(index.primary);
        out.key("unique");
        out.boolean(index.unique);
        out.endObject();
    }
    out.endArray();
    out.key("kind");
    out.text(tableKindName(table.kind));
    out.key("name");
    out.text(table.name);
    out.key("partition_of");
    out.textOrNull(table.partitionOf);
    out.key("primary_key");
    out.strings(table.primaryKey);
    out.key("primary_key_name");
    out.textOrNull(table.primaryKeyName);
    out.key("schema");
    out.text(table.schema);
    out.key("size_bytes");
    out.countOrNull(table.sizeBytes);
    out.key("triggers");
    out.beginArray();
    for (const Trigger &trigger : table.triggers) {
        out.beginObject();
        out.key("definition");
        out.text(trigger.definition);
        out.key("events");
        out.text(trigger.events);
        out.key("name");
        out.text(trigger.name);
        out.key("timing");
        out.text(trigger.timing);
        out.endObject();
    }
    out.endArray();
    out.key("unique");
    out.beginArray();
    for (const UniqueConstraint &unique : table.uniques) {
        out.beginObject();
        out.key("columns");
        out.strings(unique.columns);
        out.key("name");
        out.text(unique.name);
        out.endObject();
    }
    out.endArray();
    out.endObject();
}

} // namespace

QByteArray SchemaJson::toJsonText(const SchemaCatalog &catalog)
{
    IndentedJsonText out;
    out.beginObject();
    out.key("database");
    out.text(catalog.database);
    out.key("driver");
    out.text(catalog.driver);
    out.key("inspected_at");
    catalog.inspectedAt.isValid() ? out.text(json::isoDateTime(catalog.inspectedAt.toUTC())) : out.null();
    out.key("schemas");
    out.strings(catalog.schemas);
    out.key("sequences");
    out.beginArray();
    for (const Sequence &sequence : catalog.sequences) {
        out.beginObject();
        out.key("increment");
        out.integer(sequence.increment);
        out.key("name");
        out.text(sequence.name);
        out.key("owned_by");
        out.textOrNull(sequence.ownedBy);
        out.key("schema");
        out.text(sequence.schema);
        out.key("start");
        out.integer(sequence.start);
        out.key("type");
        out.text(sequence.type);
        out.endObject();
    }
    out.endArray();
    out.key("server_version");
    out.textOrNull(catalog.serverVersion);
    out.key("tables");
    out.beginArray();
    // Thousands of tables are written in two halves at once (tens of megabytes: a
    // fifth of `schema --json` on 5,000 tables was this), the second appended.
    const qsizetype count = catalog.tables.size();
    const qsizetype half = count >= SchemaJson::ParallelTables ? count / 2 : count;
    std::future<QByteArray> secondHalf;
    if (half < count)
        secondHalf = std::async(std::launch::async, [&catalog, half, count, depth = out.depth()] {
            IndentedJsonText part = IndentedJsonText::continuing(depth);
            for (qsizetype i = half; i < count; ++i)
                writeTable(part, catalog.tables.at(i));
            return std::move(part.bytes);
        });
    for (qsizetype i = 0; i < half; ++i)
        writeTable(out, catalog.tables.at(i));
    if (secondHalf.valid())
        out.appendContinuation(secondHalf.get());
    out.endArray();
    out.key("types");
    out.beginArray();
    for (const UserType &type : catalog.types) {
        out.beginObject();
        out.key("kind");
        out.text(type.kind);
        out.key("name");
        out.text(type.name);
        out.key("schema");
        out.text(type.schema);
        out.key("values");
        out.strings(type.values);
        out.endObject();
    }
    out.endArray();
    out.key("warnings");
    out.strings(catalog.warnings);
    out.endObject();
    out.bytes += '\n';
    return std::move(out.bytes);
}

QJsonObject SchemaJson::tableToJson(const Table &table)
{
    QJsonArray columns;
    for (const Column &column : table.columns) {
        columns.append(QJsonObject {
            { QStringLiteral("name"), column.name },
            { QStringLiteral("type"), column.type },
            { QStringLiteral("nullable"), column.nullable },
            { QStringLiteral("default"),
                column.defaultValue ? QJsonValue(*column.defaultValue) : QJsonValue(QJsonValue::Null) },
            { QStringLiteral("generated"), textOrNull(column.generated) },
            { QStringLiteral("comment"), textOrNull(column.comment) },
        });
    }
    QJsonArray uniques;
    for (const UniqueConstraint &unique : table.uniques)
        uniques.append(QJsonObject { { QStringLiteral("name"), unique.name },
            { QStringLiteral("columns"), strings(unique.columns) } });
    QJsonArray checks;
    for (const CheckConstraint &check : table.checks)
        checks.append(QJsonObject { { QStringLiteral("name"), textOrNull(check.name) },
            { QStringLiteral("expression"), check.expression } });
    QJsonArray foreignKeys;
    for (const ForeignKey &fk : table.foreignKeys) {
        foreignKeys.append(QJsonObject {
            { QStringLiteral("name"), textOrNull(fk.name) },
            { QStringLiteral("columns"), strings(fk.columns) },
            { QStringLiteral("ref_schema"), fk.refSchema },
            { QStringLiteral("ref_table"), fk.refTable },
            { QStringLiteral("ref_columns"), strings(fk.refColumns) },
            { QStringLiteral("on_update"), fk.onUpdate },
            { QStringLiteral("on_delete"), fk.onDelete },
        });
    }
    QJsonArray indexes;
    for (const Index &index : table.indexes) {
        indexes.append(QJsonObject {
            { QStringLiteral("name"), index.name },
            { QStringLiteral("columns"), strings(index.columns) },
            { QStringLiteral("unique"), index.unique },
            { QStringLiteral("primary"), index.primary },
            { QStringLiteral("predicate"), textOrNull(index.predicate) },
            { QStringLiteral("method"), index.method },
        });
    }
    QJsonArray triggers;
    for (const Trigger &trigger : table.triggers) {
        triggers.append(QJsonObject {
            { QStringLiteral("name"), trigger.name },
            { QStringLiteral("timing"), trigger.timing },
            { QStringLiteral("events"), trigger.events },
            { QStringLiteral("definition"), trigger.definition },
        });
    }
    return QJsonObject {
        { QStringLiteral("schema"), table.schema },
        { QStringLiteral("name"), table.name },
        { QStringLiteral("kind"), tableKindName(table.kind) },
        { QStringLiteral("partition_of"), textOrNull(table.partitionOf) },
        { QStringLiteral("columns"), columns },
        { QStringLiteral("primary_key_name"), textOrNull(table.primaryKeyName) },
        { QStringLiteral("primary_key"), strings(table.primaryKey) },
        { QStringLiteral("unique"), uniques },
        { QStringLiteral("checks"), checks },
        { QStringLiteral("foreign_keys"), foreignKeys },
        { QStringLiteral("indexes"), indexes },
        { QStringLiteral("triggers"), triggers },
        { QStringLiteral("comment"), textOrNull(table.comment) },
        { QStringLiteral("definition"), textOrNull(table.definition) },
        { QStringLiteral("estimated_rows"), countOrNull(table.estimatedRows) },
        { QStringLiteral("size_bytes"), countOrNull(table.sizeBytes) },
    };
}

QJsonObject SchemaJson::toJson(const SchemaCatalog &catalog)
{
    QJsonArray tables;
    for (const Table &table : catalog.tables)
        tables.append(tableToJson(table));
    QJsonArray sequences;
    for (const Sequence &sequence : catalog.sequences) {
        sequences.append(QJsonObject {
            { QStringLiteral("schema"), sequence.schema },
            { QStringLiteral("name"), sequence.name },
            { QStringLiteral("type"), sequence.type },
            { QStringLiteral("start"), sequence.start },
            { QStringLiteral("increment"), sequence.increment },
            { QStringLiteral("owned_by"), textOrNull(sequence.ownedBy) },
        });
    }
    QJsonArray types;
    for (const UserType &type : catalog.types) {
        types.append(QJsonObject {
            { QStringLiteral("schema"), type.schema },
            { QStringLiteral("name"), type.name },
            { QStringLiteral("kind"), type.kind },
            { QStringLiteral("values"), strings(type.values) },
        });
    }
    return QJsonObject {
        { QStringLiteral("driver"), catalog.driver },
        { QStringLiteral("database"), catalog.database },
        { QStringLiteral("server_version"), textOrNull(catalog.serverVersion) },
        { QStringLiteral("inspected_at"),
            catalog.inspectedAt.isValid() ? QJsonValue(json::isoDateTime(catalog.inspectedAt.toUTC()))
                                          : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("schemas"), strings(catalog.schemas) },
        { QStringLiteral("tables"), tables },
        { QStringLiteral("sequences"), sequences },
        { QStringLiteral("types"), types },
        { QStringLiteral("warnings"), strings(catalog.warnings) },
    };
}

Table SchemaJson::tableFromJson(const QJsonObject &object)
{
    Table table;
    table.schema = object.value(QStringLiteral("schema")).toString();
    table.name = object.value(QStringLiteral("name")).toString();
    table.kind = kindFromName(object.value(QStringLiteral("kind")).toString());
    table.partitionOf = object.value(QStringLiteral("partition_of")).toString();
    for (const QJsonValue &value : object.value(QStringLiteral("columns")).toArray()) {
        const QJsonObject o = value.toObject();
        Column column;
        column.name = o.value(QStringLiteral("name")).toString();
        column.type = o.value(QStringLiteral("type")).toString();
        column.nullable = o.value(QStringLiteral("nullable")).toBool(true);
        const QJsonValue def = o.value(QStringLiteral("default"));
        if (def.isString())
            column.defaultValue = def.toString();
        column.generated = o.value(QStringLiteral("generated")).toString();
        column.comment = o.value(QStringLiteral("comment")).toString();
        table.columns.append(column);
    }
    table.primaryKeyName = object.value(QStringLiteral("primary_key_name")).toString();
    table.primaryKey = stringList(object.value(QStringLiteral("primary_key")));
    for (const QJsonValue &value : object.value(QStringLiteral("unique")).toArray()) {
        const QJsonObject o = value.toObject();
        table.uniques.append(
            { o.value(QStringLiteral("name")).toString(), stringList(o.value(QStringLiteral("columns"))) });
    }
    for (const QJsonValue &value : object.value(QStringLiteral("checks")).toArray()) {
        const QJsonObject o = value.toObject();
        table.checks.append(
            { o.value(QStringLiteral("name")).toString(), o.value(QStringLiteral("expression")).toString() });
    }
    for (const QJsonValue &value : object.value(QStringLiteral("foreign_keys")).toArray()) {
        const QJsonObject o = value.toObject();
        ForeignKey fk;
        fk.name = o.value(QStringLiteral("name")).toString();
        fk.columns = stringList(o.value(QStringLiteral("columns")));
        fk.refSchema = o.value(QStringLiteral("ref_schema")).toString();
        fk.refTable = o.value(QStringLiteral("ref_table")).toString();
        fk.refColumns = stringList(o.value(QStringLiteral("ref_columns")));
        fk.onUpdate = o.value(QStringLiteral("on_update")).toString(QStringLiteral("no action"));
        fk.onDelete = o.value(QStringLiteral("on_delete")).toString(QStringLiteral("no action"));
        table.foreignKeys.append(fk);
    }
    for (const QJsonValue &value : object.value(QStringLiteral("indexes")).toArray()) {
        const QJsonObject o = value.toObject();
        Index index;
        index.name = o.value(QStringLiteral("name")).toString();
        index.columns = stringList(o.value(QStringLiteral("columns")));
        index.unique = o.value(QStringLiteral("unique")).toBool();
        index.primary = o.value(QStringLiteral("primary")).toBool();
        index.predicate = o.value(QStringLiteral("predicate")).toString();
        index.method = o.value(QStringLiteral("method")).toString();
        table.indexes.append(index);
    }
    for (const QJsonValue &value : object.value(QStringLiteral("triggers")).toArray()) {
        const QJsonObject o = value.toObject();
        table.triggers.append({ o.value(QStringLiteral("name")).toString(),
            o.value(QStringLiteral("timing")).toString(), o.value(QStringLiteral("events")).toString(),
            o.value(QStringLiteral("definition")).toString() });
    }
    table.comment = object.value(QStringLiteral("comment")).toString();
    table.definition = object.value(QStringLiteral("definition")).toString();
    table.estimatedRows = countFrom(object.value(QStringLiteral("estimated_rows")));
    table.sizeBytes = countFrom(object.value(QStringLiteral("size_bytes")));
    return table;
}

Result<SchemaCatalog> SchemaJson::fromJson(const QJsonObject &object)
{
    if (!object.contains(QStringLiteral("tables")) || !object.value(QStringLiteral("tables")).isArray())
        return Error { QStringLiteral(
            "This JSON is not a schema catalog: it has no \"tables\" array. Use the output of "
            "`devdash schema URL --json`.") };
    SchemaCatalog catalog;
    catalog.driver = object.value(QStringLiteral("driver")).toString();
    catalog.database = object.value(QStringLiteral("database")).toString();
    catalog.serverVersion = object.value(QStringLiteral("server_version")).toString();
    catalog.inspectedAt
        = QDateTime::fromString(object.value(QStringLiteral("inspected_at")).toString(), Qt::ISODate).toUTC();
    catalog.schemas = stringList(object.value(QStringLiteral("schemas")));
    for (const QJsonValue &value : object.value(QStringLiteral("tables")).toArray())
        catalog.tables.append(tableFromJson(value.toObject()));
    for (const QJsonValue &value : object.value(QStringLiteral("sequences")).toArray()) {
        const QJsonObject o = value.toObject();
        Sequence sequence;
        sequence.schema = o.value(QStringLiteral("schema")).toString();
        sequence.name = o.value(QStringLiteral("name")).toString();
        sequence.type = o.value(QStringLiteral("type")).toString();
        sequence.start = static_cast<qint64>(o.value(QStringLiteral("start")).toDouble(1));
        sequence.increment = static_cast<qint64>(o.value(QStringLiteral("increment")).toDouble(1));
        sequence.ownedBy = o.value(QStringLiteral("owned_by")).toString();
        catalog.sequences.append(sequence);
    }
    for (const QJsonValue &value : object.value(QStringLiteral("types")).toArray()) {
        const QJsonObject o = value.toObject();
        catalog.types.append(
            { o.value(QStringLiteral("schema")).toString(), o.value(QStringLiteral("name")).toString(),
                o.value(QStringLiteral("kind")).toString(), stringList(o.value(QStringLiteral("values"))) });
    }
    catalog.warnings = stringList(object.value(QStringLiteral("warnings")));
    return catalog;
}

Result<SchemaCatalog> SchemaJson::fromText(const QByteArray &text, const QString &what)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return Error { QStringLiteral(
            "Cannot read the schema in %1: %2 at offset %3. Expected the JSON written by "
            "`devdash schema URL --json`.")
                           .arg(what, error.errorString())
                           .arg(error.offset) };
    auto catalog = fromJson(document.object());
    if (!catalog)
        return Error { what + QStringLiteral(": ") + catalog.errorMessage() };
    return catalog;
}

} // namespace devdash::schema

#include "schema/SchemaDiffReport.h"

#include <QJsonArray>

namespace devdash::schema {

namespace {

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonObject changeToJson(const ObjectChange &change)
{
    QJsonArray fields;
    for (const FieldChange &f : change.fields)
        fields.append(QJsonObject { { QStringLiteral("field"), f.field },
            { QStringLiteral("before"), f.before }, { QStringLiteral("after"), f.after } });
    return QJsonObject {
        { QStringLiteral("object"), change.objectType },
        { QStringLiteral("name"), change.name },
        { QStringLiteral("change"), changeKindName(change.change) },
        { QStringLiteral("before"), textOrNull(change.before) },
        { QStringLiteral("after"), textOrNull(change.after) },
        { QStringLiteral("fields"), fields },
    };
}

QString sign(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Added:
        return QStringLiteral("+");
    case ChangeKind::Removed:
        return QStringLiteral("-");
    case ChangeKind::Changed:
        return QStringLiteral("~");
    }
    return {};
}

QString changeLine(const ObjectChange &change)
{
    QString line = sign(change.change) + QLatin1Char(' ')
        + QString(change.objectType).replace(QLatin1Char('_'), QLatin1Char(' ')) + QLatin1Char(' ')
        + change.name;
    switch (change.change) {
    case ChangeKind::Added:
        line += QStringLiteral(": ") + change.after;
        break;
    case ChangeKind::Removed:
        line += QStringLiteral(": ") + change.before;
        break;
    case ChangeKind::Changed: {
        QStringList parts;
        for (const FieldChange &f : change.fields)
            parts << QStringLiteral("%1 %2 → %3")
                         .arg(f.field, f.before.isEmpty() ? QStringLiteral("(none)") : f.before,
                             f.after.isEmpty() ? QStringLiteral("(none)") : f.after);
        line += QStringLiteral(": ") + parts.join(QStringLiteral("; "));
        break;
    }
    }
    return line;
}

QString summary(const SchemaDifferences &diff)
{
    return QStringLiteral("%1 table(s) added, %2 removed, %3 changed; %4 sequence and %5 type change(s)")
        .arg(diff.count(ChangeKind::Added))
        .arg(diff.count(ChangeKind::Removed))
        .arg(diff.count(ChangeKind::Changed))
        .arg(diff.sequences.size())
        .arg(diff.types.size());
}

} // namespace

QJsonObject SchemaDiffReport::toJson(const SchemaDifferences &diff)
{
    QJsonArray tables;
    for (const TableDiff &table : diff.tables) {
        QJsonArray changes;
        for (const ObjectChange &change : table.changes)
            changes.append(changeToJson(change));
        tables.append(QJsonObject {
            { QStringLiteral("schema"), table.schema },
            { QStringLiteral("name"), table.name },
            { QStringLiteral("kind"), tableKindName(table.kind) },
            { QStringLiteral("change"), changeKindName(table.change) },
            { QStringLiteral("changes"), changes },
        });
    }
    QJsonArray sequences;
    for (const ObjectChange &change : diff.sequences)
        sequences.append(changeToJson(change));
    QJsonArray types;
    for (const ObjectChange &change : diff.types)
        types.append(changeToJson(change));
    return QJsonObject {
        { QStringLiteral("before"), diff.beforeLabel },
        { QStringLiteral("after"), diff.afterLabel },
        { QStringLiteral("identical"), diff.isEmpty() },
        { QStringLiteral("summary"),
            QJsonObject { { QStringLiteral("tables_added"), diff.count(ChangeKind::Added) },
                { QStringLiteral("tables_removed"), diff.count(ChangeKind::Removed) },
                { QStringLiteral("tables_changed"), diff.count(ChangeKind::Changed) },
                { QStringLiteral("sequence_changes"), int(diff.sequences.size()) },
                { QStringLiteral("type_changes"), int(diff.types.size()) } } },
        { QStringLiteral("tables"), tables },
        { QStringLiteral("sequences"), sequences },
        { QStringLiteral("types"), types },
    };
}

QString SchemaDiffReport::toText(const SchemaDifferences &diff)
{
    QString out = QStringLiteral("Schema diff: %1 → %2\n").arg(diff.beforeLabel, diff.afterLabel);
    if (diff.isEmpty())
        return out + QStringLiteral("No differences.\n");
    out += summary(diff) + QStringLiteral("\n\n");
    for (const TableDiff &table : diff.tables) {
        out += sign(table.change) + QLatin1Char(' ') + tableKindName(table.kind) + QLatin1Char(' ')
            + table.qualifiedName() + QLatin1Char('\n');
        for (const ObjectChange &change : table.changes)
            out += QStringLiteral("    ") + changeLine(change) + QLatin1Char('\n');
    }
    for (const ObjectChange &change : diff.sequences)
        out += changeLine(change) + QLatin1Char('\n');
    for (const ObjectChange &change : diff.types)
        out += changeLine(change) + QLatin1Char('\n');
    return out;
}

QString SchemaDiffReport::toMarkdown(const SchemaDifferences &diff)
{
    QString out = QStringLiteral("# Schema diff\n\n**Before:** `%1`  \n**After:** `%2`\n\n")
                      .arg(diff.beforeLabel, diff.afterLabel);
    if (diff.isEmpty())
        return out + QStringLiteral("No differences.\n");
    out += summary(diff) + QStringLiteral(".\n");
    for (const TableDiff &table : diff.tables) {
        out += QStringLiteral("\n## %1 %2 `%3`\n\n")
                   .arg(changeKindName(table.change), tableKindName(table.kind), table.qualifiedName());
        if (table.changes.isEmpty())
            continue;
        out += QStringLiteral("| change | object | name | before | after |\n|---|---|---|---|---|\n");
        for (const ObjectChange &change : table.changes) {
            auto cell = [](QString text) {
                return text.replace(QLatin1Char('|'), QLatin1String("\\|")).simplified();
            };
            out += QStringLiteral("| %1 | %2 | `%3` | %4 | %5 |\n")
                       .arg(changeKindName(change.change), change.objectType, change.name,
                           cell(change.before), cell(change.after));
        }
    }
    if (!diff.sequences.isEmpty() || !diff.types.isEmpty()) {
        out += QStringLiteral("\n## Sequences and types\n\n");
        for (const ObjectChange &change : diff.sequences + diff.types)
            out += QStringLiteral("- ") + changeLine(change) + QLatin1Char('\n');
    }
    return out;
}

} // namespace devdash::schema

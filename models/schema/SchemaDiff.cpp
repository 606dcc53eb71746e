#include "schema/SchemaDiff.h"

#include <QHash>
#include <QRegularExpression>

#include <algorithm>

namespace devdash::schema {

namespace {

bool matchesAny(const QStringList &patterns, const QStringList &candidates)
{
    for (const QString &pattern : patterns) {
        const QRegularExpression re(QRegularExpression::wildcardToRegularExpression(pattern));
        for (const QString &candidate : candidates)
            if (re.match(candidate).hasMatch())
                return true;
    }
    return false;
}

QString list(const QStringList &items)
{
    return QLatin1Char('(') + items.join(QStringLiteral(", ")) + QLatin1Char(')');
}

// Whitespace differences in view bodies and expressions are not changes.
QString normalized(const QString &text)
{
    return text.simplified();
}

QString yesNo(bool value)
{
    return value ? QStringLiteral("yes") : QStringLiteral("no");
}

void field(QList<FieldChange> &fields, const QString &name, const QString &before, const QString &after)
{
    if (before != after)
        fields.append({ name, before, after });
}

// Matches the objects of two lists by name; unnamed ones by their description.
template<typename T, typename Name, typename Describe, typename Fields>
void compareNamed(QList<ObjectChange> &out, const QString &objectType, const QList<T> &before,
    const QList<T> &after, Name name, Describe describe, Fields fields)
{
    auto keyOf = [&](const T &item) -> QString {
        const QString n = name(item);
        return n.isEmpty() ? QString(describe(item)) : n;
    };
    QHash<QString, const T *> afterByKey;
    for (const T &item : after)
        afterByKey.insert(keyOf(item), &item);
    QHash<QString, const T *> beforeByKey;
    for (const T &item : before)
        beforeByKey.insert(keyOf(item), &item);
    for (const T &item : before) {
        const T *other = afterByKey.value(keyOf(item));
        if (!other) {
            out.append({ objectType, keyOf(item), ChangeKind::Removed, describe(item), QString(), {} });
            continue;
        }
        QList<FieldChange> changed = fields(item, *other);
        if (!changed.isEmpty())
            out.append(
                { objectType, keyOf(item), ChangeKind::Changed, describe(item), describe(*other), changed });
    }
    for (const T &item : after)
        if (!beforeByKey.contains(keyOf(item)))
            out.append({ objectType, keyOf(item), ChangeKind::Added, QString(), describe(item), {} });
}

QList<FieldChange> columnFields(const Column &a, const Column &b)
{
    QList<FieldChange> fields;
    field(fields, QStringLiteral("type"), a.type, b.type);
    field(fields, QStringLiteral("nullable"), yesNo(a.nullable), yesNo(b.nullable));
    field(fields, QStringLiteral("default"), a.defaultValue.value_or(QString()),
        b.defaultValue.value_or(QString()));
    field(fields, QStringLiteral("generated"), normalized(a.generated), normalized(b.generated));
    field(fields, QStringLiteral("comment"), a.comment, b.comment);
    return fields;
}

QString describeUnique(const UniqueConstraint &u)
{
    return list(u.columns);
}

QString describeCheck(const CheckConstraint &c)
{
    return normalized(c.expression);
}

QString describeTrigger(const Trigger &t)
{
    return t.timing + QLatin1Char(' ') + t.events + QStringLiteral(": ") + normalized(t.definition);
}

QString describeSequence(const Sequence &s)
{
    QString text = QStringLiteral("%1 start %2 increment %3").arg(s.type).arg(s.start).arg(s.increment);
    if (!s.ownedBy.isEmpty())
        text += QStringLiteral(" owned by ") + s.ownedBy;
    return text;
}

QString describeType(const UserType &t)
{
    return t.kind + QLatin1Char(' ') + list(t.values);
}

} // namespace

QString changeKindName(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Added:
        return QStringLiteral("added");
    case ChangeKind::Removed:
        return QStringLiteral("removed");
    case ChangeKind::Changed:
        return QStringLiteral("changed");
    }
    return {};
}

bool DiffFilter::acceptsSchema(const QString &schema) const
{
    if (!includeSchemas.isEmpty() && !matchesAny(includeSchemas, { schema }))
        return false;
    return !matchesAny(excludeSchemas, { schema });
}

bool DiffFilter::acceptsTable(const QString &schema, const QString &name) const
{
    if (!acceptsSchema(schema))
        return false;
    const QStringList candidates { name, schema + QLatin1Char('.') + name };
    if (!includeTables.isEmpty() && !matchesAny(includeTables, candidates))
        return false;
    return !matchesAny(excludeTables, candidates);
}

int SchemaDifferences::count(ChangeKind kind) const
{
    return int(std::count_if(
        tables.cbegin(), tables.cend(), [kind](const TableDiff &t) { return t.change == kind; }));
}

QString SchemaDiff::describe(const Column &column)
{
    QString text = column.type;
    if (!column.nullable)
        text += QStringLiteral(" not null");
    if (column.defaultValue)
        text += QStringLiteral(" default ") + *column.defaultValue;
    if (!column.generated.isEmpty())
        text += QStringLiteral(" generated ") + column.generated;
    if (!column.comment.isEmpty())
        text += QStringLiteral(" -- ") + column.comment;
    return text;
}

QString SchemaDiff::describe(const ForeignKey &fk)
{
    return list(fk.columns) + QStringLiteral(" references ") + fk.refSchema + QLatin1Char('.') + fk.refTable
        + list(fk.refColumns) + QStringLiteral(" on update ") + fk.onUpdate + QStringLiteral(" on delete ")
        + fk.onDelete;
}

QString SchemaDiff::describe(const Index &index)
{
    QString text = (index.unique ? QStringLiteral("unique ") : QString()) + index.method + QLatin1Char(' ')
        + list(index.columns);
    if (!index.predicate.isEmpty())
        text += QStringLiteral(" where ") + normalized(index.predicate);
    return text;
}

QList<ObjectChange> SchemaDiff::compareTables(const Table &a, const Table &b)
{
    QList<ObjectChange> changes;
    if (a.kind != b.kind)
        changes.append({ QStringLiteral("kind"), a.name, ChangeKind::Changed, tableKindName(a.kind),
            tableKindName(b.kind),
            { { QStringLiteral("kind"), tableKindName(a.kind), tableKindName(b.kind) } } });
    compareNamed(
        changes, QStringLiteral("column"), a.columns, b.columns, [](const Column &c) { return c.name; },
        [](const Column &c) { return describe(c); }, columnFields);
    if (a.primaryKey != b.primaryKey) {
        const ChangeKind kind = a.primaryKey.isEmpty() ? ChangeKind::Added
            : b.primaryKey.isEmpty()                   ? ChangeKind::Removed
                                                       : ChangeKind::Changed;
        changes.append(
            { QStringLiteral("primary_key"), b.primaryKeyName.isEmpty() ? a.primaryKeyName : b.primaryKeyName,
                kind, a.primaryKey.isEmpty() ? QString() : list(a.primaryKey),
                b.primaryKey.isEmpty() ? QString() : list(b.primaryKey),
                { { QStringLiteral("columns"), list(a.primaryKey), list(b.primaryKey) } } });
    }
    compareNamed(
        changes, QStringLiteral("unique"), a.uniques, b.uniques,
        [](const UniqueConstraint &u) { return u.name; }, describeUnique,
        [](const UniqueConstraint &x, const UniqueConstraint &y) {
            QList<FieldChange> f;
            field(f, QStringLiteral("columns"), list(x.columns), list(y.columns));
            return f;
        });
    compareNamed(
        changes, QStringLiteral("check"), a.checks, b.checks, [](const CheckConstraint &c) { return c.name; },
        describeCheck,
        [](const CheckConstraint &x, const CheckConstraint &y) {
            QList<FieldChange> f;
            field(f, QStringLiteral("expression"), normalized(x.expression), normalized(y.expression));
            return f;
        });
    compareNamed(
        changes, QStringLiteral("foreign_key"), a.foreignKeys, b.foreignKeys,
        [](const ForeignKey &fk) { return fk.name; }, [](const ForeignKey &fk) { return describe(fk); },
        [](const ForeignKey &x, const ForeignKey &y) {
            QList<FieldChange> f;
            field(f, QStringLiteral("columns"), list(x.columns), list(y.columns));
            field(f, QStringLiteral("references"),
                x.refSchema + QLatin1Char('.') + x.refTable + list(x.refColumns),
                y.refSchema + QLatin1Char('.') + y.refTable + list(y.refColumns));
            field(f, QStringLiteral("on_update"), x.onUpdate, y.onUpdate);
            field(f, QStringLiteral("on_delete"), x.onDelete, y.onDelete);
            return f;
        });
    compareNamed(
        changes, QStringLiteral("index"), a.indexes, b.indexes, [](const Index &i) { return i.name; },
        [](const Index &i) { return describe(i); },
        [](const Index &x, const Index &y) {
            QList<FieldChange> f;
            field(f, QStringLiteral("columns"), list(x.columns), list(y.columns));
            field(f, QStringLiteral("unique"), yesNo(x.unique), yesNo(y.unique));
            field(f, QStringLiteral("predicate"), normalized(x.predicate), normalized(y.predicate));
            field(f, QStringLiteral("method"), x.method, y.method);
            return f;
        });
    compareNamed(
        changes, QStringLiteral("trigger"), a.triggers, b.triggers, [](const Trigger &t) { return t.name; },
        describeTrigger,
        [](const Trigger &x, const Trigger &y) {
            QList<FieldChange> f;
            field(f, QStringLiteral("timing"), x.timing, y.timing);
            field(f, QStringLiteral("events"), x.events, y.events);
            field(f, QStringLiteral("definition"), normalized(x.definition), normalized(y.definition));
            return f;
        });
    // A table's DDL (SQLite) restates what is compared above; a view's SELECT is its content.
    if (a.kind != TableKind::Table && b.kind != TableKind::Table
        && normalized(a.definition) != normalized(b.definition))
        changes.append(
            { QStringLiteral("definition"), a.name, ChangeKind::Changed, a.definition, b.definition,
                { { QStringLiteral("definition"), normalized(a.definition), normalized(b.definition) } } });
    if (a.comment != b.comment)
        changes.append({ QStringLiteral("comment"), a.name, ChangeKind::Changed, a.comment, b.comment,
            { { QStringLiteral("comment"), a.comment, b.comment } } });
    return changes;
}

SchemaDifferences SchemaDiff::compare(
    const SchemaCatalog &before, const SchemaCatalog &after, const DiffFilter &filter)
{
    SchemaDifferences result;
    QHash<QString, const Table *> afterTables;
    for (const Table &table : after.tables)
        if (filter.acceptsTable(table.schema, table.name))
            afterTables.insert(table.qualifiedName(), &table);
    QHash<QString, const Table *> beforeTables;
    for (const Table &table : before.tables) {
        if (!filter.acceptsTable(table.schema, table.name))
            continue;
        beforeTables.insert(table.qualifiedName(), &table);
        const Table *other = afterTables.value(table.qualifiedName());
        TableDiff diff;
        diff.schema = table.schema;
        diff.name = table.name;
        diff.kind = table.kind;
        diff.before = table;
        if (!other) {
            diff.change = ChangeKind::Removed;
            result.tables.append(diff);
            continue;
        }
        diff.changes = compareTables(table, *other);
        if (diff.changes.isEmpty())
            continue;
        diff.kind = other->kind;
        diff.after = *other;
        result.tables.append(diff);
    }
    for (const Table &table : after.tables) {
        if (!filter.acceptsTable(table.schema, table.name) || beforeTables.contains(table.qualifiedName()))
            continue;
        TableDiff diff;
        diff.schema = table.schema;
        diff.name = table.name;
        diff.kind = table.kind;
        diff.change = ChangeKind::Added;
        diff.after = table;
        result.tables.append(diff);
    }
    std::sort(result.tables.begin(), result.tables.end(), [](const TableDiff &x, const TableDiff &y) {
        return x.schema != y.schema ? x.schema < y.schema : x.name < y.name;
    });

    QList<Sequence> beforeSequences, afterSequences;
    for (const Sequence &s : before.sequences)
        if (filter.acceptsSchema(s.schema))
            beforeSequences << s;
    for (const Sequence &s : after.sequences)
        if (filter.acceptsSchema(s.schema))
            afterSequences << s;
    compareNamed(
        result.sequences, QStringLiteral("sequence"), beforeSequences, afterSequences,
        [](const Sequence &s) -> QString { return s.schema + QLatin1Char('.') + s.name; }, describeSequence,
        [](const Sequence &x, const Sequence &y) {
            QList<FieldChange> f;
            field(f, QStringLiteral("type"), x.type, y.type);
            field(f, QStringLiteral("start"), QString::number(x.start), QString::number(y.start));
            field(f, QStringLiteral("increment"), QString::number(x.increment), QString::number(y.increment));
            field(f, QStringLiteral("owned_by"), x.ownedBy, y.ownedBy);
            return f;
        });
    QList<UserType> beforeTypes, afterTypes;
    for (const UserType &t : before.types)
        if (filter.acceptsSchema(t.schema))
            beforeTypes << t;
    for (const UserType &t : after.types)
        if (filter.acceptsSchema(t.schema))
            afterTypes << t;
    compareNamed(
        result.types, QStringLiteral("type"), beforeTypes, afterTypes,
        [](const UserType &t) -> QString { return t.schema + QLatin1Char('.') + t.name; }, describeType,
        [](const UserType &x, const UserType &y) {
            QList<FieldChange> f;
            field(f, QStringLiteral("kind"), x.kind, y.kind);
            field(f, QStringLiteral("values"), list(x.values), list(y.values));
            return f;
        });
    return result;
}

} // namespace devdash::schema

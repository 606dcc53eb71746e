#pragma once

// What differs between two catalogs (staging vs production, a database vs a
// snapshot, two snapshots on the timeline): tables added, removed or changed,
// and inside a changed table each column, key, constraint, index, trigger and
// the view definition; then sequences and types. Each change keeps the old and
// the new state as text, so the UI can show them side by side, and the
// individual fields that differ (type, nullable, default…).

#include "schema/SchemaCatalog.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace devdash::schema {

enum class ChangeKind { Added, Removed, Changed };
QString changeKindName(ChangeKind kind); // "added" | "removed" | "changed"

struct FieldChange
{
    QString field; // "type", "nullable", "default", "generated", "comment", "columns", "on_delete"…
    QString before;
    QString after;
};

struct ObjectChange
{
    // "table", "column", "primary_key", "unique", "check", "foreign_key", "index",
    // "trigger", "definition", "comment", "sequence", "type"
    QString objectType;
    QString name;
    ChangeKind change = ChangeKind::Changed;
    QString before; // the old state as one readable line; empty when added
    QString after; // the new state; empty when removed
    QList<FieldChange> fields; // for a change: what differs
};

struct TableDiff
{
    QString schema;
    QString name;
    TableKind kind = TableKind::Table;
    ChangeKind change = ChangeKind::Changed;
    std::optional<Table> before; // the whole table on each side, for side-by-side views
    std::optional<Table> after;
    QList<ObjectChange> changes; // empty for an added or removed table

    QString qualifiedName() const { return schema + QLatin1Char('.') + name; }
};

// Glob patterns ("public", "audit_*", "sales.order*"). A table matches a
// table pattern by its name or by "schema.name". Empty include lists take all.
struct DiffFilter
{
    QStringList includeSchemas;
    QStringList excludeSchemas;
    QStringList includeTables;
    QStringList excludeTables;

    bool acceptsSchema(const QString &schema) const;
    bool acceptsTable(const QString &schema, const QString &name) const;
};

struct SchemaDifferences
{
    QString beforeLabel; // what each side is: a URL without password, "snapshot 12", a file
    QString afterLabel;
    QList<TableDiff> tables; // sorted by schema, name
    QList<ObjectChange> sequences;
    QList<ObjectChange> types;

    bool isEmpty() const { return tables.isEmpty() && sequences.isEmpty() && types.isEmpty(); }
    int count(ChangeKind kind) const; // tables added / removed / changed
};

class SchemaDiff
{
public:
    static SchemaDifferences compare(
        const SchemaCatalog &before, const SchemaCatalog &after, const DiffFilter &filter = {});
    static QList<ObjectChange> compareTables(const Table &before, const Table &after);

    // One readable line per object, as the report and the side-by-side view show it.
    static QString describe(const Column &column);
    static QString describe(const ForeignKey &fk);
    static QString describe(const Index &index);
};

} // namespace devdash::schema

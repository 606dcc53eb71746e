#pragma once

// What an inspection of one database finds, the same shape for every engine
// (SQLite, PostgreSQL, MySQL/MariaDB): the Database page, the ER diagram, the
// schema diff, the snapshots in the store and `devdash schema --json`
// (docs/cli.md) all read only this. Inspectors fill it with one catalog query
// per kind of object for the whole database.

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace devdash::schema {

struct Column
{
    QString name;
    QString type; // as the engine spells it (PostgreSQL: format_type)
    bool nullable = true;
    std::optional<QString> defaultValue; // expression text; nullopt: no default
    QString generated; // generation expression (stored/virtual/identity); empty: not generated
    QString comment;
};

struct UniqueConstraint
{
    QString name;
    QStringList columns;
};

struct CheckConstraint
{
    QString name;
    QString expression;
};

struct ForeignKey
{
    QString name;
    QStringList columns;
    QString refSchema;
    QString refTable;
    QStringList refColumns;
    // "no action" | "restrict" | "cascade" | "set null" | "set default"
    QString onUpdate = QStringLiteral("no action");
    QString onDelete = QStringLiteral("no action");
};

struct Index
{
    QString name;
    QStringList columns; // column names; an expression stands as its text
    bool unique = false;
    bool primary = false; // the index behind the primary key
    QString predicate; // partial index WHERE; empty when none
    QString method; // "btree", "hash", "gin"…; SQLite: "btree"
};

struct Trigger
{
    QString name;
    QString timing; // "before" | "after" | "instead of"
    QString events; // "insert", "update or delete"…
    QString definition; // the engine's DDL of the trigger
};

enum class TableKind { Table, View, MaterializedView };

inline QString tableKindName(TableKind kind)
{
    switch (kind) {
    case TableKind::Table: return QStringLiteral("table");
    case TableKind::View: return QStringLiteral("view");
    case TableKind::MaterializedView: return QStringLiteral("materialized_view");
    }
    return {};
}

struct Table
{
    QString schema; // "public"; SQLite: "main"; MySQL: the database
    QString name;
    TableKind kind = TableKind::Table;
    QString partitionOf; // "schema.parent" for a partition; empty otherwise
    QList<Column> columns; // in column order
    QString primaryKeyName;
    QStringList primaryKey; // column names, in key order
    QList<UniqueConstraint> uniques;
    QList<CheckConstraint> checks;
    QList<ForeignKey> foreignKeys;
    QList<Index> indexes;
    QList<Trigger> triggers;
    QString comment;
    QString definition; // views: the SELECT; tables: the DDL when the engine keeps it (SQLite)
    qint64 estimatedRows = -1; // -1: unknown
    qint64 sizeBytes = -1; // -1: unknown

    QString qualifiedName() const { return schema + QLatin1Char('.') + name; }
};

struct Sequence
{
    QString schema;
    QString name;
    QString type; // "bigint"…
    qint64 start = 1;
    qint64 increment = 1;
    QString ownedBy; // "schema.table.column"; empty when free-standing
};

struct UserType
{
    QString schema;
    QString name;
    QString kind; // "enum" | "composite" | "domain" | "range"
    QStringList values; // enum labels, composite "field type", domain base type + checks
};

struct SchemaCatalog
{
    QString driver; // "QSQLITE", "QPSQL", "QMYSQL"/"QMARIADB", "QODBC"
    QString database; // the database name (SQLite: the file)
    QString serverVersion;
    QDateTime inspectedAt; // UTC
    QStringList schemas; // the user's schemas that were inspected
    QList<Table> tables; // sorted by schema, then name
    QList<Sequence> sequences;
    QList<UserType> types;
    // What could not be read (missing privileges…): shown, never fatal.
    QStringList warnings;

    const Table *table(const QString &schema, const QString &name) const
    {
        for (const Table &t : tables)
            if (t.schema == schema && t.name == name)
                return &t;
        return nullptr;
    }
};

} // namespace devdash::schema

#include "schema/SqliteInspector.h"

#include "schema/SqliteDdl.h"

#include <QFileInfo>
#include <QSqlQuery>
#include <QVariant>

namespace devdash::schema {

namespace {

const QString kMain = QStringLiteral("main");

QString action(const QString &pragmaAction)
{
    const QString lower = pragmaAction.toLower();
    return lower.isEmpty() || lower == QLatin1String("none") ? QStringLiteral("no action") : lower;
}

} // namespace

SqliteInspector::SqliteInspector(ReadOnlyConnection &connection)
    : m_connection(connection)
{
}

Table *SqliteInspector::tableNamed(const QString &name)
{
    const auto it = m_tableByName.constFind(name);
    return it == m_tableByName.cend() ? nullptr : &m_catalog.tables[*it];
}

Result<SchemaCatalog> SqliteInspector::inspect()
{
    // A file; through ODBC, the data source's name.
    m_catalog.database = m_connection.url().engine() == DatabaseUrl::Engine::Odbc
        ? m_connection.url().database()
        : QFileInfo(m_connection.url().database()).absoluteFilePath();
    m_catalog.schemas << kMain;
    if (auto version
        = m_connection.run(QStringLiteral("SELECT sqlite_version()"), QStringLiteral("the version"));
        version && version->next())
        m_catalog.serverVersion = version->value(0).toString();
    for (const auto step : { &SqliteInspector::readObjects, &SqliteInspector::readColumns,
             &SqliteInspector::readForeignKeys, &SqliteInspector::readIndexes }) {
        if (auto done = (this->*step)(); !done)
            return done.error();
    }
    for (Table &table : m_catalog.tables)
        if (table.kind == TableKind::Table)
            readDdlConstraints(table);
    readEstimates();
    return m_catalog;
}

Result<void> SqliteInspector::readObjects()
{
    auto query
        = m_connection.run(QStringLiteral("SELECT type, name, tbl_name, sql FROM sqlite_master "
                                          "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name"),
            QStringLiteral("sqlite_schema"));
    if (!query)
        return query.error();
    QList<QStringList> triggers;
    while (query->next()) {
        const QString type = query->value(0).toString();
        const QString name = query->value(1).toString();
        const QString sql = query->value(3).toString();
        if (type == QLatin1String("table") || type == QLatin1String("view")) {
            Table table;
            table.schema = kMain;
            table.name = name;
            table.kind = type == QLatin1String("view") ? TableKind::View : TableKind::Table;
            table.definition = type == QLatin1String("view") ? SqliteDdl::viewSelect(sql) : sql;
            m_tableByName.insert(name, m_catalog.tables.size());
            m_catalog.tables.append(table);
        } else if (type == QLatin1String("index")) {
            m_indexSql.insert(name, sql);
        } else if (type == QLatin1String("trigger")) {
            triggers << QStringList { name, query->value(2).toString(), sql };
        }
    }
    for (const QStringList &trigger : triggers)
        if (Table *table = tableNamed(trigger.at(1)))
            table->triggers.append({ trigger.at(0), SqliteDdl::triggerTiming(trigger.at(2)),
                SqliteDdl::triggerEvents(trigger.at(2)), trigger.at(2) });
    return {};
}

Result<void> SqliteInspector::readColumns()
{
    auto query = m_connection.run(
        QStringLiteral("SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden "
                       "FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p "
                       "WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                       "ORDER BY m.name, p.cid"),
        QStringLiteral("the columns"));
    if (!query)
        return query.error();
    QHash<QString, QList<QPair<int, QString>>> keys;
    while (query->next()) {
        Table *table = tableNamed(query->value(0).toString());
        if (!table)
            continue;
        const int hidden = query->value(6).toInt();
        if (hidden == 1)
            continue; // a virtual table's hidden column
        Column column;
        column.name = query->value(1).toString();
        column.type = query->value(2).toString();
        column.nullable = !query->value(3).toBool();
        if (!query->value(4).isNull())
            column.defaultValue = query->value(4).toString();
        if (hidden == 2 || hidden == 3)
            column.generated = QStringLiteral("generated"); // the expression comes from the DDL
        if (const int pk = query->value(5).toInt(); pk > 0)
            keys[table->name].append({ pk, column.name });
        table->columns.append(column);
    }
    for (auto it = keys.begin(); it != keys.end(); ++it) {
        std::sort(it->begin(), it->end());
        Table *table = tableNamed(it.key());
        for (const auto &key : *it)
            table->primaryKey << key.second;
    }
    return {};
}

Result<void> SqliteInspector::readForeignKeys()
{
    auto query = m_connection.run(
        QStringLiteral("SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete "
                       "FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f "
                       "WHERE m.type = 'table' ORDER BY m.name, f.id DESC, f.seq"),
        QStringLiteral("the foreign keys"));
    if (!query)
        return query.error();
    QString currentTable;
    int currentId = -1;
    QList<QPair<QString, int>> missingRefColumns; // (table, fk index) pointing at the parent's primary key
    while (query->next()) {
        Table *table = tableNamed(query->value(0).toString());
        if (!table)
            continue;
        const int id = query->value(1).toInt();
        if (table->name != currentTable || id != currentId) {
            ForeignKey fk;
            fk.refSchema = kMain;
            fk.refTable = query->value(2).toString();
            fk.onUpdate = action(query->value(5).toString());
            fk.onDelete = action(query->value(6).toString());
            table->foreignKeys.append(fk);
            currentTable = table->name;
            currentId = id;
        }
        ForeignKey &fk = table->foreignKeys.last();
        fk.columns << query->value(3).toString();
        if (query->value(4).isNull()) {
            if (fk.refColumns.isEmpty())
                missingRefColumns.append({ table->name, int(table->foreignKeys.size() - 1) });
        } else {
            fk.refColumns << query->value(4).toString();
        }
    }
    // "REFERENCES parent" without columns means the parent's primary key.
    for (const auto &[tableName, index] : missingRefColumns) {
        ForeignKey &fk = tableNamed(tableName)->foreignKeys[index];
        if (const Table *parent = tableNamed(fk.refTable))
            fk.refColumns = parent->primaryKey;
    }
    return {};
}

Result<void> SqliteInspector::readIndexes()
{
    auto query
        = m_connection.run(QStringLiteral("SELECT m.name, il.name, il.\"unique\", il.origin, ix.cid, ix.name "
                                          "FROM sqlite_master m JOIN pragma_index_list(m.name) il "
                                          "JOIN pragma_index_xinfo(il.name) ix "
                                          "WHERE m.type = 'table' AND ix.key = 1 "
                                          "ORDER BY m.name, il.name, ix.seqno"),
            QStringLiteral("the indexes"));
    if (!query)
        return query.error();
    while (query->next()) {
        Table *table = tableNamed(query->value(0).toString());
        if (!table)
            continue;
        const QString name = query->value(1).toString();
        if (table->indexes.isEmpty() || table->indexes.last().name != name) {
            Index index;
            index.name = name;
            index.unique = query->value(2).toBool();
            index.method = QStringLiteral("btree");
            const QString origin = query->value(3).toString();
            index.primary = origin == QLatin1String("pk");
            index.predicate = SqliteDdl::indexPredicate(m_indexSql.value(name));
            table->indexes.append(index);
            if (origin == QLatin1String("u"))
                table->uniques.append({ QString(), {} });
        }
        Index &index = table->indexes.last();
        // cid -2: an expression; its text is in the CREATE INDEX.
        if (query->value(4).toInt() == -2) {
            const QStringList terms = SqliteDdl::indexTerms(m_indexSql.value(name));
            index.columns << terms.value(index.columns.size());
        } else {
            index.columns << query->value(5).toString();
        }
        if (query->value(3).toString() == QLatin1String("u"))
            table->uniques.last().columns = index.columns;
    }
    return {};
}

void SqliteInspector::readDdlConstraints(Table &table)
{
    // Names and checks live only in the DDL.
    for (const SqliteDdl::TablePart &part : SqliteDdl::tableParts(table.definition)) {
        const QString lead = SqliteDdl::leadingName(part.text).toUpper();
        const bool tableConstraint = part.text.isEmpty() == false
            && (lead == QLatin1String("PRIMARY") || lead == QLatin1String("UNIQUE")
                || lead == QLatin1String("CHECK") || lead == QLatin1String("FOREIGN"))
            && !part.text.front().isNull() && part.text.front() != QLatin1Char('"')
            && part.text.front() != QLatin1Char('[') && part.text.front() != QLatin1Char('`');
        if (tableConstraint) {
            if (lead == QLatin1String("CHECK")) {
                for (const auto &check : SqliteDdl::checks(part.text))
                    table.checks.append({ part.constraintName, check.second });
            } else if (lead == QLatin1String("PRIMARY")) {
                table.primaryKeyName = part.constraintName;
            } else if (lead == QLatin1String("FOREIGN") && !part.constraintName.isEmpty()) {
                const QStringList columns = SqliteDdl::listAfter(part.text, QStringLiteral("KEY"));
                for (ForeignKey &fk : table.foreignKeys)
                    if (fk.columns == columns && fk.name.isEmpty())
                        fk.name = part.constraintName;
            } else if (lead == QLatin1String("UNIQUE") && !part.constraintName.isEmpty()) {
                const QStringList columns = SqliteDdl::listAfter(part.text, QStringLiteral("UNIQUE"));
                for (UniqueConstraint &unique : table.uniques)
                    if (unique.columns == columns && unique.name.isEmpty())
                        unique.name = part.constraintName;
            }
            continue;
        }
        // A column definition: its checks and generated expression.
        const QString columnName = SqliteDdl::leadingName(part.text);
        for (const auto &check : SqliteDdl::checks(part.text))
            table.checks.append({ check.first, check.second });
        for (Column &column : table.columns)
            if (column.name == columnName && !column.generated.isEmpty())
                column.generated = SqliteDdl::generatedExpression(part.text);
        if (const QString name = SqliteDdl::referencesName(part.text); !name.isEmpty()) {
            for (ForeignKey &fk : table.foreignKeys)
                if (fk.columns == QStringList { columnName } && fk.name.isEmpty())
                    fk.name = name;
        }
        if (part.text.contains(QLatin1String("PRIMARY KEY"), Qt::CaseInsensitive)
            && !part.constraintName.isEmpty())
            table.primaryKeyName = part.constraintName;
    }
    // Unique constraints without a name carry the name SQLite gave their index.
    for (UniqueConstraint &unique : table.uniques)
        if (unique.name.isEmpty())
            for (const Index &index : table.indexes)
                if (index.unique && index.columns == unique.columns
                    && index.name.startsWith(QLatin1String("sqlite_")))
                    unique.name = index.name;
}

void SqliteInspector::readEstimates()
{
    // sqlite_stat1 (written by ANALYZE) holds the row counts; without it they stay unknown.
    if (auto stats
        = m_connection.run(QStringLiteral("SELECT tbl, max(CAST(stat AS INTEGER)) FROM sqlite_stat1 "
                                          "GROUP BY tbl"),
            QStringLiteral("sqlite_stat1"))) {
        while (stats->next())
            if (Table *table = tableNamed(stats->value(0).toString()))
                table->estimatedRows = stats->value(1).toLongLong();
    }
    // dbstat sums the pages of each table and its indexes: only on files small
    // enough that reading every page is quick.
    auto bytes = m_connection.run(
        QStringLiteral("SELECT c.page_count * s.page_size FROM pragma_page_count() c, pragma_page_size() s"),
        QStringLiteral("the database's size"));
    if (!bytes || !bytes->next() || bytes->value(0).toLongLong() > 256LL * 1024 * 1024)
        return;
    auto sizes = m_connection.run(QStringLiteral("SELECT coalesce(m.tbl_name, d.name), sum(d.pgsize) "
                                                 "FROM dbstat d LEFT JOIN sqlite_master m ON m.name = d.name "
                                                 "GROUP BY 1"),
        QStringLiteral("dbstat"));
    if (!sizes)
        return; // SQLite built without dbstat: sizes stay unknown
    while (sizes->next())
        if (Table *table = tableNamed(sizes->value(0).toString()))
            if (table->kind == TableKind::Table)
                table->sizeBytes = sizes->value(1).toLongLong();
}

} // namespace devdash::schema

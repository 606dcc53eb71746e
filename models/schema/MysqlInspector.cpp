#include "schema/MysqlInspector.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

namespace devdash::schema {

namespace {

QString key(const QString &schema, const QString &name)
{
    return schema + QChar(0x1f) + name;
}

QString rule(const QString &text)
{
    const QString lower = text.toLower();
    return lower.isEmpty() ? QStringLiteral("no action") : lower;
}

bool isNumericType(const QString &dataType)
{
    static const QStringList numeric = {
        QStringLiteral("tinyint"),
        QStringLiteral("smallint"),
        QStringLiteral("mediumint"),
        QStringLiteral("int"),
        QStringLiteral("integer"),
        QStringLiteral("bigint"),
        QStringLiteral("decimal"),
        QStringLiteral("numeric"),
        QStringLiteral("float"),
        QStringLiteral("double"),
        QStringLiteral("real"),
        QStringLiteral("bit"),
        QStringLiteral("year"),
    };
    return numeric.contains(dataType.toLower());
}

} // namespace

MysqlInspector::MysqlInspector(ReadOnlyConnection &connection, const QStringList &schemas)
    : m_connection(connection)
    , m_schemas(schemas)
{
}

Table *MysqlInspector::tableFor(const QString &schema, const QString &name)
{
    const auto it = m_tableByName.constFind(key(schema, name));
    return it == m_tableByName.cend() ? nullptr : &m_catalog.tables[*it];
}

Result<QSqlQuery> MysqlInspector::select(const QString &columns, const QString &from,
    const QString &schemaColumn, const QString &what, const QString &orderBy)
{
    // The schema names are bound, one placeholder each.
    QStringList marks;
    QVariantList values;
    for (const QString &schema : m_catalog.schemas) {
        marks << QStringLiteral("?");
        values << schema;
    }
    return m_connection.run(
        QStringLiteral("SELECT %1 FROM information_schema.%2 WHERE %3 IN (%4) ORDER BY %5")
            .arg(columns, from, schemaColumn, marks.join(QLatin1Char(',')), orderBy),
        what, values);
}

Result<SchemaCatalog> MysqlInspector::inspect()
{
    auto about = m_connection.run(
        QStringLiteral("SELECT DATABASE(), VERSION()"), QStringLiteral("the database name"));
    if (!about)
        return about.error();
    if (about->next()) {
        m_catalog.database = about->value(0).toString();
        m_catalog.serverVersion = about->value(1).toString();
    }
    m_mariaDb = m_catalog.serverVersion.contains(QLatin1String("MariaDB"), Qt::CaseInsensitive);
    m_catalog.schemas = m_schemas.isEmpty() ? QStringList { m_catalog.database } : m_schemas;
    for (const auto step : { &MysqlInspector::readTables, &MysqlInspector::readColumns,
             &MysqlInspector::readIndexes, &MysqlInspector::readForeignKeys, &MysqlInspector::readChecks,
             &MysqlInspector::readTriggers, &MysqlInspector::readViews }) {
        if (auto done = (this->*step)(); !done) {
            // What the user may not read is said, and the rest is shown.
            if (done.error().code == 1 && step != &MysqlInspector::readTables) {
                m_catalog.warnings << done.errorMessage();
                continue;
            }
            return done.error();
        }
    }
    return m_catalog;
}

Result<void> MysqlInspector::readTables()
{
    auto query = select(QStringLiteral("TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, TABLE_ROWS, "
                                       "DATA_LENGTH + INDEX_LENGTH, TABLE_COMMENT"),
        QStringLiteral("TABLES"), QStringLiteral("TABLE_SCHEMA"), QStringLiteral("the tables"),
        QStringLiteral("TABLE_SCHEMA, TABLE_NAME"));
    if (!query)
        return query.error();
    while (query->next()) {
        const QString type = query->value(2).toString();
        if (type == QLatin1String("SEQUENCE"))
            continue; // MariaDB sequences are listed below, not as tables
        Table table;
        table.schema = query->value(0).toString();
        table.name = query->value(1).toString();
        table.kind = type == QLatin1String("VIEW") ? TableKind::View : TableKind::Table;
        if (table.kind == TableKind::Table) {
            table.estimatedRows = query->value(3).isNull() ? -1 : query->value(3).toLongLong();
            table.sizeBytes = query->value(4).isNull() ? -1 : query->value(4).toLongLong();
            table.comment = query->value(5).toString();
        }
        m_tableByName.insert(key(table.schema, table.name), m_catalog.tables.size());
        m_catalog.tables.append(table);
    }
    if (m_catalog.tables.isEmpty())
        // information_schema lists only what the user has a privilege on.
        m_catalog.warnings << QStringLiteral(
            "No table of %1 is visible: the database is empty, or user \"%2\" has no "
            "privilege on its tables.")
                                  .arg(m_catalog.schemas.join(QStringLiteral(", ")),
                                      m_connection.url().user());
    return {};
}

Result<void> MysqlInspector::readColumns()
{
    auto query
        = select(QStringLiteral("TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, "
                                "COLUMN_DEFAULT, EXTRA, GENERATION_EXPRESSION, COLUMN_COMMENT, DATA_TYPE"),
            QStringLiteral("COLUMNS"), QStringLiteral("TABLE_SCHEMA"), QStringLiteral("the columns"),
            QStringLiteral("TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION"));
    if (!query)
        return query.error();
    while (query->next()) {
        Table *table = tableFor(query->value(0).toString(), query->value(1).toString());
        if (!table)
            continue;
        Column column;
        column.name = query->value(2).toString();
        column.type = query->value(3).toString();
        column.nullable = query->value(4).toString() == QLatin1String("YES");
        const QString extra = query->value(6).toString();
        const QString generation = query->value(7).toString();
        const QVariant rawDefault = query->value(5);
        if (!generation.isEmpty()) {
            column.generated = generation;
        } else if (!rawDefault.isNull()) {
            const QString text = rawDefault.toString();
            if (m_mariaDb) {
                // MariaDB: 'NULL' (text) means no default; literals come quoted already.
                if (text != QLatin1String("NULL"))
                    column.defaultValue = text;
            } else if (extra.contains(QLatin1String("DEFAULT_GENERATED"))
                || isNumericType(query->value(9).toString())) {
                column.defaultValue = text;
            } else {
                // MySQL: a bare literal; quoted as MariaDB (and SQL) write it.
                QString quoted = text;
                quoted.replace(QLatin1Char('\''), QLatin1String("''"));
                column.defaultValue = QLatin1Char('\'') + quoted + QLatin1Char('\'');
            }
        }
        if (extra.contains(QLatin1String("auto_increment"), Qt::CaseInsensitive))
            column.generated = QStringLiteral("auto_increment");
        column.comment = query->value(8).toString();
        table->columns.append(column);
    }
    return {};
}

Result<void> MysqlInspector::readIndexes()
{
    auto query = select(QStringLiteral("*"), QStringLiteral("STATISTICS"), QStringLiteral("TABLE_SCHEMA"),
        QStringLiteral("the indexes"), QStringLiteral("TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX"));
    if (!query)
        return query.error();
    const QSqlRecord record = query->record();
    const int schemaAt = record.indexOf(QStringLiteral("TABLE_SCHEMA"));
    const int tableAt = record.indexOf(QStringLiteral("TABLE_NAME"));
    const int nameAt = record.indexOf(QStringLiteral("INDEX_NAME"));
    const int nonUniqueAt = record.indexOf(QStringLiteral("NON_UNIQUE"));
    const int columnAt = record.indexOf(QStringLiteral("COLUMN_NAME"));
    const int typeAt = record.indexOf(QStringLiteral("INDEX_TYPE"));
    const int subPartAt = record.indexOf(QStringLiteral("SUB_PART"));
    const int expressionAt = record.indexOf(QStringLiteral("EXPRESSION")); // MySQL 8 functional indexes
    while (query->next()) {
        Table *table = tableFor(query->value(schemaAt).toString(), query->value(tableAt).toString());
        if (!table)
            continue;
        const QString name = query->value(nameAt).toString();
        if (table->indexes.isEmpty() || table->indexes.last().name != name) {
            Index index;
            index.name = name;
            index.unique = query->value(nonUniqueAt).toInt() == 0;
            index.primary = name == QLatin1String("PRIMARY");
            index.method = query->value(typeAt).toString().toLower();
            table->indexes.append(index);
            if (index.primary)
                table->primaryKeyName = name;
            else if (index.unique)
                table->uniques.append({ name, {} });
        }
        Index &index = table->indexes.last();
        QString column = query->value(columnAt).toString();
        if (column.isEmpty() && expressionAt >= 0)
            column = query->value(expressionAt).toString();
        if (!query->value(subPartAt).isNull())
            column += QStringLiteral("(%1)").arg(query->value(subPartAt).toInt());
        index.columns << column;
        if (index.primary)
            table->primaryKey << query->value(columnAt).toString();
        else if (index.unique)
            table->uniques.last().columns = index.columns;
    }
    return {};
}

Result<void> MysqlInspector::readForeignKeys()
{
    auto rules
        = select(QStringLiteral("CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE"),
            QStringLiteral("REFERENTIAL_CONSTRAINTS"), QStringLiteral("CONSTRAINT_SCHEMA"),
            QStringLiteral("the foreign key rules"), QStringLiteral("1, 2, 3"));
    if (!rules)
        return rules.error();
    QHash<QString, QPair<QString, QString>> actions;
    while (rules->next())
        actions.insert(key(rules->value(0).toString(),
                           rules->value(1).toString() + QChar(0x1f) + rules->value(2).toString()),
            { rule(rules->value(3).toString()), rule(rules->value(4).toString()) });
    auto query
        = select(QStringLiteral("TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, "
                                "REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME"),
            QStringLiteral("KEY_COLUMN_USAGE"), QStringLiteral("TABLE_SCHEMA"),
            QStringLiteral("the foreign keys"),
            QStringLiteral("TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION"));
    if (!query)
        return query.error();
    while (query->next()) {
        if (query->value(5).isNull())
            continue; // a primary or unique key's column: read from STATISTICS
        Table *table = tableFor(query->value(0).toString(), query->value(1).toString());
        if (!table)
            continue;
        const QString name = query->value(2).toString();
        if (table->foreignKeys.isEmpty() || table->foreignKeys.last().name != name) {
            ForeignKey fk;
            fk.name = name;
            fk.refSchema = query->value(4).toString();
            fk.refTable = query->value(5).toString();
            const auto action = actions.value(key(table->schema, table->name + QChar(0x1f) + name),
                { QStringLiteral("no action"), QStringLiteral("no action") });
            fk.onUpdate = action.first;
            fk.onDelete = action.second;
            table->foreignKeys.append(fk);
        }
        table->foreignKeys.last().columns << query->value(3).toString();
        table->foreignKeys.last().refColumns << query->value(6).toString();
    }
    return {};
}

Result<void> MysqlInspector::readChecks()
{
    // MariaDB's CHECK_CONSTRAINTS names the table; MySQL's needs TABLE_CONSTRAINTS for it.
    Result<QSqlQuery> query = m_mariaDb
        ? select(QStringLiteral("CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE"),
            QStringLiteral("CHECK_CONSTRAINTS"), QStringLiteral("CONSTRAINT_SCHEMA"),
            QStringLiteral("the check constraints"), QStringLiteral("1, 2, 3"))
        : select(QStringLiteral("tc.CONSTRAINT_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, cc.CHECK_CLAUSE"),
            QStringLiteral("TABLE_CONSTRAINTS tc JOIN information_schema.CHECK_CONSTRAINTS cc "
                           "ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA "
                           "AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME AND tc.CONSTRAINT_TYPE = 'CHECK'"),
            QStringLiteral("tc.CONSTRAINT_SCHEMA"), QStringLiteral("the check constraints"),
            QStringLiteral("1, 2, 3"));
    if (!query) {
        // Servers before MySQL 8.0.16 / MariaDB 10.2 have no CHECK_CONSTRAINTS.
        m_catalog.warnings << QStringLiteral("Check constraints were not read: %1").arg(query.errorMessage());
        return {};
    }
    while (query->next())
        if (Table *table = tableFor(query->value(0).toString(), query->value(1).toString()))
            table->checks.append({ query->value(2).toString(), query->value(3).toString() });
    return {};
}

Result<void> MysqlInspector::readTriggers()
{
    auto query
        = select(QStringLiteral("EVENT_OBJECT_SCHEMA, EVENT_OBJECT_TABLE, TRIGGER_NAME, ACTION_TIMING, "
                                "EVENT_MANIPULATION, ACTION_STATEMENT, ACTION_ORIENTATION"),
            QStringLiteral("TRIGGERS"), QStringLiteral("EVENT_OBJECT_SCHEMA"), QStringLiteral("the triggers"),
            QStringLiteral("1, 2, 3"));
    if (!query)
        return query.error();
    while (query->next()) {
        Table *table = tableFor(query->value(0).toString(), query->value(1).toString());
        if (!table)
            continue;
        const QString timing = query->value(3).toString();
        const QString event = query->value(4).toString();
        table->triggers.append({ query->value(2).toString(), timing.toLower(), event.toLower(),
            QStringLiteral("CREATE TRIGGER %1 %2 %3 ON %4 FOR EACH %5 %6")
                .arg(query->value(2).toString(), timing, event, table->name, query->value(6).toString(),
                    query->value(5).toString()) });
    }
    return {};
}

Result<void> MysqlInspector::readViews()
{
    auto query = select(QStringLiteral("TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION"), QStringLiteral("VIEWS"),
        QStringLiteral("TABLE_SCHEMA"), QStringLiteral("the views"), QStringLiteral("1, 2"));
    if (!query)
        return query.error();
    QStringList hidden;
    while (query->next()) {
        Table *table = tableFor(query->value(0).toString(), query->value(1).toString());
        if (!table)
            continue;
        table->definition = query->value(2).toString();
        if (table->definition.isEmpty())
            hidden << table->name;
    }
    if (!hidden.isEmpty())
        m_catalog.warnings << QStringLiteral(
            "The definitions of %1 view(s) are hidden (%2): the SHOW VIEW privilege "
            "is needed to read them.")
                                  .arg(hidden.size())
                                  .arg(hidden.mid(0, 10).join(QStringLiteral(", ")));
    return {};
}

} // namespace devdash::schema

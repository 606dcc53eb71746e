#include "schema/OdbcInspector.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include <algorithm>

namespace devdash::schema {

namespace {

QString key(const QString &schema, const QString &name)
{
    return schema + QChar(0x1f) + name;
}

// The DBMSs' own schemas, which information_schema lists too.
bool isSystemSchema(const QString &schema)
{
    static const QStringList system = {
        QStringLiteral("information_schema"),
        QStringLiteral("pg_catalog"),
        QStringLiteral("mysql"),
        QStringLiteral("performance_schema"),
        QStringLiteral("sys"),
    };
    return system.contains(schema, Qt::CaseInsensitive) || schema.startsWith(QLatin1String("pg_toast"))
        || schema.startsWith(QLatin1String("pg_temp_"));
}

// information_schema's type, with the length or precision the engine's own
// spelling carries: "character varying(45)", "numeric(5,2)".
QString standardType(
    const QString &dataType, const QVariant &length, const QVariant &precision, const QVariant &scale)
{
    const QString lower = dataType.toLower();
    if (!length.isNull() && length.toLongLong() > 0
        && (lower.contains(QLatin1String("char")) || lower.contains(QLatin1String("binary"))
            || lower == QLatin1String("bit") || lower == QLatin1String("bit varying")))
        return QStringLiteral("%1(%2)").arg(dataType).arg(length.toLongLong());
    if (!precision.isNull() && (lower == QLatin1String("numeric") || lower == QLatin1String("decimal")))
        return QStringLiteral("%1(%2,%3)").arg(dataType).arg(precision.toInt()).arg(scale.toInt());
    return dataType;
}

// The type of a column as ODBC describes it (SQLColumns' DATA_TYPE): the SQL
// data types of the ODBC specification, with the size where it has one.
QString odbcType(const QSqlField &field)
{
    const int size = field.length();
    const auto sized = [&](const char *name) {
        return size > 0 ? QStringLiteral("%1(%2)").arg(QLatin1String(name)).arg(size) : QLatin1String(name);
    };
    switch (field.typeID()) {
    case 1:
        return sized("char");
    case 12:
        return sized("varchar");
    case -1:
        return QStringLiteral("longvarchar");
    case -8:
        return sized("wchar");
    case -9:
        return sized("wvarchar");
    case -10:
        return QStringLiteral("wlongvarchar");
    case 2:
    case 3: {
        const QString name = field.typeID() == 2 ? QStringLiteral("numeric") : QStringLiteral("decimal");
        return size > 0 ? QStringLiteral("%1(%2,%3)").arg(name).arg(size).arg(std::max(0, field.precision()))
                        : name;
    }
    case 4:
        return QStringLiteral("integer");
    case 5:
        return QStringLiteral("smallint");
    case -6:
        return QStringLiteral("tinyint");
    case -5:
        return QStringLiteral("bigint");
    case 6:
        return QStringLiteral("float");
    case 7:
        return QStringLiteral("real");
    case 8:
        return QStringLiteral("double");
    case -7:
        return QStringLiteral("bit");
    case -2:
        return sized("binary");
    case -3:
        return sized("varbinary");
    case -4:
        return QStringLiteral("longvarbinary");
    case 9:
    case 91:
        return QStringLiteral("date");
    case 10:
    case 92:
        return QStringLiteral("time");
    case 11:
    case 93:
        return QStringLiteral("timestamp");
    case -11:
        return QStringLiteral("guid");
    case -16:
        return QStringLiteral("boolean");
    default:
        return QStringLiteral("odbc type %1").arg(field.typeID());
    }
}

} // namespace

OdbcInspector::OdbcInspector(ReadOnlyConnection &connection, const QStringList &schemas)
    : m_connection(connection)
    , m_schemas(schemas)
{
}

bool OdbcInspector::wanted(const QString &schema) const
{
    return m_schemas.isEmpty() ? !isSystemSchema(schema) : m_schemas.contains(schema);
}

Table *OdbcInspector::tableFor(const QString &schema, const QString &name)
{
    const auto it = m_tableByName.constFind(key(schema, name));
    return it == m_tableByName.cend() ? nullptr : &m_catalog.tables[*it];
}

Result<SchemaCatalog> OdbcInspector::inspect()
{
    const OdbcDataSource::Dbms &dbms = m_connection.odbcDbms();
    m_catalog.database = m_connection.url().database();
    m_catalog.serverVersion = QString(dbms.name + QLatin1Char(' ') + dbms.version).trimmed();
    const QString source = QStringLiteral("ODBC data source \"%1\" (%2)")
                               .arg(m_connection.url().database(), dbms.description());
    // SQLite has no information_schema, and asking would only fail.
    auto standard
        = dbms.engine == DatabaseUrl::Engine::Sqlite ? Result<bool>(false) : readInformationSchemaTables();
    if (!standard)
        return standard.error();
    if (*standard) {
        for (const auto step :
            { &OdbcInspector::readInformationSchemaColumns, &OdbcInspector::readInformationSchemaKeys,
                &OdbcInspector::readInformationSchemaForeignKeys }) {
            if (auto done = (this->*step)(); !done) {
                if (m_connection.cancelToken().isCancelled())
                    return done.error();
                // What the DBMS's information_schema lacks or refuses is said; the rest is shown.
                m_catalog.warnings << done.errorMessage();
            }
        }
        m_catalog.warnings << QStringLiteral(
            "%1 is read generically, from information_schema: tables, views, columns (type, "
            "nullable, default), primary keys, unique constraints and foreign keys. Not read: "
            "check constraints, indexes, triggers, sequences, user-defined types, comments, view "
            "definitions and size estimates.")
                                  .arg(source);
    } else {
        if (auto done = readThroughDriver(); !done)
            return done.error();
        m_catalog.warnings << QStringLiteral(
            "%1 is read generically, through ODBC's catalog calls: tables, views, columns (as "
            "ODBC types, nullable) and primary keys. Not read: column defaults, unique and check "
            "constraints, foreign keys, indexes, triggers, sequences, comments, view definitions "
            "and size estimates.")
                                  .arg(source);
    }
    if (dbms.engine == DatabaseUrl::Engine::Odbc)
        m_catalog.warnings << QStringLiteral(
            "DevDash only reads, and asked the ODBC driver for a read-only connection "
            "(SQL_MODE_READ_ONLY); whether %1 enforces it is up to its driver.")
                                  .arg(dbms.name.isEmpty() ? QStringLiteral("this DBMS") : dbms.name);
    for (const Table &table : m_catalog.tables)
        if (!m_catalog.schemas.contains(table.schema))
            m_catalog.schemas << table.schema;
    m_catalog.schemas.sort();
    return m_catalog;
}

Result<bool> OdbcInspector::readInformationSchemaTables()
{
    auto query = m_connection.run(QStringLiteral("SELECT table_schema, table_name, table_type "
                                                 "FROM information_schema.tables"),
        QStringLiteral("the tables (information_schema)"));
    if (!query) {
        if (m_connection.cancelToken().isCancelled())
            return query.error();
        return false; // no information_schema here: the driver's catalog calls instead
    }
    while (query->next()) {
        Table table;
        table.schema = query->value(0).toString();
        if (!wanted(table.schema))
            continue;
        table.name = query->value(1).toString();
        const QString type = query->value(2).toString().toUpper();
        if (type == QLatin1String("VIEW"))
            table.kind = TableKind::View;
        else if (type != QLatin1String("BASE TABLE") && type != QLatin1String("FOREIGN")
            && type != QLatin1String("FOREIGN TABLE"))
            continue; // system views, temporary tables, sequences (MariaDB)
        m_tableByName.insert(key(table.schema, table.name), m_catalog.tables.size());
        m_catalog.tables.append(table);
    }
    return true;
}

Result<void> OdbcInspector::readInformationSchemaColumns()
{
    auto query = m_connection.run(
        QStringLiteral(
            "SELECT table_schema, table_name, column_name, data_type, is_nullable, column_default, "
            "  character_maximum_length, numeric_precision, numeric_scale "
            "FROM information_schema.columns "
            "ORDER BY table_schema, table_name, ordinal_position"),
        QStringLiteral("the columns (information_schema)"));
    if (!query)
        return query.error();
    while (query->next()) {
        Table *table = tableFor(query->value(0).toString(), query->value(1).toString());
        if (!table)
            continue;
        Column column;
        column.name = query->value(2).toString();
        column.type
            = standardType(query->value(3).toString(), query->value(6), query->value(7), query->value(8));
        column.nullable = query->value(4).toString().compare(QLatin1String("NO"), Qt::CaseInsensitive) != 0;
        if (!query->value(5).isNull())
            column.defaultValue = query->value(5).toString();
        table->columns.append(column);
    }
    return {};
}

Result<void> OdbcInspector::readInformationSchemaKeys()
{
    auto query = m_connection.run(
        QStringLiteral("SELECT tc.table_schema, tc.table_name, tc.constraint_name, tc.constraint_type, "
                       "  k.column_name "
                       "FROM information_schema.table_constraints tc "
                       "JOIN information_schema.key_column_usage k "
                       "  ON k.constraint_schema = tc.constraint_schema "
                       "  AND k.constraint_name = tc.constraint_name "
                       "  AND k.table_schema = tc.table_schema AND k.table_name = tc.table_name "
                       "WHERE tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE') "
                       "ORDER BY tc.table_schema, tc.table_name, tc.constraint_name, k.ordinal_position"),
        QStringLiteral("the primary keys and unique constraints (information_schema)"));
    if (!query)
        return query.error();
    while (query->next()) {
        Table *table = tableFor(query->value(0).toString(), query->value(1).toString());
        if (!table)
            continue;
        const QString name = query->value(2).toString();
        const QString column = query->value(4).toString();
        if (query->value(3).toString().compare(QLatin1String("PRIMARY KEY"), Qt::CaseInsensitive) == 0) {
            table->primaryKeyName = name;
            table->primaryKey << column;
        } else if (!table->uniques.isEmpty() && table->uniques.last().name == name) {
            table->uniques.last().columns << column;
        } else {
            table->uniques.append({ name, { column } });
        }
    }
    return {};
}

Result<void> OdbcInspector::readInformationSchemaForeignKeys()
{
    // The referenced columns are those of the unique constraint the key points at,
    // matched by position (the standard's position_in_unique_constraint).
    auto query = m_connection.run(
        QStringLiteral("SELECT k.table_schema, k.table_name, rc.constraint_name, k.column_name, "
                       "  r.table_schema, r.table_name, r.column_name, rc.update_rule, rc.delete_rule "
                       "FROM information_schema.referential_constraints rc "
                       "JOIN information_schema.key_column_usage k "
                       "  ON k.constraint_schema = rc.constraint_schema "
                       "  AND k.constraint_name = rc.constraint_name "
                       "JOIN information_schema.key_column_usage r "
                       "  ON r.constraint_schema = rc.unique_constraint_schema "
                       "  AND r.constraint_name = rc.unique_constraint_name "
                       "  AND r.ordinal_position = k.position_in_unique_constraint "
                       "ORDER BY k.table_schema, k.table_name, rc.constraint_name, k.ordinal_position"),
        QStringLiteral("the foreign keys (information_schema)"));
    if (!query)
        return query.error();
    while (query->next()) {
        Table *table = tableFor(query->value(0).toString(), query->value(1).toString());
        if (!table)
            continue;
        const QString name = query->value(2).toString();
        if (table->foreignKeys.isEmpty() || table->foreignKeys.last().name != name) {
            ForeignKey fk;
            fk.name = name;
            fk.refSchema = query->value(4).toString();
            fk.refTable = query->value(5).toString();
            fk.onUpdate = query->value(7).toString().toLower();
            fk.onDelete = query->value(8).toString().toLower();
            table->foreignKeys.append(fk);
        }
        table->foreignKeys.last().columns << query->value(3).toString();
        table->foreignKeys.last().refColumns << query->value(6).toString();
    }
    return {};
}

Result<void> OdbcInspector::readThroughDriver()
{
    QSqlDatabase db = m_connection.database();
    const bool sqlite = m_connection.odbcDbms().engine == DatabaseUrl::Engine::Sqlite;
    // QODBC names tables without their schema: SQLite's is "main"; another DBMS's stays empty.
    const QString schema = sqlite ? QStringLiteral("main") : QString();
    const QString what = QStringLiteral("the list of tables of %1").arg(m_connection.url().displayUrl());
    for (const auto &[type, kind] :
        { std::pair { QSql::Tables, TableKind::Table }, std::pair { QSql::Views, TableKind::View } }) {
        const QStringList names = db.tables(type);
        if (db.lastError().isValid() && names.isEmpty() && type == QSql::Tables)
            return Error { QStringLiteral("Reading %1 failed: %2").arg(what, db.lastError().text()) };
        for (const QString &name : names) {
            if (sqlite && name.startsWith(QLatin1String("sqlite_")))
                continue; // SQLite's own tables
            if (!schema.isEmpty() && !m_schemas.isEmpty() && !m_schemas.contains(schema))
                continue;
            Table table;
            table.schema = schema;
            table.name = name;
            table.kind = kind;
            m_tableByName.insert(key(table.schema, table.name), m_catalog.tables.size());
            m_catalog.tables.append(table);
        }
    }
    // ODBC's SQLColumns and SQLPrimaryKeys, once per table.
    for (Table &table : m_catalog.tables) {
        if (m_connection.cancelToken().isCancelled())
            return Error { QStringLiteral("Reading the columns of %1 was cancelled.")
                               .arg(m_connection.url().displayUrl()) };
        const QSqlRecord record = db.record(table.name);
        for (int i = 0; i < record.count(); ++i) {
            const QSqlField field = record.field(i);
            Column column;
            column.name = field.name();
            column.type = odbcType(field);
            column.nullable = field.requiredStatus() != QSqlField::Required;
            table.columns.append(column);
        }
        if (table.kind != TableKind::Table)
            continue;
        const QSqlIndex primary = db.primaryIndex(table.name);
        for (int i = 0; i < primary.count(); ++i)
            table.primaryKey << primary.fieldName(i);
        if (!table.primaryKey.isEmpty())
            table.primaryKeyName = primary.name();
    }
    return {};
}

} // namespace devdash::schema

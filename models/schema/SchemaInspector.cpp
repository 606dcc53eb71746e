#include "schema/SchemaInspector.h"

#include "schema/MysqlInspector.h"
#include "schema/OdbcInspector.h"
#include "schema/PostgresInspector.h"
#include "schema/SqliteInspector.h"

#include <QSqlRecord>

#include <algorithm>

namespace devdash::schema {

Result<SchemaCatalog> SchemaInspector::inspect(ReadOnlyConnection &connection, const InspectOptions &options)
{
    Result<SchemaCatalog> catalog = Error {};
    // Behind an ODBC DSN, SQLite, PostgreSQL and MySQL/MariaDB speak their own
    // catalog SQL too (backend() names them); any other DBMS is read generically.
    switch (connection.backend()) {
    case DatabaseUrl::Engine::Sqlite:
        catalog = SqliteInspector(connection).inspect();
        break;
    case DatabaseUrl::Engine::Postgres:
        catalog = PostgresInspector(connection, options.schemas).inspect();
        break;
    case DatabaseUrl::Engine::MySql:
    case DatabaseUrl::Engine::MariaDb:
        catalog = MysqlInspector(connection, options.schemas).inspect();
        break;
    case DatabaseUrl::Engine::Odbc:
        catalog = OdbcInspector(connection, options.schemas).inspect();
        break;
    }
    if (!catalog)
        return catalog;
    SchemaCatalog &result = catalog.value();
    result.driver = connection.url().driverName();
    result.inspectedAt = QDateTime::currentDateTimeUtc();
    std::sort(result.tables.begin(), result.tables.end(), [](const Table &a, const Table &b) {
        return a.schema != b.schema ? a.schema < b.schema : a.name < b.name;
    });
    std::sort(result.sequences.begin(), result.sequences.end(), [](const Sequence &a, const Sequence &b) {
        return a.schema != b.schema ? a.schema < b.schema : a.name < b.name;
    });
    std::sort(result.types.begin(), result.types.end(), [](const UserType &a, const UserType &b) {
        return a.schema != b.schema ? a.schema < b.schema : a.name < b.name;
    });
    return catalog;
}

Result<RowPreview> SchemaInspector::previewRows(ReadOnlyConnection &connection, const Table &table, int limit)
{
    // Schema and name quoted apart, as the catalog spells them (SQLite's "main" is implied).
    const QString from = connection.quoted(
        connection.backend() == DatabaseUrl::Engine::Sqlite ? QString() : table.schema, table.name);
    // The limit is bound (QSQLITE, QPSQL and QMYSQL all accept a bound LIMIT). A DBMS
    // behind ODBC that DevDash does not know may have no LIMIT: the rows stop being read
    // at the limit instead (a forward-only query reads no further).
    const bool knowsLimit = connection.backend() != DatabaseUrl::Engine::Odbc;
    const QString what = QStringLiteral("the first rows of %1").arg(table.qualifiedName());
    auto query = knowsLimit
        ? connection.run(QStringLiteral("SELECT * FROM %1 LIMIT ?").arg(from), what, { std::max(0, limit) })
        : connection.run(QStringLiteral("SELECT * FROM %1").arg(from), what);
    if (!query)
        return query.error();
    RowPreview preview;
    const QSqlRecord record = query->record();
    // The catalog's names when they match the result, column for column: QSQLITE drops
    // every '"' from a result's column names.
    if (record.count() == table.columns.size()) {
        for (const Column &column : table.columns)
            preview.columns << column.name;
    } else {
        for (int i = 0; i < record.count(); ++i)
            preview.columns << record.fieldName(i);
    }
    while (preview.rows.size() < std::max(0, limit) && query->next()) {
        QVariantList row;
        row.reserve(record.count());
        for (int i = 0; i < record.count(); ++i)
            row << query->value(i);
        preview.rows << row;
    }
    return preview;
}

} // namespace devdash::schema

#pragma once

// Reads the catalog of an ODBC data source whose DBMS DevDash has no inspector
// for (SchemaInspector sends PostgreSQL and MySQL/MariaDB behind a DSN to their
// own inspectors). Where the DBMS has the SQL standard's information_schema,
// one query per kind of object: tables and views, columns, primary keys and
// unique constraints, foreign keys. Where it has none (SQLite…), Qt's ODBC
// catalog calls: QSqlDatabase::tables(), record() and primaryIndex(), which
// ask the driver once per table (ODBC has no call for all of them). What a
// generic source cannot show is said in the catalog's warnings.

#include "common/Result.h"
#include "schema/ReadOnlyConnection.h"
#include "schema/SchemaCatalog.h"

#include <QHash>

namespace devdash::schema {

class OdbcInspector
{
public:
    OdbcInspector(ReadOnlyConnection &connection, const QStringList &schemas);
    Result<SchemaCatalog> inspect();

private:
    // false: the DBMS has no information_schema (nothing was read).
    Result<bool> readInformationSchemaTables();
    Result<void> readInformationSchemaColumns();
    Result<void> readInformationSchemaKeys();
    Result<void> readInformationSchemaForeignKeys();
    Result<void> readThroughDriver();
    bool wanted(const QString &schema) const;
    Table *tableFor(const QString &schema, const QString &name);

    ReadOnlyConnection &m_connection;
    QStringList m_schemas;
    SchemaCatalog m_catalog;
    QHash<QString, int> m_tableByName; // "schema\x1ftable" → index
};

} // namespace devdash::schema

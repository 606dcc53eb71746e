#pragma once

// Reads a SQLite catalog: sqlite_schema joined with the pragma table functions
// (pragma_table_xinfo, pragma_foreign_key_list, pragma_index_list,
// pragma_index_xinfo), one query per kind of object over all tables; what the
// pragmas do not give (checks, generated expressions, constraint names, index
// expressions and predicates) is read from the DDL SQLite keeps (SqliteDdl).

#include "common/Result.h"
#include "schema/ReadOnlyConnection.h"
#include "schema/SchemaCatalog.h"

#include <QHash>

namespace devdash::schema {

class SqliteInspector
{
public:
    explicit SqliteInspector(ReadOnlyConnection &connection);
    Result<SchemaCatalog> inspect();

private:
    Result<void> readObjects();
    Result<void> readColumns();
    Result<void> readForeignKeys();
    Result<void> readIndexes();
    void readEstimates();
    void readDdlConstraints(Table &table);
    Table *tableNamed(const QString &name);

    ReadOnlyConnection &m_connection;
    SchemaCatalog m_catalog;
    QHash<QString, int> m_tableByName;
    QHash<QString, QString> m_indexSql; // index name → CREATE INDEX
};

} // namespace devdash::schema

#pragma once

// The DDL of a table as the Database page shows it: the engine's own text when
// it keeps one (SQLite), else written from the catalog (CREATE TABLE with its
// columns, keys, checks and foreign keys, then its indexes and triggers).

#include "schema/SchemaCatalog.h"

namespace devdash::ui {

class TableDdl
{
public:
    static QString of(const schema::Table &table);
    static QString of(const schema::Sequence &sequence);
    static QString of(const schema::UserType &type);
};

} // namespace devdash::ui

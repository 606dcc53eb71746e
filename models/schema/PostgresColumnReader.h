#pragma once

// The columns of every relation of a PostgreSQL database in one catalog query, on
// any connection (PostgresInspector reads them on a second one while its first
// reads the rest), with each type named once per distinct (type, typmod).

#include "common/Result.h"
#include "schema/ReadOnlyConnection.h"
#include "schema/SchemaCatalog.h"

#include <QHash>
#include <QList>
#include <QPair>

namespace devdash::schema {

class PostgresColumnReader
{
public:
    using Key = QPair<qint64, int>; // (relation oid, attnum)
    struct Slot
    {
        QString name;
        qsizetype index = 0; // in its relation's column list
    };
    struct Columns
    {
        QHash<Key, Slot> byKey;
        QHash<qint64, QList<Column>> byRelation; // in column order, without defaults
        QList<Key> generated; // stored generated columns: their expression is read per column
    };

    static Result<Columns> read(const ReadOnlyConnection &connection);

private:
    static Result<void> nameTypes(
        const ReadOnlyConnection &connection, QHash<QPair<qint64, int>, QString> &names);
};

} // namespace devdash::schema

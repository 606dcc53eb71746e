#pragma once

// The catalog as JSON and back: the shape of `devdash schema URL --json`
// (docs/cli.md, "Database schemas"), which is also how snapshots are kept in
// the store. fromJson(toJson(c)) == c for every field the JSON carries.

#include "common/Result.h"
#include "schema/SchemaCatalog.h"

#include <QJsonObject>

namespace devdash::schema {

class SchemaJson
{
public:
    static QJsonObject toJson(const SchemaCatalog &catalog);
    // The text json::print(toJson(catalog)) writes, streamed without the QJsonObject
    // tree (`devdash schema URL --json` on thousands of tables).
    static QByteArray toJsonText(const SchemaCatalog &catalog);
    // From this many tables on, toJsonText writes two halves of them at once.
    static constexpr qsizetype ParallelTables = 500;
    static Result<SchemaCatalog> fromJson(const QJsonObject &object);
    // Parses text (a file written by `devdash schema --json`, a snapshot).
    static Result<SchemaCatalog> fromText(const QByteArray &text, const QString &what);

    static QJsonObject tableToJson(const Table &table);
    static Table tableFromJson(const QJsonObject &object);
};

} // namespace devdash::schema

#include "schema/PostgresColumnReader.h"

#include "schema/PostgresCatalog.h"

#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <vector>

namespace devdash::schema {

Result<PostgresColumnReader::Columns> PostgresColumnReader::read(const ReadOnlyConnection &connection)
{
    // format_type is asked once per distinct (type, typmod) after this query, not
    // once per column: on 50,000 columns it was half the query's time. Defaults are
    // read by PostgresInspector on the other connection.
    auto query = connection.runBuffered(
        QStringLiteral("SELECT a.attrelid, a.attname, a.atttypid, a.atttypmod, a.attnotnull, "
                       "  a.attgenerated, a.attidentity, d.description, a.attnum "
                       "FROM pg_attribute a "
                       "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                       "LEFT JOIN pg_description d ON d.objoid = a.attrelid "
                       "  AND d.classoid = 'pg_class'::regclass AND d.objsubid = a.attnum "
                       "WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f') "
                       "  AND %1")
            .arg(QLatin1String(kUserNamespace)),
        QStringLiteral("the columns"));
    if (!query)
        return query.error();
    // No ORDER BY: sorting 50,000 wide rows spilled to disk on the server. Each
    // relation's columns are put in attnum order below.
    struct Arrived
    {
        int attnum;
        QPair<qint64, int> type; // (atttypid, atttypmod)
        Column column;
    };
    QHash<qint64, std::vector<Arrived>> arrived;
    QHash<QPair<qint64, int>, QString> typeNames;
    Columns read;
    qsizetype count = 0;
    while (query->next()) {
        ++count;
        const qint64 relation = query->value(0).toLongLong();
        const int attnum = query->value(8).toInt();
        const QPair<qint64, int> type { query->value(2).toLongLong(), query->value(3).toInt() };
        typeNames.insert(type, QString());
        Column column;
        column.name = query->value(1).toString();
        column.nullable = !query->value(4).toBool();
        const QString generated = query->value(5).toString();
        const QString identity = query->value(6).toString();
        if (generated == QLatin1String("s"))
            read.generated.append({ relation, attnum });
        if (identity == QLatin1String("a"))
            column.generated = QStringLiteral("identity always");
        else if (identity == QLatin1String("d"))
            column.generated = QStringLiteral("identity by default");
        column.comment = query->value(7).toString();
        arrived[relation].push_back({ attnum, type, std::move(column) });
    }
    if (auto named = nameTypes(connection, typeNames); !named)
        return named.error();
    read.byKey.reserve(count);
    for (auto it = arrived.begin(); it != arrived.end(); ++it) {
        std::vector<Arrived> &rows = it.value();
        const auto byAttnum = [](const Arrived &x, const Arrived &y) { return x.attnum < y.attnum; };
        if (!std::is_sorted(rows.begin(), rows.end(), byAttnum))
            std::sort(rows.begin(), rows.end(), byAttnum);
        QList<Column> &columns = read.byRelation[it.key()];
        columns.reserve(qsizetype(rows.size()));
        for (Arrived &row : rows) {
            row.column.type = typeNames.value(row.type);
            read.byKey.insert({ it.key(), row.attnum }, { row.column.name, columns.size() });
            columns.append(std::move(row.column));
        }
    }
    return read;
}

Result<void> PostgresColumnReader::nameTypes(
    const ReadOnlyConnection &connection, QHash<QPair<qint64, int>, QString> &names)
{
    // The pairs go as two bound arrays (values are never written into the text).
    if (names.isEmpty())
        return {};
    QStringList types;
    QStringList modifiers;
    types.reserve(names.size());
    modifiers.reserve(names.size());
    for (auto it = names.cbegin(); it != names.cend(); ++it) {
        types << QString::number(it.key().first);
        modifiers << QString::number(it.key().second);
    }
    auto query = connection.runBuffered(
        QStringLiteral("SELECT v.t, v.m, format_type(v.t::oid, v.m) FROM unnest(?::bigint[], ?::int[]) v(t, m)"),
        QStringLiteral("the column types"),
        { QVariant(QLatin1Char('{') + types.join(QLatin1Char(',')) + QLatin1Char('}')),
            QVariant(QLatin1Char('{') + modifiers.join(QLatin1Char(',')) + QLatin1Char('}')) });
    if (!query)
        return query.error();
    while (query->next())
        names.insert({ query->value(0).toLongLong(), query->value(1).toInt() }, query->value(2).toString());
    return {};
}

} // namespace devdash::schema

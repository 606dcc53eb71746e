#include "schema/PostgresInspector.h"

#include "schema/PostgresCatalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <future>
#include <numeric>
#include <optional>
#include <vector>

namespace devdash::schema {

namespace {

QStringList jsonList(const QVariant &value)
{
    QStringList out;
    const QJsonArray array = QJsonDocument::fromJson(value.toString().toUtf8()).array();
    for (const QJsonValue &item : array)
        out << item.toString();
    return out;
}

QString foreignKeyAction(const QString &code)
{
    switch (code.isEmpty() ? 'a' : code.at(0).toLatin1()) {
    case 'r':
        return QStringLiteral("restrict");
    case 'c':
        return QStringLiteral("cascade");
    case 'n':
        return QStringLiteral("set null");
    case 'd':
        return QStringLiteral("set default");
    default:
        return QStringLiteral("no action");
    }
}

// pg_get_constraintdef gives "CHECK ((price > 0))"; the catalog keeps the expression.
QString checkExpression(QString definition)
{
    if (definition.endsWith(QLatin1String(" NOT VALID")))
        definition.chop(10);
    if (definition.startsWith(QLatin1String("CHECK (")) && definition.endsWith(QLatin1Char(')')))
        return definition.mid(7, definition.size() - 8);
    return definition;
}

QString triggerTiming(int type)
{
    if (type & 64)
        return QStringLiteral("instead of");
    return (type & 2) ? QStringLiteral("before") : QStringLiteral("after");
}

QString triggerEvents(int type)
{
    QStringList events;
    if (type & 4)
        events << QStringLiteral("insert");
    if (type & 16)
        events << QStringLiteral("update");
    if (type & 8)
        events << QStringLiteral("delete");
    if (type & 32)
        events << QStringLiteral("truncate");
    return events.join(QStringLiteral(" or "));
}

} // namespace

PostgresInspector::PostgresInspector(ReadOnlyConnection &connection, const QStringList &schemas)
    : m_connection(connection)
    , m_schemas(schemas)
{
}

bool PostgresInspector::wanted(const QString &schema) const
{
    return m_schemas.isEmpty() || m_schemas.contains(schema);
}

Table *PostgresInspector::tableFor(qint64 oid)
{
    const auto it = m_tableByOid.constFind(oid);
    return it == m_tableByOid.cend() ? nullptr : &m_catalog.tables[*it];
}

Result<SchemaCatalog> PostgresInspector::inspect()
{
    auto about
        = m_connection.run(QStringLiteral("SELECT current_database(), current_setting('server_version'), "
                                          "current_setting('block_size')::bigint"),
            QStringLiteral("the database name"));
    if (!about)
        return about.error();
    if (about->next()) {
        m_catalog.database = about->value(0).toString();
        m_catalog.serverVersion = about->value(1).toString();
        m_blockSize = about->value(2).toLongLong();
    }
    // The catalog queries over thousands of tables cost enough for the planner to
    // JIT-compile them: compiling took longer (0.5 s for the types query) than
    // running. A server without JIT (before 11) refuses the setting: harmless.
    (void)m_connection.run(QStringLiteral("SET jit = off"), QStringLiteral("the JIT setting"));
    auto schemas = m_connection.run(
        QStringLiteral("SELECT n.nspname, has_schema_privilege(n.oid, 'USAGE') FROM pg_namespace n WHERE %1 "
                       "ORDER BY 1")
            .arg(QLatin1String(kUserNamespace)),
        QStringLiteral("the schemas"));
    if (!schemas)
        return schemas.error();
    while (schemas->next()) {
        const QString name = schemas->value(0).toString();
        if (!wanted(name))
            continue;
        m_catalog.schemas << name;
        if (!schemas->value(1).toBool())
            m_catalog.warnings << QStringLiteral(
                "No USAGE privilege on schema \"%1\": its objects are listed from "
                "the catalog, but their rows cannot be read.")
                                      .arg(name);
    }
    // The columns (the biggest query) are read on a second connection while this
    // one reads the rest; without a second connection (it needs a password only
    // the keychain holds, or the server refuses one more) they are read here after.
    auto columnsElsewhere = std::async(std::launch::async,
        [url = m_connection.url(),
            cancel = m_connection.cancelToken()]() -> std::optional<Result<PostgresColumnReader::Columns>> {
            ConnectionOptions options;
            options.useKeychain = false;
            options.connectTimeoutSeconds = 5;
            options.cancel = cancel;
            auto second = ReadOnlyConnection::open(url, options);
            if (!second)
                return std::nullopt;
            (void)(*second)->run(QStringLiteral("SET jit = off"), QStringLiteral("the JIT setting"));
            return PostgresColumnReader::read(**second);
        });
    if (auto done = readRelations(); !done)
        return done.error();
    auto constraints = queryConstraints();
    auto indexes = queryIndexes();
    auto defaults = queryDefaults();
    for (const auto step : { &PostgresInspector::readTriggers, &PostgresInspector::readSequences,
             &PostgresInspector::readTypes }) {
        if (auto done = (this->*step)(); !done)
            return done.error();
    }
    // Read while the columns may still be on their way.
    if (auto done = readConstraints(constraints); !done)
        return done.error();
    if (auto done = readIndexes(indexes); !done)
        return done.error();
    std::optional<Result<PostgresColumnReader::Columns>> columns = columnsElsewhere.get();
    if (!columns)
        columns = PostgresColumnReader::read(m_connection);
    if (!*columns)
        return columns->error();
    const QList<PostgresColumnReader::Key> generated = columns->value().generated;
    applyColumns(std::move(columns->value()));
    nameKeyColumns();
    if (auto done = readDefaults(defaults); !done)
        return done.error();
    if (auto done = readGeneratedExpressions(generated); !done)
        return done.error();
    return m_catalog;
}

Result<void> PostgresInspector::readRelations()
{
    // reltuples and relpages (the table's, its TOAST table's, and its indexes' added in
    // readIndexes) are the estimates the catalog holds as of the last VACUUM/ANALYZE:
    // no file is touched (pg_total_relation_size stats every file: seconds on
    // thousands of tables).
    // no table is scanned. Partitions (and inheritance children) name their (first) parent.
    auto query = m_connection.runBuffered(
        QStringLiteral(
            "SELECT c.oid, n.nspname, c.relname, c.relkind, c.reltuples::bigint, "
            "  CASE WHEN c.relkind IN ('r', 'p', 'm') THEN c.relpages::bigint + coalesce(t.relpages, 0) END, "
            "  d.description, "
            "  CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END, "
            "  pn.nspname || '.' || pc.relname, "
            "  has_table_privilege(c.oid, 'SELECT') "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "LEFT JOIN pg_class t ON t.oid = c.reltoastrelid "
            "LEFT JOIN pg_inherits i ON i.inhrelid = c.oid AND i.inhseqno = 1 "
            "LEFT JOIN pg_class pc ON pc.oid = i.inhparent "
            "LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace "
            "LEFT JOIN pg_description d ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass "
            "  AND d.objsubid = 0 "
            "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND %1")
            .arg(QLatin1String(kUserNamespace)),
        QStringLiteral("the tables and views"));
    if (!query)
        return query.error();
    QStringList unreadable;
    while (query->next()) {
        Table table;
        table.schema = query->value(1).toString();
        if (!wanted(table.schema))
            continue;
        table.name = query->value(2).toString();
        const QString kind = query->value(3).toString();
        table.kind = kind == QLatin1String("v") ? TableKind::View
            : kind == QLatin1String("m")        ? TableKind::MaterializedView
                                                : TableKind::Table;
        const qint64 rows = query->value(4).toLongLong();
        table.estimatedRows = rows < 0 ? -1 : rows;
        table.sizeBytes = query->value(5).isNull() ? -1 : query->value(5).toLongLong() * m_blockSize;
        table.comment = query->value(6).toString();
        table.definition = query->value(7).toString().trimmed();
        table.partitionOf = query->value(8).toString();
        if (!query->value(9).toBool())
            unreadable << table.qualifiedName();
        m_tableByOid.insert(query->value(0).toLongLong(), m_catalog.tables.size());
        m_catalog.tables.append(table);
    }
    if (!unreadable.isEmpty())
        m_catalog.warnings << QStringLiteral(
            "No SELECT privilege on %1 table(s) (%2): their structure is shown, "
            "their rows cannot be previewed.")
                                  .arg(unreadable.size())
                                  .arg(unreadable.mid(0, 10).join(QStringLiteral(", ")));
    return {};
}

void PostgresInspector::applyColumns(PostgresColumnReader::Columns &&read)
{
    m_columns = std::move(read.byKey);
    for (auto it = read.byRelation.begin(); it != read.byRelation.end(); ++it) {
        if (Table *table = tableFor(it.key()))
            table->columns = std::move(it.value());
    }
}

Column *PostgresInspector::columnFor(qint64 relation, int attnum)
{
    Table *table = tableFor(relation);
    const auto slot = m_columns.constFind({ relation, attnum });
    if (!table || slot == m_columns.cend() || slot->index >= table->columns.size())
        return nullptr;
    return &table->columns[slot->index];
}

Result<QSqlQuery> PostgresInspector::queryDefaults() const
{
    // Deparsing is the cost (pg_get_expr on 10,000 defaults took longer than
    // reading 50,000 columns), so it is done once per distinct expression tree,
    // on one of the columns that have it: a default cannot refer to a column
    // (PostgreSQL refuses it), so every copy deparses the same. A stored generated
    // column's expression does refer to columns: readGeneratedExpressions reads it
    // on its own table. Grouping on the whole catalog costs less than joining it to
    // the user's relations; other relations' defaults are skipped on reading.
    return m_connection.runBuffered(
        QStringLiteral("SELECT g.relations::text, g.attnums::text, pg_get_expr(d.adbin, d.adrelid) "
                       "FROM (SELECT array_agg(adrelid) AS relations, array_agg(adnum) AS attnums "
                       "      FROM pg_attrdef GROUP BY adbin::text) g "
                       "JOIN pg_attrdef d ON d.adrelid = g.relations[1] AND d.adnum = g.attnums[1]"),
        QStringLiteral("the column defaults"));
}

Result<void> PostgresInspector::readDefaults(Result<QSqlQuery> &query)
{
    if (!query)
        return query.error();
    const auto numbers = [](const QString &array) {
        // "{16385,16390}" → its numbers.
        return QStringView(array).mid(1, array.size() - 2).split(QLatin1Char(','), Qt::SkipEmptyParts);
    };
    while (query->next()) {
        const QString relations = query->value(0).toString();
        const QString attnums = query->value(1).toString();
        const QString expression = query->value(2).toString();
        const auto relationList = numbers(relations);
        const auto attnumList = numbers(attnums);
        for (qsizetype i = 0; i < std::min(relationList.size(), attnumList.size()); ++i) {
            if (Column *column = columnFor(relationList.at(i).toLongLong(), attnumList.at(i).toInt()))
                column->defaultValue = expression;
        }
    }
    return {};
}

Result<void> PostgresInspector::readGeneratedExpressions(const QList<PostgresColumnReader::Key> &columns)
{
    // The keys go as two bound arrays (values are never written into the text).
    QStringList relations;
    QStringList attnums;
    for (const PostgresColumnReader::Key &key : columns) {
        if (Column *column = columnFor(key.first, key.second)) {
            column->defaultValue.reset();
            relations << QString::number(key.first);
            attnums << QString::number(key.second);
        }
    }
    if (relations.isEmpty())
        return {};
    auto query = m_connection.runBuffered(
        QStringLiteral("SELECT d.adrelid, d.adnum, pg_get_expr(d.adbin, d.adrelid) "
                       "FROM unnest(?::oid[], ?::int2[]) k(relation, attnum) "
                       "JOIN pg_attrdef d ON d.adrelid = k.relation AND d.adnum = k.attnum"),
        QStringLiteral("the generated columns"),
        { QVariant(QLatin1Char('{') + relations.join(QLatin1Char(',')) + QLatin1Char('}')),
            QVariant(QLatin1Char('{') + attnums.join(QLatin1Char(',')) + QLatin1Char('}')) });
    if (!query)
        return query.error();
    while (query->next()) {
        if (Column *column = columnFor(query->value(0).toLongLong(), query->value(1).toInt()))
            column->generated = query->value(2).toString();
    }
    return {};
}

Result<QSqlQuery> PostgresInspector::queryConstraints() const
{
    // Key column numbers become names from the columns read before (conkey and
    // confkey keep key order): no subquery per constraint.
    return m_connection.runBuffered(
        QStringLiteral(
            "SELECT con.conrelid, con.conname, con.contype, con.conkey::text, rn.nspname, rc.relname, "
            "  con.confkey::text, con.confupdtype, con.confdeltype, "
            "  CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid, true) END, con.confrelid "
            "FROM pg_constraint con "
            "JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "LEFT JOIN pg_class rc ON rc.oid = con.confrelid "
            "LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace "
            "WHERE con.contype IN ('p', 'u', 'c', 'f') AND %1 "
            "ORDER BY con.conrelid, con.conname")
            .arg(QLatin1String(kUserNamespace)),
        QStringLiteral("the constraints"));
}

Result<void> PostgresInspector::readConstraints(Result<QSqlQuery> &query)
{
    if (!query)
        return query.error();
    while (query->next()) {
        const qint64 relation = query->value(0).toLongLong();
        const int tableIndex = m_tableByOid.value(relation, -1);
        if (tableIndex < 0)
            continue;
        Table &table = m_catalog.tables[tableIndex];
        const QString name = query->value(1).toString();
        const QString type = query->value(2).toString();
        const QString attnums = query->value(3).toString();
        if (type == QLatin1String("p")) {
            table.primaryKeyName = name;
            m_keyColumns.push_back({ tableIndex, KeyColumns::PrimaryKey, 0, relation, attnums, {}, 0 });
        } else if (type == QLatin1String("u")) {
            m_keyColumns.push_back(
                { tableIndex, KeyColumns::Unique, int(table.uniques.size()), relation, attnums, {}, 0 });
            table.uniques.append({ name, {} });
        } else if (type == QLatin1String("c")) {
            table.checks.append({ name, checkExpression(query->value(9).toString()) });
        } else {
            const int item = int(table.foreignKeys.size());
            ForeignKey fk;
            fk.name = name;
            fk.refSchema = query->value(4).toString();
            fk.refTable = query->value(5).toString();
            fk.onUpdate = foreignKeyAction(query->value(7).toString());
            fk.onDelete = foreignKeyAction(query->value(8).toString());
            table.foreignKeys.append(fk);
            m_keyColumns.push_back({ tableIndex, KeyColumns::ForeignKey, item, relation, attnums, {}, 0 });
            m_keyColumns.push_back({ tableIndex, KeyColumns::ReferencedKey, item,
                query->value(10).toLongLong(), query->value(6).toString(), {}, 0 });
        }
    }
    return {};
}

void PostgresInspector::nameKeyColumns()
{
    for (const KeyColumns &keys : m_keyColumns) {
        Table &table = m_catalog.tables[keys.table];
        switch (keys.kind) {
        case KeyColumns::PrimaryKey:
            table.primaryKey = columnNames(keys.relation, keys.attnums);
            break;
        case KeyColumns::Unique:
            table.uniques[keys.item].columns = columnNames(keys.relation, keys.attnums);
            break;
        case KeyColumns::ForeignKey:
            table.foreignKeys[keys.item].columns = columnNames(keys.relation, keys.attnums);
            break;
        case KeyColumns::ReferencedKey:
            table.foreignKeys[keys.item].refColumns = columnNames(keys.relation, keys.attnums);
            break;
        case KeyColumns::IndexKey: {
            // indkey: "3 0 1", 0 for an expression; the first keyCount are the key.
            const QStringList numbers = keys.attnums.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            const int count = std::min(int(numbers.size()), keys.keyCount);
            QStringList &columns = table.indexes[keys.item].columns;
            for (int k = 0; k < count; ++k) {
                const int attnum = numbers.at(k).toInt();
                columns << (attnum == 0 ? keys.expressions.value(k)
                                        : columnName(keys.relation, attnum, numbers.at(k)));
            }
            break;
        }
        }
    }
    m_keyColumns.clear();
}

Result<QSqlQuery> PostgresInspector::queryIndexes() const
{
    // One row per index: key columns are named from indkey with the column names
    // read before; pg_get_indexdef is asked only for the indexes that have an
    // expression (attnum 0), pg_get_expr only for partial ones (it is strict).
    return m_connection.runBuffered(
        QStringLiteral("SELECT i.indrelid, ic.relname, i.indisunique, i.indisprimary, am.amname, "
                       "  pg_get_expr(i.indpred, i.indrelid, true), i.indkey::text, i.indnkeyatts, "
                       "  CASE WHEN 0 = ANY (i.indkey::int2[]) THEN array_to_json(ARRAY("
                       "    SELECT pg_get_indexdef(i.indexrelid, k, true) "
                       "    FROM generate_series(1, i.indnkeyatts::int) k ORDER BY k))::text END, "
                       "  ic.relpages "
                       "FROM pg_index i "
                       "JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam "
                       "JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                       "WHERE %1 "
                       "ORDER BY i.indrelid, ic.relname")
            .arg(QLatin1String(kUserNamespace)),
        QStringLiteral("the indexes"));
}

Result<void> PostgresInspector::readIndexes(Result<QSqlQuery> &query)
{
    if (!query)
        return query.error();
    while (query->next()) {
        const qint64 relation = query->value(0).toLongLong();
        const int tableIndex = m_tableByOid.value(relation, -1);
        if (tableIndex < 0)
            continue;
        Table &table = m_catalog.tables[tableIndex];
        Index index;
        index.name = query->value(1).toString();
        index.unique = query->value(2).toBool();
        index.primary = query->value(3).toBool();
        index.method = query->value(4).toString();
        index.predicate = query->value(5).toString();
        m_keyColumns.push_back({ tableIndex, KeyColumns::IndexKey, int(table.indexes.size()), relation,
            query->value(6).toString(), query->value(8).isNull() ? QStringList() : jsonList(query->value(8)),
            query->value(7).toInt() });
        table.indexes.append(index);
        if (table.sizeBytes >= 0)
            table.sizeBytes += query->value(9).toLongLong() * m_blockSize;
    }
    return {};
}

QString PostgresInspector::columnName(qint64 relation, int attnum, const QString &number) const
{
    const auto slot = m_columns.constFind({ relation, attnum });
    return slot == m_columns.cend() ? QLatin1Char('#') + number : slot->name;
}

QStringList PostgresInspector::columnNames(qint64 relation, const QString &attnums) const
{
    // "{3,1}" → the names of columns 3 and 1 of `relation`, in that order.
    QStringList names;
    const QString inner = attnums.mid(1, attnums.size() - 2);
    if (inner.isEmpty())
        return names;
    for (const QString &number : inner.split(QLatin1Char(',')))
        names << columnName(relation, number.toInt(), number);
    return names;
}

Result<void> PostgresInspector::readTriggers()
{
    auto query = m_connection.run(
        QStringLiteral("SELECT t.tgrelid, t.tgname, t.tgtype, pg_get_triggerdef(t.oid, true) "
                       "FROM pg_trigger t "
                       "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                       "WHERE NOT t.tgisinternal AND %1 "
                       "ORDER BY t.tgrelid, t.tgname")
            .arg(QLatin1String(kUserNamespace)),
        QStringLiteral("the triggers"));
    if (!query)
        return query.error();
    while (query->next()) {
        Table *table = tableFor(query->value(0).toLongLong());
        if (!table)
            continue;
        const int type = query->value(2).toInt();
        table->triggers.append({ query->value(1).toString(), triggerTiming(type), triggerEvents(type),
            query->value(3).toString() });
    }
    return {};
}

Result<void> PostgresInspector::readSequences()
{
    // The owner (serial / identity columns) is the pg_depend 'a'/'i' link to a column.
    auto query = m_connection.run(
        QStringLiteral(
            "SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, "
            "  tn.nspname || '.' || tc.relname || '.' || ta.attname "
            "FROM pg_sequence s "
            "JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid "
            "  AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 "
            "  AND d.deptype IN ('a', 'i') "
            "LEFT JOIN pg_class tc ON tc.oid = d.refobjid "
            "LEFT JOIN pg_namespace tn ON tn.oid = tc.relnamespace "
            "LEFT JOIN pg_attribute ta ON ta.attrelid = d.refobjid AND ta.attnum = d.refobjsubid "
            "WHERE %1")
            .arg(QLatin1String(kUserNamespace)),
        QStringLiteral("the sequences"));
    if (!query)
        return query.error();
    while (query->next()) {
        Sequence sequence;
        sequence.schema = query->value(0).toString();
        if (!wanted(sequence.schema))
            continue;
        sequence.name = query->value(1).toString();
        sequence.type = query->value(2).toString();
        sequence.start = query->value(3).toLongLong();
        sequence.increment = query->value(4).toLongLong();
        sequence.ownedBy = query->value(5).toString();
        m_catalog.sequences.append(sequence);
    }
    return {};
}

Result<void> PostgresInspector::readTypes()
{
    // Enums (labels in order), domains (base type, NOT NULL, checks), standalone
    // composites (fields) and ranges (subtype); not the row types of tables, not
    // the types an extension brings.
    auto query = m_connection.run(
        QStringLiteral(
            "SELECT n.nspname, t.typname, t.typtype, "
            "  array_to_json(CASE t.typtype "
            "    WHEN 'e' THEN ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid "
            "                        ORDER BY e.enumsortorder) "
            "    WHEN 'd' THEN ARRAY[format_type(t.typbasetype, t.typtypmod)] "
            "                  || CASE WHEN t.typnotnull THEN ARRAY['NOT NULL'] ELSE ARRAY[]::text[] END "
            "                  || ARRAY(SELECT pg_get_constraintdef(dc.oid, true) FROM pg_constraint dc "
            "                           WHERE dc.contypid = t.oid ORDER BY dc.conname) "
            "    WHEN 'c' THEN ARRAY(SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod) "
            "                        FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 "
            "                        AND NOT a.attisdropped ORDER BY a.attnum) "
            "    WHEN 'r' THEN ARRAY(SELECT format_type(r.rngsubtype, NULL) FROM pg_range r "
            "                        WHERE r.rngtypid = t.oid) "
            "  END)::text "
            "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
            "LEFT JOIN pg_class tc ON tc.oid = t.typrelid "
            "WHERE t.typtype IN ('e', 'd', 'c', 'r') AND (t.typtype <> 'c' OR tc.relkind = 'c') "
            "  AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_type'::regclass "
            "                  AND x.objid = t.oid AND x.deptype = 'e') "
            "  AND %1")
            .arg(QLatin1String(kUserNamespace)),
        QStringLiteral("the user-defined types"));
    if (!query)
        return query.error();
    while (query->next()) {
        UserType type;
        type.schema = query->value(0).toString();
        if (!wanted(type.schema))
            continue;
        type.name = query->value(1).toString();
        const QString code = query->value(2).toString();
        type.kind = code == QLatin1String("e") ? QStringLiteral("enum")
            : code == QLatin1String("d")       ? QStringLiteral("domain")
            : code == QLatin1String("c")       ? QStringLiteral("composite")
                                               : QStringLiteral("range");
        type.values = jsonList(query->value(3));
        m_catalog.types.append(type);
    }
    return {};
}

} // namespace devdash::schema

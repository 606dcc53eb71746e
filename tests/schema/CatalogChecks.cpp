#include "CatalogChecks.h"

#include "SchemaFixtures.h"

#include "schema/DatabaseUrl.h"
#include "schema/ReadOnlyConnection.h"
#include "schema/SchemaInspector.h"
#include "schema/SchemaJson.h"

#include <QAtomicInt>
#include <QJsonDocument>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

#include <algorithm>

namespace devdash::test {

using namespace devdash::schema;

namespace {

QString literal(const QString &text)
{
    return QLatin1Char('\'') + QString(text).replace(QLatin1Char('\''), QLatin1String("''"))
        + QLatin1Char('\'');
}

} // namespace

SqliteOracle::SqliteOracle(const QString &file)
{
    static QAtomicInt counter;
    m_name = QStringLiteral("sqlite-oracle-%1").arg(counter.fetchAndAddRelaxed(1));
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    m_db.setDatabaseName(file);
    m_db.open();
}

SqliteOracle::~SqliteOracle()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

QList<QVariantList> SqliteOracle::rows(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql))
        qWarning() << q.lastError().text() << sql;
    QList<QVariantList> out;
    while (q.next()) {
        QVariantList row;
        for (int i = 0; i < q.record().count(); ++i)
            row << q.value(i);
        out << row;
    }
    return out;
}

void checkSqliteCatalog(const QString &file, int minTables, int minForeignKeys)
{
    auto url = DatabaseUrl::parse(QStringLiteral("sqlite://") + file);
    QVERIFY2(url.ok(), qPrintable(url.errorMessage()));
    auto connection = ReadOnlyConnection::open(*url);
    QVERIFY2(connection.ok(), qPrintable(connection.errorMessage()));
    auto catalog = SchemaInspector::inspect(**connection);
    QVERIFY2(catalog.ok(), qPrintable(catalog.errorMessage()));
    QCOMPARE(catalog->driver, QStringLiteral("QSQLITE"));

    SqliteOracle oracle(file);
    const auto objects = oracle.rows(QStringLiteral("SELECT name, type FROM sqlite_master WHERE type IN "
                                                    "('table', 'view') AND name NOT LIKE 'sqlite_%' "
                                                    "ORDER BY name"));
    QVERIFY2(objects.size() >= minTables, qPrintable(QString::number(objects.size())));
    QCOMPARE(catalog->tables.size(), objects.size());
    int foreignKeys = 0;
    for (const QVariantList &object : objects) {
        const QString name = object.at(0).toString();
        const Table *table = catalog->table(QStringLiteral("main"), name);
        QVERIFY2(table, qPrintable(name));
        QCOMPARE(tableKindName(table->kind), object.at(1).toString());
        // Columns (generated ones too: hidden 2 and 3): names, declared types, NOT NULL,
        // defaults and key order.
        const auto columns
            = oracle.rows(QStringLiteral("SELECT cid, name, type, \"notnull\", dflt_value, pk, hidden "
                                         "FROM pragma_table_xinfo(%1) WHERE hidden <> 1 ORDER BY cid")
                              .arg(literal(name)));
        QCOMPARE(table->columns.size(), columns.size());
        QStringList primaryKey(columns.size());
        for (int i = 0; i < columns.size(); ++i) {
            const Column &column = table->columns.at(i);
            const QString where = name + QLatin1Char('.') + column.name;
            QCOMPARE(column.name, columns.at(i).at(1).toString());
            QCOMPARE(column.type, columns.at(i).at(2).toString());
            QVERIFY2(column.nullable == !columns.at(i).at(3).toBool(), qPrintable(where));
            QVERIFY2(column.defaultValue.has_value() == !columns.at(i).at(4).isNull(), qPrintable(where));
            if (column.defaultValue)
                QCOMPARE(*column.defaultValue, columns.at(i).at(4).toString());
            QVERIFY2(column.generated.isEmpty() == (columns.at(i).at(6).toInt() == 0), qPrintable(where));
            if (const int pk = columns.at(i).at(5).toInt(); pk > 0)
                primaryKey[pk - 1] = column.name;
        }
        primaryKey.removeAll(QString());
        QCOMPARE(table->primaryKey, primaryKey);
        if (table->kind != TableKind::Table)
            continue;
        // Foreign keys: per pragma_foreign_key_list, grouped by id.
        const auto fks
            = oracle.rows(QStringLiteral("SELECT id, \"table\", \"from\", \"to\", on_update, on_delete "
                                         "FROM pragma_foreign_key_list(%1) ORDER BY id, seq")
                              .arg(literal(name)));
        QMap<int, QList<QVariantList>> byId;
        for (const QVariantList &fk : fks)
            byId[fk.at(0).toInt()] << fk;
        QCOMPARE(table->foreignKeys.size(), byId.size());
        foreignKeys += int(byId.size());
        for (const ForeignKey &fk : table->foreignKeys) {
            bool found = false;
            for (const QList<QVariantList> &rows : byId) {
                QStringList from;
                for (const QVariantList &row : rows)
                    from << row.at(2).toString();
                if (rows.first().at(1).toString() != fk.refTable || from != fk.columns)
                    continue;
                found = true;
                QCOMPARE(fk.onUpdate, rows.first().at(4).toString().toLower());
                QCOMPARE(fk.onDelete, rows.first().at(5).toString().toLower());
                if (!rows.first().at(3).isNull()) {
                    QStringList to;
                    for (const QVariantList &row : rows)
                        to << row.at(3).toString();
                    QCOMPARE(fk.refColumns, to);
                } else { // the referenced table's primary key
                    const Table *target = catalog->table(QStringLiteral("main"), fk.refTable);
                    QVERIFY2(target, qPrintable(fk.refTable));
                    QCOMPARE(fk.refColumns, target->primaryKey);
                }
            }
            QVERIFY2(found, qPrintable(name + QStringLiteral(" → ") + fk.refTable));
        }
        // Indexes: names, uniqueness and key columns per pragma_index_list / pragma_index_info
        // (an expression has no name there; the inspector reads it from the DDL).
        const auto indexes = oracle.rows(
            QStringLiteral("SELECT name, \"unique\", partial FROM pragma_index_list(%1) ORDER BY name")
                .arg(literal(name)));
        QCOMPARE(table->indexes.size(), indexes.size());
        for (int i = 0; i < indexes.size(); ++i) {
            const Index &index = table->indexes.at(i);
            QCOMPARE(index.name, indexes.at(i).at(0).toString());
            QCOMPARE(index.unique, indexes.at(i).at(1).toBool());
            QCOMPARE(index.predicate.isEmpty(), !indexes.at(i).at(2).toBool());
            const auto keys
                = oracle.rows(QStringLiteral("SELECT cid, name FROM pragma_index_info(%1) ORDER BY seqno")
                                  .arg(literal(index.name)));
            QCOMPARE(index.columns.size(), keys.size());
            for (int k = 0; k < keys.size(); ++k) {
                if (keys.at(k).at(0).toInt() == -2)
                    QVERIFY2(index.columns.at(k).contains(QLatin1Char('(')), qPrintable(index.columns.at(k)));
                else
                    QCOMPARE(index.columns.at(k), keys.at(k).at(1).toString());
            }
        }
        const auto triggers = oracle.rows(
            QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %1")
                .arg(literal(name)));
        QCOMPARE(table->triggers.size(), triggers.size());
    }
    QVERIFY2(foreignKeys >= minForeignKeys, qPrintable(QString::number(foreignKeys)));
    // The JSON round trip keeps everything.
    auto back = SchemaJson::fromJson(SchemaJson::toJson(*catalog));
    QVERIFY(back.ok());
    QCOMPARE(SchemaJson::toJson(*back), SchemaJson::toJson(*catalog));
    // `schema --json` streams the text; it must stay the document's own text.
    const QByteArray tree = QJsonDocument(SchemaJson::toJson(*catalog)).toJson(QJsonDocument::Indented);
    QCOMPARE(SchemaJson::toJsonText(*catalog), tree);
    // Past ParallelTables the tables are written in two halves at once: the same text.
    SchemaCatalog many = *catalog;
    while (many.tables.size() <= SchemaJson::ParallelTables + 1) {
        for (Table table : catalog->tables) {
            table.name += QString::number(many.tables.size());
            many.tables.append(table);
        }
    }
    QCOMPARE(SchemaJson::toJsonText(many),
        QJsonDocument(SchemaJson::toJson(many)).toJson(QJsonDocument::Indented));
}

void checkPostgresCatalog(
    ReadOnlyConnection &connection, const QString &database, int minTables, int minForeignKeys)
{
    auto catalog = SchemaInspector::inspect(connection);
    QVERIFY2(catalog.ok(), qPrintable(catalog.errorMessage()));
    QCOMPARE(catalog->database, database);
    QVERIFY2(catalog->tables.size() >= minTables, qPrintable(QString::number(catalog->tables.size())));

    // Every relation of the user's schemas, and only those (information_schema.tables
    // lists tables and views; materialized views are pg_matviews).
    const auto relations = SchemaFixtures::oracle(connection,
        QStringLiteral("SELECT table_schema, table_name FROM information_schema.tables "
                       "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') "
                       "UNION SELECT schemaname, matviewname FROM pg_matviews ORDER BY 1, 2"));
    QCOMPARE(catalog->tables.size(), relations.size());
    int checkedForeignKeys = 0;
    for (const QVariantList &relation : relations) {
        const QString schema = relation.at(0).toString();
        const QString name = relation.at(1).toString();
        const Table *table = catalog->table(schema, name);
        QVERIFY2(table, qPrintable(schema + QLatin1Char('.') + name));
        // Columns, in order, typed by format_type, with NOT NULL and defaults.
        const auto columns = SchemaFixtures::oracle(connection,
            QStringLiteral("SELECT attname, format_type(atttypid, atttypmod), attnotnull, "
                           "pg_get_expr(d.adbin, d.adrelid), attgenerated "
                           "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = "
                           "a.attrelid AND d.adnum = a.attnum WHERE attrelid = "
                           "to_regclass(quote_ident(?) || '.' || quote_ident(?)) "
                           "AND attnum > 0 AND NOT attisdropped ORDER BY attnum"),
            { schema, name });
        QCOMPARE(table->columns.size(), columns.size());
        for (int i = 0; i < columns.size(); ++i) {
            QCOMPARE(table->columns.at(i).name, columns.at(i).at(0).toString());
            QCOMPARE(table->columns.at(i).type, columns.at(i).at(1).toString());
            QCOMPARE(table->columns.at(i).nullable, !columns.at(i).at(2).toBool());
            if (columns.at(i).at(4).toString() == QLatin1String("s"))
                QCOMPARE(table->columns.at(i).generated, columns.at(i).at(3).toString());
            else if (!columns.at(i).at(3).isNull())
                QCOMPARE(
                    table->columns.at(i).defaultValue.value_or(QString()), columns.at(i).at(3).toString());
        }
        // Foreign keys: the rules as information_schema states them.
        const auto fks = SchemaFixtures::oracle(connection,
            QStringLiteral("SELECT rc.constraint_name, lower(rc.update_rule), lower(rc.delete_rule) "
                           "FROM information_schema.referential_constraints rc "
                           "JOIN information_schema.table_constraints tc "
                           "ON tc.constraint_schema = rc.constraint_schema "
                           "AND tc.constraint_name = rc.constraint_name "
                           "WHERE tc.table_schema = ? AND tc.table_name = ? ORDER BY 1"),
            { schema, name });
        QCOMPARE(table->foreignKeys.size(), fks.size());
        for (const QVariantList &fk : fks) {
            auto it = std::find_if(table->foreignKeys.cbegin(), table->foreignKeys.cend(),
                [&](const ForeignKey &k) { return k.name == fk.at(0).toString(); });
            QVERIFY2(it != table->foreignKeys.cend(), qPrintable(fk.at(0).toString()));
            QCOMPARE(it->onUpdate, fk.at(1).toString());
            QCOMPARE(it->onDelete, fk.at(2).toString());
            QVERIFY(!it->refTable.isEmpty());
            QCOMPARE(it->columns.size(), it->refColumns.size());
            ++checkedForeignKeys;
        }
        // Indexes: names, and the predicate as pg_indexes' definition ends.
        const auto indexes = SchemaFixtures::oracle(connection,
            QStringLiteral("SELECT indexname, indexdef FROM pg_indexes "
                           "WHERE schemaname = ? AND tablename = ? ORDER BY 1"),
            { schema, name });
        QCOMPARE(table->indexes.size(), indexes.size());
        for (int i = 0; i < indexes.size(); ++i) {
            const Index &index = table->indexes.at(i);
            QCOMPARE(index.name, indexes.at(i).at(0).toString());
            const QString def = indexes.at(i).at(1).toString();
            QCOMPARE(index.unique, def.startsWith(QLatin1String("CREATE UNIQUE")));
            QVERIFY2(def.contains(QStringLiteral(" USING %1 ").arg(index.method)), qPrintable(def));
            if (def.contains(QLatin1String(" WHERE ")))
                QVERIFY2(def.endsWith(QStringLiteral("WHERE ") + index.predicate)
                        || def.contains(index.predicate.mid(1, index.predicate.size() - 2)),
                    qPrintable(def + QStringLiteral(" / ") + index.predicate));
            else
                QVERIFY(index.predicate.isEmpty());
        }
    }
    QVERIFY2(checkedForeignKeys >= minForeignKeys, qPrintable(QString::number(checkedForeignKeys)));
}

void checkMysqlCatalog(
    ReadOnlyConnection &connection, const QString &database, int minTables, int minForeignKeys)
{
    auto catalog = SchemaInspector::inspect(connection);
    QVERIFY2(catalog.ok(), qPrintable(catalog.errorMessage()));
    QCOMPARE(catalog->database, database);
    QVERIFY2(catalog->tables.size() >= minTables, qPrintable(QString::number(catalog->tables.size())));
    const auto tables = SchemaFixtures::oracle(connection, QStringLiteral("SHOW FULL TABLES"));
    QCOMPARE(catalog->tables.size(), tables.size());
    int foreignKeys = 0;
    for (const QVariantList &row : tables) {
        const QString name = row.at(0).toString();
        const Table *table = catalog->table(database, name);
        QVERIFY2(table, qPrintable(name));
        QCOMPARE(table->kind == TableKind::View, row.at(1).toString() == QLatin1String("VIEW"));
        const QString quotedName = connection.quoted(QString(), name);
        const auto columns
            = SchemaFixtures::oracle(connection, QStringLiteral("SHOW COLUMNS FROM %1").arg(quotedName));
        QCOMPARE(table->columns.size(), columns.size());
        QStringList primaryKey;
        for (int i = 0; i < columns.size(); ++i) {
            const Column &column = table->columns.at(i);
            const QString where = name + QLatin1Char('.') + column.name;
            QCOMPARE(column.name, columns.at(i).at(0).toString());
            QCOMPARE(column.type, columns.at(i).at(1).toString());
            QCOMPARE(column.nullable, columns.at(i).at(2).toString() == QLatin1String("YES"));
            const QVariant shown = columns.at(i).at(4);
            if (!column.generated.isEmpty() && column.generated != QLatin1String("auto_increment"))
                continue;
            if (shown.isNull()) {
                QVERIFY2(
                    !column.defaultValue || *column.defaultValue == QLatin1String("NULL"), qPrintable(where));
            } else {
                QVERIFY2(column.defaultValue, qPrintable(where));
                QString ours = *column.defaultValue;
                if (ours.startsWith(QLatin1Char('\'')))
                    ours = ours.mid(1, ours.size() - 2).replace(QLatin1String("''"), QLatin1String("'"));
                QCOMPARE(ours.toLower(), shown.toString().toLower());
            }
            QCOMPARE(column.generated == QLatin1String("auto_increment"),
                columns.at(i).at(5).toString().contains(QLatin1String("auto_increment")));
        }
        if (table->kind == TableKind::View) {
            QVERIFY(!table->definition.isEmpty());
            continue;
        }
        // Indexes and the primary key, as SHOW INDEX lists them.
        const auto indexRows
            = SchemaFixtures::oracle(connection, QStringLiteral("SHOW INDEX FROM %1").arg(quotedName));
        QMap<QString, QStringList> indexColumns;
        QMap<QString, bool> unique;
        for (const QVariantList &index : indexRows) {
            indexColumns[index.at(2).toString()] << index.at(4).toString();
            unique[index.at(2).toString()] = index.at(1).toInt() == 0;
            if (index.at(2).toString() == QLatin1String("PRIMARY"))
                primaryKey << index.at(4).toString();
        }
        QCOMPARE(table->primaryKey, primaryKey);
        QCOMPARE(table->indexes.size(), indexColumns.size());
        for (const Index &index : table->indexes) {
            QCOMPARE(index.columns, indexColumns.value(index.name));
            QCOMPARE(index.unique, unique.value(index.name));
        }
        // Foreign keys and their rules.
        const auto rules = SchemaFixtures::oracle(connection,
            QStringLiteral("SELECT CONSTRAINT_NAME, LOWER(UPDATE_RULE), LOWER(DELETE_RULE), "
                           "REFERENCED_TABLE_NAME FROM information_schema.REFERENTIAL_CONSTRAINTS "
                           "WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?"),
            { database, name });
        QCOMPARE(table->foreignKeys.size(), rules.size());
        for (const QVariantList &rule : rules) {
            auto it = std::find_if(table->foreignKeys.cbegin(), table->foreignKeys.cend(),
                [&](const ForeignKey &fk) { return fk.name == rule.at(0).toString(); });
            QVERIFY2(it != table->foreignKeys.cend(), qPrintable(rule.at(0).toString()));
            QCOMPARE(it->onUpdate, rule.at(1).toString());
            QCOMPARE(it->onDelete, rule.at(2).toString());
            QCOMPARE(it->refTable, rule.at(3).toString());
            QCOMPARE(it->columns.size(), it->refColumns.size());
            ++foreignKeys;
        }
    }
    QVERIFY2(foreignKeys >= minForeignKeys, qPrintable(QString::number(foreignKeys)));
}

} // namespace devdash::test

// The SQLite inspector against the real sample schemas (sakila, chinook,
// northwind) loaded into SQLite files, checked against SQLite's own per-table
// pragmas; plus what only the DDL says (checks, generated columns, partial and
// expression indexes, names), read-only proof and the row preview.

#include "SchemaFixtures.h"

#include "schema/DatabaseUrl.h"
#include "schema/ReadOnlyConnection.h"
#include "schema/SchemaInspector.h"
#include "schema/SchemaJson.h"

#include <QJsonDocument>

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>

using namespace devdash;
using namespace devdash::schema;
using devdash::test::SchemaFixtures;

namespace {

// An independent connection for the oracle queries.
class Oracle
{
public:
    explicit Oracle(const QString &file)
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("oracle"));
        m_db.setDatabaseName(file);
        m_db.open();
    }
    ~Oracle()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("oracle"));
    }
    QList<QVariantList> rows(const QString &sql)
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

private:
    QSqlDatabase m_db;
};

QString quoted(const QString &name)
{
    return QLatin1Char('"') + QString(name).replace(QLatin1Char('"'), QLatin1String("\"\""))
        + QLatin1Char('"');
}

} // namespace

class TestSqliteInspector : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    Result<SchemaCatalog> inspectFile(const QString &file)
    {
        auto url = DatabaseUrl::parse(QStringLiteral("sqlite://") + file);
        if (!url)
            return url.error();
        auto connection = ReadOnlyConnection::open(*url);
        if (!connection)
            return connection.error();
        return SchemaInspector::inspect(**connection);
    }

private slots:
    void fixturesMatchSqlitesOwnCatalog_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<int>("minTables");
        QTest::newRow("sakila") << QStringLiteral("sakila__sqlite-sakila-schema.sql") << 15;
        QTest::newRow("chinook") << QStringLiteral("chinook-database__Chinook_Sqlite.schema-only.sql") << 11;
        QTest::newRow("chinook-autoincrement")
            << QStringLiteral("chinook-database__Chinook_Sqlite_AutoIncrementPKs.schema-only.sql") << 11;
        QTest::newRow("northwind") << QStringLiteral("northwind-SQLite3__create.schema-only.sql") << 13;
    }
    void fixturesMatchSqlitesOwnCatalog()
    {
        QFETCH(QString, fixture);
        QFETCH(int, minTables);
        const QString file = m_dir.filePath(fixture + QStringLiteral(".db"));
        QString error;
        QVERIFY2(
            SchemaFixtures::loadSqliteFile(file, SchemaFixtures::path(fixture), &error), qPrintable(error));
        auto catalog = inspectFile(file);
        QVERIFY2(catalog.ok(), qPrintable(catalog.errorMessage()));
        QCOMPARE(catalog->driver, QStringLiteral("QSQLITE"));

        Oracle oracle(file);
        const auto objects = oracle.rows(QStringLiteral("SELECT name, type FROM sqlite_master WHERE type IN "
                                                        "('table', 'view') AND name NOT LIKE 'sqlite_%' "
                                                        "ORDER BY name"));
        QVERIFY(objects.size() >= minTables);
        QCOMPARE(catalog->tables.size(), objects.size());
        int foreignKeys = 0;
        for (const QVariantList &object : objects) {
            const QString name = object.at(0).toString();
            const Table *table = catalog->table(QStringLiteral("main"), name);
            QVERIFY2(table, qPrintable(name));
            QCOMPARE(tableKindName(table->kind), object.at(1).toString());
            // Columns: names, declared types, NOT NULL, defaults and key order, per pragma_table_info.
            const auto columns = oracle.rows(QStringLiteral("PRAGMA table_info(%1)").arg(quoted(name)));
            QCOMPARE(table->columns.size(), columns.size());
            QStringList primaryKey(columns.size());
            for (int i = 0; i < columns.size(); ++i) {
                const Column &column = table->columns.at(i);
                QCOMPARE(column.name, columns.at(i).at(1).toString());
                QCOMPARE(column.type, columns.at(i).at(2).toString());
                QCOMPARE(column.nullable, !columns.at(i).at(3).toBool());
                QCOMPARE(column.defaultValue.has_value(), !columns.at(i).at(4).isNull());
                if (column.defaultValue)
                    QCOMPARE(*column.defaultValue, columns.at(i).at(4).toString());
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
                                  .arg(quoted(name)));
            QMap<int, QVariantList> byId;
            for (const QVariantList &fk : fks)
                byId[fk.at(0).toInt()] = fk;
            QCOMPARE(table->foreignKeys.size(), byId.size());
            foreignKeys += int(byId.size());
            for (const ForeignKey &fk : table->foreignKeys) {
                bool found = false;
                for (const QVariantList &row : fks) {
                    if (row.at(1).toString() == fk.refTable && row.at(2).toString() == fk.columns.first()) {
                        found = true;
                        QCOMPARE(fk.onUpdate, row.at(4).toString().toLower());
                        QCOMPARE(fk.onDelete, row.at(5).toString().toLower());
                        if (!row.at(3).isNull())
                            QCOMPARE(fk.refColumns.first(), row.at(3).toString());
                        else
                            QCOMPARE(fk.refColumns,
                                catalog->table(QStringLiteral("main"), fk.refTable)->primaryKey);
                    }
                }
                QVERIFY2(found, qPrintable(name + QStringLiteral(" → ") + fk.refTable));
            }
            // Indexes: names, uniqueness and key columns per pragma_index_list / pragma_index_info.
            const auto indexes
                = oracle.rows(QStringLiteral("SELECT name, \"unique\" FROM pragma_index_list(%1) "
                                             "ORDER BY name")
                                  .arg(quoted(name)));
            QCOMPARE(table->indexes.size(), indexes.size());
            for (int i = 0; i < indexes.size(); ++i) {
                const Index &index = table->indexes.at(i);
                QCOMPARE(index.name, indexes.at(i).at(0).toString());
                QCOMPARE(index.unique, indexes.at(i).at(1).toBool());
                QStringList columns;
                for (const QVariantList &c :
                    oracle.rows(QStringLiteral("PRAGMA index_info(%1)").arg(quoted(index.name))))
                    columns << c.at(2).toString();
                QCOMPARE(index.columns, columns);
            }
            const auto triggers = oracle.rows(
                QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = '%1'")
                    .arg(QString(name).replace(QLatin1Char('\''), QLatin1String("''"))));
            QCOMPARE(table->triggers.size(), triggers.size());
        }
        QVERIFY(foreignKeys > 0);
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

    void ddlOnlyFacts()
    {
        const QString file = m_dir.filePath(QStringLiteral("ddl.db"));
        QString error;
        QVERIFY2(SchemaFixtures::execSqlite(file, QStringLiteral(R"(
            CREATE TABLE parent (id INTEGER PRIMARY KEY, code TEXT NOT NULL, CONSTRAINT parent_code_key UNIQUE (code));
            CREATE TABLE "order item" (
                id INTEGER,
                parent_id INTEGER,
                price NUMERIC DEFAULT 0 CONSTRAINT price_positive CHECK (price >= 0),
                qty INTEGER NOT NULL DEFAULT 1,
                total NUMERIC GENERATED ALWAYS AS (price * qty) STORED,
                label TEXT AS (upper(code_text)) VIRTUAL,
                code_text TEXT,
                CONSTRAINT order_item_pk PRIMARY KEY (id),
                CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES parent ON DELETE CASCADE ON UPDATE SET NULL,
                CHECK (qty > 0)
            );
            CREATE INDEX expensive ON "order item" (price) WHERE price > 100;
            CREATE UNIQUE INDEX by_label ON "order item" (lower(code_text), qty DESC);
            CREATE VIEW big_orders AS SELECT id, total FROM "order item" WHERE total > 1000;
            CREATE TRIGGER touch BEFORE UPDATE OF qty ON "order item" BEGIN SELECT 1; END;
            INSERT INTO parent (id, code) VALUES (1, 'a'), (2, 'b'), (3, 'c');
        )"),
                     &error),
            qPrintable(error));
        auto catalog = inspectFile(file);
        QVERIFY2(catalog.ok(), qPrintable(catalog.errorMessage()));
        const Table *item = catalog->table(QStringLiteral("main"), QStringLiteral("order item"));
        QVERIFY(item);
        QCOMPARE(item->primaryKeyName, QStringLiteral("order_item_pk"));
        QCOMPARE(item->primaryKey, QStringList { QStringLiteral("id") });
        QCOMPARE(item->columns.size(), 7); // generated columns included (pragma_table_xinfo)
        QCOMPARE(item->columns.at(4).name, QStringLiteral("total"));
        QCOMPARE(item->columns.at(4).generated, QStringLiteral("price * qty"));
        QCOMPARE(item->columns.at(5).generated, QStringLiteral("upper(code_text)"));
        QVERIFY(item->columns.at(0).generated.isEmpty());
        QCOMPARE(item->checks.size(), 2);
        QCOMPARE(item->checks.at(0).name, QStringLiteral("price_positive"));
        QCOMPARE(item->checks.at(0).expression, QStringLiteral("price >= 0"));
        QCOMPARE(item->checks.at(1).expression, QStringLiteral("qty > 0"));
        QCOMPARE(item->foreignKeys.size(), 1);
        const ForeignKey &fk = item->foreignKeys.first();
        QCOMPARE(fk.name, QStringLiteral("fk_parent"));
        QCOMPARE(fk.refColumns, QStringList { QStringLiteral("id") }); // the parent's primary key
        QCOMPARE(fk.onDelete, QStringLiteral("cascade"));
        QCOMPARE(fk.onUpdate, QStringLiteral("set null"));
        const Index *partial = nullptr;
        const Index *expression = nullptr;
        for (const Index &index : item->indexes) {
            if (index.name == QLatin1String("expensive"))
                partial = &index;
            if (index.name == QLatin1String("by_label"))
                expression = &index;
        }
        QVERIFY(partial && expression);
        QCOMPARE(partial->predicate, QStringLiteral("price > 100"));
        QCOMPARE(partial->columns, QStringList { QStringLiteral("price") });
        QVERIFY(expression->unique);
        QCOMPARE(
            expression->columns, (QStringList { QStringLiteral("lower(code_text)"), QStringLiteral("qty") }));
        QCOMPARE(item->triggers.size(), 1);
        QCOMPARE(item->triggers.first().timing, QStringLiteral("before"));
        QCOMPARE(item->triggers.first().events, QStringLiteral("update"));
        const Table *parent = catalog->table(QStringLiteral("main"), QStringLiteral("parent"));
        QCOMPARE(parent->uniques.size(), 1);
        QCOMPARE(parent->uniques.first().name, QStringLiteral("parent_code_key"));
        QCOMPARE(parent->uniques.first().columns, QStringList { QStringLiteral("code") });
        QVERIFY(parent->sizeBytes > 0); // dbstat
        const Table *view = catalog->table(QStringLiteral("main"), QStringLiteral("big_orders"));
        QCOMPARE(view->kind, TableKind::View);
        QCOMPARE(view->definition, QStringLiteral("SELECT id, total FROM \"order item\" WHERE total > 1000"));

        // Row preview: quoted identifiers, bound limit, read lazily.
        auto url = DatabaseUrl::parse(QStringLiteral("sqlite://") + file);
        auto connection = ReadOnlyConnection::open(*url);
        QVERIFY(connection.ok());
        auto preview = SchemaInspector::previewRows(**connection, *parent, 2);
        QVERIFY2(preview.ok(), qPrintable(preview.errorMessage()));
        QCOMPARE(preview->columns, (QStringList { QStringLiteral("id"), QStringLiteral("code") }));
        QCOMPARE(preview->rows.size(), 2);
        auto itemPreview = SchemaInspector::previewRows(**connection, *item, 5);
        QVERIFY2(itemPreview.ok(), qPrintable(itemPreview.errorMessage()));
        QCOMPARE(itemPreview->rows.size(), 0);
    }

    void connectionIsReadOnly()
    {
        const QString file = m_dir.filePath(QStringLiteral("ro.db"));
        QString error;
        QVERIFY(SchemaFixtures::execSqlite(
            file, QStringLiteral("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);"), &error));
        auto url = DatabaseUrl::parse(QStringLiteral("sqlite://") + file);
        auto connection = ReadOnlyConnection::open(*url);
        QVERIFY(connection.ok());
        QSqlQuery write((*connection)->database());
        QVERIFY(!write.exec(QStringLiteral("INSERT INTO t VALUES (2)")));
        QVERIFY(!write.exec(QStringLiteral("CREATE TABLE u (y)")));
        QVERIFY(!write.exec(QStringLiteral("PRAGMA query_only = OFF; INSERT INTO t VALUES (3)")) || true);
        // Even with query_only switched off, the file handle itself is read-only.
        QSqlQuery off((*connection)->database());
        off.exec(QStringLiteral("PRAGMA query_only = OFF"));
        QVERIFY(!write.exec(QStringLiteral("INSERT INTO t VALUES (4)")));
        QVERIFY(write.lastError().text().contains(QLatin1String("readonly"), Qt::CaseInsensitive)
            || write.lastError().text().contains(QLatin1String("read-only"), Qt::CaseInsensitive));
        Oracle oracle(file);
        QCOMPARE(oracle.rows(QStringLiteral("SELECT COUNT(*) FROM t")).first().first().toInt(), 1);
    }

    void missingFileIsAClearError()
    {
        auto url
            = DatabaseUrl::parse(QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("nope.db")));
        QVERIFY(url.ok());
        auto connection = ReadOnlyConnection::open(*url);
        QVERIFY(!connection.ok());
        QVERIFY2(connection.errorMessage().contains(QLatin1String("does not exist")),
            qPrintable(connection.errorMessage()));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("nope.db")))); // not created by the attempt
    }
};

QTEST_GUILESS_MAIN(TestSqliteInspector)
#include "tst_sqliteinspector.moc"

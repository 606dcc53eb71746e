// Schema diff between real databases with known changes (SQLite files built
// from the shop sample; two PostgreSQL databases built from its PostgreSQL
// flavour; tests/data/schemas),
// filters, the reports; and the snapshot store on a real SQLite store:
// round trip, dedupe, timeline.

#include "PostgresServer.h"
#include "SchemaFixtures.h"

#include "schema/DatabaseUrl.h"
#include "schema/ReadOnlyConnection.h"
#include "schema/SchemaDiff.h"
#include "schema/SchemaDiffReport.h"
#include "schema/SchemaInspector.h"
#include "schema/SchemaJson.h"
#include "schema/SchemaSnapshotStore.h"
#include "store/Database.h"
#include "store/StoreLocation.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace devdash;
using namespace devdash::schema;
using devdash::test::PostgresServer;
using devdash::test::SchemaFixtures;

namespace {

const QString kShop = QStringLiteral("shop.sqlite.sql");

Result<SchemaCatalog> inspect(const QString &urlText)
{
    auto url = DatabaseUrl::parse(urlText);
    if (!url)
        return url.error();
    auto connection = ReadOnlyConnection::open(*url);
    if (!connection)
        return connection.error();
    return SchemaInspector::inspect(**connection);
}

const TableDiff *tableDiff(const SchemaDifferences &diff, const QString &name)
{
    for (const TableDiff &t : diff.tables)
        if (t.name == name)
            return &t;
    return nullptr;
}

const ObjectChange *change(const TableDiff &table, const QString &objectType, const QString &name)
{
    for (const ObjectChange &c : table.changes)
        if (c.objectType == objectType && c.name == name)
            return &c;
    return nullptr;
}

} // namespace

class TestSchemaDiff : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SchemaCatalog m_before;
    SchemaCatalog m_after;

private slots:
    void initTestCase()
    {
        QString error;
        const QString a = m_dir.filePath(QStringLiteral("a.db"));
        const QString b = m_dir.filePath(QStringLiteral("b.db"));
        QVERIFY2(SchemaFixtures::loadSqliteFile(a, SchemaFixtures::path(kShop), &error), qPrintable(error));
        QVERIFY2(SchemaFixtures::loadSqliteFile(b, SchemaFixtures::path(kShop), &error), qPrintable(error));
        // The known changes.
        QVERIFY2(SchemaFixtures::execSqlite(b, QStringLiteral(R"(
            ALTER TABLE customer ADD COLUMN country NVARCHAR(40);
            DROP TABLE product_supplier;
            CREATE TABLE review (review_id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL
                REFERENCES product (product_id) ON DELETE CASCADE, stars INTEGER CHECK (stars BETWEEN 1 AND 5));
            CREATE INDEX IX_product_name ON product (name) WHERE name IS NOT NULL;
            DROP INDEX IX_product_category_id;
            CREATE TABLE category_new (category_id INTEGER NOT NULL, name NVARCHAR(200) NOT NULL,
                CONSTRAINT PK_category PRIMARY KEY (category_id));
            DROP TABLE category;
            ALTER TABLE category_new RENAME TO category;
        )"),
                     &error),
            qPrintable(error));
        auto before = inspect(QStringLiteral("sqlite://") + a);
        auto after = inspect(QStringLiteral("sqlite://") + b);
        QVERIFY2(before.ok() && after.ok(), qPrintable(before.errorMessage() + after.errorMessage()));
        m_before = *before;
        m_after = *after;
    }

    void findsTheKnownChanges()
    {
        const SchemaDifferences diff = SchemaDiff::compare(m_before, m_after);
        QStringList touched;
        for (const TableDiff &t : diff.tables)
            touched << t.name + QLatin1Char(':') + changeKindName(t.change);
        QCOMPARE(touched,
            (QStringList { "category:changed", "customer:changed", "product:changed",
                "product_supplier:removed", "review:added" }));
        const TableDiff *artist = tableDiff(diff, QStringLiteral("customer"));
        QCOMPARE(artist->changes.size(), 1);
        QCOMPARE(artist->changes.first().objectType, QStringLiteral("column"));
        QCOMPARE(artist->changes.first().name, QStringLiteral("country"));
        QCOMPARE(artist->changes.first().change, ChangeKind::Added);
        QCOMPARE(artist->changes.first().after, QStringLiteral("NVARCHAR(40)"));
        const TableDiff *genre = tableDiff(diff, QStringLiteral("category"));
        const ObjectChange *name = change(*genre, QStringLiteral("column"), QStringLiteral("name"));
        QVERIFY(name);
        QCOMPARE(name->change, ChangeKind::Changed);
        QCOMPARE(name->fields.size(), 2);
        QCOMPARE(name->fields.at(0).field, QStringLiteral("type"));
        QCOMPARE(name->fields.at(0).before, QStringLiteral("NVARCHAR(120)"));
        QCOMPARE(name->fields.at(0).after, QStringLiteral("NVARCHAR(200)"));
        QCOMPARE(name->fields.at(1).field, QStringLiteral("nullable"));
        QVERIFY(genre->before && genre->after); // both sides for the side-by-side view
        const TableDiff *track = tableDiff(diff, QStringLiteral("product"));
        QVERIFY(change(*track, QStringLiteral("index"), QStringLiteral("IX_product_category_id")));
        QCOMPARE(change(*track, QStringLiteral("index"), QStringLiteral("IX_product_category_id"))->change,
            ChangeKind::Removed);
        const ObjectChange *added
            = change(*track, QStringLiteral("index"), QStringLiteral("IX_product_name"));
        QVERIFY(added);
        QCOMPARE(added->after, QStringLiteral("btree (name) where name IS NOT NULL"));
        QCOMPARE(track->changes.size(), 2);
        QCOMPARE(diff.count(ChangeKind::Added), 1);
        QCOMPARE(diff.count(ChangeKind::Removed), 1);
        // The reverse diff mirrors it.
        const SchemaDifferences back = SchemaDiff::compare(m_after, m_before);
        QCOMPARE(tableDiff(back, QStringLiteral("review"))->change, ChangeKind::Removed);
        QVERIFY(SchemaDiff::compare(m_before, m_before).isEmpty());
    }

    void filters_data()
    {
        QTest::addColumn<QStringList>("includeTables");
        QTest::addColumn<QStringList>("excludeTables");
        QTest::addColumn<QStringList>("excludeSchemas");
        QTest::addColumn<int>("tables");
        QTest::newRow("all") << QStringList() << QStringList() << QStringList() << 5;
        QTest::newRow("exclude product") << QStringList() << QStringList { "product" } << QStringList() << 4;
        QTest::newRow("exclude glob")
            << QStringList() << QStringList { "main.product*" } << QStringList() << 3;
        QTest::newRow("include glob") << QStringList { "cu*", "ca*" } << QStringList() << QStringList() << 2;
        QTest::newRow("exclude schema") << QStringList() << QStringList() << QStringList { "ma?n" } << 0;
    }
    void filters()
    {
        QFETCH(QStringList, includeTables);
        QFETCH(QStringList, excludeTables);
        QFETCH(QStringList, excludeSchemas);
        QFETCH(int, tables);
        DiffFilter filter;
        filter.includeTables = includeTables;
        filter.excludeTables = excludeTables;
        filter.excludeSchemas = excludeSchemas;
        QCOMPARE(SchemaDiff::compare(m_before, m_after, filter).tables.size(), tables);
    }

    void reports()
    {
        SchemaDifferences diff = SchemaDiff::compare(m_before, m_after);
        diff.beforeLabel = QStringLiteral("a.db");
        diff.afterLabel = QStringLiteral("b.db");
        const QJsonObject json = SchemaDiffReport::toJson(diff);
        QCOMPARE(json.value(QStringLiteral("identical")).toBool(), false);
        QCOMPARE(
            json.value(QStringLiteral("summary")).toObject().value(QStringLiteral("tables_changed")).toInt(),
            3);
        const QJsonArray tables = json.value(QStringLiteral("tables")).toArray();
        QCOMPARE(tables.size(), 5);
        QCOMPARE(
            tables.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("category"));
        const QJsonObject nameChange
            = tables.at(0).toObject().value(QStringLiteral("changes")).toArray().at(0).toObject();
        QCOMPARE(nameChange.value(QStringLiteral("object")).toString(), QStringLiteral("column"));
        QCOMPARE(nameChange.value(QStringLiteral("fields"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("after"))
                     .toString(),
            QStringLiteral("NVARCHAR(200)"));
        const QString text = SchemaDiffReport::toText(diff);
        QVERIFY2(text.contains(QLatin1String("+ table main.review")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("- table main.product_supplier")));
        QVERIFY(text.contains(QStringLiteral("type NVARCHAR(120) → NVARCHAR(200)")));
        const QString markdown = SchemaDiffReport::toMarkdown(diff);
        QVERIFY(markdown.contains(QLatin1String("## changed table `main.category`")));
        QVERIFY(markdown.contains(QLatin1String("| changed | column | `name` |")));
    }

    void postgresDatabasesDiffer()
    {
        PostgresServer server;
        DEVDASH_REQUIRE_POSTGRES(server);
        QString error;
        const QString file = SchemaFixtures::path(QStringLiteral("shop.postgresql.sql"));
        QVERIFY(!server.createDatabase(QStringLiteral("staging")).isEmpty());
        QVERIFY(!server.createDatabase(QStringLiteral("production")).isEmpty());
        QVERIFY2(SchemaFixtures::loadPostgresFile(server, QStringLiteral("staging"), file, &error),
            qPrintable(error));
        QVERIFY2(SchemaFixtures::loadPostgresFile(server, QStringLiteral("production"), file, &error),
            qPrintable(error));
        QVERIFY2(SchemaFixtures::execPostgres(server, QStringLiteral("staging"), QStringLiteral(R"(
            ALTER TABLE product ALTER COLUMN unit_price TYPE numeric(12,2);
            ALTER TABLE orders DROP CONSTRAINT fk_orders_customer;
            ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id)
                REFERENCES customer ON DELETE CASCADE;
            CREATE INDEX orders_open ON orders (order_date) WHERE shipped_date IS NULL;
            CREATE TYPE order_state AS ENUM ('open', 'shipped');
            CREATE VIEW open_orders AS SELECT order_id FROM orders WHERE shipped_date IS NULL;
        )"),
                     &error),
            qPrintable(error));
        auto production = inspect(server.url(QStringLiteral("production")));
        auto staging = inspect(server.url(QStringLiteral("staging")));
        QVERIFY2(
            production.ok() && staging.ok(), qPrintable(production.errorMessage() + staging.errorMessage()));
        const SchemaDifferences diff = SchemaDiff::compare(*production, *staging);
        QStringList touched;
        for (const TableDiff &t : diff.tables)
            touched << t.name + QLatin1Char(':') + changeKindName(t.change);
        QCOMPARE(touched, (QStringList { "open_orders:added", "orders:changed", "product:changed" }));
        const TableDiff *orders = tableDiff(diff, QStringLiteral("orders"));
        const ObjectChange *fk
            = change(*orders, QStringLiteral("foreign_key"), QStringLiteral("fk_orders_customer"));
        QVERIFY(fk);
        QCOMPARE(fk->fields.size(), 1);
        QCOMPARE(fk->fields.first().field, QStringLiteral("on_delete"));
        QCOMPARE(fk->fields.first().before, QStringLiteral("no action"));
        QCOMPARE(fk->fields.first().after, QStringLiteral("cascade"));
        const ObjectChange *index = change(*orders, QStringLiteral("index"), QStringLiteral("orders_open"));
        QVERIFY(index);
        QCOMPARE(index->change, ChangeKind::Added);
        const ObjectChange *price = change(*tableDiff(diff, QStringLiteral("product")),
            QStringLiteral("column"), QStringLiteral("unit_price"));
        QVERIFY(price);
        QCOMPARE(price->fields.first().before, QStringLiteral("real"));
        QCOMPARE(price->fields.first().after, QStringLiteral("numeric(12,2)"));
        QCOMPARE(diff.types.size(), 1);
        QCOMPARE(diff.types.first().name, QStringLiteral("public.order_state"));
        QCOMPARE(diff.types.first().change, ChangeKind::Added);
    }

    void snapshotsRoundTripAndDedupe()
    {
        auto location = store::StoreLocation::parse(m_dir.filePath(QStringLiteral("store.sqlite")));
        QVERIFY(location.ok());
        auto db = store::Database::open(*location);
        QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
        SchemaSnapshotStore snapshots(*db);
        const QString key = QStringLiteral("staging");
        const QDateTime t0 = QDateTime::fromString(QStringLiteral("2026-01-05T10:00:00Z"), Qt::ISODate);
        auto first = snapshots.save(m_before, key, QStringLiteral("/src/shop"), key, t0);
        QVERIFY2(first.ok(), qPrintable(first.errorMessage()));
        QVERIFY(first->added);
        QVERIFY(first->snapshot.repositoryId);
        // Unchanged structure (only estimates differ): no new row.
        SchemaCatalog same = m_before;
        same.tables[0].estimatedRows = 12345;
        same.inspectedAt = t0.addDays(1);
        auto again = snapshots.save(same, key, {}, key, t0.addDays(1));
        QVERIFY(again.ok());
        QVERIFY(!again->added);
        QCOMPARE(again->snapshot.id, first->snapshot.id);
        auto second = snapshots.save(m_after, key, {}, key, t0.addDays(2));
        QVERIFY(second.ok() && second->added);
        // Going back to an earlier schema is a new point of the timeline.
        auto third = snapshots.save(m_before, key, {}, key, t0.addDays(3));
        QVERIFY(third.ok() && third->added);
        QCOMPARE(third->snapshot.contentHash, first->snapshot.contentHash);

        auto listed = snapshots.list(key);
        QVERIFY(listed.ok());
        QCOMPARE(listed->size(), 3);
        QCOMPARE(listed->at(0).takenAt, t0);
        QCOMPARE(listed->at(0).tableCount, int(m_before.tables.size()));
        QCOMPARE(listed->at(1).driver, QStringLiteral("QSQLITE"));
        auto loaded = snapshots.load(second->snapshot.id);
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorMessage()));
        QCOMPARE(SchemaJson::toJson(*loaded), SchemaJson::toJson(m_after));
        QVERIFY(!snapshots.load(9999).ok());

        auto timeline = snapshots.timeline(key);
        QVERIFY(timeline.ok());
        QCOMPARE(timeline->size(), 3);
        QVERIFY(!timeline->at(0).changes);
        QCOMPARE(timeline->at(1).changes->tables.size(), 5);
        QCOMPARE(tableDiff(*timeline->at(2).changes, QStringLiteral("review"))->change, ChangeKind::Removed);
        QCOMPARE(*snapshots.databaseKeys(), QStringList { key });

        // Another repository's "staging" is another database: its own timeline, its own dedupe.
        auto elsewhere = snapshots.save(m_before, key, QStringLiteral("/src/other"), key, t0.addDays(4));
        QVERIFY2(elsewhere.ok() && elsewhere->added, qPrintable(elsewhere.errorMessage()));
        auto elsewhereAgain = snapshots.save(m_before, key, QStringLiteral("/src/other"), key, t0.addDays(5));
        QVERIFY(elsewhereAgain.ok() && !elsewhereAgain->added);
        QCOMPARE(snapshots.list(key, QStringLiteral("/src/other"))->size(), 1);
        QCOMPARE(*snapshots.repositoriesOf(key),
            (QStringList { QStringLiteral("/src/other"), QStringLiteral("/src/shop") }));
        auto shopOnly = snapshots.save(m_after, key, QStringLiteral("/src/shop"), key, t0.addDays(6));
        QVERIFY(shopOnly.ok() && shopOnly->added); // shop's latest was m_before, whatever other's is
        QCOMPARE(snapshots.timeline(key, {}, QStringLiteral("/src/other"))->size(), 1);
        QCOMPARE(
            SchemaSnapshotStore::databaseKey(*DatabaseUrl::parse(QStringLiteral("postgresql://u:pw@h/db"))),
            QStringLiteral("postgresql://u@h/db"));
    }
};

QTEST_GUILESS_MAIN(TestSchemaDiff)
#include "tst_schemadiff.moc"

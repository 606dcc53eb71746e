// SchemaTreeModel: databases → schemas → groups → objects from real catalog
// shapes, merging a re-inspection without a reset, under QAbstractItemModelTester.

#include "schema/SchemaTreeModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QLocale>
#include <QTest>

using namespace devdash::schema;

namespace {

Table table(const QString &schema, const QString &name, TableKind kind = TableKind::Table, int columns = 2,
    qint64 rows = -1)
{
    Table t;
    t.schema = schema;
    t.name = name;
    t.kind = kind;
    for (int i = 0; i < columns; ++i) {
        Column c;
        c.name = QStringLiteral("c%1").arg(i);
        c.type = QStringLiteral("integer");
        t.columns << c;
    }
    t.estimatedRows = rows;
    return t;
}

Sequence sequence(const QString &schema, const QString &name, const QString &type)
{
    Sequence s;
    s.schema = schema;
    s.name = name;
    s.type = type;
    return s;
}

SchemaCatalog shop()
{
    SchemaCatalog c;
    c.driver = QStringLiteral("QSQLITE");
    c.database = QStringLiteral("/tmp/shop.db");
    c.schemas = { QStringLiteral("main") };
    c.tables << table(QStringLiteral("main"), QStringLiteral("customers"), TableKind::Table, 4, 120)
             << table(QStringLiteral("main"), QStringLiteral("orders"), TableKind::Table, 5, 900)
             << table(QStringLiteral("main"), QStringLiteral("products"))
             << table(QStringLiteral("main"), QStringLiteral("order_totals"), TableKind::View, 3);
    return c;
}

int groupRows(const SchemaTreeModel &model, const QModelIndex &schema, SchemaTreeModel::Group group)
{
    for (int r = 0; r < model.rowCount(schema); ++r) {
        const QModelIndex g = model.index(r, 0, schema);
        if (g.data(SchemaTreeModel::GroupRole).toInt() == int(group))
            return model.rowCount(g);
    }
    return 0;
}

} // namespace

class TestSchemaTreeModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void structure_data();
    void structure();
    void objectsAndRoles();
    void merge_data();
    void merge();
    void statusAndRemove();
};

void TestSchemaTreeModel::structure_data()
{
    QTest::addColumn<SchemaCatalog>("catalog");
    QTest::addColumn<QStringList>("schemas");
    QTest::addColumn<QList<int>>("groupCounts"); // of the first schema, per Group; 0: no group node
    QTest::addColumn<int>("groupNodes");

    QTest::newRow("sqlite tables and a view")
        << shop() << QStringList { QStringLiteral("main") } << QList<int> { 3, 1, 0, 0, 0 } << 2;

    SchemaCatalog pg;
    pg.driver = QStringLiteral("QPSQL");
    pg.schemas = { QStringLiteral("public"), QStringLiteral("audit") };
    pg.tables << table(QStringLiteral("public"), QStringLiteral("film"))
              << table(
                     QStringLiteral("public"), QStringLiteral("rental_by_month"), TableKind::MaterializedView)
              << table(QStringLiteral("audit"), QStringLiteral("log"));
    pg.sequences << sequence(
        QStringLiteral("public"), QStringLiteral("film_film_id_seq"), QStringLiteral("integer"));
    pg.types << UserType { QStringLiteral("public"), QStringLiteral("mpaa_rating"), QStringLiteral("enum"),
        { QStringLiteral("G"), QStringLiteral("PG") } };
    // Schemas are sorted: audit comes first.
    QTest::newRow("postgres, two schemas")
        << pg << QStringList { QStringLiteral("audit"), QStringLiteral("public") }
        << QList<int> { 1, 0, 0, 0, 0 } << 1;

    SchemaCatalog onlyTypes;
    onlyTypes.driver = QStringLiteral("QPSQL");
    onlyTypes.types << UserType { QStringLiteral("public"), QStringLiteral("mood"), QStringLiteral("enum"),
        {} };
    onlyTypes.sequences << sequence(QStringLiteral("public"), QStringLiteral("s1"), QStringLiteral("bigint"))
                        << sequence(QStringLiteral("public"), QStringLiteral("s2"), QStringLiteral("bigint"));
    QTest::newRow("no tables, a schema named only by objects")
        << onlyTypes << QStringList { QStringLiteral("public") } << QList<int> { 0, 0, 0, 2, 1 } << 2;

    SchemaCatalog empty;
    empty.driver = QStringLiteral("QSQLITE");
    empty.schemas = { QStringLiteral("main") };
    QTest::newRow("empty database") << empty << QStringList { QStringLiteral("main") }
                                    << QList<int> { 0, 0, 0, 0, 0 } << 0;
}

void TestSchemaTreeModel::structure()
{
    QFETCH(SchemaCatalog, catalog);
    QFETCH(QStringList, schemas);
    QFETCH(QList<int>, groupCounts);
    QFETCH(int, groupNodes);

    SchemaTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCatalog(QStringLiteral("staging"), catalog);
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex db = model.index(0, 0);
    QCOMPARE(db.data().toString(), QStringLiteral("staging"));
    QCOMPARE(db.data(SchemaTreeModel::KindRole).toInt(), int(SchemaTreeModel::NodeKind::Database));
    QCOMPARE(model.rowCount(db), schemas.size());
    for (int i = 0; i < schemas.size(); ++i) {
        const QModelIndex s = model.index(i, 0, db);
        QCOMPARE(s.data().toString(), schemas.at(i));
        QCOMPARE(s.data(SchemaTreeModel::KindRole).toInt(), int(SchemaTreeModel::NodeKind::Schema));
    }
    const QModelIndex first = model.index(0, 0, db);
    QCOMPARE(model.rowCount(first), groupNodes);
    for (int g = 0; g < groupCounts.size(); ++g)
        QCOMPARE(groupRows(model, first, SchemaTreeModel::Group(g)), groupCounts.at(g));
    // Groups come in their fixed order.
    int previous = -1;
    for (int r = 0; r < model.rowCount(first); ++r) {
        const int group = model.index(r, 0, first).data(SchemaTreeModel::GroupRole).toInt();
        QVERIFY(group > previous);
        previous = group;
    }
}

void TestSchemaTreeModel::objectsAndRoles()
{
    SchemaTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCatalog(QStringLiteral("production"), shop());
    const QModelIndex orders
        = model.indexOfTable(QStringLiteral("production"), QStringLiteral("main"), QStringLiteral("orders"));
    QVERIFY(orders.isValid());
    QCOMPARE(orders.data(SchemaTreeModel::KindRole).toInt(), int(SchemaTreeModel::NodeKind::Object));
    QCOMPARE(orders.data(SchemaTreeModel::QualifiedNameRole).toString(), QStringLiteral("main.orders"));
    QCOMPARE(orders.data(SchemaTreeModel::DatabaseRole).toString(), QStringLiteral("production"));
    QCOMPARE(orders.data(SchemaTreeModel::EstimatedRowsRole).toLongLong(), 900);
    QCOMPARE(orders.data(SchemaTreeModel::ColumnCountRole).toInt(), 5);
    QVERIFY(orders.data(SchemaTreeModel::FilterTextRole).toString().contains(QStringLiteral("orders")));
    const Table *t = model.tableAt(orders);
    QVERIFY(t);
    QCOMPARE(t->name, QStringLiteral("orders"));
    // Objects are sorted by name inside their group.
    const QModelIndex tables = orders.parent();
    QCOMPARE(tables.data(SchemaTreeModel::KindRole).toInt(), int(SchemaTreeModel::NodeKind::Group));
    QCOMPARE(tables.data(SchemaTreeModel::ChildCountRole).toInt(), 3);
    QStringList names;
    for (int r = 0; r < model.rowCount(tables); ++r)
        names << model.index(r, 0, tables).data().toString();
    QCOMPARE(names,
        (QStringList { QStringLiteral("customers"), QStringLiteral("orders"), QStringLiteral("products") }));
    const QModelIndex view = model.indexOfTable(
        QStringLiteral("production"), QStringLiteral("main"), QStringLiteral("order_totals"));
    QCOMPARE(view.data(SchemaTreeModel::TableKindRole).toInt(), int(TableKind::View));
    QVERIFY(!model.tableAt(tables));
    // A large estimate abbreviates in the detail column; the tooltip has it whole.
    QCOMPARE(orders.siblingAtColumn(SchemaTreeModel::DetailColumn).data().toString(), QStringLiteral("~900 rows"));
    SchemaCatalog big = shop();
    big.tables[1].estimatedRows = 12'345'678;
    model.setCatalog(QStringLiteral("production"), big);
    const QModelIndex bigOrders
        = model.indexOfTable(QStringLiteral("production"), QStringLiteral("main"), QStringLiteral("orders"));
    QCOMPARE(bigOrders.siblingAtColumn(SchemaTreeModel::DetailColumn).data().toString(), QStringLiteral("~12.3M rows"));
    QVERIFY2(bigOrders.data(Qt::ToolTipRole).toString().contains(QLocale().toString(12345678)),
        qPrintable(bigOrders.data(Qt::ToolTipRole).toString()));
    QVERIFY(!model.indexOfTable(QStringLiteral("production"), QStringLiteral("main"), QStringLiteral("nope"))
                 .isValid());
}

void TestSchemaTreeModel::merge_data()
{
    QTest::addColumn<SchemaCatalog>("before");
    QTest::addColumn<SchemaCatalog>("after");
    QTest::addColumn<int>("inserted"); // rowsInserted signals
    QTest::addColumn<int>("removed");
    QTest::addColumn<QStringList>("tablesAfter");

    const SchemaCatalog base = shop();
    QTest::newRow("unchanged") << base << base << 0 << 0
                               << QStringList { QStringLiteral("customers"), QStringLiteral("orders"),
                                      QStringLiteral("products") };

    SchemaCatalog added = base;
    added.tables << table(QStringLiteral("main"), QStringLiteral("categories"))
                 << table(QStringLiteral("main"), QStringLiteral("coupons"));
    // Two neighbours inserted as one batch.
    QTest::newRow("two tables added")
        << base << added << 1 << 0
        << QStringList { QStringLiteral("categories"), QStringLiteral("coupons"), QStringLiteral("customers"),
               QStringLiteral("orders"), QStringLiteral("products") };

    SchemaCatalog dropped = base;
    dropped.tables.removeAt(1); // orders
    QTest::newRow("a table dropped") << base << dropped << 0 << 1
                                     << QStringList { QStringLiteral("customers"),
                                            QStringLiteral("products") };

    SchemaCatalog noViews = base;
    noViews.tables.removeLast();
    QTest::newRow("the only view dropped: its group goes")
        << base << noViews << 0 << 1
        << QStringList { QStringLiteral("customers"), QStringLiteral("orders"), QStringLiteral("products") };

    SchemaCatalog mixed = base;
    mixed.tables.removeAt(0); // customers
    mixed.tables << table(QStringLiteral("main"), QStringLiteral("zones"));
    QTest::newRow("one dropped, one added")
        << base << mixed << 1 << 1
        << QStringList { QStringLiteral("orders"), QStringLiteral("products"), QStringLiteral("zones") };
}

void TestSchemaTreeModel::merge()
{
    QFETCH(SchemaCatalog, before);
    QFETCH(SchemaCatalog, after);
    QFETCH(int, inserted);
    QFETCH(int, removed);
    QFETCH(QStringList, tablesAfter);

    SchemaTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString db = QStringLiteral("staging");
    model.setCatalog(db, before);
    const QPersistentModelIndex products
        = model.indexOfTable(db, QStringLiteral("main"), QStringLiteral("products"));
    QVERIFY(products.isValid());

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy ins(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy rem(&model, &QAbstractItemModel::rowsRemoved);
    model.setCatalog(db, after);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(ins.count(), inserted);
    QCOMPARE(rem.count(), removed);
    // A table that stays keeps its index (selection and expansion survive).
    QVERIFY(products.isValid());
    QCOMPARE(products.data().toString(), QStringLiteral("products"));
    QCOMPARE(model.tableAt(products)->name, QStringLiteral("products"));

    const QModelIndex tables = products.parent();
    QStringList names;
    for (int r = 0; r < model.rowCount(tables); ++r) {
        const QModelIndex object = model.index(r, 0, tables);
        names << object.data().toString();
        // The catalog behind every node is the new one.
        QCOMPARE(model.tableAt(object)->name, names.last());
    }
    QCOMPARE(names, tablesAfter);
}

void TestSchemaTreeModel::statusAndRemove()
{
    SchemaTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addDatabase(QStringLiteral("staging"), QStringLiteral("not inspected"));
    model.addDatabase(QStringLiteral("production"));
    QCOMPARE(model.databases(), (QStringList { QStringLiteral("staging"), QStringLiteral("production") }));
    QCOMPARE(
        model.index(0, SchemaTreeModel::DetailColumn).data().toString(), QStringLiteral("not inspected"));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setDatabaseStatus(QStringLiteral("staging"), QStringLiteral("Cannot connect"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(
        model.index(0, 0).data(SchemaTreeModel::StatusRole).toString(), QStringLiteral("Cannot connect"));
    model.setCatalog(QStringLiteral("staging"), shop());
    QVERIFY(model.index(0, 0).data(SchemaTreeModel::StatusRole).toString().isEmpty());
    QVERIFY(
        model.index(0, SchemaTreeModel::DetailColumn).data().toString().contains(QStringLiteral("SQLite")));
    QCOMPARE(model.index(0, 0).data(SchemaTreeModel::ChildCountRole).toInt(), 4);
    model.removeDatabase(QStringLiteral("staging"));
    QCOMPARE(model.databases(), QStringList { QStringLiteral("production") });
    QVERIFY(!model.catalog(QStringLiteral("staging")));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestSchemaTreeModel)
#include "tst_schematreemodel.moc"

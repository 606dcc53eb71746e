// TableColumnsModel: columns with their key markers, updated in place when the
// same table is inspected again, under QAbstractItemModelTester.

#include "schema/TableColumnsModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace devdash::schema;
namespace schema = devdash::schema;

namespace {

schema::Column col(const QString &name, const QString &type, bool nullable = true,
    std::optional<QString> defaultValue = std::nullopt, const QString &generated = {},
    const QString &comment = {})
{
    schema::Column c;
    c.name = name;
    c.type = type;
    c.nullable = nullable;
    c.defaultValue = defaultValue;
    c.generated = generated;
    c.comment = comment;
    return c;
}

Table orderItems()
{
    Table t;
    t.schema = QStringLiteral("main");
    t.name = QStringLiteral("order_items");
    t.columns << col(QStringLiteral("order_id"), QStringLiteral("INTEGER"), false)
              << col(QStringLiteral("product_id"), QStringLiteral("INTEGER"), false)
              << col(QStringLiteral("quantity"), QStringLiteral("INTEGER"), false, QStringLiteral("1"))
              << col(QStringLiteral("sku"), QStringLiteral("TEXT"), true)
              << col(QStringLiteral("total"), QStringLiteral("NUMERIC"), true, std::nullopt,
                     QStringLiteral("quantity * price"), QStringLiteral("computed"));
    t.primaryKey = { QStringLiteral("order_id"), QStringLiteral("product_id") };
    ForeignKey toOrders;
    toOrders.columns = { QStringLiteral("order_id") };
    toOrders.refSchema = QStringLiteral("main");
    toOrders.refTable = QStringLiteral("orders");
    toOrders.refColumns = { QStringLiteral("id") };
    toOrders.onDelete = QStringLiteral("cascade");
    t.foreignKeys << toOrders;
    t.uniques << UniqueConstraint { QStringLiteral("uq_sku"), { QStringLiteral("sku") } };
    return t;
}

} // namespace

class TestTableColumnsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void columns_data();
    void columns();
    void updateInPlace_data();
    void updateInPlace();
    void otherTableResets();
};

void TestTableColumnsModel::columns_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("nullable");
    QTest::addColumn<QVariant>("defaultValue");
    QTest::addColumn<QString>("references");
    QTest::addColumn<int>("pkPosition");

    QTest::newRow("pk + fk") << 0 << QStringLiteral("PK FK") << false << QVariant()
                             << QStringLiteral("main.orders.id") << 1;
    QTest::newRow("pk only, second in key")
        << 1 << QStringLiteral("PK") << false << QVariant() << QString() << 2;
    QTest::newRow("default") << 2 << QString() << false << QVariant(QStringLiteral("1")) << QString() << 0;
    QTest::newRow("unique") << 3 << QStringLiteral("UQ") << true << QVariant() << QString() << 0;
    QTest::newRow("generated") << 4 << QString() << true << QVariant() << QString() << 0;
}

void TestTableColumnsModel::columns()
{
    QFETCH(int, row);
    QFETCH(QString, key);
    QFETCH(bool, nullable);
    QFETCH(QVariant, defaultValue);
    QFETCH(QString, references);
    QFETCH(int, pkPosition);

    TableColumnsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTable(orderItems());
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), int(TableColumnsModel::ColumnCount));
    const QModelIndex index = model.index(row, TableColumnsModel::KeyColumn);
    QCOMPARE(index.data().toString(), key);
    QCOMPARE(index.data(TableColumnsModel::NullableRole).toBool(), nullable);
    QCOMPARE(index.data(TableColumnsModel::DefaultRole), defaultValue);
    QCOMPARE(index.data(TableColumnsModel::ReferencesRole).toString(), references);
    QCOMPARE(index.data(TableColumnsModel::PrimaryKeyPositionRole).toInt(), pkPosition);
    QCOMPARE(index.data(TableColumnsModel::PrimaryKeyRole).toBool(), pkPosition > 0);
    QCOMPARE(model.index(row, TableColumnsModel::NullableColumn).data().toString(),
        nullable ? QStringLiteral("yes") : QStringLiteral("no"));
    QCOMPARE(
        model.index(row, TableColumnsModel::NameColumn).data().toString(), orderItems().columns.at(row).name);
}

void TestTableColumnsModel::updateInPlace_data()
{
    QTest::addColumn<int>("columnsAfter");
    QTest::addColumn<int>("changedRow"); // -1: none
    QTest::addColumn<int>("inserted");
    QTest::addColumn<int>("removed");

    QTest::newRow("type of one column changed") << 5 << 3 << 0 << 0;
    QTest::newRow("a column added at the end") << 6 << -1 << 1 << 0;
    QTest::newRow("last column dropped") << 4 << -1 << 0 << 1;
}

void TestTableColumnsModel::updateInPlace()
{
    QFETCH(int, columnsAfter);
    QFETCH(int, changedRow);
    QFETCH(int, inserted);
    QFETCH(int, removed);

    TableColumnsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTable(orderItems());
    Table after = orderItems();
    if (changedRow >= 0)
        after.columns[changedRow].type = QStringLiteral("VARCHAR(32)");
    while (after.columns.size() < columnsAfter)
        after.columns << col(QStringLiteral("note"), QStringLiteral("TEXT"));
    while (after.columns.size() > columnsAfter)
        after.columns.removeLast();

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy ins(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy rem(&model, &QAbstractItemModel::rowsRemoved);
    model.setTable(after);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(ins.count(), inserted);
    QCOMPARE(rem.count(), removed);
    QCOMPARE(model.rowCount(), columnsAfter);
    if (changedRow >= 0) {
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), changedRow);
        QCOMPARE(changed.at(0).at(1).toModelIndex().row(), changedRow);
        QCOMPARE(model.index(changedRow, TableColumnsModel::TypeColumn).data().toString(),
            QStringLiteral("VARCHAR(32)"));
    } else {
        QCOMPARE(changed.count(), 0);
    }
}

void TestTableColumnsModel::otherTableResets()
{
    TableColumnsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTable(orderItems());
    Table other = orderItems();
    other.name = QStringLiteral("orders");
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setTable(other);
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.table().name, QStringLiteral("orders"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.isEmpty());
}

QTEST_GUILESS_MAIN(TestTableColumnsModel)
#include "tst_tablecolumnsmodel.moc"

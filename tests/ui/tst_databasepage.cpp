// The Databases page offscreen, on real SQLite files named by a real repository's
// .devdash.json: the tree of the inspected database, a table's columns, keys and
// indexes, the first rows, the ER diagram (one node per table, one edge per
// foreign key) of the library and shop sample schemas (tests/data/schemas) and its PNG/SVG export, the
// schema diff of two files, the error on a missing file, and the demo's databases
// with their history and migrations.

#include "SchemaFixtures.h"
#include "TestRepo.h"
#include "common/Workspace.h"
#include "common/DisplayTime.h"
#include "database/AddConnectionDialog.h"
#include "database/DatabasePage.h"
#include "database/ErDiagramView.h"
#include "database/MigrationsView.h"
#include "database/ObjectDetailView.h"
#include "database/SchemaDiffView.h"
#include "database/SchemaHistoryView.h"
#include "git/DemoRepository.h"
#include "schema/DemoDatabases.h"
#include "schema/SchemaTreeModel.h"
#include "schema/TableColumnsModel.h"
#include "schema/migrations/MigrationListModel.h"
#include "shell/MessagePanel.h"
#include "shell/Screenshot.h"
#include "tests/TestStoreAccess.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDomDocument>
#include <QElapsedTimer>
#include <QFile>
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QImage>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>
#include <QTreeWidget>

using namespace devdash;
using devdash::test::SchemaFixtures;
using devdash::test::TestRepo;
using schema::SchemaTreeModel;

namespace {

const char *const ShopSchema = R"(
CREATE TABLE customers (id INTEGER PRIMARY KEY, email %1 NOT NULL, name TEXT);
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid')),
    placed_at TEXT
);
CREATE INDEX idx_orders_open ON orders (placed_at) WHERE status = 'open';
CREATE UNIQUE INDEX idx_customers_email ON customers (lower(email));
CREATE TRIGGER orders_paid AFTER UPDATE OF status ON orders BEGIN SELECT 1; END;
INSERT INTO customers VALUES (1, 'ana@example.com', 'Ana'), (2, 'ben@example.com', 'Ben'), (3, 'chloe@example.com', NULL);
INSERT INTO orders VALUES (1, 1, 'open', '2026-01-01'), (2, 1, 'paid', '2026-01-02'), (3, 2, 'open', NULL);
)";

template<typename Condition> bool waitFor(Condition condition, int timeoutMs = 20000)
{
    QElapsedTimer clock;
    clock.start();
    while (!condition()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QTest::qWait(10);
    }
    return true;
}

QStringList childNames(const QAbstractItemModel *model, const QModelIndex &parent)
{
    QStringList names;
    for (int r = 0; r < model->rowCount(parent); ++r)
        names << model->index(r, 0, parent).data().toString();
    return names;
}

bool treeContains(QTreeWidget *tree, const QString &text)
{
    return !tree->findItems(text, Qt::MatchContains | Qt::MatchRecursive, 0).isEmpty()
        || !tree->findItems(text, Qt::MatchContains | Qt::MatchRecursive, 1).isEmpty()
        || !tree->findItems(text, Qt::MatchContains | Qt::MatchRecursive, 2).isEmpty()
        || !tree->findItems(text, Qt::MatchContains | Qt::MatchRecursive, 4).isEmpty();
}

} // namespace

class DatabasePageTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void inspectsAndShowsTables();
    void tableDetail();
    void dataPreview();
    void erDiagram_data();
    void erDiagram();
    void erDiagramOpensFitted();
    void schemaDiff();
    void schemaDiffAgainstSnapshot();
    void addConnectionDialogListsDataSources();
    void addConnectionTestAndFields();
    void missingFile();
    void demoDatabases();

private:
    QString repoWith(const QString &name, const QByteArray &devdashJson);
    std::unique_ptr<ui::DatabasePage> openPage(const QString &repo);

    QTemporaryDir m_dir;
    std::unique_ptr<ui::Workspace> m_workspace;
    QList<std::shared_ptr<TestRepo>> m_repos;
    QString m_shopRepo;
};

void DatabasePageTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto location = store::StoreLocation::parse(m_dir.filePath(QStringLiteral("store.sqlite")));
    QVERIFY(location);
    ui::TestStoreAccess::setLocation(*location);
    m_workspace = std::make_unique<ui::Workspace>();
    m_shopRepo = repoWith(QStringLiteral("shop"),
        R"({"databases": [{"name": "staging", "url": "sqlite://db/staging.db"},
                          {"name": "production", "url": "sqlite://db/production.db"}]})");
    QString error;
    QVERIFY2(SchemaFixtures::execSqlite(m_shopRepo + QStringLiteral("/db/staging.db"),
                 QString::fromLatin1(ShopSchema).arg(QStringLiteral("VARCHAR(200)")), &error),
        qPrintable(error));
    QVERIFY2(SchemaFixtures::execSqlite(m_shopRepo + QStringLiteral("/db/production.db"),
                 QString::fromLatin1(ShopSchema).arg(QStringLiteral("TEXT")), &error),
        qPrintable(error));
}

QString DatabasePageTest::repoWith(const QString &name, const QByteArray &devdashJson)
{
    auto repo = std::make_shared<TestRepo>(m_dir.filePath(name));
    repo->init();
    repo->commit(QStringLiteral("config"), { { QStringLiteral(".devdash.json"), devdashJson } });
    QDir().mkpath(repo->path() + QStringLiteral("/db"));
    m_repos << repo;
    return repo->path();
}

std::unique_ptr<ui::DatabasePage> DatabasePageTest::openPage(const QString &repo)
{
    auto page = std::make_unique<ui::DatabasePage>(m_workspace.get());
    page->resize(1200, 760);
    page->show();
    page->setRepository(repo);
    return page;
}

void DatabasePageTest::inspectsAndShowsTables()
{
    auto page = openPage(m_shopRepo);
    QVERIFY(waitFor([&] { return page->isReady(); }));
    QCOMPARE(page->connections().size(), 2);
    QCOMPARE(page->currentDatabase(), QStringLiteral("staging"));
    QVERIFY(!page->isShowingMessage());
    const SchemaTreeModel *model = page->treeModel();
    const QModelIndex staging = model->indexOfDatabase(QStringLiteral("staging"));
    QVERIFY(staging.isValid());
    QCOMPARE(childNames(model, staging), QStringList { QStringLiteral("main") });
    const QModelIndex mainSchema = model->index(0, 0, staging);
    const QModelIndex tables = model->index(0, 0, mainSchema);
    QCOMPARE(tables.data(SchemaTreeModel::GroupRole).toInt(), int(SchemaTreeModel::Group::Tables));
    QCOMPARE(
        childNames(model, tables), (QStringList { QStringLiteral("customers"), QStringLiteral("orders") }));
    // Production is listed but not inspected until chosen.
    QCOMPARE(model->rowCount(model->indexOfDatabase(QStringLiteral("production"))), 0);
    page->selectDatabase(QStringLiteral("production"));
    QVERIFY(waitFor([&] { return page->isReady() && model->catalog(QStringLiteral("production")); }));
    QCOMPARE(model->rowCount(model->indexOfDatabase(QStringLiteral("production"))), 1);
    // The filter keeps matching objects and their ancestors only.
    page->filterField()->setText(QStringLiteral("ord"));
    const QAbstractItemModel *proxy = page->treeView()->model();
    const QModelIndex proxyDb = proxy->index(0, 0);
    const QModelIndex proxyTables = proxy->index(0, 0, proxy->index(0, 0, proxyDb));
    QCOMPARE(childNames(proxy, proxyTables), QStringList { QStringLiteral("orders") });
}

void DatabasePageTest::tableDetail()
{
    auto page = openPage(m_shopRepo);
    QVERIFY(waitFor([&] { return page->isReady(); }));
    QVERIFY(page->selectTable(QStringLiteral("main"), QStringLiteral("orders")));
    ui::ObjectDetailView *detail = page->detailView();
    QCOMPARE(detail->shownTable(), QStringLiteral("main.orders"));
    const schema::TableColumnsModel *columns = detail->columnsModel();
    QCOMPARE(columns->rowCount(), 4);
    QCOMPARE(columns->index(0, schema::TableColumnsModel::KeyColumn).data().toString(), QStringLiteral("PK"));
    QCOMPARE(columns->index(1, schema::TableColumnsModel::KeyColumn).data().toString(), QStringLiteral("FK"));
    QCOMPARE(columns->index(1, 0).data(schema::TableColumnsModel::ReferencesRole).toString(),
        QStringLiteral("main.customers.id"));
    QCOMPARE(columns->index(2, schema::TableColumnsModel::DefaultColumn).data().toString(),
        QStringLiteral("'open'"));
    // Keys: the FK with its delete rule, the check; indexes: the partial one's predicate.
    QVERIFY(treeContains(detail->keysTree(), QStringLiteral("on delete cascade")));
    QVERIFY(treeContains(detail->keysTree(), QStringLiteral("status IN")));
    QVERIFY(treeContains(detail->indexesTree(), QStringLiteral("idx_orders_open")));
    QVERIFY(treeContains(detail->indexesTree(), QStringLiteral("status = 'open'")));
    QVERIFY(treeContains(detail->triggersTree(), QStringLiteral("orders_paid")));
    QVERIFY(detail->ddlView()->toPlainText().contains(QStringLiteral("CREATE TABLE orders")));
    // The referenced table lists who points at it.
    QVERIFY(page->selectTable(QStringLiteral("main"), QStringLiteral("customers")));
    QVERIFY(treeContains(detail->keysTree(), QStringLiteral("← main.orders")));
    QVERIFY(treeContains(detail->indexesTree(), QStringLiteral("lower(email)")));
}

void DatabasePageTest::dataPreview()
{
    auto page = openPage(m_shopRepo);
    QVERIFY(waitFor([&] { return page->isReady(); }));
    QVERIFY(page->selectTable(QStringLiteral("main"), QStringLiteral("customers")));
    ui::ObjectDetailView *detail = page->detailView();
    QVERIFY(!detail->hasPreview()); // lazily: nothing read before the tab is shown
    detail->showTab(ui::ObjectDetailView::DataTab);
    QVERIFY(waitFor([&] { return detail->hasPreview(); }));
    QStandardItemModel *data = detail->dataModel();
    QCOMPARE(data->rowCount(), 3);
    QCOMPARE(data->columnCount(), 3);
    QCOMPARE(data->headerData(1, Qt::Horizontal).toString(), QStringLiteral("email"));
    QCOMPARE(data->item(0, 1)->text(), QStringLiteral("ana@example.com"));
    QCOMPARE(data->item(2, 2)->text(), QStringLiteral("NULL"));
    QVERIFY(detail->previewStatus().contains(QStringLiteral("3")));
}

void DatabasePageTest::erDiagram_data()
{
    QTest::addColumn<QString>("sample");
    QTest::newRow("library") << QStringLiteral("library.sqlite.sql");
    QTest::newRow("shop") << QStringLiteral("shop.sqlite.sql");
}

void DatabasePageTest::erDiagram()
{
    QFETCH(QString, sample);
    const QString name = QString::fromLatin1(QTest::currentDataTag());
    const QString repo = repoWith(QStringLiteral("er-") + name,
        QStringLiteral(R"({"databases": [{"name": "%1", "url": "sqlite://db/%1.db"}]})").arg(name).toUtf8());
    QString error;
    QVERIFY2(SchemaFixtures::loadSqliteFile(
                 repo + QStringLiteral("/db/%1.db").arg(name), SchemaFixtures::path(sample), &error),
        qPrintable(error));
    auto page = openPage(repo);
    page->showView(ui::DatabasePage::ErView);
    QVERIFY(waitFor([&] { return page->isReady() && page->currentCatalog(); }));
    const schema::SchemaCatalog *catalog = page->currentCatalog();
    int tables = 0, keys = 0;
    for (const schema::Table &t : catalog->tables) {
        ++tables;
        for (const schema::ForeignKey &fk : t.foreignKeys)
            keys += catalog->table(fk.refSchema, fk.refTable) ? 1 : 0;
    }
    ui::ErDiagramView *er = page->erDiagram();
    QVERIFY(waitFor([&] { return !er->isLayoutPending() && er->tableCount() > 0; }));
    QCOMPARE(er->tableCount(), tables);
    QCOMPARE(er->edgeCount(), keys);
    QVERIFY(keys > 5);
    // Tidy: no two boxes overlap.
    QList<QRectF> boxes;
    for (QGraphicsItem *item : er->scene()->items())
        if (item->type() == QGraphicsItem::UserType + 71)
            boxes << item->sceneBoundingRect().adjusted(4, 4, -4, -4);
    QCOMPARE(boxes.size(), tables);
    for (int i = 0; i < boxes.size(); ++i)
        for (int j = i + 1; j < boxes.size(); ++j)
            QVERIFY2(!boxes.at(i).intersects(boxes.at(j)),
                qPrintable(QStringLiteral("boxes %1 and %2 overlap").arg(i).arg(j)));
    // Search highlights and dims.
    QVERIFY(er->search(catalog->tables.constFirst().name) >= 1);
    QCOMPARE(er->search(QStringLiteral("no-such-table")), 0);
    er->search({});
    // Zoom.
    const double before = er->zoom();
    er->zoomIn();
    QVERIFY(er->zoom() > before);
    er->fitToView();

    const QString png = m_dir.filePath(name + QStringLiteral("-er.png"));
    const QString svg = m_dir.filePath(name + QStringLiteral("-er.svg"));
    auto pngResult = er->exportPng(png);
    QVERIFY2(pngResult, qPrintable(pngResult.errorMessage()));
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > 400 && image.height() > 200);
    QVERIFY(ui::distinctColours(image, 64) >= 16);
    auto svgResult = er->exportSvg(svg);
    QVERIFY2(svgResult, qPrintable(svgResult.errorMessage()));
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QDomDocument doc;
    QVERIFY(doc.setContent(&file));
    QCOMPARE(doc.documentElement().tagName(), QStringLiteral("svg"));
    QVERIFY(QSvgRenderer(svg).isValid());
    // The selection scope: one table and its neighbours.
    page->showView(ui::DatabasePage::ObjectView);
    QVERIFY(page->selectTable(catalog->tables.constFirst().schema, catalog->tables.constFirst().name));
    er->showSelection();
    QVERIFY(waitFor([&] { return !er->isLayoutPending(); }));
    QVERIFY(er->tableCount() >= 1);
    QVERIFY(er->tableCount() < tables);
}

void DatabasePageTest::erDiagramOpensFitted()
{
    // Laid out while another tab is shown, the diagram is fitted when its tab opens, not
    // drawn as a speck fitted to the hidden view's placeholder size.
    const QString repo = repoWith(QStringLiteral("er-fit"),
        QByteArrayLiteral(R"({"databases": [{"name": "library", "url": "sqlite://db/library.db"}]})"));
    QString error;
    QVERIFY2(SchemaFixtures::loadSqliteFile(repo + QStringLiteral("/db/library.db"),
                 SchemaFixtures::path(QStringLiteral("library.sqlite.sql")), &error),
        qPrintable(error));
    auto page = openPage(repo);
    page->showView(ui::DatabasePage::ObjectView);
    ui::ErDiagramView *er = page->erDiagram();
    QVERIFY(waitFor([&] { return page->isReady() && !er->isLayoutPending() && er->tableCount() > 0; }));
    QVERIFY(!er->isVisible());
    page->showView(ui::DatabasePage::ErView);
    QTest::qWait(20);
    const double opened = er->zoom();
    er->fitToView();
    QVERIFY2(qAbs(er->zoom() - opened) < 1e-6,
        qPrintable(QStringLiteral("opened at %1, fitted is %2").arg(opened).arg(er->zoom())));
    QVERIFY(opened > 0.2);
    // Still fitted after the window changes size, until the user zooms.
    page->resize(900, 600);
    QTest::qWait(20);
    const double resized = er->zoom();
    er->fitToView();
    QVERIFY(qAbs(er->zoom() - resized) < 1e-6);
}

void DatabasePageTest::schemaDiff()
{
    auto page = openPage(m_shopRepo);
    QVERIFY(waitFor([&] { return page->isReady(); }));
    ui::SchemaDiffView *diff = page->diffView();
    QVERIFY(diff->setSides(QStringLiteral("production"), QStringLiteral("staging")));
    diff->compare();
    QVERIFY(waitFor([&] { return !diff->isBusy() && diff->hasResult(); }));
    QVERIFY2(diff->errorText().isEmpty(), qPrintable(diff->errorText()));
    QCOMPARE(diff->differences().tables.size(), 1);
    const schema::TableDiff &customers = diff->differences().tables.constFirst();
    QCOMPARE(customers.name, QStringLiteral("customers"));
    QTreeWidget *tree = diff->changesTree();
    const auto items = tree->findItems(QStringLiteral("email"), Qt::MatchContains | Qt::MatchRecursive, 0);
    QVERIFY(!items.isEmpty());
    QVERIFY(items.constFirst()->text(1).contains(QStringLiteral("type")));
    tree->setCurrentItem(items.constFirst());
    QVERIFY(diff->beforePane()->toPlainText().contains(QStringLiteral("TEXT")));
    QVERIFY(diff->afterPane()->toPlainText().contains(QStringLiteral("VARCHAR(200)")));
    // Exports.
    const QString json = m_dir.filePath(QStringLiteral("diff.json"));
    QVERIFY(diff->exportJson(json));
    QFile jsonFile(json);
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    QVERIFY(jsonFile.readAll().contains("customers"));
    const QString report = m_dir.filePath(QStringLiteral("diff.md"));
    QVERIFY(diff->exportReport(report));
    QVERIFY(QFileInfo(report).size() > 20);
    // Leaving the table out leaves no difference.
    diff->setFilter(schema::DiffFilter { {}, {}, {}, { QStringLiteral("customers") } });
    diff->compare();
    QVERIFY(waitFor([&] { return !diff->isBusy(); }));
    QVERIFY(diff->differences().isEmpty());
}

void DatabasePageTest::schemaDiffAgainstSnapshot()
{
    // Two repositories, each with a "staging": each keeps its own timeline.
    const QString other = repoWith(QStringLiteral("snap-other"),
        R"({"databases": [{"name": "staging", "url": "sqlite://db/staging.db"}]})");
    const QString shop = repoWith(QStringLiteral("snap-shop"),
        R"({"databases": [{"name": "staging", "url": "sqlite://db/staging.db"}]})");
    QString error;
    QVERIFY2(SchemaFixtures::execSqlite(other + QStringLiteral("/db/staging.db"),
                 QStringLiteral("CREATE TABLE unrelated (id INTEGER PRIMARY KEY)"), &error),
        qPrintable(error));
    QVERIFY2(SchemaFixtures::execSqlite(shop + QStringLiteral("/db/staging.db"),
                 QString::fromLatin1(ShopSchema).arg(QStringLiteral("TEXT")), &error),
        qPrintable(error));
    for (const QString &repo : { other, shop }) {
        // Opening a configured database saves a snapshot of it.
        DisplayTime::setNowForTesting(QDateTime::currentDateTime());
        const auto restore = qScopeGuard([] { DisplayTime::setNowForTesting({}); });
        auto page = openPage(repo);
        QVERIFY(waitFor([&] { return page->isReady() && !page->historyView()->isBusy(); }));
        QVERIFY(waitFor([&] { return page->historyView()->timeline().size() == 1; }));
        // Listed in the shared format, the exact time in the tooltip.
        const QTreeWidgetItem *item = page->historyView()->timelineTree()->topLevelItem(0);
        QVERIFY(item);
        QCOMPARE(item->text(0), QStringLiteral("just now"));
        QVERIFY2(item->toolTip(0).contains(
                     DisplayTime::exact(page->historyView()->timeline().constFirst().snapshot.takenAt)),
            qPrintable(item->toolTip(0)));
    }
    // Then shop's staging gains a column.
    QVERIFY2(SchemaFixtures::execSqlite(shop + QStringLiteral("/db/staging.db"),
                 QStringLiteral("ALTER TABLE customers ADD COLUMN loyalty INTEGER"), &error),
        qPrintable(error));

    auto page = openPage(shop);
    QVERIFY(waitFor([&] { return page->isReady(); }));
    ui::SchemaDiffView *diff = page->diffView();
    QVERIFY(waitFor([&] { return !diff->isLoadingSnapshots(); }));
    auto *before = diff->findChild<QComboBox *>(QStringLiteral("diffBefore"));
    QVERIFY(before);
    QStringList snapshots;
    for (int i = 0; i < before->count(); ++i)
        if (before->itemData(i).toString().startsWith(QLatin1String("snapshot:")))
            snapshots << before->itemData(i).toString();
    // Shop's first snapshot (maybe a second one, taken on this opening), not the other repository's.
    QVERIFY2(!snapshots.isEmpty() && snapshots.size() <= 2, qPrintable(snapshots.join(QLatin1Char(' '))));
    const QString first = snapshots.last(); // the list is newest first
    QVERIFY(diff->setSides(first, QStringLiteral("staging")));
    diff->compare();
    QVERIFY(waitFor([&] { return !diff->isBusy() && diff->hasResult(); }));
    QVERIFY2(diff->errorText().isEmpty(), qPrintable(diff->errorText()));
    QCOMPARE(diff->differences().tables.size(), 1);
    QCOMPARE(diff->differences().tables.constFirst().name, QStringLiteral("customers"));
    QVERIFY(!diff->changesTree()
                 ->findItems(QStringLiteral("loyalty"), Qt::MatchContains | Qt::MatchRecursive, 0)
                 .isEmpty());
    QVERIFY(diff->differences().beforeLabel.startsWith(QLatin1String("staging @ ")));

    // History → right-click → Compare with the Live Database does the same.
    QVERIFY(waitFor(
        [&] { return !page->historyView()->isBusy() && !page->historyView()->timeline().isEmpty(); }));
    const qint64 oldest = page->historyView()->timeline().constFirst().snapshot.id;
    QCOMPARE(QStringLiteral("snapshot:%1").arg(oldest), first);
    diff->setSides(QStringLiteral("staging"), QStringLiteral("staging"));
    Q_EMIT page->historyView()->compareRequested(first, QStringLiteral("staging"));
    QVERIFY(waitFor([&] { return !diff->isBusy() && diff->hasResult(); }));
    QCOMPARE(diff->differences().tables.size(), 1);
    // Snapshots are named by environment and date (with the time since), not by the store's ids.
    QVERIFY2(!diff->differences().beforeLabel.contains(QStringLiteral("snapshot:")),
        qPrintable(diff->differences().beforeLabel));
    // The window's one time format: a snapshot just taken reads "just now" (DisplayTime).
    const auto sinceShown = [](const QString &label) {
        return label.endsWith(QStringLiteral("just now")) || label.endsWith(QStringLiteral(" ago"));
    };
    QVERIFY2(sinceShown(diff->differences().beforeLabel), qPrintable(diff->differences().beforeLabel));

    // The history: each change between two snapshots says when, never "snapshot:7 → snapshot:8".
    page->showView(ui::DatabasePage::HistoryView);
    ui::SchemaHistoryView *history = page->historyView();
    QVERIFY(waitFor([&] { return !history->isBusy() && history->timeline().size() >= 2; }));
    const schema::SchemaTimelineEntry &latest = history->timeline().constLast();
    QVERIFY(latest.changes);
    const QDateTime takenAt = history->timeline().at(history->timeline().size() - 2).snapshot.takenAt;
    // (The same format as DisplayTime gives now; compared loosely, a minute may tick meanwhile.)
    QVERIFY2(latest.changes->beforeLabel.startsWith(QStringLiteral("staging @ ")), qPrintable(latest.changes->beforeLabel));
    QVERIFY(takenAt.isValid());
    QVERIFY(sinceShown(latest.changes->beforeLabel));
    history->timelineTree()->setCurrentItem(history->timelineTree()->topLevelItem(0));
    QVERIFY2(
        !history->detailsText().contains(QStringLiteral("snapshot:")), qPrintable(history->detailsText()));
    QVERIFY2(
        history->detailsText().contains(QStringLiteral("staging @ ")), qPrintable(history->detailsText()));
    QVERIFY(sinceShown(history->timelineTree()->topLevelItem(0)->text(0)));
}

void DatabasePageTest::addConnectionDialogListsDataSources()
{
    // A private unixODBC configuration with one data source (ODBCINI / ODBCSYSINI).
    QTemporaryDir odbc;
    QFile ini(odbc.filePath(QStringLiteral("odbc.ini")));
    QVERIFY(ini.open(QIODevice::WriteOnly));
    ini.write("[ShopReports]\nDriver=DevDash SQLite3\nDatabase=/nowhere/shop.db\n");
    ini.close();
    QFile inst(odbc.filePath(QStringLiteral("odbcinst.ini")));
    QVERIFY(inst.open(QIODevice::WriteOnly));
    inst.write("[DevDash SQLite3]\nDriver=libsqlite3odbc.so\n");
    inst.close();
    const QByteArray oldIni = qgetenv("ODBCINI"), oldSysIni = qgetenv("ODBCSYSINI");
    qputenv("ODBCINI", ini.fileName().toUtf8());
    qputenv("ODBCSYSINI", odbc.path().toUtf8());
    const auto restore = qScopeGuard([&] {
        for (const auto &[name, value] :
            { std::pair { "ODBCINI", oldIni }, std::pair { "ODBCSYSINI", oldSysIni } }) {
            if (value.isNull())
                qunsetenv(name);
            else
                qputenv(name, value);
        }
    });
    if (QStandardPaths::findExecutable(QStringLiteral("odbcinst")).isEmpty())
        QSKIP("odbcinst (Debian: odbcinst) is not installed: no data source can be listed");

    ui::AddConnectionDialog dialog({ QStringLiteral("staging") });
    QVERIFY(!dialog.problem().isEmpty()); // nothing typed yet
    QVERIFY(waitFor([&] { return !dialog.isListingDataSources(); }));
    QComboBox *sources = dialog.dataSourceBox();
    const int index = sources->findData(QStringLiteral("ShopReports"));
    QVERIFY2(index > 0, qPrintable(sources->itemText(0)));
    Q_EMIT sources->activated(index);
    QCOMPARE(dialog.urlField()->text(), QStringLiteral("odbc://ShopReports"));
    QCOMPARE(dialog.nameField()->text(), QStringLiteral("ShopReports"));
    QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
    // A name already taken is said.
    dialog.nameField()->setText(QStringLiteral("staging"));
    QVERIFY(dialog.problem().contains(QStringLiteral("already")));
}

void DatabasePageTest::addConnectionTestAndFields()
{
    ui::AddConnectionDialog dialog({ QStringLiteral("staging") });
    QStringList asked; // what the "save anyway?" question was shown with
    bool answer = false;
    dialog.setConfirmSaveFailing([&](const QString &error) {
        asked << error;
        return answer;
    });
    dialog.nameField()->setText(QStringLiteral("local"));

    // A database that opens: the test says the server's version, on a worker.
    const QString file = m_shopRepo + QStringLiteral("/db/staging.db");
    dialog.urlField()->setText(QStringLiteral("sqlite://") + file);
    QVERIFY(dialog.testButton()->isEnabled());
    QVERIFY(!dialog.testPassed());
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QVERIFY(dialog.isTesting()); // returned at once: the GUI goes on
    QVERIFY(waitFor([&] { return !dialog.isTesting(); }));
    QCOMPARE(dialog.testPassed(), std::optional<bool>(true));
    QVERIFY2(dialog.testResult().startsWith(QStringLiteral("Connected: SQLite 3.")),
        qPrintable(dialog.testResult()));
    // Editing the URL forgets the result.
    dialog.urlField()->setText(QStringLiteral("sqlite://") + file + QStringLiteral("-other"));
    QVERIFY(!dialog.testPassed());
    QVERIFY(dialog.testResult().isEmpty());

    // A file that is not there: the exact error, and OK asks before saving it.
    dialog.urlField()->setText(
        QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("nowhere/none.db")));
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QVERIFY(waitFor([&] { return !dialog.isTesting(); }));
    QCOMPARE(dialog.testPassed(), std::optional<bool>(false));
    QVERIFY2(dialog.testResult().startsWith(QStringLiteral("Cannot connect:"))
            && dialog.testResult().contains(QStringLiteral("none.db")),
        qPrintable(dialog.testResult()));
    dialog.open(); // window-modal, so the test goes on
    QTest::mouseClick(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QCOMPARE(asked.size(), 1);
    QVERIFY(asked.front().contains(QStringLiteral("none.db")));
    QVERIFY(dialog.isVisible()); // "no": not saved
    QCOMPARE(dialog.result(), int(QDialog::Rejected));

    // A server that refuses: OK tests first (never tested as typed), then asks.
    dialog.urlField()->setText(QStringLiteral("postgresql://app@127.0.0.1:1/shop"));
    QTest::mouseClick(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QVERIFY(dialog.isTesting());
    QVERIFY(waitFor([&] { return !dialog.isTesting(); }, 30000));
    QCOMPARE(asked.size(), 2);
    QVERIFY2(
        dialog.testResult().startsWith(QStringLiteral("Cannot connect:")), qPrintable(dialog.testResult()));
    answer = true; // "save anyway"
    QTest::mouseClick(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QCOMPARE(asked.size(), 3);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));

    // The URL fills the fields…
    dialog.urlField()->setText(QStringLiteral("postgresql://app@db.example:6543/shop?sslmode=require"));
    QCOMPARE(dialog.engineBox()->currentText(), QStringLiteral("PostgreSQL"));
    QCOMPARE(dialog.hostField()->text(), QStringLiteral("db.example"));
    QCOMPARE(dialog.portField()->text(), QStringLiteral("6543"));
    QCOMPARE(dialog.userField()->text(), QStringLiteral("app"));
    QCOMPARE(dialog.databaseField()->text(), QStringLiteral("shop"));
    // …and the fields build the URL (its parameters kept).
    dialog.hostField()->selectAll();
    QTest::keyClicks(dialog.hostField(), QStringLiteral("db2"));
    QCOMPARE(dialog.urlField()->text(), QStringLiteral("postgresql://app@db2:6543/shop?sslmode=require"));
    dialog.databaseField()->clear();
    QTest::keyClicks(dialog.databaseField(), QStringLiteral("sales"));
    const int maria = dialog.engineBox()->findText(QStringLiteral("MariaDB"));
    dialog.engineBox()->setCurrentIndex(maria);
    Q_EMIT dialog.engineBox()->activated(maria);
    dialog.portField()->clear();
    QTest::keyClicks(dialog.portField(), QStringLiteral("3307"));
    QCOMPARE(dialog.urlField()->text(), QStringLiteral("mariadb://app@db2:3307/sales?sslmode=require"));
    QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
}

void DatabasePageTest::missingFile()
{
    const QString repo = repoWith(
        QStringLiteral("missing"), R"({"databases": [{"name": "qa", "url": "sqlite://db/not-there.db"}]})");
    auto page = openPage(repo);
    QVERIFY(waitFor([&] { return page->isReady() && page->connections().size() == 1; }));
    QVERIFY(page->isShowingMessage());
    ui::MessagePanel *panel = page->messagePanel();
    QCOMPARE(panel->kind(), ui::MessagePanel::Kind::Error);
    QVERIFY(panel->title().contains(QStringLiteral("qa")));
    QVERIFY2(panel->message().contains(QStringLiteral("not-there.db")), qPrintable(panel->message()));
    QVERIFY(panel->message().contains(QStringLiteral("does not exist")));
    QCOMPARE(page->treeModel()->index(0, SchemaTreeModel::DetailColumn).data().toString(),
        QStringLiteral("failed"));
}

void DatabasePageTest::demoDatabases()
{
    QTemporaryDir folder;
    auto work = git::DemoRepository::create(folder.path());
    QVERIFY2(work, qPrintable(work.errorMessage()));
    QElapsedTimer clock;
    clock.start();
    auto created = schema::DemoDatabases::create(work.value());
    QVERIFY2(created, qPrintable(created.errorMessage()));
    qInfo("demo databases built in %lld ms", clock.elapsed());
    QVERIFY(clock.elapsed() < 2000);
    // The workspace knows the default branch the matrix compares with.
    QSignalSpy opened(m_workspace.get(), &ui::Workspace::opened);
    m_workspace->open(work.value());
    QVERIFY(opened.wait(20000));
    auto page = openPage(work.value());
    QVERIFY(waitFor([&] { return page->isReady() && page->currentCatalog(); }));
    QCOMPARE(page->connections().size(), 2);
    const schema::SchemaCatalog *staging = page->currentCatalog();
    QVERIFY(staging->table(QStringLiteral("main"), QStringLiteral("reviews")));
    QVERIFY(staging->table(QStringLiteral("main"), QStringLiteral("order_totals")));
    // Staging's migrations: five applied against main's files.
    page->showView(ui::DatabasePage::MigrationsTab);
    ui::MigrationsView *migrations = page->migrationsView();
    QVERIFY(waitFor([&] { return page->isReady() && migrations->listModel()->rowCount() > 0; }));
    QVERIFY2(migrations->listError().isEmpty(), qPrintable(migrations->listError()));
    QCOMPARE(migrations->listModel()->rowCount(), 5);
    for (int r = 0; r < 5; ++r)
        QCOMPARE(migrations->listModel()->index(r, 0).data(migrations::MigrationListModel::StateRole).toInt(),
            int(migrations::MigrationState::Applied));
    // The branch adds one migration that no environment has.
    migrations->setRef(created->branch);
    QVERIFY(waitFor([&] { return !migrations->isBusy(); }));
    QVERIFY2(migrations->summary().contains(QStringLiteral("adds 1 migration")),
        qPrintable(migrations->summary()));
    QVERIFY(migrations->summary().contains(QStringLiteral("production none")));
    // Production lags: two pending.
    page->selectDatabase(QStringLiteral("production"));
    QVERIFY(waitFor([&] { return page->isReady(); }));
    QCOMPARE(page->currentDatabase(), QStringLiteral("production"));
    migrations->setRef(QStringLiteral("main"));
    QVERIFY(waitFor([&] { return page->isReady() && !migrations->isBusy(); }));
    QVERIFY2(migrations->listError().isEmpty(), qPrintable(migrations->listError()));
    QCOMPARE(migrations->listModel()->rowCount(), 5);
    int pending = 0;
    for (int r = 0; r < migrations->listModel()->rowCount(); ++r)
        pending
            += migrations->listModel()->index(r, 0).data(migrations::MigrationListModel::StateRole).toInt()
                == int(migrations::MigrationState::Pending)
            ? 1
            : 0;
    QCOMPARE(pending, 2);
    // Opening them snapshotted both environments; the history shows it.
    page->showView(ui::DatabasePage::HistoryView);
    ui::SchemaHistoryView *history = page->historyView();
    QVERIFY(waitFor([&] { return page->isReady() && !history->timeline().isEmpty(); }));
    // (The store is shared with the other cases, whose "production" is another file.)
    QCOMPARE(history->timeline().constLast().snapshot.tableCount, 6); // five tables and Flyway's history
    QVERIFY(history->errorText().isEmpty());
}

QTEST_MAIN(DatabasePageTest)
#include "tst_databasepage.moc"

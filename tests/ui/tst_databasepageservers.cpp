// The Databases page on real servers: PostgreSQL 15 and MariaDB 10.11 started by
// the test, the library sample schema (tests/data/schemas) loaded into each, named as environments in a
// real repository's .devdash.json (the MariaDB password from the environment, as a
// user would give it). The window inspects both, draws them, previews rows, keeps a
// snapshot of each and compares one with the other.

#include "MariaDbServer.h"
#include "PostgresServer.h"
#include "SchemaFixtures.h"
#include "TestRepo.h"
#include "common/Workspace.h"
#include "database/DatabasePage.h"
#include "database/ErDiagramView.h"
#include "database/ObjectDetailView.h"
#include "database/SchemaDiffView.h"
#include "database/SchemaHistoryView.h"
#include "schema/SchemaCatalog.h"
#include "tests/TestStoreAccess.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash;
using devdash::test::MariaDbServer;
using devdash::test::PostgresServer;
using devdash::test::SchemaFixtures;
using devdash::test::TestRepo;

namespace {

template<typename Condition> bool waitFor(Condition condition, int timeoutMs = 30000)
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

} // namespace

class DatabasePageServersTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    PostgresServer m_pg;
    MariaDbServer m_maria;
    std::unique_ptr<TestRepo> m_repo;
    std::unique_ptr<ui::Workspace> m_workspace;

    std::unique_ptr<ui::DatabasePage> openPage()
    {
        auto page = std::make_unique<ui::DatabasePage>(m_workspace.get());
        page->resize(1280, 800);
        page->show();
        page->setRepository(m_repo->path());
        return page;
    }

    // The environment `name` open on the page, inspected.
    static const schema::SchemaCatalog *inspected(ui::DatabasePage &page, const QString &name)
    {
        // The configured databases are read on a worker first.
        if (!waitFor([&] { return page.isReady() && page.connections().size() == 2; }))
            return nullptr;
        page.selectDatabase(name);
        if (!waitFor(
                [&] { return page.isReady() && page.currentDatabase() == name && page.currentCatalog(); }))
            return nullptr;
        return page.currentCatalog();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto location = store::StoreLocation::parse(m_dir.filePath(QStringLiteral("store.sqlite")));
        QVERIFY(location);
        ui::TestStoreAccess::setLocation(*location);
        qputenv("DEVDASH_NO_KEYCHAIN", "1");
        DEVDASH_REQUIRE_POSTGRES(m_pg);
        DEVDASH_REQUIRE_MARIADB(m_maria);
        QVERIFY(!m_pg.createDatabase(QStringLiteral("library")).isEmpty());
        QString error;
        QVERIFY2(SchemaFixtures::loadPostgresFile(m_pg, QStringLiteral("library"),
                     SchemaFixtures::path(QStringLiteral("library.postgresql.sql")), &error),
            qPrintable(error));
        const QString mysqlSample = SchemaFixtures::path(QStringLiteral("library.mysql.sql"));
        QVERIFY2(
            SchemaFixtures::missing(mysqlSample).isEmpty(), qPrintable(SchemaFixtures::missing(mysqlSample)));
        QVERIFY2(m_maria.loadFile(mysqlSample, {}), qPrintable(m_maria.errorString()));
        const QString authors = QStringLiteral("INSERT INTO author (first_name, last_name) VALUES ('URSULA', "
                                               "'LE GUIN'), ('TERRY', 'PRATCHETT')");
        QVERIFY2(SchemaFixtures::execPostgres(m_pg, QStringLiteral("library"), authors, &error),
            qPrintable(error));
        QVERIFY2(m_maria.execRoot(authors, QStringLiteral("library")), qPrintable(m_maria.errorString()));
        // The MariaDB password as a user gives it for an environment: never in the file.
        qputenv("DEVDASH_DB_PASSWORD_WAREHOUSE", m_maria.password().toUtf8());
        m_repo = std::make_unique<TestRepo>(QStringLiteral("servers"));
        m_repo->init();
        m_repo->commit(QStringLiteral("config"),
            { { QStringLiteral(".devdash.json"),
                QStringLiteral(R"({"databases": [{"name": "reporting", "url": "%1"},
                                                 {"name": "warehouse", "url": "%2"}]})")
                    .arg(m_pg.url(QStringLiteral("library")), m_maria.url(QStringLiteral("library")))
                    .toUtf8() } });
        m_workspace = std::make_unique<ui::Workspace>();
    }

    void cleanupTestCase()
    {
        m_workspace.reset();
        ui::TestStoreAccess::setLocation(std::nullopt);
    }

    void inspectsDrawsAndPreviewsBothEngines_data()
    {
        QTest::addColumn<QString>("environment");
        QTest::addColumn<QString>("schema");
        QTest::newRow("postgresql") << QStringLiteral("reporting") << QStringLiteral("public");
        QTest::newRow("mariadb") << QStringLiteral("warehouse") << QStringLiteral("library");
    }
    void inspectsDrawsAndPreviewsBothEngines()
    {
        QFETCH(QString, environment);
        QFETCH(QString, schema);
        auto page = openPage();
        const schema::SchemaCatalog *catalog = inspected(*page, environment);
        QVERIFY(catalog);
        const schema::Table *author = catalog->table(schema, QStringLiteral("author"));
        QVERIFY(author);
        QVERIFY(author->primaryKey == QStringList { QStringLiteral("author_id") });
        const schema::Table *bookAuthor = catalog->table(schema, QStringLiteral("book_author"));
        QVERIFY(bookAuthor);
        QCOMPARE(bookAuthor->foreignKeys.size(), 2);
        QVERIFY(catalog->tables.size() >= 13);

        // The first rows, read when the Data tab is shown.
        QVERIFY(page->selectTable(schema, QStringLiteral("author")));
        ui::ObjectDetailView *detail = page->detailView();
        detail->showTab(ui::ObjectDetailView::DataTab);
        QVERIFY(waitFor([&] { return detail->hasPreview(); }));
        QStandardItemModel *rows = detail->dataModel();
        QCOMPARE(rows->rowCount(), 2);
        QCOMPARE(rows->headerData(1, Qt::Horizontal).toString(), QStringLiteral("first_name"));
        QCOMPARE(rows->item(0, 1)->text(), QStringLiteral("URSULA"));

        // The ER diagram of the schema: every table, every foreign key inside it.
        page->showView(ui::DatabasePage::ErView);
        ui::ErDiagramView *er = page->erDiagram();
        QVERIFY(waitFor([&] { return !er->isLayoutPending() && er->tableCount() > 0; }));
        // (The library's audit.log refers to public.member from another schema: not drawn.)
        int tables = 0, keys = 0;
        for (const schema::Table &t : catalog->tables) {
            if (t.schema != schema)
                continue;
            ++tables;
            for (const schema::ForeignKey &fk : t.foreignKeys)
                keys += fk.refSchema == schema && catalog->table(fk.refSchema, fk.refTable) ? 1 : 0;
        }
        QCOMPARE(er->tableCount(), tables);
        QCOMPARE(er->edgeCount(), keys);

        // Opening a configured database saved a snapshot of it.
        page->showView(ui::DatabasePage::HistoryView);
        ui::SchemaHistoryView *history = page->historyView();
        QVERIFY(waitFor([&] { return !history->isBusy() && !history->timeline().isEmpty(); }));
        QCOMPARE(history->timeline().constLast().snapshot.tableCount, int(catalog->tables.size()));
    }

    void comparesTheTwoEngines()
    {
        auto page = openPage();
        QVERIFY(waitFor([&] { return page->isReady(); }));
        page->showView(ui::DatabasePage::DiffView);
        ui::SchemaDiffView *diff = page->diffView();
        QVERIFY(diff->setSides(QStringLiteral("warehouse"), QStringLiteral("reporting")));
        diff->compare();
        QVERIFY(
            waitFor([&] { return !diff->isBusy() && (diff->hasResult() || !diff->errorText().isEmpty()); }));
        QVERIFY2(diff->errorText().isEmpty(), qPrintable(diff->errorText()));
        // Two spellings of one schema: the same tables under other schema names and types.
        QVERIFY(!diff->differences().isEmpty());
        QVERIFY(diff->summaryLabel()->text().contains(QStringLiteral("warehouse")));
    }
};

QTEST_MAIN(DatabasePageServersTest)
#include "tst_databasepageservers.moc"

// The SQLite inspector against the project's sample schemas (tests/data/schemas:
// library and shop) loaded into SQLite files, checked against SQLite's own per-table
// pragmas (CatalogChecks); what only the DDL says (checks, generated columns, partial
// and expression indexes, names) on the library sample and on DDL written here;
// read-only proof and the row preview.

#include "CatalogChecks.h"
#include "SchemaFixtures.h"

#include "schema/DatabaseUrl.h"
#include "schema/ReadOnlyConnection.h"
#include "schema/SchemaInspector.h"
#include "schema/SchemaJson.h"

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
using Oracle = devdash::test::SqliteOracle;

namespace {

const Index *indexNamed(const Table &table, const QString &name)
{
    for (const Index &index : table.indexes)
        if (index.name == name)
            return &index;
    return nullptr;
}

const ForeignKey *foreignKeyTo(const Table &table, const QString &refTable, const QString &firstColumn)
{
    for (const ForeignKey &fk : table.foreignKeys)
        if (fk.refTable == refTable && fk.columns.value(0) == firstColumn)
            return &fk;
    return nullptr;
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
    void samplesMatchSqlitesOwnCatalog_data()
    {
        QTest::addColumn<QString>("sample");
        QTest::addColumn<int>("relations");
        QTest::addColumn<int>("foreignKeys");
        QTest::newRow("library") << QStringLiteral("library.sqlite.sql") << 15 << 17;
        QTest::newRow("shop") << QStringLiteral("shop.sqlite.sql") << 10 << 11;
    }
    void samplesMatchSqlitesOwnCatalog()
    {
        QFETCH(QString, sample);
        QFETCH(int, relations);
        QFETCH(int, foreignKeys);
        const QString file = m_dir.filePath(sample + QStringLiteral(".db"));
        QString error;
        QVERIFY2(
            SchemaFixtures::loadSqliteFile(file, SchemaFixtures::path(sample), &error), qPrintable(error));
        test::checkSqliteCatalog(file, relations, foreignKeys);
        if (QTest::currentTestFailed())
            return;
        // Exactly the sample's relations (sqlite_sequence is SQLite's, not the sample's).
        auto catalog = inspectFile(file);
        QVERIFY(catalog.ok());
        QCOMPARE(catalog->tables.size(), relations);
    }

    void missingSampleIsNamed()
    {
        QString error;
        const QString absent = SchemaFixtures::path(QStringLiteral("no-such-sample.sql"));
        QVERIFY(!SchemaFixtures::loadSqliteFile(m_dir.filePath(QStringLiteral("absent.db")), absent, &error));
        QCOMPARE(error, QStringLiteral("missing test data file ") + absent);
    }

    // What the library sample declares that only its DDL says.
    void librarySample()
    {
        const QString file = m_dir.filePath(QStringLiteral("library-facts.db"));
        QString error;
        QVERIFY2(SchemaFixtures::loadSqliteFile(
                     file, SchemaFixtures::path(QStringLiteral("library.sqlite.sql")), &error),
            qPrintable(error));
        auto catalog = inspectFile(file);
        QVERIFY2(catalog.ok(), qPrintable(catalog.errorMessage()));
        QCOMPARE(catalog->schemas, QStringList { QStringLiteral("main") });
        const Table *book = catalog->table(QStringLiteral("main"), QStringLiteral("book"));
        QVERIFY(book);
        QCOMPARE(book->primaryKey, QStringList { QStringLiteral("isbn") });
        QCOMPARE(book->columns.at(6).name, QStringLiteral("price_with_tax"));
        QCOMPARE(book->columns.at(6).generated, QStringLiteral("round(price * 1.2, 2)"));
        QCOMPARE(book->columns.at(5).defaultValue.value_or(QString()), QStringLiteral("0"));
        QCOMPARE(book->checks.size(), 2);
        QCOMPARE(book->checks.at(0).name, QStringLiteral("pages_positive"));
        QCOMPARE(book->checks.at(0).expression, QStringLiteral("pages > 0"));
        QCOMPARE(book->checks.at(1).expression, QStringLiteral("length(language) = 2"));
        const ForeignKey *publisher
            = foreignKeyTo(*book, QStringLiteral("publisher"), QStringLiteral("publisher_id"));
        QVERIFY(publisher);
        QCOMPARE(publisher->name, QStringLiteral("fk_book_publisher"));
        QCOMPARE(publisher->refColumns, QStringList { QStringLiteral("publisher_id") }); // its primary key
        QCOMPARE(publisher->onUpdate, QStringLiteral("cascade"));
        QCOMPARE(publisher->onDelete, QStringLiteral("restrict"));
        const Index *recent = indexNamed(*book, QStringLiteral("book_recent"));
        QVERIFY(recent);
        QCOMPARE(recent->predicate, QStringLiteral("published >= 2000"));
        QCOMPARE(recent->columns, QStringList { QStringLiteral("published") });

        const Table *author = catalog->table(QStringLiteral("main"), QStringLiteral("author"));
        QCOMPARE(author->columns.last().name, QStringLiteral("full_name"));
        QCOMPARE(author->columns.last().generated, QStringLiteral("first_name || ' ' || last_name"));
        const Index *lower = indexNamed(*author, QStringLiteral("author_last_name_lower"));
        QVERIFY(lower);
        QCOMPARE(lower->columns, QStringList { QStringLiteral("lower(last_name)") });

        // Self-references and a composite key, with their rules.
        const Table *member = catalog->table(QStringLiteral("main"), QStringLiteral("member"));
        const ForeignKey *referrer
            = foreignKeyTo(*member, QStringLiteral("member"), QStringLiteral("referred_by"));
        QVERIFY(referrer);
        QCOMPARE(referrer->onDelete, QStringLiteral("set null"));
        QCOMPARE(referrer->onUpdate, QStringLiteral("cascade"));
        QCOMPARE(foreignKeyTo(*member, QStringLiteral("branch"), QStringLiteral("home_branch_id"))->onDelete,
            QStringLiteral("set default"));
        const Index *email = indexNamed(*member, QStringLiteral("member_email"));
        QVERIFY(email && email->unique);
        QCOMPARE(email->columns, QStringList { QStringLiteral("lower(email)") });
        QCOMPARE(indexNamed(*member, QStringLiteral("member_active"))->predicate, QStringLiteral("active"));
        const Table *loan = catalog->table(QStringLiteral("main"), QStringLiteral("loan"));
        const ForeignKey *copy = foreignKeyTo(*loan, QStringLiteral("copy"), QStringLiteral("branch_id"));
        QVERIFY(copy);
        QCOMPARE(copy->name, QStringLiteral("fk_loan_copy"));
        QCOMPARE(copy->columns, (QStringList { QStringLiteral("branch_id"), QStringLiteral("copy_no") }));
        QCOMPARE(copy->refColumns, (QStringList { QStringLiteral("branch_id"), QStringLiteral("copy_no") }));
        QCOMPARE(loan->checks.size(), 1);
        QCOMPARE(loan->checks.first().name, QStringLiteral("returned_after_borrowed"));
        QCOMPARE(loan->triggers.size(), 1);
        QCOMPARE(loan->triggers.first().name, QStringLiteral("loan_audit"));
        QCOMPARE(loan->triggers.first().timing, QStringLiteral("after"));
        QCOMPARE(loan->triggers.first().events, QStringLiteral("insert"));
        // Unnamed foreign key to a composite primary key: both columns of it.
        const Table *reservation = catalog->table(QStringLiteral("main"), QStringLiteral("reservation"));
        const ForeignKey *pickup
            = foreignKeyTo(*reservation, QStringLiteral("copy"), QStringLiteral("pickup_branch_id"));
        QVERIFY(pickup);
        QCOMPARE(
            pickup->refColumns, (QStringList { QStringLiteral("branch_id"), QStringLiteral("copy_no") }));
        QCOMPARE(
            reservation->primaryKey, (QStringList { QStringLiteral("member_id"), QStringLiteral("isbn") }));
        const Table *copyTable = catalog->table(QStringLiteral("main"), QStringLiteral("copy"));
        QCOMPARE(copyTable->triggers.first().timing, QStringLiteral("before"));
        QCOMPARE(copyTable->triggers.first().events, QStringLiteral("update"));
        // Names that need quoting, and views.
        const Table *audit = catalog->table(QStringLiteral("main"), QStringLiteral("audit log"));
        QVERIFY(audit);
        QCOMPARE(audit->columns.at(1).name, QStringLiteral("table name"));
        const Table *perAuthor = catalog->table(QStringLiteral("main"), QStringLiteral("books per author"));
        QVERIFY(perAuthor);
        QCOMPARE(perAuthor->kind, TableKind::View);
        QVERIFY(perAuthor->definition.startsWith(QLatin1String("SELECT a.author_id")));
        const Table *openLoans = catalog->table(QStringLiteral("main"), QStringLiteral("open_loans"));
        QCOMPARE(openLoans->kind, TableKind::View);
        QCOMPARE(openLoans->columns.size(), 4);
        // The quoted names reach the preview's SQL intact.
        auto url = DatabaseUrl::parse(QStringLiteral("sqlite://") + file);
        auto connection = ReadOnlyConnection::open(*url);
        QVERIFY(connection.ok());
        auto preview = SchemaInspector::previewRows(**connection, *audit, 5);
        QVERIFY2(preview.ok(), qPrintable(preview.errorMessage()));
        QCOMPARE(preview->columns.size(), 4);
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

// The PostgreSQL inspector against the project's sample schemas (tests/data/schemas:
// library, with three schemas, and shop) loaded by psql into a server the test starts,
// checked against PostgreSQL's own catalog queried per table (CatalogChecks:
// format_type, information_schema's referential rules, pg_indexes); what the library
// sample declares (enum, domains, sequences, identity, partitions, inheritance,
// materialized view, comments); read-only proof, clear errors, cancellation.

#include "CatalogChecks.h"
#include "PostgresServer.h"
#include "SchemaFixtures.h"

#include "schema/ConnectionError.h"
#include "schema/DatabaseUrl.h"
#include "schema/ReadOnlyConnection.h"
#include "schema/SchemaInspector.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTcpServer>
#include <QtConcurrent/QtConcurrentRun>
#include <QtTest>

using namespace devdash;
using namespace devdash::schema;
using devdash::test::PostgresServer;
using devdash::test::SchemaFixtures;

class TestPostgresInspector : public QObject
{
    Q_OBJECT

private:
    PostgresServer m_server;

    std::unique_ptr<ReadOnlyConnection> connect(const QString &database, ConnectionOptions options = {})
    {
        auto url = DatabaseUrl::parse(m_server.url(database));
        auto connection = ReadOnlyConnection::open(*url, options);
        if (!connection)
            qWarning() << connection.errorMessage();
        return connection ? std::move(connection.value()) : nullptr;
    }

private slots:
    void initTestCase()
    {
        DEVDASH_REQUIRE_POSTGRES(m_server);
        QString error;
        for (const auto &[database, file] :
            { std::pair { QStringLiteral("library"), QStringLiteral("library.postgresql.sql") },
                std::pair { QStringLiteral("shop"), QStringLiteral("shop.postgresql.sql") } }) {
            QVERIFY(!m_server.createDatabase(database).isEmpty());
            QVERIFY2(SchemaFixtures::loadPostgresFile(m_server, database, SchemaFixtures::path(file), &error),
                qPrintable(error));
        }
        // Two tables whose generated column and default have the very same expression
        // tree (same statement offsets) but different column names: defaults are
        // deparsed once per tree, generated expressions must not be.
        for (const QString table : { QStringLiteral("twin_a (aa int, bb int GENERATED ALWAYS AS (aa * 3) "
                                                    "STORED, cc text DEFAULT 'same')"),
                 QStringLiteral("twin_b (xx int, yy int GENERATED ALWAYS AS (xx * 3) STORED, zz text "
                                "DEFAULT 'same')") }) {
            QVERIFY2(SchemaFixtures::execPostgres(m_server, QStringLiteral("library"),
                         QStringLiteral("CREATE TABLE ") + table, &error),
                qPrintable(error));
        }
    }

    void sharedExpressionTrees()
    {
        auto connection = connect(QStringLiteral("library"));
        QVERIFY(connection);
        // The premise of the test: one tree for both defaults, one for both generated columns.
        const auto trees = SchemaFixtures::oracle(*connection,
            QStringLiteral("SELECT count(DISTINCT adbin::text) FROM pg_attrdef "
                           "WHERE adrelid IN ('twin_a'::regclass, 'twin_b'::regclass)"));
        QCOMPARE(trees.first().first().toInt(), 2);
        auto catalog = SchemaInspector::inspect(*connection);
        QVERIFY2(catalog.ok(), qPrintable(catalog.errorMessage()));
        const Table *a = catalog->table(QStringLiteral("public"), QStringLiteral("twin_a"));
        const Table *b = catalog->table(QStringLiteral("public"), QStringLiteral("twin_b"));
        QVERIFY(a && b);
        QCOMPARE(a->columns.at(1).generated, QStringLiteral("(aa * 3)"));
        QCOMPARE(b->columns.at(1).generated, QStringLiteral("(xx * 3)"));
        QVERIFY(!a->columns.at(1).defaultValue && !b->columns.at(1).defaultValue);
        QCOMPARE(a->columns.at(2).defaultValue.value_or(QString()), QStringLiteral("'same'::text"));
        QCOMPARE(b->columns.at(2).defaultValue.value_or(QString()), QStringLiteral("'same'::text"));
    }

    void samplesMatchPgCatalog_data()
    {
        QTest::addColumn<QString>("database");
        QTest::addColumn<int>("relations");
        QTest::addColumn<int>("foreignKeys");
        // library: its 19 relations and the two twin tables of initTestCase.
        QTest::newRow("library") << QStringLiteral("library") << 21 << 18;
        QTest::newRow("shop") << QStringLiteral("shop") << 8 << 7;
    }
    void samplesMatchPgCatalog()
    {
        QFETCH(QString, database);
        QFETCH(int, relations);
        QFETCH(int, foreignKeys);
        auto connection = connect(database);
        QVERIFY(connection);
        test::checkPostgresCatalog(*connection, database, relations, foreignKeys);
    }

    void postgresSpecifics()
    {
        auto connection = connect(QStringLiteral("library"));
        QVERIFY(connection);
        auto catalog = SchemaInspector::inspect(*connection);
        QVERIFY2(catalog.ok(), qPrintable(catalog.errorMessage()));
        QCOMPARE(catalog->schemas,
            (QStringList { QStringLiteral("audit"), QStringLiteral("public"), QStringLiteral("reporting") }));
        const Table *author = catalog->table(QStringLiteral("public"), QStringLiteral("author"));
        QVERIFY(author);
        QCOMPARE(author->comment, QStringLiteral("People who write books"));
        QCOMPARE(author->columns.at(2).comment, QStringLiteral("Family name"));
        QCOMPARE(author->primaryKey, QStringList { QStringLiteral("author_id") });
        QCOMPARE(author->primaryKeyName, QStringLiteral("author_pkey"));
        QVERIFY(author->columns.first().defaultValue->startsWith(QLatin1String("nextval(")));
        QCOMPARE(author->columns.at(3).type, QStringLiteral("year")); // a domain
        QVERIFY(author->sizeBytes > 0);
        const Index *lowerName = nullptr;
        for (const Index &index : author->indexes)
            if (index.name == QLatin1String("author_lower_name"))
                lowerName = &index;
        QVERIFY(lowerName);
        QCOMPARE(lowerName->method, QStringLiteral("hash"));
        QCOMPARE(lowerName->columns, QStringList { QStringLiteral("lower(last_name::text)") });
        const Table *book = catalog->table(QStringLiteral("public"), QStringLiteral("book"));
        bool partial = false, gin = false;
        for (const Index &index : book->indexes) {
            partial |= index.name == QLatin1String("book_long")
                && index.predicate == QLatin1String("pages > 500");
            gin |= index.name == QLatin1String("book_keywords") && index.method == QLatin1String("gin");
        }
        QVERIFY(partial && gin);
        QCOMPARE(book->triggers.size(), 1);
        QCOMPARE(book->triggers.first().name, QStringLiteral("book_touch"));
        QCOMPARE(book->triggers.first().timing, QStringLiteral("before"));
        QCOMPARE(book->triggers.first().events, QStringLiteral("update"));
        QCOMPARE(book->columns.at(7).name, QStringLiteral("price_with_tax"));
        QCOMPARE(book->columns.at(7).generated, QStringLiteral("round((price * 1.2), 2)"));
        QCOMPARE(book->columns.at(7).comment, QStringLiteral("Price with 20% VAT"));
        QCOMPARE(
            book->columns.at(4).defaultValue.value_or(QString()), QStringLiteral("'paperback'::book_format"));
        QVERIFY(std::any_of(book->checks.cbegin(), book->checks.cend(),
            [](const CheckConstraint &c) { return c.name == QLatin1String("pages_positive"); }));
        // The composite foreign key, with its rules, and a self-reference.
        const Table *loan = catalog->table(QStringLiteral("public"), QStringLiteral("loan"));
        auto copyKey = std::find_if(loan->foreignKeys.cbegin(), loan->foreignKeys.cend(),
            [](const ForeignKey &fk) { return fk.name == QLatin1String("fk_loan_copy"); });
        QVERIFY(copyKey != loan->foreignKeys.cend());
        QCOMPARE(copyKey->columns, (QStringList { QStringLiteral("branch_id"), QStringLiteral("copy_no") }));
        QCOMPARE(copyKey->refTable, QStringLiteral("copy"));
        QCOMPARE(
            copyKey->refColumns, (QStringList { QStringLiteral("branch_id"), QStringLiteral("copy_no") }));
        QCOMPARE(copyKey->onDelete, QStringLiteral("restrict"));
        QCOMPARE(copyKey->onUpdate, QStringLiteral("cascade"));
        QCOMPARE(loan->triggers.first().name, QStringLiteral("loan_audit"));
        QCOMPARE(loan->triggers.first().timing, QStringLiteral("after"));
        const Table *member = catalog->table(QStringLiteral("public"), QStringLiteral("member"));
        QVERIFY(
            std::any_of(member->foreignKeys.cbegin(), member->foreignKeys.cend(), [](const ForeignKey &fk) {
                return fk.refTable == QLatin1String("member") && fk.onDelete == QLatin1String("set null");
            }));
        QVERIFY(std::any_of(member->foreignKeys.cbegin(), member->foreignKeys.cend(),
            [](const ForeignKey &fk) { return fk.onDelete == QLatin1String("set default"); }));
        // Views, a materialized view in another schema.
        const Table *matview
            = catalog->table(QStringLiteral("reporting"), QStringLiteral("books_per_format"));
        QVERIFY(matview);
        QCOMPARE(matview->kind, TableKind::MaterializedView);
        QVERIFY(matview->definition.contains(QLatin1String("count(*)")));
        const Table *view = catalog->table(QStringLiteral("reporting"), QStringLiteral("open_loans"));
        QCOMPARE(view->kind, TableKind::View);
        QVERIFY(view->definition.startsWith(QLatin1String("SELECT")));
        QCOMPARE(view->columns.size(), 4);
        // A declarative partition and an inheritance child both name their parent.
        const Table *partition = catalog->table(QStringLiteral("public"), QStringLiteral("visit_2024"));
        QCOMPARE(partition->partitionOf, QStringLiteral("public.visit"));
        const Table *visit = catalog->table(QStringLiteral("public"), QStringLiteral("visit"));
        QCOMPARE(
            visit->columns.at(3).generated, QStringLiteral("(visitors * 2)")); // as pg_get_expr prints it
        QVERIFY(!visit->columns.at(3).defaultValue);
        QCOMPARE(catalog->table(QStringLiteral("public"), QStringLiteral("loan_2023"))->partitionOf,
            QStringLiteral("public.loan"));
        const Table *log = catalog->table(QStringLiteral("audit"), QStringLiteral("log"));
        QCOMPARE(log->columns.first().generated, QStringLiteral("identity always"));
        QCOMPARE(log->foreignKeys.first().refSchema, QStringLiteral("public"));
        QCOMPARE(log->foreignKeys.first().refTable, QStringLiteral("member"));
        QCOMPARE(log->foreignKeys.first().onDelete, QStringLiteral("set null"));
        QCOMPARE(log->foreignKeys.first().onUpdate, QStringLiteral("restrict"));
        QCOMPARE(log->triggers.size(), 0);
        // Enum, domains; sequences with their owners.
        const auto typeNamed = [&](const QString &name) -> const UserType * {
            for (const UserType &t : catalog->types)
                if (t.name == name)
                    return &t;
            return nullptr;
        };
        QVERIFY(typeNamed(QStringLiteral("book_format")));
        QCOMPARE(typeNamed(QStringLiteral("book_format"))->kind, QStringLiteral("enum"));
        QCOMPARE(typeNamed(QStringLiteral("book_format"))->values,
            (QStringList { "hardcover", "paperback", "ebook", "audiobook" }));
        QVERIFY(typeNamed(QStringLiteral("year")));
        QCOMPARE(typeNamed(QStringLiteral("year"))->kind, QStringLiteral("domain"));
        QCOMPARE(typeNamed(QStringLiteral("year"))->values.first(), QStringLiteral("integer"));
        QCOMPARE(typeNamed(QStringLiteral("isbn13"))->kind, QStringLiteral("domain"));
        QCOMPARE(typeNamed(QStringLiteral("isbn13"))->values.first(), QStringLiteral("character(13)"));
        bool identity = false, serial = false;
        for (const Sequence &s : catalog->sequences) {
            identity |= s.schema == QLatin1String("audit") && s.ownedBy == QLatin1String("audit.log.id");
            serial |= s.name == QLatin1String("author_author_id_seq")
                && s.ownedBy == QLatin1String("public.author.author_id");
        }
        QVERIFY(identity && serial);
        // barcode_seq is free-standing (no OWNED BY): a default uses it.
        QVERIFY(std::any_of(catalog->sequences.cbegin(), catalog->sequences.cend(), [](const Sequence &s) {
            return s.name == QLatin1String("barcode_seq") && s.ownedBy.isEmpty()
                && s.type == QLatin1String("bigint");
        }));
        // Schema filter.
        InspectOptions onlyAudit;
        onlyAudit.schemas = { QStringLiteral("audit") };
        auto audit = SchemaInspector::inspect(*connection, onlyAudit);
        QVERIFY(audit.ok());
        QCOMPARE(audit->tables.size(), 1);
        // Row preview through the driver's quoting.
        auto preview = SchemaInspector::previewRows(*connection, *author, 3);
        QVERIFY2(preview.ok(), qPrintable(preview.errorMessage()));
        QCOMPARE(preview->columns.size(), author->columns.size());
    }

    void connectionIsReadOnly()
    {
        auto connection = connect(QStringLiteral("library"));
        QVERIFY(connection);
        QSqlQuery write(connection->database());
        QVERIFY(!write.exec(QStringLiteral("INSERT INTO publisher (name) VALUES ('Klingon')")));
        QVERIFY2(write.lastError().text().contains(QLatin1String("read-only transaction")),
            qPrintable(write.lastError().text()));
        QVERIFY(!write.exec(QStringLiteral("CREATE TABLE intruder (x int)")));
        QString error;
        QVERIFY(SchemaFixtures::execPostgres(m_server, QStringLiteral("library"),
            QStringLiteral("SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM publisher "
                           "WHERE name = 'Klingon')"),
            &error));
        const auto readOnly
            = SchemaFixtures::oracle(*connection, QStringLiteral("SHOW default_transaction_read_only"));
        QCOMPARE(readOnly.first().first().toString(), QStringLiteral("on"));
    }

    void errorsAreClear()
    {
        // Wrong password: a role that needs one (scram over TCP for it only).
        QString error;
        QVERIFY2(SchemaFixtures::execPostgres(m_server, QStringLiteral("postgres"),
                     QStringLiteral("CREATE ROLE pwuser LOGIN PASSWORD 'right-one'"), &error),
            qPrintable(error));
        const QString hba = m_server.socketDir() + QStringLiteral("/../data/pg_hba.conf");
        QFile file(hba);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray rules = file.readAll();
        file.close();
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("host all pwuser 127.0.0.1/32 scram-sha-256\n" + rules);
        file.close();
        QVERIFY(m_server.execAdmin(QStringLiteral("SELECT pg_reload_conf()")));
        QTest::qWait(300);
        qunsetenv("PGPASSWORD");
        qputenv("DEVDASH_NO_KEYCHAIN", "1");
        auto wrong = DatabaseUrl::parse(
            QStringLiteral("postgresql://pwuser:wrong-one@127.0.0.1:%1/library").arg(m_server.port()));
        auto refused = ReadOnlyConnection::open(*wrong);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.errorMessage().contains(QLatin1String("wrong or missing password")),
            qPrintable(refused.errorMessage()));
        QVERIFY(!refused.errorMessage().contains(QLatin1String("wrong-one")));
        // From the environment, named per environment.
        qputenv("DEVDASH_DB_PASSWORD_STAGING", "right-one");
        auto named = DatabaseUrl::parse(
            QStringLiteral("postgresql://pwuser@127.0.0.1:%1/library").arg(m_server.port()));
        ConnectionOptions staging;
        staging.environmentName = QStringLiteral("staging");
        auto accepted = ReadOnlyConnection::open(*named, staging);
        QVERIFY2(accepted.ok(), qPrintable(accepted.errorMessage()));
        qunsetenv("DEVDASH_DB_PASSWORD_STAGING");
        auto missing = ReadOnlyConnection::open(*named);
        QVERIFY(!missing.ok());
        QVERIFY2(
            missing.errorMessage().contains(QLatin1String("PGPASSWORD")), qPrintable(missing.errorMessage()));

        // Database missing.
        auto noDb = ReadOnlyConnection::open(*DatabaseUrl::parse(m_server.url(QStringLiteral("nosuchdb"))));
        QVERIFY(!noDb.ok());
        QVERIFY2(noDb.errorMessage().contains(QLatin1String("has no database \"nosuchdb\"")),
            qPrintable(noDb.errorMessage()));

        // Server down: a port nobody listens on.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 closedPort = probe.serverPort();
        probe.close();
        auto down = ReadOnlyConnection::open(
            *DatabaseUrl::parse(QStringLiteral("postgresql://postgres@127.0.0.1:%1/x").arg(closedPort)));
        QVERIFY(!down.ok());
        QVERIFY2(down.errorMessage().contains(QLatin1String("is the server running")),
            qPrintable(down.errorMessage()));

        // Unreachable host: a bounded wait.
        ConnectionOptions quick;
        quick.connectTimeoutSeconds = 2;
        QElapsedTimer timer;
        timer.start();
        auto unreachable = ReadOnlyConnection::open(
            *DatabaseUrl::parse(QStringLiteral("postgresql://postgres@10.255.255.1:5432/x")), quick);
        QVERIFY(!unreachable.ok());
        QVERIFY2(timer.elapsed() < 8000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY2(unreachable.errorMessage().contains(QLatin1String("10.255.255.1")),
            qPrintable(unreachable.errorMessage()));
        qunsetenv("DEVDASH_NO_KEYCHAIN");
    }

    void missingPrivilegesAreWarnings()
    {
        QVERIFY(m_server.execAdmin(QStringLiteral("CREATE ROLE reader LOGIN")));
        QString error;
        QVERIFY2(SchemaFixtures::execPostgres(m_server, QStringLiteral("library"),
                     QStringLiteral("REVOKE ALL ON SCHEMA audit FROM PUBLIC; "
                                    "GRANT USAGE ON SCHEMA public TO reader; "
                                    "GRANT SELECT ON author TO reader"),
                     &error),
            qPrintable(error));
        auto url = DatabaseUrl::parse(
            QStringLiteral("postgresql://reader@127.0.0.1:%1/library").arg(m_server.port()));
        auto connection = ReadOnlyConnection::open(*url);
        QVERIFY2(connection.ok(), qPrintable(connection.errorMessage()));
        auto catalog = SchemaInspector::inspect(**connection);
        QVERIFY2(catalog.ok(), qPrintable(catalog.errorMessage()));
        // Everything visible is shown; what cannot be read is said.
        QVERIFY(catalog->table(QStringLiteral("public"), QStringLiteral("book")));
        const QString warnings = catalog->warnings.join(QLatin1Char('\n'));
        QVERIFY2(
            warnings.contains(QLatin1String("USAGE privilege on schema \"audit\"")), qPrintable(warnings));
        QVERIFY2(warnings.contains(QLatin1String("No SELECT privilege")), qPrintable(warnings));
        QVERIFY(!warnings.contains(QLatin1String("public.author,")));
    }

    void longQueryIsCancellable()
    {
        auto connection = connect(QStringLiteral("library"));
        QVERIFY(connection);
        ReadOnlyConnection *raw = connection.get();
        QElapsedTimer timer;
        timer.start();
        auto canceller = QtConcurrent::run([raw]() {
            QThread::msleep(300);
            raw->interrupt();
        });
        auto slow = connection->run(QStringLiteral("SELECT pg_sleep(20)"), QStringLiteral("a slow query"));
        canceller.waitForFinished();
        QVERIFY(!slow.ok());
        QVERIFY2(slow.errorMessage().contains(QLatin1String("cancelled")), qPrintable(slow.errorMessage()));
        QVERIFY(timer.elapsed() < 5000);
    }
};

QTEST_GUILESS_MAIN(TestPostgresInspector)
#include "tst_postgresinspector.moc"

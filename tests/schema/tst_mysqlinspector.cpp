// The MySQL/MariaDB inspector against the project's sample schemas (tests/data/schemas:
// library and shop, MySQL flavour) loaded by the mariadb client into a MariaDB server
// the test starts, checked against the server's own per-table statements (CatalogChecks:
// SHOW COLUMNS, SHOW INDEX) and referential rules; what the library sample declares
// (generated columns, checks, comments, ENUM/SET, FULLTEXT, triggers); read-only proof
// and clear errors.

#include "CatalogChecks.h"
#include "MariaDbServer.h"
#include "SchemaFixtures.h"

#include "schema/DatabaseUrl.h"
#include "schema/ReadOnlyConnection.h"
#include "schema/SchemaInspector.h"

#include <QElapsedTimer>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTcpServer>
#include <QtTest>

using namespace devdash;
using namespace devdash::schema;
using devdash::test::MariaDbServer;
using devdash::test::SchemaFixtures;

class TestMysqlInspector : public QObject
{
    Q_OBJECT

private:
    MariaDbServer m_server;

    std::unique_ptr<ReadOnlyConnection> connect(const QString &database)
    {
        auto connection = ReadOnlyConnection::open(*DatabaseUrl::parse(m_server.url(database)));
        if (!connection)
            qWarning() << connection.errorMessage();
        return connection ? std::move(connection.value()) : nullptr;
    }

private slots:
    void initTestCase()
    {
        DEVDASH_REQUIRE_MARIADB(m_server);
        qputenv("MYSQL_PWD", m_server.password().toUtf8());
        qputenv("DEVDASH_NO_KEYCHAIN", "1");
        for (const QString &sample :
            { QStringLiteral("library.mysql.sql"), QStringLiteral("shop.mysql.sql") }) {
            const QString file = SchemaFixtures::path(sample);
            QVERIFY2(SchemaFixtures::missing(file).isEmpty(), qPrintable(SchemaFixtures::missing(file)));
            QVERIFY2(m_server.loadFile(file, {}), qPrintable(m_server.errorString()));
        }
    }

    void samplesMatchTheServer_data()
    {
        QTest::addColumn<QString>("database");
        QTest::addColumn<int>("relations");
        QTest::addColumn<int>("foreignKeys");
        QTest::newRow("library") << QStringLiteral("library") << 13 << 14;
        QTest::newRow("shop") << QStringLiteral("Shop") << 6 << 6;
    }
    void samplesMatchTheServer()
    {
        QFETCH(QString, database);
        QFETCH(int, relations);
        QFETCH(int, foreignKeys);
        auto connection = connect(database);
        QVERIFY(connection);
        test::checkMysqlCatalog(*connection, database, relations, foreignKeys);
    }

    void mariaDbSpecifics()
    {
        auto connection = connect(QStringLiteral("library"));
        QVERIFY(connection);
        auto catalog = SchemaInspector::inspect(*connection);
        QVERIFY2(catalog.ok(), qPrintable(catalog.errorMessage()));
        QVERIFY(catalog->serverVersion.contains(QLatin1String("MariaDB")));
        const Table *book = catalog->table(QStringLiteral("library"), QStringLiteral("book"));
        QVERIFY(book);
        const auto column = [&](const QString &name) -> const Column & {
            for (const Column &c : book->columns)
                if (c.name == name)
                    return c;
            static const Column none;
            return none;
        };
        QCOMPARE(book->comment, QStringLiteral("Titles the library holds"));
        QCOMPARE(column(QStringLiteral("price")).defaultValue.value_or(QString()), QStringLiteral("0.00"));
        QCOMPARE(column(QStringLiteral("shelf_label")).defaultValue.value_or(QString()),
            QStringLiteral("'it''s new'"));
        QCOMPARE(column(QStringLiteral("shelf_label")).comment, QStringLiteral("shown to members"));
        QCOMPARE(column(QStringLiteral("price_with_tax")).generated, QStringLiteral("`price` * 1.2"));
        QVERIFY(!column(QStringLiteral("price_with_tax")).defaultValue);
        QVERIFY(column(QStringLiteral("title_initial")).generated.contains(QLatin1String("`title`")));
        QCOMPARE(column(QStringLiteral("format")).type,
            QStringLiteral("enum('hardcover','paperback','ebook','audiobook')"));
        QCOMPARE(column(QStringLiteral("features")).type,
            QStringLiteral("set('illustrated','large print','signed')"));
        QCOMPARE(book->checks.size(), 1);
        QCOMPARE(book->checks.first().name, QStringLiteral("price_positive"));
        QCOMPARE(book->checks.first().expression, QStringLiteral("`price` >= 0"));
        // Nullable columns without a default: MariaDB says 'NULL', the catalog says none.
        QCOMPARE(book->columns.at(2).name, QStringLiteral("subtitle"));
        QVERIFY(!book->columns.at(2).defaultValue);
        QCOMPARE(book->foreignKeys.size(), 1);
        QCOMPARE(book->foreignKeys.first().onDelete, QStringLiteral("restrict"));
        QCOMPARE(book->foreignKeys.first().onUpdate, QStringLiteral("cascade"));
        QCOMPARE(book->triggers.size(), 2);
        bool fulltext = false;
        for (const Index &index : book->indexes)
            fulltext |= index.name == QLatin1String("book_text") && index.method == QLatin1String("fulltext");
        QVERIFY(fulltext);
        // A composite foreign key and a self-reference, with their rules.
        const Table *loan = catalog->table(QStringLiteral("library"), QStringLiteral("loan"));
        auto copyKey = std::find_if(loan->foreignKeys.cbegin(), loan->foreignKeys.cend(),
            [](const ForeignKey &fk) { return fk.name == QLatin1String("fk_loan_copy"); });
        QVERIFY(copyKey != loan->foreignKeys.cend());
        QCOMPARE(copyKey->columns, (QStringList { QStringLiteral("branch_id"), QStringLiteral("copy_no") }));
        QCOMPARE(
            copyKey->refColumns, (QStringList { QStringLiteral("branch_id"), QStringLiteral("copy_no") }));
        QCOMPARE(loan->checks.size(), 1);
        QCOMPARE(loan->triggers.size(), 1);
        const Table *branch = catalog->table(QStringLiteral("library"), QStringLiteral("branch"));
        QCOMPARE(branch->comment, QStringLiteral("Lending sites"));
        QCOMPARE(branch->foreignKeys.first().refTable, QStringLiteral("branch"));
        QCOMPARE(branch->foreignKeys.first().onDelete, QStringLiteral("set null"));
        QCOMPARE(branch->columns.first().generated, QStringLiteral("auto_increment"));
        const Table *author = catalog->table(QStringLiteral("library"), QStringLiteral("author"));
        QCOMPARE(author->columns.at(2).comment, QStringLiteral("Family name"));
        QCOMPARE(
            catalog->table(QStringLiteral("library"), QStringLiteral("open_loans"))->kind, TableKind::View);
        auto preview = SchemaInspector::previewRows(*connection, *book, 5);
        QVERIFY2(preview.ok(), qPrintable(preview.errorMessage()));
        QCOMPARE(preview->columns.size(), book->columns.size());
    }

    void connectionIsReadOnly()
    {
        auto connection = connect(QStringLiteral("library"));
        QVERIFY(connection);
        QSqlQuery write(connection->database());
        QVERIFY(!write.exec(QStringLiteral("INSERT INTO publisher (name) VALUES ('Klingon')")));
        QVERIFY2(write.lastError().text().contains(QLatin1String("READ ONLY"), Qt::CaseInsensitive),
            qPrintable(write.lastError().text()));
        QVERIFY(m_server.execRoot(QStringLiteral("SELECT COUNT(*) FROM publisher WHERE name = 'Klingon'"),
            QStringLiteral("library")));
        const auto rows = SchemaFixtures::oracle(
            *connection, QStringLiteral("SELECT COUNT(*) FROM publisher WHERE name = 'Klingon'"));
        QCOMPARE(rows.first().first().toInt(), 0);
    }

    void errorsAreClear()
    {
        auto wrong = DatabaseUrl::parse(QStringLiteral("mariadb://%1:not-it@127.0.0.1:%2/library")
                                            .arg(m_server.user())
                                            .arg(m_server.port()));
        auto refused = ReadOnlyConnection::open(*wrong);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.errorMessage().contains(QLatin1String("wrong or missing password")),
            qPrintable(refused.errorMessage()));
        QVERIFY(!refused.errorMessage().contains(QLatin1String("not-it")));
        QVERIFY(refused.errorMessage().contains(QLatin1String("MYSQL_PWD")));

        auto noDb = ReadOnlyConnection::open(*DatabaseUrl::parse(m_server.url(QStringLiteral("nosuchdb"))));
        QVERIFY(!noDb.ok());
        QVERIFY2(noDb.errorMessage().contains(QLatin1String("no database \"nosuchdb\"")),
            qPrintable(noDb.errorMessage()));

        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 closedPort = probe.serverPort();
        probe.close();
        auto down = ReadOnlyConnection::open(
            *DatabaseUrl::parse(QStringLiteral("mysql://root@127.0.0.1:%1/x").arg(closedPort)));
        QVERIFY(!down.ok());
        QVERIFY2(down.errorMessage().contains(QLatin1String("is the server running")),
            qPrintable(down.errorMessage()));

        ConnectionOptions quick;
        quick.connectTimeoutSeconds = 2;
        QElapsedTimer timer;
        timer.start();
        auto unreachable = ReadOnlyConnection::open(
            *DatabaseUrl::parse(QStringLiteral("mysql://u@10.255.255.1:3306/x")), quick);
        QVERIFY(!unreachable.ok());
        QVERIFY2(timer.elapsed() < 8000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(unreachable.errorMessage().contains(QLatin1String("10.255.255.1")));
    }
};

QTEST_GUILESS_MAIN(TestMysqlInspector)
#include "tst_mysqlinspector.moc"

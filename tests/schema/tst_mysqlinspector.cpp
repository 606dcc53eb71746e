// The MySQL/MariaDB inspector against the real sample schemas (sakila and
// chinook, MySQL flavour) loaded by the mariadb client into a MariaDB server
// the test starts, checked against the server's own per-table statements
// (SHOW COLUMNS, SHOW INDEX) and referential rules; read-only proof and
// clear errors.

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
        QVERIFY2(
            m_server.loadFile(SchemaFixtures::path(QStringLiteral("sakila__mysql-sakila-schema.sql")), {}),
            qPrintable(m_server.errorString()));
        QVERIFY2(
            m_server.loadFile(
                SchemaFixtures::path(QStringLiteral("chinook-database__Chinook_MySql.schema-only.sql")), {}),
            qPrintable(m_server.errorString()));
        // What the samples lack: a check constraint, a generated column, a string default, comments.
        QVERIFY2(m_server.execRoot(
                     QStringLiteral(
                         "CREATE TABLE extras (id INT PRIMARY KEY, price DECIMAL(8,2) NOT NULL DEFAULT 0, "
                         "label VARCHAR(20) DEFAULT 'it''s new' COMMENT 'shown to users', "
                         "doubled DECIMAL(9,2) AS (price * 2) PERSISTENT, "
                         "CONSTRAINT price_positive CHECK (price >= 0)) COMMENT 'extra things'"),
                     QStringLiteral("sakila")),
            qPrintable(m_server.errorString()));
    }

    void samplesMatchTheServer_data()
    {
        QTest::addColumn<QString>("database");
        QTest::addColumn<int>("minTables");
        QTest::newRow("sakila") << QStringLiteral("sakila") << 20;
        QTest::newRow("chinook") << QStringLiteral("Chinook") << 11;
    }
    void samplesMatchTheServer()
    {
        QFETCH(QString, database);
        QFETCH(int, minTables);
        auto connection = connect(database);
        QVERIFY(connection);
        auto catalog = SchemaInspector::inspect(*connection);
        QVERIFY2(catalog.ok(), qPrintable(catalog.errorMessage()));
        QCOMPARE(catalog->database, database);
        QVERIFY(catalog->tables.size() >= minTables);
        const auto tables = SchemaFixtures::oracle(*connection, QStringLiteral("SHOW FULL TABLES"));
        QCOMPARE(catalog->tables.size(), tables.size());
        int foreignKeys = 0;
        QSqlDriver *driver = connection->database().driver();
        for (const QVariantList &row : tables) {
            const QString name = row.at(0).toString();
            const Table *table = catalog->table(database, name);
            QVERIFY2(table, qPrintable(name));
            QCOMPARE(table->kind == TableKind::View, row.at(1).toString() == QLatin1String("VIEW"));
            const QString quoted = driver->escapeIdentifier(name, QSqlDriver::TableName);
            const auto columns
                = SchemaFixtures::oracle(*connection, QStringLiteral("SHOW COLUMNS FROM %1").arg(quoted));
            QCOMPARE(table->columns.size(), columns.size());
            QStringList primaryKey;
            for (int i = 0; i < columns.size(); ++i) {
                const Column &column = table->columns.at(i);
                QCOMPARE(column.name, columns.at(i).at(0).toString());
                QCOMPARE(column.type, columns.at(i).at(1).toString());
                QCOMPARE(column.nullable, columns.at(i).at(2).toString() == QLatin1String("YES"));
                const QVariant shown = columns.at(i).at(4);
                if (!column.generated.isEmpty() && column.generated != QLatin1String("auto_increment"))
                    continue;
                if (shown.isNull()) {
                    QVERIFY2(!column.defaultValue || *column.defaultValue == QLatin1String("NULL"),
                        qPrintable(name + QLatin1Char('.') + column.name));
                } else {
                    QVERIFY2(column.defaultValue, qPrintable(name + QLatin1Char('.') + column.name));
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
                = SchemaFixtures::oracle(*connection, QStringLiteral("SHOW INDEX FROM %1").arg(quoted));
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
            const auto rules = SchemaFixtures::oracle(*connection,
                QStringLiteral("SELECT CONSTRAINT_NAME, LOWER(UPDATE_RULE), LOWER(DELETE_RULE), "
                               "REFERENCED_TABLE_NAME FROM information_schema.REFERENTIAL_CONSTRAINTS "
                               "WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?"),
                { database, name });
            QCOMPARE(table->foreignKeys.size(), rules.size());
            for (const QVariantList &rule : rules) {
                auto it = std::find_if(table->foreignKeys.cbegin(), table->foreignKeys.cend(),
                    [&](const ForeignKey &fk) { return fk.name == rule.at(0).toString(); });
                QVERIFY(it != table->foreignKeys.cend());
                QCOMPARE(it->onUpdate, rule.at(1).toString());
                QCOMPARE(it->onDelete, rule.at(2).toString());
                QCOMPARE(it->refTable, rule.at(3).toString());
                QCOMPARE(it->columns.size(), it->refColumns.size());
                ++foreignKeys;
            }
        }
        QVERIFY(foreignKeys > 5);
    }

    void mariaDbSpecifics()
    {
        auto connection = connect(QStringLiteral("sakila"));
        QVERIFY(connection);
        auto catalog = SchemaInspector::inspect(*connection);
        QVERIFY2(catalog.ok(), qPrintable(catalog.errorMessage()));
        QVERIFY(catalog->serverVersion.contains(QLatin1String("MariaDB")));
        const Table *extras = catalog->table(QStringLiteral("sakila"), QStringLiteral("extras"));
        QVERIFY(extras);
        QCOMPARE(extras->comment, QStringLiteral("extra things"));
        QCOMPARE(extras->columns.at(1).defaultValue.value_or(QString()), QStringLiteral("0.00"));
        QCOMPARE(extras->columns.at(2).defaultValue.value_or(QString()), QStringLiteral("'it''s new'"));
        QCOMPARE(extras->columns.at(2).comment, QStringLiteral("shown to users"));
        QCOMPARE(extras->columns.at(3).generated, QStringLiteral("`price` * 2"));
        QVERIFY(!extras->columns.at(3).defaultValue);
        QCOMPARE(extras->checks.size(), 1);
        QCOMPARE(extras->checks.first().name, QStringLiteral("price_positive"));
        QCOMPARE(extras->checks.first().expression, QStringLiteral("`price` >= 0"));
        // Nullable columns without a default: MariaDB says 'NULL', the catalog says none.
        const Table *address = catalog->table(QStringLiteral("sakila"), QStringLiteral("address"));
        QCOMPARE(address->columns.at(2).name, QStringLiteral("address2"));
        QVERIFY(!address->columns.at(2).defaultValue);
        QCOMPARE(address->foreignKeys.first().onDelete, QStringLiteral("restrict"));
        QCOMPARE(address->foreignKeys.first().onUpdate, QStringLiteral("cascade"));
        const Table *film = catalog->table(QStringLiteral("sakila"), QStringLiteral("film"));
        QVERIFY(!film->triggers.isEmpty());
        const Table *filmText = catalog->table(QStringLiteral("sakila"), QStringLiteral("film_text"));
        bool fulltext = false;
        for (const Index &index : filmText->indexes)
            fulltext |= index.method == QLatin1String("fulltext");
        QVERIFY(fulltext);
        auto preview = SchemaInspector::previewRows(*connection, *film, 5);
        QVERIFY2(preview.ok(), qPrintable(preview.errorMessage()));
        QCOMPARE(preview->columns.size(), film->columns.size());
    }

    void connectionIsReadOnly()
    {
        auto connection = connect(QStringLiteral("sakila"));
        QVERIFY(connection);
        QSqlQuery write(connection->database());
        QVERIFY(!write.exec(QStringLiteral("INSERT INTO language (name) VALUES ('Klingon')")));
        QVERIFY2(write.lastError().text().contains(QLatin1String("READ ONLY"), Qt::CaseInsensitive),
            qPrintable(write.lastError().text()));
        QVERIFY(m_server.execRoot(QStringLiteral("SELECT COUNT(*) FROM language WHERE name = 'Klingon'"),
            QStringLiteral("sakila")));
        const auto rows = SchemaFixtures::oracle(
            *connection, QStringLiteral("SELECT COUNT(*) FROM language WHERE name = 'Klingon'"));
        QCOMPARE(rows.first().first().toInt(), 0);
    }

    void errorsAreClear()
    {
        auto wrong = DatabaseUrl::parse(QStringLiteral("mariadb://%1:not-it@127.0.0.1:%2/sakila")
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

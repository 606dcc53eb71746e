// The PostgreSQL inspector against the real sample schemas (sakila, northwind,
// chinook) loaded by psql into a server the test starts, checked against
// PostgreSQL's own catalog queried per table here (format_type, information_
// schema's referential rules, pg_indexes); read-only proof, clear errors,
// cancellation.

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
            { std::pair { QStringLiteral("sakila"), QStringLiteral("sakila__postgres-sakila-schema.sql") },
                std::pair { QStringLiteral("northwind"),
                    QStringLiteral("northwind_psql__northwind.schema-only.sql") } }) {
            QVERIFY(!m_server.createDatabase(database).isEmpty());
            QVERIFY2(SchemaFixtures::loadPostgresFile(m_server, database, SchemaFixtures::path(file), &error),
                qPrintable(error));
        }
        // Chinook creates its own database and connects to it.
        QVERIFY2(
            SchemaFixtures::loadPostgresFile(m_server, QStringLiteral("postgres"),
                SchemaFixtures::path(QStringLiteral("chinook-database__Chinook_PostgreSql.schema-only.sql")),
                &error),
            qPrintable(error));
        // What the samples lack: a partial and an expression index, a materialized view,
        // a declarative partition, a comment, a generated column.
        QVERIFY2(SchemaFixtures::execPostgres(m_server, QStringLiteral("sakila"), QStringLiteral(R"(
            CREATE INDEX film_long ON film (length) WHERE length > 120;
            CREATE INDEX actor_lower_name ON actor USING hash (lower(last_name));
            CREATE MATERIALIZED VIEW film_count AS SELECT rating, count(*) AS n FROM film GROUP BY rating;
            CREATE TABLE measurement (city_id int NOT NULL, logdate date NOT NULL,
                                      peak int, doubled int GENERATED ALWAYS AS (peak * 2) STORED)
                PARTITION BY RANGE (logdate);
            CREATE TABLE measurement_y2024 PARTITION OF measurement FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            COMMENT ON TABLE actor IS 'People who act';
            COMMENT ON COLUMN actor.last_name IS 'Family name';
            CREATE SCHEMA audit;
            CREATE TABLE audit.log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                                    actor_id int REFERENCES public.actor ON DELETE SET NULL ON UPDATE RESTRICT);
        )"),
                     &error),
            qPrintable(error));
        // Two tables whose generated column and default have the very same expression
        // tree (same statement offsets) but different column names: defaults are
        // deparsed once per tree, generated expressions must not be.
        for (const QString table : { QStringLiteral("twin_a (aa int, bb int GENERATED ALWAYS AS (aa * 3) "
                                                    "STORED, cc text DEFAULT 'same')"),
                 QStringLiteral("twin_b (xx int, yy int GENERATED ALWAYS AS (xx * 3) STORED, zz text "
                                "DEFAULT 'same')") }) {
            QVERIFY2(SchemaFixtures::execPostgres(
                         m_server, QStringLiteral("sakila"), QStringLiteral("CREATE TABLE ") + table, &error),
                qPrintable(error));
        }
    }

    void sharedExpressionTrees()
    {
        auto connection = connect(QStringLiteral("sakila"));
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
        QTest::addColumn<int>("minTables");
        QTest::newRow("sakila") << QStringLiteral("sakila") << 20;
        QTest::newRow("northwind") << QStringLiteral("northwind") << 13;
        QTest::newRow("chinook") << QStringLiteral("chinook") << 11;
    }
    void samplesMatchPgCatalog()
    {
        QFETCH(QString, database);
        QFETCH(int, minTables);
        auto connection = connect(database);
        QVERIFY(connection);
        auto catalog = SchemaInspector::inspect(*connection);
        QVERIFY2(catalog.ok(), qPrintable(catalog.errorMessage()));
        QCOMPARE(catalog->database, database);
        QVERIFY(catalog->tables.size() >= minTables);

        // Every relation of the user's schemas, and only those (information_schema.tables
        // lists tables and views; materialized views are pg_matviews).
        const auto relations = SchemaFixtures::oracle(*connection,
            QStringLiteral("SELECT table_schema, table_name FROM information_schema.tables "
                           "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') "
                           "UNION SELECT schemaname, matviewname FROM pg_matviews ORDER BY 1, 2"));
        QCOMPARE(catalog->tables.size(), relations.size());
        int checkedForeignKeys = 0;
        for (const QVariantList &relation : relations) {
            const QString schema = relation.at(0).toString();
            const QString name = relation.at(1).toString();
            const Table *table = catalog->table(schema, name);
            QVERIFY2(table, qPrintable(schema + QLatin1Char('.') + name));
            // Columns, in order, typed by format_type, with NOT NULL and defaults (one query per table here).
            const auto columns = SchemaFixtures::oracle(*connection,
                QStringLiteral("SELECT attname, format_type(atttypid, atttypmod), attnotnull, "
                               "pg_get_expr(d.adbin, d.adrelid), attgenerated "
                               "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = "
                               "a.attrelid AND d.adnum = a.attnum WHERE attrelid = "
                               "to_regclass(quote_ident(?) || '.' || quote_ident(?)) "
                               "AND attnum > 0 AND NOT attisdropped ORDER BY attnum"),
                { schema, name });
            QCOMPARE(table->columns.size(), columns.size());
            for (int i = 0; i < columns.size(); ++i) {
                QCOMPARE(table->columns.at(i).name, columns.at(i).at(0).toString());
                QCOMPARE(table->columns.at(i).type, columns.at(i).at(1).toString());
                QCOMPARE(table->columns.at(i).nullable, !columns.at(i).at(2).toBool());
                if (columns.at(i).at(4).toString() == QLatin1String("s"))
                    QCOMPARE(table->columns.at(i).generated, columns.at(i).at(3).toString());
                else if (!columns.at(i).at(3).isNull())
                    QCOMPARE(table->columns.at(i).defaultValue.value_or(QString()),
                        columns.at(i).at(3).toString());
            }
            // Foreign keys: the rules as information_schema states them.
            const auto fks = SchemaFixtures::oracle(*connection,
                QStringLiteral("SELECT rc.constraint_name, lower(rc.update_rule), lower(rc.delete_rule) "
                               "FROM information_schema.referential_constraints rc "
                               "JOIN information_schema.table_constraints tc "
                               "ON tc.constraint_schema = rc.constraint_schema "
                               "AND tc.constraint_name = rc.constraint_name "
                               "WHERE tc.table_schema = ? AND tc.table_name = ? ORDER BY 1"),
                { schema, name });
            QCOMPARE(table->foreignKeys.size(), fks.size());
            for (const QVariantList &fk : fks) {
                auto it = std::find_if(table->foreignKeys.cbegin(), table->foreignKeys.cend(),
                    [&](const ForeignKey &k) { return k.name == fk.at(0).toString(); });
                QVERIFY2(it != table->foreignKeys.cend(), qPrintable(fk.at(0).toString()));
                QCOMPARE(it->onUpdate, fk.at(1).toString());
                QCOMPARE(it->onDelete, fk.at(2).toString());
                QVERIFY(!it->refTable.isEmpty());
                QCOMPARE(it->columns.size(), it->refColumns.size());
                ++checkedForeignKeys;
            }
            // Indexes: names, and the predicate as pg_indexes' definition ends.
            const auto indexes = SchemaFixtures::oracle(*connection,
                QStringLiteral("SELECT indexname, indexdef FROM pg_indexes "
                               "WHERE schemaname = ? AND tablename = ? ORDER BY 1"),
                { schema, name });
            QCOMPARE(table->indexes.size(), indexes.size());
            for (int i = 0; i < indexes.size(); ++i) {
                const Index &index = table->indexes.at(i);
                QCOMPARE(index.name, indexes.at(i).at(0).toString());
                const QString def = indexes.at(i).at(1).toString();
                QCOMPARE(index.unique, def.startsWith(QLatin1String("CREATE UNIQUE")));
                QVERIFY2(def.contains(QStringLiteral(" USING %1 ").arg(index.method)), qPrintable(def));
                if (def.contains(QLatin1String(" WHERE ")))
                    QVERIFY2(def.endsWith(QStringLiteral("WHERE ") + index.predicate)
                            || def.contains(index.predicate.mid(1, index.predicate.size() - 2)),
                        qPrintable(def + QStringLiteral(" / ") + index.predicate));
                else
                    QVERIFY(index.predicate.isEmpty());
            }
        }
        QVERIFY(checkedForeignKeys > 5);
    }

    void postgresSpecifics()
    {
        auto connection = connect(QStringLiteral("sakila"));
        QVERIFY(connection);
        auto catalog = SchemaInspector::inspect(*connection);
        QVERIFY2(catalog.ok(), qPrintable(catalog.errorMessage()));
        QCOMPARE(catalog->schemas, (QStringList { QStringLiteral("audit"), QStringLiteral("public") }));
        const Table *actor = catalog->table(QStringLiteral("public"), QStringLiteral("actor"));
        QCOMPARE(actor->comment, QStringLiteral("People who act"));
        QCOMPARE(actor->columns.at(2).comment, QStringLiteral("Family name"));
        QCOMPARE(actor->primaryKey, QStringList { QStringLiteral("actor_id") });
        QVERIFY(actor->columns.first().defaultValue->startsWith(QLatin1String("nextval(")));
        QVERIFY(actor->sizeBytes > 0);
        const Index *lowerName = nullptr;
        for (const Index &index : actor->indexes)
            if (index.name == QLatin1String("actor_lower_name"))
                lowerName = &index;
        QVERIFY(lowerName);
        QCOMPARE(lowerName->method, QStringLiteral("hash"));
        QCOMPARE(lowerName->columns, QStringList { QStringLiteral("lower(last_name::text)") });
        const Table *film = catalog->table(QStringLiteral("public"), QStringLiteral("film"));
        bool partial = false;
        for (const Index &index : film->indexes)
            partial |= index.name == QLatin1String("film_long")
                && index.predicate == QLatin1String("length > 120");
        QVERIFY(partial);
        QVERIFY(!film->triggers.isEmpty()); // last_updated
        QCOMPARE(film->triggers.first().timing, QStringLiteral("before"));
        const Table *matview = catalog->table(QStringLiteral("public"), QStringLiteral("film_count"));
        QCOMPARE(matview->kind, TableKind::MaterializedView);
        QVERIFY(matview->definition.contains(QLatin1String("count(*)")));
        const Table *view = catalog->table(QStringLiteral("public"), QStringLiteral("actor_info"));
        QCOMPARE(view->kind, TableKind::View);
        QVERIFY(view->definition.startsWith(QLatin1String("SELECT")));
        const Table *partition
            = catalog->table(QStringLiteral("public"), QStringLiteral("measurement_y2024"));
        QCOMPARE(partition->partitionOf, QStringLiteral("public.measurement"));
        const Table *measurement = catalog->table(QStringLiteral("public"), QStringLiteral("measurement"));
        QCOMPARE(
            measurement->columns.at(3).generated, QStringLiteral("(peak * 2)")); // as pg_get_expr prints it
        QVERIFY(!measurement->columns.at(3).defaultValue);
        // The sakila inheritance children name their parent too.
        QCOMPARE(catalog->table(QStringLiteral("public"), QStringLiteral("payment_p2007_01"))->partitionOf,
            QStringLiteral("public.payment"));
        const Table *log = catalog->table(QStringLiteral("audit"), QStringLiteral("log"));
        QCOMPARE(log->columns.first().generated, QStringLiteral("identity always"));
        QCOMPARE(log->foreignKeys.first().refSchema, QStringLiteral("public"));
        QCOMPARE(log->foreignKeys.first().onDelete, QStringLiteral("set null"));
        QCOMPARE(log->foreignKeys.first().onUpdate, QStringLiteral("restrict"));
        // Enum, domain; sequences with their owners.
        const auto typeNamed = [&](const QString &name) -> const UserType * {
            for (const UserType &t : catalog->types)
                if (t.name == name)
                    return &t;
            return nullptr;
        };
        QVERIFY(typeNamed(QStringLiteral("mpaa_rating")));
        QCOMPARE(typeNamed(QStringLiteral("mpaa_rating"))->kind, QStringLiteral("enum"));
        QCOMPARE(typeNamed(QStringLiteral("mpaa_rating"))->values,
            (QStringList { "G", "PG", "PG-13", "R", "NC-17" }));
        QCOMPARE(typeNamed(QStringLiteral("year"))->kind, QStringLiteral("domain"));
        QCOMPARE(typeNamed(QStringLiteral("year"))->values.first(), QStringLiteral("integer"));
        bool owned = false;
        for (const Sequence &s : catalog->sequences)
            owned |= s.schema == QLatin1String("audit")
                && s.ownedBy == QLatin1String("audit.log.id"); // identity
        QVERIFY(owned);
        // sakila's sequences are free-standing (no OWNED BY in the dump).
        QVERIFY(std::any_of(catalog->sequences.cbegin(), catalog->sequences.cend(), [](const Sequence &s) {
            return s.name == QLatin1String("actor_actor_id_seq") && s.ownedBy.isEmpty()
                && s.type == QLatin1String("bigint");
        }));
        // Schema filter.
        InspectOptions onlyAudit;
        onlyAudit.schemas = { QStringLiteral("audit") };
        auto audit = SchemaInspector::inspect(*connection, onlyAudit);
        QVERIFY(audit.ok());
        QCOMPARE(audit->tables.size(), 1);
        // Row preview through the driver's quoting.
        auto preview = SchemaInspector::previewRows(*connection, *actor, 3);
        QVERIFY2(preview.ok(), qPrintable(preview.errorMessage()));
        QCOMPARE(preview->columns.size(), actor->columns.size());
    }

    void connectionIsReadOnly()
    {
        auto connection = connect(QStringLiteral("sakila"));
        QVERIFY(connection);
        QSqlQuery write(connection->database());
        QVERIFY(!write.exec(QStringLiteral("INSERT INTO language (name) VALUES ('Klingon')")));
        QVERIFY2(write.lastError().text().contains(QLatin1String("read-only transaction")),
            qPrintable(write.lastError().text()));
        QVERIFY(!write.exec(QStringLiteral("CREATE TABLE intruder (x int)")));
        QString error;
        QVERIFY(SchemaFixtures::execPostgres(m_server, QStringLiteral("sakila"),
            QStringLiteral("SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM language "
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
            QStringLiteral("postgresql://pwuser:wrong-one@127.0.0.1:%1/sakila").arg(m_server.port()));
        auto refused = ReadOnlyConnection::open(*wrong);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.errorMessage().contains(QLatin1String("wrong or missing password")),
            qPrintable(refused.errorMessage()));
        QVERIFY(!refused.errorMessage().contains(QLatin1String("wrong-one")));
        // From the environment, named per environment.
        qputenv("DEVDASH_DB_PASSWORD_STAGING", "right-one");
        auto named = DatabaseUrl::parse(
            QStringLiteral("postgresql://pwuser@127.0.0.1:%1/sakila").arg(m_server.port()));
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
        QVERIFY2(SchemaFixtures::execPostgres(m_server, QStringLiteral("sakila"),
                     QStringLiteral("REVOKE ALL ON SCHEMA audit FROM PUBLIC; "
                                    "GRANT USAGE ON SCHEMA public TO reader; "
                                    "GRANT SELECT ON actor TO reader"),
                     &error),
            qPrintable(error));
        auto url = DatabaseUrl::parse(
            QStringLiteral("postgresql://reader@127.0.0.1:%1/sakila").arg(m_server.port()));
        auto connection = ReadOnlyConnection::open(*url);
        QVERIFY2(connection.ok(), qPrintable(connection.errorMessage()));
        auto catalog = SchemaInspector::inspect(**connection);
        QVERIFY2(catalog.ok(), qPrintable(catalog.errorMessage()));
        // Everything visible is shown; what cannot be read is said.
        QVERIFY(catalog->table(QStringLiteral("public"), QStringLiteral("film")));
        const QString warnings = catalog->warnings.join(QLatin1Char('\n'));
        QVERIFY2(
            warnings.contains(QLatin1String("USAGE privilege on schema \"audit\"")), qPrintable(warnings));
        QVERIFY2(warnings.contains(QLatin1String("No SELECT privilege")), qPrintable(warnings));
        QVERIFY(!warnings.contains(QLatin1String("public.actor,")));
    }

    void longQueryIsCancellable()
    {
        auto connection = connect(QStringLiteral("sakila"));
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

#include "CorpusSchemas.h"

#include "CatalogChecks.h"
#include "CorpusDir.h"
#include "MigrationFixtures.h"
#include "MigrationHistoryDb.h"
#include "SchemaFixtures.h"
#include "TestEnvironment.h"
#include "TestRepo.h"

#include "schema/DatabaseUrl.h"
#include "schema/ReadOnlyConnection.h"
#include "schema/SchemaInspector.h"
#include "schema/migrations/GitTreeSnapshot.h"
#include "schema/migrations/MigrationFileScanner.h"
#include "schema/migrations/MigrationInspector.h"
#include "schema/migrations/MigrationVersion.h"

#include <QSet>
#include <QTest>
#include <QTimeZone>

#include <zlib.h>

#include <algorithm>

using namespace devdash;
using namespace devdash::schema;
using namespace devdash::migrations;
using devdash::test::SchemaFixtures;

namespace {

const QString HawkbitFolder = QStringLiteral("hawkbit-repository/jpa/src/main/resources/db/migration");
const QString PreBaseline = QStringLiteral("hawkbit/pre-baseline-8435862a4f61cf095a170c2c0498f102aab150e3");
const QString Head = QStringLiteral("hawkbit/HEAD-67ca1c43321e6b5ed091b667bf36d27dab0cf3eb");

// db/schemas/<file> of the corpus, or empty with why it is not there.
QString schemaFile(const QString &file, QString *why)
{
    return test::corpusPath(QStringLiteral("db/schemas/") + file, why);
}

// The files of db/migrations/<relative>, keyed by `prefix` + their path below it.
QMap<QString, QByteArray> migrationFiles(const QString &relative, const QString &prefix, QString *why)
{
    return test::filesUnder(test::corpusDir() + QStringLiteral("/db/migrations"), relative, prefix, why);
}

// Flyway's checksum by an independent formulation: CRC-32 of the text without line ends.
qint32 flywayCrc(QByteArray bytes)
{
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    bytes.replace('\r', QByteArray()).replace('\n', QByteArray());
    return qint32(quint32(crc32(0, reinterpret_cast<const Bytef *>(bytes.constData()), uInt(bytes.size()))));
}

std::unique_ptr<ReadOnlyConnection> connectTo(const QString &url)
{
    auto connection = ReadOnlyConnection::open(*DatabaseUrl::parse(url));
    if (!connection)
        qWarning() << connection.errorMessage();
    return connection ? std::move(connection.value()) : nullptr;
}

QMap<QString, QString> statesOf(const QList<MigrationEntry> &entries)
{
    QMap<QString, QString> out;
    for (const MigrationEntry &e : entries)
        out.insert(e.key, migrationStateName(e.state));
    return out;
}

} // namespace

void CorpusSchemas::initTestCase()
{
    QVERIFY(test::TestEnvironment::setUp());
    QVERIFY(m_dir.isValid());
    qputenv("DEVDASH_NO_KEYCHAIN", "1");
}

void CorpusSchemas::sqliteSchemas_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("relations");
    QTest::addColumn<int>("foreignKeys");
    QTest::newRow("sakila") << QStringLiteral("sakila__sqlite-sakila-schema.sql") << 21 << 22;
    QTest::newRow("chinook") << QStringLiteral("chinook-database__Chinook_Sqlite.schema-only.sql") << 11
                             << 11;
    QTest::newRow("chinook-autoincrement")
        << QStringLiteral("chinook-database__Chinook_Sqlite_AutoIncrementPKs.schema-only.sql") << 11 << 11;
    QTest::newRow("northwind") << QStringLiteral("northwind-SQLite3__create.schema-only.sql") << 29 << 13;
}

void CorpusSchemas::sqliteSchemas()
{
    QFETCH(QString, file);
    QFETCH(int, relations);
    QFETCH(int, foreignKeys);
    QString why;
    const QString path = schemaFile(file, &why);
    QVERIFY2(!path.isEmpty(), qPrintable(why));
    const QString db = m_dir.filePath(file + QStringLiteral(".db"));
    QString error;
    QVERIFY2(SchemaFixtures::loadSqliteFile(db, path, &error), qPrintable(error));
    test::checkSqliteCatalog(db, relations, foreignKeys);
}

void CorpusSchemas::loadPostgres()
{
    if (m_postgresLoaded)
        return;
    QString why, error;
    for (const auto &[database, file] :
        { std::pair { QStringLiteral("sakila"), QStringLiteral("sakila__postgres-sakila-schema.sql") },
            std::pair { QStringLiteral("northwind"),
                QStringLiteral("northwind_psql__northwind.schema-only.sql") } }) {
        const QString path = schemaFile(file, &why);
        QVERIFY2(!path.isEmpty(), qPrintable(why));
        QVERIFY(!m_postgres.createDatabase(database).isEmpty());
        QVERIFY2(SchemaFixtures::loadPostgresFile(m_postgres, database, path, &error), qPrintable(error));
    }
    // Chinook creates its own database and connects to it.
    const QString chinook
        = schemaFile(QStringLiteral("chinook-database__Chinook_PostgreSql.schema-only.sql"), &why);
    QVERIFY2(!chinook.isEmpty(), qPrintable(why));
    QVERIFY2(SchemaFixtures::loadPostgresFile(m_postgres, QStringLiteral("postgres"), chinook, &error),
        qPrintable(error));
    m_postgresLoaded = true;
}

void CorpusSchemas::postgresSchemas_data()
{
    QTest::addColumn<QString>("database");
    QTest::addColumn<int>("relations");
    QTest::addColumn<int>("foreignKeys");
    QTest::newRow("sakila") << QStringLiteral("sakila") << 20 << 6;
    QTest::newRow("northwind") << QStringLiteral("northwind") << 13 << 6;
    QTest::newRow("chinook") << QStringLiteral("chinook") << 11 << 6;
}

void CorpusSchemas::postgresSchemas()
{
    QFETCH(QString, database);
    QFETCH(int, relations);
    QFETCH(int, foreignKeys);
    DEVDASH_REQUIRE_POSTGRES(m_postgres);
    loadPostgres();
    if (QTest::currentTestFailed())
        return;
    auto connection = connectTo(m_postgres.url(database));
    QVERIFY(connection);
    test::checkPostgresCatalog(*connection, database, relations, foreignKeys);
}

// What sakila's PostgreSQL dump declares beyond tables: enum, domain, free-standing
// sequences, inheritance children, views, triggers.
void CorpusSchemas::postgresSakila()
{
    DEVDASH_REQUIRE_POSTGRES(m_postgres);
    loadPostgres();
    if (QTest::currentTestFailed())
        return;
    auto connection = connectTo(m_postgres.url(QStringLiteral("sakila")));
    QVERIFY(connection);
    auto catalog = SchemaInspector::inspect(*connection);
    QVERIFY2(catalog.ok(), qPrintable(catalog.errorMessage()));
    const Table *actor = catalog->table(QStringLiteral("public"), QStringLiteral("actor"));
    QVERIFY(actor);
    QCOMPARE(actor->primaryKey, QStringList { QStringLiteral("actor_id") });
    QVERIFY(actor->columns.first().defaultValue->startsWith(QLatin1String("nextval(")));
    const Table *film = catalog->table(QStringLiteral("public"), QStringLiteral("film"));
    QVERIFY(!film->triggers.isEmpty()); // last_updated
    QCOMPARE(film->triggers.first().timing, QStringLiteral("before"));
    QCOMPARE(catalog->table(QStringLiteral("public"), QStringLiteral("actor_info"))->kind, TableKind::View);
    QCOMPARE(catalog->table(QStringLiteral("public"), QStringLiteral("payment_p2007_01"))->partitionOf,
        QStringLiteral("public.payment"));
    const auto typeNamed = [&](const QString &name) -> const UserType * {
        for (const UserType &t : catalog->types)
            if (t.name == name)
                return &t;
        return nullptr;
    };
    QVERIFY(typeNamed(QStringLiteral("mpaa_rating")));
    QCOMPARE(typeNamed(QStringLiteral("mpaa_rating"))->kind, QStringLiteral("enum"));
    QCOMPARE(
        typeNamed(QStringLiteral("mpaa_rating"))->values, (QStringList { "G", "PG", "PG-13", "R", "NC-17" }));
    QVERIFY(typeNamed(QStringLiteral("year")));
    QCOMPARE(typeNamed(QStringLiteral("year"))->kind, QStringLiteral("domain"));
    QCOMPARE(typeNamed(QStringLiteral("year"))->values.first(), QStringLiteral("integer"));
    // sakila's sequences are free-standing (no OWNED BY in the dump).
    QVERIFY(std::any_of(catalog->sequences.cbegin(), catalog->sequences.cend(), [](const Sequence &s) {
        return s.name == QLatin1String("actor_actor_id_seq") && s.ownedBy.isEmpty()
            && s.type == QLatin1String("bigint");
    }));
}

void CorpusSchemas::loadMariaDb()
{
    if (m_mariadbLoaded)
        return;
    qputenv("MYSQL_PWD", m_mariadb.password().toUtf8());
    QString why;
    for (const QString &file : { QStringLiteral("sakila__mysql-sakila-schema.sql"),
             QStringLiteral("chinook-database__Chinook_MySql.schema-only.sql") }) {
        const QString path = schemaFile(file, &why);
        QVERIFY2(!path.isEmpty(), qPrintable(why));
        QVERIFY2(m_mariadb.loadFile(path, {}), qPrintable(m_mariadb.errorString()));
    }
    m_mariadbLoaded = true;
}

void CorpusSchemas::mariadbSchemas_data()
{
    QTest::addColumn<QString>("database");
    QTest::addColumn<int>("relations");
    QTest::addColumn<int>("foreignKeys");
    QTest::newRow("sakila") << QStringLiteral("sakila") << 20 << 6;
    QTest::newRow("chinook") << QStringLiteral("Chinook") << 11 << 6;
}

void CorpusSchemas::mariadbSchemas()
{
    QFETCH(QString, database);
    QFETCH(int, relations);
    QFETCH(int, foreignKeys);
    DEVDASH_REQUIRE_MARIADB(m_mariadb);
    loadMariaDb();
    if (QTest::currentTestFailed())
        return;
    auto connection = connectTo(m_mariadb.url(database));
    QVERIFY(connection);
    test::checkMysqlCatalog(*connection, database, relations, foreignKeys);
}

void CorpusSchemas::mariadbSakila()
{
    DEVDASH_REQUIRE_MARIADB(m_mariadb);
    loadMariaDb();
    if (QTest::currentTestFailed())
        return;
    auto connection = connectTo(m_mariadb.url(QStringLiteral("sakila")));
    QVERIFY(connection);
    auto catalog = SchemaInspector::inspect(*connection);
    QVERIFY2(catalog.ok(), qPrintable(catalog.errorMessage()));
    QVERIFY(catalog->serverVersion.contains(QLatin1String("MariaDB")));
    // Nullable columns without a default: MariaDB says 'NULL', the catalog says none.
    const Table *address = catalog->table(QStringLiteral("sakila"), QStringLiteral("address"));
    QVERIFY(address);
    QCOMPARE(address->columns.at(2).name, QStringLiteral("address2"));
    QVERIFY(!address->columns.at(2).defaultValue);
    QCOMPARE(address->foreignKeys.first().onDelete, QStringLiteral("restrict"));
    QCOMPARE(address->foreignKeys.first().onUpdate, QStringLiteral("cascade"));
    const Table *film = catalog->table(QStringLiteral("sakila"), QStringLiteral("film"));
    QVERIFY(!film->triggers.isEmpty());
    const Table *filmText = catalog->table(QStringLiteral("sakila"), QStringLiteral("film_text"));
    QVERIFY(std::any_of(filmText->indexes.cbegin(), filmText->indexes.cend(),
        [](const Index &index) { return index.method == QLatin1String("fulltext"); }));
}

// hawkbit's Flyway folders: the pre-baseline history (1.12.15 .. 1.12.37 on PostgreSQL, 56
// files on MySQL), then the baseline reset (B1_20_0 + V1_20_x); read from git at two commits.
void CorpusSchemas::hawkbitFlywayFiles()
{
    QString why;
    const auto oldPg = migrationFiles(
        PreBaseline + QStringLiteral("/POSTGRESQL"), HawkbitFolder + QStringLiteral("/POSTGRESQL/"), &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const auto oldMy = migrationFiles(
        PreBaseline + QStringLiteral("/MYSQL"), HawkbitFolder + QStringLiteral("/MYSQL/"), &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const auto newPg = migrationFiles(
        Head + QStringLiteral("/POSTGRESQL"), HawkbitFolder + QStringLiteral("/POSTGRESQL/"), &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const auto newH2
        = migrationFiles(Head + QStringLiteral("/H2"), HawkbitFolder + QStringLiteral("/H2/"), &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(oldPg.size(), 23);
    test::TestRepo repo;
    repo.init();
    QMap<QString, QByteArray> first = oldPg;
    first.insert(oldMy);
    const QString before = repo.commit(QStringLiteral("pre-baseline migrations"), first);
    repo.lightweightTag(QStringLiteral("v1.12"));
    auto second = test::deletions(first);
    second.insert(newPg);
    second.insert(newH2);
    const QString after = repo.commit(QStringLiteral("baseline reset"), second);
    QVERIFY2(repo.ok(), qPrintable(repo.errors()));

    const auto oldSnapshot = GitTreeSnapshot::open(repo.path(), QStringLiteral("v1.12"));
    QVERIFY2(oldSnapshot.ok(), qPrintable(oldSnapshot.errorMessage()));
    QCOMPARE(oldSnapshot->commit(), before);
    const auto oldSet = MigrationFileScanner::scan(
        *oldSnapshot, Framework::Flyway, HawkbitFolder + QStringLiteral("/POSTGRESQL"));
    QVERIFY2(oldSet.ok(), qPrintable(oldSet.errorMessage()));
    QCOMPARE(oldSet->files.size(), 23);
    QCOMPARE(oldSet->files.first().description, QStringLiteral("baseline   POSTGRESQL"));
    for (int i = 0; i < oldSet->files.size(); ++i) {
        const MigrationFile &f = oldSet->files.at(i);
        QCOMPARE(f.version, QStringLiteral("1.12.%1").arg(15 + i));
        QCOMPARE(f.kind, MigrationKind::Versioned);
        QCOMPARE(f.checksum, QString::number(flywayCrc(oldPg.value(f.path))));
    }
    const auto conventional = MigrationFileScanner::scan(*oldSnapshot, Framework::Flyway);
    QVERIFY2(conventional.ok(), qPrintable(conventional.errorMessage()));
    QCOMPARE(conventional->directory, HawkbitFolder + QStringLiteral("/MYSQL"));
    QCOMPARE(conventional->files.size(), 56);
    QCOMPARE(conventional->notes.size(), 1);

    const auto newSnapshot = GitTreeSnapshot::open(repo.path(), after);
    QVERIFY2(newSnapshot.ok(), qPrintable(newSnapshot.errorMessage()));
    const auto newSet = MigrationFileScanner::scan(
        *newSnapshot, Framework::Flyway, HawkbitFolder + QStringLiteral("/POSTGRESQL/"));
    QVERIFY2(newSet.ok(), qPrintable(newSet.errorMessage()));
    QStringList keys;
    for (const MigrationFile &f : newSet->files) {
        keys << f.key;
        QCOMPARE(f.checksum, QString::number(flywayCrc(newPg.value(f.path))));
    }
    QCOMPARE(keys, QStringList({ "1.20.0", "1.20.1", "1.20.2", "1.20.3", "1.20.4" }));
    QCOMPARE(newSet->files.first().kind, MigrationKind::Baseline);
    QCOMPARE(newSet->files.first().description, QStringLiteral("1.0.0 baseline  POSTGRESQL"));
}

// A history table written as Flyway writes it for hawkbit's files: all applied; one edited
// after it was applied; the baseline reset read against the old history and an empty one.
void CorpusSchemas::hawkbitFlywayStatus()
{
    const QString folder = QStringLiteral("src/main/resources/db/migration");
    QString why;
    const auto files
        = migrationFiles(PreBaseline + QStringLiteral("/POSTGRESQL"), folder + QLatin1Char('/'), &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const auto reset = migrationFiles(Head + QStringLiteral("/POSTGRESQL"), folder + QLatin1Char('/'), &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    test::TestRepo repo;
    repo.init();
    repo.commit(QStringLiteral("pre-baseline"), files);
    repo.lightweightTag(QStringLiteral("original"));
    const QString edited = files.keys().at(5); // 1.12.20
    QVERIFY2(edited.contains(QLatin1String("V1_12_20__")), qPrintable(edited));
    const QString editedCommit
        = repo.commit(QStringLiteral("edit"), { { edited, files.value(edited) + "\n-- reviewed\n" } });
    repo.checkoutNew(QStringLiteral("baseline-reset"));
    auto resetFiles = test::deletions(files);
    resetFiles.insert(reset);
    repo.commit(QStringLiteral("baseline reset"), resetFiles);
    repo.checkout(QStringLiteral("main"));
    QVERIFY2(repo.ok(), qPrintable(repo.errors()));

    test::MigrationHistoryDb db;
    QCOMPARE(db.exec(QStringLiteral(
                 "CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL PRIMARY KEY, version "
                 "VARCHAR(50), description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script "
                 "VARCHAR(1000) NOT NULL, checksum INT, installed_by VARCHAR(100) NOT NULL, installed_on "
                 "TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, execution_time INT NOT NULL, success BOOLEAN "
                 "NOT NULL)")),
        QString());
    int rank = 0;
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        const QString name = it.key().section(QLatin1Char('/'), -1);
        const QString version
            = name.mid(1).section(QStringLiteral("__"), 0, 0).replace(QLatin1Char('_'), QLatin1Char('.'));
        ++rank;
        QCOMPARE(db.exec(QStringLiteral("INSERT INTO flyway_schema_history VALUES (?, ?, ?, 'SQL', ?, ?, "
                                        "'deployer', '2024-03-01 10:00:00', 10, 1)"),
                     { rank, version, name.section(QStringLiteral("__"), 1), name, flywayCrc(it.value()) }),
            QString());
    }
    const auto inspect = [&](const QString &ref) {
        MigrationInspector::Request request;
        request.repoPath = repo.path();
        request.ref = ref;
        request.folder = folder;
        return MigrationInspector::inspect(db.db(), request);
    };
    const auto report = inspect(QStringLiteral("original"));
    QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
    QCOMPARE(report->history.framework, Framework::Flyway);
    QCOMPARE(report->entries.size(), 23);
    QCOMPARE(statesOf(report->entries).values().count(QStringLiteral("applied")), 23);
    QCOMPARE(report->entries.first().applied->appliedAt,
        QDateTime(QDate(2024, 3, 1), QTime(10, 0), QTimeZone::utc()));
    const auto afterEdit = inspect(editedCommit);
    QVERIFY2(afterEdit.ok(), qPrintable(afterEdit.errorMessage()));
    QCOMPARE(
        statesOf(afterEdit->entries).value(QStringLiteral("1.12.20")), QStringLiteral("checksum_mismatch"));
    const auto afterReset = inspect(QStringLiteral("baseline-reset"));
    QVERIFY2(afterReset.ok(), qPrintable(afterReset.errorMessage()));
    const auto states = statesOf(afterReset->entries);
    QCOMPARE(states.value(QStringLiteral("1.12.15")), QStringLiteral("missing"));
    QCOMPARE(states.value(QStringLiteral("1.20.0")), QStringLiteral("ignored"));
    QCOMPARE(states.value(QStringLiteral("1.20.4")), QStringLiteral("pending"));
}

// CTFd's Alembic revisions: found through the convention, chained by down_revision.
void CorpusSchemas::ctfdAlembic()
{
    QString why;
    const auto files
        = migrationFiles(QStringLiteral("CTFd/91ced62d44d3ec3142a0948ee96ed19947cfc979"), QString(), &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    test::TestRepo repo;
    repo.init();
    repo.commit(QStringLiteral("CTFd"), files);
    QVERIFY2(repo.ok(), qPrintable(repo.errors()));
    const auto snapshot = GitTreeSnapshot::open(repo.path(), QStringLiteral("main"));
    QVERIFY2(snapshot.ok(), qPrintable(snapshot.errorMessage()));
    const auto set = MigrationFileScanner::scan(*snapshot, Framework::Alembic);
    QVERIFY2(set.ok(), qPrintable(set.errorMessage()));
    QCOMPARE(set->directory, QStringLiteral("migrations/versions"));
    QCOMPARE(set->files.size(), 33);
    QCOMPARE(set->files.first().key, QStringLiteral("8369118943a1"));
    QVERIFY(set->files.first().parents.isEmpty());
    QSet<QString> seen;
    for (const MigrationFile &f : set->files) {
        QVERIFY2(f.path.section(QLatin1Char('/'), -1).startsWith(f.key), qPrintable(f.path));
        QVERIFY2(!f.description.isEmpty(), qPrintable(f.path));
        for (const QString &p : f.parents)
            QVERIFY2(seen.contains(p), qPrintable(f.key + QStringLiteral(" comes before its parent ") + p));
        seen.insert(f.key);
    }
    const auto ratings = std::find_if(set->files.begin(), set->files.end(),
        [](const MigrationFile &f) { return f.key == QLatin1String("364b4efa1686"); });
    QVERIFY(ratings != set->files.end());
    QCOMPARE(ratings->parents, QStringList { QStringLiteral("662d728ad7da") });
    QCOMPARE(ratings->description, QStringLiteral("Add ratings table"));
}

// gophish's goose folders, one per dialect.
void CorpusSchemas::gophishGoose()
{
    QString why;
    const auto files = migrationFiles(
        QStringLiteral("gophish/95618469799295e2c0fec980805a2dfbb818816b"), QStringLiteral("db/"), &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    test::TestRepo repo;
    repo.init();
    repo.commit(QStringLiteral("gophish"), files);
    QVERIFY2(repo.ok(), qPrintable(repo.errors()));
    const auto snapshot = GitTreeSnapshot::open(repo.path(), QStringLiteral("HEAD"));
    QVERIFY(snapshot.ok());
    const auto set
        = MigrationFileScanner::scan(*snapshot, Framework::Goose, QStringLiteral("db/db_sqlite3/migrations"));
    QVERIFY2(set.ok(), qPrintable(set.errorMessage()));
    QCOMPARE(set->files.size(), 25);
    QCOMPARE(set->files.first().key, QStringLiteral("20160118194630"));
    QCOMPARE(set->files.first().description, QStringLiteral("init"));
    for (int i = 1; i < set->files.size(); ++i)
        QVERIFY(MigrationVersion::less(set->files.at(i - 1).version, set->files.at(i).version));
    const auto conventional = MigrationFileScanner::scan(*snapshot, Framework::Goose);
    QVERIFY(conventional.ok());
    QCOMPARE(conventional->directory, QStringLiteral("db/db_mysql/migrations"));
    QCOMPARE(conventional->files.size(), 28);
    QCOMPARE(conventional->notes.size(), 1);
}

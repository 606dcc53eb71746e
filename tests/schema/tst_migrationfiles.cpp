// Migration files read from real git repositories at two commits, without a checkout:
// the project's Flyway (versioned, repeatable, undo and baseline), Alembic (a branch and
// a merge) and goose (SQL and Go) samples of tests/data/migrations, and each other
// framework's naming convention; Flyway's checksum against CRC-32's published check value.

#include "MigrationFixtures.h"
#include "TestEnvironment.h"
#include "TestRepo.h"

#include "schema/migrations/GitTreeSnapshot.h"
#include "schema/migrations/MigrationChecksum.h"
#include "schema/migrations/MigrationFileScanner.h"
#include "schema/migrations/MigrationVersion.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <zlib.h>

using namespace devdash;
using namespace devdash::migrations;
using devdash::test::TestRepo;

namespace {

const QString FlywayFolder = QStringLiteral("server/src/main/resources/db/migration");

// An independent formulation of Flyway's rule: CRC-32 of the text with its line ends removed.
qint32 crcWithoutLineEnds(QByteArray bytes)
{
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    bytes.replace('\r', QByteArray()).replace('\n', QByteArray());
    return qint32(quint32(crc32(0, reinterpret_cast<const Bytef *>(bytes.constData()), uInt(bytes.size()))));
}

QStringList keysOf(const MigrationFileSet &set, bool withUndo = false)
{
    QStringList keys;
    for (const MigrationFile &f : set.files) {
        if (withUndo || f.kind != MigrationKind::Undo)
            keys.append(f.key);
    }
    return keys;
}

} // namespace

class TestMigrationFiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(test::TestEnvironment::setUp()); }

    void flywayChecksum_data()
    {
        QTest::addColumn<QByteArray>("script");
        QTest::addColumn<qint32>("checksum");
        // 0xCBF43926 is CRC-32's check value for "123456789"; as a Java int: -873187034.
        QTest::newRow("check value") << QByteArray("123456789") << qint32(-873187034);
        QTest::newRow("LF lines") << QByteArray("123\n456\n789\n") << qint32(-873187034);
        QTest::newRow("CRLF lines") << QByteArray("123\r\n456\r\n789\r\n") << qint32(-873187034);
        QTest::newRow("CR lines") << QByteArray("123\r456\r789") << qint32(-873187034);
        QTest::newRow("blank lines") << QByteArray("123\n\n\n456789\n\n") << qint32(-873187034);
        QTest::newRow("leading BOM") << QByteArray("\xEF\xBB\xBF"
                                                   "123456789")
                                     << qint32(-873187034);
        QTest::newRow("empty") << QByteArray() << qint32(0);
        // "SELECT 1;" independently: CRC-32 = 0x…, checked through zlib below as well.
        QTest::newRow("statement") << QByteArray("SELECT 1;\n") << crcWithoutLineEnds("SELECT 1;");
    }
    void flywayChecksum()
    {
        QFETCH(QByteArray, script);
        QFETCH(qint32, checksum);
        QCOMPARE(MigrationChecksum::flyway(script), checksum);
    }
    void flywayChecksumKeepsInnerBom()
    {
        // Only the first line is BOM-filtered; one further in is content.
        QVERIFY(MigrationChecksum::flyway("123\n\xEF\xBB\xBF"
                                          "456789")
            != -873187034);
        // Trailing spaces are content.
        QVERIFY(MigrationChecksum::flyway("123456789 ") != -873187034);
    }
    void prismaChecksum()
    {
        QCOMPARE(MigrationChecksum::prisma(QByteArray()),
            QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(MigrationChecksum::prisma("abc"),
            QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    void versionOrder_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<int>("expected");
        QTest::newRow("numeric parts") << "1.20.1"
                                       << "1.20.10" << -1;
        QTest::newRow("1.9 < 1.10") << "1.9"
                                    << "1.10" << -1;
        QTest::newRow("zero padding") << "0002"
                                      << "2" << 0;
        QTest::newRow("trailing zero") << "1.2"
                                       << "1.2.0" << 0;
        QTest::newRow("timestamps") << "20230101120000"
                                    << "20221231235959" << 1;
        QTest::newRow("equal") << "1.12.37"
                               << "1.12.37" << 0;
        QTest::newRow("baseline below") << "1.12.37"
                                        << "1.20.0" << -1;
    }
    void versionOrder()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(int, expected);
        QCOMPARE(MigrationVersion::compare(a, b), expected);
        QCOMPARE(MigrationVersion::compare(b, a), -expected);
    }

    // The library's Flyway folders: the 1.x history (one folder per dialect), then a
    // baseline reset (B2_0 + V2_x); both read from git while the work tree holds something else.
    void flywayAtTwoCommits()
    {
        TestRepo repo;
        repo.init();
        QString why;
        const auto oldPg = test::sampleFiles(QStringLiteral("flyway/library-v1/postgresql"),
            FlywayFolder + QStringLiteral("/postgresql/"), &why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        const auto oldMy = test::sampleFiles(
            QStringLiteral("flyway/library-v1/mysql"), FlywayFolder + QStringLiteral("/mysql/"), &why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(oldPg.size(), 14);
        QMap<QString, QByteArray> first = oldPg;
        first.insert(oldMy);
        const QString before = repo.commit(QStringLiteral("1.x migrations"), first);
        repo.lightweightTag(QStringLiteral("v1.12"));

        auto second = test::deletions(first);
        const auto newPg = test::sampleFiles(QStringLiteral("flyway/library-v2/postgresql"),
            FlywayFolder + QStringLiteral("/postgresql/"), &why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        second.insert(newPg);
        second.insert(test::sampleFiles(
            QStringLiteral("flyway/library-v2/mysql"), FlywayFolder + QStringLiteral("/mysql/"), &why));
        QVERIFY2(why.isEmpty(), qPrintable(why));
        const QString after = repo.commit(QStringLiteral("baseline reset"), second);
        // The work tree now holds something else entirely: reads must come from git's objects.
        repo.writeFile(FlywayFolder + QStringLiteral("/postgresql/V9__uncommitted.sql"), "SELECT 1;");
        QVERIFY2(repo.ok(), qPrintable(repo.errors()));

        const auto oldSnapshot = GitTreeSnapshot::open(repo.path(), QStringLiteral("v1.12"));
        QVERIFY2(oldSnapshot.ok(), qPrintable(oldSnapshot.errorMessage()));
        QCOMPARE(oldSnapshot->commit(), before);
        const auto oldSet = MigrationFileScanner::scan(
            *oldSnapshot, Framework::Flyway, FlywayFolder + QStringLiteral("/postgresql"));
        QVERIFY2(oldSet.ok(), qPrintable(oldSet.errorMessage()));
        QCOMPARE(oldSet->files.size(), 14); // the undo file is kept, as kind undo
        // In version order (1.9 before 1.10), 1.1 .. 1.12 with no gap, the repeatable last.
        QStringList expected;
        for (int v = 1; v <= 12; ++v)
            expected << QStringLiteral("1.%1").arg(v);
        expected << QStringLiteral("R:book views");
        QCOMPARE(keysOf(*oldSet), expected);
        QCOMPARE(oldSet->files.first().description, QStringLiteral("create branches"));
        int undo = 0;
        for (const MigrationFile &f : oldSet->files) {
            const QByteArray content = oldPg.value(f.path);
            QVERIFY2(!content.isEmpty(), qPrintable(f.path));
            QCOMPARE(f.checksum, QString::number(crcWithoutLineEnds(content)));
            if (f.kind == MigrationKind::Undo) {
                ++undo;
                QCOMPARE(f.key, QStringLiteral("1.12"));
            } else if (f.key.startsWith(QLatin1String("R:"))) {
                QCOMPARE(f.kind, MigrationKind::Repeatable);
                QVERIFY(f.version.isEmpty());
            } else {
                QCOMPARE(f.kind, MigrationKind::Versioned);
            }
        }
        QCOMPARE(undo, 1);

        // By convention (no path): both dialect folders qualify; the one with the most files wins
        // and the other is named.
        const auto conventional = MigrationFileScanner::scan(*oldSnapshot, Framework::Flyway);
        QVERIFY2(conventional.ok(), qPrintable(conventional.errorMessage()));
        QCOMPARE(conventional->directory, FlywayFolder + QStringLiteral("/mysql"));
        QCOMPARE(conventional->files.size(), 15);
        QCOMPARE(conventional->notes.size(), 1);
        QVERIFY(conventional->notes.first().contains(FlywayFolder + QStringLiteral("/postgresql")));
        // Three-part versions between two-part ones; CRLF lines do not change the checksum.
        const QStringList mysqlKeys = keysOf(*conventional);
        QVERIFY(mysqlKeys.indexOf(QStringLiteral("1.3.1")) == mysqlKeys.indexOf(QStringLiteral("1.3")) + 1);
        QVERIFY(mysqlKeys.indexOf(QStringLiteral("1.7.1")) == mysqlKeys.indexOf(QStringLiteral("1.8")) - 1);
        for (const MigrationFile &f : conventional->files) {
            const QByteArray content = oldMy.value(f.path);
            QCOMPARE(f.checksum, QString::number(crcWithoutLineEnds(content)));
            if (f.key == QLatin1String("1.7.1")) {
                QVERIFY(content.contains("\r\n"));
                QCOMPARE(f.checksum,
                    QString::number(crcWithoutLineEnds(QByteArray(content).replace("\r\n", "\n"))));
            }
        }

        const auto newSnapshot = GitTreeSnapshot::open(repo.path(), after);
        QVERIFY2(newSnapshot.ok(), qPrintable(newSnapshot.errorMessage()));
        const auto newSet = MigrationFileScanner::scan(
            *newSnapshot, Framework::Flyway, FlywayFolder + QStringLiteral("/postgresql/"));
        QVERIFY2(newSet.ok(), qPrintable(newSet.errorMessage()));
        QCOMPARE(keysOf(*newSet), QStringList({ "2.0", "2.1", "2.2", "2.3" }));
        QCOMPARE(newSet->files.first().kind, MigrationKind::Baseline);
        QCOMPARE(newSet->files.first().description, QStringLiteral("baseline"));
        for (const MigrationFile &f : newSet->files)
            QCOMPARE(f.checksum, QString::number(crcWithoutLineEnds(newPg.value(f.path))));

        // A folder that does not exist at that ref: no files, a note, no error.
        const auto none
            = MigrationFileScanner::scan(*oldSnapshot, Framework::Flyway, QStringLiteral("nowhere"));
        QVERIFY(none.ok());
        QVERIFY(none->files.isEmpty());
        QCOMPARE(none->notes.size(), 1);
        // An unknown ref says which.
        const auto bad = GitTreeSnapshot::open(repo.path(), QStringLiteral("no-such-branch"));
        QVERIFY(!bad.ok());
        QVERIFY2(
            bad.errorMessage().contains(QStringLiteral("no-such-branch")), qPrintable(bad.errorMessage()));
    }

    // The library's Alembic revisions: found through alembic.ini's script_location, a branch
    // (two children of one revision) joined by a merge revision, old and typed headers.
    void alembicBranchAndMerge()
    {
        TestRepo repo;
        repo.init();
        QString why;
        const auto files = test::sampleFiles(QStringLiteral("alembic"), QString(), &why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        repo.commit(QStringLiteral("library"), files);
        QVERIFY2(repo.ok(), qPrintable(repo.errors()));
        const auto snapshot = GitTreeSnapshot::open(repo.path(), QStringLiteral("main"));
        QVERIFY2(snapshot.ok(), qPrintable(snapshot.errorMessage()));
        const auto set = MigrationFileScanner::scan(*snapshot, Framework::Alembic);
        QVERIFY2(set.ok(), qPrintable(set.errorMessage()));
        QCOMPARE(set->directory, QStringLiteral("migrations/versions"));
        int expected = 0;
        for (auto it = files.cbegin(); it != files.cend(); ++it)
            expected += it.key().startsWith(QLatin1String("migrations/versions/"))
                && it.key().endsWith(QLatin1String(".py"));
        QCOMPARE(expected, 8); // the plugin's own revision (elsewhere) is not one of them
        QCOMPARE(set->files.size(), expected);
        // Parents before children; the branch's two heads by revision; the merge after both.
        QStringList order;
        for (const MigrationFile &f : set->files)
            order << f.key;
        QCOMPARE(order,
            (QStringList { "3f1c2b9d8e01", "7a4e5d0c9b12", "b52d8e1f3a47", "c0e9f7a26d58", "1d6a3c8b4f90",
                "e84b7f2c1a63", "5c2f9e4d7b18", "9e7d1a5c3f24" }));
        QVERIFY(set->files.first().parents.isEmpty());
        QSet<QString> seen;
        for (const MigrationFile &f : set->files) {
            // The revision is the file name's prefix (Alembic's default file template).
            QVERIFY2(f.path.section(QLatin1Char('/'), -1).startsWith(f.key), qPrintable(f.path));
            QVERIFY2(!f.description.isEmpty(), qPrintable(f.path));
            for (const QString &p : f.parents)
                QVERIFY2(
                    seen.contains(p), qPrintable(f.key + QStringLiteral(" comes before its parent ") + p));
            seen.insert(f.key);
        }
        const auto byKey = [&](const QString &key) {
            return *std::find_if(
                set->files.begin(), set->files.end(), [&](const MigrationFile &f) { return f.key == key; });
        };
        QCOMPARE(
            byKey(QStringLiteral("c0e9f7a26d58")).parents, QStringList { QStringLiteral("7a4e5d0c9b12") });
        QCOMPARE(
            byKey(QStringLiteral("b52d8e1f3a47")).parents, QStringList { QStringLiteral("7a4e5d0c9b12") });
        QCOMPARE(byKey(QStringLiteral("e84b7f2c1a63")).parents,
            (QStringList { QStringLiteral("1d6a3c8b4f90"), QStringLiteral("c0e9f7a26d58") }));
        QCOMPARE(byKey(QStringLiteral("e84b7f2c1a63")).description,
            QStringLiteral("merge loans and reservations"));
        // The typed header of newer Alembic templates ("down_revision: Union[str, None] = …").
        QCOMPARE(
            byKey(QStringLiteral("5c2f9e4d7b18")).parents, QStringList { QStringLiteral("e84b7f2c1a63") });
        QCOMPARE(byKey(QStringLiteral("5c2f9e4d7b18")).description, QStringLiteral("create fines"));
    }

    // The library's goose folders, one per dialect: SQL and Go migrations, test files skipped.
    void gooseDialects()
    {
        TestRepo repo;
        repo.init();
        QString why;
        repo.commit(
            QStringLiteral("goose"), test::sampleFiles(QStringLiteral("goose"), QStringLiteral("db/"), &why));
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QVERIFY2(repo.ok(), qPrintable(repo.errors()));
        const auto snapshot = GitTreeSnapshot::open(repo.path(), QStringLiteral("HEAD"));
        QVERIFY(snapshot.ok());
        const auto set = MigrationFileScanner::scan(
            *snapshot, Framework::Goose, QStringLiteral("db/db_sqlite3/migrations"));
        QVERIFY2(set.ok(), qPrintable(set.errorMessage()));
        QCOMPARE(set->files.size(), 9); // 8 SQL, 1 Go; not the _test.go file
        QCOMPARE(set->files.first().key, QStringLiteral("20230105093000"));
        QCOMPARE(set->files.first().description, QStringLiteral("init"));
        QCOMPARE(set->files.at(3).description, QStringLiteral("0.2.0 loan due dates"));
        QCOMPARE(set->files.last().key, QStringLiteral("20230704110000"));
        QVERIFY(set->files.last().path.endsWith(QLatin1String(".go")));
        for (int i = 1; i < set->files.size(); ++i)
            QVERIFY(MigrationVersion::less(set->files.at(i - 1).version, set->files.at(i).version));
        const auto conventional = MigrationFileScanner::scan(*snapshot, Framework::Goose);
        QVERIFY(conventional.ok());
        QCOMPARE(conventional->directory, QStringLiteral("db/db_mysql/migrations"));
        QCOMPARE(conventional->files.size(), 11);
        QCOMPARE(conventional->notes.size(), 1);
    }

    void conventions_data()
    {
        QTest::addColumn<QString>("framework");
        QTest::addColumn<QStringList>("files"); // "path" or "path=content"
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QStringList>("keys");
        QTest::newRow("rails") << "rails"
                               << QStringList { "db/migrate/20230102120000_add_email.rb",
                                      "db/migrate/20230101120000_create_users.rb", "app/models/user.rb",
                                      "db/schema.rb" }
                               << "" << QStringList { "20230101120000", "20230102120000" };
        QTest::newRow("golang-migrate")
            << "golang-migrate"
            << QStringList { "migrations/000001_init.up.sql", "migrations/000001_init.down.sql",
                   "migrations/000002_users.up.sql", "migrations/000002_users.down.sql" }
            << "" << QStringList { "1", "2" };
        QTest::newRow("dbmate") << "dbmate"
                                << QStringList { "db/migrations/20230101000000_a.sql", "db/schema.sql" } << ""
                                << QStringList { "20230101000000" };
        QTest::newRow("prisma") << "prisma"
                                << QStringList { "prisma/migrations/20230101000000_init/migration.sql",
                                       "prisma/migrations/20230201000000_posts/migration.sql",
                                       "prisma/migrations/migration_lock.toml", "prisma/schema.prisma" }
                                << "" << QStringList { "20230101000000_init", "20230201000000_posts" };
        QTest::newRow("diesel") << "diesel"
                                << QStringList { "migrations/00000000000000_diesel_initial_setup/up.sql",
                                       "migrations/00000000000000_diesel_initial_setup/down.sql",
                                       "migrations/2023-01-01-120000_create_posts/up.sql",
                                       "migrations/2023-01-01-120000_create_posts/down.sql" }
                                << "" << QStringList { "00000000000000", "20230101120000" };
        QTest::newRow("efcore") << "efcore"
                                << QStringList { "src/App/Migrations/20230101120000_Init.cs",
                                       "src/App/Migrations/20230101120000_Init.Designer.cs",
                                       "src/App/Migrations/AppDbContextModelSnapshot.cs" }
                                << "" << QStringList { "20230101120000_Init" };
        QTest::newRow("django") << "django"
                                << QStringList { "shop/migrations/0001_initial.py",
                                       "shop/migrations/0002_item_price.py", "shop/migrations/__init__.py",
                                       "blog/migrations/0001_initial.py", "blog/models.py" }
                                << ""
                                << QStringList { "blog.0001_initial", "shop.0001_initial",
                                       "shop.0002_item_price" };
        QTest::newRow("knex") << "knex"
                              << QStringList { "migrations/20230101120000_create_users.js", "knexfile.js",
                                     "migrations/20230102120000_add_email.js" }
                              << ""
                              << QStringList { "20230101120000_create_users.js",
                                     "20230102120000_add_email.js" };
        QTest::newRow("sequelize") << "sequelize"
                                   << QStringList { "migrations/20230101120000-create-user.js" } << ""
                                   << QStringList { "20230101120000-create-user.js" };
        QTest::newRow("typeorm") << "typeorm"
                                 << QStringList { "src/migrations/1680000000000-CreateUser.ts",
                                        "src/entity/User.ts" }
                                 << "" << QStringList { "1680000000000" };
        QTest::newRow("flyway kinds")
            << "flyway"
            << QStringList { "db/migration/V1__init.sql=CREATE TABLE t (id int);",
                   "db/migration/R__views.sql=CREATE VIEW v AS SELECT 1;",
                   "db/migration/U1__init.sql=DROP TABLE t;", "db/migration/V1_1__more.sql=SELECT 1;" }
            << "" << QStringList { "1", "1.1", "R:views" };
        QTest::newRow("sqitch plan")
            << "sqitch"
            << QStringList { "sqitch.plan=%syntax-version=1.0.0\n%project=flipr\n\nappschema "
                             "2013-12-30T23:19:08Z Marge <marge@example.com> # Add schema\n"
                             "users [appschema] 2013-12-31T00:05:48Z Marge <marge@example.com> # "
                             "Creates users\n@v1.0 2013-12-31T00:06:00Z Marge <m@e.com> # tag\n",
                   "deploy/appschema.sql=CREATE SCHEMA flipr;", "deploy/users.sql=CREATE TABLE u();" }
            << "" << QStringList { "appschema", "users" };
        QTest::newRow("liquibase sql+xml")
            << "liquibase"
            << QStringList { "db/changelog/001.sql=--liquibase formatted sql\n--changeset alice:1\nCREATE "
                             "TABLE a (id int);\n"
                             "--changeset bob:2 runOnChange:true\nCREATE TABLE b (id int);\n",
                   "db/changelog/002.xml=<databaseChangeLog><changeSet author=\"carol\" id=\"3\"><sql>SELECT "
                   "1</sql></changeSet></databaseChangeLog>" }
            << "db/changelog" << QStringList { "1::alice", "2::bob", "3::carol" };
        QTest::newRow("configured folder")
            << "golang-migrate"
            << QStringList { "db/a/000001_x.up.sql", "db/b/000001_x.up.sql", "db/b/000002_y.up.sql" }
            << "db/a" << QStringList { "1" };
    }
    void conventions()
    {
        QFETCH(QString, framework);
        QFETCH(QStringList, files);
        QFETCH(QString, folder);
        QFETCH(QStringList, keys);
        TestRepo repo;
        repo.init();
        QMap<QString, QByteArray> map;
        for (const QString &f : files) {
            const qsizetype eq = f.indexOf(QLatin1Char('='));
            map.insert(eq < 0 ? f : f.left(eq),
                eq < 0 ? QByteArray("-- " + f.toUtf8() + "\n") : f.mid(eq + 1).toUtf8());
        }
        repo.commit(QStringLiteral("migrations"), map);
        QVERIFY2(repo.ok(), qPrintable(repo.errors()));
        const auto snapshot = GitTreeSnapshot::open(repo.path(), QStringLiteral("main"));
        QVERIFY(snapshot.ok());
        const auto set = MigrationFileScanner::scan(*snapshot, frameworkFromName(framework), folder);
        QVERIFY2(set.ok(), qPrintable(set.errorMessage()));
        QCOMPARE(keysOf(*set), keys);
        if (framework == QLatin1String("sqitch")) {
            // sqitch's script_hash: the SHA-1 of the deploy script.
            QCOMPARE(set->files.first().checksum,
                QStringLiteral("%1").arg(QString::fromLatin1(
                    QCryptographicHash::hash("CREATE SCHEMA flipr;", QCryptographicHash::Sha1).toHex())));
            QCOMPARE(set->files.at(1).parents, QStringList { QStringLiteral("appschema") });
            QCOMPARE(set->files.at(1).description, QStringLiteral("Creates users"));
        }
        if (framework == QLatin1String("flyway")) {
            QCOMPARE(set->files.size(), 4); // the undo file is kept, as kind undo
            QCOMPARE(keysOf(*set, true).count(QStringLiteral("1")), 2);
        }
    }

    void liquibaseNotVerified_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("changelog");
        QTest::addColumn<QStringList>("keys");
        QTest::addColumn<QString>("note"); // names the changesets not verified; "" = all verified
        const QByteArray xml = "<databaseChangeLog><changeSet id=\"1\" author=\"a\">";
        QTest::newRow("formatted") << "db/changelog/1.sql"
                                   << QByteArray("--liquibase formatted sql\n--changeset a:1\nSELECT 1;\n")
                                   << QStringList { "1::a" } << "";
        QTest::newRow("no formatted-sql header")
            << "db/changelog/1.sql" << QByteArray("--changeset a:1\nSELECT 1;\n") << QStringList { "1::a" }
            << "1::a (no \"--liquibase formatted sql\" first line)";
        QTest::newRow("a changeset without SQL: Liquibase refuses the file")
            << "db/changelog/1.sql"
            << QByteArray("--liquibase formatted sql\n--changeset a:1\n--changeset a:2\nSELECT 1;\n")
            << QStringList { "1::a", "2::a" } << "1::a (Liquibase cannot parse line 3), 2::a";
        QTest::newRow("xml sql") << "db/changelog/1.xml"
                                 << xml + "<sql>SELECT 1</sql></changeSet></databaseChangeLog>"
                                 << QStringList { "1::a" } << "";
        QTest::newRow("xml createTable")
            << "db/changelog/1.xml"
            << xml + "<sql>SELECT 1</sql><createTable tableName=\"t\"/></changeSet></databaseChangeLog>"
            << QStringList { "1::a" } << "1::a (createTable)";
        QTest::newRow("xml sqlFile from the search path")
            << "db/changelog/1.xml" << xml + "<sqlFile path=\"x.sql\"/></changeSet></databaseChangeLog>"
            << QStringList { "1::a" } << "1::a (sqlFile looked up in the search path)";
        QTest::newRow("xml sqlFile missing")
            << "db/changelog/1.xml"
            << xml
                + "<sqlFile path=\"x.sql\" relativeToChangelogFile=\"true\"/></changeSet></databaseChangeLog>"
            << QStringList { "1::a" } << "1::a (sqlFile db/changelog/x.sql not found)";
        QTest::newRow("xml that does not parse") << "db/changelog/1.xml" << xml + "<sql>SELECT 1</sql>"
                                                 << QStringList { "1::a" } << "1::a (the XML does not parse";
        QTest::newRow("yaml") << "db/changelog/1.yaml"
                              << QByteArray(
                                     "databaseChangeLog:\n  - changeSet:\n      id: 1\n      author: a\n")
                              << QStringList { "1::a" } << "1::a (YAML changelog)";
    }
    // Changesets whose checksum cannot be computed exactly are listed without one, and the
    // notes say which and why.
    void liquibaseNotVerified()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, changelog);
        QFETCH(QStringList, keys);
        QFETCH(QString, note);
        TestRepo repo;
        repo.init();
        repo.commit(QStringLiteral("changelog"), { { path, changelog } });
        const auto snapshot = GitTreeSnapshot::open(repo.path(), QStringLiteral("main"));
        QVERIFY(snapshot.ok());
        const auto set
            = MigrationFileScanner::scan(*snapshot, Framework::Liquibase, QStringLiteral("db/changelog"));
        QVERIFY2(set.ok(), qPrintable(set.errorMessage()));
        QCOMPARE(keysOf(*set), keys);
        const QString notes = set->notes.join(QLatin1Char('\n'));
        if (note.isEmpty()) {
            QVERIFY2(notes.isEmpty(), qPrintable(notes));
            QVERIFY(set->files.first().checksum.startsWith(QLatin1String("9:")));
        } else {
            QVERIFY2(notes.contains(note), qPrintable(notes));
            QCOMPARE(set->files.first().checksum, QString());
        }
    }

    void unknownFrameworkIsAnError()
    {
        TestRepo repo;
        repo.init();
        repo.commit(QStringLiteral("empty"));
        const auto snapshot = GitTreeSnapshot::open(repo.path(), QString());
        QVERIFY(snapshot.ok());
        const auto set = MigrationFileScanner::scan(*snapshot, Framework::Unknown);
        QVERIFY(!set.ok());
        QVERIFY(set.errorMessage().contains(QStringLiteral("--framework")));
    }
};

QTEST_GUILESS_MAIN(TestMigrationFiles)
#include "tst_migrationfiles.moc"

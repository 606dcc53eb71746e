// Migration history on a real MariaDB server started by the test, where table names keep
// their case: Flyway's table for the library's MySQL sample folder (CRC-32 checksums, a repeatable),
// Liquibase's upper-case DATABASECHANGELOG, EF Core's __EFMigrationsHistory and Sequelize's
// SequelizeMeta, read through the read-only connection.

#include "MariaDbServer.h"
#include "MigrationFixtures.h"
#include "TestEnvironment.h"
#include "TestRepo.h"

#include "schema/DatabaseUrl.h"
#include "schema/ReadOnlyConnection.h"
#include "schema/migrations/MigrationHistoryReader.h"
#include "schema/migrations/MigrationInspector.h"

#include <QScopeGuard>
#include <QTest>
#include <QTimeZone>

#include <zlib.h>

using namespace devdash;
using namespace devdash::migrations;
using devdash::test::MariaDbServer;
using devdash::test::TestRepo;

namespace {

const QString Folder = QStringLiteral("src/main/resources/db/migration/MYSQL");

qint32 flywayCrc(QByteArray bytes)
{
    bytes.replace('\r', QByteArray()).replace('\n', QByteArray());
    return qint32(quint32(crc32(0, reinterpret_cast<const Bytef *>(bytes.constData()), uInt(bytes.size()))));
}

QString sqlText(const QString &s)
{
    return QLatin1Char('\'') + QString(s).replace(QLatin1Char('\''), QStringLiteral("''"))
        + QLatin1Char('\'');
}

QMap<QString, QString> states(const QList<MigrationEntry> &entries)
{
    QMap<QString, QString> out;
    for (const MigrationEntry &e : entries)
        out.insert(e.key, migrationStateName(e.state));
    return out;
}

} // namespace

class TestMigrationMariaDb : public QObject
{
    Q_OBJECT

    MariaDbServer m_server;

    Result<MigrationReport> inspect(
        const QString &database, const QString &repo, const QString &ref, const QString &folder)
    {
        const auto parsed = schema::DatabaseUrl::parse(m_server.url(database));
        if (!parsed)
            return parsed.error();
        auto connection = schema::ReadOnlyConnection::open(*parsed);
        if (!connection)
            return connection.error();
        MigrationInspector::Request request;
        request.repoPath = repo;
        request.ref = ref;
        request.folder = folder;
        return MigrationInspector::inspect((*connection)->database(), request);
    }

private slots:
    void initTestCase()
    {
        qputenv("TZ", "UTC");
        QVERIFY(test::TestEnvironment::setUp());
        DEVDASH_REQUIRE_MARIADB(m_server);
        qputenv("MYSQL_PWD", m_server.password().toUtf8());
    }

    void flywayLibraryMysql()
    {
        QVERIFY2(m_server.createDatabase(QStringLiteral("library")), qPrintable(m_server.errorString()));
        TestRepo repo;
        repo.init();
        QString why;
        const auto files
            = test::sampleFiles(QStringLiteral("flyway/library-v1/mysql"), Folder + QLatin1Char('/'), &why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(files.size(), 15);
        const QString first = repo.commit(QStringLiteral("library MySQL"), files);
        QVERIFY2(repo.ok(), qPrintable(repo.errors()));
        // Flyway's MySQL DDL, then one row per file but the last, with the real checksums.
        QString sql = QStringLiteral("CREATE TABLE `flyway_schema_history` (`installed_rank` INT NOT NULL, "
                                     "`version` VARCHAR(50), `description` "
                                     "VARCHAR(200) NOT NULL, `type` VARCHAR(20) NOT NULL, `script` "
                                     "VARCHAR(1000) NOT NULL, `checksum` INT, "
                                     "`installed_by` VARCHAR(100) NOT NULL, `installed_on` TIMESTAMP NOT "
                                     "NULL DEFAULT CURRENT_TIMESTAMP, "
                                     "`execution_time` INT NOT NULL, `success` BOOL NOT NULL, CONSTRAINT "
                                     "`flyway_schema_history_pk` PRIMARY KEY "
                                     "(`installed_rank`)) ENGINE=InnoDB;\n");
        QStringList versions;
        QString repeatable;
        for (auto it = files.cbegin(); it != files.cend(); ++it) {
            const QString name = it.key().section(QLatin1Char('/'), -1);
            if (name.startsWith(QLatin1Char('R'))) {
                repeatable = it.key();
                continue;
            }
            versions.append(
                name.mid(1).section(QStringLiteral("__"), 0, 0).replace(QLatin1Char('_'), QLatin1Char('.')));
        }
        std::sort(versions.begin(), versions.end(), [](const QString &a, const QString &b) {
            const QStringList pa = a.split(QLatin1Char('.')), pb = b.split(QLatin1Char('.'));
            for (int i = 0; i < qMin(pa.size(), pb.size()); ++i) {
                if (pa.at(i).toInt() != pb.at(i).toInt())
                    return pa.at(i).toInt() < pb.at(i).toInt();
            }
            return pa.size() < pb.size();
        });
        const QString newest = versions.last();
        int rank = 0;
        for (const QString &version : versions) {
            if (version == newest)
                continue;
            QString name;
            for (auto it = files.cbegin(); it != files.cend(); ++it) {
                if (it.key()
                        .section(QLatin1Char('/'), -1)
                        .startsWith(QLatin1Char('V')
                            + QString(version).replace(QLatin1Char('.'), QLatin1Char('_'))
                            + QStringLiteral("__")))
                    name = it.key();
            }
            ++rank;
            sql += QStringLiteral(
                "INSERT INTO flyway_schema_history VALUES (%1, %2, %3, 'SQL', %4, %5, 'root', '2024-03-01 "
                "10:00:00', 5, 1);\n")
                       .arg(rank)
                       .arg(sqlText(version), sqlText(name.section(QStringLiteral("__"), 1)),
                           sqlText(name.section(QLatin1Char('/'), -1)))
                       .arg(flywayCrc(files.value(name)));
        }
        // The repeatable, applied after them: no version, named by its description.
        QVERIFY2(!repeatable.isEmpty(), "the sample's R__ file");
        sql += QStringLiteral(
            "INSERT INTO flyway_schema_history VALUES (%1, NULL, 'open loans view', 'SQL', %2, "
            "%3, 'root', '2024-03-01 10:00:00', 5, 1);\n")
                   .arg(rank + 1)
                   .arg(sqlText(repeatable.section(QLatin1Char('/'), -1)))
                   .arg(flywayCrc(files.value(repeatable)));
        // The server's clock is UTC+9, this machine's UTC: the rows' times are the server's.
        QVERIFY2(
            m_server.execRoot(QStringLiteral("SET GLOBAL time_zone = '+09:00'"), QStringLiteral("library")),
            qPrintable(m_server.errorString()));
        const auto utcAgain = qScopeGuard([this] {
            m_server.execRoot(QStringLiteral("SET GLOBAL time_zone = 'SYSTEM'"), QStringLiteral("library"));
        });
        QVERIFY2(m_server.execRoot(sql, QStringLiteral("library")), qPrintable(m_server.errorString()));
        const auto report = inspect(QStringLiteral("library"), repo.path(), first, Folder);
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        QCOMPARE(report->history.framework, Framework::Flyway);
        const auto s = states(report->entries);
        QCOMPARE(newest, QStringLiteral("1.12"));
        QCOMPARE(s.values().count(QStringLiteral("applied")), 14); // 13 versions and the repeatable
        QCOMPARE(s.value(newest), QStringLiteral("pending"));
        QCOMPARE(s.value(QStringLiteral("R:open loans view")), QStringLiteral("applied"));
        QCOMPARE(report->entries.at(report->entries.size() - 2).key, newest);
        // 10:00 at UTC+9 is 01:00 UTC (read as this machine's time it would be 10:00).
        QCOMPARE(report->entries.first().applied->appliedAt,
            QDateTime(QDate(2024, 3, 1), QTime(1, 0), QTimeZone::utc()));
    }

    void caseKeepingTables_data()
    {
        QTest::addColumn<QString>("ddl");
        QTest::addColumn<QString>("framework");
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("key");
        QTest::newRow("liquibase")
            << "CREATE TABLE DATABASECHANGELOG (ID VARCHAR(255) NOT NULL, AUTHOR VARCHAR(255) NOT NULL, "
               "FILENAME VARCHAR(255) NOT NULL, DATEEXECUTED datetime NOT NULL, ORDEREXECUTED INT NOT NULL, "
               "EXECTYPE VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35), DESCRIPTION VARCHAR(255));"
               "INSERT INTO DATABASECHANGELOG VALUES ('1', 'alice', 'db/changelog.sql', '2024-01-01 "
               "00:00:00', 1, 'EXECUTED', '9:abc', 'sql');"
            << "liquibase"
            << "DATABASECHANGELOG"
            << "1::alice";
        QTest::newRow("efcore")
            << "CREATE TABLE `__EFMigrationsHistory` (`MigrationId` varchar(150) NOT NULL, `ProductVersion` "
               "varchar(32) NOT NULL, PRIMARY KEY (`MigrationId`));"
               "INSERT INTO `__EFMigrationsHistory` VALUES ('20240101120000_Init', '8.0.0');"
            << "efcore"
            << "__EFMigrationsHistory"
            << "20240101120000_Init";
        QTest::newRow("sequelize")
            << "CREATE TABLE `SequelizeMeta` (`name` VARCHAR(255) NOT NULL UNIQUE, PRIMARY KEY (`name`));"
               "INSERT INTO `SequelizeMeta` VALUES ('20240101120000-create-user.js');"
            << "sequelize"
            << "SequelizeMeta"
            << "20240101120000-create-user.js";
    }
    void caseKeepingTables()
    {
        QFETCH(QString, ddl);
        QFETCH(QString, framework);
        QFETCH(QString, table);
        QFETCH(QString, key);
        const QString database = QStringLiteral("db_") + framework;
        QVERIFY2(m_server.createDatabase(database), qPrintable(m_server.errorString()));
        QVERIFY2(m_server.execRoot(ddl, database), qPrintable(m_server.errorString()));
        const auto report = inspect(database, {}, {}, {});
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        QCOMPARE(frameworkName(report->history.framework), framework);
        QCOMPARE(report->history.table, table);
        QCOMPARE(report->entries.size(), 1);
        QCOMPARE(report->entries.first().key, key);
        // No repository read: what the database has is shown as applied.
        QCOMPARE(report->entries.first().state, MigrationState::Applied);
    }
};

QTEST_GUILESS_MAIN(TestMigrationMariaDb)
#include "tst_migrationmariadb.moc"

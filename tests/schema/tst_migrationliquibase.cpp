// Liquibase's checksums against the real Liquibase: the npm package `liquibase` (it bundles
// the Liquibase distribution and its JDBC drivers), run on the machine's Java against a
// PostgreSQL server the test starts, on changelogs committed to a real git repository.
// Liquibase 4.28 writes "9:" checksums, 4.4 the "8:" ones of every Liquibase before 4.24.
// DevDash's checksums must be the ones Liquibase wrote, `devdash migrations --json` must
// report the changesets applied with their checksum verified, and after a commit that edits
// some changesets, the checksum mismatches must be exactly the changesets Liquibase's own
// `validate` rejects.

#include "CliProcess.h"
#include "PostgresServer.h"
#include "TestEnvironment.h"
#include "TestRepo.h"

#include "schema/migrations/GitTreeSnapshot.h"
#include "schema/migrations/LiquibaseChecksum.h"
#include "schema/migrations/MigrationFileScanner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace devdash;
using namespace devdash::migrations;
using devdash::test::PostgresServer;
using devdash::test::TestRepo;

namespace {

const QString Binary = QStringLiteral(DEVDASH_BINARY);
// Kept between runs (in the build folder): the distribution is large.
const QString ToolsDir = QStringLiteral(DEVDASH_TEST_TOOLS_DIR);
const QString Folder = QStringLiteral("db/changelog");
const QString Master = QStringLiteral("db/changelog/db.changelog-master.xml");

const QByteArray XmlHeader = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                             "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n"
                             "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                             "    xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog "
                             "http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.4.xsd\">\n";

// Formatted SQL: comments that stay in the SQL and one that is the changeset's comment,
// odd whitespace, CRLF lines, several statements, rollbacks on one line and in a block,
// changeset attributes, runOnChange, preconditions, ignored lines, a property.
const QByteArray InitSql
    = "--liquibase formatted sql\n"
      "--property name:unused value:1\n"
      "\n"
      "--changeset alice:1\n"
      "CREATE TABLE accounts (id int PRIMARY KEY, name text);\n"
      "\n"
      "--changeset alice:2\n"
      "-- A plain SQL comment stays in the SQL\n"
      "CREATE   TABLE   orders (\n"
      "    id int PRIMARY KEY,\n"
      "\taccount_id int REFERENCES accounts (id)   -- tab indented\n"
      ");\r\n"
      "CREATE INDEX orders_account ON orders (account_id);\r\n"
      "--rollback DROP TABLE orders;\n"
      "\n"
      "--changeset bob:3 splitStatements:false endDelimiter:/\n"
      "--comment: a function with its own delimiter\n"
      "CREATE FUNCTION touch() RETURNS trigger AS $$\n"
      "BEGIN\n"
      "  NEW.id := NEW.id;\n"
      "  RETURN NEW;\n"
      "END $$ LANGUAGE plpgsql;\n"
      "/* liquibase rollback\n"
      "DROP FUNCTION touch();\n"
      "*/\n"
      "\n"
      "--changeset bob:4 stripComments:false\n"
      "INSERT INTO accounts VALUES (1, 'first');  /* block comment */\n"
      "INSERT INTO accounts VALUES (2, 'second');\n"
      "--rollback DELETE FROM accounts;\n"
      "\n"
      "--changeset carol:5 runOnChange:true\n"
      "CREATE OR REPLACE VIEW account_names AS SELECT name FROM accounts;\n"
      "\n"
      "--changeset dave:6\n"
      "--preconditions onFail:MARK_RAN\n"
      "--precondition-sql-check expectedResult:0 SELECT count(*) FROM accounts WHERE id = 99\n"
      "UPDATE accounts SET name = 'renamed' WHERE id = 2;\n"
      "\n"
      "--changeset harry:9\n"
      "-- comment: this line is the changeset's comment, not SQL\n"
      "--ignoreLines:start\n"
      "this is not SQL and is never run\n"
      "--ignoreLines:end\n"
      "CREATE TABLE h (id int);\n"
      "--ignoreLines:1\n"
      "neither is this\n";

const QByteArray CrlfSql
    = "--liquibase formatted sql\r\n\r\n--changeset gina:7\r\nCREATE TABLE notes (\r\n  id "
      "int,\r\n  body text\r\n);\r\n\r\n--changeset gina:8\r\nINSERT INTO notes VALUES (1, "
      "'crlf');\r\n";

// XML: two <sql> changes in one changeset (CDATA, attributes), escaped text, <sqlFile>
// next to the changelog, and a createTable DevDash cannot hash.
const QByteArray MoreXml = XmlHeader + R"(  <changeSet id="10" author="erin">
    <comment>Two SQL changes</comment>
    <sql>CREATE TABLE tags (id int, label text)</sql>
    <sql splitStatements="false" stripComments="true"><![CDATA[
      INSERT INTO tags VALUES (1, 'a < b & c');  -- in CDATA
    ]]></sql>
    <rollback><sql>DROP TABLE tags</sql></rollback>
  </changeSet>
  <changeSet id="11" author="erin">
    <sql>INSERT INTO tags VALUES (2, '&lt;escaped&gt; &amp; more')</sql>
  </changeSet>
  <changeSet id="12" author="erin">
    <sqlFile path="sql/seed.sql" relativeToChangelogFile="true"/>
  </changeSet>
  <changeSet id="13" author="frank">
    <createTable tableName="audit"><column name="id" type="int"/></createTable>
  </changeSet>
</databaseChangeLog>
)";

// Oracle-style "/" lines: the file's last changeset gets "\n/$" as its end delimiter, which
// version 8 hashes.
const QByteArray SlashSql = "--liquibase formatted sql\n\n--changeset kim:15\nCREATE TABLE k1 (id int)\n/\n\n"
                            "--changeset kim:16\nCREATE TABLE k2 (id int)\n/\n";

const QStringList Verified = { "1::alice", "2::alice", "3::bob", "4::bob", "5::carol", "6::dave", "9::harry",
    "7::gina", "8::gina", "10::erin", "11::erin", "12::erin", "15::kim", "16::kim" };
const QStringList NotVerified = { "13::frank", "14::ivy" };

const QByteArray Yaml = "databaseChangeLog:\n"
                        "  - changeSet:\n"
                        "      id: 14\n"
                        "      author: ivy\n"
                        "      changes:\n"
                        "        - sql:\n"
                        "            sql: CREATE TABLE yaml_made (id int)\n";

struct Run
{
    int exitCode = -1;
    QString output;
};

} // namespace

class TestMigrationLiquibase : public QObject
{
    Q_OBJECT

    PostgresServer m_server;
    QString m_java;
    std::optional<TestRepo> m_repo;
    QString m_first, m_second; // the commits
    // Per Liquibase version: its launcher, the database it updated, what it wrote.
    struct Tool
    {
        QString launcher;
        QString database;
        QMap<QString, QString> written; // "id::author" -> MD5SUM
    };
    QMap<QString, Tool> m_tools;

    // npm install liquibase@version into the tools folder, once.
    QString install(const QString &version, QString &error)
    {
        const QString dir = ToolsDir + QStringLiteral("/liquibase-") + version;
        const QString launcher = dir + QStringLiteral("/node_modules/liquibase/dist/liquibase/liquibase");
        if (QFile::exists(launcher))
            return launcher;
        const QString npm = QStandardPaths::findExecutable(QStringLiteral("npm"));
        if (npm.isEmpty()) {
            error = QStringLiteral("npm is not installed: the real Liquibase cannot be installed");
            return {};
        }
        QDir().mkpath(ToolsDir);
        QTemporaryDir staging(ToolsDir + QStringLiteral("/staging-XXXXXX"));
        QFile package(staging.filePath(QStringLiteral("package.json")));
        if (!package.open(QIODevice::WriteOnly)) {
            error = QStringLiteral("cannot write %1: %2").arg(package.fileName(), package.errorString());
            return {};
        }
        package.write(R"({"name": "devdash-liquibase-test", "version": "1.0.0", "private": true})");
        package.close();
        QProcess npmInstall;
        npmInstall.setWorkingDirectory(staging.path());
        npmInstall.setProcessChannelMode(QProcess::MergedChannels);
        npmInstall.start(npm, { "install", "--no-audit", "--no-fund", "--silent", "liquibase@" + version });
        if (!npmInstall.waitForFinished(300000) || npmInstall.exitCode() != 0) {
            error = QStringLiteral("npm could not install liquibase@%1 (is the npm registry reachable?): %2")
                        .arg(version, QString::fromUtf8(npmInstall.readAll()).left(300));
            return {};
        }
        // Another test process may have finished first: either copy will do.
        if (QDir().rename(staging.path(), dir))
            staging.setAutoRemove(false);
        if (!QFile::exists(launcher))
            error = QStringLiteral("liquibase@%1 from npm has no %2").arg(version, launcher);
        return QFile::exists(launcher) ? launcher : QString();
    }

    // The version's launcher run in the repository's work tree on `database`.
    Run liquibase(const QString &version, const QString &database, const QString &command)
    {
        const Tool &tool = m_tools.value(version);
        QStringList args;
        if (version.startsWith(QLatin1String("4.4."))) {
            // 4.4 does not load the drivers it ships with on its own.
            const QString drivers = QFileInfo(tool.launcher).dir().filePath(QStringLiteral("../drivers"));
            const auto jars = QDir(drivers).entryList({ QStringLiteral("postgresql-*.jar") });
            if (!jars.isEmpty())
                args << QStringLiteral("--classpath=") + QDir(drivers).filePath(jars.first());
        } else {
            args << QStringLiteral("--show-banner=false");
        }
        args << QStringLiteral("--changeLogFile=") + Master
             << QStringLiteral("--url=jdbc:postgresql://%1:%2/%3")
                    .arg(m_server.host())
                    .arg(m_server.port())
                    .arg(database)
             << QStringLiteral("--username=") + m_server.user() << command;
        QProcess p;
        p.setWorkingDirectory(m_repo->path());
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(tool.launcher, args);
        Run run;
        if (!p.waitForFinished(180000)) {
            p.kill();
            p.waitForFinished();
            run.output = QStringLiteral("timed out");
            return run;
        }
        run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
        run.output = QString::fromUtf8(p.readAll());
        return run;
    }

    // The changesets `liquibase validate` rejects for their checksum ("… ::2::alice was: …").
    QStringList rejectedByValidate(const QString &database)
    {
        const Run run = liquibase(QStringLiteral("4.28.1"), database, QStringLiteral("validate"));
        static const QRegularExpression line(
            QStringLiteral("::([^:\\s]+)::([^:\\s]+) was: \\S+ but is now:"));
        QStringList keys;
        for (auto it = line.globalMatch(run.output); it.hasNext();) {
            const auto m = it.next();
            const QString key = m.captured(1) + QStringLiteral("::") + m.captured(2);
            if (!keys.contains(key))
                keys.append(key);
        }
        if (keys.isEmpty() && run.exitCode != 0)
            keys.append(QStringLiteral("validate failed: ") + run.output.right(600));
        keys.sort();
        return keys;
    }

    QMap<QString, QString> written(const QString &database)
    {
        QSqlDatabase db = m_server.superuserConnection(database, QStringLiteral("lb-") + database);
        QMap<QString, QString> out;
        if (!db.isOpen())
            return out;
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT id, author, md5sum FROM databasechangelog")))
            qWarning() << q.lastError().text();
        while (q.next())
            out.insert(
                q.value(0).toString() + QStringLiteral("::") + q.value(1).toString(), q.value(2).toString());
        return out;
    }

    QMap<QString, std::optional<LiquibaseCandidates>> fileChecksums(const QString &ref)
    {
        QMap<QString, std::optional<LiquibaseCandidates>> out;
        const auto snapshot = GitTreeSnapshot::open(m_repo->path(), ref);
        if (!snapshot)
            return out;
        const auto files = MigrationFileScanner::scan(*snapshot, Framework::Liquibase, Folder);
        if (!files)
            return out;
        for (const MigrationFile &f : files->files)
            out.insert(f.key, f.liquibase);
        return out;
    }

    // `devdash migrations URL --repo REPO --path db/changelog --json`: key -> migration.
    QMap<QString, QJsonObject> cli(const QString &database, const QString &ref, QJsonObject *report = nullptr)
    {
        const auto run = test::runCli(Binary,
            { QStringLiteral("migrations"), m_server.url(database), QStringLiteral("--repo"), m_repo->path(),
                QStringLiteral("--ref"), ref, QStringLiteral("--path"), Folder, QStringLiteral("--json") });
        if (run.exitCode != 0)
            qWarning() << run.err;
        QMap<QString, QJsonObject> out;
        for (const QJsonValue &m : run.object().value(QStringLiteral("migrations")).toArray())
            out.insert(m.toObject().value(QStringLiteral("key")).toString(), m.toObject());
        if (report)
            *report = run.object();
        return out;
    }

    static QStringList keysInState(const QMap<QString, QJsonObject> &migrations, const QString &state)
    {
        QStringList keys;
        for (auto it = migrations.cbegin(); it != migrations.cend(); ++it) {
            if (it->value(QStringLiteral("state")).toString() == state)
                keys.append(it.key());
        }
        keys.sort();
        return keys;
    }

private slots:
    void initTestCase()
    {
        qputenv("TZ", "UTC");
        QVERIFY(test::TestEnvironment::setUp());
        DEVDASH_REQUIRE_POSTGRES(m_server);
        m_java = QStandardPaths::findExecutable(QStringLiteral("java"));
        if (m_java.isEmpty())
            QSKIP("Java is not installed (default-jre-headless): the real Liquibase cannot run");
        QMap<QString, QByteArray> files
            = { { Master,
                    XmlHeader
                        + "  <include file=\"001-init.sql\" relativeToChangelogFile=\"true\"/>\n"
                          "  <include file=\"002-crlf.sql\" relativeToChangelogFile=\"true\"/>\n"
                          "  <include file=\"003-more.xml\" relativeToChangelogFile=\"true\"/>\n"
                          "  <include file=\"004-yaml.yaml\" relativeToChangelogFile=\"true\"/>\n"
                          "  <include file=\"005-slash.sql\" relativeToChangelogFile=\"true\"/>\n"
                          "</databaseChangeLog>\n" },
                  { Folder + QStringLiteral("/001-init.sql"), InitSql },
                  { Folder + QStringLiteral("/002-crlf.sql"), CrlfSql },
                  { Folder + QStringLiteral("/003-more.xml"), MoreXml },
                  { Folder + QStringLiteral("/004-yaml.yaml"), Yaml },
                  { Folder + QStringLiteral("/005-slash.sql"), SlashSql },
                  { Folder + QStringLiteral("/sql/seed.sql"),
                      "INSERT INTO tags VALUES (3, 'seed');\nINSERT INTO tags VALUES (4, 'more');\n" } };
        m_repo.emplace();
        m_repo->init();
        m_first = m_repo->commit(QStringLiteral("changelog"), files);
        QVERIFY2(m_repo->ok(), qPrintable(m_repo->errors()));
    }

    void update_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("checksumVersion");
        QTest::newRow("liquibase 4.28 writes 9:") << "4.28.1"
                                                  << "9";
        QTest::newRow("liquibase 4.4 writes 8:") << "4.4.0"
                                                 << "8";
    }
    // The real `liquibase update`; DevDash's checksum of every changeset it hashes is the
    // one Liquibase wrote.
    void update()
    {
        QFETCH(QString, version);
        QFETCH(QString, checksumVersion);
        QString error;
        Tool tool;
        tool.launcher = install(version, error);
        if (tool.launcher.isEmpty())
            QSKIP(qPrintable(error));
        QProcess probe; // a Java it cannot run on is a reason to skip, not a failure
        probe.setProcessChannelMode(QProcess::MergedChannels);
        probe.start(tool.launcher, { QStringLiteral("--version") });
        if (!probe.waitForFinished(120000) || probe.exitCode() != 0)
            QSKIP(qPrintable(QStringLiteral("liquibase %1 does not run on %2: %3")
                                 .arg(version, m_java, QString::fromUtf8(probe.readAll()).right(300))));
        tool.database = QStringLiteral("lb") + checksumVersion;
        QVERIFY2(!m_server.createDatabase(tool.database).isEmpty(), qPrintable(m_server.errorString()));
        m_tools.insert(version, tool);
        const Run run = liquibase(version, tool.database, QStringLiteral("update"));
        QVERIFY2(run.exitCode == 0, qPrintable(run.output.right(2000)));
        m_tools[version].written = written(tool.database);
        const QMap<QString, QString> recorded = m_tools.value(version).written;
        QStringList all = Verified + NotVerified;
        all.sort();
        QCOMPARE(QStringList(recorded.keys()), all);

        const QMap<QString, std::optional<LiquibaseCandidates>> files = fileChecksums(m_first);
        for (const QString &key : Verified) {
            QVERIFY2(recorded.value(key).startsWith(checksumVersion + QLatin1Char(':')), qPrintable(key));
            QVERIFY2(files.value(key).has_value(), qPrintable(key));
            const auto verdict = LiquibaseChecksum::verify(recorded.value(key), *files.value(key));
            // 4.4 did not know "/* liquibase rollback" blocks: the block was part of bob:3's
            // SQL then. Liquibase 4.28 rejects that 8: checksum too (validate, below).
            if (key == QLatin1String("3::bob") && checksumVersion == QLatin1String("8")) {
                QVERIFY(!verdict.valid);
                continue;
            }
            QVERIFY2(verdict.valid, qPrintable(key));
            QCOMPARE(verdict.fileChecksum, recorded.value(key));
        }
        for (const QString &key : NotVerified) {
            QVERIFY2(files.contains(key), qPrintable(key));
            QVERIFY2(
                !files.value(key).has_value(), qPrintable(key + QStringLiteral(": ") + files.value(key)->v9));
        }
    }

    // What `devdash migrations --json` says at the commit Liquibase ran, and that it agrees
    // with `liquibase validate` (4.28, the one that reads both checksum versions).
    void cliAtTheAppliedCommit_data()
    {
        QTest::addColumn<QString>("version");
        QTest::newRow("9:") << "4.28.1";
        QTest::newRow("8:") << "4.4.0";
    }
    void cliAtTheAppliedCommit()
    {
        QFETCH(QString, version);
        if (!m_tools.contains(version) || !m_tools.contains(QStringLiteral("4.28.1")))
            QSKIP("Liquibase did not run (see update)");
        const Tool tool = m_tools.value(version);
        QJsonObject report;
        const auto migrations = cli(tool.database, m_first, &report);
        QCOMPARE(report.value(QStringLiteral("framework")).toString(), QStringLiteral("liquibase"));
        QCOMPARE(QStringList(migrations.keys()).size(), Verified.size() + NotVerified.size());
        for (const QString &key : Verified + NotVerified) {
            const QJsonObject m = migrations.value(key);
            QCOMPARE(m.value(QStringLiteral("checksum")).toString(), tool.written.value(key));
            if (NotVerified.contains(key)) {
                QCOMPARE(m.value(QStringLiteral("state")).toString(), QStringLiteral("applied"));
                QVERIFY(m.value(QStringLiteral("file_checksum")).isNull());
            } else if (m.value(QStringLiteral("state")).toString() == QLatin1String("applied")) {
                QCOMPARE(m.value(QStringLiteral("file_checksum")).toString(), tool.written.value(key));
            }
        }
        const QString notes = report.value(QStringLiteral("notes")).toVariant().toStringList().join('\n');
        QVERIFY2(notes.contains(QStringLiteral("13::frank (createTable)")), qPrintable(notes));
        QVERIFY2(notes.contains(QStringLiteral("14::ivy (YAML changelog)")), qPrintable(notes));
        // The mismatches are the ones Liquibase's own validate names.
        QCOMPARE(
            keysInState(migrations, QStringLiteral("checksum_mismatch")), rejectedByValidate(tool.database));
        QCOMPARE(keysInState(migrations, QStringLiteral("checksum_mismatch")),
            version == QLatin1String("4.4.0") ? QStringList { "3::bob" } : QStringList {});
    }

    // A commit that edits SQL: a changed statement and a changed sqlFile are mismatches,
    // whitespace-only edits are not, a runOnChange changeset is outdated (it runs again), and
    // a validCheckSum of the recorded checksum keeps an edited changeset valid.
    void editedChangelog_data()
    {
        QTest::addColumn<QString>("version");
        QTest::newRow("9:") << "4.28.1";
        QTest::newRow("8:") << "4.4.0";
    }
    void editedChangelog()
    {
        QFETCH(QString, version);
        if (m_tools.size() < 2)
            QSKIP("both Liquibase versions must have run (see update)");
        if (m_second.isEmpty()) {
            QByteArray init = InitSql;
            // Whitespace only, where whitespace already was: both versions ignore it.
            init.replace("CREATE TABLE accounts (id int PRIMARY KEY, name text);",
                "CREATE  TABLE\taccounts (id int PRIMARY KEY,\r\n       name text);\n\n");
            init.replace("ON orders (account_id);", "ON orders (account_id, id);");
            init.replace("AS SELECT name FROM accounts;", "AS SELECT id, name FROM accounts;");
            const QByteArray valid = "--changeset dave:6\n--validCheckSum: "
                + m_tools.value("4.28.1").written.value("6::dave").toUtf8()
                + "\n--validCheckSum: " + m_tools.value("4.4.0").written.value("6::dave").toUtf8() + "\n";
            init.replace("--changeset dave:6\n", valid);
            init.replace("WHERE id = 2;", "WHERE id = 2 AND name = 'second';");
            m_second = m_repo->commit(QStringLiteral("edit changesets"),
                { { Folder + QStringLiteral("/001-init.sql"), init },
                    { Folder + QStringLiteral("/sql/seed.sql"),
                        "INSERT INTO tags VALUES (3, 'seed');\nINSERT INTO tags VALUES (5, "
                        "'changed');\n" } });
            QVERIFY2(m_repo->ok(), qPrintable(m_repo->errors()));
        }
        const Tool tool = m_tools.value(version);
        const auto migrations = cli(tool.database, m_second);
        QStringList mismatches { "2::alice", "12::erin" };
        if (version == QLatin1String("4.4.0"))
            mismatches.append(QStringLiteral("3::bob"));
        mismatches.sort();
        QCOMPARE(keysInState(migrations, QStringLiteral("checksum_mismatch")), mismatches);
        QCOMPARE(keysInState(migrations, QStringLiteral("outdated")), QStringList { "5::carol" });
        QCOMPARE(keysInState(migrations, QStringLiteral("applied")).size(),
            Verified.size() + NotVerified.size() - mismatches.size() - 1);
        QCOMPARE(
            migrations.value("1::alice").value("file_checksum").toString(), tool.written.value("1::alice"));
        QVERIFY(
            migrations.value("2::alice").value("file_checksum").toString() != tool.written.value("2::alice"));
        QVERIFY(migrations.value("2::alice")
                    .value("file_checksum")
                    .toString()
                    .startsWith(tool.written.value("2::alice").left(2)));
        QCOMPARE(rejectedByValidate(tool.database), mismatches);
    }
};

QTEST_GUILESS_MAIN(TestMigrationLiquibase)
#include "tst_migrationliquibase.moc"

// History tables written by the frameworks' own tools into real SQLite files: Alembic
// (`alembic upgrade heads`, two heads), Django (`manage.py migrate`) and sqitch (`sqitch
// deploy`, its registry), with their migration files committed to a real repository and
// read back at two commits. Skips, saying which, when a tool is not installed.

#include "MigrationHistoryDb.h"
#include "TestEnvironment.h"
#include "TestRepo.h"

#include "schema/migrations/MigrationInspector.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

using namespace devdash;
using namespace devdash::migrations;
using devdash::test::TestRepo;

namespace {

// The system Python, where Debian's python3-alembic and python3-django live (a pyenv or
// virtualenv python3 earlier on PATH does not have them).
QString systemPython()
{
    return QFile::exists(QStringLiteral("/usr/bin/python3"))
        ? QStringLiteral("/usr/bin/python3")
        : QStandardPaths::findExecutable(QStringLiteral("python3"));
}

bool pythonHas(const QString &module)
{
    QProcess p;
    p.start(systemPython(), { QStringLiteral("-c"), QStringLiteral("import ") + module });
    return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

// Runs a tool in `cwd`; its output on failure.
QString run(
    const QString &program, const QStringList &args, const QString &cwd, const QProcessEnvironment &env = {})
{
    QProcess p;
    p.setWorkingDirectory(cwd);
    p.setProcessChannelMode(QProcess::MergedChannels);
    if (!env.isEmpty())
        p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(120000))
        return program + QStringLiteral(" did not finish: ") + p.errorString();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return program + QLatin1Char(' ') + args.join(QLatin1Char(' ')) + QStringLiteral(" failed: ")
            + QString::fromUtf8(p.readAll());
    return {};
}

// A read connection to a SQLite file written by a tool, closed with the object.
class SqliteFile
{
public:
    explicit SqliteFile(const QString &path)
        : m_name(QStringLiteral("tool-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        db.open();
    }
    ~SqliteFile()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
};

QMap<QString, QString> states(const QList<MigrationEntry> &entries)
{
    QMap<QString, QString> out;
    for (const MigrationEntry &e : entries)
        out.insert(e.key, migrationStateName(e.state));
    return out;
}

Result<MigrationReport> inspect(
    QSqlDatabase db, const QString &repo, const QString &ref, const QString &folder = {})
{
    MigrationInspector::Request request;
    request.repoPath = repo;
    request.ref = ref;
    request.folder = folder;
    return MigrationInspector::inspect(db, request);
}

} // namespace

class TestMigrationTools : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(test::TestEnvironment::setUp()); }

    void alembic()
    {
        if (!pythonHas(QStringLiteral("alembic")))
            QSKIP("Alembic is not installed for the system Python (apt-get install python3-alembic)");
        TestRepo repo;
        repo.init();
        const QString dir = repo.path();
        const QString py = systemPython();
        const QStringList alembic { QStringLiteral("-m"), QStringLiteral("alembic") };
        QCOMPARE(run(py, alembic + QStringList { "init", "migrations" }, dir), QString());
        QFile ini(dir + QStringLiteral("/alembic.ini"));
        QVERIFY(ini.open(QIODevice::ReadOnly));
        QByteArray config = ini.readAll();
        ini.close();
        config.replace("driver://user:pass@localhost/dbname", "sqlite:///app.db");
        repo.writeFile(QStringLiteral("alembic.ini"), config);
        repo.writeFile(QStringLiteral(".gitignore"), "app.db\n__pycache__/\n");
        QCOMPARE(
            run(py, alembic + QStringList { "revision", "-m", "create users", "--rev-id", "a1b2c3d4e5f6" },
                dir),
            QString());
        QCOMPARE(
            run(py, alembic + QStringList { "revision", "-m", "add email", "--rev-id", "b2c3d4e5f6a1" }, dir),
            QString());
        // A second head from the first revision: alembic_version then holds two rows.
        QCOMPARE(run(py,
                     alembic
                         + QStringList { "revision", "-m", "side branch", "--rev-id", "c3d4e5f6a1b2",
                             "--head", "a1b2c3d4e5f6", "--splice" },
                     dir),
            QString());
        repo.git({ QStringLiteral("add"), QStringLiteral("-A") });
        const QString first = repo.commit(QStringLiteral("three revisions, two heads"));
        QCOMPARE(run(py, alembic + QStringList { "upgrade", "heads" }, dir), QString());
        QCOMPARE(run(py,
                     alembic
                         + QStringList { "revision", "-m", "add index", "--rev-id", "d4e5f6a1b2c3", "--head",
                             "b2c3d4e5f6a1" },
                     dir),
            QString());
        repo.git({ QStringLiteral("add"), QStringLiteral("-A") });
        const QString second = repo.commit(QStringLiteral("one more, not applied"));
        QVERIFY2(repo.ok(), qPrintable(repo.errors()));

        SqliteFile db(dir + QStringLiteral("/app.db"));
        QVERIFY(db.db().isOpen());
        const auto atFirst = inspect(db.db(), dir, first);
        QVERIFY2(atFirst.ok(), qPrintable(atFirst.errorMessage()));
        QCOMPARE(atFirst->history.framework, Framework::Alembic);
        QCOMPARE(atFirst->history.applied.size(), 2); // the two heads
        QCOMPARE(atFirst->files.directory, QStringLiteral("migrations/versions")); // from alembic.ini
        QCOMPARE(states(atFirst->entries),
            (QMap<QString, QString> { { "a1b2c3d4e5f6", "applied" }, { "b2c3d4e5f6a1", "applied" },
                { "c3d4e5f6a1b2", "applied" } }));
        QCOMPARE(atFirst->entries.first().key, QStringLiteral("a1b2c3d4e5f6"));
        QCOMPARE(atFirst->entries.first().description, QStringLiteral("create users"));

        const auto atSecond = inspect(db.db(), dir, second);
        QVERIFY2(atSecond.ok(), qPrintable(atSecond.errorMessage()));
        const auto s = states(atSecond->entries);
        QCOMPARE(s.value(QStringLiteral("d4e5f6a1b2c3")), QStringLiteral("pending"));
        QCOMPARE(s.value(QStringLiteral("b2c3d4e5f6a1")), QStringLiteral("applied"));
        QCOMPARE(atSecond->entries.last().key, QStringLiteral("d4e5f6a1b2c3"));

        // Upgraded on a branch whose file is gone from the ref read: that head is missing.
        repo.checkoutNew(QStringLiteral("without-side-branch"), first);
        const QString trimmed = repo.commit(QStringLiteral("drop the side branch"),
            { { QStringLiteral("migrations/versions/c3d4e5f6a1b2_side_branch.py"), QByteArray() } });
        const auto atTrimmed = inspect(db.db(), dir, trimmed);
        QVERIFY2(atTrimmed.ok(), qPrintable(atTrimmed.errorMessage()));
        QCOMPARE(states(atTrimmed->entries).value(QStringLiteral("c3d4e5f6a1b2")), QStringLiteral("missing"));
    }

    void django()
    {
        if (!pythonHas(QStringLiteral("django")))
            QSKIP("Django is not installed for the system Python (apt-get install python3-django)");
        TestRepo repo;
        repo.init();
        const QString dir = repo.path();
        const QString py = systemPython();
        QCOMPARE(run(py, { "-m", "django", "startproject", "shopsite", "." }, dir), QString());
        QCOMPARE(run(py, { "manage.py", "startapp", "shop" }, dir), QString());
        QFile settings(dir + QStringLiteral("/shopsite/settings.py"));
        QVERIFY(settings.open(QIODevice::ReadOnly));
        QByteArray text = settings.readAll();
        settings.close();
        text.replace("INSTALLED_APPS = [", "INSTALLED_APPS = [\n    'shop',");
        repo.writeFile(QStringLiteral("shopsite/settings.py"), text);
        repo.writeFile(QStringLiteral(".gitignore"), "db.sqlite3\n__pycache__/\n");
        repo.writeFile(QStringLiteral("shop/models.py"),
            "from django.db import models\n\n\nclass Item(models.Model):\n    name = "
            "models.CharField(max_length=100)\n");
        QCOMPARE(run(py, { "manage.py", "makemigrations", "shop" }, dir), QString());
        repo.git({ QStringLiteral("add"), QStringLiteral("-A") });
        const QString first = repo.commit(QStringLiteral("shop app"));
        QCOMPARE(run(py, { "manage.py", "migrate" }, dir), QString());
        repo.writeFile(QStringLiteral("shop/models.py"),
            "from django.db import models\n\n\nclass Item(models.Model):\n    name = "
            "models.CharField(max_length=100)\n"
            "    price = models.IntegerField(default=0)\n");
        QCOMPARE(run(py, { "manage.py", "makemigrations", "shop", "--name", "item_price" }, dir), QString());
        repo.git({ QStringLiteral("add"), QStringLiteral("-A") });
        const QString second = repo.commit(QStringLiteral("price, not migrated"));
        QVERIFY2(repo.ok(), qPrintable(repo.errors()));

        SqliteFile db(dir + QStringLiteral("/db.sqlite3"));
        const auto atFirst = inspect(db.db(), dir, first);
        QVERIFY2(atFirst.ok(), qPrintable(atFirst.errorMessage()));
        QCOMPARE(atFirst->history.framework, Framework::Django);
        const auto s1 = states(atFirst->entries);
        QCOMPARE(s1.value(QStringLiteral("shop.0001_initial")), QStringLiteral("applied"));
        // Django's own apps ran too; their files are in the installed package, not the repository.
        QCOMPARE(s1.value(QStringLiteral("auth.0001_initial")), QStringLiteral("applied"));
        QCOMPARE(s1.values().count(QStringLiteral("applied")), int(atFirst->history.applied.size()));
        const auto shopEntry = std::find_if(atFirst->entries.begin(), atFirst->entries.end(),
            [](const MigrationEntry &e) { return e.key == QLatin1String("shop.0001_initial"); });
        QVERIFY(shopEntry->applied->appliedAt.has_value());
        QVERIFY(qAbs(shopEntry->applied->appliedAt->secsTo(QDateTime::currentDateTimeUtc())) < 600);
        QCOMPARE(shopEntry->file->path, QStringLiteral("shop/migrations/0001_initial.py"));

        const auto atSecond = inspect(db.db(), dir, second);
        QVERIFY2(atSecond.ok(), qPrintable(atSecond.errorMessage()));
        QCOMPARE(states(atSecond->entries).value(QStringLiteral("shop.0002_item_price")),
            QStringLiteral("pending"));
    }

    void sqitch()
    {
        const QString sqitch = QStandardPaths::findExecutable(QStringLiteral("sqitch"));
        if (sqitch.isEmpty())
            QSKIP("sqitch is not installed (apt-get install sqitch libdbd-sqlite3-perl)");
        if (!run(QStringLiteral("perl"), { "-MDBD::SQLite", "-e", "1" }, QDir::tempPath()).isEmpty())
            QSKIP("sqitch cannot reach SQLite: DBD::SQLite is missing (apt-get install libdbd-sqlite3-perl)");
        TestRepo repo;
        repo.init();
        const QString dir = repo.path();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SQITCH_FULLNAME"), QStringLiteral("Test User"));
        env.insert(QStringLiteral("SQITCH_EMAIL"), QStringLiteral("test@example.com"));
        QCOMPARE(run(sqitch, { "init", "flipr", "--engine", "sqlite" }, dir, env), QString());
        QCOMPARE(run(sqitch, { "add", "appschema", "-n", "Add schema" }, dir, env), QString());
        repo.writeFile(QStringLiteral("deploy/appschema.sql"),
            "BEGIN;\nCREATE TABLE flipr_meta (id integer);\nCOMMIT;\n");
        QCOMPARE(run(sqitch, { "add", "users", "--requires", "appschema", "-n", "Creates users" }, dir, env),
            QString());
        repo.writeFile(QStringLiteral(".gitignore"), "*.db\n");
        repo.git({ QStringLiteral("add"), QStringLiteral("-A") });
        const QString first = repo.commit(QStringLiteral("two changes"));
        QCOMPARE(run(sqitch, { "deploy", "db:sqlite:app.db" }, dir, env), QString());
        // Edited after deploying, and a third change planned but not deployed.
        repo.writeFile(
            QStringLiteral("deploy/users.sql"), "BEGIN;\nCREATE TABLE users (id integer);\nCOMMIT;\n");
        QCOMPARE(
            run(sqitch, { "add", "flips", "--requires", "users", "-n", "Adds flips" }, dir, env), QString());
        repo.git({ QStringLiteral("add"), QStringLiteral("-A") });
        const QString second = repo.commit(QStringLiteral("edit users, add flips"));
        QVERIFY2(repo.ok(), qPrintable(repo.errors()));

        // sqitch keeps its registry next to the database, in sqitch.db.
        SqliteFile registry(dir + QStringLiteral("/sqitch.db"));
        const auto atFirst = inspect(registry.db(), dir, first);
        QVERIFY2(atFirst.ok(), qPrintable(atFirst.errorMessage()));
        QCOMPARE(atFirst->history.framework, Framework::Sqitch);
        QCOMPARE(states(atFirst->entries),
            (QMap<QString, QString> { { "appschema", "applied" }, { "users", "applied" } }));
        QCOMPARE(atFirst->entries.first().applied->appliedBy, QStringLiteral("Test User"));
        QCOMPARE(atFirst->entries.first().description, QStringLiteral("Add schema"));

        const auto atSecond = inspect(registry.db(), dir, second);
        QVERIFY2(atSecond.ok(), qPrintable(atSecond.errorMessage()));
        QCOMPARE(states(atSecond->entries),
            (QMap<QString, QString> {
                { "appschema", "applied" }, { "users", "checksum_mismatch" }, { "flips", "pending" } }));
        QCOMPARE(atSecond->entries.last().key, QStringLiteral("flips"));
    }
};

QTEST_GUILESS_MAIN(TestMigrationTools)
#include "tst_migrationtools.moc"

// A repository's settings may name an ODBC data source, never a driver library:
// `odbc://DRIVER=/path/libx.so;DATABASE=shop` in .devdash.json is refused with a
// clear message by every way of opening the repository (the parser, `devdash
// migrations matrix`, the Overview), and the library — a stand-in that leaves a
// marker file when it is loaded — is never loaded. Typed by the user, the same URL
// reaches the driver manager (the marker proves the check would see a load).

#include "CliProcess.h"
#include "TestEnvironment.h"
#include "TestRepo.h"

#include "overview/OverviewLoader.h"
#include "schema/DatabaseUrl.h"
#include "schema/ReadOnlyConnection.h"

#include <QFile>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QtTest>

using namespace devdash;
using namespace devdash::schema;
using devdash::test::TestRepo;

namespace {
const QString Binary = QStringLiteral(DEVDASH_BINARY);
const QString Library = QStringLiteral(DEVDASH_ODBC_MARKER_LIBRARY);
} // namespace

class TestOdbcOrigin : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestRepo m_repo;
    QString m_marker;

    QString driverUrl() const { return QStringLiteral("odbc://DRIVER=%1;DATABASE=shop").arg(Library); }
    bool loaded() const { return QFile::exists(m_marker); }

private slots:
    void initTestCase()
    {
        QVERIFY(test::TestEnvironment::setUp());
        QVERIFY(m_dir.isValid());
        QVERIFY(QFile::exists(Library));
        m_marker = m_dir.filePath(QStringLiteral("loaded"));
        qputenv("DEVDASH_ODBC_MARKER", m_marker.toUtf8());
        qputenv("DEVDASH_NO_KEYCHAIN", "1");
        // unixODBC reads its DSNs from these (empty) files only.
        qputenv("ODBCSYSINI", m_dir.path().toUtf8());
        qputenv("ODBCINI", m_dir.filePath(QStringLiteral("odbc.ini")).toUtf8());
        m_repo.init();
        m_repo.commit(QStringLiteral("hostile settings"),
            { { QStringLiteral(".devdash.json"),
                  QStringLiteral("{\"databases\": [{\"name\": \"shop\", \"url\": \"%1\", \"migrations\": "
                                 "{\"framework\": \"flyway\"}}]}")
                      .arg(driverUrl())
                      .toUtf8() },
                { QStringLiteral("db/migration/V1__init.sql"), "SELECT 1;" } });
        QVERIFY2(m_repo.ok(), qPrintable(m_repo.errors()));
    }

    void repositoryUrlsNameADsnOnly_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("dsn") << "odbc://Warehouse" << true;
        QTest::newRow("user and dsn") << "odbc://app@Warehouse" << true;
        QTest::newRow("spaces") << "odbc://Sales%20Warehouse" << true;
        QTest::newRow("driver library") << "odbc://DRIVER=/tmp/libx.so;DATABASE=shop" << false;
        QTest::newRow("driver in braces") << "odbc://DRIVER={/tmp/libx.so}" << false;
        QTest::newRow("file dsn") << "odbc://shop.dsn" << false;
        QTest::newRow("file dsn inside") << "odbc://a.DSNx" << false;
        QTest::newRow("relative path") << "odbc://lib/x" << false;
        QTest::newRow("backslash") << "odbc://a\\b" << false;
        QTest::newRow("semicolon") << "odbc://Warehouse;DRIVER=x" << false;
        QTest::newRow("encoded semicolon") << "odbc://Warehouse%3BDRIVER%3Dx" << false;
        QTest::newRow("user injects") << "odbc://u%3BDRIVER%3D%2Ftmp%2Fx.so@Warehouse" << false;
        QTest::newRow("password injects") << "odbc://u:p%3BDRIVER%3Dx@Warehouse" << false;
        QTest::newRow("newline") << "odbc://Ware%0Ahouse" << false;
    }
    void repositoryUrlsNameADsnOnly()
    {
        QFETCH(QString, text);
        QFETCH(bool, accepted);
        const auto url = DatabaseUrl::parse(text);
        QCOMPARE(url.ok(), accepted);
        if (!accepted) {
            QVERIFY2(url.errorMessage().contains(QLatin1String("ODBC data source")), qPrintable(url.errorMessage()));
            QVERIFY(url.errorMessage().contains(QLatin1String("DRIVER=")));
        }
        // The user may type any of them.
        QVERIFY(DatabaseUrl::parse(text, DatabaseUrl::Origin::UserTyped).ok());
    }

    // A URL that reached ReadOnlyConnection some other way is refused there too.
    void connectionRefusesARepositoryConnectionString()
    {
        auto typed = DatabaseUrl::parse(driverUrl(), DatabaseUrl::Origin::UserTyped);
        QVERIFY(typed);
        QCOMPARE(typed->origin(), DatabaseUrl::Origin::UserTyped);
        auto strict = DatabaseUrl::parse(QStringLiteral("odbc://Warehouse"));
        QVERIFY(strict);
        QCOMPARE(strict->origin(), DatabaseUrl::Origin::Repository);
        QVERIFY(!loaded());
    }

    void matrixRefusesAndLoadsNothing()
    {
        const auto run = test::runCli(Binary, { "migrations", "matrix", m_repo.path(), "--json" });
        const QString all = QString::fromUtf8(run.out + run.err);
        QVERIFY2(all.contains(QLatin1String("never a connection string")), qPrintable(all));
        QVERIFY(!loaded());
    }

    void overviewRefusesAndLoadsNothing()
    {
        auto environments = overview::OverviewLoader::migrations(m_repo.path(), CancelToken());
        QVERIFY2(environments, qPrintable(environments.errorMessage()));
        QCOMPARE(environments->size(), 1);
        QVERIFY2(environments->first().error.contains(QLatin1String("driver library")),
            qPrintable(environments->first().error));
        QVERIFY(!loaded());
    }

    // Control: typed by the user, the driver manager is reached and loads the library,
    // which is what the checks above would have seen.
    void typedByTheUserReachesTheDriverManager()
    {
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QODBC")))
            QSKIP("The Qt ODBC driver is not installed (Debian: libqt6sql6-odbc).");
        const auto run = test::runCli(Binary, { "schema", driverUrl(), "--json", "--timeout", "3" });
        QVERIFY(run.exitCode != 0);
        QVERIFY2(loaded(), run.err.constData());
        QFile::remove(m_marker);
    }
};

QTEST_GUILESS_MAIN(TestOdbcOrigin)
#include "tst_odbcorigin.moc"

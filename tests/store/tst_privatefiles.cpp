// DevDash's folders and files are the user's alone: the store (with its -wal and
// -shm files), the HTTP cache and its artifacts, the commit-graph cache and the
// settings are created 0700 (folders) and 0600 (files), and without a home
// folder there is an error — never a fallback to a shared folder such as /tmp.

#include "ci/ArtifactCache.h"
#include "ci/HttpResponseCache.h"
#include "common/PrivateFiles.h"
#include "store/Database.h"
#include "store/StoreLocation.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <sys/stat.h>

using namespace devdash;

namespace {

int modeOf(const QString &path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

QString octal(int mode)
{
    return QString::number(mode, 8);
}

// Restores a variable at the end of a test.
struct EnvGuard
{
    QByteArray name;
    QByteArray value;
    bool wasSet;
    explicit EnvGuard(const char *n)
        : name(n)
        , value(qgetenv(n))
        , wasSet(qEnvironmentVariableIsSet(n))
    {
    }
    ~EnvGuard() { wasSet ? qputenv(name.constData(), value) : qunsetenv(name.constData()); }
};

} // namespace

class TstPrivateFiles : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        ::umask(022); // the usual umask: what DevDash creates must not depend on it
    }

    void foldersAreCreated0700()
    {
        const QString deep = m_dir.filePath(QStringLiteral("a/b/c"));
        QVERIFY(PrivateFiles::makeFolder(deep));
        for (const QString &folder : { m_dir.filePath("a"), m_dir.filePath("a/b"), deep })
            QCOMPARE(octal(modeOf(folder)), QStringLiteral("700"));
        // An existing folder of DevDash's own is tightened; a folder of the user's is not.
        const QString loose = m_dir.filePath(QStringLiteral("loose"));
        QVERIFY(QDir().mkpath(loose));
        QVERIFY(::chmod(QFile::encodeName(loose).constData(), 0755) == 0);
        QVERIFY(PrivateFiles::makeFolder(loose, false));
        QCOMPARE(octal(modeOf(loose)), QStringLiteral("755"));
        QVERIFY(PrivateFiles::makeFolder(loose));
        QCOMPARE(octal(modeOf(loose)), QStringLiteral("700"));
    }

    void noTmpFallbackWithoutAHome()
    {
        EnvGuard cache("DEVDASH_CACHE_DIR"), xdg("XDG_CACHE_HOME"), home("HOME");
        qunsetenv("DEVDASH_CACHE_DIR");
        qunsetenv("XDG_CACHE_HOME");
        qunsetenv("HOME");
        const auto root = PrivateFiles::cacheRoot();
        QVERIFY(!root);
        QVERIFY2(root.errorMessage().contains(QLatin1String("DEVDASH_CACHE_DIR")),
            qPrintable(root.errorMessage()));
        QVERIFY(!root.errorMessage().contains(QLatin1String("/tmp")));
        // The HTTP cache is then off: nothing stored anywhere, nothing found.
        ci::HttpResponseCache httpCache;
        QVERIFY(httpCache.directory().isEmpty());
        QVERIFY(!httpCache.store(
            QUrl(QStringLiteral("https://api.github.com/x")), "a", { "\"e\"", {}, "{}", {}, {} }));
        QVERIFY(!httpCache.find(QUrl(QStringLiteral("https://api.github.com/x")), "a"));
    }

    void httpCacheAndArtifacts()
    {
        EnvGuard cache("DEVDASH_CACHE_DIR");
        const QString root = m_dir.filePath(QStringLiteral("cache"));
        qputenv("DEVDASH_CACHE_DIR", QFile::encodeName(root));
        ci::HttpResponseCache httpCache;
        QCOMPARE(httpCache.directory(), root + QStringLiteral("/http"));
        const QUrl url(QStringLiteral("https://api.github.com/repos/o/r/actions/runs"));
        QVERIFY(httpCache.store(url, "application/json", { "\"etag-1\"", {}, "{\"runs\": []}", {}, {} }));
        QCOMPARE(octal(modeOf(root)), QStringLiteral("700"));
        QCOMPARE(octal(modeOf(httpCache.directory())), QStringLiteral("700"));
        const QStringList entries = QDir(httpCache.directory()).entryList(QDir::Files);
        QCOMPARE(entries.size(), 1);
        QCOMPARE(
            octal(modeOf(httpCache.directory() + QLatin1Char('/') + entries.first())), QStringLiteral("600"));
        // Replaced in place (QSaveFile): still 0600.
        QVERIFY(httpCache.store(url, "application/json", { "\"etag-2\"", {}, "{}", {}, {} }));
        QCOMPARE(
            octal(modeOf(httpCache.directory() + QLatin1Char('/') + entries.first())), QStringLiteral("600"));

        ci::ArtifactCache artifacts(ci::ArtifactCache::directoryBeside(httpCache.directory()));
        QVERIFY(artifacts.store(QStringLiteral("github\nx\no/r\n1"), "PK\x05\x06zip"));
        const QString folder = ci::ArtifactCache::directoryBeside(httpCache.directory());
        QCOMPARE(octal(modeOf(folder)), QStringLiteral("700"));
        const QStringList zips = QDir(folder).entryList(QDir::Files);
        QCOMPARE(zips.size(), 1);
        QCOMPARE(octal(modeOf(folder + QLatin1Char('/') + zips.first())), QStringLiteral("600"));
    }

    void storeAndItsWalFiles()
    {
        const QString path = m_dir.filePath(QStringLiteral("data/devdash/devdash.sqlite"));
        auto location = store::StoreLocation::parse(path);
        QVERIFY(location);
        {
            auto db = store::Database::open(*location);
            QVERIFY2(db, qPrintable(db.errorMessage()));
            QCOMPARE(octal(modeOf(QFileInfo(path).absolutePath())), QStringLiteral("700"));
            QCOMPARE(octal(modeOf(path)), QStringLiteral("600"));
            // WAL mode: the -wal and -shm files exist while it is open, with the file's mode.
            QVERIFY(QFile::exists(path + QStringLiteral("-wal")));
            QCOMPARE(octal(modeOf(path + QStringLiteral("-wal"))), QStringLiteral("600"));
            QCOMPARE(octal(modeOf(path + QStringLiteral("-shm"))), QStringLiteral("600"));
        }
    }

    void settingsFile()
    {
        EnvGuard config("XDG_CONFIG_HOME");
        const QString root = m_dir.filePath(QStringLiteral("config"));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(root));
        QCoreApplication::setOrganizationName(QStringLiteral("DevDashPrivacyTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_privatefiles"));
        QVERIFY(PrivateFiles::protectSettings());
        QSettings settings;
        settings.setValue(QStringLiteral("recent"), QStringList { QStringLiteral("/src/app") });
        settings.sync();
        QCOMPARE(settings.status(), QSettings::NoError);
        QVERIFY2(settings.fileName().startsWith(root), qPrintable(settings.fileName()));
        QCOMPARE(octal(modeOf(QFileInfo(settings.fileName()).absolutePath())), QStringLiteral("700"));
        QCOMPARE(octal(modeOf(settings.fileName())), QStringLiteral("600"));
    }
};

QTEST_GUILESS_MAIN(TstPrivateFiles)
#include "tst_privatefiles.moc"

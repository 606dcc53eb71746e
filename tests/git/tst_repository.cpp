// Repository::open on every kind of repository and on everything that is not
// one: the error must name the path and say what is wrong, and nothing may
// crash. Also the HEAD states, the default branch and message decoding.

#include "GitTestHelpers.h"
#include "TestEnvironment.h"
#include "git/LibGit2.h"
#include "git/Repository.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

using namespace devdash;
using namespace devdash::git;
using namespace devdash::test;

class TestRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void opensLikeGit_data();
    void opensLikeGit();
    void emptyRepository();
    void unbornBranchBesideOthers();
    void detachedHead();
    void resolveCommit();
    void errorNonexistentPath();
    void errorEmptyPath();
    void errorPlainFolder();
    void errorUnreadableFolder();
    void errorBrokenGitFile();
    void errorGarbageHead();
    void errorMissingHeadCommit();
    void errorTruncatedObject();
    void errorCorruptObject();
    void fileInsideWorkTree();
    void decodeMessage_data();
    void decodeMessage();

private:
    ScenarioCache m_scenarios;
};

void TestRepository::initTestCase()
{
    QVERIFY(TestEnvironment::setUp());
}

void TestRepository::opensLikeGit_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("subpath"); // relative to the scenario's path
    for (const QString &name : Scenarios::names())
        QTest::newRow(qPrintable(name)) << name << QString();
    QTest::newRow("submodule superproject") << "submodule"
                                            << "../..";
    QTest::newRow("worktree main") << "worktree"
                                   << "../repo";
}

void TestRepository::opensLikeGit()
{
    QFETCH(QString, scenario);
    QFETCH(QString, subpath);
    auto *entry = m_scenarios.get(scenario);
    DEVDASH_VERIFY_REPO(entry->repo);
    const QString path = subpath.isEmpty()
        ? entry->scenario.path
        : QDir::cleanPath(entry->scenario.path + QLatin1Char('/') + subpath);
    TestRepo git = entry->repo.at(path);
    auto repo = Repository::open(path);
    QVERIFY2(repo, qPrintable(repo.errorMessage()));

    auto absolute
        = [&](const QString &p) { return QFileInfo(QDir(path).absoluteFilePath(p)).canonicalFilePath(); };
    const bool bare
        = git.git({ QStringLiteral("rev-parse"), QStringLiteral("--is-bare-repository") }) == u"true";
    QCOMPARE(repo->isBare(), bare);
    QCOMPARE(QFileInfo(repo->gitDir()).canonicalFilePath(),
        absolute(git.git({ QStringLiteral("rev-parse"), QStringLiteral("--absolute-git-dir") })));
    QCOMPARE(QFileInfo(repo->commonDir()).canonicalFilePath(),
        absolute(git.git({ QStringLiteral("rev-parse"), QStringLiteral("--git-common-dir") })));
    if (bare) {
        QVERIFY(repo->workDir().isEmpty());
    } else {
        QCOMPARE(QFileInfo(repo->workDir()).canonicalFilePath(),
            absolute(git.git({ QStringLiteral("rev-parse"), QStringLiteral("--show-toplevel") })));
        QCOMPARE(repo->displayName(), QFileInfo(repo->workDir()).fileName());
    }
    const bool detached
        = git.tryGit({ QStringLiteral("symbolic-ref"), QStringLiteral("-q"), QStringLiteral("HEAD") }) != 0;
    QCOMPARE(repo->isHeadDetached(), detached);
    const bool unborn = git.tryGit({ QStringLiteral("rev-parse"), QStringLiteral("-q"),
                            QStringLiteral("--verify"), QStringLiteral("HEAD") })
        != 0;
    QCOMPARE(repo->isHeadUnborn(), unborn);
    // git names the unborn branch too; DevDash's contract is "empty when unborn".
    QCOMPARE(repo->currentBranch(),
        unborn ? QString() : git.git({ QStringLiteral("branch"), QStringLiteral("--show-current") }));
    QCOMPARE(repo->isEmpty(), entry->scenario.empty);
    if (!unborn) {
        auto head = repo->resolveCommit(QStringLiteral("HEAD"));
        QVERIFY(head);
        QCOMPARE(hex(*head), git.revParse(QStringLiteral("HEAD")));
    }
    DEVDASH_VERIFY_REPO(git);
}

void TestRepository::emptyRepository()
{
    auto *entry = m_scenarios.get(QStringLiteral("empty"));
    auto repo = Repository::open(entry->scenario.path);
    QVERIFY2(repo, qPrintable(repo.errorMessage()));
    QVERIFY(repo->isEmpty());
    QVERIFY(repo->isHeadUnborn());
    QVERIFY(!repo->isHeadDetached());
    QVERIFY(repo->currentBranch().isEmpty());
    QVERIFY(repo->defaultBranch().shortName.isEmpty()); // main is not born yet
    QVERIFY(!repo->resolveCommit(QStringLiteral("HEAD")));
    QCOMPARE(repo->displayName(), QStringLiteral("repo"));
}

void TestRepository::unbornBranchBesideOthers()
{
    TestRepo repo;
    repo.init();
    repo.commit(QStringLiteral("c1"));
    repo.git({ QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("--orphan"),
        QStringLiteral("fresh") });
    DEVDASH_VERIFY_REPO(repo);
    auto opened = Repository::open(repo.path());
    QVERIFY2(opened, qPrintable(opened.errorMessage()));
    QVERIFY(opened->isHeadUnborn());
    QVERIFY(!opened->isEmpty());
    QCOMPARE(opened->defaultBranch().shortName, QStringLiteral("main"));
}

void TestRepository::detachedHead()
{
    auto *entry = m_scenarios.get(QStringLiteral("detached"));
    DEVDASH_VERIFY_REPO(entry->repo);
    auto repo = Repository::open(entry->scenario.path);
    QVERIFY(repo);
    QVERIFY(repo->isHeadDetached());
    QVERIFY(repo->currentBranch().isEmpty());
    QCOMPARE(repo->defaultBranch().shortName, QStringLiteral("main"));
}

void TestRepository::resolveCommit()
{
    auto *entry = m_scenarios.get(QStringLiteral("tags"));
    DEVDASH_VERIFY_REPO(entry->repo);
    TestRepo &git = entry->repo;
    auto repo = Repository::open(entry->scenario.path);
    QVERIFY(repo);
    for (const char *rev :
        { "main", "HEAD~2", "v1.0", "nested", "v0.1", "refs/tags/v2.0", "main^{commit}" }) {
        auto id = repo->resolveCommit(QString::fromLatin1(rev));
        QVERIFY2(id, qPrintable(id.errorMessage()));
        QCOMPARE(hex(*id), git.revParse(QString::fromLatin1(rev) + QStringLiteral("^{commit}")));
    }
    const QString full = git.revParse(QStringLiteral("HEAD~1"));
    auto shortId = repo->resolveCommit(full.left(10));
    QVERIFY(shortId);
    QCOMPARE(hex(*shortId), full);

    auto unknown = repo->resolveCommit(QStringLiteral("does-not-exist"));
    QVERIFY(!unknown);
    QVERIFY2(unknown.errorMessage().contains(QStringLiteral("does-not-exist")),
        qPrintable(unknown.errorMessage()));
    for (const char *notCommit : { "treetag", "blobtag", "annotated-tree", "HEAD^{tree}" }) {
        auto r = repo->resolveCommit(QString::fromLatin1(notCommit));
        QVERIFY2(!r, notCommit);
        QVERIFY2(r.errorMessage().contains(QString::fromLatin1(notCommit)), qPrintable(r.errorMessage()));
    }
}

void TestRepository::errorNonexistentPath()
{
    const QString path = TestEnvironment::root() + QStringLiteral("/does/not/exist");
    auto repo = Repository::open(path);
    QVERIFY(!repo);
    QVERIFY2(repo.errorMessage().contains(path), qPrintable(repo.errorMessage()));
    QVERIFY2(repo.errorMessage().contains(QStringLiteral("no such")), qPrintable(repo.errorMessage()));
}

void TestRepository::errorEmptyPath()
{
    auto repo = Repository::open(QString());
    QVERIFY(!repo);
    QVERIFY(!repo.errorMessage().isEmpty());
}

void TestRepository::errorPlainFolder()
{
    TestRepo plain(QStringLiteral("just-a-folder"));
    QVERIFY(QDir().mkpath(plain.path() + QStringLiteral("/inner")));
    // The folder must not be inside any repository (a work tree above /tmp?).
    if (plain.tryGit({ QStringLiteral("rev-parse"), QStringLiteral("--git-dir") }) == 0)
        QSKIP("the temporary folder is inside a git repository");
    for (const QString &path : QStringList { plain.path(), plain.path() + QStringLiteral("/inner") }) {
        auto repo = Repository::open(path);
        QVERIFY(!repo);
        QVERIFY2(repo.errorMessage().contains(path), qPrintable(repo.errorMessage()));
        QVERIFY2(repo.errorMessage().contains(QStringLiteral("not a git repository")),
            qPrintable(repo.errorMessage()));
    }
}

void TestRepository::errorUnreadableFolder()
{
    if (TestEnvironment::runningAsRoot())
        QSKIP("root reads any folder: permissions cannot fail");
    TestRepo repo;
    repo.init();
    repo.commit(QStringLiteral("c1"));
    DEVDASH_VERIFY_REPO(repo);
    QFile::setPermissions(repo.path(), QFileDevice::Permissions());
    auto opened = Repository::open(repo.path());
    QFile::setPermissions(
        repo.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QVERIFY(!opened);
    QVERIFY2(opened.errorMessage().contains(repo.path()), qPrintable(opened.errorMessage()));
    QVERIFY2(opened.errorMessage().contains(QStringLiteral("permission")), qPrintable(opened.errorMessage()));
}

void TestRepository::errorBrokenGitFile()
{
    TestRepo folder(QStringLiteral("broken-gitfile"));
    QVERIFY(QDir().mkpath(folder.path()));
    QFile gitFile(folder.path() + QStringLiteral("/.git"));
    QVERIFY(gitFile.open(QIODevice::WriteOnly));
    gitFile.write("gitdir: /nonexistent/devdash/worktree\n");
    gitFile.close();
    auto repo = Repository::open(folder.path());
    QVERIFY(!repo);
    QVERIFY2(repo.errorMessage().contains(folder.path()), qPrintable(repo.errorMessage()));
    // Not "no .git found": there is one, and it points nowhere.
    QVERIFY2(!repo.errorMessage().contains(QStringLiteral("no .git found")), qPrintable(repo.errorMessage()));

    // A .git file with no gitdir line at all.
    QVERIFY(gitFile.open(QIODevice::WriteOnly));
    gitFile.write("this is not a gitlink\n");
    gitFile.close();
    auto garbage = Repository::open(folder.path());
    QVERIFY(!garbage);
    QVERIFY2(garbage.errorMessage().contains(folder.path()), qPrintable(garbage.errorMessage()));
}

void TestRepository::errorGarbageHead()
{
    TestRepo repo;
    repo.init();
    repo.commit(QStringLiteral("c1"));
    DEVDASH_VERIFY_REPO(repo);
    QFile head(repo.path() + QStringLiteral("/.git/HEAD"));
    QVERIFY(head.open(QIODevice::WriteOnly));
    head.write("\x01\x02 garbage, neither a ref nor an id\n");
    head.close();
    auto opened = Repository::open(repo.path());
    QVERIFY(!opened);
    QVERIFY2(opened.errorMessage().contains(repo.path()), qPrintable(opened.errorMessage()));
}

void TestRepository::errorMissingHeadCommit()
{
    TestRepo repo;
    repo.init();
    repo.commit(QStringLiteral("c1"));
    DEVDASH_VERIFY_REPO(repo);
    QFile ref(repo.path() + QStringLiteral("/.git/refs/heads/main"));
    QVERIFY(ref.open(QIODevice::WriteOnly));
    ref.write("0123456789abcdef0123456789abcdef01234567\n");
    ref.close();
    auto opened = Repository::open(repo.path());
    QVERIFY(!opened);
    QVERIFY2(opened.errorMessage().contains(repo.path()), qPrintable(opened.errorMessage()));
    QVERIFY2(opened.errorMessage().contains(QStringLiteral("damaged")), qPrintable(opened.errorMessage()));
}

void TestRepository::errorTruncatedObject()
{
    // libgit2 1.5 alone loops forever here (libgit2#7342); CheckedLooseObjects reads
    // loose objects first and reports the damage.
    TestRepo repo;
    repo.init();
    const QString head = repo.commit(QStringLiteral("c1"), { { QStringLiteral("f.txt"), "content\n" } });
    DEVDASH_VERIFY_REPO(repo);
    const QString object
        = repo.path() + QStringLiteral("/.git/objects/") + head.left(2) + QLatin1Char('/') + head.mid(2);
    QFile file(object);
    QVERIFY2(file.exists(), qPrintable(object));
    QFile::setPermissions(object, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.resize(file.size() / 2));
    file.close();
    QVERIFY(
        repo.tryGit({ QStringLiteral("cat-file"), QStringLiteral("-p"), head }) != 0); // git agrees: corrupt
    auto opened = Repository::open(repo.path());
    QVERIFY(!opened);
    QVERIFY2(opened.errorMessage().contains(repo.path()), qPrintable(opened.errorMessage()));
}

// A loose object whose compressed bytes are damaged (not truncated).
void TestRepository::errorCorruptObject()
{
    TestRepo repo;
    repo.init();
    const QString head = repo.commit(QStringLiteral("c1"), { { QStringLiteral("f.txt"), "content\n" } });
    DEVDASH_VERIFY_REPO(repo);
    const QString object
        = repo.path() + QStringLiteral("/.git/objects/") + head.left(2) + QLatin1Char('/') + head.mid(2);
    QFile::setPermissions(object, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QFile file(object);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QByteArray bytes = file.readAll();
    for (qsizetype i = 2; i < bytes.size(); ++i)
        bytes[i] = char(0xA5 ^ i);
    QVERIFY(file.seek(0));
    file.write(bytes);
    file.close();
    QVERIFY(
        repo.tryGit({ QStringLiteral("cat-file"), QStringLiteral("-p"), head }) != 0); // git agrees: corrupt
    auto opened = Repository::open(repo.path());
    QVERIFY(!opened);
    QVERIFY2(opened.errorMessage().contains(repo.path()), qPrintable(opened.errorMessage()));
}

// A file path inside a work tree: either its repository, or a clear error.
void TestRepository::fileInsideWorkTree()
{
    auto *entry = m_scenarios.get(QStringLiteral("linear"));
    DEVDASH_VERIFY_REPO(entry->repo);
    const QString file = entry->scenario.path + QStringLiteral("/file.txt");
    QVERIFY(QFile::exists(file));
    auto repo = Repository::open(file);
    if (repo)
        QCOMPARE(QFileInfo(repo->workDir()).canonicalFilePath(),
            QFileInfo(entry->scenario.path).canonicalFilePath());
    else
        QVERIFY2(repo.errorMessage().contains(file), qPrintable(repo.errorMessage()));
}

void TestRepository::decodeMessage_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("encoding");
    QTest::addColumn<QString>("expected");
    QTest::newRow("utf-8, no header")
        << QByteArray("Grüße 名前") << QByteArray() << QStringLiteral("Grüße 名前");
    QTest::newRow("utf-8, declared") << QByteArray("Grüße") << QByteArray("UTF-8") << QStringLiteral("Grüße");
    QTest::newRow("utf8, lower case") << QByteArray("Grüße") << QByteArray("utf8") << QStringLiteral("Grüße");
    QTest::newRow("latin-1") << QByteArray("Caf\xe9 cr\xe8me") << QByteArray("ISO-8859-1")
                             << QStringLiteral("Café crème");
    QTest::newRow("latin1 alias") << QByteArray("na\xefve") << QByteArray("latin1")
                                  << QStringLiteral("naïve");
    QTest::newRow("invalid utf-8") << QByteArray("bad \xff\xfe bytes") << QByteArray()
                                   << QStringLiteral("bad \uFFFD\uFFFD bytes");
    QTest::newRow("lone continuation byte")
        << QByteArray("cut \x80 here") << QByteArray() << QStringLiteral("cut \uFFFD here");
    QTest::newRow("unknown encoding falls back to utf-8")
        << QByteArray("Grüße") << QByteArray("x-no-such-charset") << QStringLiteral("Grüße");
    QTest::newRow("windows-1252 euro")
        << QByteArray("\x80 5") << QByteArray("windows-1252") << QStringLiteral("€ 5");
    QTest::newRow("empty") << QByteArray("") << QByteArray("ISO-8859-1") << QString();
}

void TestRepository::decodeMessage()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, encoding);
    QFETCH(QString, expected);
    const QString decoded
        = git::decodeMessage(bytes.constData(), encoding.isEmpty() ? nullptr : encoding.constData());
    QCOMPARE(decoded, expected);
    QVERIFY(git::decodeMessage(nullptr, "UTF-8").isNull());
}

QTEST_GUILESS_MAIN(TestRepository)
#include "tst_repository.moc"

#include "TestRepo.h"

#include "config/TrustStore.h"

#include <QCryptographicHash>

#include "TestEnvironment.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

namespace devdash::test {

struct TestRepo::Shared
{
    QTemporaryDir dir { QDir::tempPath() + QStringLiteral("/devdash-repo-XXXXXX") };
    qint64 clock = BaseTime;
    bool frozen = false;
    bool trustsConfig = true;
    QStringList errors;
};

TestRepo::TestRepo(const QString &name)
    : m_shared(std::make_shared<Shared>())
{
    // Repositories live next to the isolated HOME when the environment is set up, so
    // nothing above them is a repository either.
    m_path = m_shared->dir.path() + QLatin1Char('/') + name;
    if (!m_shared->dir.isValid())
        m_shared->errors << QStringLiteral("cannot create a temporary folder");
    // DEVDASH_TEST_KEEP_REPOS=1 leaves the repositories behind, to look at a failure.
    if (qEnvironmentVariableIntValue("DEVDASH_TEST_KEEP_REPOS")) {
        m_shared->dir.setAutoRemove(false);
        qInfo("keeping %s", qPrintable(m_path));
    }
}

TestRepo::TestRepo(std::shared_ptr<Shared> shared, const QString &path)
    : m_shared(std::move(shared))
    , m_path(path)
{
}

TestRepo::~TestRepo() = default;
TestRepo::TestRepo(TestRepo &&) noexcept = default;
TestRepo &TestRepo::operator=(TestRepo &&) noexcept = default;

TestRepo TestRepo::sibling(const QString &name) const
{
    return TestRepo(m_shared, root() + QLatin1Char('/') + name);
}

TestRepo TestRepo::at(const QString &absolutePath) const
{
    return TestRepo(m_shared, absolutePath);
}

QString TestRepo::root() const
{
    return m_shared->dir.path();
}

bool TestRepo::ok() const
{
    return m_shared->errors.isEmpty();
}

QString TestRepo::errors() const
{
    return m_shared->errors.join(QLatin1Char('\n'));
}

QProcessEnvironment TestRepo::environment(qint64 date) const
{
    QProcessEnvironment env = TestEnvironment::gitEnvironment();
    const QString when = QStringLiteral("@%1 +0000").arg(date);
    env.insert(QStringLiteral("GIT_AUTHOR_DATE"), when);
    env.insert(QStringLiteral("GIT_COMMITTER_DATE"), when);
    return env;
}

int TestRepo::run(const QStringList &args, const QByteArray &input, const QString &cwd, QByteArray *out,
    QByteArray *err, std::optional<qint64> date) const
{
    QProcess process;
    process.setProcessEnvironment(environment(date.value_or(m_shared->clock)));
    const QString dir = cwd.isEmpty() ? m_path : cwd;
    // Commands like "init" and "clone" run before the folder exists.
    process.setWorkingDirectory(QFileInfo::exists(dir) ? dir : root());
    process.start(QStringLiteral("git"), args);
    if (!process.waitForStarted(10000))
        return -1;
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return -1;
    }
    if (out)
        *out = process.readAllStandardOutput();
    if (err)
        *err = process.readAllStandardError();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

QByteArray TestRepo::gitBytes(const QStringList &args, const QByteArray &input, const QString &cwd)
{
    QByteArray out, err;
    const int rc = run(args, input, cwd, &out, &err);
    if (rc != 0) {
        m_shared->errors << QStringLiteral("git %1 (in %2) exited with %3: %4")
                                .arg(args.join(QLatin1Char(' ')), cwd.isEmpty() ? m_path : cwd)
                                .arg(rc)
                                .arg(QString::fromUtf8(err).trimmed());
    }
    return out;
}

QString TestRepo::git(const QStringList &args, const QByteArray &input)
{
    QString out = QString::fromUtf8(gitBytes(args, input));
    if (out.endsWith(QLatin1Char('\n')))
        out.chop(1);
    return out;
}

int TestRepo::tryGit(const QStringList &args, QString *out, QString *err)
{
    QByteArray o, e;
    const int rc = run(args, {}, {}, &o, &e);
    if (out)
        *out = QString::fromUtf8(o);
    if (err)
        *err = QString::fromUtf8(e);
    return rc;
}

QStringList TestRepo::gitLines(const QStringList &args)
{
    return QString::fromUtf8(gitBytes(args)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

void TestRepo::init(const QStringList &extra, const QString &branch)
{
    QStringList args { QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), branch };
    args << extra << m_path;
    gitBytes(args, {}, root());
}

void TestRepo::writeFile(const QString &relativePath, const QByteArray &content)
{
    const QString file = m_path + QLatin1Char('/') + relativePath;
    QDir().mkpath(QFileInfo(file).absolutePath());
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        m_shared->errors << QStringLiteral("cannot write %1").arg(file);
    f.close();
    // The test wrote these settings itself: as their user, it trusts them (config::TrustStore).
    if (relativePath == QLatin1String(".devdash.json") && m_shared->trustsConfig) {
        const QByteArray sha = QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex();
        if (auto trusted = config::TrustStore().decide(m_path, sha, true); !trusted)
            m_shared->errors << trusted.errorMessage();
    }
}

void TestRepo::setTrustsConfig(bool trusts)
{
    m_shared->trustsConfig = trusts;
}

QString TestRepo::commit(
    const QString &message, const QMap<QString, QByteArray> &files, std::optional<qint64> date)
{
    for (auto it = files.begin(); it != files.end(); ++it) {
        if (it.value().isNull())
            QFile::remove(m_path + QLatin1Char('/') + it.key());
        else
            writeFile(it.key(), it.value());
    }
    if (!files.isEmpty())
        git({ QStringLiteral("add"), QStringLiteral("-A") });
    const qint64 when = date ? *date : nextTime();
    QByteArray out, err;
    const int rc = run({ QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("--allow-empty"),
                           QStringLiteral("--no-verify"), QStringLiteral("-F"), QStringLiteral("-") },
        message.toUtf8(), {}, &out, &err, when);
    if (rc != 0)
        m_shared->errors << QStringLiteral("git commit '%1' failed: %2").arg(message, QString::fromUtf8(err));
    return head();
}

QString TestRepo::commitRawMessage(
    const QByteArray &message, const QString &encoding, std::optional<qint64> date)
{
    const qint64 when = date ? *date : nextTime();
    QByteArray out, err;
    const int rc = run({ QStringLiteral("-c"), QStringLiteral("i18n.commitEncoding=") + encoding,
                           QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("--allow-empty"),
                           QStringLiteral("--cleanup=verbatim"), QStringLiteral("-F"), QStringLiteral("-") },
        message, {}, &out, &err, when);
    if (rc != 0)
        m_shared->errors
            << QStringLiteral("git commit (%1) failed: %2").arg(encoding, QString::fromUtf8(err));
    return head();
}

QString TestRepo::writeCommitObject(const QByteArray &object)
{
    QString id = QString::fromUtf8(
        gitBytes({ QStringLiteral("hash-object"), QStringLiteral("-t"), QStringLiteral("commit"),
                     QStringLiteral("-w"), QStringLiteral("--stdin") },
            object))
                     .trimmed();
    return id;
}

void TestRepo::branch(const QString &name, const QString &startPoint)
{
    git({ QStringLiteral("branch"), name, startPoint });
}

void TestRepo::checkout(const QString &name)
{
    git({ QStringLiteral("checkout"), QStringLiteral("-q"), name });
}

void TestRepo::checkoutNew(const QString &name, const QString &startPoint)
{
    git({ QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-b"), name, startPoint });
}

QString TestRepo::merge(const QStringList &branches, const QString &message, std::optional<qint64> date)
{
    const qint64 when = date ? *date : nextTime();
    QStringList args { QStringLiteral("merge"), QStringLiteral("-q"), QStringLiteral("--no-ff"),
        QStringLiteral("--no-edit") };
    if (!message.isEmpty())
        args << QStringLiteral("-m") << message;
    args << branches;
    QByteArray out, err;
    if (int rc = run(args, {}, {}, &out, &err, when); rc != 0)
        m_shared->errors << QStringLiteral("git merge %1 failed: %2 %3")
                                .arg(branches.join(QLatin1Char(' ')), QString::fromUtf8(out),
                                    QString::fromUtf8(err));
    return head();
}

void TestRepo::lightweightTag(const QString &name, const QString &target)
{
    git({ QStringLiteral("tag"), name, target });
}

void TestRepo::annotatedTag(const QString &name, const QString &target, const QString &message)
{
    QByteArray out, err;
    if (int rc
        = run({ QStringLiteral("tag"), QStringLiteral("-a"), QStringLiteral("-m"), message, name, target },
            {}, {}, &out, &err, nextTime());
        rc != 0)
        m_shared->errors << QStringLiteral("git tag %1 failed: %2").arg(name, QString::fromUtf8(err));
}

QString TestRepo::revParse(const QString &revision)
{
    return git({ QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("-q"), revision });
}

qint64 TestRepo::now() const
{
    return m_shared->clock;
}

qint64 TestRepo::nextTime()
{
    if (!m_shared->frozen)
        m_shared->clock += Tick;
    return m_shared->clock;
}

void TestRepo::setTime(qint64 seconds)
{
    m_shared->clock = seconds;
}

void TestRepo::freezeClock(bool frozen)
{
    m_shared->frozen = frozen;
}

} // namespace devdash::test

#pragma once

// A real git repository in a temporary folder, built by running the git CLI with
// a fixed identity and fixed dates, so that commit ids are reproducible and git
// itself can serve as the oracle.

#include <QByteArray>
#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QTemporaryDir;

namespace devdash::test {

class TestRepo
{
public:
    static constexpr qint64 BaseTime = 1700000000; // 2023-11-14T22:13:20Z
    static constexpr qint64 Tick = 60;

    // A fresh temporary folder; `name` is the repository's folder inside it. Nothing
    // is created on disk until init() (or a git command) runs.
    explicit TestRepo(const QString &name = QStringLiteral("repo"));
    ~TestRepo();
    TestRepo(TestRepo &&) noexcept;
    TestRepo &operator=(TestRepo &&) noexcept;

    // Another repository folder in the same temporary folder, sharing the clock and
    // the error log (clones, bare upstreams, worktrees, submodules).
    TestRepo sibling(const QString &name) const;
    // The same, for any folder (e.g. a subfolder of the work tree).
    TestRepo at(const QString &absolutePath) const;

    QString root() const;
    QString path() const { return m_path; }
    // False once any git command failed; errors() says which.
    bool ok() const;
    QString errors() const;

    // Runs git in path() (or `cwd`); records a failure when it exits non-zero.
    QString git(const QStringList &args, const QByteArray &input = {});
    QByteArray gitBytes(const QStringList &args, const QByteArray &input = {}, const QString &cwd = {});
    // Runs git expecting it may fail: no error recorded. Returns the exit code.
    int tryGit(const QStringList &args, QString *out = nullptr, QString *err = nullptr);
    // Non-empty lines of git's output.
    QStringList gitLines(const QStringList &args);

    // git init -b <branch> (extra arguments: --bare ...).
    void init(const QStringList &extra = {}, const QString &branch = QStringLiteral("main"));
    // Writes the files (a null QByteArray deletes one), stages everything and commits
    // (empty commits allowed). Author and committer date: `date`, else the next tick.
    QString commit(
        const QString &message, const QMap<QString, QByteArray> &files = {}, std::optional<qint64> date = {});
    // Writing `.devdash.json` also trusts that content (the test is the user who wrote it),
    // unless setTrustsConfig(false) — the credential trap plays a stranger's repository.
    void writeFile(const QString &relativePath, const QByteArray &content);
    void setTrustsConfig(bool trusts);
    void branch(const QString &name, const QString &startPoint = QStringLiteral("HEAD"));
    void checkout(const QString &name);
    // git switch -c name startPoint
    void checkoutNew(const QString &name, const QString &startPoint = QStringLiteral("HEAD"));
    // A merge commit of HEAD with `branches` (--no-ff; octopus with several).
    QString merge(const QStringList &branches, const QString &message = {}, std::optional<qint64> date = {});
    void lightweightTag(const QString &name, const QString &target = QStringLiteral("HEAD"));
    void annotatedTag(const QString &name, const QString &target = QStringLiteral("HEAD"),
        const QString &message = QStringLiteral("tag"));
    QString revParse(const QString &revision);
    QString head() { return revParse(QStringLiteral("HEAD")); }

    // The clock used for commit dates. Frozen: every commit gets the same time.
    qint64 now() const;
    qint64 nextTime();
    void setTime(qint64 seconds);
    void freezeClock(bool frozen);

    // A commit whose message bytes are recorded as they are, declared in `encoding`
    // (git -c i18n.commitEncoding=<encoding> commit).
    QString commitRawMessage(
        const QByteArray &message, const QString &encoding, std::optional<qint64> date = {});
    // Writes a hand-made commit object (any bytes, e.g. a Latin-1 author name) and
    // returns its id.
    QString writeCommitObject(const QByteArray &object);

private:
    struct Shared;
    TestRepo(std::shared_ptr<Shared> shared, const QString &path);
    QProcessEnvironment environment(qint64 date) const;
    int run(const QStringList &args, const QByteArray &input, const QString &cwd, QByteArray *out,
        QByteArray *err, std::optional<qint64> date = {}) const;

    std::shared_ptr<Shared> m_shared;
    QString m_path;
};

} // namespace devdash::test

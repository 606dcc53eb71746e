#pragma once

// Tells when a repository's refs or HEAD change on disk (a commit, fetch or checkout
// in a terminal). Watches the git dir and the ref folders, debounces bursts, and
// compares a cheap fingerprint (HEAD + packed-refs + loose refs' times) so that
// touching unrelated files does not trigger reloads.

#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

namespace devdash::git {

class RepositoryWatcher final : public QObject
{
    Q_OBJECT
public:
    explicit RepositoryWatcher(QObject *parent = nullptr);

    // gitDir: the repository's git dir; commonDir: where refs live (differs for worktrees).
    void watch(const QString &gitDir, const QString &commonDir);
    void stop();
    static QByteArray fingerprint(const QString &gitDir, const QString &commonDir);

Q_SIGNALS:
    void refsChanged();

private:
    void scheduleCheck();
    void check();
    void addRefFolders();

    QFileSystemWatcher m_watcher;
    QTimer m_debounce;
    QTimer m_poll; // some file systems (network, containers) send no events
    QString m_gitDir, m_commonDir;
    QByteArray m_fingerprint;
};

} // namespace devdash::git

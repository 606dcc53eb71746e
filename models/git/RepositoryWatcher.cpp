#include "RepositoryWatcher.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

namespace devdash::git {

RepositoryWatcher::RepositoryWatcher(QObject *parent)
    : QObject(parent)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300); // git writes several files per operation
    connect(&m_debounce, &QTimer::timeout, this, &RepositoryWatcher::check);
    m_poll.setInterval(5000);
    connect(&m_poll, &QTimer::timeout, this, &RepositoryWatcher::check);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &RepositoryWatcher::scheduleCheck);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &RepositoryWatcher::scheduleCheck);
}

void RepositoryWatcher::watch(const QString &gitDir, const QString &commonDir)
{
    stop();
    m_gitDir = gitDir;
    m_commonDir = commonDir;
    m_fingerprint = fingerprint(gitDir, commonDir);
    addRefFolders();
    m_poll.start();
}

void RepositoryWatcher::stop()
{
    m_poll.stop();
    m_debounce.stop();
    if (!m_watcher.files().isEmpty())
        m_watcher.removePaths(m_watcher.files());
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
}

void RepositoryWatcher::addRefFolders()
{
    QStringList paths { m_gitDir, m_commonDir };
    const QString refs = m_commonDir + QStringLiteral("/refs");
    paths << refs;
    QDirIterator it(refs, QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext())
        paths << it.next();
    paths.removeDuplicates();
    QStringList missing;
    const QStringList watched = m_watcher.directories();
    for (const QString &p : std::as_const(paths))
        if (!watched.contains(p) && QFileInfo(p).isDir())
            missing << p;
    if (!missing.isEmpty())
        m_watcher.addPaths(missing);
}

void RepositoryWatcher::scheduleCheck()
{
    m_debounce.start();
}

void RepositoryWatcher::check()
{
    if (m_gitDir.isEmpty())
        return;
    addRefFolders(); // new branch folders (feature/...) appear over time
    const QByteArray now = fingerprint(m_gitDir, m_commonDir);
    if (now == m_fingerprint)
        return;
    m_fingerprint = now;
    Q_EMIT refsChanged();
}

QByteArray RepositoryWatcher::fingerprint(const QString &gitDir, const QString &commonDir)
{
    // Contents of HEAD and packed-refs, plus every loose ref's content: a few
    // hundred small reads, done on a 300 ms debounce or a 5 s poll.
    QCryptographicHash hash(QCryptographicHash::Sha1);
    auto addFile = [&](const QString &path) {
        QFile f(path);
        hash.addData(path.toUtf8());
        if (f.open(QIODevice::ReadOnly))
            hash.addData(f.read(1 << 20));
    };
    addFile(gitDir + QStringLiteral("/HEAD"));
    addFile(commonDir + QStringLiteral("/packed-refs"));
    QDirIterator it(commonDir + QStringLiteral("/refs"), QDir::Files, QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext())
        files << it.next();
    files.sort();
    for (const QString &f : std::as_const(files))
        addFile(f);
    return hash.result();
}

} // namespace devdash::git

#include "ReportWatchWorker.h"

#include "ReportParser.h"
#include "RunImport.h"
#include "TestRunStore.h"
#include "store/Database.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QSet>
#include <QTimer>

namespace devdash::testresults {

namespace {

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file); // streams: reports can be hundreds of MB
    return hash.result();
}

} // namespace

ReportWatchWorker::ReportWatchWorker(const QString &repoPath, const QStringList &globs,
    const store::StoreLocation &store, const ReportWatcher::Options &options)
    : m_repoPath(repoPath)
    , m_location(store)
    , m_options(options)
{
    for (const QString &glob : globs)
        m_globs.append(ReportGlob(glob, repoPath));
}

ReportWatchWorker::~ReportWatchWorker() = default;

void ReportWatchWorker::start()
{
    if (m_poll)
        return;
    m_clock.start();
    m_watcher = new QFileSystemWatcher(this);
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(m_options.debounceMs);
    m_poll = new QTimer(this);
    m_poll->setInterval(m_options.pollMs);
    connect(m_debounce, &QTimer::timeout, this, &ReportWatchWorker::scan);
    connect(m_poll, &QTimer::timeout, this, &ReportWatchWorker::scan);
    auto changed = [this]() { m_debounce->start(); };
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, changed);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, changed);
    m_poll->start();
    scan();
}

void ReportWatchWorker::stop()
{
    delete m_watcher;
    delete m_debounce;
    delete m_poll;
    m_watcher = nullptr;
    m_debounce = nullptr;
    m_poll = nullptr;
    m_db.reset(); // the connection is closed on the thread that opened it
}

void ReportWatchWorker::watchFolders()
{
    // The globs' fixed folders and their subfolders; a folder that does not exist
    // yet (no build so far) is watched through its nearest existing parent.
    QSet<QString> wanted;
    for (const ReportGlob &glob : std::as_const(m_globs)) {
        QString root = glob.root();
        while (!QFileInfo(root).isDir() && root.size() > m_repoPath.size())
            root = QFileInfo(root).absolutePath();
        wanted.insert(root);
        if (!glob.recursive() || root != glob.root())
            continue;
        QDirIterator it(root, QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext() && wanted.size() < m_options.maxWatchedFolders)
            wanted.insert(it.next());
    }
    const QStringList watched = m_watcher->directories();
    QStringList add;
    for (const QString &dir : std::as_const(wanted))
        if (!watched.contains(dir))
            add << dir;
    QStringList remove;
    for (const QString &dir : watched)
        if (!wanted.contains(dir))
            remove << dir;
    if (!remove.isEmpty())
        m_watcher->removePaths(remove);
    if (!add.isEmpty())
        m_watcher->addPaths(add);
}

void ReportWatchWorker::scan()
{
    if (!m_poll)
        return; // stopped
    watchFolders();
    const qint64 now = m_clock.elapsed();

    QStringList present;
    for (const ReportGlob &glob : std::as_const(m_globs))
        for (const QString &file : glob.expand())
            if (QFileInfo(file).isFile())
                present << file;
    present.removeDuplicates();

    // Files that went away are forgotten: if they come back, they are new.
    const QSet<QString> presentSet(present.cbegin(), present.cend());
    for (auto it = m_seen.begin(); it != m_seen.end();)
        it = presentSet.contains(it.key()) ? std::next(it) : m_seen.erase(it);
    for (auto it = m_pending.begin(); it != m_pending.end();)
        it = presentSet.contains(it.key()) ? std::next(it) : m_pending.erase(it);

    QStringList ready;
    bool waiting = false;
    for (const QString &file : std::as_const(present)) {
        const QFileInfo info(file);
        const qint64 size = info.size();
        const QDateTime modified = info.lastModified();
        if (size == 0)
            continue; // just created: its content is still to come
        const auto seen = m_seen.constFind(file);
        if (seen != m_seen.cend() && seen->size == size && seen->modified == modified)
            continue;
        if (m_firstScan && !m_options.importExisting) {
            m_seen.insert(file, Seen { size, modified, fileHash(file) });
            continue;
        }
        auto pending = m_pending.find(file);
        if (pending == m_pending.end() || pending->size != size || pending->modified != modified) {
            // New, or still being written: look again once it has had time to settle.
            m_pending.insert(file, Pending { size, modified, now });
            waiting = true;
        } else if (now - pending->since >= m_options.settleMs) {
            ready << file;
        } else {
            waiting = true;
        }
    }
    m_firstScan = false;

    if (!ready.isEmpty() || waiting) {
        if (m_batchStarted < 0)
            m_batchStarted = now;
    }
    // One build writes many reports: the batch waits for all of them, up to maxWaitMs.
    const bool batchTimedOut = m_batchStarted >= 0 && now - m_batchStarted >= m_options.maxWaitMs;
    if (!ready.isEmpty() && (!waiting || batchTimedOut)) {
        importBatch(ready);
        m_batchStarted = waiting ? now : -1;
    } else if (ready.isEmpty() && !waiting) {
        m_batchStarted = -1;
    }
    if (waiting && m_debounce)
        m_debounce->start(std::max(m_options.debounceMs, m_options.settleMs));
    Q_EMIT scanned();
}

bool ReportWatchWorker::ensureStore()
{
    if (m_db)
        return true;
    // open(), not connect(): the store may be new (first import into a fresh file).
    auto db = store::Database::open(m_location);
    if (!db) {
        Q_EMIT failed(db.errorMessage());
        return false;
    }
    m_db = std::make_unique<store::Database>(std::move(db).value());
    return true;
}

void ReportWatchWorker::importBatch(const QStringList &files)
{
    QList<TestReport> reports;
    QStringList read;
    for (const QString &file : files) {
        const QFileInfo before(file);
        Seen state { before.size(), before.lastModified(), fileHash(file) };
        m_pending.remove(file);
        const auto seen = m_seen.constFind(file);
        if (seen != m_seen.cend() && seen->hash == state.hash) {
            m_seen.insert(file, state); // touched, not changed
            continue;
        }
        auto report = ReportParser::parseFile(file);
        const QFileInfo after(file);
        if (after.size() != state.size || after.lastModified() != state.modified) {
            // Written to while it was read: look again when it settles.
            m_pending.insert(file, Pending { after.size(), after.lastModified(), m_clock.elapsed() });
            continue;
        }
        // A refused report is not retried until it changes; it never holds up the others.
        m_seen.insert(file, state);
        if (!report) {
            Q_EMIT failed(report.errorMessage());
            continue;
        }
        reports.append(std::move(report).value());
        read << file;
    }
    if (reports.isEmpty())
        return;

    ImportRequest request;
    request.repository = m_repoPath;
    request.source = m_options.source;
    auto info = RunImport::runInfo(request);
    if (!info) {
        Q_EMIT failed(info.errorMessage());
        return;
    }
    if (!ensureStore())
        return;
    auto run = TestRunStore(*m_db).importRun(*info, reports);
    if (!run) {
        // Not marked as seen: a store that was busy or down gets the batch again.
        for (const QString &file : std::as_const(read))
            m_seen.remove(file);
        Q_EMIT failed(run.errorMessage());
        return;
    }
    if (run->created)
        Q_EMIT imported(run->run);
}

} // namespace devdash::testresults

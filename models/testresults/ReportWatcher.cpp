#include "ReportWatcher.h"

#include "ReportWatchWorker.h"
#include "config/ProjectConfig.h"
#include "git/Repository.h"
#include "store/Database.h"

namespace devdash::testresults {

ReportWatcher::ReportWatcher(const QString &repoPath, const QStringList &globs, const store::Database &db,
    const Options &options, QObject *parent)
    : ReportWatcher(repoPath, globs, db.location(), options, parent)
{
}

ReportWatcher::ReportWatcher(const QString &repoPath, const QStringList &globs,
    const store::StoreLocation &location, const Options &options, QObject *parent)
    : QObject(parent)
    , m_globs(globs)
{
    m_thread.setObjectName(QStringLiteral("ReportWatcher"));
    // Only the location is handed over: the worker opens its own connection on its
    // thread, as Database::cloneForThread() does.
    m_worker = new ReportWatchWorker(repoPath, globs, location, options);
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &ReportWatchWorker::imported, this, &ReportWatcher::imported);
    connect(m_worker, &ReportWatchWorker::failed, this, &ReportWatcher::failed);
    connect(m_worker, &ReportWatchWorker::scanned, this, &ReportWatcher::scanned);
    m_thread.start();
}

ReportWatcher::ReportWatcher(
    const QString &repoPath, const QStringList &globs, const store::Database &db, QObject *parent)
    : ReportWatcher(repoPath, globs, db, Options(), parent)
{
}

ReportWatcher::~ReportWatcher()
{
    // The worker's timers, watcher and connection belong to its thread: they are
    // closed there, then the thread ends, then the (now idle) worker is deleted.
    QMetaObject::invokeMethod(m_worker, &ReportWatchWorker::stop, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

Result<std::unique_ptr<ReportWatcher>> ReportWatcher::forRepository(
    const QString &repoPath, const store::Database &db, const Options &options)
{
    auto repository = git::Repository::open(repoPath);
    if (!repository)
        return repository.error();
    const QString root = repository->workDir();
    if (root.isEmpty())
        return std::unique_ptr<ReportWatcher>(); // bare: no work tree, no reports
    auto config = config::ProjectConfig::load(root);
    if (!config)
        return config.error();
    if (config->testReportGlobs().isEmpty())
        return std::unique_ptr<ReportWatcher>();
    return std::make_unique<ReportWatcher>(root, config->testReportGlobs(), db, options);
}

void ReportWatcher::start()
{
    QMetaObject::invokeMethod(m_worker, &ReportWatchWorker::start, Qt::QueuedConnection);
}

void ReportWatcher::stop()
{
    QMetaObject::invokeMethod(m_worker, &ReportWatchWorker::stop, Qt::QueuedConnection);
}

void ReportWatcher::scanNow()
{
    QMetaObject::invokeMethod(m_worker, &ReportWatchWorker::scan, Qt::QueuedConnection);
}

} // namespace devdash::testresults

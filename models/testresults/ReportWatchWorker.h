#pragma once

// ReportWatcher's half that lives on its thread: the file system watcher, the
// timers, the bookkeeping of what was imported, the store connection.

#include "ReportGlob.h"
#include "ReportWatcher.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>

#include <optional>

class QFileSystemWatcher;
class QTimer;

namespace devdash::store {
class Database;
}

namespace devdash::testresults {

class ReportWatchWorker final : public QObject
{
    Q_OBJECT
public:
    ReportWatchWorker(const QString &repoPath, const QStringList &globs, const store::StoreLocation &store,
        const ReportWatcher::Options &options);
    ~ReportWatchWorker() override;

    // Slots called through the event queue, on the worker's thread.
    Q_INVOKABLE void start();
    Q_INVOKABLE void stop();
    Q_INVOKABLE void scan();

Q_SIGNALS:
    void imported(const devdash::testresults::RunSummary &run);
    void failed(const QString &message);
    void scanned();

private:
    struct Seen
    {
        qint64 size = -1;
        QDateTime modified;
        QByteArray hash; // of the content last imported (or refused)
    };
    struct Pending
    {
        qint64 size = -1;
        QDateTime modified;
        qint64 since = 0; // m_clock time this size and time were first seen
    };

    void watchFolders();
    void importBatch(const QStringList &files);
    bool ensureStore();

    QString m_repoPath;
    QList<ReportGlob> m_globs;
    store::StoreLocation m_location;
    ReportWatcher::Options m_options;

    QFileSystemWatcher *m_watcher = nullptr;
    QTimer *m_debounce = nullptr;
    QTimer *m_poll = nullptr;
    std::unique_ptr<store::Database> m_db;
    QElapsedTimer m_clock;
    QHash<QString, Seen> m_seen; // imported or refused: not looked at again until it changes
    QHash<QString, Pending> m_pending; // new or changed, waiting to stop changing
    qint64 m_batchStarted = -1;
    bool m_firstScan = true;
};

} // namespace devdash::testresults

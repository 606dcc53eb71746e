#pragma once

// Imports a repository's test reports as they appear: watches the folders of the
// report globs (`.devdash.json` "tests.reports"), and when reports are new or
// changed — by size, modification time and content hash — and have stopped
// growing, imports them as one run per batch for the repository's HEAD. All
// file and store work runs on a thread of its own with its own store connection;
// the results come back as signals on the thread that made the watcher.
//
//   auto watcher = ReportWatcher::forRepository(repoPath, db);   // null: no globs configured
//   connect(watcher.get(), &ReportWatcher::imported, page, &TestsPage::addRun);
//   watcher->start();

#include "TestRun.h"
#include "common/Result.h"
#include "store/StoreLocation.h"

#include <QObject>
#include <QStringList>
#include <QThread>

#include <memory>

namespace devdash::store {
class Database;
}

namespace devdash::testresults {

class ReportWatchWorker;

struct ReportWatchOptions
{
    int debounceMs = 750; // quiet time after a change event before looking
    int pollMs = 5000; // also look this often: network file systems send no events
    int settleMs = 1000; // a file must keep its size and time this long to count as written
    int maxWaitMs = 120000; // a batch waits this long at most for files still being written
    int maxWatchedFolders = 2000; // beyond this, new subfolders are found by polling only
    bool importExisting = true; // import the reports already there when started
    QString source = QStringLiteral("watch");
};

class ReportWatcher final : public QObject
{
    Q_OBJECT
public:
    using Options = ReportWatchOptions;

    // `globs` relative to `repoPath`'s root. The store is reached with a connection
    // of the watcher's own, made on its thread like Database::cloneForThread().
    ReportWatcher(const QString &repoPath, const QStringList &globs, const store::Database &db,
        const Options &options, QObject *parent = nullptr);
    ReportWatcher(const QString &repoPath, const QStringList &globs, const store::Database &db,
        QObject *parent = nullptr);
    // The same with only the store's location (the window never opens the store on
    // its own thread).
    ReportWatcher(const QString &repoPath, const QStringList &globs, const store::StoreLocation &location,
        const Options &options, QObject *parent = nullptr);
    ~ReportWatcher() override; // stops the thread; an import under way finishes first

    // A watcher for the globs of the repository's `.devdash.json`; null when it
    // lists none. A malformed file is an error (file:line:col).
    static Result<std::unique_ptr<ReportWatcher>> forRepository(
        const QString &repoPath, const store::Database &db, const Options &options = Options());

    QStringList globs() const { return m_globs; }
    void start();
    void stop();
    // Looks at once (e.g. after a local pipeline finished).
    void scanNow();

Q_SIGNALS:
    // A new run was stored (a batch whose content was imported before gives none).
    void imported(const devdash::testresults::RunSummary &run);
    // A report could not be read or stored: one line, naming the file:line:col.
    void failed(const QString &message);
    // A look at the files finished (whether or not it imported anything).
    void scanned();

private:
    QStringList m_globs;
    QThread m_thread;
    ReportWatchWorker *m_worker = nullptr;
};

} // namespace devdash::testresults

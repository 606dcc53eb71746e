#pragma once

// The repository the window shows and the services its pages share: the job
// tracker, one BranchModel (the Branches page, the scope and compare pickers all
// read it) and the watcher that says when refs change on disk.

#include "git/RefInfo.h"
#include "git/Repository.h"

#include <QHash>
#include <QObject>
#include <QStringList>

namespace devdash {
class JobTracker;
namespace git {
class BranchModel;
class RepositoryWatcher;
} // namespace git
} // namespace devdash

namespace devdash::ui {

struct RepositoryInfo
{
    QString path; // as the user gave it
    QString workDir, gitDir, commonDir;
    QString displayName;
    QString currentBranch; // empty when detached or unborn
    git::Repository::DefaultBranch defaultBranch;
    bool empty = false;
    bool headDetached = false;
    bool headUnborn = false;
    bool bare = false;
};

class Workspace final : public QObject
{
    Q_OBJECT
public:
    explicit Workspace(QObject *parent = nullptr);
    ~Workspace() override;

    JobTracker *jobs() const { return m_jobs; }
    git::BranchModel *branches() const { return m_branches; }

    // Opens on a worker; emits opened(), or failed() with the repository open so far
    // still open.
    void open(const QString &path);
    void close();
    bool isOpen() const { return !m_info.path.isEmpty(); }
    QString path() const { return m_info.path; }
    const RepositoryInfo &info() const { return m_info; }
    // Re-reads HEAD and the default branch (after a checkout), then emits infoChanged().
    void refreshInfo();

    // Every ref by short name for pickers: local branches, remote branches, tags.
    QStringList refNames() const;
    // Kind of a short ref name as it appears in the history's ref labels.
    std::optional<git::RefKind> kindOf(const QString &shortName) const;
    // The newest branch that is not `excluding` (for a meaningful default comparison).
    QString mostRecentOtherBranch(const QString &excluding) const;
    // The ref to compare against: the default branch, else the current branch.
    QString baseRef() const;

Q_SIGNALS:
    void opened();
    void failed(const QString &path, const QString &message);
    void infoChanged();
    void refsChangedOnDisk();
    void refsLoaded();

private:
    void startOpen(const QString &path, bool isRefresh);
    void indexRefs();

    JobTracker *m_jobs;
    git::BranchModel *m_branches;
    git::RepositoryWatcher *m_watcher;
    RepositoryInfo m_info;
    quint64 m_generation = 0; // of opens
    quint64 m_refreshGeneration = 0;
    QHash<QString, git::RefKind> m_kinds;
};

} // namespace devdash::ui

Q_DECLARE_METATYPE(devdash::ui::RepositoryInfo)

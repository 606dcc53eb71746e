#include "Workspace.h"

#include "BackgroundJob.h"

#include "git/BranchModel.h"
#include "git/HistorySession.h"
#include "git/RepositoryWatcher.h"

#include <algorithm>

namespace devdash::ui {

namespace {
Result<RepositoryInfo> readInfo(const QString &path)
{
    auto repo = git::Repository::open(path);
    if (!repo)
        return repo.error();
    RepositoryInfo info;
    info.path = path;
    info.workDir = repo->workDir();
    info.gitDir = repo->gitDir();
    info.commonDir = repo->commonDir();
    info.displayName = repo->displayName();
    info.currentBranch = repo->currentBranch();
    info.defaultBranch = repo->defaultBranch();
    // libgit2 calls a repository empty only when its unborn HEAD names the configured
    // default branch; any unborn HEAD without refs has no commits to show.
    info.empty = repo->isEmpty() || (repo->isHeadUnborn() && git::listRefTips(*repo).empty());
    info.headUnborn = repo->isHeadUnborn();
    info.headDetached = repo->isHeadDetached();
    info.bare = repo->isBare();
    return info;
}
} // namespace

Workspace::Workspace(QObject *parent)
    : QObject(parent)
    , m_jobs(new JobTracker(this))
    , m_branches(new git::BranchModel(this))
    , m_watcher(new git::RepositoryWatcher(this))
{
    m_branches->setJobTracker(m_jobs);
    connect(m_branches, &git::BranchModel::loaded, this, [this] {
        indexRefs();
        Q_EMIT refsLoaded();
    });
    connect(m_watcher, &git::RepositoryWatcher::refsChanged, this, [this] {
        if (!isOpen())
            return;
        refreshInfo();
        m_branches->reload();
        Q_EMIT refsChangedOnDisk();
    });
}

Workspace::~Workspace() = default;

void Workspace::open(const QString &path)
{
    startOpen(path, false);
}

void Workspace::refreshInfo()
{
    if (isOpen())
        startOpen(m_info.path, true);
}

void Workspace::startOpen(const QString &path, bool isRefresh)
{
    // An open replaces every earlier open and refresh; a refresh only the earlier
    // refreshes (re-reading HEAD must not drop an open under way).
    const quint64 generation = isRefresh ? m_generation : ++m_generation;
    const quint64 refreshGeneration = ++m_refreshGeneration;
    const QString title = isRefresh ? tr("Reading HEAD") : tr("Opening %1").arg(path);
    runJob(
        m_jobs, title, this, [path](const JobContext &) { return readInfo(path); },
        [this, generation, refreshGeneration, isRefresh, path](Result<RepositoryInfo> result) {
            if (generation != m_generation || (isRefresh && refreshGeneration != m_refreshGeneration))
                return; // another repository was opened meanwhile
            if (!isRefresh)
                ++m_refreshGeneration; // a re-read of the previous repository still running is stale
            if (!result) {
                // The repository open so far stays open: a folder that is not a
                // repository replaces nothing.
                if (!isRefresh)
                    Q_EMIT failed(path, result.errorMessage());
                return;
            }
            // An empty repository that got its first commit (or one whose branches were all
            // deleted) is opened anew: the pages go from the "no commits yet" panel to content.
            const bool sameRepo
                = isRefresh && result->gitDir == m_info.gitDir && result->empty == m_info.empty;
            m_info = result.value();
            if (sameRepo) {
                Q_EMIT infoChanged();
                return;
            }
            m_watcher->watch(m_info.gitDir, m_info.commonDir);
            m_kinds.clear();
            // Pages take the repository first: a fast listing may report
            // synchronously (a QFuture that is already finished runs its
            // continuation at once).
            Q_EMIT opened();
            if (!m_info.empty)
                m_branches->load(path);
        });
}

void Workspace::close()
{
    ++m_generation;
    m_watcher->stop();
    m_info = {};
    m_kinds.clear();
    m_branches->setListing({});
}

void Workspace::indexRefs()
{
    m_kinds.clear();
    for (const git::RefInfo &ref : m_branches->listing().refs)
        m_kinds.insert(ref.name, ref.kind);
}

QStringList Workspace::refNames() const
{
    QStringList locals, remotes, tags;
    for (const git::RefInfo &ref : m_branches->listing().refs) {
        switch (ref.kind) {
        case git::RefKind::Local:
            locals << ref.name;
            break;
        case git::RefKind::Remote:
            remotes << ref.name;
            break;
        case git::RefKind::Tag:
            tags << ref.name;
            break;
        case git::RefKind::DetachedHead:
            break;
        }
    }
    return locals + remotes + tags;
}

std::optional<git::RefKind> Workspace::kindOf(const QString &shortName) const
{
    auto it = m_kinds.constFind(shortName);
    if (it == m_kinds.constEnd())
        return std::nullopt;
    return *it;
}

QString Workspace::mostRecentOtherBranch(const QString &excluding) const
{
    const git::RefInfo *best = nullptr;
    for (const git::RefInfo &ref : m_branches->listing().refs) {
        if (ref.kind != git::RefKind::Local && ref.kind != git::RefKind::Remote)
            continue;
        if (ref.name == excluding || ref.fullName == excluding || ref.name.endsWith(QLatin1String("/HEAD")))
            continue;
        // The remote twin of the excluded branch brings nothing to compare.
        if (ref.kind == git::RefKind::Remote && ref.name.section(QLatin1Char('/'), 1) == excluding)
            continue;
        if (!best || ref.committedAt > best->committedAt
            || (ref.committedAt == best->committedAt && ref.kind == git::RefKind::Local
                && best->kind != ref.kind))
            best = &ref;
    }
    return best ? best->name : QString();
}

QString Workspace::baseRef() const
{
    if (!m_info.defaultBranch.shortName.isEmpty())
        return m_info.defaultBranch.shortName;
    if (!m_info.currentBranch.isEmpty())
        return m_info.currentBranch;
    return QStringLiteral("HEAD");
}

} // namespace devdash::ui

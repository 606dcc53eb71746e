#include "BranchModel.h"

#include "common/CompactNumber.h"
#include "common/DisplayTime.h"
#include "common/VersionOrder.h"

#include "common/JobTracker.h"

#include "common/Background.h"
#include <QFileInfo>

namespace devdash::git {

// Internal ids: 0 for a top-level item; group row + 1 for a child of that group.
BranchModel::BranchModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void BranchModel::load(const QString &repoPath)
{
    const bool samePath = repoPath == m_path;
    m_path = repoPath;
    if (!samePath)
        setListing({});
    const quint64 generation = ++m_generation;
    m_loading = true;
    CancelToken cancel;
    int job = m_tracker
        ? m_tracker->start(tr("Reading branches of %1").arg(QFileInfo(repoPath).fileName()), cancel)
        : 0;
    QPointer<JobTracker> tracker = m_tracker;
    QPointer<BranchModel> self(this);
    // The tracker is the context when there is one: the job must end even if we don't.
    QObject *context = m_tracker ? static_cast<QObject *>(m_tracker.data()) : this;
    runInBackground(
        context, [repoPath, cancel]() { return RefLister::list(repoPath, cancel); },
        [self, generation, job, tracker](Result<RefListing> result) {
            if (tracker && job)
                tracker->finish(job);
            if (!self || generation != self->m_generation)
                return;
            self->m_loading = false;
            if (!result) {
                Q_EMIT self->failed(result.errorMessage());
                return;
            }
            self->setListing(result.value());
            Q_EMIT self->loaded();
        });
}

QString BranchModel::groupOf(const RefInfo &ref)
{
    switch (ref.kind) {
    case RefKind::Tag:
        return tr("Tags");
    case RefKind::Remote:
        return ref.name.section(QLatin1Char('/'), 0, 0);
    case RefKind::DetachedHead:
        return tr("Local");
    case RefKind::Local:
        break;
    }
    const int slash = ref.name.indexOf(QLatin1Char('/'));
    return slash > 0 ? ref.name.left(slash + 1) : tr("Local");
}

void BranchModel::setListing(const RefListing &listing)
{
    // Same refs in the same order: update values in place (selection and scroll stay).
    bool sameShape = listing.refs.size() == m_listing.refs.size() && !m_listing.refs.isEmpty();
    for (qsizetype i = 0; sameShape && i < listing.refs.size(); ++i)
        sameShape = listing.refs[i].fullName == m_listing.refs[i].fullName;
    if (sameShape) {
        m_listing = listing;
        if (m_grouping == Grouping::None) {
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        } else {
            for (int g = 0; g < m_groups.size(); ++g) {
                const QModelIndex parent = index(g, 0);
                Q_EMIT dataChanged(index(0, 0, parent), index(rowCount(parent) - 1, ColumnCount - 1, parent));
            }
        }
        return;
    }
    beginResetModel();
    m_listing = listing;
    rebuild();
    endResetModel();
}

void BranchModel::setGrouping(Grouping grouping)
{
    if (grouping == m_grouping)
        return;
    beginResetModel();
    m_grouping = grouping;
    rebuild();
    endResetModel();
}

void BranchModel::setStaleDays(int days)
{
    m_staleDays = days;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    for (int g = 0; m_grouping == Grouping::Prefix && g < m_groups.size(); ++g) {
        const QModelIndex parent = index(g, 0);
        if (rowCount(parent) > 0)
            Q_EMIT dataChanged(index(0, 0, parent), index(rowCount(parent) - 1, ColumnCount - 1, parent));
    }
}

void BranchModel::setNow(const QDateTime &now)
{
    m_now = now;
}

void BranchModel::rebuild()
{
    m_groups.clear();
    if (m_grouping == Grouping::None)
        return;
    // Local groups first (plain names, then prefixes), then remotes, then tags.
    auto rank = [](const RefInfo &r) {
        return r.kind == RefKind::Tag ? 3 : r.kind == RefKind::Remote ? 2 : 1;
    };
    QList<std::pair<int, QString>> order;
    for (int i = 0; i < m_listing.refs.size(); ++i) {
        const RefInfo &ref = m_listing.refs[i];
        const QString name = groupOf(ref);
        auto it
            = std::find_if(m_groups.begin(), m_groups.end(), [&](const Group &g) { return g.name == name; });
        if (it == m_groups.end()) {
            m_groups.append({ name, {} });
            order.append({ rank(ref) * 2 + (name == tr("Local") ? 0 : 1), name });
            it = m_groups.end() - 1;
        }
        it->refs.append(i);
    }
    // Tags in version order, as `git tag --sort=version:refname`: v0.6 before v0.10.
    for (Group &group : m_groups) {
        if (group.refs.isEmpty() || m_listing.refs[group.refs.first()].kind != RefKind::Tag)
            continue;
        std::stable_sort(group.refs.begin(), group.refs.end(), [&](int a, int b) {
            return VersionOrder::lessThan(m_listing.refs[a].name, m_listing.refs[b].name);
        });
    }
    std::stable_sort(m_groups.begin(), m_groups.end(), [&](const Group &a, const Group &b) {
        auto key = [&](const Group &g) {
            for (const auto &[k, n] : order)
                if (n == g.name)
                    return k;
            return 99;
        };
        return key(a) < key(b);
    });
}

QModelIndex BranchModel::indexOfRef(const QString &fullName) const
{
    for (int i = 0; i < m_listing.refs.size(); ++i) {
        if (m_listing.refs[i].fullName != fullName)
            continue;
        if (m_grouping == Grouping::None)
            return index(i, 0);
        for (int g = 0; g < m_groups.size(); ++g) {
            const int row = int(m_groups[g].refs.indexOf(i));
            if (row >= 0)
                return index(row, 0, index(g, 0));
        }
    }
    return {};
}

QModelIndex BranchModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount || row >= rowCount(parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, quintptr(0));
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex BranchModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int BranchModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    if (m_grouping == Grouping::None)
        return parent.isValid() ? 0 : int(m_listing.refs.size());
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.internalId() != 0)
        return 0;
    return int(m_groups[parent.row()].refs.size());
}

int BranchModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent)
    return ColumnCount;
}

Qt::ItemFlags BranchModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QVariant BranchModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (m_grouping == Grouping::Prefix && index.internalId() == 0)
        return groupData(m_groups[index.row()], index.column(), role);
    const int refIndex = m_grouping == Grouping::None
        ? index.row()
        : m_groups[int(index.internalId() - 1)].refs[index.row()];
    return refData(m_listing.refs[refIndex], index.column(), role);
}

int BranchModel::localCount() const
{
    return int(std::count_if(m_listing.refs.cbegin(), m_listing.refs.cend(),
        [](const RefInfo &r) { return r.kind == RefKind::Local || r.kind == RefKind::DetachedHead; }));
}

QString BranchModel::groupTitle(const Group &group) const
{
    // "Local (1 of 7)": the header counts 7 local branches; 6 of them sit in prefix groups.
    const int locals = localCount();
    if (group.name == tr("Local") && locals != group.refs.size())
        return tr("%1 (%2 of %3)").arg(group.name).arg(group.refs.size()).arg(locals);
    return QStringLiteral("%1 (%2)").arg(group.name).arg(group.refs.size());
}

QVariant BranchModel::groupData(const Group &group, int column, int role) const
{
    switch (role) {
    case IsGroupRole:
        return true;
    case Qt::DisplayRole:
        return column == NameColumn ? groupTitle(group) : QVariant();
    case Qt::ToolTipRole:
        if (column == NameColumn && group.name == tr("Local") && localCount() != group.refs.size())
            return tr("%1 local branches: %2 here, the others in their prefix groups (feature/, …)")
                .arg(localCount())
                .arg(group.refs.size());
        return {};
    case SortRole:
    case RefNameRole:
        return group.name;
    default:
        return {};
    }
}

namespace {
QString delta(const std::optional<int> &ahead, const std::optional<int> &behind)
{
    if (!ahead || !behind)
        return {};
    if (*ahead == 0 && *behind == 0)
        return QStringLiteral("=");
    return QStringLiteral("↑%1 ↓%2").arg(CompactNumber::format(*ahead), CompactNumber::format(*behind));
}
} // namespace

QVariant BranchModel::refData(const RefInfo &ref, int column, int role) const
{
    const QDateTime now = m_now.isValid() ? m_now : DisplayTime::now();
    const bool stale = ref.isStale(now, m_staleDays);
    switch (role) {
    case IsGroupRole:
        return false;
    case RefNameRole:
        return ref.name;
    case FullNameRole:
        return ref.fullName;
    case KindRole:
        return int(ref.kind);
    case CommitIdRole:
        return toHex(ref.commit);
    case IsHeadRole:
        return ref.isHead;
    case IsMergedRole:
        return ref.isMerged();
    case IsStaleRole:
        return stale;
    case AheadRole:
        return ref.ahead ? QVariant(*ref.ahead) : QVariant();
    case BehindRole:
        return ref.behind ? QVariant(*ref.behind) : QVariant();
    case BaseAheadRole:
        return ref.baseAhead ? QVariant(*ref.baseAhead) : QVariant();
    case BaseBehindRole:
        return ref.baseBehind ? QVariant(*ref.baseBehind) : QVariant();
    case CommittedAtRole:
        return ref.committedAt;
    case RefInfoRole:
        return QVariant::fromValue(ref);
    case SortRole:
        switch (column) {
        case DateColumn:
            return ref.committedAt.toSecsSinceEpoch();
        case UpstreamDeltaColumn:
            return ref.ahead ? qint64(*ref.ahead) * 1000000 + ref.behind.value_or(0) : -1;
        case BaseDeltaColumn:
            return ref.baseAhead ? qint64(*ref.baseAhead) * 1000000 + ref.baseBehind.value_or(0) : -1;
        case NameColumn:
            return VersionOrder::key(ref.name);
        default:
            return refData(ref, column, Qt::DisplayRole).toString().toLower();
        }
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return ref.name;
        case CommitColumn:
            return shortHex(ref.commit);
        case SummaryColumn:
            return ref.summary;
        case AuthorColumn:
            return ref.author;
        case DateColumn:
            return DisplayTime::format(ref.committedAt, now, QLocale());
        case UpstreamColumn:
            return ref.upstream;
        case UpstreamDeltaColumn:
            return delta(ref.ahead, ref.behind);
        case BaseDeltaColumn:
            return ref.fullName == ref.baseFullName ? QString() : delta(ref.baseAhead, ref.baseBehind);
        default:
            return {};
        }
    case Qt::ToolTipRole: {
        QStringList lines { ref.fullName, shortHex(ref.commit) + QStringLiteral(" ") + ref.summary,
            tr("Last commit %1").arg(DisplayTime::exact(ref.committedAt, now, QLocale())) };
        if (ref.isHead)
            lines << tr("Checked out (HEAD)");
        if (ref.isMerged())
            lines << tr("Merged into %1").arg(ref.base);
        if (stale)
            lines << tr("Stale: no commit for %1 days").arg(ref.committedAt.daysTo(now));
        if (ref.ahead)
            lines << tr("%1 ahead, %2 behind %3")
                         .arg(CompactNumber::exact(*ref.ahead), CompactNumber::exact(ref.behind.value_or(0)),
                             ref.upstream);
        if (ref.baseAhead && ref.fullName != ref.baseFullName)
            lines << tr("%1 ahead, %2 behind %3")
                         .arg(CompactNumber::exact(*ref.baseAhead), CompactNumber::exact(ref.baseBehind.value_or(0)),
                             ref.base);
        return lines.join(QLatin1Char('\n'));
    }
    default:
        return {};
    }
}

QVariant BranchModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case CommitColumn:
        return tr("Commit");
    case SummaryColumn:
        return tr("Last commit");
    case AuthorColumn:
        return tr("Author");
    case DateColumn:
        return tr("Date");
    case UpstreamColumn:
        return tr("Upstream");
    case UpstreamDeltaColumn:
        return tr("vs upstream");
    case BaseDeltaColumn:
        return tr("vs %1").arg(m_listing.base.shortName.isEmpty() ? tr("default") : m_listing.base.shortName);
    default:
        return {};
    }
}

} // namespace devdash::git

#pragma once

// Branches and tags as a tree: flat, or grouped by prefix (feature/, release/,
// each remote, tags). Loads on a worker; a reload with the same refs updates the
// rows in place (dataChanged) instead of resetting, so selection and scroll stay.

#include "RefLister.h"

#include <QAbstractItemModel>
#include <QPointer>

#include "common/JobTracker.h"

namespace devdash::git {

class BranchModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        CommitColumn,
        SummaryColumn,
        AuthorColumn,
        DateColumn,
        UpstreamColumn,
        UpstreamDeltaColumn, // ahead/behind the upstream
        BaseDeltaColumn, // ahead/behind the default branch
        ColumnCount
    };
    enum Role {
        RefNameRole = Qt::UserRole + 1, // short name
        FullNameRole,
        KindRole, // RefKind as int
        CommitIdRole,
        IsHeadRole,
        IsMergedRole,
        IsStaleRole,
        IsGroupRole,
        SortRole, // a value that sorts naturally for the column
        AheadRole,
        BehindRole,
        BaseAheadRole,
        BaseBehindRole,
        CommittedAtRole,
        RefInfoRole, // the whole RefInfo
    };
    Q_ENUM(Role)
    enum class Grouping { None, Prefix };

    explicit BranchModel(QObject *parent = nullptr);

    void setJobTracker(JobTracker *tracker) { m_tracker = tracker; }
    void load(const QString &repoPath);
    void reload() { load(m_path); }
    void setListing(const RefListing &listing);
    const RefListing &listing() const { return m_listing; }
    QString repositoryPath() const { return m_path; }
    bool isLoading() const { return m_loading; }

    void setGrouping(Grouping grouping);
    Grouping grouping() const { return m_grouping; }
    void setStaleDays(int days);
    int staleDays() const { return m_staleDays; }
    // "now" for staleness (tests pin it).
    void setNow(const QDateTime &now);

    QModelIndex indexOfRef(const QString &fullName) const;
    // The group a ref belongs to when grouped ("feature/", "origin", "Tags", "Local").
    static QString groupOf(const RefInfo &ref);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

Q_SIGNALS:
    void loaded();
    void failed(const QString &message);

private:
    struct Group
    {
        QString name;
        QList<int> refs; // indices into m_listing.refs
    };
    void rebuild();
    QVariant refData(const RefInfo &ref, int column, int role) const;
    QVariant groupData(const Group &group, int column, int role) const;
    QString groupTitle(const Group &group) const;
    int localCount() const;

    RefListing m_listing;
    QList<Group> m_groups; // grouped mode
    Grouping m_grouping = Grouping::Prefix;
    int m_staleDays = 30;
    QDateTime m_now;
    QString m_path;
    quint64 m_generation = 0;
    bool m_loading = false;
    QPointer<JobTracker> m_tracker;
};

} // namespace devdash::git

#include "MigrationListModel.h"

#include "common/DisplayTime.h"

#include <QSet>

namespace devdash::migrations {

namespace {

QString displayTime(const MigrationEntry &e)
{
    if (!e.applied || !e.applied->appliedAt)
        return {};
    return DisplayTime::format(*e.applied->appliedAt);
}

bool sameEntry(const MigrationEntry &a, const MigrationEntry &b)
{
    const auto appliedSame = (!a.applied && !b.applied)
        || (a.applied && b.applied && a.applied->checksum == b.applied->checksum
            && a.applied->appliedAt == b.applied->appliedAt && a.applied->success == b.applied->success
            && a.applied->durationMs == b.applied->durationMs);
    const auto fileSame = (!a.file && !b.file)
        || (a.file && b.file && a.file->checksum == b.file->checksum && a.file->path == b.file->path);
    return a.state == b.state && a.description == b.description && a.version == b.version && appliedSame
        && fileSame;
}

} // namespace

MigrationListModel::MigrationListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void MigrationListModel::setEntries(const QList<MigrationEntry> &entries)
{
    // Remove what is gone (back to front), then update in place, then insert what is new:
    // selections and scroll positions survive a refresh.
    QSet<QString> newKeys;
    for (const MigrationEntry &e : entries)
        newKeys.insert(e.key);
    for (int row = int(m_entries.size()) - 1; row >= 0; --row) {
        if (!newKeys.contains(m_entries.at(row).key)) {
            beginRemoveRows({}, row, row);
            m_entries.removeAt(row);
            endRemoveRows();
        }
    }
    for (int i = 0; i < entries.size(); ++i) {
        const MigrationEntry &e = entries.at(i);
        const int current = rowOfKey(e.key);
        if (current == i) {
            if (!sameEntry(m_entries.at(i), e)) {
                m_entries[i] = e;
                Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
            }
            continue;
        }
        if (current > i) {
            beginMoveRows({}, current, current, {}, i);
            m_entries.move(current, i);
            endMoveRows();
            m_entries[i] = e;
            Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
            continue;
        }
        beginInsertRows({}, i, i);
        m_entries.insert(i, e);
        endInsertRows();
    }
}

int MigrationListModel::rowOfKey(const QString &key) const
{
    for (int i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).key == key)
            return i;
    }
    return -1;
}

int MigrationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int MigrationListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MigrationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MigrationEntry &e = m_entries.at(index.row());
    const std::optional<AppliedMigration> &a = e.applied;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case VersionColumn:
            return e.version;
        case DescriptionColumn:
            return e.description;
        case StateColumn:
            return migrationStateName(e.state).replace(QLatin1Char('_'), QLatin1Char(' '));
        case AppliedAtColumn:
            return displayTime(e);
        case AppliedByColumn:
            return a ? a->appliedBy : QString();
        case DurationColumn:
            return a && a->durationMs ? QStringLiteral("%1 ms").arg(*a->durationMs) : QString();
        case ChecksumColumn:
            return a ? a->checksum : (e.file ? e.file->checksum : QString());
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == AppliedAtColumn && a && a->appliedAt)
            return DisplayTime::exact(*a->appliedAt);
        return e.file ? e.file->path : e.script;
    case KeyRole:
        return e.key;
    case VersionRole:
        return e.version;
    case DescriptionRole:
        return e.description;
    case StateRole:
        return int(e.state);
    case StateNameRole:
        return migrationStateName(e.state);
    case AppliedAtRole:
        return a && a->appliedAt ? QVariant(*a->appliedAt) : QVariant();
    case AppliedByRole:
        return a ? a->appliedBy : QString();
    case DurationMsRole:
        return a && a->durationMs ? QVariant(*a->durationMs) : QVariant();
    case ChecksumRole:
        return a ? a->checksum : QString();
    case FileChecksumRole:
        return e.file ? e.file->checksum : QString();
    case PathRole:
        return e.file ? e.file->path : QString();
    case KindRole:
        return migrationKindName(e.kind);
    }
    return {};
}

QVariant MigrationListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case VersionColumn:
        return tr("Version");
    case DescriptionColumn:
        return tr("Description");
    case StateColumn:
        return tr("State");
    case AppliedAtColumn:
        return tr("Applied at");
    case AppliedByColumn:
        return tr("Applied by");
    case DurationColumn:
        return tr("Duration");
    case ChecksumColumn:
        return tr("Checksum");
    }
    return {};
}

QHash<int, QByteArray> MigrationListModel::roleNames() const
{
    auto names = QAbstractTableModel::roleNames();
    names.insert({ { KeyRole, "key" }, { VersionRole, "version" }, { DescriptionRole, "description" },
        { StateRole, "state" }, { StateNameRole, "stateName" }, { AppliedAtRole, "appliedAt" },
        { AppliedByRole, "appliedBy" }, { DurationMsRole, "durationMs" }, { ChecksumRole, "checksum" },
        { FileChecksumRole, "fileChecksum" }, { PathRole, "path" }, { KindRole, "kind" } });
    return names;
}

} // namespace devdash::migrations

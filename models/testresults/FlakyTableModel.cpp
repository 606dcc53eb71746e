#include "FlakyTableModel.h"

#include "common/DisplayTime.h"

#include <QLocale>

namespace devdash::testresults {

FlakyTableModel::FlakyTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void FlakyTableModel::setFindings(const QList<FlakyFinding> &findings)
{
    beginResetModel();
    m_findings = findings;
    endResetModel();
}

void FlakyTableModel::clear()
{
    setFindings({});
}

QString FlakyTableModel::kindTitle(FlakyKind kind)
{
    switch (kind) {
    case FlakyKind::SameCommit:
        return tr("Same commit");
    case FlakyKind::RetryPassed:
        return tr("Passed on retry");
    case FlakyKind::StatusFlips:
        break;
    }
    return tr("Status flips");
}

QString FlakyTableModel::evidence(const FlakyFinding &finding) const
{
    QStringList runs;
    for (qint64 id : finding.runIds.mid(qMax<qsizetype>(0, finding.runIds.size() - 6)))
        runs << QStringLiteral("#%1").arg(id);
    if (finding.runIds.size() > 6)
        runs.prepend(QStringLiteral("…"));
    switch (finding.kind) {
    case FlakyKind::SameCommit:
        return tr("%n commit(s) passed and failed: %1", nullptr, finding.occurrences)
            .arg(finding.commits.isEmpty() ? runs.join(QLatin1Char(' ')) : [&] {
                QStringList ids;
                for (const QString &commit : finding.commits.mid(0, 4))
                    ids << commit.left(8);
                return ids.join(QStringLiteral(", "));
            }());
    case FlakyKind::RetryPassed:
        return tr("passed on retry in %n run(s): %1", nullptr, finding.occurrences)
            .arg(runs.join(QLatin1Char(' ')));
    case FlakyKind::StatusFlips:
        break;
    }
    return tr("%n flip(s) on %1: %2", nullptr, finding.occurrences)
        .arg(finding.branch, runs.join(QLatin1Char(' ')));
}

int FlakyTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_findings.size());
}

int FlakyTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FlakyTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FlakyFinding &finding = m_findings.at(index.row());
    switch (role) {
    case TestKeyRole:
        return finding.key;
    case KindRole:
        return int(finding.kind);
    case RateRole:
        return finding.rate;
    case RunIdsRole: {
        QVariantList ids;
        for (qint64 id : finding.runIds)
            ids << id;
        return ids;
    }
    case SortRole:
        switch (index.column()) {
        case RateColumn:
            return finding.rate;
        case OccurrencesColumn:
            return finding.occurrences;
        case LastSeenColumn:
            return finding.lastSeen;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::TextAlignmentRole:
        if (index.column() == RateColumn || index.column() == OccurrencesColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (index.column() == TestColumn)
            return finding.key;
        if (index.column() == EvidenceColumn) {
            QStringList runs;
            for (qint64 id : finding.runIds)
                runs << QStringLiteral("#%1").arg(id);
            return tr("Runs: %1\nCommits: %2")
                .arg(runs.join(QLatin1Char(' ')), finding.commits.join(QLatin1Char(' ')));
        }
        if (index.column() == LastSeenColumn)
            return DisplayTime::exact(finding.lastSeen);
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case TestColumn:
            return finding.className.isEmpty() ? finding.name
                                               : finding.className + QStringLiteral(" › ") + finding.name;
        case KindColumn:
            return kindTitle(finding.kind);
        case RateColumn:
            return QStringLiteral("%1 %").arg(finding.rate * 100, 0, 'f', 0);
        case OccurrencesColumn:
            return QStringLiteral("%1 / %2").arg(finding.occurrences).arg(finding.observations);
        case EvidenceColumn:
            return evidence(finding);
        case LastSeenColumn:
            return DisplayTime::format(finding.lastSeen);
        }
        return {};
    }
    return {};
}

QVariant FlakyTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return {};
    static const char *const names[] = { QT_TR_NOOP("Test"), QT_TR_NOOP("Definition"), QT_TR_NOOP("Rate"),
        QT_TR_NOOP("Seen"), QT_TR_NOOP("Evidence"), QT_TR_NOOP("Last seen") };
    return tr(names[section]);
}

QHash<int, QByteArray> FlakyTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(TestKeyRole, "testKey");
    names.insert(KindRole, "kind");
    names.insert(RateRole, "rate");
    return names;
}

} // namespace devdash::testresults

#pragma once

#include "FlakyDetector.h"

#include <QAbstractTableModel>

namespace devdash::testresults {

// Flaky tests, one row per finding (a test may be flaky under several
// definitions), highest rate first as FlakyDetector sorts them.
class FlakyTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TestColumn,
        KindColumn,
        RateColumn,
        OccurrencesColumn,
        EvidenceColumn,
        LastSeenColumn,
        ColumnCount
    };
    enum Role {
        TestKeyRole = Qt::UserRole + 1,
        KindRole, // int(FlakyKind)
        RateRole, // 0..1
        RunIdsRole, // QList<qint64> as QVariantList: the evidence
        SortRole,
    };
    Q_ENUM(Role)

    explicit FlakyTableModel(QObject *parent = nullptr);

    void setFindings(const QList<FlakyFinding> &findings);
    void clear();
    const QList<FlakyFinding> &findings() const { return m_findings; }
    static QString kindTitle(FlakyKind kind);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QString evidence(const FlakyFinding &finding) const;

    QList<FlakyFinding> m_findings;
};

} // namespace devdash::testresults

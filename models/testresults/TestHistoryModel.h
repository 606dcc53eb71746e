#pragma once

#include "TestHistory.h"

#include <QAbstractTableModel>

namespace devdash::testresults {

// One test across runs, newest first: the table under the Tests page's status
// timeline and duration chart.
class TestHistoryModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        StatusColumn,
        WhenColumn,
        CommitColumn,
        BranchColumn,
        DurationColumn,
        AttemptsColumn,
        MessageColumn,
        ColumnCount
    };
    enum Role {
        RunIdRole = Qt::UserRole + 1,
        StatusRole, // int(TestStatus)
        CommitRole,
        TimeRole,
        DurationRole, // seconds, NaN: unknown
        InStreakRole, // part of the current failing streak
        SortRole,
    };
    Q_ENUM(Role)

    explicit TestHistoryModel(QObject *parent = nullptr);

    void setHistory(const TestHistory &history);
    void clear();
    const TestHistory &history() const { return m_history; }
    // "Failing for 3 runs, since #12 (abc1234, 2024-01-02)" or "Passing".
    QString streakText() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    TestHistory m_history;
    int m_streakEnd = -1; // rows 0..m_streakEnd form the failing streak
};

} // namespace devdash::testresults

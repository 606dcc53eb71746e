#pragma once

#include "RunComparison.h"

#include <QAbstractItemModel>

namespace devdash::testresults {

// A comparison of two runs as GitLab's merge request test report shows it: five
// sections (new failures, fixed, still failing, new tests, removed tests), each
// with its tests as children. Empty sections stay, with a count of 0, so the
// layout does not jump between comparisons.
class ComparisonModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class Section { NewFailures, Fixed, StillFailing, NewTests, RemovedTests };
    static constexpr int SectionCount = 5;
    enum Column { TestColumn, BaseColumn, HeadColumn, DurationColumn, MessageColumn, ColumnCount };
    enum Role {
        SectionRole = Qt::UserRole + 1, // int(Section), on sections and tests
        IsSectionRole,
        TestKeyRole,
        StatusRole, // int(TestStatus) of the column's side (Base/Head columns), -1: absent
        CountRole, // a section's number of tests
        SortRole,
    };
    Q_ENUM(Role)

    explicit ComparisonModel(QObject *parent = nullptr);

    void setComparison(const RunComparison &comparison);
    void clear();
    const RunComparison &comparison() const { return m_comparison; }
    const QList<ComparedTest> &tests(Section section) const;
    static QString sectionTitle(Section section);

    QModelIndex sectionIndex(Section section) const;
    const ComparedTest *testAt(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QVariant testData(Section section, const ComparedTest &test, int column, int role) const;

    RunComparison m_comparison;
};

} // namespace devdash::testresults

#pragma once

#include "TestRun.h"

#include <QAbstractItemModel>

namespace devdash::testresults {

// One run as a two-level tree: its suites, then each suite's cases. Filtering
// (failed only, text) is a proxy's job; the roles give it what it needs.
class RunTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, StatusColumn, DurationColumn, ColumnCount };
    enum class Kind { Suite, Case };
    enum Role {
        KindRole = Qt::UserRole + 1, // int(Kind)
        StatusRole, // int(TestStatus); a suite's is its worst case
        TestKeyRole, // TestCase::id() of a case: the key of its history
        MessageRole,
        DetailsRole, // stack trace
        SystemOutRole,
        SystemErrRole,
        AttemptsRole,
        FlakyRole,
        FailingCountRole, // a suite's failed + errored cases; 1 or 0 for a case
        DurationRole, // seconds (NaN: unknown)
        FileRole,
        SortRole,
    };
    Q_ENUM(Role)

    explicit RunTreeModel(QObject *parent = nullptr);

    void setRun(const RunDetails &run);
    void clear();
    const RunDetails &run() const { return m_run; }
    qint64 runId() const { return m_run.run.id; }

    // The case behind an index, or nullptr for a suite or an invalid index.
    const CaseResult *caseAt(const QModelIndex &index) const;
    const SuiteResult *suiteAt(const QModelIndex &index) const;
    // The index of a case by its key (first match), for keeping a selection.
    QModelIndex indexOfCase(const QString &testKey) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct SuiteStats
    {
        TestStatus status = TestStatus::Passed;
        int failing = 0;
        int skipped = 0;
        double durationS = 0;
    };
    QVariant suiteData(int row, int column, int role) const;
    QVariant caseData(const CaseResult &result, int column, int role) const;

    RunDetails m_run;
    QList<SuiteStats> m_stats; // per suite, computed once on setRun()
};

} // namespace devdash::testresults

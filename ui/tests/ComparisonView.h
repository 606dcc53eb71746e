#pragma once

// Two runs side by side as GitLab's merge request test report shows them: new
// failures, fixed, still failing, new and removed tests. The base is any other
// run, or the latest run of the default branch.

#include <QWidget>

class QComboBox;
class QLabel;
class QTreeView;

namespace devdash::testresults {
class ComparisonModel;
class RunListModel;
struct RunComparison;
struct RunSummary;
} // namespace devdash::testresults

namespace devdash::ui {

class ComparisonView final : public QWidget
{
    Q_OBJECT
public:
    explicit ComparisonView(QWidget *parent = nullptr);

    // The runs the base picker offers; `baseBranch` is the default branch.
    void setRuns(testresults::RunListModel *runs, const QString &baseBranch);
    void setHead(const testresults::RunSummary &head);
    // `note`: how the base was chosen, shown after the title when not obvious.
    void setComparison(const testresults::RunComparison &comparison, const testresults::RunSummary &base,
        const testresults::RunSummary &head, const QString &note = {});
    QString titleText() const;
    void showMessage(const QString &text);
    // 0: the latest run of the base branch.
    qint64 chosenBase() const;
    void chooseBase(qint64 runId);

    testresults::ComparisonModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QComboBox *baseBox() const { return m_base; }

Q_SIGNALS:
    void baseChanged();
    void testActivated(const QString &testKey);

private:
    void fillBaseBox();

    testresults::ComparisonModel *m_model;
    testresults::RunListModel *m_runs = nullptr;
    QString m_baseBranch;
    qint64 m_headId = 0;
    QComboBox *m_base;
    QLabel *m_title;
    QTreeView *m_view;
};

} // namespace devdash::ui

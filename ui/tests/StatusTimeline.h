#pragma once

// A row of coloured squares, one per run, oldest on the left: how a test's status
// went over time at a glance (Jenkins' test history, GitLab's test case history).
// Clicking a square asks to open that run.

#include "testresults/TestReport.h"

#include <QList>
#include <QWidget>

namespace devdash::ui {

class StatusTimeline final : public QWidget
{
    Q_OBJECT
public:
    struct Entry
    {
        qint64 runId = 0;
        testresults::TestStatus status = testresults::TestStatus::Passed;
        bool inStreak = false; // part of the current failing streak: outlined
        QString toolTip;
    };

    explicit StatusTimeline(QWidget *parent = nullptr);

    void setEntries(const QList<Entry> &oldestFirst);
    const QList<Entry> &entries() const { return m_entries; }
    // The entry under a point, -1 for none.
    int entryAt(const QPoint &pos) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void runClicked(qint64 runId);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRect squareRect(int i) const;

    QList<Entry> m_entries;
};

} // namespace devdash::ui

#pragma once

// History's row above the commits for what is not committed yet: "Uncommitted
// changes (N files)", shown only when the work tree differs from HEAD, read again on
// every refresh. Choosing it shows the work tree's diff in the commit details.

#include "git/WorkingTreeChanges.h"

#include <QFrame>
#include <QPointer>

class QToolButton;

namespace devdash {
class JobTracker;
}

namespace devdash::ui {

class UncommittedRow final : public QFrame
{
    Q_OBJECT
public:
    UncommittedRow(JobTracker *jobs, QWidget *parent = nullptr);

    void setRepository(const QString &path);
    // Reads the work tree again (on a worker); hides the row when it is clean.
    void refresh();
    bool isLoading() const { return m_loading; }
    const git::WorkingTreeState &state() const { return m_state; }
    int fileCount() const { return int(m_state.files.size()); }
    QString text() const;

    bool isSelected() const;
    // Marks the row chosen (or not) without emitting activated().
    void setSelected(bool selected);

Q_SIGNALS:
    // The user chose the row.
    void activated();
    // A read finished (the row may have appeared, changed or gone).
    void updated();

private:
    QPointer<JobTracker> m_jobs;
    QToolButton *m_button;
    QString m_repoPath;
    git::WorkingTreeState m_state;
    quint64 m_generation = 0;
    bool m_loading = false;
};

} // namespace devdash::ui

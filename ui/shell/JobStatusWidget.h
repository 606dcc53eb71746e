#pragma once

// The status bar's view of the JobTracker: what runs, a progress bar (busy when the
// total is unknown) and a Cancel button. Appears only for jobs that last, so quick
// reads do not make it flicker.

#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QTimer;
class QToolButton;

namespace devdash {
class JobTracker;
}

namespace devdash::ui {

class JobStatusWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit JobStatusWidget(JobTracker *jobs, QWidget *parent = nullptr);

    QString text() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void update();

    QPointer<JobTracker> m_jobs;
    QLabel *m_label;
    QProgressBar *m_progress;
    QToolButton *m_cancel;
    QTimer *m_showDelay;
};

} // namespace devdash::ui

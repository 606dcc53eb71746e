#pragma once

// A run's stages → jobs → steps, drawn as GitLab and GitHub draw them: a column per
// stage, a box per job (coloured by status, with its duration and its steps), lines
// from every job of a stage to the next stage. Clicking a job selects it (its log
// is shown below the graph). Painted by hand: no item per box, so a run with
// hundreds of jobs costs nothing until it is on screen.

#include "ci/PipelineRun.h"

#include <QAbstractScrollArea>
#include <QList>
#include <QRect>

namespace devdash::ui {

class StageGraphView final : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit StageGraphView(QWidget *parent = nullptr);

    // Shows `run`; the selected job is kept when it is the same run (a live update).
    void setRun(const ci::PipelineRun &run);
    void clear(const QString &message = {});
    const ci::PipelineRun &run() const { return m_run; }
    bool hasRun() const { return m_hasRun; }

    // Stage and job index of the selected job; -1 when none.
    int selectedStage() const { return m_selStage; }
    int selectedJob() const { return m_selJob; }
    void selectJob(int stage, int job);
    // The box of a job in viewport coordinates (for tests and tooltips); empty when none.
    QRect jobRect(int stage, int job) const;
    QSize contentSize() const { return m_content; }

    QSize sizeHint() const override;

Q_SIGNALS:
    void jobSelected(int stage, int job);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct JobBox
    {
        int stage;
        int job;
        QRect rect; // content coordinates
    };
    void layoutBoxes();
    void updateScrollBars();
    int hitTest(const QPoint &viewportPos) const; // index into m_boxes, -1
    QPoint offset() const;
    void paintJob(QPainter *painter, const JobBox &box, bool selected, bool hovered) const;

    ci::PipelineRun m_run;
    bool m_hasRun = false;
    QString m_message;
    QList<JobBox> m_boxes;
    QList<QRect> m_stageHeaders;
    QSize m_content;
    int m_selStage = -1;
    int m_selJob = -1;
    int m_hover = -1;
};

} // namespace devdash::ui

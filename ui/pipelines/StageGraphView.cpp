#include "StageGraphView.h"

#include "PipelineStatusStyle.h"

#include "common/DisplayTime.h"
#include "common/Theme.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QToolTip>

namespace devdash::ui {

namespace {
constexpr int Margin = 16;
constexpr int ColumnWidth = 190; // two stages fit beside the runs at 1280 px
constexpr int ColumnGap = 40;
constexpr int BoxGap = 10;
constexpr int Pad = 8;
} // namespace

StageGraphView::StageGraphView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setObjectName(QStringLiteral("stageGraph"));
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true);
    viewport()->setAutoFillBackground(true);
    viewport()->setBackgroundRole(QPalette::Base);
    m_message = tr("Select a run to see its stages");
}

QSize StageGraphView::sizeHint() const
{
    return { 600, 260 };
}

void StageGraphView::setRun(const ci::PipelineRun &run)
{
    const bool sameRun = m_hasRun && run.key() == m_run.key();
    m_run = run;
    m_hasRun = true;
    if (!sameRun) {
        m_selStage = m_selJob = -1;
        horizontalScrollBar()->setValue(0);
        verticalScrollBar()->setValue(0);
    } else if (m_selStage >= m_run.stages.size() || m_selJob >= m_run.stages.value(m_selStage).jobs.size()) {
        m_selStage = m_selJob = -1;
    }
    m_hover = -1;
    if (m_run.stages.isEmpty())
        m_message = tr("This run reports no stages or jobs");
    layoutBoxes();
    viewport()->update();
}

void StageGraphView::clear(const QString &message)
{
    m_run = {};
    m_hasRun = false;
    m_selStage = m_selJob = m_hover = -1;
    m_message = message.isEmpty() ? tr("Select a run to see its stages") : message;
    layoutBoxes();
    viewport()->update();
}

void StageGraphView::selectJob(int stage, int job)
{
    if (stage < 0 || stage >= m_run.stages.size() || job < 0 || job >= m_run.stages.at(stage).jobs.size())
        stage = job = -1;
    if (stage == m_selStage && job == m_selJob)
        return;
    m_selStage = stage;
    m_selJob = job;
    const QRect r = jobRect(stage, job);
    if (!r.isEmpty() && !viewport()->rect().contains(r)) {
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() + qMin(0, r.left() - Margin)
            + qMax(0, r.right() + Margin - viewport()->width()));
        verticalScrollBar()->setValue(verticalScrollBar()->value() + qMin(0, r.top() - Margin)
            + qMax(0, r.bottom() + Margin - viewport()->height()));
    }
    viewport()->update();
    Q_EMIT jobSelected(stage, job);
}

QRect StageGraphView::jobRect(int stage, int job) const
{
    for (const JobBox &box : m_boxes)
        if (box.stage == stage && box.job == job)
            return box.rect.translated(-offset());
    return {};
}

QPoint StageGraphView::offset() const
{
    return { horizontalScrollBar()->value(), verticalScrollBar()->value() };
}

void StageGraphView::layoutBoxes()
{
    m_boxes.clear();
    m_stageHeaders.clear();
    const QFontMetrics fm(font());
    const int headerH = fm.height() + 14;
    const int titleH = fm.height() + 2 * Pad;
    const int stepH = fm.height() + 3;
    int bottom = 0;
    for (int s = 0; s < m_run.stages.size(); ++s) {
        const int x = Margin + s * (ColumnWidth + ColumnGap);
        m_stageHeaders << QRect(x, Margin, ColumnWidth, headerH);
        int y = Margin + headerH + 6;
        const auto &jobs = m_run.stages.at(s).jobs;
        for (int j = 0; j < jobs.size(); ++j) {
            const int steps = int(jobs.at(j).steps.size());
            const int h = titleH + (steps > 0 ? steps * stepH + Pad / 2 : 0);
            m_boxes.append({ s, j, QRect(x, y, ColumnWidth, h) });
            y += h + BoxGap;
        }
        bottom = qMax(bottom, y);
    }
    const int columns = int(m_run.stages.size());
    m_content = columns == 0
        ? QSize()
        : QSize(2 * Margin + columns * ColumnWidth + (columns - 1) * ColumnGap, bottom + Margin - BoxGap);
    updateScrollBars();
}

void StageGraphView::updateScrollBars()
{
    const QSize view = viewport()->size();
    horizontalScrollBar()->setRange(0, qMax(0, m_content.width() - view.width()));
    horizontalScrollBar()->setPageStep(view.width());
    horizontalScrollBar()->setSingleStep(24);
    verticalScrollBar()->setRange(0, qMax(0, m_content.height() - view.height()));
    verticalScrollBar()->setPageStep(view.height());
    verticalScrollBar()->setSingleStep(24);
}

void StageGraphView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void StageGraphView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        layoutBoxes();
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange)
        viewport()->update();
}

int StageGraphView::hitTest(const QPoint &viewportPos) const
{
    const QPoint p = viewportPos + offset();
    for (int i = 0; i < m_boxes.size(); ++i)
        if (m_boxes.at(i).rect.contains(p))
            return i;
    return -1;
}

void StageGraphView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    const QPalette pal = palette();
    if (m_run.stages.isEmpty()) {
        painter.setPen(Theme::mutedText());
        painter.drawText(
            viewport()->rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_message);
        return;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    painter.translate(-offset());
    const QFontMetrics fm(font());

    // Connections first, under the boxes: each job's right edge to a bus in the gap,
    // the bus to each job of the next stage.
    QColor lineColor = pal.color(QPalette::Text);
    lineColor.setAlphaF(Theme::isDark() ? 0.35 : 0.3);
    painter.setPen(QPen(lineColor, 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.setBrush(Qt::NoBrush);
    for (int s = 0; s + 1 < m_run.stages.size(); ++s) {
        QList<QPoint> outs, ins;
        for (const JobBox &box : std::as_const(m_boxes)) {
            const int anchorY = box.rect.top() + fm.height() / 2 + Pad;
            if (box.stage == s)
                outs << QPoint(box.rect.right(), anchorY);
            else if (box.stage == s + 1)
                ins << QPoint(box.rect.left(), anchorY);
        }
        if (outs.isEmpty() || ins.isEmpty())
            continue;
        const int busX = outs.first().x() + ColumnGap / 2;
        const int r = 8;
        auto connect = [&](QPoint from, QPoint to, bool outgoing) {
            QPainterPath path;
            path.moveTo(from);
            if (from.y() == to.y()) {
                path.lineTo(to);
            } else if (outgoing) {
                const int dir = to.y() > from.y() ? 1 : -1;
                path.lineTo(busX - r, from.y());
                path.quadTo(busX, from.y(), busX, from.y() + dir * r);
                path.lineTo(busX, to.y());
            } else {
                const int dir = to.y() > from.y() ? 1 : -1;
                path.lineTo(busX, to.y() - dir * r);
                path.quadTo(busX, to.y(), busX + r, to.y());
                path.lineTo(to);
            }
            painter.drawPath(path);
        };
        const QPoint busTop(busX, outs.first().y());
        for (const QPoint &o : std::as_const(outs))
            connect(o, busTop, true);
        for (const QPoint &i : std::as_const(ins))
            connect(busTop, i, false);
    }

    // Stage headers: status disc and name.
    for (int s = 0; s < m_stageHeaders.size(); ++s) {
        const QRect h = m_stageHeaders.at(s);
        const auto &stage = m_run.stages.at(s);
        const int d = fm.height() - 2;
        PipelineStatusStyle::paintIcon(
            &painter, QRectF(h.left(), h.center().y() - d / 2.0, d, d), stage.status);
        QFont bold = font();
        bold.setBold(true);
        painter.setFont(bold);
        painter.setPen(pal.color(QPalette::Text));
        const QRect text = h.adjusted(d + 8, 0, 0, 0);
        painter.drawText(text, Qt::AlignVCenter | Qt::AlignLeft,
            QFontMetrics(bold).elidedText(stage.name, Qt::ElideRight, text.width()));
        painter.setFont(font());
    }

    for (int i = 0; i < m_boxes.size(); ++i) {
        const JobBox &box = m_boxes.at(i);
        paintJob(&painter, box, box.stage == m_selStage && box.job == m_selJob, i == m_hover);
    }
}

void StageGraphView::paintJob(QPainter *painter, const JobBox &box, bool selected, bool hovered) const
{
    const QPalette pal = palette();
    const ci::PipelineJob &job = m_run.stages.at(box.stage).jobs.at(box.job);
    const QFontMetrics fm(font());
    const QColor base = pal.color(QPalette::Base);
    const QRectF r = QRectF(box.rect).adjusted(0.5, 0.5, -0.5, -0.5);

    painter->save();
    painter->setPen(QPen(selected ? pal.color(QPalette::Highlight)
                                  : PipelineStatusStyle::tint(job.status, pal.color(QPalette::Mid), 0.45),
        selected ? 2.0 : 1.0));
    painter->setBrush(PipelineStatusStyle::tint(job.status, base, hovered ? 0.2 : 0.11));
    painter->drawRoundedRect(r, 6, 6);
    // An accent on the left edge: the status at a glance, even for grey-ish tints.
    QPainterPath accent;
    accent.addRoundedRect(QRectF(r.left(), r.top(), 8, r.height()), 6, 6);
    QPainterPath clip;
    clip.addRect(QRectF(r.left(), r.top(), 4, r.height()));
    painter->setPen(Qt::NoPen);
    painter->setBrush(PipelineStatusStyle::color(job.status));
    painter->drawPath(accent.intersected(clip));

    const int d = fm.height() - 2;
    const QRect title(
        box.rect.left() + Pad + 4, box.rect.top() + Pad, box.rect.width() - 2 * Pad - 4, fm.height());
    PipelineStatusStyle::paintIcon(
        painter, QRectF(title.left(), title.center().y() - d / 2.0, d, d), job.status);
    const QString duration = PipelineStatusStyle::duration(job.durationS());
    const int durationW = duration.isEmpty() ? 0 : fm.horizontalAdvance(duration) + 6;
    painter->setPen(Theme::mutedText());
    painter->drawText(title, Qt::AlignRight | Qt::AlignVCenter, duration);
    painter->setPen(pal.color(QPalette::Text));
    const QRect nameRect = title.adjusted(d + 6, 0, -durationW, 0);
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
        fm.elidedText(job.name, Qt::ElideRight, nameRect.width()));

    // Steps, one line each, under the title.
    const int stepH = fm.height() + 3;
    int y = box.rect.top() + fm.height() + 2 * Pad;
    const int ds = qMax(8, fm.height() - 6);
    for (const ci::PipelineStep &step : job.steps) {
        const QRect line(title.left() + 4, y, title.width() - 4, stepH);
        PipelineStatusStyle::paintIcon(
            painter, QRectF(line.left(), line.center().y() - ds / 2.0, ds, ds), step.status);
        const QString sd
            = PipelineStatusStyle::duration(ci::durationSeconds(step.startedAt, step.finishedAt));
        const int sdW = sd.isEmpty() ? 0 : fm.horizontalAdvance(sd) + 6;
        painter->setPen(Theme::mutedText());
        painter->drawText(line, Qt::AlignRight | Qt::AlignVCenter, sd);
        painter->setPen(
            step.status == ci::RunStatus::Skipped ? Theme::mutedText() : pal.color(QPalette::Text));
        const QRect stepName = line.adjusted(ds + 6, 0, -sdW, 0);
        painter->drawText(stepName, Qt::AlignLeft | Qt::AlignVCenter,
            fm.elidedText(step.name, Qt::ElideRight, stepName.width()));
        y += stepH;
    }
    painter->restore();
}

void StageGraphView::mousePressEvent(QMouseEvent *event)
{
    const int hit = hitTest(event->position().toPoint());
    if (hit >= 0 && event->button() == Qt::LeftButton)
        selectJob(m_boxes.at(hit).stage, m_boxes.at(hit).job);
    QAbstractScrollArea::mousePressEvent(event);
}

void StageGraphView::mouseMoveEvent(QMouseEvent *event)
{
    const int hit = hitTest(event->position().toPoint());
    if (hit != m_hover) {
        m_hover = hit;
        viewport()->setCursor(hit >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
        viewport()->update();
    }
    QAbstractScrollArea::mouseMoveEvent(event);
}

void StageGraphView::leaveEvent(QEvent *event)
{
    m_hover = -1;
    viewport()->update();
    QAbstractScrollArea::leaveEvent(event);
}

void StageGraphView::keyPressEvent(QKeyEvent *event)
{
    // Arrows move between jobs: up/down within a stage, left/right across stages.
    if (m_boxes.isEmpty()) {
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    int stage = m_selStage, job = m_selJob;
    if (stage < 0) {
        stage = 0;
        job = 0;
    } else {
        switch (event->key()) {
        case Qt::Key_Up:
            job = qMax(0, job - 1);
            break;
        case Qt::Key_Down:
            job = qMin(int(m_run.stages.at(stage).jobs.size()) - 1, job + 1);
            break;
        case Qt::Key_Left:
            stage = qMax(0, stage - 1);
            break;
        case Qt::Key_Right:
            stage = qMin(int(m_run.stages.size()) - 1, stage + 1);
            break;
        default:
            QAbstractScrollArea::keyPressEvent(event);
            return;
        }
        job = qMin(job, int(m_run.stages.at(stage).jobs.size()) - 1);
    }
    if (job >= 0)
        selectJob(stage, job);
}

bool StageGraphView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int hit = hitTest(help->pos());
        if (hit < 0) {
            QToolTip::hideText();
            return true;
        }
        const ci::PipelineJob &job = m_run.stages.at(m_boxes.at(hit).stage).jobs.at(m_boxes.at(hit).job);
        // Plain text, as every tool tip (PlainToolTips): the job's name is the server's.
        QString tip = job.name + QLatin1Char('\n') + PipelineStatusStyle::label(job.status);
        if (const QString d = PipelineStatusStyle::duration(job.durationS()); !d.isEmpty())
            tip += QStringLiteral(" · ") + d;
        if (job.startedAt.isValid())
            tip += QLatin1Char('\n') + tr("Started %1").arg(DisplayTime::exact(job.startedAt));
        QToolTip::showText(help->globalPos(), tip, viewport());
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

} // namespace devdash::ui

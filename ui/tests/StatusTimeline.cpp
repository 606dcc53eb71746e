#include "StatusTimeline.h"

#include "TestStatusStyle.h"
#include "common/Theme.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace devdash::ui {

namespace {
constexpr int Square = 14;
constexpr int Gap = 3;
constexpr int Margin = 4;
} // namespace

StatusTimeline::StatusTimeline(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void StatusTimeline::setEntries(const QList<Entry> &oldestFirst)
{
    m_entries = oldestFirst;
    updateGeometry();
    update();
}

QRect StatusTimeline::squareRect(int i) const
{
    // The newest run sits at the right edge when there are more runs than room:
    // the recent past matters most.
    const int perRow = qMax(1, (width() - 2 * Margin + Gap) / (Square + Gap));
    const int first = qMax<int>(0, m_entries.size() - perRow);
    const int slot = i - first;
    if (slot < 0)
        return {};
    return QRect(Margin + slot * (Square + Gap), Margin, Square, Square);
}

int StatusTimeline::entryAt(const QPoint &pos) const
{
    for (int i = 0; i < m_entries.size(); ++i) {
        if (squareRect(i).adjusted(-1, -1, 1, 1).contains(pos))
            return i;
    }
    return -1;
}

QSize StatusTimeline::sizeHint() const
{
    return QSize(Margin * 2 + qMax<int>(10, m_entries.size()) * (Square + Gap), Square + 2 * Margin);
}

QSize StatusTimeline::minimumSizeHint() const
{
    return QSize(Square * 4, Square + 2 * Margin);
}

void StatusTimeline::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    if (m_entries.isEmpty()) {
        painter.setPen(Theme::mutedText());
        painter.drawText(rect().adjusted(Margin, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, tr("No runs"));
        return;
    }
    for (int i = 0; i < m_entries.size(); ++i) {
        const QRect r = squareRect(i);
        if (r.isNull())
            continue;
        const Entry &entry = m_entries.at(i);
        painter.setBrush(TestStatusStyle::color(entry.status));
        painter.setPen(entry.inStreak ? QPen(palette().color(QPalette::Text), 1.5) : Qt::NoPen);
        painter.drawRoundedRect(QRectF(r).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
    }
}

void StatusTimeline::mouseReleaseEvent(QMouseEvent *event)
{
    const int i = entryAt(event->position().toPoint());
    if (i >= 0 && event->button() == Qt::LeftButton)
        Q_EMIT runClicked(m_entries.at(i).runId);
    QWidget::mouseReleaseEvent(event);
}

bool StatusTimeline::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int i = entryAt(help->pos());
        if (i >= 0)
            QToolTip::showText(help->globalPos(), m_entries.at(i).toolTip, this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace devdash::ui

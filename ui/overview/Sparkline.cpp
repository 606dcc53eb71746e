#include "Sparkline.h"

#include "common/DisplayTime.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace devdash::ui {

Sparkline::Sparkline(QWidget *parent)
    : QWidget(parent)
{
    setMinimumHeight(40);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void Sparkline::setPoints(const QList<testresults::TrendPoint> &points)
{
    m_points = points;
    update();
}

int Sparkline::barAt(int x) const
{
    if (m_points.isEmpty() || width() <= 0)
        return -1;
    const int index = int(qint64(x) * m_points.size() / width());
    return std::clamp(index, 0, int(m_points.size()) - 1);
}

void Sparkline::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing, false);
    if (m_points.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("No test runs yet"));
        return;
    }
    int maxTests = 1;
    for (const auto &point : std::as_const(m_points))
        maxTests = std::max(maxTests, point.counts.tests);
    const qreal slot = qreal(width()) / m_points.size();
    const qreal gap = slot > 6 ? 2 : 0;
    const QColor passed(QStringLiteral("#2e9d5b"));
    const QColor failed(QStringLiteral("#d64541"));
    const QColor skipped = palette().color(QPalette::Mid);
    for (int i = 0; i < m_points.size(); ++i) {
        const auto &c = m_points.at(i).counts;
        const qreal x = i * slot;
        const qreal h = height() * qreal(c.tests) / maxTests;
        const qreal failing = c.tests > 0 ? h * (c.failed + c.errored) / c.tests : 0;
        const qreal skippedH = c.tests > 0 ? h * c.skipped / c.tests : 0;
        const qreal top = height() - h;
        painter.fillRect(QRectF(x, top, slot - gap, failing), failed);
        painter.fillRect(QRectF(x, top + failing, slot - gap, skippedH), skipped);
        painter.fillRect(QRectF(x, top + failing + skippedH, slot - gap, h - failing - skippedH), passed);
    }
}

bool Sparkline::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int index = barAt(help->pos().x());
        if (index >= 0) {
            const auto &point = m_points.at(index);
            QToolTip::showText(help->globalPos(),
                tr("%1 on %2 (%3)\n%4 tests: %5 passed, %6 failed, %7 skipped")
                    .arg(point.commit.left(8), point.branch, DisplayTime::exact(point.time))
                    .arg(point.counts.tests)
                    .arg(point.counts.passed)
                    .arg(point.counts.failed + point.counts.errored)
                    .arg(point.counts.skipped),
                this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace devdash::ui

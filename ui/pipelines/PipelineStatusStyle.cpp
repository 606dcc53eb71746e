#include "PipelineStatusStyle.h"

#include "ci/StatusRollup.h"

#include "common/Theme.h"

#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace devdash::ui {

using ci::RunStatus;

QColor PipelineStatusStyle::color(RunStatus status)
{
    const bool dark = Theme::isDark();
    switch (status) {
    case RunStatus::Success:
        return dark ? QColor(0x4c, 0xb8, 0x6a) : QColor(0x2e, 0x8b, 0x4a);
    case RunStatus::Failed:
        return dark ? QColor(0xf0, 0x5d, 0x5d) : QColor(0xd0, 0x36, 0x36);
    case RunStatus::Running:
        return dark ? QColor(0x4d, 0x9b, 0xf0) : QColor(0x1f, 0x6f, 0xd0);
    case RunStatus::Queued:
        return dark ? QColor(0xd9, 0xa4, 0x3a) : QColor(0xb3, 0x7a, 0x09);
    case RunStatus::Manual:
        return dark ? QColor(0xb0, 0x8c, 0xf0) : QColor(0x7a, 0x4f, 0xc9);
    case RunStatus::Canceled:
    case RunStatus::Skipped:
        break;
    }
    return dark ? QColor(0x8a, 0x94, 0xa3) : QColor(0x85, 0x8e, 0x99);
}

QColor PipelineStatusStyle::tint(RunStatus status, const QColor &base, qreal amount)
{
    const QColor c = color(status);
    auto mix = [amount](int a, int b) { return int(a * (1 - amount) + b * amount); };
    return QColor(mix(base.red(), c.red()), mix(base.green(), c.green()), mix(base.blue(), c.blue()));
}

QString PipelineStatusStyle::label(RunStatus status)
{
    switch (status) {
    case RunStatus::Queued:
        return QObject::tr("Queued");
    case RunStatus::Running:
        return QObject::tr("Running");
    case RunStatus::Success:
        return QObject::tr("Success");
    case RunStatus::Failed:
        return QObject::tr("Failed");
    case RunStatus::Canceled:
        return QObject::tr("Canceled");
    case RunStatus::Skipped:
        return QObject::tr("Skipped");
    case RunStatus::Manual:
        return QObject::tr("Manual");
    }
    return {};
}

void PipelineStatusStyle::paintIcon(QPainter *painter, const QRectF &rect, RunStatus status)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const qreal side = qMin(rect.width(), rect.height());
    const QRectF disc(rect.center().x() - side / 2, rect.center().y() - side / 2, side, side);
    const QColor c = color(status);
    const qreal w = qMax(1.2, side / 8);
    if (status == RunStatus::Queued || status == RunStatus::Skipped) {
        // Not (yet) run: a ring, hollow.
        painter->setPen(QPen(c, w * 1.1));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(disc.adjusted(w / 2, w / 2, -w / 2, -w / 2));
    } else {
        painter->setPen(Qt::NoPen);
        painter->setBrush(c);
        painter->drawEllipse(disc);
    }
    const QPointF m = disc.center();
    const qreal r = side / 2;
    QPen glyph(status == RunStatus::Queued || status == RunStatus::Skipped ? c : QColor(Qt::white), w,
        Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter->setPen(glyph);
    painter->setBrush(Qt::NoBrush);
    switch (status) {
    case RunStatus::Success: {
        QPainterPath tick;
        tick.moveTo(m + QPointF(-r * 0.45, 0.02 * r));
        tick.lineTo(m + QPointF(-r * 0.12, r * 0.34));
        tick.lineTo(m + QPointF(r * 0.48, -r * 0.32));
        painter->drawPath(tick);
        break;
    }
    case RunStatus::Failed:
        painter->drawLine(m + QPointF(-r * 0.36, -r * 0.36), m + QPointF(r * 0.36, r * 0.36));
        painter->drawLine(m + QPointF(-r * 0.36, r * 0.36), m + QPointF(r * 0.36, -r * 0.36));
        break;
    case RunStatus::Running:
        // A three-quarter arc: "in progress".
        painter->drawArc(QRectF(m.x() - r * 0.5, m.y() - r * 0.5, r, r), 90 * 16, -270 * 16);
        break;
    case RunStatus::Canceled:
        painter->drawLine(m + QPointF(-r * 0.4, r * 0.4), m + QPointF(r * 0.4, -r * 0.4));
        break;
    case RunStatus::Skipped:
        painter->drawLine(m + QPointF(-r * 0.4, 0), m + QPointF(r * 0.4, 0));
        break;
    case RunStatus::Manual: {
        // A play triangle: waits for someone to start it.
        painter->setPen(Qt::NoPen);
        painter->setBrush(Qt::white);
        QPainterPath play;
        play.moveTo(m + QPointF(-r * 0.25, -r * 0.4));
        play.lineTo(m + QPointF(r * 0.45, 0));
        play.lineTo(m + QPointF(-r * 0.25, r * 0.4));
        play.closeSubpath();
        painter->drawPath(play);
        break;
    }
    case RunStatus::Queued:
        painter->drawLine(m, m + QPointF(0, -r * 0.45));
        painter->drawLine(m, m + QPointF(r * 0.35, r * 0.1));
        break;
    }
    painter->restore();
}

QIcon PipelineStatusStyle::icon(RunStatus status)
{
    static QHash<QString, QIcon> cache;
    const QString key
        = QString::number(int(status)) + (Theme::isDark() ? QLatin1String("d") : QLatin1String("l"));
    if (auto it = cache.constFind(key); it != cache.constEnd())
        return *it;
    QIcon icon;
    for (int size : { 16, 20, 24, 32 }) {
        for (qreal dpr : { 1.0, 2.0 }) {
            QPixmap pixmap(QSize(size, size) * dpr);
            pixmap.setDevicePixelRatio(dpr);
            pixmap.fill(Qt::transparent);
            QPainter painter(&pixmap);
            paintIcon(&painter, QRectF(1, 1, size - 2, size - 2), status);
            painter.end();
            icon.addPixmap(pixmap);
        }
    }
    cache.insert(key, icon);
    return icon;
}

int PipelineStatusStyle::severity(RunStatus status)
{
    return ci::rollupWeight(status); // one order for dots, tray and roll-ups
}

QString PipelineStatusStyle::duration(double seconds)
{
    if (seconds < 0)
        return {};
    const qint64 s = qRound64(seconds);
    if (s < 60)
        return QObject::tr("%1 s").arg(s);
    if (s < 3600)
        return QObject::tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QObject::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

} // namespace devdash::ui

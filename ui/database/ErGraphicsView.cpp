#include "ErGraphicsView.h"

#include "ErTableItem.h"

#include <QKeyEvent>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace devdash::ui {

namespace {
constexpr double MinZoom = 0.05;
constexpr double MaxZoom = 4.0;
} // namespace

ErGraphicsView::ErGraphicsView(QWidget *parent)
    : QGraphicsView(parent)
{
    setDragMode(ScrollHandDrag);
    setTransformationAnchor(AnchorUnderMouse);
    setResizeAnchor(AnchorViewCenter);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setViewportUpdateMode(BoundingRectViewportUpdate);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::StrongFocus);
}

void ErGraphicsView::setZoom(double factor)
{
    m_fitted = false;
    factor = std::clamp(factor, MinZoom, MaxZoom);
    const QTransform t = transform();
    setTransform(QTransform::fromScale(factor, factor).translate(t.dx(), t.dy()));
    Q_EMIT zoomChanged(zoom());
}

void ErGraphicsView::zoomBy(double factor)
{
    m_fitted = false;
    const double target = std::clamp(zoom() * factor, MinZoom, MaxZoom);
    if (qFuzzyCompare(target, zoom()))
        return;
    scale(target / zoom(), target / zoom());
    Q_EMIT zoomChanged(zoom());
}

void ErGraphicsView::fitAll()
{
    m_fitted = true;
    applyFit();
}

void ErGraphicsView::applyFit()
{
    // Hidden, the viewport has a placeholder size: fitting to it draws a speck.
    if (!scene() || !isVisible())
        return;
    const QRectF bounds = scene()->itemsBoundingRect().adjusted(-20, -20, 20, 20);
    if (bounds.isEmpty())
        return;
    fitInView(bounds, Qt::KeepAspectRatio);
    // Small schemas should not be blown up past their natural size.
    if (zoom() > 1.0)
        setTransform(QTransform());
    centerOn(bounds.center());
    Q_EMIT zoomChanged(zoom());
}

void ErGraphicsView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const double steps = event->angleDelta().y() / 120.0;
        zoomBy(std::pow(1.15, steps));
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void ErGraphicsView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1.25);
        return;
    case Qt::Key_Minus:
        zoomBy(1 / 1.25);
        return;
    case Qt::Key_0:
        fitAll();
        return;
    default:
        QGraphicsView::keyPressEvent(event);
    }
}

void ErGraphicsView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_fitted)
        applyFit();
}

void ErGraphicsView::showEvent(QShowEvent *event)
{
    QGraphicsView::showEvent(event);
    if (m_fitted)
        applyFit();
}

void ErGraphicsView::mouseDoubleClickEvent(QMouseEvent *event)
{
    for (QGraphicsItem *item : items(event->position().toPoint()))
        if (item->type() == ErTableItem::Type) {
            Q_EMIT tableActivated(static_cast<ErTableItem *>(item)->qualifiedName());
            return;
        }
    QGraphicsView::mouseDoubleClickEvent(event);
}

} // namespace devdash::ui

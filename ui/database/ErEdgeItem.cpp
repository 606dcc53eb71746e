#include "ErEdgeItem.h"

#include "ErPalette.h"
#include "ErTableItem.h"

#include <QPainter>
#include <QPainterPathStroker>

#include <cmath>

namespace devdash::ui {

namespace {
constexpr double ArrowLength = 9;
constexpr double ArrowHalfWidth = 4.5;
} // namespace

ErEdgeItem::ErEdgeItem(ErTableItem *from, const QString &fromColumn, ErTableItem *to, const QString &toColumn,
    const QString &name, const ErPalette *palette)
    : m_from(from)
    , m_to(to)
    , m_fromColumn(fromColumn)
    , m_toColumn(toColumn)
    , m_name(name)
    , m_palette(palette)
{
    setZValue(-1); // under the boxes
    setToolTip(name.isEmpty()
            ? QStringLiteral("%1.%2 → %3.%4").arg(from->tableName(), fromColumn, to->tableName(), toColumn)
            : QStringLiteral("%1: %2.%3 → %4.%5")
                  .arg(name, from->tableName(), fromColumn, to->tableName(), toColumn));
    updatePath();
}

void ErEdgeItem::updatePath()
{
    prepareGeometryChange();
    const QRectF a = m_from->sceneBox();
    const QRectF b = m_to->sceneBox();
    const double ya = m_from->anchorY(m_fromColumn);
    const double yb = m_to->anchorY(m_toColumn);
    QPointF start, end, c1, c2;
    double endDirection = 1; // +1: the arrow points right, -1: left
    if (m_from == m_to) {
        // A self reference: a loop out of the right side.
        start = QPointF(a.right(), ya);
        end = QPointF(a.right(), yb == ya ? ya + 12 : yb);
        c1 = start + QPointF(50, 0);
        c2 = end + QPointF(50, 0);
        endDirection = -1;
    } else if (b.right() + 20 < a.left()) {
        // The referenced table is to the left (the usual case with the layout).
        start = QPointF(a.left(), ya);
        end = QPointF(b.right(), yb);
        const double dx = std::max(40.0, (start.x() - end.x()) / 2);
        c1 = start - QPointF(dx, 0);
        c2 = end + QPointF(dx, 0);
        endDirection = -1;
    } else if (a.right() + 20 < b.left()) {
        start = QPointF(a.right(), ya);
        end = QPointF(b.left(), yb);
        const double dx = std::max(40.0, (end.x() - start.x()) / 2);
        c1 = start + QPointF(dx, 0);
        c2 = end - QPointF(dx, 0);
        endDirection = 1;
    } else {
        // Same column: out and back in on the right side.
        start = QPointF(a.right(), ya);
        end = QPointF(b.right(), yb);
        const double dx = 60 + std::abs(yb - ya) * 0.08;
        c1 = start + QPointF(dx, 0);
        c2 = end + QPointF(dx, 0);
        endDirection = -1;
    }
    // The curve stops where the arrow starts.
    const QPointF tip = end;
    const QPointF base = tip - QPointF(endDirection * ArrowLength, 0);
    m_path = QPainterPath(start);
    m_path.cubicTo(c1, c2 - QPointF(endDirection * ArrowLength, 0), base);
    m_arrow = QPolygonF({ tip, base + QPointF(0, ArrowHalfWidth), base - QPointF(0, ArrowHalfWidth) });
    // A small bar at the referencing end marks the "many" side.
    m_path.addEllipse(start, 2.5, 2.5);
}

QRectF ErEdgeItem::boundingRect() const
{
    return m_path.boundingRect().united(m_arrow.boundingRect()).adjusted(-3, -3, 3, 3);
}

QPainterPath ErEdgeItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(6);
    QPainterPath path = stroker.createStroke(m_path);
    path.addPolygon(m_arrow);
    return path;
}

void ErEdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const bool highlighted = m_from->isSelected() || m_to->isSelected();
    const QColor colour = highlighted ? m_palette->edgeHighlight : m_palette->edge;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(colour, highlighted ? 2.2 : 1.4));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawPolygon(m_arrow);
}

} // namespace devdash::ui

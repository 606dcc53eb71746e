#pragma once

// A foreign key in the ER diagram: a curve from the referencing column's row to
// the referenced column's row, with an arrow at the referenced end. Drawn in the
// highlight colour while either table is selected.

#include <QGraphicsItem>
#include <QPainterPath>
#include <QPolygonF>

namespace devdash::ui {

class ErTableItem;
struct ErPalette;

class ErEdgeItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 72 };

    ErEdgeItem(ErTableItem *from, const QString &fromColumn, ErTableItem *to, const QString &toColumn,
        const QString &name, const ErPalette *palette);

    ErTableItem *from() const { return m_from; }
    ErTableItem *to() const { return m_to; }
    QString name() const { return m_name; }
    // Recomputes the curve from the tables' current places.
    void updatePath();

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    ErTableItem *m_from;
    ErTableItem *m_to;
    QString m_fromColumn;
    QString m_toColumn;
    QString m_name;
    const ErPalette *m_palette;
    QPainterPath m_path;
    QPolygonF m_arrow;
};

} // namespace devdash::ui

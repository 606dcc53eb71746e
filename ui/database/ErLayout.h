#pragma once

// Automatic layout of an ER diagram, a Sugiyama-lite: tables are put in columns by
// foreign-key depth (a table that references nothing on the left, its referencing
// tables to its right), cycles broken, each column ordered by the barycentre of its
// neighbours over a few sweeps, tall columns wrapped, and tables without any key
// in a grid below. Pure geometry, no widgets: it runs on a worker.

#include <QList>
#include <QPointF>
#include <QSizeF>

#include <utility>

namespace devdash::ui {

struct ErLayoutInput
{
    QList<QSizeF> sizes; // one per table
    QList<std::pair<int, int>> edges; // (referencing, referenced) table indexes
    double horizontalGap = 110;
    double verticalGap = 36;
    double aspect = 1.6; // wanted width / height of the whole drawing
};

class ErLayout
{
public:
    // Top-left corner of each table, in the input's order.
    static QList<QPointF> compute(const ErLayoutInput &input);
    // Depth of each table: 0 when it references no other table (cycles broken).
    static QList<int> layers(int count, const QList<std::pair<int, int>> &edges);
};

} // namespace devdash::ui

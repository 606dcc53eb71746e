#pragma once

// A small chart of the last test runs: one bar per run, its height the number of
// tests, the failing part in red. Drawn with QPainter: a QtCharts view is too heavy
// for a card, and the Overview must draw in a few milliseconds.

#include "testresults/TrendQuery.h"

#include <QWidget>

namespace devdash::ui {

class Sparkline final : public QWidget
{
    Q_OBJECT
public:
    explicit Sparkline(QWidget *parent = nullptr);
    void setPoints(const QList<testresults::TrendPoint> &points);
    int pointCount() const { return int(m_points.size()); }
    QSize sizeHint() const override { return { 240, 48 }; }

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override; // tooltips per bar

private:
    int barAt(int x) const;
    QList<testresults::TrendPoint> m_points;
};

} // namespace devdash::ui

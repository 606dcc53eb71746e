#pragma once

// The ER diagram's viewport: Ctrl+wheel and +/− zoom around the pointer, dragging
// the background pans, 0 fits the drawing, double-clicking a table activates it.

#include <QGraphicsView>

namespace devdash::ui {

class ErGraphicsView final : public QGraphicsView
{
    Q_OBJECT
public:
    explicit ErGraphicsView(QWidget *parent = nullptr);

    double zoom() const { return transform().m11(); }
    void setZoom(double factor);
    void zoomBy(double factor);
    void fitAll();

Q_SIGNALS:
    void zoomChanged(double zoom);
    void tableActivated(const QString &qualifiedName);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
};

} // namespace devdash::ui

#pragma once

// The ER diagram's viewport: Ctrl+wheel and +/− zoom around the pointer, dragging
// the background pans, 0 fits the drawing, double-clicking a table activates it.
// A fit asked for while the view is hidden (a tab not shown yet) happens when it is
// shown, and a fitted drawing stays fitted as the view resizes until the user zooms.

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
    // The drawing is fitted and follows the view's size.
    bool isFitted() const { return m_fitted; }

Q_SIGNALS:
    void zoomChanged(double zoom);
    void tableActivated(const QString &qualifiedName);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void applyFit();

    bool m_fitted = false;
};

} // namespace devdash::ui

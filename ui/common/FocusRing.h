#pragma once

// A ring in the highlight colour around the widget that has the keyboard focus, for
// the widgets whose own focus shows faintly or not at all (frameless tables, trees,
// text panes, diagrams, auto-raised tool buttons), so that keyboard-only use always
// shows where it is. Drawn inside the widget's edge (a parent's layout leaves no
// room outside it) by an overlay that lets the mouse through.

#include <QList>
#include <QPointer>
#include <QWidget>

namespace devdash::ui {

class FocusRing final : public QWidget
{
    Q_OBJECT
public:
    // Rings the focus among the descendants of `window` from now on. The ring lives
    // beside the focused widget, so it may go with that widget's parent: it is made
    // again when needed.
    static void install(QWidget *window);
    // The window's ring (null before anything was focused).
    static FocusRing *of(const QWidget *window);

    // The widget ringed now (null: none).
    QWidget *target() const { return m_target; }
    // Widgets that get the ring: those that draw no clear focus of their own.
    static bool wantsRing(const QWidget *widget);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    explicit FocusRing(QWidget *window);
    void follow(QWidget *widget);
    void place();

    QPointer<QWidget> m_window;
    QPointer<QWidget> m_target;
    QList<QPointer<QWidget>> m_watched; // the target and its ancestors below the ring's parent
};

} // namespace devdash::ui

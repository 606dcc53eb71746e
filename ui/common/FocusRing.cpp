#include "FocusRing.h"

#include <QAbstractScrollArea>
#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QLineEdit>
#include <QPainter>
#include <QSplitter>
#include <QToolButton>
#include <algorithm>

namespace devdash::ui {

namespace {
constexpr int Thickness = 2;
} // namespace

FocusRing::FocusRing(QWidget *window)
    : QWidget(window)
    , m_window(window)
{
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    setFocusPolicy(Qt::NoFocus);
    setObjectName(QStringLiteral("focusRing"));
    hide();
}

void FocusRing::install(QWidget *window)
{
    auto *tracker = new QObject(window);
    QObject::connect(qApp, &QApplication::focusChanged, tracker,
        [window, ring = QPointer<FocusRing>()](QWidget *, QWidget *now) mutable {
            if (!ring && !(now && wantsRing(now) && window->isAncestorOf(now)))
                return;
            if (!ring)
                ring = new FocusRing(window);
            ring->follow(now);
        });
}

FocusRing *FocusRing::of(const QWidget *window)
{
    return window->findChild<FocusRing *>();
}

bool FocusRing::wantsRing(const QWidget *widget)
{
    if (!widget)
        return false;
    // Line edits and combo boxes draw a highlighted frame themselves.
    if (qobject_cast<const QLineEdit *>(widget) || qobject_cast<const QComboBox *>(widget))
        return false;
    return qobject_cast<const QAbstractScrollArea *>(widget) || qobject_cast<const QToolButton *>(widget);
}

void FocusRing::follow(QWidget *widget)
{
    for (QWidget *watched : std::as_const(m_watched))
        if (watched)
            watched->removeEventFilter(this);
    m_watched.clear();
    m_target = nullptr;
    if (!widget || !m_window || !wantsRing(widget) || !m_window->isAncestorOf(widget)
        || !widget->parentWidget()) {
        hide();
        if (m_window && parentWidget() != m_window)
            setParent(m_window); // not beside a widget that may go
        return;
    }
    m_target = widget;
    // Beside the widget, but never inside a splitter: a splitter makes every child
    // widget a pane of its own.
    QWidget *host = widget->parentWidget();
    while (qobject_cast<QSplitter *>(host) && host->parentWidget() && host != m_window)
        host = host->parentWidget();
    if (parentWidget() != host)
        setParent(host);
    // The widget and the ancestors between it and the ring move it.
    for (QWidget *w = widget; w && w != host; w = w->parentWidget()) {
        w->installEventFilter(this);
        m_watched << w;
    }
    place();
}

void FocusRing::place()
{
    if (!m_target || !m_target->isVisible() || !parentWidget() || !parentWidget()->isAncestorOf(m_target)) {
        hide();
        return;
    }
    const QRect rect(m_target->mapTo(parentWidget(), QPoint(0, 0)), m_target->size());
    setGeometry(rect);
    const QRect local(QPoint(0, 0), rect.size());
    setMask(QRegion(local).subtracted(QRegion(local.adjusted(Thickness, Thickness, -Thickness, -Thickness))));
    show();
    raise();
}

bool FocusRing::eventFilter(QObject *watched, QEvent *event)
{
    const bool watching = std::any_of(m_watched.cbegin(), m_watched.cend(),
        [watched](const QPointer<QWidget> &w) { return w.data() == watched; });
    if (watching && event->type() == QEvent::ParentChange) {
        QMetaObject::invokeMethod(
            this, [this] { follow(m_target); }, Qt::QueuedConnection);
    } else if (watching) {
        switch (event->type()) {
        case QEvent::Move:
        case QEvent::Resize:
        case QEvent::Show:
        case QEvent::Hide:
        case QEvent::ZOrderChange:
            place();
            break;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void FocusRing::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    QPen pen(palette().color(QPalette::Active, QPalette::Highlight), Thickness);
    pen.setJoinStyle(Qt::MiterJoin);
    painter.setPen(pen);
    painter.drawRect(
        QRectF(rect()).adjusted(Thickness / 2.0, Thickness / 2.0, -Thickness / 2.0, -Thickness / 2.0));
}

} // namespace devdash::ui

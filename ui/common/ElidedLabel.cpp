#include "ElidedLabel.h"

#include <QPainter>
#include <QResizeEvent>
#include <QStyle>

namespace devdash::ui {

ElidedLabel::ElidedLabel(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(false);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void ElidedLabel::setText(const QString &text)
{
    QLabel::setText(text);
    updateElision();
}

QSize ElidedLabel::minimumSizeHint() const
{
    const QSize least = QLabel::minimumSizeHint();
    const QMargins m = contentsMargins();
    return QSize(
        fontMetrics().horizontalAdvance(QStringLiteral("…")) * 3 + m.left() + m.right() + 2 * margin(),
        least.height());
}

void ElidedLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    updateElision();
}

void ElidedLabel::updateElision()
{
    const int room = contentsRect().width() - 2 * margin();
    const bool elided = fontMetrics().horizontalAdvance(text()) > room;
    if (elided == m_elided && (!elided || toolTip() == text()))
        return;
    if (!m_elided)
        m_ownToolTip = toolTip();
    m_elided = elided;
    setToolTip(elided ? text() : m_ownToolTip);
}

void ElidedLabel::paintEvent(QPaintEvent *event)
{
    if (!m_elided) {
        QLabel::paintEvent(event);
        return;
    }
    QPainter painter(this);
    drawFrame(&painter);
    const QRect room = contentsRect().adjusted(margin(), margin(), -margin(), -margin());
    const QString shown = fontMetrics().elidedText(text(), Qt::ElideRight, room.width());
    style()->drawItemText(&painter, room, int(alignment()) | Qt::TextSingleLine, palette(), isEnabled(),
        shown, foregroundRole());
}

} // namespace devdash::ui

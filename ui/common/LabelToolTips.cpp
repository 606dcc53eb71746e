#include "LabelToolTips.h"

#include <QAbstractTextDocumentLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QTextCursor>
#include <QTextDocument>
#include <QToolTip>

namespace devdash::ui {

void LabelToolTips::install(QLabel *label)
{
    label->installEventFilter(new LabelToolTips(label));
}

QString LabelToolTips::toolTipAt(const QLabel *label, QPoint pos)
{
    if (!Qt::mightBeRichText(label->text()) && label->textFormat() != Qt::RichText)
        return {};
    // Lay the text out as QLabel does: its font, no document margin, wrapped to the
    // contents width, placed by the label's alignment.
    QTextDocument doc;
    doc.setDefaultFont(label->font());
    doc.setDocumentMargin(0);
    doc.setHtml(label->text());
    const int margin = label->margin();
    QRect area = label->contentsRect().adjusted(margin, margin, -margin, -margin);
    const Qt::Alignment align = label->alignment();
    // A framed label indents its text by half an "x" unless told otherwise.
    int indent = label->indent();
    if (indent < 0 && label->frameWidth() > 0)
        indent = label->fontMetrics().horizontalAdvance(QLatin1Char('x')) / 2 - margin;
    if (indent > 0) {
        if (align & Qt::AlignLeft)
            area.setLeft(area.left() + indent);
        if (align & Qt::AlignRight)
            area.setRight(area.right() - indent);
        if (align & Qt::AlignTop)
            area.setTop(area.top() + indent);
        if (align & Qt::AlignBottom)
            area.setBottom(area.bottom() - indent);
    }
    if (label->wordWrap())
        doc.setTextWidth(area.width());
    else
        doc.adjustSize();
    const QSizeF size = doc.size();
    QPointF origin = area.topLeft();
    if (align & Qt::AlignHCenter)
        origin.rx() += (area.width() - size.width()) / 2;
    else if (align & Qt::AlignRight)
        origin.rx() += area.width() - size.width();
    if (align & Qt::AlignVCenter)
        origin.ry() += (area.height() - size.height()) / 2;
    else if (align & Qt::AlignBottom)
        origin.ry() += area.height() - size.height();
    const int at = doc.documentLayout()->hitTest(QPointF(pos) - origin, Qt::ExactHit);
    if (at < 0)
        return {};
    QTextCursor cursor(&doc);
    cursor.setPosition(at);
    cursor.movePosition(QTextCursor::NextCharacter); // charFormat() is the character before
    return cursor.charFormat().toolTip();
}

bool LabelToolTips::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return false;
    auto *label = qobject_cast<QLabel *>(watched);
    auto *help = static_cast<QHelpEvent *>(event);
    const QString tip = label ? toolTipAt(label, help->pos()) : QString();
    if (tip.isEmpty())
        return false; // the label's own tooltip, if any
    QToolTip::showText(help->globalPos(), tip, label);
    return true;
}

} // namespace devdash::ui

#include "PlainToolTips.h"

#include <QApplication>
#include <QEvent>
#include <QLabel>
#include <QPointer>

namespace devdash::ui {

void PlainToolTips::install()
{
    static QPointer<PlainToolTips> installed;
    if (installed || !qApp)
        return;
    installed = new PlainToolTips(qApp);
    qApp->installEventFilter(installed);
}

bool PlainToolTips::eventFilter(QObject *watched, QEvent *event)
{
    // QToolTip shows its text in a QLabel subclass, QTipLabel, polished in its
    // constructor before the text is set: made plain there, the text is laid out
    // (and sized) as plain text from the start. Show is the fallback for a label
    // polished some other way.
    const QEvent::Type type = event->type();
    if ((type == QEvent::Polish || type == QEvent::Show) && watched->inherits("QTipLabel")) {
        auto *label = static_cast<QLabel *>(watched);
        if (label->textFormat() != Qt::PlainText) {
            label->setTextFormat(Qt::PlainText);
            if (type == QEvent::Show)
                label->adjustSize();
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace devdash::ui

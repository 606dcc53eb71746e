#pragma once

// QLabel lays out rich text but, unlike QTextBrowser, never shows the tooltips of its
// parts (<span title="…">). Cards and banners carry several times each, and each time's
// exact form (DisplayTime::exact) belongs in a tooltip of its own: this filter shows the
// title of the text under the mouse.

#include <QObject>
#include <QPoint>
#include <QString>

class QLabel;

namespace devdash::ui {

class LabelToolTips final : public QObject
{
    Q_OBJECT
public:
    static void install(QLabel *label);

    // The title of the rich text at `pos` (label coordinates); empty over plain text.
    static QString toolTipAt(const QLabel *label, QPoint pos);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    using QObject::QObject;
};

} // namespace devdash::ui

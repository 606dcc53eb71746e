#pragma once

// Every tool tip of DevDash is plain text. Tool tips show branch and test names,
// table names, cell values, CI job names — text from repositories, databases and
// servers DevDash does not control — and Qt renders a tool tip as rich text when
// it merely looks like HTML (Qt::mightBeRichText): a test named `<h1>x` would be
// drawn as a heading, an <img> would load a file. Rather than escaping at each of
// the many places a tool tip comes from (widgets, item models, graphics items,
// combo boxes), the one label Qt shows tool tips in is switched to plain text as
// it is created. Line breaks in a tool tip are written as "\n".

#include <QObject>

namespace devdash::ui {

class PlainToolTips final : public QObject
{
    Q_OBJECT

public:
    // Installs the guard on the application (once; later calls do nothing).
    static void install();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    using QObject::QObject;
};

} // namespace devdash::ui

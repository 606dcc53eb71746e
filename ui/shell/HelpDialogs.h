#pragma once

// Help → Keyboard Shortcuts (generated from the window's actions, so it never
// goes stale) and Help → Search Syntax (History's search terms).

#include <QList>
#include <QString>

#include <utility>

class QDialog;
class QMenu;
class QWidget;

namespace devdash::ui {

class HelpDialogs
{
public:
    // Adds both entries to `help`; the dialogs are built for `window` when asked for.
    static void addTo(QMenu *help, QWidget *window);

    // Every action of `window` (menus, toolbars, pages) that has a shortcut, as
    // ("View › History", "Ctrl+3"), in menu order.
    static QList<std::pair<QString, QString>> shortcuts(const QWidget *window);
    static QDialog *shortcutsDialog(QWidget *window);
    static QDialog *searchSyntaxDialog(QWidget *window);
};

} // namespace devdash::ui

#pragma once

// The Tests page's context menus. On a test of a run: copy its name, open its
// file at its line in the editor, show its history. On a run: compare it with the
// base branch, copy its commit, delete it (after asking). Built on demand; the
// actions have object names so that tests can trigger them.

class QMenu;
class QModelIndex;
class QWidget;

#include <QtGlobal>

namespace devdash::ui {

class TestsPage;

class TestsContextMenus
{
public:
    // Opens the menus on a right click in the page's run tree and runs table.
    static void install(TestsPage *page);
    // `index`: of the page's tree view (its proxy). The caller owns the menu.
    static QMenu *forCase(TestsPage *page, const QModelIndex &index, QWidget *parent);
    static QMenu *forRun(TestsPage *page, qint64 runId, QWidget *parent);
    // Asks "Delete run #N?", then deletes it through the store.
    static void confirmAndDelete(TestsPage *page, qint64 runId);
};

} // namespace devdash::ui

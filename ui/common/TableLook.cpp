#include "TableLook.h"

#include <QHeaderView>
#include <QTableView>

namespace devdash::ui {

void TableLook::apply(QTableView *view, Options options)
{
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->setShowGrid(false);
    view->setWordWrap(false);
    view->setAlternatingRowColors(options.testFlag(AlternatingRows));
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    if (options.testFlag(SingleSelection))
        view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setTabKeyNavigation(false); // Tab goes on to the next pane; arrows move between rows
    view->setFrameShape(QFrame::NoFrame);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
}

} // namespace devdash::ui

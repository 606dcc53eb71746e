#pragma once

// The look DevDash's list-like tables share: no grid and no row numbers, rows of
// one line a little taller than the font, whole rows selected, read-only,
// headers left-aligned and not highlighted.

#include <QFlags>

class QTableView;

namespace devdash::ui {

class TableLook
{
public:
    enum Option {
        AlternatingRows = 0x1,
        SingleSelection = 0x2,
    };
    Q_DECLARE_FLAGS(Options, Option)

    static void apply(QTableView *view, Options options = {});
};

Q_DECLARE_OPERATORS_FOR_FLAGS(TableLook::Options)

} // namespace devdash::ui

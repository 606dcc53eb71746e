#pragma once

// What the Schema Diff tab shows of a change, side by side: the before and the
// after pane as HTML (a table's whole state with its changed objects coloured, or
// one object's two states with the fields that differ), and the mark and colour of
// a change in the tree. Colours follow the light or dark palette.

#include "schema/SchemaDiff.h"

#include <QColor>
#include <QCoreApplication>
#include <QPair>
#include <QString>

namespace devdash::ui {

class SchemaDiffPanes
{
    Q_DECLARE_TR_FUNCTIONS(SchemaDiffPanes)

public:
    using Panes = QPair<QString, QString>; // (before, after)

    static Panes ofTable(const schema::TableDiff &table);
    // `withFields`: list the fields that differ under the two states (objects of a table).
    static Panes ofObject(const schema::ObjectChange &change, bool withFields);

    static QString mark(schema::ChangeKind kind); // "+", "−", "~"
    static QColor colour(schema::ChangeKind kind);
};

} // namespace devdash::ui

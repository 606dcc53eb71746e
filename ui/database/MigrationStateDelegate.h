#pragma once

// Paints a migration's state as a coloured dot and word (applied green, pending
// blue, failed red, missing orange, checksum mismatch purple, out of order amber,
// future teal), readable on both palettes. Used by the migration list and the
// matrix's environment columns.

#include "schema/migrations/Migration.h"

#include <QSet>
#include <QStyledItemDelegate>

namespace devdash::ui {

class MigrationStateDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    // `stateRole` holds int(MigrationState); only `columns` are painted (empty: any column that has it).
    MigrationStateDelegate(int stateRole, QSet<int> columns, QObject *parent = nullptr);

    static QColor colour(migrations::MigrationState state);
    static QString label(migrations::MigrationState state);

    void paint(
        QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_stateRole;
    QSet<int> m_columns;
};

} // namespace devdash::ui

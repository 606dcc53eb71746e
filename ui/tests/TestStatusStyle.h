#pragma once

// How a test status looks everywhere on the Tests page and the History badges:
// one colour per status that reads on the light and the dark palette, and a
// delegate that puts a coloured marker before the text of status columns.

#include "testresults/TestReport.h"

#include <QColor>
#include <QSet>
#include <QStyledItemDelegate>

namespace devdash::ui {

class TestStatusStyle
{
public:
    static QColor color(testresults::TestStatus status);
    static QColor absentColor();
};

class TestStatusDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    // `statusRole` holds int(TestStatus) (or -1: absent) on the `columns` given.
    TestStatusDelegate(int statusRole, QSet<int> columns, QObject *parent = nullptr);

    void paint(
        QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_role;
    QSet<int> m_columns;
};

} // namespace devdash::ui

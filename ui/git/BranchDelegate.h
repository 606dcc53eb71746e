#pragma once

// Paints the Branches tree: the checked-out branch bold with a marker, merged
// branches greyed with a "merged" badge, stale ones italic and dimmed, groups bold,
// and ahead/behind as compact "↑n ↓m" with small green and red bars.

#include <QFontMetrics>
#include <QStyledItemDelegate>

namespace devdash::ui {

class BranchDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit BranchDelegate(QObject *parent = nullptr);

    void paint(
        QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    // Wide enough for the bars and the widest compact pair: numbers are never cut.
    static int deltaColumnWidth(const QFontMetrics &metrics);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    void paintDelta(QPainter *painter, const QStyleOptionViewItem &option, const QVariant &ahead,
        const QVariant &behind, bool isBase) const;
    void paintName(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
};

} // namespace devdash::ui

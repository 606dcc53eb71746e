#pragma once

// Lays widgets out left to right in equal columns and wraps to a new row when the
// next one does not fit (cards that stand side by side on a wide window and two by
// two on a laptop). A column is as wide as the widest item wants, or, when `stretch`
// is on, the row's width shared evenly; rows are as tall as their tallest item.

#include <QLayout>
#include <QList>

namespace devdash::ui {

class FlowLayout final : public QLayout
{
public:
    explicit FlowLayout(QWidget *parent = nullptr, int spacing = 8);
    ~FlowLayout() override;

    void setStretchItems(bool stretch) { m_stretch = stretch; }

    void addItem(QLayoutItem *item) override;
    int count() const override;
    QLayoutItem *itemAt(int index) const override;
    QLayoutItem *takeAt(int index) override;
    Qt::Orientations expandingDirections() const override;
    bool hasHeightForWidth() const override;
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect &rect) override;

private:
    int doLayout(const QRect &rect, bool apply) const;

    QList<QLayoutItem *> m_items;
    bool m_stretch = true;
};

} // namespace devdash::ui

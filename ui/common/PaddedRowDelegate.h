#pragma once

// Rows with some air (the default delegate packs text edge to edge) and, optionally,
// secondary columns in a muted colour; for plain lists such as a comparison's commits.

#include <QSet>
#include <QStyledItemDelegate>

namespace devdash::ui {

class PaddedRowDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit PaddedRowDelegate(
        QSet<int> mutedColumns = {}, QSet<int> monospaceColumns = {}, QObject *parent = nullptr);

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    QSet<int> m_muted;
    QSet<int> m_monospace;
};

} // namespace devdash::ui

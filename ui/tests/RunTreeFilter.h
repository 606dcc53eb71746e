#pragma once

// Filters a RunTreeModel: failing cases only, and/or cases whose name, class or
// message contain a text. A suite stays while any of its cases does.

#include <QSortFilterProxyModel>

namespace devdash::ui {

class RunTreeFilter final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit RunTreeFilter(QObject *parent = nullptr);

    void setFailedOnly(bool failedOnly);
    void setText(const QString &text);
    bool failedOnly() const { return m_failedOnly; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_failedOnly = false;
    QString m_text;
};

} // namespace devdash::ui

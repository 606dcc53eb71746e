#pragma once

// A plain list of commits (short id, summary, author, date) read by a worker, for
// the "only in A / only in B" lists of a comparison. Widget-free.

#include <QAbstractTableModel>
#include <QDateTime>

#include <vector>

namespace devdash::ui {

struct CommitRow
{
    QString id; // 40 hex
    QString summary;
    QString author;
    QDateTime authoredAt;
};

class CommitListModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { CommitColumn, SummaryColumn, AuthorColumn, DateColumn, ColumnCount };
    enum Role { CommitIdRole = Qt::UserRole + 1, SortRole };
    Q_ENUM(Role)

    explicit CommitListModel(QObject *parent = nullptr);

    // `total`: how many commits there are when the list holds only the first ones.
    void setCommits(std::vector<CommitRow> rows, int total = -1);
    void clear() { setCommits({}); }
    int total() const { return m_total; }
    const CommitRow &at(int row) const { return m_rows[size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<CommitRow> m_rows;
    int m_total = 0;
};

} // namespace devdash::ui

#pragma once

// The latest pipeline status of each branch on the Branches page: a status dot
// before the tip's commit id, the run in its tooltip. It installs itself as the
// delegate of the commit column and leaves the rest of the painting to the
// delegate that was there, so the page only has to create it and tell it the
// repository. The runs come from the store (latest per branch), on a worker.

#include "ci/PipelineRun.h"

#include <QHash>
#include <QPointer>
#include <QStyledItemDelegate>

#include <optional>

class QAbstractItemView;

namespace devdash::ui {

class BranchPipelineStatus final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    // `view` shows a git::BranchModel (possibly through proxies); `column` is
    // where the dot goes (BranchModel::CommitColumn).
    BranchPipelineStatus(QAbstractItemView *view, int column, QObject *parent = nullptr);

    void setRepository(const QString &path);
    void reload();
    // The newest run of a branch (local name; remote-tracking names match by
    // their branch part: origin/main → main).
    std::optional<ci::PipelineRun> latestRun(const QString &branch) const;
    bool isLoaded() const { return m_loaded; }

    void paint(
        QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
        const QModelIndex &index) override;

Q_SIGNALS:
    void loaded();

private:
    std::optional<ci::PipelineRun> runOf(const QModelIndex &index) const;

    QPointer<QAbstractItemView> m_view;
    QPointer<QAbstractItemDelegate> m_inner; // what painted the column before
    int m_column;
    QString m_path;
    quint64 m_generation = 0;
    bool m_loaded = false;
    QHash<QString, ci::PipelineRun> m_latest;
};

} // namespace devdash::ui

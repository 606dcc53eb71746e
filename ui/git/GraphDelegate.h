#pragma once

// Paints the history table: the graph column (coloured lanes, commit dots, lines to
// parents) from HistoryModel::GraphRowRole, ref labels as rounded badges before the
// summary, a "…" placeholder until the row's metadata is loaded, and muted secondary
// columns. Works for CommitSearchModel too (no graph: a plain dot).

#include "git/RefInfo.h"

#include <QStyledItemDelegate>

#include <functional>
#include <optional>

namespace devdash::ui {

class GraphDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using RefKindLookup = std::function<std::optional<git::RefKind>(const QString &shortName)>;

    explicit GraphDelegate(QObject *parent = nullptr);

    // Tells badges apart (branch, remote, tag); names it does not know are guessed.
    void setRefKindLookup(RefKindLookup lookup) { m_kindOf = std::move(lookup); }
    // The checked-out branch: its badge is highlighted like HEAD.
    void setCurrentBranch(const QString &name) { m_currentBranch = name; }
    // A commit's test badge (text, failing), when it has test runs.
    using TestBadgeLookup = std::function<std::optional<std::pair<QString, bool>>(const QString &commitId)>;
    void setTestBadgeLookup(TestBadgeLookup lookup) { m_testBadge = std::move(lookup); }
    // Paints a commit's pipeline status dot at the left of the rect; returns the width taken.
    using StatusDotPainter = std::function<int(QPainter *, const QRect &, const QString &commitId)>;
    void setStatusDotPainter(StatusDotPainter painter) { m_statusDot = std::move(painter); }

    static constexpr int LaneWidth = 14;
    // Lanes squeeze down to this pitch before the column outgrows its cap.
    static constexpr int MinLaneWidth = 5;
    static int graphWidth(int lanes, int pitch = LaneWidth) { return qMax(44, lanes * pitch + 10); }
    // The pitch that fits `lanes` in `width` (at most LaneWidth, at least MinLaneWidth).
    static int pitchFor(int lanes, int width)
    {
        return qBound(MinLaneWidth, (width - 10) / qMax(1, lanes), int(LaneWidth));
    }

    // One pitch for every row, so that lines meet from row to row; the page sets it
    // from the lanes in view and the column's width.
    void setLanePitch(int pitch) { m_pitch = qBound(MinLaneWidth, pitch, int(LaneWidth)); }
    int lanePitch() const { return m_pitch; }
    // Where a lane's line and dot sit, from the left of the graph column.
    qreal laneCenter(int lane) const { return 5 + lane * m_pitch + m_pitch / 2.0; }
    // The dot's radius at this pitch (merges, tips and plain commits alike fit in it).
    qreal dotRadius() const { return qMin(4.8, m_pitch / 2.0 - 0.5); }

    void paint(
        QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // One badge; returns its width. Shared with other views showing refs.
    static int paintBadge(QPainter *painter, const QPoint &topLeft, int height, const QString &text,
        const QColor &color, bool emphasised, const QFont &font);
    static int badgeWidth(const QString &text, const QFont &font);

protected:
    // A soft selection colour, so lane colours and badges stay readable on the selected row.
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    void paintGraph(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    void paintSummary(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    QColor badgeColor(const QString &ref, bool *emphasised) const;

    RefKindLookup m_kindOf;
    TestBadgeLookup m_testBadge;
    StatusDotPainter m_statusDot;
    QString m_currentBranch;
    int m_pitch = LaneWidth;
};

} // namespace devdash::ui

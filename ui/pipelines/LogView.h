#pragma once

// A job's log as a terminal would show it: ANSI colours (models/ci/AnsiText), line
// numbers, search with every match highlighted and next/previous, and follow mode
// (stay at the bottom while lines arrive; scrolling up leaves it). Painted line by
// line, so a log of a million lines costs only what is on screen; a whole log is
// parsed on a worker, live chunks as they come.

#include "ci/AnsiText.h"
#include "common/CancelToken.h"

#include <QAbstractScrollArea>
#include <QFont>
#include <QList>

namespace devdash::ui {

class LogView final : public QAbstractScrollArea
{
    Q_OBJECT
public:
    struct Match
    {
        int line = 0;
        int start = 0;
        int length = 0;
    };

    explicit LogView(QWidget *parent = nullptr);
    ~LogView() override;

    // Replaces the log; parsed on a worker, loaded() when shown.
    void setLog(const QString &text);
    // Reads a log file on a worker (local runs keep theirs on disk).
    void loadFile(const QString &path);
    // Appends output as it arrives (a live run); a trailing partial line is shown
    // and completed by the next chunk.
    void appendText(const QString &chunk);
    // Empties the view, showing `placeholder` in its middle.
    void clear(const QString &placeholder = {});

    bool isLoading() const { return m_loading; }
    int lineCount() const;
    // A line's visible text (escape sequences removed, tabs expanded).
    QString lineText(int line) const;
    const ci::AnsiLine &line(int index) const;
    QString placeholder() const { return m_placeholder; }

    // Highlights every match of `query` (case-insensitive) and makes the first one
    // at or below the top line current; returns the number of matches.
    int find(const QString &query);
    void findNext();
    void findPrevious();
    QString query() const { return m_query; }
    int matchCount() const { return int(m_matches.size()); }
    int currentMatch() const { return m_current; } // -1: none
    const QList<Match> &matches() const { return m_matches; }

    void setFollow(bool follow);
    bool follow() const { return m_follow; }
    bool isAtBottom() const;
    int firstVisibleLine() const;
    void scrollToLine(int line);

    // Copies the selected lines (all when none), without escape sequences.
    void copy() const;
    void selectAll();

Q_SIGNALS:
    void loaded();
    void followChanged(bool follow);
    void matchesChanged(int current, int count);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void appendLines(QList<ci::AnsiLine> lines);
    void updateScrollBars();
    void updateMetrics();
    void scrollToBottom();
    void makeCurrentVisible();
    void setCurrentMatch(int index);
    void searchLines(int from);
    int lineAt(int y) const;
    int gutterWidth() const;
    QColor colorOf(const ci::AnsiColor &color, bool bold) const;

    QList<ci::AnsiLine> m_lines;
    QString m_partial; // raw text of the unfinished last line
    ci::AnsiLine m_partialLine;
    ci::AnsiStyle m_state; // SGR state after the last complete line
    QString m_placeholder;
    bool m_loading = false;
    quint64 m_generation = 0;
    CancelToken m_cancel;
    QString m_pendingAppend; // live output that arrived while a load ran

    QString m_query;
    QList<Match> m_matches;
    int m_current = -1;

    bool m_follow = false;
    bool m_autoScrolling = false;
    int m_selFirst = -1;
    int m_selLast = -1;
    int m_maxColumns = 0;

    QFont m_font;
    QFont m_boldFont;
    int m_lineHeight = 16;
    int m_charWidth = 8;
    int m_ascent = 12;
};

} // namespace devdash::ui

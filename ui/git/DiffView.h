#pragma once

// A read-only unified diff of one file: old and new line numbers in gutters, added
// lines on green, deleted on red, distinct hunk headers, a monospace font, and notes
// for binary, too large and truncated patches. Paints only the visible lines, so a
// 20,000-line patch scrolls as fast as a small one. Lines can be selected with the
// mouse (Shift extends) and copied with Ctrl+C.

#include "git/CommitDiff.h"

#include <QAbstractScrollArea>

#include <vector>

namespace devdash::ui {

class DiffView final : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit DiffView(QWidget *parent = nullptr);

    // `tooLargeBytes`: the size of the file when it was too large to diff (0: unknown).
    void setPatch(const git::FilePatch &patch, qint64 tooLargeBytes = 0);
    // Shows a centred message instead of a patch ("Select a file", an error…).
    void setMessage(const QString &message);
    void clear() { setMessage({}); }

    int lineCount() const { return int(m_rows.size()); }
    QString message() const { return m_message; }
    QStringList notes() const; // binary / too large / truncated notes shown
    QString text() const; // the patch as text (what Ctrl+C copies without a selection)

    static QString tooLargeNote(qint64 bytes);
    static QString truncatedNote();
    static QString binaryNote();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    struct Row
    {
        enum Kind { FileHeader, Hunk, Context, Added, Deleted, NoNewline, Note };
        Kind kind = Context;
        int oldLine = -1;
        int newLine = -1;
        QString text;
    };
    void updateMetrics();
    void updateScrollBars();
    int rowAt(int y) const;
    QString rowText(const Row &row) const;
    void copySelection() const;

    std::vector<Row> m_rows;
    QString m_message;
    int m_lineHeight = 16;
    int m_charWidth = 8;
    int m_numberWidth = 40; // one gutter column
    int m_longestLine = 0; // characters
    int m_anchor = -1;
    int m_selectionFirst = -1;
    int m_selectionLast = -1;
};

} // namespace devdash::ui

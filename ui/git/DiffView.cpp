#include "DiffView.h"

#include "common/Theme.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QLocale>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>

namespace devdash::ui {

namespace {
QString expandTabs(const QString &text)
{
    if (!text.contains(QLatin1Char('\t')))
        return text;
    QString out;
    out.reserve(text.size() + 16);
    for (QChar c : text) {
        if (c == QLatin1Char('\t'))
            out += QString(4 - out.size() % 4, QLatin1Char(' '));
        else
            out += c;
    }
    return out;
}
} // namespace

DiffView::DiffView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(qMax(8.0, font().pointSizeF() - 0.5));
    setFont(mono);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setCursor(Qt::IBeamCursor);
    updateMetrics();
}

QString DiffView::binaryNote()
{
    return tr("Binary file — not shown");
}

QString DiffView::tooLargeNote(qint64 bytes)
{
    if (bytes <= 0)
        return tr("File too large to diff (over %1 MB)").arg(git::DiffLimits::maxFileBytes / (1024 * 1024));
    return tr("File too large to diff (%1 MB)")
        .arg(QLocale().toString(double(bytes) / (1024.0 * 1024.0), 'f', 1));
}

QString DiffView::truncatedNote()
{
    return tr("Diff truncated after %1 lines")
        .arg(QLocale(QLocale::English).toString(git::DiffLimits::maxPatchLines));
}

void DiffView::setPatch(const git::FilePatch &patch, qint64 tooLargeBytes)
{
    m_rows.clear();
    m_message.clear();
    m_anchor = m_selectionFirst = m_selectionLast = -1;
    const git::FileChange &change = patch.change;
    QString header = change.path;
    if (!change.oldPath.isEmpty() && change.oldPath != change.path)
        header = change.oldPath + QStringLiteral(" → ") + change.path;
    header = git::changeStatusName(change.status) + QStringLiteral("  ") + header;
    m_rows.push_back({ Row::FileHeader, -1, -1, header });

    if (change.tooLarge) {
        m_rows.push_back({ Row::Note, -1, -1, tooLargeNote(tooLargeBytes) });
    } else if (change.binary) {
        m_rows.push_back({ Row::Note, -1, -1, binaryNote() });
    } else {
        size_t total = 1;
        for (const git::DiffHunk &hunk : patch.hunks)
            total += hunk.lines.size() + 1;
        m_rows.reserve(total + 1);
        for (const git::DiffHunk &hunk : patch.hunks) {
            m_rows.push_back({ Row::Hunk, -1, -1, hunk.header });
            for (const git::DiffLine &line : hunk.lines) {
                Row::Kind kind = Row::Context;
                if (line.origin == '+')
                    kind = Row::Added;
                else if (line.origin == '-')
                    kind = Row::Deleted;
                else if (line.origin == '\\')
                    kind = Row::NoNewline;
                m_rows.push_back({ kind, line.oldLine, line.newLine, expandTabs(line.text) });
            }
        }
        if (patch.hunks.empty())
            m_rows.push_back({ Row::Note, -1, -1, tr("No content changes (mode or rename only)") });
        if (patch.truncated)
            m_rows.push_back({ Row::Note, -1, -1, truncatedNote() });
    }
    updateMetrics();
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
    viewport()->update();
}

void DiffView::setMessage(const QString &message)
{
    m_rows.clear();
    m_message = message;
    m_anchor = m_selectionFirst = m_selectionLast = -1;
    updateMetrics();
    viewport()->update();
}

QStringList DiffView::notes() const
{
    QStringList out;
    for (const Row &row : m_rows)
        if (row.kind == Row::Note)
            out << row.text;
    return out;
}

QString DiffView::rowText(const Row &row) const
{
    switch (row.kind) {
    case Row::Added:
        return QLatin1Char('+') + row.text;
    case Row::Deleted:
        return QLatin1Char('-') + row.text;
    case Row::Context:
        return QLatin1Char(' ') + row.text;
    default:
        return row.text;
    }
}

QString DiffView::text() const
{
    QStringList lines;
    lines.reserve(qsizetype(m_rows.size()));
    for (const Row &row : m_rows)
        lines << rowText(row);
    return lines.join(QLatin1Char('\n'));
}

void DiffView::updateMetrics()
{
    const QFontMetrics fm(font());
    m_lineHeight = fm.height() + 2;
    m_charWidth = qMax(1, fm.horizontalAdvance(QLatin1Char('0')));
    int maxNumber = 0;
    m_longestLine = 0;
    for (const Row &row : m_rows) {
        maxNumber = qMax(maxNumber, qMax(row.oldLine, row.newLine));
        m_longestLine = qMax(m_longestLine, int(row.text.size()) + 2);
    }
    const int digits = qMax(3, int(QString::number(maxNumber).size()));
    m_numberWidth = digits * m_charWidth + 12;
    updateScrollBars();
}

void DiffView::updateScrollBars()
{
    const int visibleRows = qMax(1, viewport()->height() / m_lineHeight);
    verticalScrollBar()->setRange(0, qMax(0, int(m_rows.size()) - visibleRows));
    verticalScrollBar()->setPageStep(visibleRows);
    verticalScrollBar()->setSingleStep(1);
    const int textWidth = m_longestLine * m_charWidth + 2 * m_numberWidth + 2 * m_charWidth + 16;
    horizontalScrollBar()->setRange(0, qMax(0, textWidth - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
    horizontalScrollBar()->setSingleStep(m_charWidth * 2);
}

void DiffView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void DiffView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange)
        updateMetrics();
    QAbstractScrollArea::changeEvent(event);
}

int DiffView::rowAt(int y) const
{
    return qBound(0, verticalScrollBar()->value() + y / m_lineHeight, qMax(0, int(m_rows.size()) - 1));
}

void DiffView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    const QPalette pal = palette();
    const QRect area = viewport()->rect();
    painter.fillRect(area, pal.color(QPalette::Base));

    if (m_rows.empty()) {
        QFont uiFont = QApplication::font();
        painter.setFont(uiFont);
        painter.setPen(Theme::mutedText());
        painter.drawText(area.adjusted(16, 16, -16, -16), Qt::AlignCenter | Qt::TextWordWrap, m_message);
        return;
    }

    const int first = verticalScrollBar()->value();
    const int xOffset = horizontalScrollBar()->value();
    const int gutter = 2 * m_numberWidth;
    const int textLeft = gutter + 4 - xOffset;
    QFont bold = font();
    bold.setBold(true);
    const QColor muted = Theme::mutedText();
    const QColor text = pal.color(QPalette::Text);
    const QColor selection = [&] {
        QColor c = pal.color(QPalette::Highlight);
        c.setAlpha(70);
        return c;
    }();

    for (int i = first, y = 0; i < int(m_rows.size()) && y < area.height(); ++i, y += m_lineHeight) {
        const Row &row = m_rows[size_t(i)];
        const QRect line(0, y, area.width(), m_lineHeight);
        QColor background = pal.color(QPalette::Base);
        QColor foreground = text;
        switch (row.kind) {
        case Row::Added:
            background = Theme::addedBackground();
            break;
        case Row::Deleted:
            background = Theme::deletedBackground();
            break;
        case Row::Hunk:
            background = Theme::hunkBackground();
            foreground = Theme::hunkText();
            break;
        case Row::FileHeader:
            background = pal.color(QPalette::AlternateBase);
            break;
        case Row::Note:
            background = Theme::noteBackground();
            break;
        case Row::NoNewline:
            foreground = muted;
            break;
        case Row::Context:
            break;
        }
        painter.fillRect(line, background);
        if (i >= m_selectionFirst && i <= m_selectionLast && m_selectionFirst >= 0)
            painter.fillRect(line, selection);

        if (row.kind == Row::FileHeader || row.kind == Row::Note) {
            painter.setFont(bold);
            painter.setPen(foreground);
            painter.drawText(
                QRect(8 - xOffset, y, area.width() + xOffset, m_lineHeight), Qt::AlignVCenter, row.text);
            painter.setFont(font());
            continue;
        }

        // Gutters: old and new line numbers.
        QColor gutterBackground = Theme::gutterBackground();
        if (row.kind == Row::Added)
            gutterBackground = Theme::addedBackground().darker(Theme::isDark() ? 80 : 106);
        else if (row.kind == Row::Deleted)
            gutterBackground = Theme::deletedBackground().darker(Theme::isDark() ? 80 : 106);
        else if (row.kind == Row::Hunk)
            gutterBackground = Theme::hunkBackground();
        painter.fillRect(QRect(0, y, gutter, m_lineHeight), gutterBackground);
        painter.fillRect(QRect(gutter - 1, y, 1, m_lineHeight), pal.color(QPalette::Mid));
        painter.setPen(muted);
        if (row.oldLine > 0)
            painter.drawText(QRect(0, y, m_numberWidth - 6, m_lineHeight), Qt::AlignRight | Qt::AlignVCenter,
                QString::number(row.oldLine));
        if (row.newLine > 0)
            painter.drawText(QRect(m_numberWidth, y, m_numberWidth - 6, m_lineHeight),
                Qt::AlignRight | Qt::AlignVCenter, QString::number(row.newLine));

        painter.save();
        painter.setClipRect(QRect(gutter, y, area.width() - gutter, m_lineHeight));
        QString marker;
        QColor markerColor = muted;
        if (row.kind == Row::Added) {
            marker = QStringLiteral("+");
            markerColor = Theme::addedText();
        } else if (row.kind == Row::Deleted) {
            marker = QStringLiteral("-");
            markerColor = Theme::deletedText();
        }
        if (!marker.isEmpty()) {
            painter.setPen(markerColor);
            painter.drawText(QRect(textLeft, y, m_charWidth * 2, m_lineHeight), Qt::AlignVCenter, marker);
        }
        painter.setPen(foreground);
        painter.drawText(
            QRect(textLeft + 2 * m_charWidth, y, m_longestLine * m_charWidth + area.width(), m_lineHeight),
            Qt::AlignVCenter | Qt::TextSingleLine, row.text);
        painter.restore();
    }
}

void DiffView::mousePressEvent(QMouseEvent *event)
{
    if (m_rows.empty() || event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    const int row = rowAt(event->position().toPoint().y());
    if (!(event->modifiers() & Qt::ShiftModifier) || m_anchor < 0)
        m_anchor = row;
    m_selectionFirst = qMin(m_anchor, row);
    m_selectionLast = qMax(m_anchor, row);
    viewport()->update();
}

void DiffView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_anchor < 0 || !(event->buttons() & Qt::LeftButton))
        return;
    const int y = event->position().toPoint().y();
    if (y < 0)
        verticalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepSub);
    else if (y > viewport()->height())
        verticalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepAdd);
    const int row = rowAt(y);
    m_selectionFirst = qMin(m_anchor, row);
    m_selectionLast = qMax(m_anchor, row);
    viewport()->update();
}

void DiffView::copySelection() const
{
    if (m_rows.empty())
        return;
    if (m_selectionFirst < 0) {
        QApplication::clipboard()->setText(text());
        return;
    }
    QStringList lines;
    for (int i = m_selectionFirst; i <= m_selectionLast && i < int(m_rows.size()); ++i)
        lines << rowText(m_rows[size_t(i)]);
    QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
}

void DiffView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        return;
    }
    if (event->matches(QKeySequence::SelectAll) && !m_rows.empty()) {
        m_anchor = 0;
        m_selectionFirst = 0;
        m_selectionLast = int(m_rows.size()) - 1;
        viewport()->update();
        return;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void DiffView::contextMenuEvent(QContextMenuEvent *event)
{
    if (m_rows.empty())
        return;
    QMenu menu(this);
    menu.addAction(m_selectionFirst >= 0 ? tr("Copy Selected Lines") : tr("Copy Diff"), this,
        [this] { copySelection(); });
    menu.addAction(tr("Select All"), this, [this] {
        m_anchor = 0;
        m_selectionFirst = 0;
        m_selectionLast = int(m_rows.size()) - 1;
        viewport()->update();
    });
    menu.exec(event->globalPos());
}

} // namespace devdash::ui

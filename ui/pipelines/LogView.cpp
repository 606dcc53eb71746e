#include "LogView.h"

#include "common/Background.h"
#include "common/Theme.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFile>
#include <QFontDatabase>

#include <algorithm>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>

namespace devdash::ui {

namespace {

constexpr int TabWidth = 8;
constexpr int MaxMatches = 100000; // enough to page through; the count says "100000+"

// Tabs become spaces up to the next tab stop, spans moved along, so that columns
// are character cells for painting and search.
void expandTabs(ci::AnsiLine *line)
{
    if (!line->text.contains(QLatin1Char('\t')))
        return;
    QString out;
    QList<int> newIndex; // old index → new index
    newIndex.reserve(line->text.size() + 1);
    for (QChar c : std::as_const(line->text)) {
        newIndex << int(out.size());
        if (c == QLatin1Char('\t'))
            out += QString(TabWidth - out.size() % TabWidth, QLatin1Char(' '));
        else
            out += c;
    }
    newIndex << int(out.size());
    for (ci::AnsiSpan &span : line->spans) {
        const int end = newIndex.at(span.start + span.length);
        span.start = newIndex.at(span.start);
        span.length = end - span.start;
    }
    line->text = out;
}

struct ParsedLog
{
    QList<ci::AnsiLine> lines;
    QString partial; // unfinished last line (no newline yet)
    ci::AnsiStyle state;
    QString error;
};

ParsedLog parseLog(const QString &text, const CancelToken &cancel)
{
    ParsedLog out;
    qsizetype start = 0;
    while (start < text.size()) {
        const qsizetype end = text.indexOf(QLatin1Char('\n'), start);
        if (end < 0) {
            out.partial = text.mid(start);
            break;
        }
        ci::AnsiLine line = ci::AnsiText::parseLine(QStringView(text).mid(start, end - start), &out.state);
        expandTabs(&line);
        out.lines.append(std::move(line));
        start = end + 1;
        if ((out.lines.size() & 0xfff) == 0 && cancel.isCancelled())
            return {};
    }
    return out;
}

// The 16 named colours tuned to read on each palette (as terminals' themes do);
// the 256-colour cube and RGB are shown as they are.
QRgb namedColor(int index, bool dark)
{
    static constexpr QRgb light[16] = { 0x000000, 0xcd3131, 0x107c10, 0x949800, 0x0451a5, 0xbc05bc, 0x0598bc,
        0x555555, 0x666666, 0xcd3131, 0x14a314, 0xa0a000, 0x0451a5, 0xbc05bc, 0x0598bc, 0x333333 };
    static constexpr QRgb darkColors[16] = { 0x5a5a5a, 0xf14c4c, 0x23d18b, 0xe5e510, 0x3b8eea, 0xd670d6,
        0x29b8db, 0xcccccc, 0x808080, 0xf14c4c, 0x23d18b, 0xf5f543, 0x3b8eea, 0xd670d6, 0x29b8db, 0xe5e5e5 };
    return (dark ? darkColors : light)[index & 15];
}

} // namespace

LogView::LogView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setObjectName(QStringLiteral("logView"));
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setAutoFillBackground(true);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setCursor(Qt::IBeamCursor);
    m_font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    updateMetrics();
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this] {
        // Scrolling away from the bottom by hand leaves follow mode, as terminals do.
        if (!m_autoScrolling && m_follow && !isAtBottom())
            setFollow(false);
    });
}

LogView::~LogView()
{
    m_cancel.cancel();
}

void LogView::updateMetrics()
{
    m_font.setPointSizeF(font().pointSizeF() > 0 ? font().pointSizeF() * 0.95 : m_font.pointSizeF());
    m_boldFont = m_font;
    m_boldFont.setBold(true);
    const QFontMetrics fm(m_font);
    m_lineHeight = fm.height() + 1;
    m_charWidth = qMax(1, fm.horizontalAdvance(QLatin1Char('m')));
    m_ascent = fm.ascent();
    updateScrollBars();
}

void LogView::clear(const QString &placeholder)
{
    m_cancel.cancel();
    m_cancel = CancelToken();
    ++m_generation;
    m_loading = false;
    m_lines.clear();
    m_partial.clear();
    m_partialLine = {};
    m_state = {};
    m_pendingAppend.clear();
    m_matches.clear();
    m_current = -1;
    m_selFirst = m_selLast = -1;
    m_maxColumns = 0;
    m_placeholder = placeholder;
    updateScrollBars();
    viewport()->update();
    Q_EMIT matchesChanged(-1, 0);
}

void LogView::setLog(const QString &text)
{
    clear();
    m_loading = true;
    m_placeholder = tr("Loading log…");
    const quint64 generation = m_generation;
    const CancelToken cancel = m_cancel;
    runInBackground(
        this, [text, cancel] { return parseLog(text, cancel); },
        [this, generation](ParsedLog parsed) {
            if (generation != m_generation)
                return;
            m_loading = false;
            m_placeholder.clear();
            m_state = parsed.state;
            appendLines(std::move(parsed.lines));
            QString pending = std::exchange(m_pendingAppend, {});
            appendText(parsed.partial + pending);
            Q_EMIT loaded();
        });
}

void LogView::loadFile(const QString &path)
{
    clear();
    m_loading = true;
    m_placeholder = tr("Loading log…");
    const quint64 generation = m_generation;
    const CancelToken cancel = m_cancel;
    runInBackground(
        this,
        [path, cancel] {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                ParsedLog failed;
                failed.error = tr("Cannot read the log %1: %2").arg(path, file.errorString());
                return failed;
            }
            return parseLog(QString::fromUtf8(file.readAll()), cancel);
        },
        [this, generation](ParsedLog parsed) {
            if (generation != m_generation)
                return;
            m_loading = false;
            m_placeholder = parsed.error;
            m_state = parsed.state;
            appendLines(std::move(parsed.lines));
            appendText(parsed.partial + std::exchange(m_pendingAppend, {}));
            Q_EMIT loaded();
        });
}

void LogView::appendText(const QString &chunk)
{
    if (chunk.isEmpty())
        return;
    if (m_loading) {
        m_pendingAppend += chunk;
        return;
    }
    m_placeholder.clear();
    QString data = m_partial + chunk;
    QList<ci::AnsiLine> complete;
    qsizetype start = 0;
    while (true) {
        const qsizetype end = data.indexOf(QLatin1Char('\n'), start);
        if (end < 0)
            break;
        ci::AnsiLine line = ci::AnsiText::parseLine(QStringView(data).mid(start, end - start), &m_state);
        expandTabs(&line);
        complete.append(std::move(line));
        start = end + 1;
    }
    m_partial = data.mid(start);
    ci::AnsiStyle partialState = m_state;
    m_partialLine = ci::AnsiText::parseLine(m_partial, &partialState);
    expandTabs(&m_partialLine);
    appendLines(std::move(complete));
}

void LogView::appendLines(QList<ci::AnsiLine> lines)
{
    const int first = int(m_lines.size());
    for (const ci::AnsiLine &line : std::as_const(lines))
        m_maxColumns = qMax(m_maxColumns, int(line.text.size()));
    m_maxColumns = qMax(m_maxColumns, int(m_partialLine.text.size()));
    if (m_lines.isEmpty())
        m_lines = std::move(lines);
    else
        m_lines.append(std::move(lines));
    if (!m_query.isEmpty())
        searchLines(first); // only the new lines: the others were searched already
    updateScrollBars();
    if (m_follow)
        scrollToBottom();
    viewport()->update();
}

int LogView::lineCount() const
{
    return int(m_lines.size()) + (m_partial.isEmpty() ? 0 : 1);
}

const ci::AnsiLine &LogView::line(int index) const
{
    return index < m_lines.size() ? m_lines.at(index) : m_partialLine;
}

QString LogView::lineText(int index) const
{
    if (index < 0 || index >= lineCount())
        return {};
    return line(index).text;
}

int LogView::find(const QString &query)
{
    m_query = query;
    m_matches.clear();
    m_current = -1;
    if (!query.isEmpty())
        searchLines(0);
    if (!m_matches.isEmpty()) {
        // The first match at or below what is on screen: searching does not jump back.
        const int top = firstVisibleLine();
        int index = 0;
        while (index < m_matches.size() && m_matches.at(index).line < top)
            ++index;
        setCurrentMatch(index < m_matches.size() ? index : 0);
    } else {
        Q_EMIT matchesChanged(-1, 0);
    }
    viewport()->update();
    return int(m_matches.size());
}

void LogView::searchLines(int from)
{
    for (int i = from; i < m_lines.size() && m_matches.size() < MaxMatches; ++i) {
        const QString &text = m_lines.at(i).text;
        qsizetype at = 0;
        while ((at = text.indexOf(m_query, at, Qt::CaseInsensitive)) >= 0) {
            m_matches.append({ i, int(at), int(m_query.size()) });
            at += qMax<qsizetype>(1, m_query.size());
        }
    }
    if (from > 0)
        Q_EMIT matchesChanged(m_current, int(m_matches.size()));
}

void LogView::findNext()
{
    if (!m_matches.isEmpty())
        setCurrentMatch((m_current + 1) % int(m_matches.size()));
}

void LogView::findPrevious()
{
    if (!m_matches.isEmpty())
        setCurrentMatch((m_current - 1 + int(m_matches.size())) % int(m_matches.size()));
}

void LogView::setCurrentMatch(int index)
{
    m_current = index;
    if (m_follow)
        setFollow(false); // looking at a match: stop jumping to the bottom
    makeCurrentVisible();
    viewport()->update();
    Q_EMIT matchesChanged(m_current, int(m_matches.size()));
}

void LogView::makeCurrentVisible()
{
    if (m_current < 0 || m_current >= m_matches.size())
        return;
    const Match &m = m_matches.at(m_current);
    const int visible = qMax(1, viewport()->height() / m_lineHeight);
    const int top = firstVisibleLine();
    if (m.line < top || m.line >= top + visible - 1)
        verticalScrollBar()->setValue(qMax(0, m.line - visible / 3));
    const int x = m.start * m_charWidth;
    const int textWidth = viewport()->width() - gutterWidth();
    QScrollBar *h = horizontalScrollBar();
    if (x < h->value() || x + m.length * m_charWidth > h->value() + textWidth)
        h->setValue(qMax(0, x - textWidth / 3));
}

void LogView::setFollow(bool follow)
{
    if (m_follow == follow)
        return;
    m_follow = follow;
    if (follow)
        scrollToBottom();
    Q_EMIT followChanged(follow);
}

bool LogView::isAtBottom() const
{
    return verticalScrollBar()->value() >= verticalScrollBar()->maximum();
}

int LogView::firstVisibleLine() const
{
    return verticalScrollBar()->value();
}

void LogView::scrollToLine(int line)
{
    verticalScrollBar()->setValue(line);
}

void LogView::scrollToBottom()
{
    m_autoScrolling = true;
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    m_autoScrolling = false;
}

int LogView::gutterWidth() const
{
    const int digits = QString::number(qMax(1, lineCount())).size();
    return qMax(3, digits) * m_charWidth + 16;
}

void LogView::updateScrollBars()
{
    // The vertical bar counts lines; the horizontal one pixels.
    const int visible = qMax(1, viewport()->height() / m_lineHeight);
    m_autoScrolling = true; // range changes move the value: not the user's doing
    verticalScrollBar()->setRange(0, qMax(0, lineCount() - visible));
    verticalScrollBar()->setPageStep(visible);
    verticalScrollBar()->setSingleStep(1);
    const int textWidth = viewport()->width() - gutterWidth();
    horizontalScrollBar()->setRange(0, qMax(0, m_maxColumns * m_charWidth + 16 - textWidth));
    horizontalScrollBar()->setPageStep(textWidth);
    horizontalScrollBar()->setSingleStep(m_charWidth * 4);
    m_autoScrolling = false;
}

void LogView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
    if (m_follow)
        scrollToBottom();
}

void LogView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateMetrics();
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        viewport()->update();
}

QColor LogView::colorOf(const ci::AnsiColor &color, bool bold) const
{
    switch (color.kind) {
    case ci::AnsiColor::Kind::Default:
        return {};
    case ci::AnsiColor::Kind::Indexed: {
        int index = color.index;
        if (bold && index < 8)
            index += 8; // bold bright, as in xterm
        return index < 16 ? QColor(namedColor(index, Theme::isDark()))
                          : QColor(QRgb(ci::AnsiText::paletteRgb(index)));
    }
    case ci::AnsiColor::Kind::Rgb:
        return QColor(QRgb(color.rgb));
    }
    return {};
}

void LogView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    const QPalette pal = palette();
    const QRect area = viewport()->rect();
    if (lineCount() == 0) {
        painter.setPen(Theme::mutedText());
        painter.drawText(area.adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    const int gutter = gutterWidth();
    const int first = firstVisibleLine();
    const int count = area.height() / m_lineHeight + 2;
    const int xOffset = horizontalScrollBar()->value();
    const QColor text = pal.color(QPalette::Text);
    const QColor base = pal.color(QPalette::Base);
    const bool dark = Theme::isDark();
    const QColor matchBg = dark ? QColor(0x6b, 0x5b, 0x1e) : QColor(0xff, 0xf0, 0x8a);
    const QColor currentBg = dark ? QColor(0xc0, 0x70, 0x00) : QColor(0xff, 0xa5, 0x3a);
    QColor selection = pal.color(QPalette::Highlight);
    selection.setAlphaF(0.28);

    // Matches by line for the visible range (they are sorted by line).
    auto firstMatch = std::lower_bound(
        m_matches.cbegin(), m_matches.cend(), first, [](const Match &m, int line) { return m.line < line; });

    painter.setClipRect(QRect(gutter, 0, area.width() - gutter, area.height()));
    for (int row = 0; row < count && first + row < lineCount(); ++row) {
        const int index = first + row;
        const ci::AnsiLine &l = line(index);
        const int y = row * m_lineHeight;
        const int x0 = gutter + 6 - xOffset;
        if (m_selFirst >= 0 && index >= qMin(m_selFirst, m_selLast) && index <= qMax(m_selFirst, m_selLast))
            painter.fillRect(QRect(gutter, y, area.width() - gutter, m_lineHeight), selection);
        for (auto it = firstMatch; it != m_matches.cend() && it->line == index; ++it) {
            const bool current = m_current >= 0 && it == m_matches.cbegin() + m_current;
            painter.fillRect(QRect(x0 + it->start * m_charWidth, y, it->length * m_charWidth, m_lineHeight),
                current ? currentBg : matchBg);
        }
        while (firstMatch != m_matches.cend() && firstMatch->line <= index)
            ++firstMatch;

        // Runs of text: plain between spans, styled within.
        int column = 0;
        auto draw = [&](int start, int length, const ci::AnsiStyle *style) {
            if (length <= 0)
                return;
            const int x = x0 + start * m_charWidth;
            if (x > area.width() || x + length * m_charWidth < gutter)
                return;
            QColor fg = style ? colorOf(style->foreground, style->bold) : QColor();
            QColor bg = style ? colorOf(style->background, false) : QColor();
            if (style && style->inverse) {
                std::swap(fg, bg);
                if (!fg.isValid())
                    fg = base;
                if (!bg.isValid())
                    bg = text;
            }
            if (!fg.isValid())
                fg = text;
            if (style && style->faint)
                fg.setAlphaF(0.6);
            if (bg.isValid())
                painter.fillRect(QRect(x, y, length * m_charWidth, m_lineHeight), bg);
            QFont f = style && style->bold ? m_boldFont : m_font;
            if (style && (style->italic || style->underline)) {
                f.setItalic(style->italic);
                f.setUnderline(style->underline);
            }
            painter.setFont(f);
            painter.setPen(fg);
            const QStringView run = QStringView(l.text).mid(start, length);
            const bool ascii = std::all_of(run.begin(), run.end(), [](QChar c) { return c.unicode() < 0x80; });
            if (ascii) {
                painter.drawText(QPoint(x, y + m_ascent), run.toString());
                return;
            }
            // A glyph from a fallback font (✓, →, box drawing, emoji) has its own advance:
            // drawn as one string, the text drifts off the character grid that search
            // highlights and selection use. Each character goes to its own cell instead.
            for (qsizetype i = 0; i < run.size();) {
                const qsizetype n = run.at(i).isHighSurrogate() && i + 1 < run.size() ? 2 : 1;
                painter.drawText(QPoint(x + int(i) * m_charWidth, y + m_ascent), run.mid(i, n).toString());
                i += n;
            }
        };
        for (const ci::AnsiSpan &span : l.spans) {
            draw(column, span.start - column, nullptr);
            draw(span.start, span.length, &span.style);
            column = span.start + span.length;
        }
        draw(column, int(l.text.size()) - column, nullptr);
    }

    // The gutter: line numbers on a quiet background.
    painter.setClipping(false);
    painter.fillRect(QRect(0, 0, gutter, area.height()), Theme::gutterBackground());
    painter.setFont(m_font);
    painter.setPen(Theme::mutedText());
    for (int row = 0; row < count && first + row < lineCount(); ++row)
        painter.drawText(QRect(0, row * m_lineHeight, gutter - 8, m_lineHeight),
            Qt::AlignRight | Qt::AlignVCenter, QString::number(first + row + 1));
}

int LogView::lineAt(int y) const
{
    return qBound(0, firstVisibleLine() + y / m_lineHeight, qMax(0, lineCount() - 1));
}

void LogView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && lineCount() > 0) {
        const int at = lineAt(event->position().toPoint().y());
        if (event->modifiers() & Qt::ShiftModifier && m_selFirst >= 0)
            m_selLast = at;
        else
            m_selFirst = m_selLast = at;
        viewport()->update();
    }
    QAbstractScrollArea::mousePressEvent(event);
}

void LogView::mouseMoveEvent(QMouseEvent *event)
{
    if ((event->buttons() & Qt::LeftButton) && m_selFirst >= 0) {
        m_selLast = lineAt(event->position().toPoint().y());
        viewport()->update();
    }
    QAbstractScrollArea::mouseMoveEvent(event);
}

void LogView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copy();
        return;
    }
    if (event->matches(QKeySequence::SelectAll)) {
        selectAll();
        return;
    }
    if (event->matches(QKeySequence::MoveToEndOfDocument)) {
        setFollow(true);
        return;
    }
    if (event->matches(QKeySequence::MoveToStartOfDocument)) {
        verticalScrollBar()->setValue(0);
        return;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void LogView::copy() const
{
    int from = 0, to = lineCount() - 1;
    if (m_selFirst >= 0) {
        from = qMin(m_selFirst, m_selLast);
        to = qMax(m_selFirst, m_selLast);
    }
    QStringList lines;
    for (int i = from; i <= to; ++i)
        lines << lineText(i);
    QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
}

void LogView::selectAll()
{
    if (lineCount() == 0)
        return;
    m_selFirst = 0;
    m_selLast = lineCount() - 1;
    viewport()->update();
}

void LogView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    menu.addAction(m_selFirst >= 0 ? tr("Copy Selected Lines") : tr("Copy Log"), this, &LogView::copy);
    menu.addAction(tr("Select All"), this, &LogView::selectAll);
    menu.addSeparator();
    QAction *follow = menu.addAction(tr("Follow Output"), this, [this](bool on) { setFollow(on); });
    follow->setCheckable(true);
    follow->setChecked(m_follow);
    menu.exec(event->globalPos());
}

} // namespace devdash::ui

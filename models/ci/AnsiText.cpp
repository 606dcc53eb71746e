#include "AnsiText.h"

#include <QVarLengthArray>

namespace devdash::ci {

namespace {

constexpr QChar Esc = QChar(0x1b);

// One SGR parameter with its colon sub-parameters ("38:2::10:20:30"); -1: empty.
using SgrParam = QVarLengthArray<int, 6>;

QList<SgrParam> splitSgr(QStringView params)
{
    QList<SgrParam> out;
    for (QStringView group : params.split(QLatin1Char(';'))) {
        SgrParam param;
        for (QStringView sub : group.split(QLatin1Char(':'))) {
            bool ok = false;
            const int value = sub.toInt(&ok);
            param.append(ok ? qBound(0, value, 0xffff) : -1);
        }
        out.append(param);
    }
    return out;
}

int orZero(int value)
{
    return value < 0 ? 0 : value;
}

// 38/48: the colour that follows, either in its colon sub-parameters or in the next
// ';' parameters (which it then consumes). Returns Default when malformed.
AnsiColor extendedColor(const QList<SgrParam> &params, qsizetype *i)
{
    const SgrParam &head = params.at(*i);
    QVarLengthArray<int, 6> rest;
    if (head.size() > 1) {
        rest.append(head.constData() + 1, head.size() - 1);
    } else {
        // "38;5;n" / "38;2;r;g;b": take the following parameters.
        for (qsizetype j = *i + 1; j < params.size() && rest.size() < 4; ++j)
            rest.append(params.at(j).value(0, -1));
    }
    if (rest.isEmpty())
        return {};
    if (rest.at(0) == 5 && rest.size() >= 2) {
        if (head.size() == 1)
            *i += 2;
        return rest.at(1) >= 0 && rest.at(1) <= 255 ? AnsiColor::indexed(rest.at(1)) : AnsiColor();
    }
    if (rest.at(0) == 2 && rest.size() >= 4) {
        // The colon form may carry a colour-space id first: 38:2:<id>:r:g:b.
        int offset = 1;
        if (head.size() > 1 && rest.size() >= 5)
            offset = 2;
        if (head.size() == 1)
            *i += 4;
        auto channel = [&](int k) { return qBound(0, orZero(rest.value(offset + k, 0)), 255); };
        return AnsiColor::fromRgb(channel(0), channel(1), channel(2));
    }
    return {};
}

void applySgr(QStringView params, AnsiStyle *style)
{
    const QList<SgrParam> list = splitSgr(params);
    for (qsizetype i = 0; i < list.size(); ++i) {
        const int code = orZero(list.at(i).at(0));
        if (code == 0) {
            *style = AnsiStyle();
        } else if (code == 1) {
            style->bold = true;
        } else if (code == 2) {
            style->faint = true;
        } else if (code == 3) {
            style->italic = true;
        } else if (code == 4 || code == 21) {
            // 4:0 switches underline off (the colon form of 24).
            style->underline = !(list.at(i).size() > 1 && list.at(i).at(1) == 0);
        } else if (code == 7) {
            style->inverse = true;
        } else if (code == 22) {
            style->bold = style->faint = false;
        } else if (code == 23) {
            style->italic = false;
        } else if (code == 24) {
            style->underline = false;
        } else if (code == 27) {
            style->inverse = false;
        } else if (code >= 30 && code <= 37) {
            style->foreground = AnsiColor::indexed(code - 30);
        } else if (code == 38) {
            style->foreground = extendedColor(list, &i);
        } else if (code == 39) {
            style->foreground = {};
        } else if (code >= 40 && code <= 47) {
            style->background = AnsiColor::indexed(code - 40);
        } else if (code == 48) {
            style->background = extendedColor(list, &i);
        } else if (code == 49) {
            style->background = {};
        } else if (code >= 90 && code <= 97) {
            style->foreground = AnsiColor::indexed(code - 90 + 8);
        } else if (code >= 100 && code <= 107) {
            style->background = AnsiColor::indexed(code - 100 + 8);
        }
        // Anything else (blink, fonts, overline…) is ignored, as most viewers do.
    }
}

void append(AnsiLine *line, QChar c, const AnsiStyle &style)
{
    const int at = int(line->text.size());
    line->text.append(c);
    if (style.isPlain())
        return;
    if (!line->spans.isEmpty()) {
        AnsiSpan &last = line->spans.last();
        if (last.start + last.length == at && last.style == style) {
            ++last.length;
            return;
        }
    }
    line->spans.append(AnsiSpan { at, 1, style });
}

// The index just past a string sequence (OSC, DCS…) starting at `from`: ended by
// BEL or ST (ESC \); the end of the line when unterminated.
qsizetype skipString(QStringView line, qsizetype from)
{
    for (qsizetype j = from; j < line.size(); ++j) {
        if (line.at(j) == QChar(0x07))
            return j + 1;
        if (line.at(j) == Esc && j + 1 < line.size() && line.at(j + 1) == QLatin1Char('\\'))
            return j + 2;
    }
    return line.size();
}

} // namespace

AnsiLine AnsiText::parseLine(QStringView line, AnsiStyle *state)
{
    AnsiLine out;
    out.text.reserve(line.size());
    AnsiStyle style = state ? *state : AnsiStyle();
    qsizetype i = 0;
    const qsizetype n = line.size();
    while (i < n) {
        const QChar c = line.at(i);
        if (c == Esc) {
            if (i + 1 >= n) {
                ++i;
                continue;
            }
            const QChar kind = line.at(i + 1);
            if (kind == QLatin1Char('[')) {
                // CSI: parameter bytes 0x30–0x3F, intermediates 0x20–0x2F, a final 0x40–0x7E.
                qsizetype j = i + 2;
                while (j < n && line.at(j).unicode() >= 0x20 && line.at(j).unicode() <= 0x3f)
                    ++j;
                if (j >= n) {
                    i = n; // unterminated: drop it
                    continue;
                }
                const QStringView params = line.mid(i + 2, j - i - 2);
                const bool isPrivate = !params.isEmpty() && QStringView(u"<=>?").contains(params.at(0));
                const bool isIntermediate = params.contains(QLatin1Char(' '));
                if (line.at(j) == QLatin1Char('m') && !isPrivate && !isIntermediate)
                    applySgr(params, &style);
                // Every other CSI (cursor moves, erase, modes) has nothing to show in a log.
                i = j + 1;
            } else if (kind == QLatin1Char(']') || kind == QLatin1Char('P') || kind == QLatin1Char('X')
                || kind == QLatin1Char('^') || kind == QLatin1Char('_')) {
                i = skipString(line, i + 2);
            } else if (kind.unicode() >= 0x20 && kind.unicode() <= 0x2f) {
                i = qMin(n, i + 3); // charset designation: ESC ( B
            } else {
                i += 2; // ESC 7, ESC 8, ESC =, ESC M…
            }
            continue;
        }
        if (c == QLatin1Char('\r')) {
            // Trailing \r (CRLF logs) is a line ending; anywhere else the terminal
            // returned to column 0 and what follows overwrites what came before.
            if (i + 1 < n) {
                out.text.clear();
                out.spans.clear();
            }
            ++i;
            continue;
        }
        if (c == QLatin1Char('\b')) {
            if (!out.text.isEmpty()) {
                out.text.chop(1);
                if (!out.spans.isEmpty()) {
                    AnsiSpan &last = out.spans.last();
                    if (last.start + last.length > out.text.size() && --last.length == 0)
                        out.spans.removeLast();
                }
            }
            ++i;
            continue;
        }
        if ((c.unicode() < 0x20 && c != QLatin1Char('\t')) || c.unicode() == 0x7f
            || (c.unicode() >= 0x80 && c.unicode() <= 0x9f)) {
            ++i; // other control characters are invisible
            continue;
        }
        append(&out, c, style);
        ++i;
    }
    if (state)
        *state = style;
    return out;
}

AnsiLine AnsiText::parseLine(QStringView line)
{
    return parseLine(line, nullptr);
}

QString AnsiText::strip(QStringView text)
{
    QString out;
    out.reserve(text.size());
    AnsiStyle style;
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype end = text.indexOf(QLatin1Char('\n'), start);
        const bool last = end < 0;
        if (last)
            end = text.size();
        out += parseLine(text.mid(start, end - start), &style).text;
        if (last)
            break;
        out += QLatin1Char('\n');
        start = end + 1;
    }
    return out;
}

quint32 AnsiText::paletteRgb(int index)
{
    static constexpr quint32 named[16] = { 0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd,
        0x00cdcd, 0xe5e5e5, 0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff };
    index = qBound(0, index, 255);
    if (index < 16)
        return named[index];
    if (index < 232) {
        // The 6×6×6 cube.
        static constexpr int levels[6] = { 0, 95, 135, 175, 215, 255 };
        const int i = index - 16;
        return quint32((levels[i / 36] << 16) | (levels[(i / 6) % 6] << 8) | levels[i % 6]);
    }
    const int grey = 8 + 10 * (index - 232);
    return quint32((grey << 16) | (grey << 8) | grey);
}

} // namespace devdash::ci

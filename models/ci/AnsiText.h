#pragma once

// CI logs are written for terminals: SGR escape sequences colour them, cursor and
// erase sequences redraw progress bars, OSC sequences set titles and links. This
// turns one log line into plain text plus styled spans (16/256/truecolor, bold,
// faint, italic, underline, inverse), dropping every other control sequence. Pure
// and headless: the log view paints the spans; the CLI and search use the text.

#include <QList>
#include <QString>
#include <QStringView>

namespace devdash::ci {

// A terminal colour: the default, an index into the xterm 256-colour palette
// (0–15 are the 16 named colours, which views may tune to their theme), or RGB.
struct AnsiColor
{
    enum class Kind { Default, Indexed, Rgb };
    Kind kind = Kind::Default;
    int index = 0; // Kind::Indexed: 0–255
    quint32 rgb = 0; // Kind::Rgb: 0xRRGGBB

    static AnsiColor indexed(int i) { return { Kind::Indexed, i, 0 }; }
    static AnsiColor fromRgb(int r, int g, int b)
    {
        return { Kind::Rgb, 0, quint32((r << 16) | (g << 8) | b) };
    }
    bool isDefault() const { return kind == Kind::Default; }
    bool operator==(const AnsiColor &) const = default;
};

struct AnsiStyle
{
    AnsiColor foreground;
    AnsiColor background;
    bool bold = false;
    bool faint = false;
    bool italic = false;
    bool underline = false;
    bool inverse = false;

    bool isPlain() const { return *this == AnsiStyle(); }
    bool operator==(const AnsiStyle &) const = default;
};

// `length` characters of the line's text from `start` drawn in `style`. Spans cover
// only styled text (plain runs have none), do not overlap and come in order.
struct AnsiSpan
{
    int start = 0;
    int length = 0;
    AnsiStyle style;
    bool operator==(const AnsiSpan &) const = default;
};

struct AnsiLine
{
    QString text;
    QList<AnsiSpan> spans;
};

class AnsiText
{
public:
    // Parses one line (without its newline). `state` is the style in force at its
    // start and, on return, at its end: SGR state carries over to the next line as
    // in a terminal. A carriage return starts the line over (progress bars): only
    // what was written after the last one is kept.
    static AnsiLine parseLine(QStringView line, AnsiStyle *state);
    // The same, starting and ending in the plain style.
    static AnsiLine parseLine(QStringView line);
    // The text without any escape sequence (for search, copy and plain output).
    static QString strip(QStringView text);

    // The xterm palette colour of `index` (0–255) as 0xRRGGBB.
    static quint32 paletteRgb(int index);
};

} // namespace devdash::ci

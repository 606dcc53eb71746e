// The ANSI parser of job logs: SGR colours (16, 256, truecolor), attributes,
// reset, state carried across lines, and every other control sequence removed.

#include "ci/AnsiText.h"

#include <QTest>

using namespace devdash::ci;

Q_DECLARE_METATYPE(devdash::ci::AnsiStyle)

namespace {

AnsiStyle fg(AnsiColor color)
{
    AnsiStyle s;
    s.foreground = color;
    return s;
}

AnsiStyle bg(AnsiColor color)
{
    AnsiStyle s;
    s.background = color;
    return s;
}

AnsiStyle boldStyle()
{
    AnsiStyle s;
    s.bold = true;
    return s;
}

QString esc(const char *sequence)
{
    return QString::fromUtf8(sequence).replace(QLatin1String("\\e"), QString(QChar(0x1b)));
}

} // namespace

class AnsiTextTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Lines whose whole visible text after `prefix` carries one style.
    void singleStyle_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("text");
        QTest::addColumn<AnsiStyle>("style");

        QTest::newRow("red 16") << esc("\\e[31mred") << "red" << fg(AnsiColor::indexed(1));
        QTest::newRow("bright green") << esc("\\e[92mok") << "ok" << fg(AnsiColor::indexed(10));
        QTest::newRow("blue background") << esc("\\e[44mbg") << "bg" << bg(AnsiColor::indexed(4));
        QTest::newRow("bright background") << esc("\\e[103mbg") << "bg" << bg(AnsiColor::indexed(11));
        QTest::newRow("256 semicolons") << esc("\\e[38;5;208mx") << "x" << fg(AnsiColor::indexed(208));
        QTest::newRow("256 colons") << esc("\\e[38:5:33mx") << "x" << fg(AnsiColor::indexed(33));
        QTest::newRow("256 background") << esc("\\e[48;5;236mx") << "x" << bg(AnsiColor::indexed(236));
        QTest::newRow("truecolor") << esc("\\e[38;2;255;128;0mx") << "x"
                                   << fg(AnsiColor::fromRgb(255, 128, 0));
        QTest::newRow("truecolor colons with colour space")
            << esc("\\e[38:2::10:20:30mx") << "x" << fg(AnsiColor::fromRgb(10, 20, 30));
        QTest::newRow("truecolor colons")
            << esc("\\e[38:2:1:2:3mx") << "x" << fg(AnsiColor::fromRgb(1, 2, 3));
        QTest::newRow("truecolor out of range clamped")
            << esc("\\e[48;2;300;0;0mx") << "x" << bg(AnsiColor::fromRgb(255, 0, 0));
        QTest::newRow("bold") << esc("\\e[1mB") << "B" << boldStyle();
        QTest::newRow("empty parameter is reset") << esc("\\e[1m\\e[mplain") << "plain" << AnsiStyle();
        QTest::newRow("reset") << esc("\\e[1;31m\\e[0mplain") << "plain" << AnsiStyle();
        QTest::newRow("22 ends bold") << esc("\\e[1m\\e[22mplain") << "plain" << AnsiStyle();
        QTest::newRow("39 default foreground") << esc("\\e[31m\\e[39mplain") << "plain" << AnsiStyle();
        QTest::newRow("49 default background") << esc("\\e[41m\\e[49mplain") << "plain" << AnsiStyle();
        QTest::newRow("later colour wins") << esc("\\e[31;32mg") << "g" << fg(AnsiColor::indexed(2));
        QTest::newRow("unknown codes ignored") << esc("\\e[5;31;73mr") << "r" << fg(AnsiColor::indexed(1));
        QTest::newRow("bad 256 index") << esc("\\e[38;5;999mx") << "x" << AnsiStyle();
        QTest::newRow("incomplete 38") << esc("\\e[38mx") << "x" << AnsiStyle();
    }
    void singleStyle()
    {
        QFETCH(QString, line);
        QFETCH(QString, text);
        QFETCH(AnsiStyle, style);
        const AnsiLine parsed = AnsiText::parseLine(line);
        QCOMPARE(parsed.text, text);
        if (style.isPlain()) {
            QVERIFY(parsed.spans.isEmpty());
        } else {
            QCOMPARE(parsed.spans.size(), 1);
            QCOMPARE(parsed.spans.at(0).start, 0);
            QCOMPARE(parsed.spans.at(0).length, text.size());
            QVERIFY(parsed.spans.at(0).style == style);
        }
    }

    // Control sequences that draw nothing leave only the visible text.
    void stripped_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("text");

        QTest::newRow("plain") << "hello world"
                               << "hello world";
        QTest::newRow("erase line") << esc("\\e[2Kdone") << "done";
        QTest::newRow("cursor up and column") << esc("a\\e[1A\\e[10Gb") << "ab";
        QTest::newRow("hide cursor (private)") << esc("\\e[?25lspin\\e[?25h") << "spin";
        QTest::newRow("osc title bel") << esc("\\e]0;title\x07text") << "text";
        QTest::newRow("osc hyperlink st") << esc("\\e]8;;https://x.test\\e\\link\\e]8;;\\e\\") << "link";
        QTest::newRow("charset") << esc("\\e(Bx") << "x";
        QTest::newRow("save cursor") << esc("\\e7a\\e8") << "a";
        QTest::newRow("unterminated csi") << esc("abc\\e[31") << "abc";
        QTest::newRow("lone escape") << esc("abc\\e") << "abc";
        QTest::newRow("carriage return overwrites") << "10%\r50%\r100% done"
                                                    << "100% done";
        QTest::newRow("trailing carriage return") << "crlf line\r"
                                                  << "crlf line";
        QTest::newRow("backspace") << "abd\bc"
                                   << "abc";
        QTest::newRow("bell and nul dropped")
            << QStringLiteral("a\x07") + QChar(0) + QStringLiteral("b") << "ab";
        QTest::newRow("tab kept") << "a\tb"
                                  << "a\tb";
        QTest::newRow("unicode") << esc("\\e[32m✓\\e[0m café") << "✓ café";
    }
    void stripped()
    {
        QFETCH(QString, line);
        QFETCH(QString, text);
        QCOMPARE(AnsiText::parseLine(line).text, text);
        QCOMPARE(AnsiText::strip(line), text);
    }

    void spansSplitWhereStyleChanges()
    {
        const AnsiLine line
            = AnsiText::parseLine(esc("ok \\e[1;31mFAIL\\e[0m: \\e[33mwarn\\e[33m!\\e[0m end"));
        QCOMPARE(line.text, QStringLiteral("ok FAIL: warn! end"));
        QCOMPARE(line.spans.size(), 2);
        AnsiStyle boldRed = fg(AnsiColor::indexed(1));
        boldRed.bold = true;
        QCOMPARE(line.spans.at(0), (AnsiSpan { 3, 4, boldRed }));
        // The repeated SGR does not cut the span in two.
        QCOMPARE(line.spans.at(1), (AnsiSpan { 9, 5, fg(AnsiColor::indexed(3)) }));
    }

    void attributes()
    {
        const AnsiLine line = AnsiText::parseLine(esc("\\e[2;3;4;7mx\\e[23;24;27my\\e[22mz"));
        QCOMPARE(line.text, QStringLiteral("xyz"));
        QCOMPARE(line.spans.size(), 2);
        const AnsiStyle x = line.spans.at(0).style;
        QVERIFY(x.faint && x.italic && x.underline && x.inverse && !x.bold);
        const AnsiStyle y = line.spans.at(1).style;
        QVERIFY(y.faint && !y.italic && !y.underline && !y.inverse);
        QCOMPARE(line.spans.at(1).length, 1); // z is plain again
    }

    void stateCarriesAcrossLines()
    {
        AnsiStyle state;
        const AnsiLine first = AnsiText::parseLine(esc("\\e[33mwarning: this"), &state);
        QCOMPARE(state.foreground, AnsiColor::indexed(3));
        const AnsiLine second = AnsiText::parseLine(QStringLiteral("continues"), &state);
        QCOMPARE(second.spans.size(), 1);
        QCOMPARE(second.spans.at(0).length, 9);
        const AnsiLine third = AnsiText::parseLine(esc("\\e[0mover"), &state);
        QVERIFY(third.spans.isEmpty());
        QVERIFY(state.isPlain());
        // Without a state, each line starts plain.
        QVERIFY(AnsiText::parseLine(QStringLiteral("continues")).spans.isEmpty());
    }

    void carriageReturnDropsEarlierSpans()
    {
        const AnsiLine line = AnsiText::parseLine(esc("\\e[31mold\\e[0m\rnew"));
        QCOMPARE(line.text, QStringLiteral("new"));
        QVERIFY(line.spans.isEmpty());
    }

    void stripMultiline()
    {
        QCOMPARE(
            AnsiText::strip(esc("\\e[1mone\\e[0m\ntwo\n\\e[2Kthree")), QStringLiteral("one\ntwo\nthree"));
        QCOMPARE(AnsiText::strip(QStringLiteral("a\n")), QStringLiteral("a\n"));
    }

    void palette_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<uint>("rgb");
        QTest::newRow("black") << 0 << 0x000000u;
        QTest::newRow("red") << 1 << 0xcd0000u;
        QTest::newRow("bright white") << 15 << 0xffffffu;
        QTest::newRow("cube start") << 16 << 0x000000u;
        QTest::newRow("cube orange 208") << 208 << 0xff8700u;
        QTest::newRow("cube end") << 231 << 0xffffffu;
        QTest::newRow("grey start") << 232 << 0x080808u;
        QTest::newRow("grey end") << 255 << 0xeeeeeeu;
    }
    void palette()
    {
        QFETCH(int, index);
        QFETCH(uint, rgb);
        QCOMPARE(AnsiText::paletteRgb(index), rgb);
    }

    // A long build log line full of sequences parses quickly and linearly.
    void longLine()
    {
        QString line;
        for (int i = 0; i < 20000; ++i)
            line += esc("\\e[3%1mword\\e[0m ").arg(i % 8);
        const AnsiLine parsed = AnsiText::parseLine(line);
        QCOMPARE(parsed.text.size(), 20000 * 5);
        // Colour 0 (30) is still a colour; every word has its span.
        QCOMPARE(parsed.spans.size(), 20000);
    }
};

QTEST_GUILESS_MAIN(AnsiTextTest)
#include "tst_ansitext.moc"

// The parsers of outside input stay bounded on hostile input: BoundedXmlReader's limits
// (depth, tag, text, encodings), the cctray and Liquibase readers on deep nesting, JSON
// depth and size checks, capped file reads, and Alembic's ordering on a long chain and a
// cycle. Each hostile input gives a clear error (or a cut text), never a crash or a hang.

#include "ci/CctrayFeed.h"
#include "ci/HttpErrorText.h"
#include "common/BoundedXmlReader.h"
#include "common/InputLimits.h"
#include "schema/migrations/LiquibaseChangelog.h"
#include "schema/migrations/MigrationFileScanner.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace devdash;

namespace {

QByteArray nested(const QByteArray &open, const QByteArray &close, int depth)
{
    return open.repeated(depth) + close.repeated(depth);
}

// Reads to the end; the text of every Characters token joined.
QString readAll(BoundedXmlReader &xml)
{
    QString text;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::Characters)
            text += xml.text();
    }
    return text;
}

QByteArray utf16(const QString &text, bool bigEndian)
{
    QByteArray out;
    for (QChar c : text) {
        const char hi = char(c.unicode() >> 8), lo = char(c.unicode() & 0xff);
        out.append(bigEndian ? hi : lo);
        out.append(bigEndian ? lo : hi);
    }
    return out;
}

} // namespace

class BoundedParsersTest : public QObject
{
    Q_OBJECT

private slots:
    void depthLimit()
    {
        {
            BoundedXmlReader xml(nested("<a>", "</a>", InputLimits::XmlDepth));
            readAll(xml);
            QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        }
        BoundedXmlReader xml("<?xml version=\"1.0\"?>\n" + nested("<a>\n", "</a>", 100000));
        readAll(xml);
        QVERIFY(xml.hasError());
        QCOMPARE(xml.refusal(), BoundedXmlReader::TooDeep);
        QVERIFY2(
            xml.errorString().contains(QLatin1String("more than 256 levels")), qPrintable(xml.errorString()));
        QCOMPARE(xml.errorLine(), 2 + InputLimits::XmlDepth);
    }

    void longTagIsRefusedBeforeItIsBuffered()
    {
        XmlLimits limits;
        limits.maxTagBytes = 1000;
        const QByteArray doc = "<r>\n<t name=\"" + QByteArray(5000, 'x') + "\"/></r>";
        BoundedXmlReader xml(doc, limits);
        readAll(xml);
        QCOMPARE(xml.refusal(), BoundedXmlReader::TagTooLong);
        QCOMPARE(xml.errorLine(), 2);
        QVERIFY(xml.errorString().contains(QLatin1String("1000 bytes")));
        // A ">" inside a quoted value does not end the tag.
        BoundedXmlReader quoted("<r a=\">" + QByteArray(2000, '>') + "\"/>", limits);
        readAll(quoted);
        QCOMPARE(quoted.refusal(), BoundedXmlReader::TagTooLong);
        // Right at the limit is fine.
        BoundedXmlReader fits("<r a=\"" + QByteArray(990, 'x') + "\"/>", limits);
        readAll(fits);
        QVERIFY2(!fits.hasError(), qPrintable(fits.errorString()));
    }

    void longTextIsRefusedOrCut_data()
    {
        QTest::addColumn<QByteArray>("prefix");
        QTest::addColumn<QByteArray>("unit");
        QTest::addColumn<QByteArray>("suffix");
        QTest::newRow("text") << QByteArray("<r>") << QByteArray("ab") << QByteArray("</r>");
        QTest::newRow("references") << QByteArray("<r>") << QByteArray("&amp;&#233;") << QByteArray("</r>");
        QTest::newRow("utf-8") << QByteArray("<r>") << QByteArray("\xc3\xa9\xe2\x82\xac")
                               << QByteArray("</r>");
        QTest::newRow("cdata") << QByteArray("<r><![CDATA[") << QByteArray("]x]") << QByteArray("]]></r>");
        QTest::newRow("cdata then text")
            << QByteArray("<r><![CDATA[a]]>") << QByteArray("b<!---->") << QByteArray("<![CDATA[c]]></r>");
    }
    void longTextIsRefusedOrCut()
    {
        QFETCH(QByteArray, prefix);
        QFETCH(QByteArray, unit);
        QFETCH(QByteArray, suffix);
        XmlLimits limits;
        limits.maxTextBytes = 1000;
        const QByteArray doc = prefix + unit.repeated(3001) + suffix;
        {
            BoundedXmlReader xml(doc, limits);
            readAll(xml);
            QCOMPARE(xml.refusal(), BoundedXmlReader::TextTooLong);
            QVERIFY(xml.errorString().contains(QLatin1String("1000 bytes")));
        }
        limits.cutLongTexts = true;
        BoundedXmlReader xml(doc, limits);
        const QString text = readAll(xml);
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(xml.cutTexts(), 1);
        const qsizetype kept = text.toUtf8().size(); // references decode to fewer bytes
        QVERIFY2(kept <= 1000 && kept > 100, qPrintable(QString::number(kept)));
        if (unit == "ab")
            QVERIFY2(kept > 990, qPrintable(QString::number(kept)));
        QVERIFY(!text.contains(QChar::ReplacementCharacter));
    }

    void longCommentIsRefused()
    {
        XmlLimits limits;
        limits.maxTextBytes = 1000;
        limits.cutLongTexts = true;
        BoundedXmlReader xml("<r><!--" + QByteArray(5000, '-').replace("--", "- ") + "--></r>", limits);
        readAll(xml);
        QCOMPARE(xml.refusal(), BoundedXmlReader::MarkupTooLong);
    }

    void encodings()
    {
        const QString doc = QStringLiteral("<r a=\"é\">t€xt</r>");
        for (bool bigEndian : { false, true }) {
            for (bool bom : { false, true }) {
                QByteArray bytes = utf16(doc, bigEndian);
                if (bom)
                    bytes.prepend(bigEndian ? "\xFE\xFF" : "\xFF\xFE");
                BoundedXmlReader xml(bytes);
                QCOMPARE(readAll(xml), QStringLiteral("t€xt"));
                QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
            }
        }
        // UTF-16 limits count bytes of the file too: a text of 600 units is 1200 bytes.
        XmlLimits limits;
        limits.maxTextBytes = 1000;
        limits.cutLongTexts = true;
        BoundedXmlReader cut(
            utf16(QStringLiteral("<r>") + QString(600, QChar(0x20ac)) + QStringLiteral("</r>"), false),
            limits);
        QCOMPARE(readAll(cut).size(), 500);
        QVERIFY2(!cut.hasError(), qPrintable(cut.errorString()));
        BoundedXmlReader utf32(QByteArray("<\0\0\0r\0\0\0/\0\0\0>\0\0\0", 16));
        readAll(utf32);
        QCOMPARE(utf32.refusal(), BoundedXmlReader::UnsupportedEncoding);
        BoundedXmlReader tiny(QByteArray("<r"));
        readAll(tiny);
        QVERIFY(tiny.hasError());
    }

    void readsFromADevice()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("big.xml")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("<r>");
        for (int i = 0; i < 20000; ++i)
            file.write("<c n=\"" + QByteArray::number(i) + "\">text</c>\n");
        file.write("</r>");
        file.close();
        QVERIFY(file.open(QIODevice::ReadOnly));
        BoundedXmlReader xml(&file);
        int elements = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement)
                ++elements;
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(elements, 20001);
    }

    void cctrayDeepNesting()
    {
        const auto deep = ci::CctrayFeed::parse(
            "<Projects>" + nested("<Project name=\"p\">", "</Project>", 100000) + "</Projects>");
        QVERIFY(!deep.ok());
        QVERIFY2(deep.errorMessage().contains(QLatin1String("nested more than 256")),
            qPrintable(deep.errorMessage()));
        const auto huge = ci::CctrayFeed::parse(
            "<Projects><Project name=\"" + QByteArray(2 * 1024 * 1024, 'p') + "\"/></Projects>");
        QVERIFY(!huge.ok());
        QVERIFY2(huge.errorMessage().contains(QLatin1String("1 MiB")), qPrintable(huge.errorMessage()));
        const auto fine = ci::CctrayFeed::parse(
            "<Projects><Project name=\"a\" activity=\"Sleeping\" lastBuildStatus=\"Success\"/></Projects>");
        QVERIFY(fine.ok());
        QCOMPARE(fine->size(), 1);
    }

    void liquibaseDeepNesting()
    {
        const QByteArray xml = "<databaseChangeLog><changeSet id=\"1\" author=\"a\"><sql>"
            + nested("<x>", "</x>", 100000) + "</sql></changeSet></databaseChangeLog>";
        const auto changeSets
            = migrations::LiquibaseChangelog::parse(QStringLiteral("db/changelog.xml"), xml, {});
        QCOMPARE(changeSets.size(), 1);
        QCOMPARE(changeSets.at(0).id, QStringLiteral("1"));
        QVERIFY(!changeSets.at(0).checksum);
        QVERIFY2(changeSets.at(0).notVerified.contains(QLatin1String("nested more than 256")),
            qPrintable(changeSets.at(0).notVerified));
    }

    void jsonLimits()
    {
        QCOMPARE(InputLimits::jsonDepth("[[{\"a\":\"[[[[\"}]]", 10), 3);
        QCOMPARE(InputLimits::jsonDepth("[\"\\\"[\"]", 10), 1);
        const QByteArray deep = QByteArray("[").repeated(100000) + QByteArray("]").repeated(100000);
        const auto refused = InputLimits::parseJson(deep, InputLimits::CiJsonBytes);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.errorMessage().contains(QLatin1String("more than 64 deep")),
            qPrintable(refused.errorMessage()));
        const auto big = InputLimits::parseJson(QByteArray(2000, ' '), 1000);
        QVERIFY(!big.ok());
        QVERIFY(big.errorMessage().contains(QLatin1String("1000 bytes")));
        QVERIFY(
            InputLimits::parseJson(QByteArray("[").repeated(64) + QByteArray("]").repeated(64), 1000).ok());
        // Through the CI servers' parser.
        const auto ci = ci::HttpErrorText::parseJson(deep, QUrl(QStringLiteral("https://ci.invalid/api")));
        QVERIFY(!ci.ok());
        QVERIFY2(ci.errorMessage().contains(QLatin1String("ci.invalid")), qPrintable(ci.errorMessage()));
    }

    void fileReadsAreCapped()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(5000, ' '));
        file.close();
        const auto refused = InputLimits::readFile(path, 4096, QStringLiteral("the configuration file"));
        QVERIFY(!refused.ok());
        QVERIFY2(refused.errorMessage().contains(QLatin1String("4 KiB")), qPrintable(refused.errorMessage()));
        QCOMPARE(InputLimits::readFile(path, 5000, QStringLiteral("x"))->size(), 5000);
        QVERIFY(!InputLimits::readFile(dir.filePath(QStringLiteral("none")), 10, QStringLiteral("x")).ok());
    }

    void alembicLongChainIsLinear()
    {
        constexpr int Count = 10000;
        QList<migrations::MigrationFile> files;
        for (int i = Count - 1; i >= 0; --i) { // newest first: the order must come from the chain
            migrations::MigrationFile f;
            f.key = QStringLiteral("r%1").arg(i, 5, 10, QLatin1Char('0'));
            if (i > 0)
                f.parents = { QStringLiteral("r%1").arg(i - 1, 5, 10, QLatin1Char('0')) };
            files.append(f);
        }
        std::swap(files[10], files[5000]);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(migrations::MigrationFileScanner::orderAlembic(files, QStringLiteral("versions")).ok());
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
        for (int i = 0; i < Count; ++i)
            QCOMPARE(files.at(i).key, QStringLiteral("r%1").arg(i, 5, 10, QLatin1Char('0')));
    }

    void alembicCycleIsAnError()
    {
        QList<migrations::MigrationFile> files;
        auto add = [&files](const QString &key, const QStringList &parents) {
            migrations::MigrationFile f;
            f.key = key;
            f.parents = parents;
            files.append(f);
        };
        add(QStringLiteral("base"), {});
        add(QStringLiteral("a"), { QStringLiteral("base"), QStringLiteral("c") });
        add(QStringLiteral("b"), { QStringLiteral("a") });
        add(QStringLiteral("c"), { QStringLiteral("b") });
        add(QStringLiteral("d"), { QStringLiteral("c") });
        const auto ordered
            = migrations::MigrationFileScanner::orderAlembic(files, QStringLiteral("versions"));
        QVERIFY(!ordered.ok());
        QVERIFY2(ordered.errorMessage().contains(QLatin1String("cycle")), qPrintable(ordered.errorMessage()));
        QVERIFY2(ordered.errorMessage().contains(QLatin1String("3 revisions")),
            qPrintable(ordered.errorMessage()));
        for (const char *key : { "a →", "b →", "c →" })
            QVERIFY2(
                ordered.errorMessage().contains(QString::fromUtf8(key)), qPrintable(ordered.errorMessage()));
        // A revision that is its own parent, and a long cycle.
        files.clear();
        add(QStringLiteral("self"), { QStringLiteral("self") });
        QVERIFY(!migrations::MigrationFileScanner::orderAlembic(files, {}).ok());
        files.clear();
        for (int i = 0; i < 10000; ++i)
            add(QString::number(i), { QString::number((i + 1) % 10000) });
        const auto longCycle = migrations::MigrationFileScanner::orderAlembic(files, {});
        QVERIFY(!longCycle.ok());
        QVERIFY2(longCycle.errorMessage().contains(QLatin1String("10000 revisions")),
            qPrintable(longCycle.errorMessage()));
    }
};

QTEST_GUILESS_MAIN(BoundedParsersTest)
#include "tst_boundedparsers.moc"

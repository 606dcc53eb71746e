#include "BoundedXmlReader.h"

#include <QBuffer>
#include <QIODevice>

#include <algorithm>
#include <cstring>

namespace devdash {

// The bytes between the source and QXmlStreamReader. A state machine over the document's
// code units (bytes, or UTF-16 units) that knows just enough XML to tell tags, text,
// CDATA, comments and declarations apart and to measure each. It forwards what it reads,
// drops the tail of a text that is cut, and stops (end of data) at a refusal.
class BoundedXmlReader::Guard : public QIODevice
{
public:
    Guard(QIODevice *source, const XmlLimits &limits)
        : m_source(source)
        , m_limits(limits)
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }

    bool isSequential() const override { return true; }
    bool atEnd() const override { return m_outPos >= m_out.size() && (m_stopped || m_sourceDone); }
    qint64 bytesAvailable() const override { return m_out.size() - m_outPos; }

    Refusal refusal() const { return m_refusal; }
    qint64 refusalLine() const { return m_refusalLine; }
    int cutTexts() const { return m_cut; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        while (m_outPos >= m_out.size() && !m_stopped && !m_sourceDone)
            fill();
        const qint64 n = std::min<qint64>(maxSize, m_out.size() - m_outPos);
        if (n <= 0)
            return -1;
        std::memcpy(data, m_out.constData() + m_outPos, size_t(n));
        m_outPos += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    enum class Mode { Unknown, Bytes, Utf16LE, Utf16BE };
    enum class State { Text, Markup, Tag, Comment, Pi, Decl, CData };

    void fill()
    {
        m_out.clear();
        m_outPos = 0;
        QByteArray chunk = m_source->read(64 * 1024);
        if (chunk.isEmpty()) {
            m_sourceDone = true;
            if (m_mode == Mode::Unknown)
                decideMode(true); // a document shorter than 4 bytes
            return;
        }
        if (m_mode == Mode::Unknown) {
            m_head += chunk;
            if (m_head.size() < 4)
                return;
            decideMode(false); // on m_head, before it becomes the chunk to scan
            chunk = std::exchange(m_head, {});
        }
        if (!m_stopped)
            scan(chunk);
    }

    void decideMode(bool atEnd)
    {
        const QByteArray &h = m_head;
        auto starts = [&h](const char *bytes, int n) {
            return h.size() >= n && std::memcmp(h.constData(), bytes, size_t(n)) == 0;
        };
        if (starts("\xFF\xFE\x00\x00", 4) || starts("\x00\x00\xFE\xFF", 4) || starts("<\x00\x00\x00", 4)
            || starts("\x00\x00\x00<", 4)) {
            stop(UnsupportedEncoding, 1);
            return;
        }
        if (starts("\xFF\xFE", 2) || starts("<\x00", 2))
            m_mode = Mode::Utf16LE;
        else if (starts("\xFE\xFF", 2) || starts("\x00<", 2))
            m_mode = Mode::Utf16BE;
        else
            m_mode = Mode::Bytes;
        // Limits are in bytes of the file; a UTF-16 unit is two of them.
        const int unitBytes = m_mode == Mode::Bytes ? 1 : 2;
        m_maxTagUnits = m_limits.maxTagBytes / unitBytes;
        m_maxTextUnits = m_limits.maxTextBytes / unitBytes;
        if (atEnd)
            scan(std::exchange(m_head, {}));
    }

    void stop(Refusal refusal, qint64 line)
    {
        m_refusal = refusal;
        m_refusalLine = line;
        m_stopped = true;
    }

    void scan(const QByteArray &chunk)
    {
        m_out.reserve(chunk.size());
        const char *p = chunk.constData();
        const qsizetype n = chunk.size();
        if (m_mode == Mode::Bytes) {
            for (qsizetype i = 0; i < n && !m_stopped;) {
                if (m_state == State::Text && !m_cutting) {
                    const qsizetype kept = keepText(p + i, n - i);
                    i += kept;
                    if (kept > 0)
                        continue;
                }
                if (step(uchar(p[i])))
                    m_out.append(p[i]);
                ++i;
            }
            return;
        }
        for (qsizetype i = 0; i < n && !m_stopped; ++i) {
            if (!m_haveCarry) {
                m_carry = p[i];
                m_haveCarry = true;
                continue;
            }
            m_haveCarry = false;
            const uchar first = uchar(m_carry), second = uchar(p[i]);
            const char16_t unit
                = m_mode == Mode::Utf16LE ? char16_t(first | second << 8) : char16_t(first << 8 | second);
            if (step(unit)) {
                m_out.append(m_carry);
                m_out.append(p[i]);
            }
        }
    }

    // The fast way through text (most of a report's bytes): the run up to the next "<", taken
    // whole when it stays within the text limit (else step() goes unit by unit). Returns the
    // bytes taken.
    qsizetype keepText(const char *p, qsizetype n)
    {
        const char *lt = static_cast<const char *>(std::memchr(p, '<', size_t(n)));
        const qsizetype span = lt ? lt - p : n;
        if (span == 0 || m_textUnits + span > m_maxTextUnits)
            return 0;
        m_line += std::count(p, p + span, '\n');
        m_pos += span;
        m_textUnits += span;
        // Whether the run ends inside an entity or character reference, as textUnit() tracks it.
        const char *amp = static_cast<const char *>(memrchr(p, '&', size_t(span)));
        const char *rest = amp ? amp + 1 : p;
        const qsizetype restSize = p + span - rest;
        if (amp) {
            m_inRef = true;
            m_refUnits = 0;
        }
        if (m_inRef) {
            if (std::memchr(rest, ';', size_t(restSize)))
                m_inRef = false;
            else if ((m_refUnits += int(std::min<qsizetype>(restSize, 65))) > 64)
                m_inRef = false;
        }
        m_out.append(p, span);
        return span;
    }

    void emitAscii(const char *text)
    {
        for (; *text; ++text) {
            if (m_mode == Mode::Utf16LE) {
                m_out.append(*text);
                m_out.append('\0');
            } else if (m_mode == Mode::Utf16BE) {
                m_out.append('\0');
                m_out.append(*text);
            } else {
                m_out.append(*text);
            }
        }
    }

    // A unit where a text may be cut: not inside a character (UTF-8 continuation byte,
    // low surrogate) nor inside an entity or character reference.
    bool canCutBefore(char16_t c) const
    {
        if (m_inRef)
            return false;
        if (m_mode == Mode::Bytes)
            return (c & 0xC0) != 0x80;
        return c < 0xDC00 || c > 0xDFFF;
    }

    // A unit of text (outside or inside CDATA): counted, kept, or cut.
    bool textUnit(char16_t c)
    {
        ++m_textUnits;
        if (m_cutting)
            return false;
        if (m_textUnits > m_maxTextUnits) {
            if (!m_limits.cutLongTexts) {
                stop(TextTooLong, m_line);
                return false;
            }
            if (canCutBefore(c)) {
                m_cutting = true;
                ++m_cut;
                return false;
            }
        }
        if (m_state == State::Text) {
            if (c == u'&') {
                m_inRef = true;
                m_refUnits = 0;
            } else if (m_inRef && (c == u';' || ++m_refUnits > 64)) {
                m_inRef = false;
            }
        }
        return true;
    }

    bool step(char16_t c)
    {
        ++m_pos;
        if (c == u'\n')
            ++m_line;
        const char16_t t1 = m_t1, t2 = m_t2; // the two units before this one
        m_t2 = m_t1;
        m_t1 = c;
        const qint64 markupUnits = m_pos - m_markupStart;
        switch (m_state) {
        case State::Text:
            if (c == u'<') {
                m_state = State::Markup;
                m_prefix.clear();
                m_markupStart = m_pos;
                m_markupLine = m_line;
                m_inRef = false;
                return true;
            }
            return textUnit(c);
        case State::Markup:
            m_prefix.append(QChar(c));
            if (m_prefix == u"!--") {
                m_state = State::Comment;
                m_t1 = m_t2 = 0; // "<!-->" does not close the comment
                return true;
            }
            if (m_prefix == u"![CDATA[") {
                m_state = State::CData;
                m_t1 = m_t2 = 0;
                return true;
            }
            if (m_prefix.startsWith(u'?')) {
                m_state = State::Pi;
                return true;
            }
            if (m_prefix.startsWith(u'!')) {
                if (QStringView(u"!--").startsWith(m_prefix) || QStringView(u"![CDATA[").startsWith(m_prefix))
                    return true; // not told yet
                m_state = State::Decl;
                m_quote = 0;
                m_brackets = 0;
                return declUnit(c, markupUnits);
            }
            m_state = State::Tag;
            m_quote = 0;
            return tagUnit(c, markupUnits);
        case State::Tag:
            return tagUnit(c, markupUnits);
        case State::Decl:
            return declUnit(c, markupUnits);
        case State::Comment:
            if (c == u'>' && t1 == u'-' && t2 == u'-') {
                m_state = State::Text;
                return true;
            }
            if (markupUnits > m_maxTextUnits)
                stop(MarkupTooLong, m_markupLine);
            return !m_stopped;
        case State::Pi:
            if (c == u'>' && t1 == u'?') {
                m_state = State::Text;
                return true;
            }
            if (markupUnits > m_maxTagUnits)
                stop(MarkupTooLong, m_markupLine);
            return !m_stopped;
        case State::CData:
            if (c == u'>' && t1 == u']' && t2 == u']') {
                m_state = State::Text;
                if (!m_cutting)
                    return true;
                emitAscii("]]>"); // its "]]" may have been cut
                return false;
            }
            return textUnit(c);
        }
        return true;
    }

    bool tagUnit(char16_t c, qint64 units)
    {
        if (units > m_maxTagUnits) {
            stop(TagTooLong, m_markupLine);
            return false;
        }
        if (m_quote) {
            if (c == m_quote)
                m_quote = 0;
        } else if (c == u'"' || c == u'\'') {
            m_quote = c;
        } else if (c == u'>') {
            m_state = State::Text; // a new text begins
            m_textUnits = 0;
            m_cutting = false;
        }
        return true;
    }

    // <!DOCTYPE …> with its internal subset in brackets, <!ELEMENT …> and the like.
    bool declUnit(char16_t c, qint64 units)
    {
        if (units > m_maxTagUnits) {
            stop(MarkupTooLong, m_markupLine);
            return false;
        }
        if (m_quote) {
            if (c == m_quote)
                m_quote = 0;
        } else if (c == u'"' || c == u'\'') {
            m_quote = c;
        } else if (c == u'[') {
            ++m_brackets;
        } else if (c == u']') {
            --m_brackets;
        } else if (c == u'>' && m_brackets <= 0) {
            m_state = State::Text;
        }
        return true;
    }

    QIODevice *m_source;
    XmlLimits m_limits;
    qint64 m_maxTagUnits = 0;
    qint64 m_maxTextUnits = 0;
    Mode m_mode = Mode::Unknown;
    QByteArray m_head; // the first bytes, until the encoding is known
    QByteArray m_out;
    qsizetype m_outPos = 0;
    char m_carry = 0;
    bool m_haveCarry = false;
    bool m_sourceDone = false;
    bool m_stopped = false;
    Refusal m_refusal = NoRefusal;
    qint64 m_refusalLine = 0;

    State m_state = State::Text;
    qint64 m_pos = 0; // units read
    qint64 m_line = 1;
    qint64 m_markupStart = 0;
    qint64 m_markupLine = 1;
    QString m_prefix; // the first units after "<", until the kind of markup is known
    char16_t m_quote = 0;
    char16_t m_t1 = 0;
    char16_t m_t2 = 0;
    int m_brackets = 0;
    qint64 m_textUnits = 0;
    bool m_cutting = false;
    bool m_inRef = false;
    int m_refUnits = 0;
    int m_cut = 0;
};

BoundedXmlReader::BoundedXmlReader(QIODevice *device, const XmlLimits &limits)
    : m_limits(limits)
    , m_guard(std::make_unique<Guard>(device, limits))
{
    m_xml.setDevice(m_guard.get());
    // Nothing is expanded: a DTD's entities stay unexpanded even where a caller lets the
    // DTD through.
    m_xml.setEntityExpansionLimit(0);
}

BoundedXmlReader::BoundedXmlReader(const QByteArray &bytes, const XmlLimits &limits)
    : m_limits(limits)
{
    auto buffer = std::make_unique<QBuffer>();
    buffer->setData(bytes);
    buffer->open(QIODevice::ReadOnly);
    m_owned = std::move(buffer);
    m_guard = std::make_unique<Guard>(m_owned.get(), limits);
    m_xml.setDevice(m_guard.get());
    m_xml.setEntityExpansionLimit(0);
}

BoundedXmlReader::~BoundedXmlReader()
{
    m_xml.setDevice(nullptr);
}

void BoundedXmlReader::refuse(Refusal refusal, qint64 line)
{
    if (m_refusal != NoRefusal)
        return;
    m_refusal = refusal;
    m_refusalLine = line;
    m_xml.raiseError(errorString());
}

QXmlStreamReader::TokenType BoundedXmlReader::readNext()
{
    const QXmlStreamReader::TokenType type = m_xml.readNext();
    switch (type) {
    case QXmlStreamReader::StartElement:
        if (++m_depth > m_limits.maxDepth) {
            refuse(TooDeep, m_xml.lineNumber());
            return QXmlStreamReader::Invalid;
        }
        break;
    case QXmlStreamReader::EndElement:
        --m_depth;
        break;
    case QXmlStreamReader::Invalid:
        if (m_guard->refusal() != NoRefusal)
            refuse(m_guard->refusal(), m_guard->refusalLine());
        break;
    default:
        break;
    }
    return type;
}

bool BoundedXmlReader::readNextStartElement()
{
    for (;;) {
        switch (readNext()) {
        case QXmlStreamReader::StartElement:
            return true;
        case QXmlStreamReader::EndElement:
        case QXmlStreamReader::EndDocument:
        case QXmlStreamReader::Invalid:
            return false;
        default:
            break;
        }
    }
}

void BoundedXmlReader::skipCurrentElement()
{
    int depth = 1;
    while (depth > 0) {
        switch (readNext()) {
        case QXmlStreamReader::StartElement:
            ++depth;
            break;
        case QXmlStreamReader::EndElement:
            --depth;
            break;
        case QXmlStreamReader::EndDocument:
        case QXmlStreamReader::Invalid:
            return;
        default:
            break;
        }
    }
}

QString BoundedXmlReader::readElementText()
{
    QString text;
    int depth = 1;
    while (depth > 0) {
        switch (readNext()) {
        case QXmlStreamReader::StartElement:
            ++depth;
            break;
        case QXmlStreamReader::EndElement:
            --depth;
            break;
        case QXmlStreamReader::Characters:
            text += m_xml.text();
            break;
        case QXmlStreamReader::EndDocument:
        case QXmlStreamReader::Invalid:
            return text;
        default:
            break;
        }
    }
    return text;
}

QString BoundedXmlReader::errorString() const
{
    using InputLimits::describeBytes;
    switch (m_refusal) {
    case NoRefusal:
        return m_xml.errorString();
    case TooDeep:
        return QStringLiteral("elements are nested more than %1 levels deep; DevDash refuses such a document "
                              "(no tool writes one: check where the file comes from)")
            .arg(m_limits.maxDepth);
    case TagTooLong:
        return QStringLiteral(
            "a tag with its attributes is longer than %1; DevDash refuses attributes that "
            "large (check the tool that wrote the file: a name or a message should be short)")
            .arg(describeBytes(m_limits.maxTagBytes));
    case TextTooLong:
        return QStringLiteral("a text is longer than %1; DevDash refuses texts that large (split the file)")
            .arg(describeBytes(m_limits.maxTextBytes));
    case MarkupTooLong:
        return QStringLiteral("a comment longer than %1, or a declaration or processing instruction longer "
                              "than %2; DevDash refuses such a document")
            .arg(describeBytes(m_limits.maxTextBytes), describeBytes(m_limits.maxTagBytes));
    case UnsupportedEncoding:
        return QStringLiteral("the document is in UTF-32; DevDash reads XML in UTF-8 or UTF-16");
    }
    return {};
}

qint64 BoundedXmlReader::errorLine() const
{
    return m_refusal != NoRefusal ? m_refusalLine : m_xml.lineNumber();
}

int BoundedXmlReader::cutTexts() const
{
    return m_guard->cutTexts();
}

} // namespace devdash

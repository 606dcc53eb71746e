#include "schema/IndentedJsonText.h"

#include <algorithm>

namespace devdash::schema {

void IndentedJsonText::strings(const QStringList &list)
{
    beginArray();
    for (const QString &item : list)
        text(item);
    endArray();
}

IndentedJsonText IndentedJsonText::continuing(int depth)
{
    IndentedJsonText writer;
    writer.m_empty.assign(size_t(depth), false);
    return writer;
}

void IndentedJsonText::appendContinuation(const QByteArray &text)
{
    bytes += text;
    if (!text.isEmpty())
        m_empty.back() = false;
}

// Before a value: nothing after a key, else ",\n" between elements and the indent.
void IndentedJsonText::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_empty.empty())
        return;
    if (!m_empty.back())
        bytes += ",\n";
    m_empty.back() = false;
    indent();
}

void IndentedJsonText::open(char bracket)
{
    separate();
    bytes += bracket;
    bytes += '\n';
    m_empty.push_back(true);
}

void IndentedJsonText::close(char bracket)
{
    if (!m_empty.back())
        bytes += '\n';
    m_empty.pop_back();
    indent();
    bytes += bracket;
}

// As QJsonDocument escapes: '"', '\\' and control characters; the rest UTF-8.
void IndentedJsonText::escape(const QString &value)
{
    static const char hex[] = "0123456789abcdef";
    // Plain ASCII (nearly every identifier and type) needs no UTF-8 conversion.
    const bool ascii = std::all_of(value.cbegin(), value.cend(), [](QChar c) {
        return c.unicode() >= 0x20 && c.unicode() < 0x80 && c != QLatin1Char('"') && c != QLatin1Char('\\');
    });
    if (ascii) {
        const qsizetype start = bytes.size();
        bytes.resize(start + value.size());
        char *out = bytes.data() + start;
        for (const QChar c : value)
            *out++ = char(c.unicode());
        return;
    }
    const QByteArray utf8 = value.toUtf8();
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && c != '"' && c != '\\') {
            bytes += c;
            continue;
        }
        bytes += '\\';
        switch (u) {
        case '"':
            bytes += '"';
            break;
        case '\\':
            bytes += '\\';
            break;
        case '\b':
            bytes += 'b';
            break;
        case '\f':
            bytes += 'f';
            break;
        case '\n':
            bytes += 'n';
            break;
        case '\r':
            bytes += 'r';
            break;
        case '\t':
            bytes += 't';
            break;
        default:
            bytes += "u00";
            bytes += hex[u >> 4];
            bytes += hex[u & 0xf];
        }
    }
}

} // namespace devdash::schema

#pragma once

#include "common/InputLimits.h"

#include <QXmlStreamReader>

#include <memory>

class QIODevice;

namespace devdash {

struct XmlLimits
{
    int maxDepth = InputLimits::XmlDepth;
    qint64 maxTagBytes = InputLimits::XmlTagBytes;
    qint64 maxTextBytes = InputLimits::XmlTextBytes;
    // A longer text is cut at maxTextBytes (test reports: a huge system-out) instead of
    // refusing the document (Liquibase: a cut SQL body would give a wrong checksum).
    bool cutLongTexts = false;
};

// QXmlStreamReader for untrusted XML, with the limits of InputLimits. QXmlStreamReader
// itself buffers a whole tag or text before returning it (a 64 MB attribute took ~1 GB);
// here the bytes pass through a small scanner on their way in that stops at a tag longer
// than maxTagBytes and cuts or stops a text longer than maxTextBytes, so that the reader
// never holds more. Elements deeper than maxDepth stop it too (callers that recurse per
// element are bounded by it). Entities are never expanded. A refusal is an error like a
// malformed document's: errorString() says which limit, errorLine() where.
// UTF-8 (and other ASCII supersets) and UTF-16 are read; UTF-32 is refused.
class BoundedXmlReader
{
public:
    enum Refusal { NoRefusal, TooDeep, TagTooLong, TextTooLong, MarkupTooLong, UnsupportedEncoding };

    // Reads `device` (not owned; open for reading) from where it stands.
    explicit BoundedXmlReader(QIODevice *device, const XmlLimits &limits = {});
    explicit BoundedXmlReader(const QByteArray &bytes, const XmlLimits &limits = {});
    ~BoundedXmlReader();
    BoundedXmlReader(const BoundedXmlReader &) = delete;
    BoundedXmlReader &operator=(const BoundedXmlReader &) = delete;

    QXmlStreamReader::TokenType readNext();
    // As QXmlStreamReader's, through readNext() (so within the limits).
    bool readNextStartElement();
    void skipCurrentElement();
    QString readElementText(); // the text of the element and of its children

    QXmlStreamReader::TokenType tokenType() const { return m_xml.tokenType(); }
    bool atEnd() const { return m_xml.atEnd(); }
    bool isStartElement() const { return m_xml.isStartElement(); }
    bool isEndElement() const { return m_xml.isEndElement(); }
    bool isCharacters() const { return m_xml.isCharacters(); }
    QStringView name() const { return m_xml.name(); }
    QXmlStreamAttributes attributes() const { return m_xml.attributes(); }
    QStringView text() const { return m_xml.text(); }
    qint64 lineNumber() const { return m_xml.lineNumber(); }
    qint64 columnNumber() const { return m_xml.columnNumber(); }
    qint64 characterOffset() const { return m_xml.characterOffset(); }
    int depth() const { return m_depth; }

    bool hasError() const { return m_xml.hasError(); }
    QXmlStreamReader::Error error() const { return m_xml.error(); }
    QString errorString() const;
    // The line of the error: where the refused tag or text starts for a refusal.
    qint64 errorLine() const;
    Refusal refusal() const { return m_refusal; }
    void raiseError(const QString &message) { m_xml.raiseError(message); }

    // Texts cut at maxTextBytes (with cutLongTexts).
    int cutTexts() const;
    const XmlLimits &limits() const { return m_limits; }

private:
    class Guard;
    void refuse(Refusal refusal, qint64 line);

    XmlLimits m_limits;
    std::unique_ptr<QIODevice> m_owned; // the buffer of the QByteArray constructor
    std::unique_ptr<Guard> m_guard;
    QXmlStreamReader m_xml;
    int m_depth = 0;
    Refusal m_refusal = NoRefusal;
    qint64 m_refusalLine = 0;
};

} // namespace devdash

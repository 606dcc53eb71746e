#include "XmlReportStream.h"

#include <QIODevice>

namespace devdash::testresults {

XmlReportStream::XmlReportStream(
    QIODevice &device, const QString &displayName, const ReportLimits &limits, const CancelToken &cancel)
    : m_reader(&device, xmlLimits())
    , m_displayName(displayName)
    , m_limits(limits)
    , m_cancel(cancel)
{
    // The reader never expands entities either, should a DTD slip through.
}

XmlLimits XmlReportStream::xmlLimits()
{
    XmlLimits limits;
    limits.cutLongTexts = true; // a huge system-out is cut, not a reason to lose the run
    return limits;
}

QXmlStreamReader::TokenType XmlReportStream::next()
{
    const QXmlStreamReader::TokenType type = m_reader.readNext();
    if ((++m_tokens & 0x3ff) == 0 && m_cancel.isCancelled()) {
        fail(Cancelled, QStringLiteral("cancelled"));
        return QXmlStreamReader::Invalid;
    }
    switch (type) {
    case QXmlStreamReader::DTD:
        fail(Refused,
            QStringLiteral("the report has a document type declaration (<!DOCTYPE …>); DTDs and entity "
                           "declarations are refused so that no entity is ever expanded (XXE, \"billion "
                           "laughs\"). Test tools do not write them: check where this file comes from"));
        return QXmlStreamReader::Invalid;
    case QXmlStreamReader::EntityReference:
        fail(Refused,
            QStringLiteral("entity reference &%1; refused: entities are never expanded")
                .arg(m_reader.name().toString()));
        return QXmlStreamReader::Invalid;
    default:
        return type;
    }
}

bool XmlReportStream::readRoot()
{
    for (;;) {
        switch (next()) {
        case QXmlStreamReader::StartElement:
            return true;
        case QXmlStreamReader::Invalid:
        case QXmlStreamReader::EndDocument:
            if (!failed())
                fail(NotAReport, QStringLiteral("no root element"));
            return false;
        default:
            break;
        }
    }
}

bool XmlReportStream::readNextChild(QString *text)
{
    for (;;) {
        switch (next()) {
        case QXmlStreamReader::Characters:
            if (text) {
                bool truncated = false;
                appendCapped(*text, m_reader.text(), m_limits.maxFieldChars + 1, truncated);
            }
            break;
        case QXmlStreamReader::StartElement:
            return true;
        case QXmlStreamReader::EndElement:
        case QXmlStreamReader::EndDocument:
        case QXmlStreamReader::Invalid:
            return false;
        default:
            break; // text between children, comments, processing instructions
        }
    }
}

void XmlReportStream::appendCapped(QString &out, QStringView text, qsizetype cap, bool &truncated)
{
    const qsizetype room = cap - out.size();
    if (text.size() <= room) {
        out.append(text);
    } else {
        if (room > 0)
            out.append(text.first(room));
        truncated = true;
    }
}

qsizetype XmlReportStream::budget(TextKind kind) const
{
    const qsizetype limit = kind == TextKind::Output ? m_limits.maxReportChars / 2 : m_limits.maxReportChars;
    return std::max<qsizetype>(0, limit - m_used);
}

QString XmlReportStream::finishText(QString &&text, bool truncated, bool overBudget)
{
    bool blank = true;
    for (QChar c : std::as_const(text)) {
        if (!c.isSpace()) {
            blank = false;
            break;
        }
    }
    if (blank && !truncated)
        return {};
    m_used += text.size();
    if (text.capacity() - text.size() > 32)
        text.squeeze(); // appending leaves room to grow; a kept text never grows again
    if (truncated) {
        if (overBudget) {
            ++m_dropped;
            // One shared string for every text left out: it costs no memory per case.
            static const QString dropped = QStringLiteral("… (left out: the report's text budget is spent)");
            if (text.isEmpty())
                return dropped;
            text.append(u'\n' + dropped);
        } else {
            ++m_truncated;
            text.append(QStringLiteral("\n… (truncated)"));
        }
    }
    return std::move(text);
}

QString XmlReportStream::readText(TextKind kind)
{
    const qsizetype cap = std::min(m_limits.maxFieldChars, budget(kind));
    const bool budgetBound = cap < m_limits.maxFieldChars;
    QString out;
    bool truncated = false;
    int depth = 1;
    while (depth > 0) {
        switch (next()) {
        case QXmlStreamReader::StartElement:
            ++depth;
            break;
        case QXmlStreamReader::EndElement:
            --depth;
            break;
        case QXmlStreamReader::Characters:
            if (!truncated)
                appendCapped(out, m_reader.text(), cap, truncated);
            break;
        case QXmlStreamReader::EndDocument:
        case QXmlStreamReader::Invalid:
            return {};
        default:
            break;
        }
    }
    return finishText(std::move(out), truncated, truncated && budgetBound);
}

QString XmlReportStream::keep(QStringView value, TextKind kind)
{
    if (value.trimmed().isEmpty())
        return {};
    const qsizetype cap = std::min(m_limits.maxFieldChars, budget(kind));
    QString out;
    bool truncated = false;
    appendCapped(out, value, cap, truncated);
    if (!truncated) {
        m_used += out.size();
        return out;
    }
    return finishText(std::move(out), truncated, cap < m_limits.maxFieldChars);
}

void XmlReportStream::skipElement()
{
    int depth = 1;
    while (depth > 0) {
        switch (next()) {
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

void XmlReportStream::readToEnd()
{
    for (;;) {
        switch (next()) {
        case QXmlStreamReader::EndDocument:
        case QXmlStreamReader::Invalid:
            return;
        default:
            break;
        }
    }
}

void XmlReportStream::fail(ErrorCode code, const QString &message)
{
    if (failed())
        return;
    m_errorCode = code;
    m_errorLine = int(m_reader.lineNumber());
    m_errorColumn = int(m_reader.columnNumber()) + 1;
    m_errorMessage = message;
    m_reader.raiseError(message); // stops the reader: every later readNext() is Invalid
}

Error XmlReportStream::error() const
{
    int code = m_errorCode;
    int line = m_errorLine;
    int column = m_errorColumn;
    QString message = m_errorMessage;
    if (code == 0) {
        if (!m_reader.hasError())
            return {};
        code = Malformed;
        line = int(m_reader.lineNumber());
        if (m_reader.refusal() != BoundedXmlReader::NoRefusal) {
            return Error { QStringLiteral("%1:%2: %3")
                               .arg(m_displayName)
                               .arg(m_reader.errorLine())
                               .arg(m_reader.errorString()),
                Refused };
        }
        column = int(m_reader.columnNumber()) + 1;
        message = m_reader.errorString();
        if (m_reader.error() == QXmlStreamReader::PrematureEndOfDocumentError) {
            message = m_reader.characterOffset() == 0
                ? QStringLiteral("the file is empty: not a test report")
                : QStringLiteral("the report ends too early (truncated, or still being written): %1")
                      .arg(message);
        } else {
            message = QStringLiteral("not well-formed XML: %1").arg(message);
        }
    }
    if (code == Cancelled)
        return Error { QStringLiteral("%1: import cancelled").arg(m_displayName), code };
    return Error { QStringLiteral("%1:%2:%3: %4").arg(m_displayName).arg(line).arg(column).arg(message),
        code };
}

} // namespace devdash::testresults

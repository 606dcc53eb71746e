#pragma once

#include "common/BoundedXmlReader.h"
#include "common/CancelToken.h"
#include "common/Result.h"

#include <QString>
#include <QXmlStreamReader>

class QIODevice;

namespace devdash::testresults {

// An attribute's value by its (qualified) name; a null view when absent.
inline QStringView attributeValue(const QXmlStreamAttributes &attributes, const char *name)
{
    return attributes.value(QLatin1StringView(name));
}

// What a parse may keep: each stored text up to maxFieldChars, and all of them together
// up to maxReportChars, so that memory stays bounded whatever the size of the report.
// Outputs (system-out/err, properties) may use only half of it: the rest is kept for
// failure messages and stack traces, which say more about a run.
struct ReportLimits
{
    qsizetype maxFieldChars = 64 * 1024;
    qsizetype maxReportChars = 12 * 1024 * 1024; // UTF-16: 24 MB
};

enum class TextKind { Output, Detail };

// BoundedXmlReader made safe and convenient for the report readers: it refuses DTDs
// and entity references (nothing is ever expanded: no XXE, no "billion laughs"),
// polls a CancelToken, keeps texts within ReportLimits, and words errors as
// "file:line:column: what". The reader's limits (InputLimits) bound what is read: a
// deeper nesting or a longer tag is refused, a longer text is cut (a warning says so).
class XmlReportStream
{
public:
    enum ErrorCode { Io = 1, Malformed, Refused, NotAReport, Cancelled };

    XmlReportStream(
        QIODevice &device, const QString &displayName, const ReportLimits &limits, const CancelToken &cancel);

    BoundedXmlReader &reader() { return m_reader; }
    QStringView name() const { return m_reader.name(); }
    QXmlStreamAttributes attributes() const { return m_reader.attributes(); }

    // Moves to the root element; false (with an error) if there is none.
    bool readRoot();
    // Moves to the next child element of the current element: true at its start,
    // false at the end of the current element or on error. Text between children is
    // ignored, or gathered into *text (up to maxFieldChars; pass it to keep() to store it).
    bool readNextChild(QString *text = nullptr);
    // Consumes the current element and returns its text (nested elements' text included),
    // capped; whitespace-only text gives an empty string.
    QString readText(TextKind kind = TextKind::Output);
    // Consumes the current element and everything in it.
    void skipElement();
    // After the root element: checks that nothing but comments and whitespace follow.
    void readToEnd();

    // A value to store (attribute, gathered text), capped and counted like readText().
    QString keep(QStringView value, TextKind kind = TextKind::Detail);

    bool failed() const { return m_errorCode != 0 || m_reader.hasError(); }
    void fail(ErrorCode code, const QString &message);
    Error error() const;
    int truncatedTexts() const { return m_truncated; }
    int droppedTexts() const { return m_dropped; }
    int cutTexts() const { return m_reader.cutTexts(); }
    const ReportLimits &limits() const { return m_limits; }

private:
    static XmlLimits xmlLimits();
    QXmlStreamReader::TokenType next();
    void appendCapped(QString &out, QStringView text, qsizetype cap, bool &truncated);
    qsizetype budget(TextKind kind) const;
    QString finishText(QString &&text, bool truncated, bool overBudget);

    BoundedXmlReader m_reader;
    QString m_displayName;
    ReportLimits m_limits;
    CancelToken m_cancel;
    qsizetype m_used = 0; // characters of text kept so far
    int m_errorCode = 0;
    int m_errorLine = 0;
    int m_errorColumn = 0;
    QString m_errorMessage;
    int m_truncated = 0;
    int m_dropped = 0;
    unsigned m_tokens = 0;
};

} // namespace devdash::testresults

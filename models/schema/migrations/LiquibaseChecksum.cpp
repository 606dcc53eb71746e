#include "LiquibaseChecksum.h"

#include <QCryptographicHash>
#include <QRegularExpression>

namespace devdash::migrations {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

QString md5(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Md5).toHex());
}

// CheckSum.parse: "<digit>:<alphanumerics>" keeps its version; anything else is version 1.
QString parsedCheckSum(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^(\\d):([a-zA-Z0-9]+)"));
    const auto m = re.match(text);
    return m.hasMatch() ? QString(m.captured(1) + QLatin1Char(':') + m.captured(2))
                        : QString(QStringLiteral("1:") + text);
}

} // namespace

QString LiquibaseChecksum::sqlChange(const SqlChange &change, int version)
{
    const QByteArray text = change.sql.toUtf8();
    QByteArray hashed;
    hashed.reserve(text.size() + 32);
    if (version == 9) {
        // AbstractSQLChange.NormalizingStream: whitespace is skipped.
        for (char c : text) {
            if (!isSpace(c))
                hashed.append(c);
        }
    } else {
        // NormalizingStreamV8: the header as is, then whitespace runs become one space, with
        // none at the start or the end.
        hashed = (change.endDelimiter ? change.endDelimiter->toUtf8() : QByteArray("null")) + ':'
            + (change.splitStatements ? "true" : "false") + ':' + (change.stripComments ? "true" : "false")
            + ':';
        bool pendingSpace = false;
        bool seen = false;
        for (char c : text) {
            if (isSpace(c)) {
                pendingSpace = seen;
                continue;
            }
            if (pendingSpace)
                hashed.append(' ');
            pendingSpace = false;
            seen = true;
            hashed.append(c);
        }
    }
    return QString::number(version) + QLatin1Char(':') + md5(hashed);
}

QString LiquibaseChecksum::changeSet(const QList<SqlChange> &changes, int version)
{
    // CheckSum.compute(String) also standardises line ends and applies NFC, which leaves
    // this ASCII string as it is.
    QByteArray joined;
    for (const SqlChange &c : changes)
        joined += sqlChange(c, version).toLatin1() + ':';
    return QString::number(version) + QLatin1Char(':') + md5(joined);
}

LiquibaseChecksum::Candidates LiquibaseChecksum::candidates(
    const QList<SqlChange> &changes, const QStringList &validCheckSums)
{
    Candidates c;
    c.v9 = changeSet(changes, 9);
    c.v8 = changeSet(changes, 8);
    for (const QString &text : validCheckSums) {
        const QString parsed = parsedCheckSum(text);
        if (parsed.compare(QLatin1String("1:any"), Qt::CaseInsensitive) == 0
            || parsed.compare(QLatin1String("1:all"), Qt::CaseInsensitive) == 0
            || parsed == QLatin1String("1:*"))
            c.any = true;
        else if (!parsed.contains(QLatin1Char(' ')))
            c.valid.append(parsed); // one with spaces can equal no checksum
    }
    return c;
}

LiquibaseChecksum::Verdict LiquibaseChecksum::verify(const QString &recorded, const Candidates &c)
{
    Verdict v;
    if (recorded.isEmpty()) {
        v.fileChecksum = c.v9; // Liquibase fills a cleared checksum in without comparing
        return v;
    }
    const QString stored = parsedCheckSum(recorded);
    if (stored.startsWith(QLatin1String("9:")))
        v.fileChecksum = c.v9;
    else if (stored.startsWith(QLatin1String("8:")))
        v.fileChecksum = c.v8;
    if (c.any || v.fileChecksum.isEmpty())
        return v;
    v.valid = v.fileChecksum == stored || c.valid.contains(v.fileChecksum) || c.valid.contains(stored);
    v.rerun = !v.valid && c.rerunOnChange;
    return v;
}

} // namespace devdash::migrations

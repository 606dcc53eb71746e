#include "schema/SqliteDdl.h"

#include <QRegularExpression>

namespace devdash::schema {

namespace {

bool isQuote(QChar c)
{
    return c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`') || c == QLatin1Char('[');
}

QChar closingQuote(QChar c)
{
    return c == QLatin1Char('[') ? QLatin1Char(']') : c;
}

// Skips a quoted token starting at `i`; returns the index after it.
int skipQuoted(const QString &sql, int i)
{
    const QChar close = closingQuote(sql.at(i));
    for (int j = i + 1; j < sql.size(); ++j) {
        if (sql.at(j) == close) {
            if (close != QLatin1Char(']') && j + 1 < sql.size() && sql.at(j + 1) == close) {
                ++j; // doubled quote
                continue;
            }
            return j + 1;
        }
    }
    return sql.size();
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

} // namespace

int SqliteDdl::findTopLevel(const QString &sql, const QString &keyword, int from)
{
    int depth = 0;
    for (int i = from; i < sql.size();) {
        const QChar c = sql.at(i);
        if (isQuote(c)) {
            i = skipQuoted(sql, i);
            continue;
        }
        if (c == QLatin1Char('-') && sql.mid(i, 2) == QLatin1String("--")) {
            const int end = sql.indexOf(QLatin1Char('\n'), i);
            i = end < 0 ? sql.size() : end + 1;
            continue;
        }
        if (c == QLatin1Char('(')) {
            ++depth;
        } else if (c == QLatin1Char(')')) {
            --depth;
        } else if (depth == 0 && (i == 0 || !isWordChar(sql.at(i - 1)))
            && sql.mid(i, keyword.size()).compare(keyword, Qt::CaseInsensitive) == 0
            && (i + keyword.size() >= sql.size() || !isWordChar(sql.at(i + keyword.size())))) {
            return i;
        }
        ++i;
    }
    return -1;
}

QString SqliteDdl::parenthesised(const QString &sql, int open, int *end)
{
    int depth = 0;
    for (int i = open; i < sql.size();) {
        const QChar c = sql.at(i);
        if (isQuote(c)) {
            i = skipQuoted(sql, i);
            continue;
        }
        if (c == QLatin1Char('('))
            ++depth;
        else if (c == QLatin1Char(')') && --depth == 0) {
            if (end)
                *end = i;
            return sql.mid(open + 1, i - open - 1);
        }
        ++i;
    }
    if (end)
        *end = sql.size();
    return sql.mid(open + 1);
}

QStringList SqliteDdl::splitTopLevel(const QString &text)
{
    QStringList parts;
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.size();) {
        const QChar c = text.at(i);
        if (isQuote(c)) {
            i = skipQuoted(text, i);
            continue;
        }
        if (c == QLatin1Char('-') && text.mid(i, 2) == QLatin1String("--")) {
            const int end = text.indexOf(QLatin1Char('\n'), i);
            i = end < 0 ? text.size() : end + 1;
            continue;
        }
        if (c == QLatin1Char('('))
            ++depth;
        else if (c == QLatin1Char(')'))
            --depth;
        else if (c == QLatin1Char(',') && depth == 0) {
            parts << text.mid(start, i - start).trimmed();
            start = i + 1;
        }
        ++i;
    }
    const QString last = text.mid(start).trimmed();
    if (!last.isEmpty())
        parts << last;
    return parts;
}

QString SqliteDdl::unquote(QString identifier)
{
    identifier = identifier.trimmed();
    if (identifier.size() >= 2 && isQuote(identifier.front())
        && identifier.back() == closingQuote(identifier.front())) {
        const QChar q = identifier.front();
        identifier = identifier.mid(1, identifier.size() - 2);
        if (q != QLatin1Char('['))
            identifier.replace(QString(2, q), QString(q));
    }
    return identifier;
}

QString SqliteDdl::leadingName(const QString &definition)
{
    const QString text = definition.trimmed();
    if (text.isEmpty())
        return {};
    if (isQuote(text.front()))
        return unquote(text.left(skipQuoted(text, 0)));
    int end = 0;
    while (end < text.size() && isWordChar(text.at(end)))
        ++end;
    return text.left(end);
}

QList<SqliteDdl::TablePart> SqliteDdl::tableParts(const QString &createTable)
{
    QList<TablePart> parts;
    const int open = createTable.indexOf(QLatin1Char('('));
    if (open < 0)
        return parts; // CREATE TABLE … AS SELECT
    for (const QString &piece : splitTopLevel(parenthesised(createTable, open))) {
        TablePart part;
        part.text = piece;
        if (piece.startsWith(QLatin1String("CONSTRAINT"), Qt::CaseInsensitive)
            && (piece.size() == 10 || !isWordChar(piece.at(10)))) {
            const QString rest = piece.mid(10).trimmed();
            part.constraintName = leadingName(rest);
            const int nameEnd
                = !rest.isEmpty() && isQuote(rest.front()) ? skipQuoted(rest, 0) : part.constraintName.size();
            part.text = rest.mid(nameEnd).trimmed();
        }
        parts << part;
    }
    return parts;
}

namespace {

// "… CONSTRAINT name" right before position `at`: that name, unquoted; empty when none.
QString constraintNameBefore(const QString &definition, int at)
{
    static const QRegularExpression named(
        QStringLiteral("CONSTRAINT\\s+(\"[^\"]+\"|\\[[^\\]]+\\]|`[^`]+`|\\w+)\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    const auto match = named.match(definition.left(at).trimmed());
    return match.hasMatch() ? SqliteDdl::unquote(match.captured(1)) : QString();
}

} // namespace

QList<QPair<QString, QString>> SqliteDdl::checks(const QString &definition)
{
    QList<QPair<QString, QString>> out;
    for (int at = findTopLevel(definition, QStringLiteral("CHECK")); at >= 0;
         at = findTopLevel(definition, QStringLiteral("CHECK"), at + 5)) {
        const int open = definition.indexOf(QLatin1Char('('), at);
        if (open < 0)
            break;
        // A column's "CONSTRAINT name CHECK (…)": the name is the word before CHECK.
        out.append({ constraintNameBefore(definition, at), parenthesised(definition, open).trimmed() });
    }
    return out;
}

QString SqliteDdl::referencesName(const QString &columnDefinition)
{
    const int at = findTopLevel(columnDefinition, QStringLiteral("REFERENCES"));
    return at < 0 ? QString() : constraintNameBefore(columnDefinition, at);
}

QString SqliteDdl::generatedExpression(const QString &columnDefinition)
{
    const int as = findTopLevel(columnDefinition, QStringLiteral("AS"));
    if (as < 0)
        return {};
    const int open = columnDefinition.indexOf(QLatin1Char('('), as);
    return open < 0 ? QString() : parenthesised(columnDefinition, open).trimmed();
}

QStringList SqliteDdl::listAfter(const QString &definition, const QString &keyword)
{
    const int at = findTopLevel(definition, keyword);
    if (at < 0)
        return {};
    const int open = definition.indexOf(QLatin1Char('('), at);
    if (open < 0)
        return {};
    QStringList items;
    for (const QString &item : splitTopLevel(parenthesised(definition, open)))
        items << unquote(item);
    return items;
}

QStringList SqliteDdl::indexTerms(const QString &createIndex)
{
    const int on = findTopLevel(createIndex, QStringLiteral("ON"));
    const int open = on < 0 ? -1 : createIndex.indexOf(QLatin1Char('('), on);
    if (open < 0)
        return {};
    QStringList terms;
    static const QRegularExpression order(
        QStringLiteral("\\s+(ASC|DESC|COLLATE\\s+\\S+)\\s*$"), QRegularExpression::CaseInsensitiveOption);
    for (QString term : splitTopLevel(parenthesised(createIndex, open))) {
        while (order.match(term).hasMatch())
            term.remove(order);
        terms << term.trimmed();
    }
    return terms;
}

QString SqliteDdl::indexPredicate(const QString &createIndex)
{
    const int where = findTopLevel(createIndex, QStringLiteral("WHERE"));
    return where < 0 ? QString() : createIndex.mid(where + 5).trimmed();
}

QString SqliteDdl::viewSelect(const QString &createView)
{
    const int as = findTopLevel(createView, QStringLiteral("AS"));
    return as < 0 ? createView : createView.mid(as + 2).trimmed();
}

QString SqliteDdl::triggerTiming(const QString &createTrigger)
{
    const QString head = createTrigger.left(findTopLevel(createTrigger, QStringLiteral("ON"))).toUpper();
    if (head.contains(QLatin1String("INSTEAD OF")))
        return QStringLiteral("instead of");
    if (findTopLevel(head, QStringLiteral("BEFORE")) >= 0)
        return QStringLiteral("before");
    return QStringLiteral("after");
}

QString SqliteDdl::triggerEvents(const QString &createTrigger)
{
    const QString head = createTrigger.left(findTopLevel(createTrigger, QStringLiteral("ON")));
    for (const char *event : { "INSERT", "UPDATE", "DELETE" })
        if (findTopLevel(head, QLatin1String(event)) >= 0)
            return QString::fromLatin1(event).toLower();
    return {};
}

} // namespace devdash::schema

#include "SqlHighlighter.h"

#include "common/Theme.h"

namespace devdash::ui {

SqlHighlighter::SqlHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    updateColours();
}

void SqlHighlighter::updateColours()
{
    const bool dark = Theme::isDark();
    QTextCharFormat keyword, type, string, number, identifier;
    keyword.setForeground(dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xcf, 0x22, 0x2e));
    keyword.setFontWeight(QFont::DemiBold);
    type.setForeground(dark ? QColor(0x79, 0xc0, 0xff) : QColor(0x05, 0x50, 0xae));
    string.setForeground(dark ? QColor(0xa5, 0xd6, 0xff) : QColor(0x0a, 0x30, 0x69));
    number.setForeground(dark ? QColor(0x79, 0xc0, 0xff) : QColor(0x09, 0x69, 0xda));
    identifier.setForeground(dark ? QColor(0xd2, 0xa8, 0xff) : QColor(0x82, 0x50, 0xdf));
    m_comment.setForeground(dark ? QColor(0x8b, 0x94, 0x9e) : QColor(0x6e, 0x77, 0x81));
    m_comment.setFontItalic(true);

    const QString keywords = QStringLiteral(
        "add|after|all|alter|and|as|asc|autoincrement|before|begin|by|cascade|case|check|collate|"
        "column|constraint|create|default|deferrable|deferred|delete|desc|distinct|drop|each|else|end|"
        "exists|for|foreign|from|generated|group|having|if|immediate|in|index|initially|inner|insert|"
        "instead|into|is|join|key|left|like|limit|materialized|no|not|null|of|on|or|order|outer|"
        "partition|primary|references|replace|restrict|returning|row|rowid|select|sequence|set|stored|"
        "strict|table|temp|temporary|then|trigger|type|union|unique|update|using|values|view|virtual|"
        "when|where|with|without|always|identity|owned|action");
    const QString types = QStringLiteral(
        "bigint|bigserial|blob|bool|boolean|bytea|char|character|date|datetime|decimal|double|enum|"
        "float|int|integer|interval|json|jsonb|numeric|real|serial|smallint|text|time|timestamp|"
        "timestamptz|tinyint|uuid|varchar|varying|precision");
    m_rules = {
        { QRegularExpression(
              QStringLiteral("\\b(%1)\\b").arg(keywords), QRegularExpression::CaseInsensitiveOption),
            keyword },
        { QRegularExpression(
              QStringLiteral("\\b(%1)\\b").arg(types), QRegularExpression::CaseInsensitiveOption),
            type },
        { QRegularExpression(QStringLiteral("\\b\\d+(\\.\\d+)?\\b")), number },
        { QRegularExpression(QStringLiteral("\"[^\"]*\"|`[^`]*`|\\[[^\\]]*\\]")), identifier },
        { QRegularExpression(QStringLiteral("'(?:[^']|'')*'")), string },
    };
    rehighlight();
}

void SqlHighlighter::highlightBlock(const QString &text)
{
    for (const Rule &rule : std::as_const(m_rules)) {
        auto it = rule.pattern.globalMatch(text);
        while (it.hasNext()) {
            const auto match = it.next();
            setFormat(int(match.capturedStart()), int(match.capturedLength()), rule.format);
        }
    }
    // Comments: "-- …" to the end of the line, and /* … */ across lines.
    setCurrentBlockState(0);
    int start = previousBlockState() == 1 ? 0 : -1;
    int from = 0;
    while (true) {
        if (start < 0) {
            const int line = int(text.indexOf(QLatin1String("--"), from));
            const int block = int(text.indexOf(QLatin1String("/*"), from));
            if (line >= 0 && (block < 0 || line < block)) {
                setFormat(line, int(text.size()) - line, m_comment);
                return;
            }
            if (block < 0)
                return;
            start = block;
            from = block + 2;
        }
        const int end = int(text.indexOf(QLatin1String("*/"), std::max(from, start)));
        if (end < 0) {
            setFormat(start, int(text.size()) - start, m_comment);
            setCurrentBlockState(1);
            return;
        }
        setFormat(start, end + 2 - start, m_comment);
        from = end + 2;
        start = -1;
    }
}

} // namespace devdash::ui

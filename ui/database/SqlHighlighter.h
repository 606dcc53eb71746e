#pragma once

// Colours the DDL of the Database page: keywords, strings, numbers, comments and
// quoted identifiers, in colours that read on the light and the dark palette.

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace devdash::ui {

class SqlHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit SqlHighlighter(QTextDocument *document);
    // Picks the colours for the current theme and re-colours the text.
    void updateColours();

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Rule
    {
        QRegularExpression pattern;
        QTextCharFormat format;
    };
    QList<Rule> m_rules;
    QTextCharFormat m_comment;
};

} // namespace devdash::ui

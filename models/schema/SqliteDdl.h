#pragma once

// What SQLite's pragmas do not say, read from the DDL it keeps in
// sqlite_schema: CHECK constraints, generated column expressions, constraint
// names, the expressions and WHERE of indexes, the SELECT of a view, a
// trigger's timing and events. A small tokenizer that respects quotes and
// parentheses; enough for DDL SQLite has already accepted.

#include <QList>
#include <QString>
#include <QStringList>

namespace devdash::schema {

class SqliteDdl
{
public:
    struct TablePart
    {
        QString constraintName; // CONSTRAINT name; empty when none
        QString text; // the definition without "CONSTRAINT name"
    };

    // The column definitions and table constraints of a CREATE TABLE, split at
    // the top-level commas of its parenthesised body.
    static QList<TablePart> tableParts(const QString &createTable);
    // The first identifier of a column definition, unquoted.
    static QString leadingName(const QString &definition);
    static QString unquote(QString identifier);
    // The CHECK (…) bodies in a definition, with the CONSTRAINT names in front of them.
    static QList<QPair<QString, QString>> checks(const QString &definition);
    // A column's "CONSTRAINT name REFERENCES …": that name; empty when the column has
    // no REFERENCES clause or it is unnamed.
    static QString referencesName(const QString &columnDefinition);
    // The expression of "GENERATED ALWAYS AS (expr)" / "AS (expr)"; empty when none.
    static QString generatedExpression(const QString &columnDefinition);
    // The parenthesised list after "KEYWORD" (e.g. FOREIGN KEY (…), UNIQUE (…)), split at commas.
    static QStringList listAfter(const QString &definition, const QString &keyword);
    // CREATE INDEX …(a, lower(b)) WHERE x: the key terms and the predicate.
    static QStringList indexTerms(const QString &createIndex);
    static QString indexPredicate(const QString &createIndex);
    // CREATE VIEW v AS SELECT …: the SELECT.
    static QString viewSelect(const QString &createView);
    // CREATE TRIGGER t BEFORE UPDATE OF x ON …: "before", "update".
    static QString triggerTiming(const QString &createTrigger);
    static QString triggerEvents(const QString &createTrigger);

    // Index of `keyword` (case-insensitive, whole word) at parenthesis depth 0
    // and outside quotes, from `from`; -1 when absent.
    static int findTopLevel(const QString &sql, const QString &keyword, int from = 0);
    // The text between the parenthesis at `open` and its match.
    static QString parenthesised(const QString &sql, int open, int *end = nullptr);
    static QStringList splitTopLevel(const QString &text);
};

} // namespace devdash::schema

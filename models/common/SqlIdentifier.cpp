#include "common/SqlIdentifier.h"

namespace devdash {

namespace {

QString enclosed(const QString &name, QChar open, QChar close)
{
    QString out;
    out.reserve(name.size() + 2);
    out += open;
    for (const QChar c : name) {
        out += c;
        if (c == close) // doubled: the only way out of the quotes is the last one
            out += c;
    }
    out += close;
    return out;
}

} // namespace

QString SqlIdentifier::quote(const QString &name, Dialect dialect)
{
    switch (dialect) {
    case Dialect::MySql:
        return enclosed(name, QLatin1Char('`'), QLatin1Char('`'));
    case Dialect::SqlServer:
        return enclosed(name, QLatin1Char('['), QLatin1Char(']'));
    case Dialect::Ansi:
    case Dialect::Postgres:
    case Dialect::Sqlite:
        break;
    }
    return enclosed(name, QLatin1Char('"'), QLatin1Char('"'));
}

QString SqlIdentifier::qualified(const QString &schema, const QString &name, Dialect dialect)
{
    if (schema.isEmpty())
        return quote(name, dialect);
    return quote(schema, dialect) + QLatin1Char('.') + quote(name, dialect);
}

SqlIdentifier::Dialect SqlIdentifier::fromQuoteCharacter(const QString &quoteCharacter)
{
    const QString quote = quoteCharacter.trimmed();
    if (quote == QLatin1String("`"))
        return Dialect::MySql;
    if (quote == QLatin1String("["))
        return Dialect::SqlServer;
    return Dialect::Ansi;
}

} // namespace devdash

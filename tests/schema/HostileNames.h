#pragma once

// Names a catalog may hold that would be SQL if a name were ever written into a
// statement unquoted or badly quoted: the PostgreSQL payload that once dropped a
// table through `devdash migrations`, its backtick and bracket equivalents, dots,
// semicolons, newlines, unicode and PostgreSQL's 63-byte limit.

#include <QList>
#include <QString>

namespace devdash::test {

struct HostileName
{
    const char *label;
    QString name;
};

class HostileNames
{
public:
    // The PostgreSQL payload: a schema of this name made `migrations` drop table p.
    static QString postgresPayload()
    {
        return QStringLiteral("\"x\";end;begin read write;drop table p;end;--");
    }
    // The same for MySQL/MariaDB (backticks) and SQL Server/SQLite (brackets).
    static QString backtickPayload() { return QStringLiteral("`x`;drop table p;--"); }
    static QString bracketPayload() { return QStringLiteral("[x]];drop table p;--"); }

    static QList<HostileName> all()
    {
        return {
            { "postgres payload", postgresPayload() },
            { "backtick payload", backtickPayload() },
            { "bracket payload", bracketPayload() },
            { "quotes at both ends", QStringLiteral("\"quoted\"") },
            { "single quote", QStringLiteral("o'brien';drop table p;--") },
            { "dot", QStringLiteral("schema.table") },
            { "semicolon", QStringLiteral("a;b") },
            { "newline", QStringLiteral("line\nbreak;drop table p") },
            { "comment opener", QStringLiteral("/*x*/--y") },
            { "backslash", QStringLiteral("back\\slash\\") },
            { "dollar quote", QStringLiteral("$$;drop table p;$$") },
            { "unicode", QStringLiteral("Tabelle für Grüße 表") },
            // PostgreSQL's limit is 63 bytes (NAMEDATALEN - 1): 63 exactly, in ASCII and in
            // three-byte characters.
            { "63 bytes", QString(62, QLatin1Char('n')) + QLatin1Char('"') },
            { "63 bytes of unicode", QString(21, QChar(0x8868)) },
        };
    }
};

} // namespace devdash::test

#pragma once

// Ordering of migration versions as the frameworks order them: Flyway "1.20.1" < "1.20.10",
// timestamps and zero-padded numbers by value ("0002" == "2"), names by text.

#include <QString>

namespace devdash::migrations {

class MigrationVersion
{
public:
    // <0, 0, >0. Parts split at '.', '_' and '-'; digit runs compare by value, the rest by text.
    static int compare(const QString &a, const QString &b);
    static bool less(const QString &a, const QString &b) { return compare(a, b) < 0; }
    // A purely numeric key without its leading zeros ("000042" -> "42"), else the key unchanged:
    // golang-migrate and goose store numbers, their file names pad them.
    static QString normalizedKey(const QString &key);
};

} // namespace devdash::migrations

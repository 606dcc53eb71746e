#pragma once

// Checksums of migration files computed the way each framework computes them, so a
// file can be compared with what its history table recorded.

#include <QByteArray>
#include <QString>

namespace devdash::migrations {

class MigrationChecksum
{
public:
    // Flyway's: the script is read line by line (BufferedReader.readLine, so \n, \r\n and \r all
    // end a line and are not hashed), a byte-order mark on the first line is dropped, and a CRC32
    // is updated with each line's UTF-8 bytes; Java stores it as a signed 32-bit int.
    static qint32 flyway(const QByteArray &script);
    // Prisma's `_prisma_migrations.checksum`: the SHA-256 of migration.sql, lower-case hex.
    static QString prisma(const QByteArray &script);
};

} // namespace devdash::migrations

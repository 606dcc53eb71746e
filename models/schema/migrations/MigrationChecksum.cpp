#include "MigrationChecksum.h"

#include <QCryptographicHash>
#include <QString>

#include <zlib.h>

namespace devdash::migrations {

qint32 MigrationChecksum::flyway(const QByteArray &script)
{
    // Flyway decodes the file as UTF-8 (malformed bytes become U+FFFD) and re-encodes each line.
    QString text = QString::fromUtf8(script);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    uLong crc = crc32(0L, Z_NULL, 0);
    qsizetype start = 0;
    const qsizetype n = text.size();
    auto update = [&crc, &text](qsizetype from, qsizetype to) {
        if (to <= from)
            return;
        const QByteArray bytes = QStringView(text).mid(from, to - from).toUtf8();
        crc = crc32(crc, reinterpret_cast<const Bytef *>(bytes.constData()), uInt(bytes.size()));
    };
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            update(start, i);
            if (c == QLatin1Char('\r') && i + 1 < n && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            start = i + 1;
        }
    }
    update(start, n);
    return static_cast<qint32>(static_cast<quint32>(crc));
}

QString MigrationChecksum::prisma(const QByteArray &script)
{
    return QString::fromLatin1(QCryptographicHash::hash(script, QCryptographicHash::Sha256).toHex());
}

} // namespace devdash::migrations

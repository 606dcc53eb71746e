#pragma once

// Reads a zip archive held in memory (a CI artifact as downloaded) with libzip,
// never writing anything to disk. Archives come from servers and the jobs that
// uploaded them, so they are treated as hostile:
//  - at most `maxEntries` entries, and at most `maxTotalBytes` uncompressed bytes
//    over the entries read (checked against the declared sizes first, and again
//    while inflating: a header that lies stops at the cap, not at the end of memory);
//  - an entry named with an absolute path or a `..` part refuses the whole archive;
//  - encrypted entries, bad CRCs and broken structures are errors.

#include "common/CancelToken.h"
#include "common/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

namespace devdash::ci {

struct ZipLimits
{
    qint64 maxTotalBytes = qint64(256) * 1024 * 1024; // uncompressed, over the entries read
    qint64 maxEntries = 65536;
};

struct ZipEntry
{
    QString path; // as stored, '/'-separated, relative
    QByteArray data;
};

class ZipArchive
{
public:
    // The entries `wanted` accepts (by path; folders are never offered), in archive
    // order. `what` names the archive in messages ("artifact junit of run 42").
    static Result<QList<ZipEntry>> read(const QByteArray &zip, const QString &what,
        const std::function<bool(const QString &path)> &wanted, const ZipLimits &limits = {},
        const CancelToken &cancel = {});

    // True for a path that stays inside the folder it would be extracted to.
    static bool isSafePath(const QString &path);
};

} // namespace devdash::ci

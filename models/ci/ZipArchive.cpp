#include "ci/ZipArchive.h"

#include <QRegularExpression>

#include <zip.h>

#include <memory>

namespace devdash::ci {

namespace {

struct ZipErrorText
{
    zip_error_t error;
    ZipErrorText() { zip_error_init(&error); }
    ~ZipErrorText() { zip_error_fini(&error); }
    QString text() { return QString::fromUtf8(zip_error_strerror(&error)); }
};

struct ArchiveCloser
{
    void operator()(zip_t *archive) const { zip_discard(archive); }
};

struct FileCloser
{
    void operator()(zip_file_t *file) const { zip_fclose(file); }
};

QString mib(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', bytes % (1024 * 1024) == 0 ? 0 : 1)
        + QStringLiteral(" MiB");
}

} // namespace

bool ZipArchive::isSafePath(const QString &path)
{
    if (path.isEmpty() || path.startsWith(QLatin1Char('/')) || path.startsWith(QLatin1Char('\\')))
        return false;
    static const QRegularExpression drive(QStringLiteral("^[A-Za-z]:"));
    if (drive.match(path).hasMatch())
        return false;
    static const QRegularExpression separators(QStringLiteral("[/\\\\]"));
    for (const QString &part : path.split(separators))
        if (part == QLatin1String(".."))
            return false;
    return true;
}

Result<QList<ZipEntry>> ZipArchive::read(const QByteArray &zip, const QString &what,
    const std::function<bool(const QString &)> &wanted, const ZipLimits &limits, const CancelToken &cancel)
{
    auto broken = [&what](const QString &why) {
        return Error { QStringLiteral("%1 is not a readable zip archive (%2); nothing was imported from it.")
                           .arg(what, why) };
    };
    if (zip.isEmpty())
        return broken(QStringLiteral("it is empty"));

    ZipErrorText openError;
    // The source reads `zip` in place (freep = 0): `zip` outlives the archive below.
    zip_source_t *source
        = zip_source_buffer_create(zip.constData(), zip_uint64_t(zip.size()), 0, &openError.error);
    if (!source)
        return broken(openError.text());
    // No ZIP_CHECKCONS: it refuses real artifacts whose local headers differ in details
    // from the central directory; names and sizes are taken from the central directory,
    // and every entry read is checked against its CRC.
    std::unique_ptr<zip_t, ArchiveCloser> archive(zip_open_from_source(source, ZIP_RDONLY, &openError.error));
    if (!archive) {
        zip_source_free(source);
        return broken(openError.text());
    }

    const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
    if (count < 0)
        return broken(QString::fromUtf8(zip_strerror(archive.get())));
    if (count > limits.maxEntries)
        return Error { QStringLiteral("%1 holds %2 entries, more than the %3 DevDash reads; nothing was "
                                      "imported from it.")
                           .arg(what)
                           .arg(count)
                           .arg(limits.maxEntries) };

    // First the names and declared sizes of everything: a hostile archive is refused
    // before a single byte is inflated.
    struct Wanted
    {
        zip_uint64_t index;
        QString path;
    };
    QList<Wanted> chosen;
    qint64 declared = 0;
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_stat_index(archive.get(), zip_uint64_t(i), 0, &stat) != 0 || !(stat.valid & ZIP_STAT_NAME))
            return broken(QString::fromUtf8(zip_strerror(archive.get())));
        const QString path = QString::fromUtf8(stat.name);
        if (!isSafePath(path))
            return Error { QStringLiteral(
                "%1 holds an entry with an unsafe path \"%2\" (absolute or with "
                "\"..\"); the archive was refused and nothing was imported from it.")
                               .arg(what, path) };
        if (path.endsWith(QLatin1Char('/')) || !wanted(path))
            continue;
        if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE)
            return Error {
                QStringLiteral("%1: the entry %2 is encrypted; nothing was imported from it.").arg(what, path)
            };
        if (stat.valid & ZIP_STAT_SIZE)
            declared += qint64(std::min<zip_uint64_t>(stat.size, zip_uint64_t(limits.maxTotalBytes) + 1));
        if (declared > limits.maxTotalBytes)
            return Error { QStringLiteral("%1 would inflate to more than %2 (a zip bomb?); nothing was "
                                          "imported from it.")
                               .arg(what, mib(limits.maxTotalBytes)) };
        chosen.append({ zip_uint64_t(i), path });
    }

    QList<ZipEntry> entries;
    qint64 total = 0;
    for (const Wanted &entry : std::as_const(chosen)) {
        std::unique_ptr<zip_file_t, FileCloser> file(zip_fopen_index(archive.get(), entry.index, 0));
        if (!file)
            return broken(
                QStringLiteral("%1: %2").arg(entry.path, QString::fromUtf8(zip_strerror(archive.get()))));
        ZipEntry out;
        out.path = entry.path;
        char buffer[64 * 1024];
        for (;;) {
            if (cancel.isCancelled())
                return Error { QStringLiteral("canceled: reading %1").arg(what) };
            const zip_int64_t n = zip_fread(file.get(), buffer, sizeof buffer);
            if (n < 0)
                return broken(QStringLiteral("%1: %2").arg(
                    entry.path, QString::fromUtf8(zip_file_strerror(file.get()))));
            if (n == 0)
                break;
            total += n;
            // The declared sizes may lie: the cap holds for what is actually inflated.
            if (total > limits.maxTotalBytes)
                return Error { QStringLiteral("%1 inflates to more than %2 (a zip bomb?); nothing was "
                                              "imported from it.")
                                   .arg(what, mib(limits.maxTotalBytes)) };
            out.data.append(buffer, qsizetype(n));
        }
        entries.append(std::move(out));
    }
    return entries;
}

} // namespace devdash::ci

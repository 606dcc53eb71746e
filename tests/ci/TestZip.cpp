#include "TestZip.h"

#include <zip.h>

namespace devdash::test {

QByteArray makeZip(const ZipEntries &entries)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    zip_t *archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    if (!archive)
        qFatal("zip_open_from_source: %s", zip_error_strerror(&error));
    zip_source_keep(buffer); // read back after zip_close
    for (const auto &[name, data] : entries) {
        if (name.endsWith(QLatin1Char('/'))) {
            zip_dir_add(archive, name.toUtf8().constData(), ZIP_FL_ENC_UTF_8);
            continue;
        }
        zip_source_t *source = zip_source_buffer(archive, data.constData(), zip_uint64_t(data.size()), 0);
        if (zip_file_add(archive, name.toUtf8().constData(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0)
            qFatal("zip_file_add %s: %s", qPrintable(name), zip_strerror(archive));
    }
    if (zip_close(archive) != 0)
        qFatal("zip_close: %s", zip_strerror(archive));
    QByteArray out;
    zip_source_open(buffer);
    zip_source_seek(buffer, 0, SEEK_END);
    out.resize(qsizetype(zip_source_tell(buffer)));
    zip_source_seek(buffer, 0, SEEK_SET);
    zip_source_read(buffer, out.data(), zip_uint64_t(out.size()));
    zip_source_close(buffer);
    zip_source_free(buffer);
    zip_error_fini(&error);
    return out;
}

} // namespace devdash::test

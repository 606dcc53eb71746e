#include "CheckedLooseObjects.h"

#include "LibGit2.h"

#include <git2/sys/odb_backend.h>

#include <QFile>

#include <zlib.h>

#include <cstring>

namespace devdash::git {

namespace {

struct Backend
{
    git_odb_backend parent; // first: libgit2 hands us this pointer back
    QByteArray objectsDir;
};

QString objectPath(const Backend *b, const git_oid *oid)
{
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, oid);
    return QFile::decodeName(b->objectsDir) + QLatin1Char('/') + QLatin1String(hex, 2) + QLatin1Char('/')
        + QLatin1String(hex + 2, GIT_OID_HEXSZ - 2);
}

int fail(const QString &message)
{
    git_error_set_str(GIT_ERROR_ODB, message.toUtf8().constData());
    return GIT_ERROR;
}

// Reads the file; GIT_ENOTFOUND when there is no loose object (packs answer then).
int readFile(const Backend *b, const git_oid *oid, QByteArray *out)
{
    QFile file(objectPath(b, oid));
    if (!file.open(QIODevice::ReadOnly))
        return GIT_ENOTFOUND;
    *out = file.readAll();
    return 0;
}

int readObject(void **data, size_t *len, git_object_t *type, git_odb_backend *backend, const git_oid *oid)
{
    auto *b = reinterpret_cast<Backend *>(backend);
    QByteArray compressed;
    if (readFile(b, oid, &compressed) < 0)
        return GIT_ENOTFOUND;
    auto object = CheckedLooseObjects::inflate(compressed, false);
    if (!object)
        return fail(QStringLiteral("object %1: %2").arg(toHex(*oid), object.errorMessage()));
    void *buffer = git_odb_backend_data_alloc(backend, size_t(object->body.size()) + 1);
    if (!buffer)
        return fail(QStringLiteral("out of memory reading object %1").arg(toHex(*oid)));
    std::memcpy(buffer, object->body.constData(), size_t(object->body.size()));
    static_cast<char *>(buffer)[object->body.size()] = '\0';
    *data = buffer;
    *len = size_t(object->body.size());
    *type = object->type;
    return 0;
}

int readHeader(size_t *len, git_object_t *type, git_odb_backend *backend, const git_oid *oid)
{
    auto *b = reinterpret_cast<Backend *>(backend);
    QByteArray compressed;
    if (readFile(b, oid, &compressed) < 0)
        return GIT_ENOTFOUND;
    size_t size = 0;
    auto object = CheckedLooseObjects::inflate(compressed, true, &size);
    if (!object)
        return fail(QStringLiteral("object %1: %2").arg(toHex(*oid), object.errorMessage()));
    *len = size;
    *type = object->type;
    return 0;
}

int exists(git_odb_backend *backend, const git_oid *oid)
{
    return QFile::exists(objectPath(reinterpret_cast<Backend *>(backend), oid)) ? 1 : 0;
}

void freeBackend(git_odb_backend *backend)
{
    delete reinterpret_cast<Backend *>(backend);
}

} // namespace

Result<CheckedLooseObjects::Object> CheckedLooseObjects::inflate(
    const QByteArray &compressed, bool headerOnly, size_t *declaredSize)
{
    z_stream zs {};
    if (inflateInit(&zs) != Z_OK)
        return Error { QStringLiteral("cannot start zlib") };
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.constData()));
    zs.avail_in = uInt(compressed.size());

    // The header first: "<type> <size>\0", at most a few dozen bytes.
    QByteArray out(64, Qt::Uninitialized);
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    int rc = ::inflate(&zs, Z_SYNC_FLUSH);
    const qsizetype headerBytes = out.size() - qsizetype(zs.avail_out);
    const qsizetype nul = out.left(headerBytes).indexOf('\0');
    if ((rc != Z_OK && rc != Z_STREAM_END) || nul < 0) {
        inflateEnd(&zs);
        return Error { QStringLiteral("damaged loose object (unreadable header)") };
    }
    const QByteArray header = out.left(nul);
    const qsizetype space = header.indexOf(' ');
    bool sizeOk = false;
    const qulonglong size = header.mid(space + 1).toULongLong(&sizeOk);
    Object object;
    object.type = space > 0 ? git_object_string2type(header.left(space).constData()) : GIT_OBJECT_INVALID;
    if (object.type == GIT_OBJECT_INVALID || !sizeOk) {
        inflateEnd(&zs);
        return Error {
            QStringLiteral("damaged loose object (bad header '%1')").arg(QString::fromLatin1(header))
        };
    }
    if (declaredSize)
        *declaredSize = size_t(size);
    if (headerOnly) {
        inflateEnd(&zs);
        return object;
    }
    if (size > qulonglong(std::numeric_limits<qsizetype>::max() / 2)) {
        inflateEnd(&zs);
        return Error { QStringLiteral("loose object too large (%1 bytes)").arg(size) };
    }

    // The body: exactly `size` bytes, then the end of the stream — anything else is damage.
    object.body.resize(qsizetype(size));
    const qsizetype already = headerBytes - nul - 1;
    if (already > qsizetype(size)) {
        inflateEnd(&zs);
        return Error { QStringLiteral("damaged loose object (longer than its header says)") };
    }
    std::memcpy(object.body.data(), out.constData() + nul + 1, size_t(already));
    zs.next_out = reinterpret_cast<Bytef *>(object.body.data() + already);
    zs.avail_out = uInt(qsizetype(size) - already);
    unsigned char spare;
    while (rc != Z_STREAM_END) {
        if (zs.avail_out == 0) {
            // Room for one more byte only to detect a body longer than declared.
            zs.next_out = &spare;
            zs.avail_out = 1;
        }
        const uInt inBefore = zs.avail_in, outBefore = zs.avail_out;
        rc = ::inflate(&zs, Z_NO_FLUSH);
        if (rc == Z_STREAM_END)
            break;
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            inflateEnd(&zs);
            return Error { QStringLiteral("damaged loose object (%1)")
                               .arg(QString::fromLatin1(zs.msg ? zs.msg : "zlib error")) };
        }
        if (zs.next_out == &spare + 1 || (zs.avail_in == inBefore && zs.avail_out == outBefore)) {
            // No progress: the input ended before the stream did (truncated), or the
            // body is longer than its header says.
            inflateEnd(&zs);
            return Error { zs.next_out == &spare + 1
                    ? QStringLiteral("damaged loose object (longer than its header says)")
                    : QStringLiteral("truncated loose object") };
        }
    }
    const bool complete = zs.total_out == uLong(size) + uLong(nul + 1) && zs.next_out != &spare + 1;
    inflateEnd(&zs);
    if (!complete)
        return Error { QStringLiteral("damaged loose object (shorter than its header says)") };
    return object;
}

Result<void> CheckedLooseObjects::install(git_repository *repo, const QString &objectsDir)
{
    git_odb *odb = nullptr;
    if (int rc = git_repository_odb(&odb, repo); rc < 0)
        return lastError(QStringLiteral("cannot open the object database"), rc);
    OdbPtr odbPtr(odb);
    auto *backend = new Backend {};
    git_odb_init_backend(&backend->parent, GIT_ODB_BACKEND_VERSION);
    backend->objectsDir = QFile::encodeName(objectsDir);
    backend->parent.read = readObject;
    backend->parent.read_header = readHeader;
    backend->parent.exists = exists;
    backend->parent.free = freeBackend;
    // Above libgit2's loose (1) and pack (2) backends, so that it answers loose reads first.
    if (int rc = git_odb_add_backend(odb, &backend->parent, 3); rc < 0) {
        delete backend;
        return lastError(QStringLiteral("cannot install the object checker"), rc);
    }
    return {};
}

} // namespace devdash::git

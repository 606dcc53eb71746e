#include "LibGit2.h"

#include <QStringDecoder>

#include <mutex>

namespace devdash::git {

void ensureLibGit2()
{
    static std::once_flag once;
    std::call_once(once, [] {
        git_libgit2_init();
        // Cache objects generously: history and diff walks revisit trees.
        git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, ssize_t(256) * 1024 * 1024);
    });
}

Error lastError(const QString &what, int code)
{
    const git_error *e = git_error_last();
    QString detail
        = e && e->message ? QString::fromUtf8(e->message) : QStringLiteral("unknown libgit2 error");
    return Error { what + QStringLiteral(": ") + detail, code };
}

QString decodeMessage(const char *bytes, const char *encoding)
{
    if (!bytes)
        return {};
    const QByteArray raw(bytes);
    if (encoding && *encoding) {
        const QByteArray enc(encoding);
        if (enc.compare("utf-8", Qt::CaseInsensitive) != 0 && enc.compare("utf8", Qt::CaseInsensitive) != 0) {
            QStringDecoder decoder(enc.constData(), QStringDecoder::Flag::Default);
            if (decoder.isValid())
                return decoder.decode(raw);
            // Qt without ICU knows few codecs; Latin-1 family is the common legacy case.
            if (enc.toLower().startsWith("iso-8859") || enc.toLower().startsWith("latin")
                || enc.toLower() == "cp1252" || enc.toLower() == "windows-1252")
                return QString::fromLatin1(raw);
        }
    }
    // QString::fromUtf8 replaces invalid sequences with U+FFFD.
    return QString::fromUtf8(raw);
}

} // namespace devdash::git

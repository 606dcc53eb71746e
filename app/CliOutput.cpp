#include "CliOutput.h"

#include <cstdio>

namespace devdash::cli {

int fail(const QString &message, int code)
{
    QString line = message.trimmed();
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    std::fprintf(stderr, "devdash: %s\n", line.toUtf8().constData());
    return code;
}

void out(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

} // namespace devdash::cli

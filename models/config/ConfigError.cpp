#include "config/ConfigError.h"

#include <QRegularExpression>

namespace devdash::config {

int ConfigError::lineOf(const QByteArray &text, const QString &key)
{
    // "ci[0].watch" → "watch"; "databases[1]" → "databases".
    QString name = key.section(QLatin1Char('.'), -1);
    name.remove(QRegularExpression(QStringLiteral(R"(\[\d+\]$)")));
    if (name.isEmpty() || text.isEmpty())
        return 0;
    const QByteArray quoted = '"' + name.toUtf8() + '"';
    const qsizetype at = text.indexOf(quoted);
    return at < 0 ? 0 : int(text.left(at).count('\n')) + 1;
}

Error ConfigError::at(
    const QString &file, const QString &key, const QString &expected, const QByteArray &text)
{
    const int line = lineOf(text, key);
    const QString where = line > 0 ? QStringLiteral("%1:%2").arg(file).arg(line) : file;
    QString what = expected.trimmed();
    if (!what.endsWith(QLatin1Char('.')))
        what += QLatin1Char('.');
    if (key.isEmpty())
        return Error { QStringLiteral("%1: %2").arg(where, what) };
    return Error { QStringLiteral("%1: \"%2\": %3").arg(where, key, what) };
}

Error ConfigError::notTrusted(const QString &file, const QString &repoRoot, const QString &what)
{
    return Error { QStringLiteral("%1 is not trusted: %2. Review the file, then run `devdash trust %3` "
                                  "(or Review… in the window).")
                       .arg(file, what, repoRoot),
        NotTrustedCode };
}

} // namespace devdash::config

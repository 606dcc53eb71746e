#include "SourceLinks.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>

namespace devdash::testresults {

namespace {

// "path/to/file.ext:12" (an optional ":col" is left alone), not preceded by a word
// character or "/" so that a match starts at the path's beginning.
const QRegularExpression &colonForm()
{
    static const QRegularExpression re(
        QStringLiteral(R"((?<![\w/.\\-])((?:[A-Za-z]:)?[\w./\\-]*[\w-]\.[A-Za-z][\w+]{0,9}):(\d{1,7})\b)"));
    return re;
}

// Python's traceback: File "app/x.py", line 12
const QRegularExpression &pythonForm()
{
    static const QRegularExpression re(QStringLiteral(R"re(File "([^"\n]+)", line (\d{1,7}))re"));
    return re;
}

bool inside(const QString &root, const QString &path)
{
    return path.startsWith(root + QLatin1Char('/'));
}

} // namespace

QList<SourceLocation> SourceLinks::find(const QString &text)
{
    QList<SourceLocation> found;
    for (const QRegularExpression *re : { &pythonForm(), &colonForm() }) {
        auto it = re->globalMatch(text);
        while (it.hasNext()) {
            const auto m = it.next();
            SourceLocation location { m.captured(1), m.captured(2).toInt(), m.capturedStart(0),
                m.capturedLength(0) };
            const bool overlaps = std::any_of(found.cbegin(), found.cend(), [&](const SourceLocation &o) {
                return location.start < o.start + o.length && o.start < location.start + location.length;
            });
            if (!overlaps && location.line > 0)
                found.append(location);
        }
    }
    std::sort(found.begin(), found.end(),
        [](const SourceLocation &a, const SourceLocation &b) { return a.start < b.start; });
    return found;
}

Result<QString> SourceLinks::resolve(const QString &repositoryRoot, const QString &file)
{
    const QString root = QFileInfo(repositoryRoot).canonicalFilePath();
    if (root.isEmpty())
        return Error { QStringLiteral("The repository %1 does not exist").arg(repositoryRoot) };
    const QString cleaned = QDir::cleanPath(QDir::fromNativeSeparators(file.trimmed()));
    if (cleaned.isEmpty() || cleaned == QLatin1String("."))
        return Error { QStringLiteral("No file named") };

    // The candidates, best first: the path itself (relative to the top folder),
    // then ever shorter tails of it inside the repository.
    QStringList candidates;
    candidates << (QDir::isAbsolutePath(cleaned) ? cleaned : root + QLatin1Char('/') + cleaned);
    QStringList parts = cleaned.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    while (parts.size() > 1) {
        parts.removeFirst();
        if (parts.constFirst() != QLatin1String(".."))
            candidates << root + QLatin1Char('/') + parts.join(QLatin1Char('/'));
    }
    bool outside = false;
    for (const QString &candidate : std::as_const(candidates)) {
        const QFileInfo info(candidate);
        if (!info.exists())
            continue;
        // Canonical: "..", symlinks and bind tricks resolved before the check.
        const QString canonical = info.canonicalFilePath();
        if (!inside(root, canonical)) {
            outside = true;
            continue;
        }
        if (!QFileInfo(canonical).isFile())
            continue;
        return canonical;
    }
    if (outside)
        return Error { QStringLiteral("%1 is outside the repository: not opened").arg(file) };
    return Error { QStringLiteral("%1 is not a file of the repository").arg(file) };
}

} // namespace devdash::testresults

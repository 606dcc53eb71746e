#include "ReportGlob.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

namespace devdash::testresults {

namespace {

bool hasWildcard(const QString &text)
{
    return text.contains(QLatin1Char('*')) || text.contains(QLatin1Char('?'))
        || text.contains(QLatin1Char('['));
}

// `**/` matches zero or more folders, `*` and `?` never cross a '/'.
QString globToRegex(const QString &glob)
{
    QString rx;
    for (qsizetype i = 0; i < glob.size(); ++i) {
        const QChar c = glob.at(i);
        if (c == QLatin1Char('*')) {
            if (i + 1 < glob.size() && glob.at(i + 1) == QLatin1Char('*')) {
                const bool slashFollows = i + 2 < glob.size() && glob.at(i + 2) == QLatin1Char('/');
                rx += slashFollows ? QStringLiteral("(?:.*/)?") : QStringLiteral(".*");
                i += slashFollows ? 2 : 1;
            } else {
                rx += QStringLiteral("[^/]*");
            }
        } else if (c == QLatin1Char('?')) {
            rx += QStringLiteral("[^/]");
        } else if (c == QLatin1Char('[')) {
            const qsizetype end = glob.indexOf(QLatin1Char(']'), i + 1);
            if (end < 0) {
                rx += QStringLiteral("\\[");
            } else {
                QString set = glob.mid(i + 1, end - i - 1);
                if (set.startsWith(QLatin1Char('!')))
                    set[0] = QLatin1Char('^');
                rx += QLatin1Char('[') + set.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
                    + QLatin1Char(']');
                i = end;
            }
        } else {
            rx += QRegularExpression::escape(QString(c));
        }
    }
    return QLatin1Char('^') + rx + QLatin1Char('$');
}

bool isReportFile(const QString &path)
{
    return path.endsWith(QLatin1String(".xml"), Qt::CaseInsensitive)
        || path.endsWith(QLatin1String(".trx"), Qt::CaseInsensitive);
}

} // namespace

ReportGlob::ReportGlob(const QString &pattern, const QString &baseDir)
    : m_pattern(pattern)
{
    const QString path = QDir::fromNativeSeparators(pattern);
    m_absolute = QDir::cleanPath(QDir::isAbsolutePath(path) ? path : QDir(baseDir).absoluteFilePath(path));
    // A relative pattern that stays in the base folder yields only files inside it, links
    // resolved: a symlink in a cloned repository cannot point the import at ~/.ssh.
    const QString base = QDir::cleanPath(QDir(baseDir).absolutePath());
    if (!QDir::isAbsolutePath(path) && (m_absolute == base || m_absolute.startsWith(base + QLatin1Char('/')))) {
        m_confinedTo = QFileInfo(base).canonicalFilePath();
        if (m_confinedTo.isEmpty())
            m_confinedTo = base;
    }
    m_isGlob = hasWildcard(m_absolute);
    if (!m_isGlob) {
        m_isDir = QFileInfo(m_absolute).isDir();
        m_root = m_isDir ? m_absolute : QFileInfo(m_absolute).absolutePath();
        m_recursive = m_isDir;
        return;
    }
    // The root is every folder part before the first one with a wildcard.
    const QStringList parts = m_absolute.split(QLatin1Char('/'));
    QStringList fixed;
    for (qsizetype i = 0; i < parts.size() - 1 && !hasWildcard(parts.at(i)); ++i)
        fixed << parts.at(i);
    m_root = fixed.join(QLatin1Char('/'));
    if (m_root.isEmpty())
        m_root = QStringLiteral("/");
    m_recursive = fixed.size() < parts.size() - 1;
    m_regex = QRegularExpression(globToRegex(m_absolute));
}

bool ReportGlob::matches(const QString &absolutePath) const
{
    if (m_isGlob)
        return m_regex.match(absolutePath).hasMatch();
    if (m_isDir)
        return absolutePath.startsWith(m_absolute + QLatin1Char('/')) && isReportFile(absolutePath);
    return absolutePath == m_absolute;
}

bool ReportGlob::staysInside(const QString &file) const
{
    if (m_confinedTo.isEmpty())
        return true;
    const QString real = QFileInfo(file).canonicalFilePath();
    if (real.isEmpty())
        return !QFileInfo(file).isSymLink(); // missing: reported by the caller; a dangling link: no
    return real == m_confinedTo || real.startsWith(m_confinedTo + QLatin1Char('/'));
}

QStringList ReportGlob::expand() const
{
    if (!m_isGlob && !m_isDir)
        return staysInside(m_absolute) ? QStringList { m_absolute } : QStringList();
    QStringList files;
    if (!QFileInfo(m_root).isDir() || !staysInside(m_root))
        return files;
    QDirIterator it(m_root, QDir::Files | QDir::NoDotAndDotDot,
        m_recursive ? QDirIterator::Subdirectories : QDirIterator::NoIteratorFlags);
    while (it.hasNext()) {
        const QString file = QDir::cleanPath(it.next());
        if (matches(file) && staysInside(file))
            files << file;
    }
    files.sort();
    return files;
}

QStringList ReportGlob::expandAll(const QStringList &patterns, const QString &baseDir)
{
    QStringList files;
    for (const QString &pattern : patterns)
        files += ReportGlob(pattern, baseDir).expand();
    files.sort();
    files.removeDuplicates();
    return files;
}

} // namespace devdash::testresults

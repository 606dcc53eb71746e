#pragma once

// A report pattern as users write it in `.devdash.json` or on the command line:
// a file, a folder (every *.xml and *.trx under it) or a glob where `*` and `?`
// stay within one folder and `**` spans any number of folders
// (`build/**/junit*.xml`). Relative patterns are taken from a base folder (the
// repository root).

#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace devdash::testresults {

class ReportGlob
{
public:
    ReportGlob(const QString &pattern, const QString &baseDir);

    QString pattern() const { return m_pattern; }
    // The deepest folder without wildcards: where matching files can appear (the
    // folder to watch). For a plain file, its folder.
    QString root() const { return m_root; }
    bool isGlob() const { return m_isGlob; }
    // True when the pattern names files under root()'s subfolders (`**`, a folder,
    // or wildcards in a folder part).
    bool recursive() const { return m_recursive; }

    // Whether an absolute, clean file path matches.
    bool matches(const QString &absolutePath) const;
    // The existing files matching, sorted. A plain file is returned as it is,
    // whether it exists or not (the caller reports a missing file). A relative pattern
    // yields only files whose real path (links resolved) is inside the base folder.
    QStringList expand() const;
    bool staysInside(const QString &file) const;

    // Every file of every pattern, sorted and without duplicates.
    static QStringList expandAll(const QStringList &patterns, const QString &baseDir);

private:
    QString m_pattern;
    QString m_absolute; // the pattern made absolute and clean
    QString m_root;
    QRegularExpression m_regex;
    bool m_isGlob = false;
    bool m_isDir = false;
    bool m_recursive = false;
    QString m_confinedTo; // the base folder's real path, for a relative pattern that stays in it
};

} // namespace devdash::testresults

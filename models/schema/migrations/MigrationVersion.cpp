#include "MigrationVersion.h"

#include <QStringList>

namespace devdash::migrations {

namespace {

QStringList parts(const QString &v)
{
    QStringList out;
    QString current;
    bool digits = false;
    for (const QChar c : v) {
        if (c == QLatin1Char('.') || c == QLatin1Char('_') || c == QLatin1Char('-')) {
            if (!current.isEmpty())
                out.append(current);
            current.clear();
            continue;
        }
        // A change between digits and letters also separates parts ("1a" -> "1", "a").
        if (!current.isEmpty() && c.isDigit() != digits) {
            out.append(current);
            current.clear();
        }
        digits = c.isDigit();
        current.append(c);
    }
    if (!current.isEmpty())
        out.append(current);
    return out;
}

bool isNumber(const QString &s)
{
    for (const QChar c : s) {
        if (!c.isDigit())
            return false;
    }
    return !s.isEmpty();
}

int compareNumbers(QString a, QString b)
{
    while (a.size() > 1 && a.startsWith(QLatin1Char('0')))
        a.remove(0, 1);
    while (b.size() > 1 && b.startsWith(QLatin1Char('0')))
        b.remove(0, 1);
    if (a.size() != b.size())
        return a.size() < b.size() ? -1 : 1;
    return QString::compare(a, b);
}

} // namespace

int MigrationVersion::compare(const QString &a, const QString &b)
{
    const QStringList pa = parts(a);
    const QStringList pb = parts(b);
    for (qsizetype i = 0; i < qMax(pa.size(), pb.size()); ++i) {
        // A missing part counts as 0 for numbers ("1.2" == "1.2.0"), as less for text.
        const QString x = i < pa.size() ? pa.at(i) : QString();
        const QString y = i < pb.size() ? pb.at(i) : QString();
        int c = 0;
        if (x.isEmpty() && isNumber(y))
            c = compareNumbers(QStringLiteral("0"), y);
        else if (y.isEmpty() && isNumber(x))
            c = compareNumbers(x, QStringLiteral("0"));
        else if (isNumber(x) && isNumber(y))
            c = compareNumbers(x, y);
        else if (isNumber(x) != isNumber(y))
            c = isNumber(x) ? -1 : 1; // numbers before text
        else
            c = QString::compare(x, y, Qt::CaseInsensitive);
        if (c != 0)
            return c < 0 ? -1 : 1;
    }
    return 0;
}

QString MigrationVersion::normalizedKey(const QString &key)
{
    if (!isNumber(key))
        return key;
    QString k = key;
    while (k.size() > 1 && k.startsWith(QLatin1Char('0')))
        k.remove(0, 1);
    return k;
}

} // namespace devdash::migrations

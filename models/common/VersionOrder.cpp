#include "VersionOrder.h"

namespace devdash {

QString VersionOrder::key(const QString &name)
{
    constexpr int Width = 20; // wider than any qint64
    QString out;
    out.reserve(name.size() + 16);
    for (qsizetype i = 0; i < name.size();) {
        if (!name.at(i).isDigit()) {
            out += name.at(i).toLower();
            ++i;
            continue;
        }
        qsizetype end = i;
        while (end < name.size() && name.at(end).isDigit())
            ++end;
        // Leading zeros do not change the value ("007" = "7"); ties go to the shorter text.
        qsizetype first = i;
        while (first + 1 < end && name.at(first) == u'0')
            ++first;
        const QString digits = name.mid(first, end - first);
        out += digits.size() >= Width ? digits : QString(Width - digits.size(), u'0') + digits;
        i = end;
    }
    return out;
}

} // namespace devdash

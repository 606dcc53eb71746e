#include "CompactNumber.h"

#include <QLocale>

#include <cstdlib>

namespace devdash {

QString CompactNumber::format(qint64 n)
{
    const qint64 magnitude = std::llabs(n);
    const char *sign = n < 0 ? "-" : "";
    if (magnitude < 1000)
        return QString::number(n);
    struct Unit
    {
        qint64 size;
        char suffix;
    };
    static constexpr Unit units[] = { { 1'000'000'000LL, 'G' }, { 1'000'000LL, 'M' }, { 1'000LL, 'k' } };
    for (const Unit &unit : units) {
        if (magnitude < unit.size)
            continue;
        // One decimal below 100 of the unit (81.2k), none above (812k); rounding that
        // reaches 1000 moves up a unit (999,960 → 1.0M, not 1000k).
        const double value = double(magnitude) / double(unit.size);
        if (value < 99.95)
            return QStringLiteral("%1%2%3").arg(QLatin1String(sign)).arg(value, 0, 'f', 1).arg(QLatin1Char(unit.suffix));
        if (value < 999.5 || unit.suffix == 'G')
            return QStringLiteral("%1%2%3").arg(QLatin1String(sign)).arg(qRound64(value)).arg(QLatin1Char(unit.suffix));
    }
    // 999,500 .. 999,999 rounds to 1000k: show it as 1.0M.
    return QLatin1String(sign) + QStringLiteral("1.0M");
}

QString CompactNumber::exact(qint64 n)
{
    return QLocale().toString(n);
}

} // namespace devdash

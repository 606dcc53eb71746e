#pragma once

// Counts in narrow table cells: 999, 1.2k, 81.2k, 812k, 1.2M. The exact figure goes in the
// cell's tooltip; a column never cuts a number silently.

#include <QString>

namespace devdash {

class CompactNumber
{
public:
    // Up to four significant characters plus a suffix; exact below 1,000.
    static QString format(qint64 n);
    // "1,234,567" in the user's locale (for tooltips and detail panes).
    static QString exact(qint64 n);
};

} // namespace devdash

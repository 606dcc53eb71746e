#pragma once

// Names in version order, as `git tag --sort=version:refname` and file managers sort
// them: "gitgui-0.6" before "gitgui-0.10", "run 9" before "run 10".

#include <QString>

namespace devdash {

class VersionOrder
{
public:
    // A key that sorts as text the way the names sort as versions: each run of digits is
    // zero-padded to a fixed width (leading zeros kept apart), letters compared case-blind.
    static QString key(const QString &name);
    static bool lessThan(const QString &a, const QString &b) { return key(a) < key(b); }
};

} // namespace devdash
